import { isFreeStatus, isMissionStatus, type MissionStatus, type UnitStatus } from "../events/schema.js";

/**
 * Which status changes a unit may report. ASSUMPTION (Akutt's reading; the Definisjonskatalog lists
 * the statuses, not the moves between them): a mission moves forward along alerted → en route → at
 * scene → transporting → at destination and may skip a step (a feed that misses "en route"), never
 * go back; a free unit may be alerted or report en route to an open incident; an alerted or en-route
 * unit, or one at a destination, may be re-alerted to another incident (diversion); a unit at a
 * scene or transporting must finish first; a transporting unit reports at destination (or out of
 * service) before it is free; any unit may go out of service; an out-of-service unit reports free
 * before it is alerted. Repeating the current status for the same incident changes nothing.
 */
export const MISSION_ORDER: Readonly<Record<MissionStatus, number>> = { alerted: 0, "en-route": 1, "at-scene": 2, transporting: 3, "at-destination": 4 };

/** Statuses a mission may be started or taken over from (to "alerted"; "en-route" only from free). */
const REDIRECTABLE: ReadonlySet<UnitStatus> = new Set(["alerted", "en-route", "at-destination"]);

export interface UnitSituation {
  unitId: string;
  status: UnitStatus;
  incidentId: string | null;
}

/** Why the move is not allowed, or undefined; the incident checks (exists, open) are the caller's. */
export function transitionProblem(unit: UnitSituation, to: UnitStatus, incidentId: string | undefined): string | undefined {
  const from = unit.status;
  const current = unit.incidentId;
  if (to === "out-of-service") return undefined;
  if (!isMissionStatus(to)) {
    return from === "transporting" ? `unit ${unit.unitId} is transporting a patient (incident ${current}); it reports at destination before it is free` : undefined;
  }
  if (isMissionStatus(from) && current === incidentId) {
    return MISSION_ORDER[to] >= MISSION_ORDER[from] ? undefined : `unit ${unit.unitId} cannot go back from ${from} to ${to} on incident ${incidentId}`;
  }
  // A new incident for this unit.
  if (isFreeStatus(from)) return to === "alerted" || to === "en-route" ? undefined : `unit ${unit.unitId} is ${from}: it is alerted to incident ${incidentId} before it reports ${to}`;
  if (from === "out-of-service") return `unit ${unit.unitId} is out of service: it reports free before it takes incident ${incidentId}`;
  if (from === "at-scene" && to === "at-scene") return `unit ${unit.unitId} is at the scene of incident ${current}; it cannot be at the scene of incident ${incidentId} too`;
  if (to === "alerted" && REDIRECTABLE.has(from)) return undefined;
  return `unit ${unit.unitId} is ${from} on incident ${current}; it cannot report ${to} on incident ${incidentId}`;
}
