import type { TravelTimeModel } from "@akutt/model";
import { OUTCOME_LOST, type CompiledScenario, type IncidentLog } from "@akutt/engine";

/**
 * A simulated run turned into the live API's events (docs/live.md, "Replay"): what an AMK system
 * would have posted had the simulated day happened. Pure: the engine's incident log, the compiled
 * scenario and its travel model in, events in time order out.
 *
 * The engine logs every time point of every incident but no unit time-line, so the units' statuses
 * are derived from the incidents they served:
 * - alerted at the engine's commit time, decidedSec + waitForUnitSec: the unit is taken from then on
 *   (log.alertedSec adds the inter-AMK coordination delay, during which the unit is no longer free);
 * - en route at departedSec, at scene at atSceneSec, transporting at leftSceneSec, at destination at
 *   atDestinationSec, free on the road at freeSec, free at its station after the drive home (the
 *   travel model's non-emergency time, as the engine's return-home relocation policy drives);
 * - first responders (akuttbil, legebil) are alerted at the decision; ASSUMPTION: when they were not
 *   first at the scene their arrival is estimated as decision + inter-AMK delay + mean activation +
 *   drive, and they leave when the ambulance is there (as the engine lets them);
 * - transfers and booked transports are not incidents of the live contract: their ambulance is out of
 *   service for the transport (ASSUMPTION: the live contract has no transport event);
 * - duty: free at the station when a shift starts, out of service when it ends (or when the mission
 *   that outlasted the shift is done).
 * Not derivable from the incident log, so not replayed: breaks, cleaning and defects (availability),
 * extra units of multi-unit incidents, relocation to standby points (units are sent home).
 */

export const REPLAY_UNIT_STATUSES = ["free-at-station", "free-on-road", "alerted", "en-route", "at-scene", "transporting", "at-destination", "out-of-service"] as const;
export type ReplayUnitStatus = (typeof REPLAY_UNIT_STATUSES)[number];

export type ReplayEvent =
  | { id: string; type: "incident.created"; time: string; incidentId: string; amk: string; urgency: "red" | "yellow" | "green"; location: { zoneId: string } }
  | { id: string; type: "incident.closed"; time: string; incidentId: string }
  | { id: string; type: "unit.status"; time: string; unitId: string; status: ReplayUnitStatus; incidentId?: string }
  | { id: string; type: "unit.position"; time: string; unitId: string; lat: number; lon: number };

/** An event with its simulation second, so callers can pace or cut without parsing the time. */
export interface TimedReplayEvent {
  simSec: number;
  event: ReplayEvent;
}

export interface ReplayInput {
  compiled: CompiledScenario;
  travel: TravelTimeModel;
  incidents: IncidentLog;
  /** Inter-AMK coordination delay of the scenario's dispatch policy (engine SimulationInputs.dispatch). */
  interAmkDelaySec: number;
  /** The scenario's start instant, ISO-8601 with offset (SimulationCalendar.startIso). */
  startIso: string;
  /** Part of the ids, so replays of different seeds never collide and a repeated replay is all duplicates. */
  seed: number;
  /**
   * Only events in [fromSec, toSec) (simulation seconds), preceded by the state at fromSec: each
   * unit's last status and position before it and every incident still open then. Absent: the whole run.
   */
  window?: { fromSec: number; toSec: number };
}

const URGENCY_NAMES = ["red", "yellow", "green"] as const;
const KIND_EMERGENCY = 0;

// Order of events at the same instant: an incident exists before units are sent to it, a unit is free
// before it is alerted again, and an incident closes after its unit's last status.
const ORDER_CREATED = 0;
const ORDER_STATUS = 1;
const ORDER_POSITION = 2;
const ORDER_CLOSED = 3;

interface Draft {
  simSec: number;
  order: number;
  sequence: number;
  build: (id: string, time: string) => ReplayEvent;
  key: string;
  /** Unit index for statuses and positions, incident row for incident events. */
  subject: number;
  kind: "incident" | "status" | "position";
  /** For unit.status: the status. */
  status?: ReplayUnitStatus;
  /** For incident.created: when the incident is closed (Infinity if never in this run). */
  closedSec?: number;
}

/** One stretch of a unit's time: from commit to free, at a location at the end. */
interface Mission {
  commitSec: number;
  /** [status, simSec] in order; NaN times (never reached in the run) end the list before them. */
  steps: Array<[ReplayUnitStatus, number]>;
  incidentId: string | undefined;
  freeSec: number;
  /** Location where the unit is when the mission is done. */
  endLocation: number;
  /** Location where the unit stands at the scene, for its position. */
  sceneLocation: number;
  destinationLocation: number;
}

export function replayEvents(input: ReplayInput): TimedReplayEvent[] {
  const { compiled, travel, incidents: log, interAmkDelaySec, seed } = input;
  const index = compiled.index;
  const startMs = Date.parse(input.startIso);
  if (!Number.isFinite(startMs)) throw new Error(`replay: start is not an ISO-8601 instant: ${input.startIso}`);
  const drafts: Draft[] = [];
  let sequence = 0;
  const push = (draft: Omit<Draft, "sequence">) => drafts.push({ ...draft, sequence: sequence++ });
  const incidentId = (row: number) => `r${seed}-i${row}`;
  const point = (location: number) => compiled.locationPoints[location]!;

  const missions: Mission[][] = Array.from({ length: compiled.vehicles.count }, () => []);
  for (let row = 0; row < log.count; row++) {
    const id = incidentId(row);
    const zone = log.zone[row]!;
    const decidedSec = log.decidedSec[row]!;
    if (log.kind[row] !== KIND_EMERGENCY) {
      const vehicle = log.vehicle[row]!;
      if (vehicle >= 0 && Number.isFinite(log.alertedSec[row]!)) {
        const destination = log.destination[row]!;
        missions[vehicle]!.push({
          commitSec: log.alertedSec[row]!,
          steps: [["out-of-service", log.alertedSec[row]!]],
          incidentId: undefined,
          freeSec: log.freeSec[row]!,
          endLocation: destination >= 0 ? compiled.destinations[destination]!.location : compiled.vehicles.homeLocation[vehicle]!,
          sceneLocation: zone,
          destinationLocation: destination >= 0 ? compiled.destinations[destination]!.location : zone,
        });
      }
      continue;
    }
    const urgency = log.urgency[row]!;
    const ringSec = log.ringSec[row]!;
    const vehicle = log.vehicle[row]!;
    const lost = log.outcome[row] === OUTCOME_LOST;
    // Lost calls (a full AMK queue, or no unit under a loss policy) end when the AMK gave up on them.
    const closedSec = vehicle >= 0 ? log.freeSec[row]! : lost ? (Number.isFinite(decidedSec) ? decidedSec : ringSec) : NaN;
    const amkId = index.amkIds[log.amk[row]!]!;
    const zoneId = index.zoneIds[zone]!;
    push({
      simSec: ringSec,
      order: ORDER_CREATED,
      key: `${id}.created`,
      subject: row,
      kind: "incident",
      closedSec: Number.isFinite(closedSec) ? closedSec : Infinity,
      build: (eventId, time) => ({ id: eventId, type: "incident.created", time, incidentId: id, amk: amkId, urgency: URGENCY_NAMES[urgency]!, location: { zoneId } }),
    });
    if (Number.isFinite(closedSec)) {
      push({ simSec: closedSec, order: ORDER_CLOSED, key: `${id}.closed`, subject: row, kind: "incident", build: (eventId, time) => ({ id: eventId, type: "incident.closed", time, incidentId: id }) });
    }
    if (vehicle >= 0) {
      const destination = log.destination[row]!;
      const destinationLocation = destination >= 0 ? compiled.destinations[destination]!.location : zone;
      const steps: Array<[ReplayUnitStatus, number]> = [
        ["alerted", decidedSec + log.waitForUnitSec[row]!],
        ["en-route", log.departedSec[row]!],
        ["at-scene", log.atSceneSec[row]!],
      ];
      if (destination >= 0) steps.push(["transporting", log.leftSceneSec[row]!], ["at-destination", log.atDestinationSec[row]!]);
      missions[vehicle]!.push({ commitSec: steps[0]![1], steps, incidentId: id, freeSec: log.freeSec[row]!, endLocation: destinationLocation, sceneLocation: zone, destinationLocation });
    }
    const responder = log.firstResponder[row]!;
    if (responder >= 0) {
      const from = compiled.vehicles.homeLocation[responder]!;
      const driveSec = travel.travelTimeSec(from, zone, urgency === 0, decidedSec);
      const ambulanceAtSceneSec = log.atSceneSec[row]!;
      const firstThere = log.firstAnyAtSceneSec[row]! < ambulanceAtSceneSec || (!Number.isFinite(ambulanceAtSceneSec) && Number.isFinite(log.firstAnyAtSceneSec[row]!));
      const delaySec = compiled.vehicles.amk[responder] !== log.amk[row] ? interAmkDelaySec : 0;
      const arrivalSec = firstThere ? log.firstAnyAtSceneSec[row]! : decidedSec + delaySec + compiled.activation[urgency]!.meanSec + driveSec;
      const departSec = firstThere ? arrivalSec - driveSec : decidedSec + delaySec + compiled.activation[urgency]!.meanSec;
      const leaveSec = Number.isFinite(ambulanceAtSceneSec) ? Math.max(arrivalSec, ambulanceAtSceneSec) : lost ? arrivalSec : NaN;
      missions[responder]!.push({
        commitSec: decidedSec,
        steps: [
          ["alerted", decidedSec],
          ["en-route", Math.max(decidedSec, departSec)],
          ["at-scene", arrivalSec],
        ],
        incidentId: id,
        freeSec: leaveSec,
        endLocation: zone,
        sceneLocation: zone,
        destinationLocation: zone,
      });
    }
  }

  for (let vehicle = 0; vehicle < compiled.vehicles.count; vehicle++) unitTimeline(vehicle, missions[vehicle]!);

  function unitTimeline(vehicle: number, own: Mission[]): void {
    const unitId = index.vehicleIds[vehicle]!;
    const home = compiled.vehicles.homeLocation[vehicle]!;
    const duty = compiled.vehicles.duty[vehicle]!;
    // A status equal to the unit's last one is no change (a shift starting as the unit gets home).
    let last = "";
    const status = (simSec: number, value: ReplayUnitStatus, incident?: string) => {
      const current = `${value}/${incident ?? ""}`;
      if (current === last) return;
      last = current;
      push({
        simSec,
        order: ORDER_STATUS,
        key: `u${vehicle}:${Math.round(simSec * 1000)}.${value}`,
        subject: vehicle,
        kind: "status",
        status: value,
        build: (eventId, time) => ({ id: eventId, type: "unit.status", time, unitId, status: value, ...(incident === undefined ? {} : { incidentId: incident }) }),
      });
    };
    let lastPosition: Draft | undefined;
    const position = (simSec: number, lat: number, lon: number) => {
      const build: Draft["build"] = (eventId, time) => ({ id: eventId, type: "unit.position", time, unitId, lat, lon });
      const ms = Math.round(simSec * 1000);
      // One position per instant: the later one (where the unit went) stands.
      if (lastPosition !== undefined && Math.round(lastPosition.simSec * 1000) === ms) {
        lastPosition.build = build;
        return;
      }
      lastPosition = { simSec, order: ORDER_POSITION, key: `u${vehicle}:${ms}.position`, subject: vehicle, kind: "position", build, sequence: sequence++ };
      drafts.push(lastPosition);
    };
    const at = (simSec: number, location: number) => {
      const { lat, lon } = point(location);
      position(simSec, lat, lon);
    };
    const onDuty = (simSec: number) => duty.some(([start, end]) => simSec >= start && simSec < end);

    own.sort((a, b) => a.commitSec - b.commitSec);
    // Shift starts and ends, merged with the missions in time order.
    type Mark = { simSec: number; kind: "start" } | { simSec: number; kind: "end" } | { simSec: number; kind: "mission"; mission: Mission };
    const marks: Mark[] = [];
    for (const [start, end] of duty) {
      marks.push({ simSec: start, kind: "start" });
      if (end < compiled.horizonSec) marks.push({ simSec: end, kind: "end" });
    }
    for (const mission of own) marks.push({ simSec: mission.commitSec, kind: "mission", mission });
    marks.sort((a, b) => a.simSec - b.simSec || (a.kind === "mission" ? 1 : 0) - (b.kind === "mission" ? 1 : 0));

    if (!onDuty(0)) {
      status(0, "out-of-service");
      at(0, home);
    }
    // Where the unit stands and whether it is driving home (for the position at its next alert).
    let location = home;
    let returning: { fromSec: number; untilSec: number; from: number } | undefined;
    let busyUntilSec = -Infinity;
    for (let k = 0; k < marks.length; k++) {
      const mark = marks[k]!;
      // A shift starts or ends (unless a mission runs past it): the unit is at home, free or out of service.
      if (mark.kind !== "mission") {
        if (mark.simSec >= busyUntilSec) {
          status(mark.simSec, mark.kind === "start" ? "free-at-station" : "out-of-service");
          at(mark.simSec, home);
          location = home;
          returning = undefined;
        }
        continue;
      }
      const mission = mark.mission;
      // Estimated times (a first responder's arrival) never run into the unit's next mission.
      const nextMission = marks.slice(k + 1).find((other) => other.kind === "mission");
      const limitSec = nextMission === undefined ? Infinity : nextMission.simSec;
      if (returning !== undefined && mission.commitSec < returning.untilSec) {
        // Alerted on the way home: where the engine's straight-line fraction puts it.
        const fraction = returning.untilSec > returning.fromSec ? (mission.commitSec - returning.fromSec) / (returning.untilSec - returning.fromSec) : 1;
        const a = point(returning.from);
        const b = point(home);
        position(mission.commitSec, a.lat + (b.lat - a.lat) * fraction, a.lon + (b.lon - a.lon) * fraction);
      }
      returning = undefined;
      let reached = true;
      for (const [value, simSec] of mission.steps) {
        if (!Number.isFinite(simSec)) {
          reached = false;
          break;
        }
        status(Math.min(simSec, limitSec), value, value === "out-of-service" ? undefined : mission.incidentId);
        if (value === "at-scene") at(simSec, mission.sceneLocation);
        else if (value === "at-destination") at(simSec, mission.destinationLocation);
      }
      if (!reached || !Number.isFinite(mission.freeSec)) {
        busyUntilSec = Infinity;
        break;
      }
      const freeSec = Math.min(mission.freeSec, limitSec);
      busyUntilSec = freeSec;
      location = mission.endLocation;
      if (!onDuty(freeSec)) {
        status(freeSec, "out-of-service");
        at(freeSec, home);
        location = home;
        continue;
      }
      if (location === home) {
        status(freeSec, "free-at-station");
        continue;
      }
      status(freeSec, "free-on-road");
      const homeSec = freeSec + travel.travelTimeSec(location, home, false, freeSec);
      returning = { fromSec: freeSec, untilSec: homeSec, from: location };
      const next = marks.slice(k + 1).find((other) => other.kind !== "start");
      if (next === undefined || next.simSec >= homeSec) {
        if (homeSec < compiled.horizonSec && (next === undefined || next.kind !== "end" || next.simSec > homeSec)) {
          status(homeSec, "free-at-station");
          at(homeSec, home);
        }
        location = home;
        returning = undefined;
      }
    }
  }

  drafts.sort((a, b) => a.simSec - b.simSec || a.order - b.order || a.sequence - b.sequence);
  const selected = input.window === undefined ? drafts : windowed(drafts, input.window);
  return selected.map((draft) => ({
    simSec: draft.simSec,
    event: draft.build(`r${seed}-${draft.key}`, new Date(startMs + Math.round(draft.simSec * 1000)).toISOString()),
  }));
}

/** Statuses a unit may report first (the live state starts every unit free at its station): the start of a mission or a free or out-of-service spell. */
const ANCHORS: ReadonlySet<ReplayUnitStatus> = new Set(["alerted", "free-at-station", "free-on-road", "out-of-service"]);

/**
 * The events of [fromSec, toSec), preceded by the state at fromSec (see ReplayInput.window): each
 * unit's statuses since its last anchor (so a unit in the middle of a mission reports it from its
 * alert on, as the live state's transitions require, and a unit back at its station from when it went
 * free on the road), its last position and the incidents still open.
 */
function windowed(drafts: Draft[], window: { fromSec: number; toSec: number }): Draft[] {
  const sinceAnchor = new Map<number, Draft[]>();
  const lastPosition = new Map<number, Draft>();
  const before: Draft[] = [];
  const inside: Draft[] = [];
  for (const draft of drafts) {
    if (draft.simSec >= window.toSec) break;
    if (draft.simSec >= window.fromSec) {
      inside.push(draft);
      continue;
    }
    if (draft.kind === "status") {
      const previous = sinceAnchor.get(draft.subject);
      // Back at the station after a drive home: the free spell began on the road (dispatch ties go to the unit free longest).
      const continues = draft.status === "free-at-station" && previous?.[previous.length - 1]?.status === "free-on-road";
      if (ANCHORS.has(draft.status!) && !continues) sinceAnchor.set(draft.subject, [draft]);
      else previous?.push(draft);
    } else if (draft.kind === "position") lastPosition.set(draft.subject, draft);
    else if (draft.order === ORDER_CREATED && draft.closedSec! >= window.fromSec) before.push(draft);
  }
  const state = [...before, ...[...sinceAnchor.values()].flat(), ...lastPosition.values()];
  state.sort((a, b) => a.simSec - b.simSec || a.order - b.order || a.sequence - b.sequence);
  return [...state, ...inside];
}
