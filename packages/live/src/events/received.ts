import type { LiveEvent } from "./schema.js";

/** Who posted an event: the token's name and its AMK (`ALL_AMKS` for a token that speaks for every AMK). */
export interface Poster {
  name: string;
  amk: string;
}

/** The AMK value of a token that may post for every AMK (a regional integration, the replay tool). */
export const ALL_AMKS = "*";

/** An event as the log keeps it: the event, who posted it, when it arrived and its place in arrival order. */
export interface ReceivedEvent {
  /** Arrival order, from 1; the log's line order. */
  seq: number;
  /** Server time of arrival (UTC ISO). */
  receivedAt: string;
  by: Poster;
  event: LiveEvent;
}
