import type { Urgency } from "@akutt/model";

export type AreaClass = "tettbygd" | "grisgrendt";

/**
 * National response-time targets (NOU 1998:9, endorsed by Stortinget in 2000; used by
 * Helsedirektoratet's quality indicator): 90 % of red (akutt) incidents reached by an ambulance
 * within 12 minutes in urban (tettbygd) municipalities and 25 minutes in rural (grisgrendt) ones.
 */
export const RED_RESPONSE_TARGET_SEC: Readonly<Record<AreaClass, number>> = { tettbygd: 12 * 60, grisgrendt: 25 * 60 };

/**
 * The 2000 white-paper target for yellow (haster): 90 % reached within 30 minutes in towns and
 * built-up areas and 40 minutes in sparsely populated areas (St.meld. nr. 43 (1999–2000), quoted by
 * the health minister in a written answer to Stortinget, qid=63335; shared/reference/domain-facts.md).
 * Not a Helsedirektoratet quality indicator. Green has no target; the report gives null for it,
 * never an invented one.
 */
export const YELLOW_RESPONSE_TARGET_SEC: Readonly<Record<AreaClass, number>> = { tettbygd: 30 * 60, grisgrendt: 40 * 60 };

/** Share of red incidents that should be within target. */
export const RED_RESPONSE_TARGET_SHARE = 0.9;

/** Akuttmedisinforskriften § 15 b: 90 % of 113 calls answered within 10 s. */
export const AMK_ANSWER_TARGET_SEC = 10;
export const AMK_ANSWER_TARGET_SHARE = 0.9;

/** Response-time target in seconds for an urgency in an area class, or null where none exists. */
export function responseTargetSec(urgency: Urgency, areaClass: AreaClass): number | null {
  if (urgency === "red") return RED_RESPONSE_TARGET_SEC[areaClass];
  if (urgency === "yellow") return YELLOW_RESPONSE_TARGET_SEC[areaClass];
  return null;
}
