import { VEHICLE_ROLE, type SimulationSnapshot, type SnapshotIncident, type SnapshotUnit } from "@akutt/engine";
import type { AdviceContext } from "./context.js";

/**
 * What advice reads of the live state (packages/live/src/state: LiveStateView has this shape). Times
 * are ISO-8601 instants.
 */
export interface AdvicePicture {
  /** The time of the latest accepted event: advice holds at this moment. */
  asOf: string | null;
  units: readonly AdviceUnit[];
  /** Open incidents. */
  incidents: readonly AdviceIncident[];
}

export type AdviceUnitStatus = "free-at-station" | "free-on-road" | "alerted" | "en-route" | "at-scene" | "transporting" | "at-destination" | "out-of-service";

export interface AdviceUnit {
  unitId: string;
  status: AdviceUnitStatus;
  incidentId: string | null;
  statusSince: string | null;
  lat: number;
  lon: number;
  positionTime: string | null;
  /** While free: since when (it left its mission; dispatch ties go to the unit free longest); null: free since before the picture's first event (LiveUnit.freeSince). */
  freeSince: string | null;
}

export interface AdviceIncident {
  incidentId: string;
  amk: string;
  urgency: "red" | "yellow" | "green";
  location: { zoneId: string } | { lat: number; lon: number };
  createdAt: string;
  /** Units on it now; the earliest alerted transporting one is its ambulance in the engine. */
  units: readonly string[];
  firstAtSceneAt: string | null;
}

const URGENCY_INDEX = { red: 0, yellow: 1, green: 2 } as const;
const WEEK_SEC = 7 * 86_400;

/** The live picture as an engine snapshot, with the ids of its incident rows. */
export interface PictureSnapshot {
  snapshot: SimulationSnapshot;
  /** Incident id of each snapshot incident row (an extra ambulance on an incident gets a row of its own). */
  incidentIds: string[];
  /** Simulation seconds of an instant of this picture. */
  simSec(iso: string): number;
}

export class PictureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PictureError";
  }
}

/**
 * The engine snapshot of a live picture at its asOf time:
 * - times: seconds from the scenario's start; a picture outside the scenario's run (less `aheadSec`
 *   for a forecast) is moved by whole weeks into it (ASSUMPTION: the same hour of the week; a
 *   daylight-saving change between them shifts it by an hour);
 * - positions: the engine location nearest (straight line) to the unit's last position; a unit free
 *   at a station stands at the nearest station or standby point;
 * - free on the road: driving back from where it is to its home station, from the status time, as the
 *   engine drives (ASSUMPTION: home, whatever the relocation policy would choose);
 * - missions: phase ends are not known live: drives end after the engine's drive from the unit's
 *   position, waits after the incident's draw of their duration (engine/src/snapshot);
 * - an incident's first transporting unit is its ambulance; further ambulances on it get a copy of
 *   the incident (the engine has no joint operation without the multi-unit mechanism);
 * - `queue: false`: no incident waits in the engine's queue. A recommendation asks for it: an open
 *   incident without a unit while units are free is one the AMK is still handling (the engine has not
 *   decided it yet, so it takes no unit before the incident asked about);
 * - `at`: the moment of the advice, at or after asOf (default asOf).
 */
export function pictureSnapshot(context: AdviceContext, picture: AdvicePicture, options: { aheadSec?: number; queue?: boolean; at?: string } = {}): PictureSnapshot {
  const { compiled } = context.inputs;
  if (picture.asOf === null) throw new PictureError("the live state has no events yet");
  if (options.at !== undefined && !(Date.parse(options.at) >= Date.parse(picture.asOf))) throw new PictureError(`advice at ${options.at} is before the state's latest event (${picture.asOf})`);
  const rawNow = (Date.parse(options.at ?? picture.asOf) - context.startMs) / 1000;
  const latest = compiled.horizonSec - (options.aheadSec ?? 0);
  let shiftSec = 0;
  if (rawNow < 0 || rawNow > latest) {
    shiftSec = (((rawNow % WEEK_SEC) + WEEK_SEC) % WEEK_SEC) - rawNow;
    if (rawNow + shiftSec > latest) throw new PictureError(`the scenario's run (${compiled.horizonSec / 86_400} days) is too short to hold this moment and ${options.aheadSec ?? 0} s after it`);
  }
  const simSec = (iso: string) => (Date.parse(iso) - context.startMs) / 1000 + shiftSec;
  const now = rawNow + shiftSec;
  const at = (iso: string | null | undefined) => (iso ? Math.min(now, simSec(iso)) : now);

  const incidentIds: string[] = [];
  const incidents: SnapshotIncident[] = [];
  const rowOf = new Map<string, number>();
  const byId = new Map(picture.incidents.map((incident) => [incident.incidentId, incident]));
  const addRow = (incident: AdviceIncident): number => {
    const zone = "zoneId" in incident.location ? context.zoneIndex.get(incident.location.zoneId) : context.nearest.nearestTo(incident.location.lat, incident.location.lon, context.zoneLocations);
    if (zone === undefined) throw new PictureError(`incident ${incident.incidentId}: zone is not in the scenario`);
    const createdSec = at(incident.createdAt);
    incidents.push({ ringSec: createdSec, zone, urgency: URGENCY_INDEX[incident.urgency], decidedSec: createdSec, ...(incident.firstAtSceneAt ? { atSceneSec: at(incident.firstAtSceneAt) } : {}) });
    incidentIds.push(incident.incidentId);
    return incidents.length - 1;
  };
  for (const incident of picture.incidents) rowOf.set(incident.incidentId, addRow(incident));

  const live = new Map(picture.units.map((unit) => [unit.unitId, unit]));
  // The transporting unit of each incident: the earliest in its status, then by id.
  const transportOf = new Map<string, string>();
  const missionUnits = [...picture.units].filter((unit) => unit.incidentId !== null && byId.has(unit.incidentId) && isTransport(context, unit.unitId));
  missionUnits.sort((a, b) => (a.statusSince ?? "").localeCompare(b.statusSince ?? "") || a.unitId.localeCompare(b.unitId));
  for (const unit of missionUnits) if (!transportOf.has(unit.incidentId!)) transportOf.set(unit.incidentId!, unit.unitId);

  const units = compiled.index.vehicleIds.map((unitId, v): SnapshotUnit => {
    const unit = live.get(unitId);
    const home = compiled.vehicles.homeLocation[v]!;
    if (!unit) return { state: "idle", location: home };
    const moved = unit.positionTime !== null;
    const position = moved ? context.nearest.nearestTo(unit.lat, unit.lon) : home;
    const since = at(unit.statusSince);
    // A unit that has reported nothing has been free since before anything else (the engine: since its shift began).
    const freeSinceSec = unit.freeSince === null ? -Infinity : at(unit.freeSince);
    switch (unit.status) {
      case "out-of-service":
        return { state: "off" };
      case "free-at-station":
        return { state: "idle", location: moved ? context.nearest.nearestTo(unit.lat, unit.lon, context.baseLocations) : home, freeSinceSec };
      case "free-on-road":
        return { state: "returning", from: position, base: home, startSec: since, freeSinceSec };
    }
    // An incident closed while a unit still reports on it: the unit finishes its mission on a stand-in where it is (ASSUMPTION: green).
    const standIn: AdviceIncident = { incidentId: unit.incidentId ?? unitId, amk: "", urgency: "green", location: { lat: unit.lat, lon: unit.lon }, createdAt: unit.statusSince ?? picture.asOf!, units: [unitId], firstAtSceneAt: null };
    const incident = byId.get(unit.incidentId ?? "") ?? standIn;
    const transport = isTransport(context, unitId);
    const ownRow = !byId.has(incident.incidentId) || (transport && transportOf.get(incident.incidentId) !== unitId);
    const row = ownRow ? addRow(incident) : rowOf.get(incident.incidentId)!;
    const role = transport ? "transport" : "firstResponse";
    const urgency = incidents[row]!.urgency;
    const travel = context.inputs.travel;
    // A drive whose start position is the last one reported ends after the engine's drive from there (from the status time if no position came since).
    const driveEnd = (target: number, emergency: boolean) => {
      const startSec = unit.positionTime && Date.parse(unit.positionTime) > Date.parse(unit.statusSince ?? unit.positionTime) ? now : since;
      return Math.max(now, startSec + travel.travelTimeSec(position, target, emergency, startSec));
    };
    switch (unit.status) {
      case "alerted":
        return { state: "alerted", incident: row, role, location: position, sinceSec: since };
      case "en-route":
        return { state: "toScene", incident: row, role, location: position, sinceSec: since, endSec: driveEnd(incidents[row]!.zone, urgency === 0) };
      case "at-scene":
        return { state: "atScene", incident: row, role, location: incidents[row]!.zone, sinceSec: since };
      case "transporting":
        return { state: "toDestination", incident: row, role, location: position, sinceSec: since };
      case "at-destination": {
        const destination = context.nearest.nearestTo(unit.lat, unit.lon, context.destinationLocations);
        incidents[row] = { ...incidents[row]!, destination: [...context.destinationLocations].indexOf(destination) };
        return { state: "atDestination", incident: row, role, location: destination, sinceSec: since };
      }
    }
  });

  const waiting = picture.incidents
    // Waiting for an ambulance: none on it and none has reached the scene (a first responder alone does not end the wait, as in the engine).
    .filter((incident) => options.queue !== false && incident.firstAtSceneAt === null && !transportOf.has(incident.incidentId))
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.incidentId.localeCompare(b.incidentId))
    .map((incident) => rowOf.get(incident.incidentId)!);
  return { snapshot: { timeSec: now, incidents, units, waiting }, incidentIds, simSec };
}

function isTransport(context: AdviceContext, unitId: string): boolean {
  const v = context.vehicleIndex.get(unitId);
  return v !== undefined && (context.inputs.compiled.vehicles.role[v]! & VEHICLE_ROLE.transport) !== 0;
}
