import type { Urgency } from "@akutt/model";

export type AreaClass = "tettbygd" | "grisgrendt";

/**
 * National response-time targets (NOU 1998:9, endorsed by Stortinget in 2000; used by
 * Helsedirektoratet's quality indicator): 90 % of red (akutt) incidents reached by an ambulance
 * within 12 minutes in urban (tettbygd) municipalities and 25 minutes in rural (grisgrendt) ones.
 * Yellow and green have no national target; the report gives null, never an invented one.
 */
export const RED_RESPONSE_TARGET_SEC: Readonly<Record<AreaClass, number>> = { tettbygd: 12 * 60, grisgrendt: 25 * 60 };

/** Share of red incidents that should be within target. */
export const RED_RESPONSE_TARGET_SHARE = 0.9;

/** Akuttmedisinforskriften § 15 b: 90 % of 113 calls answered within 10 s. */
export const AMK_ANSWER_TARGET_SEC = 10;
export const AMK_ANSWER_TARGET_SHARE = 0.9;

/** Response-time target in seconds for an urgency in an area class, or null where none exists. */
export function responseTargetSec(urgency: Urgency, areaClass: AreaClass): number | null {
  return urgency === "red" ? RED_RESPONSE_TARGET_SEC[areaClass] : null;
}
