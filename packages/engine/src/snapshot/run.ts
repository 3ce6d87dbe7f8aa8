import { generateIncidents, type GeneratedIncidents } from "../demand/demand.js";
import type { FreeAmbulances, Moves } from "../policies/index.js";
import { createRandomStreams, replicationSeed } from "../random/random.js";
import type { ReplicationResult } from "../result/result.js";
import { Simulation, replicationResult, type RankedCandidate, type SimulationInputs, type StateSampler } from "../simulation/simulation.js";
import { SnapshotError, type SimulationSnapshot } from "./snapshot.js";

export interface SnapshotRunOptions {
  seed: number;
  replication: number;
  /** The run ends after this simulation time (seconds); at most the scenario's horizon. */
  untilSec: number;
  /**
   * Calls ringing after the snapshot, in ringing order. Absent: drawn from the scenario's demand
   * between the snapshot's time and untilSec, on the replication's own streams.
   */
  futureIncidents?: GeneratedIncidents;
  /** Observes the free ambulances at the snapshot's time and every everySec after it. */
  sample?: StateSampler;
}

/**
 * One replication that starts from a snapshot at snapshot.timeSec instead of an empty system. Pure:
 * same inputs, snapshot and options give identical results. What a snapshot cannot hold is left
 * out of the run (ASSUMPTION, named in docs/live.md): the AMK's operators (calls are answered at
 * once, so the AMK log is empty), availability (cleaning, breaks, defects), multi-unit incidents
 * and transfers. Incidents 0 … k−1 of the result are the snapshot's; later ones rang after it.
 */
export function simulateFromSnapshot(inputs: SimulationInputs, snapshot: SimulationSnapshot, options: SnapshotRunOptions): ReplicationResult {
  const core = snapshotInputs(inputs);
  checkSnapshot(core, snapshot);
  if (!(options.untilSec >= snapshot.timeSec && options.untilSec <= core.compiled.horizonSec)) {
    throw new SnapshotError(`untilSec ${options.untilSec} must lie between the snapshot's time ${snapshot.timeSec} and the horizon ${core.compiled.horizonSec}`);
  }
  // A step of 0 (or below) would observe the same instant for ever.
  if (options.sample && !(Number.isFinite(options.sample.everySec) && options.sample.everySec > 0)) throw new SnapshotError("sample.everySec must be a positive number of seconds");
  const seed = replicationSeed(options.seed, options.replication);
  const streams = createRandomStreams(seed);
  const demand = core.compiled.demand;
  const future =
    options.futureIncidents ??
    generateIncidents(
      { ...demand, windowStartSec: Math.max(demand.windowStartSec, snapshot.timeSec), windowEndSec: Math.min(demand.windowEndSec, options.untilSec) },
      core.calendar,
      options.untilSec,
      streams,
    );
  const simulation = new Simulation(core, streams, withSnapshotIncidents(snapshot, future), undefined);
  simulation.runFrom(snapshot, options.untilSec, options.sample);
  return replicationResult(simulation, core, options.seed, options.replication);
}

/**
 * The state of replication `replication` at `atSec`, run from the start exactly as
 * simulateReplication runs it (the law test resumes from it). Refused (SnapshotError) when the
 * state holds what a snapshot cannot: a call waiting for an AMK operator, availability, multi-unit
 * or transports state.
 */
export function captureSnapshot(inputs: SimulationInputs, seed: number, replication: number, atSec: number): SimulationSnapshot {
  const streams = createRandomStreams(replicationSeed(seed, replication));
  const all = inputs.recordedIncidents ?? generateIncidents(inputs.compiled.demand, inputs.calendar, inputs.compiled.horizonSec, streams);
  let rung = 0;
  while (rung < all.count && all.ringSec[rung]! <= atSec) rung++;
  const past: GeneratedIncidents = { count: rung, ringSec: all.ringSec.subarray(0, rung), zone: all.zone.subarray(0, rung), urgency: all.urgency.subarray(0, rung) };
  const simulation = new Simulation(inputs, streams, past, undefined);
  simulation.runUntil(atSec);
  return simulation.capture();
}

/** A new incident to rank units for: where and how urgent, decided at the snapshot's time. */
export interface NewIncident {
  zone: number;
  urgency: number;
}

/**
 * Every free unit that may serve a new incident, ranked by the engine's arrival estimate, with the
 * scenario's dispatch policy's own choice first (`chosen`, −1 when none would be sent).
 */
export function rankUnits(inputs: SimulationInputs, snapshot: SimulationSnapshot, incident: NewIncident): { chosen: number; candidates: RankedCandidate[] } {
  const view = openSnapshot(inputs, snapshot, incident);
  return view.rank(snapshot.incidents.length);
}

/** A snapshot put in place, for advice: what the engine's policies see at that moment. */
export interface SnapshotView {
  freeAmbulances(): FreeAmbulances;
  /** Where the relocation policy sends an idle ambulance (its own position: stay). */
  relocationTarget(vehicle: number): number;
  /** Moves a move-up policy (compliance table) asks for now; empty for other policies. */
  repositionNow(): Moves;
  rank(incident: number): { chosen: number; candidates: RankedCandidate[] };
}

/** The snapshot in place (nothing run); `extra` adds one incident decided at the snapshot's time, after the snapshot's own. */
export function openSnapshot(inputs: SimulationInputs, snapshot: SimulationSnapshot, extra?: NewIncident): SnapshotView {
  const core = snapshotInputs(inputs);
  checkSnapshot(core, snapshot);
  if (extra && !(Number.isInteger(extra.zone) && extra.zone >= 0 && extra.zone < core.compiled.zoneCount && [0, 1, 2].includes(extra.urgency))) {
    throw new SnapshotError("the new incident's zone or urgency is not in the scenario");
  }
  const future: GeneratedIncidents = extra
    ? { count: 1, ringSec: Float64Array.of(snapshot.timeSec), zone: Int32Array.of(extra.zone), urgency: Uint8Array.of(extra.urgency) }
    : { count: 0, ringSec: new Float64Array(0), zone: new Int32Array(0), urgency: new Uint8Array(0) };
  const rows = withSnapshotIncidents(snapshot, future);
  const simulation = new Simulation(core, createRandomStreams(0), rows, undefined);
  simulation.restore(snapshot, snapshot.timeSec);
  return simulation;
}

/** The inputs without the mechanisms a snapshot cannot hold (see simulateFromSnapshot). */
function snapshotInputs(inputs: SimulationInputs): SimulationInputs {
  const { transports: _transports, ...compiled } = inputs.compiled;
  return { ...inputs, compiled: { ...compiled, availability: undefined, multiUnit: undefined }, recordedIncidents: undefined };
}

function withSnapshotIncidents(snapshot: SimulationSnapshot, future: GeneratedIncidents): GeneratedIncidents {
  const known = snapshot.incidents.length;
  const count = known + future.count;
  const ringSec = new Float64Array(count);
  const zone = new Int32Array(count);
  const urgency = new Uint8Array(count);
  snapshot.incidents.forEach((incident, i) => {
    ringSec[i] = incident.ringSec;
    zone[i] = incident.zone;
    urgency[i] = incident.urgency;
  });
  ringSec.set(future.ringSec.subarray(0, future.count), known);
  zone.set(future.zone.subarray(0, future.count), known);
  urgency.set(future.urgency.subarray(0, future.count), known);
  return { count, ringSec, zone, urgency };
}

const MISSION_STATES: ReadonlySet<string> = new Set(["alerted", "toScene", "atScene", "toDestination", "atDestination"]);

/**
 * Indices in range, known states and roles, finite times (a phase's given end not before the
 * snapshot: the run's clock never goes back), one mission per incident role and each waiting
 * incident once; the snapshot's producer (live state, capture) is trusted for the rest.
 */
function checkSnapshot(inputs: SimulationInputs, snapshot: SimulationSnapshot): void {
  const c = inputs.compiled;
  const fail = (what: string) => {
    throw new SnapshotError(what);
  };
  const time = (value: number | undefined, what: string) => {
    if (value !== undefined && !Number.isFinite(value)) fail(`${what} is not a finite number of seconds`);
  };
  // −Infinity: free since before anything the producer knows (free longest of all).
  const freeSince = (value: number | undefined, what: string) => {
    if (value !== undefined && !(typeof value === "number" && !Number.isNaN(value))) fail(`${what} is not a number of seconds`);
  };
  if (!Number.isFinite(snapshot.timeSec) || snapshot.timeSec < 0 || snapshot.timeSec > c.horizonSec) fail(`snapshot time ${snapshot.timeSec} is outside the scenario's run`);
  if (snapshot.units.length !== c.vehicles.count) fail(`snapshot has ${snapshot.units.length} units, the scenario ${c.vehicles.count}`);
  const incidentCount = snapshot.incidents.length;
  snapshot.incidents.forEach((incident, i) => {
    if (!(Number.isInteger(incident.zone) && incident.zone >= 0 && incident.zone < c.zoneCount)) fail(`incident ${i}: zone ${incident.zone} is not in the scenario`);
    if (![0, 1, 2].includes(incident.urgency)) fail(`incident ${i}: urgency ${incident.urgency} is not 0, 1 or 2`);
    time(incident.ringSec, `incident ${i}: ringSec`);
    if (incident.ringSec > snapshot.timeSec) fail(`incident ${i} rings after the snapshot`);
    // Not a number: never decided (a lost call).
    if (!Number.isNaN(incident.decidedSec)) time(incident.decidedSec, `incident ${i}: decidedSec`);
    time(incident.atSceneSec, `incident ${i}: atSceneSec`);
    if (incident.destination !== undefined && !(incident.destination >= 0 && incident.destination < c.destinations.length)) fail(`incident ${i}: destination ${incident.destination} is not in the scenario`);
  });
  const location = (value: number, what: string) => {
    if (!(Number.isInteger(value) && value >= 0 && value < c.locationCount)) fail(`${what}: location ${value} is not in the scenario`);
  };
  const taken = new Set<string>();
  snapshot.units.forEach((unit, v) => {
    if (unit.state === "off") return;
    if (unit.state === "idle") {
      freeSince(unit.freeSinceSec, `vehicle ${v}: freeSinceSec`);
      return location(unit.location, `vehicle ${v}`);
    }
    if (unit.state === "returning") {
      time(unit.startSec, `vehicle ${v}: startSec`);
      time(unit.endSec, `vehicle ${v}: endSec`);
      if (unit.endSec !== undefined && unit.endSec < snapshot.timeSec) fail(`vehicle ${v}: endSec is before the snapshot`);
      freeSince(unit.freeSinceSec, `vehicle ${v}: freeSinceSec`);
      location(unit.from, `vehicle ${v}`);
      return location(unit.base, `vehicle ${v}`);
    }
    if (!MISSION_STATES.has(unit.state)) fail(`vehicle ${v}: its state is not one a snapshot holds`);
    if (unit.role !== "transport" && unit.role !== "firstResponse") fail(`vehicle ${v}: its role is not transport or firstResponse`);
    time(unit.sinceSec, `vehicle ${v}: sinceSec`);
    time(unit.endSec, `vehicle ${v}: endSec`);
    if (unit.endSec !== undefined && unit.endSec < snapshot.timeSec) fail(`vehicle ${v}: endSec is before the snapshot`);
    time(unit.travelToSceneSec, `vehicle ${v}: travelToSceneSec`);
    location(unit.location, `vehicle ${v}`);
    if (!(Number.isInteger(unit.incident) && unit.incident >= 0 && unit.incident < incidentCount)) fail(`vehicle ${v}: incident ${unit.incident} is not in the snapshot`);
    const key = `${unit.incident}/${unit.role}`;
    if (taken.has(key)) fail(`incident ${unit.incident} has two units as ${unit.role}`);
    taken.add(key);
  });
  const waiting = new Set<number>();
  for (const incident of snapshot.waiting) {
    if (!(Number.isInteger(incident) && incident >= 0 && incident < incidentCount)) fail(`waiting incident ${incident} is not in the snapshot`);
    if (taken.has(`${incident}/transport`)) fail(`incident ${incident} waits but has a unit`);
    // Twice in the queue would be two dispatches for one incident.
    if (waiting.has(incident)) fail(`incident ${incident} waits twice`);
    waiting.add(incident);
  }
}
