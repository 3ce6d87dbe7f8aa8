import type { TravelTimeModel } from "@akutt/model";
import type { ColumnSource } from "../columns/columns.js";
import type { CompiledScenario } from "../compile/compile.js";
import type { DestinationPolicy, DestinationView } from "../policies/index.js";
import { KeyedRandomSource, type RandomSource, type RandomStreams } from "../random/random.js";
import { VEHICLE_STATES, type IncidentLog } from "../result/result.js";
import type { CompiledMultiUnit } from "./compile.js";
import type { MultiUnitLog } from "./log.js";

/**
 * Incidents that need several ambulances, and joint operations with police or fire.
 *
 * Created only when the scenario has demand.multiUnit or demand.jointOperations; the event loop
 * reaches it through a few calls (decided, unit at scene, first unit left, a free unit, events
 * 50–59), so without it the engine runs exactly as before.
 *
 * Rules (docs/scenario-reference.md, "multiUnit" and "jointOperations"):
 * - How many ambulances an incident needs and whether it is a joint operation are drawn from the
 *   incident's own streams (purposes 50 and 55), so they are the same in every scenario with the
 *   same incidents and never shift another draw (common random numbers).
 * - The first ambulance is the incident's `vehicle`, sent as always. At the same moment the
 *   dispatch policy picks each extra ambulance from the free ones. An extra that finds none free
 *   waits, behind every incident still waiting for its first ambulance, red before yellow before
 *   green, first come first served; under "lost when none free" it is not sent. Extras still
 *   waiting when the first ambulance leaves the scene, or asked for by a lost incident, are cancelled.
 * - The response time stays the first-sent ambulance's (atSceneSec, the incident's `vehicle`); an
 *   extra that happens to arrive earlier shows in firstAnyAtSceneSec, as a first responder does.
 * - An extra ambulance stays its own on-scene time (the urgency's distribution, plus the joint
 *   operation's extra time), then takes a patient of its own to a destination with
 *   extraTransportProbability, else it is free at the scene. It counts in utilisation and missions
 *   like any unit.
 * - A joint operation adds one drawn extra on-scene time to every ambulance there, and an optional
 *   hold-back before entering the scene, which is part of every unit's drive to the scene and so of
 *   the response time.
 */
export const MULTI_UNIT_EVENT_FIRST = 50;
export const MULTI_UNIT_EVENT_LAST = 59;
const EV_EXTRA_LEAVE_SCENE = 50;
const EV_EXTRA_AT_DESTINATION = 51;
const EV_EXTRA_FREE = 52;

// Per-incident stream purposes 50–59 (the core uses 10–17).
const P_UNITS_NEEDED = 50;
const P_EXTRA_ACTIVATION = 51;
const P_EXTRA_ON_SCENE = 52;
const P_EXTRA_PATH = 53;
const P_EXTRA_HANDOVER = 54;
const P_JOINT = 55;
const P_JOINT_EXTRA_ON_SCENE = 56;
const P_JOINT_HOLD_BACK = 57;

/** Extra units per incident are at most 8 (9 units in all), so the k-th extra's key is incident × 8 + k − 1. */
const EXTRA_KEYS_PER_INCIDENT = 8;
const URGENCY_LEVELS = 3;
const OUTCOME_LOST = 2;
const RED = 0;

const S_TO_DESTINATION = VEHICLE_STATES.indexOf("toDestination");
const S_AT_DESTINATION = VEHICLE_STATES.indexOf("atDestination");

/** What the module asks of the event loop. */
export interface MultiUnitHost {
  /** The current simulation time. */
  now(): number;
  /** A free ambulance for the incident by the dispatch policy, or −1. */
  selectAmbulance(incident: number): number;
  /** Whether a free vehicle may carry the incident's patient (the waiting queue's rule). */
  mayServe(vehicle: number, incident: number): boolean;
  /**
   * Alerts a free vehicle to the incident as an extra unit: activation from `activationRandom`
   * unless it is already on the road, then the drive to the scene; the loop calls onExtraAtScene.
   */
  alertExtra(vehicle: number, incident: number, activationRandom: RandomSource): void;
  locationOf(vehicle: number): number;
  setState(vehicle: number, state: number): void;
  moveTo(vehicle: number, location: number): void;
  /** Pushes a multi-unit event for the vehicle's current mission (checked against its version). */
  schedule(atSec: number, kind: number, vehicle: number): void;
  /** The vehicle's part is over where it is: next job, off duty or relocation. */
  missionDone(vehicle: number): void;
}

export interface MultiUnitContext {
  spec: CompiledMultiUnit;
  compiled: CompiledScenario;
  travel: TravelTimeModel;
  destinationPolicy: DestinationPolicy;
  destinationView: DestinationView;
  lostWhenNoneFree: boolean;
  streams: RandomStreams;
  log: IncidentLog;
  host: MultiUnitHost;
  /** Where the per-incident columns come from (columns/columns.ts). */
  columns: ColumnSource;
}

export class MultiUnit {
  private readonly spec: CompiledMultiUnit;
  private readonly c: CompiledScenario;
  private readonly ctx: MultiUnitContext;
  private readonly log: IncidentLog;
  private readonly host: MultiUnitHost;
  private readonly random: KeyedRandomSource;
  /**
   * A joint operation's extra time on scene and hold-back are drawn from the incident's own streams
   * each time they are asked for (the same every time), not kept per incident: two arrays as long as
   * the log would cost more to touch than the few joint operations cost to draw again.
   */
  private readonly jointRandom: KeyedRandomSource;

  // Per incident.
  private readonly needed: Uint8Array;
  private readonly joint: Uint8Array;
  private readonly arrived: Uint8Array;
  private readonly sent: Uint8Array;
  private readonly pending: Uint8Array;
  private readonly cancelled: Uint8Array;
  private readonly allAtSceneSec: Float64Array;

  // Per vehicle: the extra-unit row it is working on, and the destination of its second patient.
  private readonly rowOf: Int32Array;
  private readonly destinationOf: Int32Array;

  // Extras waiting for a free unit: incidents by urgency, each once while it has extras pending.
  private readonly lanes: number[][] = Array.from({ length: URGENCY_LEVELS }, () => []);
  private readonly heads = new Array<number>(URGENCY_LEVELS).fill(0);
  private pendingTotal = 0;

  // One row per extra unit sent.
  private readonly rowIncident: number[] = [];
  private readonly rowVehicle: number[] = [];
  private readonly rowDispatchedSec: number[] = [];
  private readonly rowAtSceneSec: number[] = [];
  private readonly rowFreeSec: number[] = [];
  private readonly rowTransported: number[] = [];
  /** The row's stream key: the incident's k-th extra has key incident × 8 + k, whichever unit takes it. */
  private readonly rowKey: number[] = [];

  constructor(ctx: MultiUnitContext) {
    this.ctx = ctx;
    this.spec = ctx.spec;
    this.c = ctx.compiled;
    this.log = ctx.log;
    this.host = ctx.host;
    this.random = new KeyedRandomSource(ctx.streams.seed, 0, 0);
    this.jointRandom = new KeyedRandomSource(ctx.streams.seed, 0, 0);
    const n = ctx.log.count;
    const columns = ctx.columns;
    this.needed = columns.uint8("multiUnit.needed", n, 0);
    this.joint = columns.uint8("multiUnit.joint", n, 0);
    this.arrived = columns.uint8("multiUnit.arrived", n, 0);
    this.sent = columns.uint8("multiUnit.sent", n, 0);
    this.pending = columns.uint8("multiUnit.pending", n, 0);
    this.cancelled = columns.uint8("multiUnit.cancelled", n, 0);
    this.allAtSceneSec = columns.float64("multiUnit.allAtSceneSec", n, NaN);
    const vehicles = ctx.compiled.vehicles.count;
    this.rowOf = new Int32Array(vehicles).fill(-1);
    this.destinationOf = new Int32Array(vehicles).fill(-1);
    // Everything about an incident's needs is decided up front from its own streams: it depends on nothing that happens.
    // Only emergencies (kind 0) can need several units; transfers and booked transports (transports module) never do.
    for (let i = 0; i < n; i++) if (ctx.log.kind[i] === 0) this.decideNeeds(i);
  }

  private decideNeeds(incident: number): void {
    const urgency = this.log.urgency[incident]!;
    const streams = this.ctx.streams;
    const shares = this.spec.unitsByUrgency[urgency]!;
    let units = 1;
    if (shares.units.length > 0) {
      streams.rekey(this.random, P_UNITS_NEEDED, incident);
      const draw = this.random.next();
      for (let k = 0; k < shares.units.length; k++) {
        if (draw < shares.cumulative[k]!) {
          units = shares.units[k]!;
          break;
        }
      }
    }
    this.needed[incident] = units;
    const jointShare = this.spec.jointShareByUrgency[urgency]!;
    if (jointShare <= 0) return;
    streams.rekey(this.random, P_JOINT, incident);
    if (this.random.next() >= jointShare) return;
    this.joint[incident] = 1;
  }

  /** Whether the incident needs more than one ambulance: its extras may be cancelled when the first leaves the scene (onFirstUnitLeft). */
  needsExtras(incident: number): boolean {
    return this.needed[incident]! > 1;
  }

  /** Added to every ambulance's on-scene time at this incident (0 unless a joint operation). */
  extraOnSceneSec(incident: number): number {
    if (this.joint[incident] === 0) return 0;
    this.ctx.streams.rekey(this.jointRandom, P_JOINT_EXTRA_ON_SCENE, incident);
    return this.spec.jointExtraOnScene!.sampleSec(this.jointRandom);
  }

  /** Added to every unit's drive to this incident's scene (0 unless a joint operation with hold-back). */
  holdBackSec(incident: number): number {
    if (this.joint[incident] === 0 || !this.spec.jointHoldBack) return 0;
    this.ctx.streams.rekey(this.jointRandom, P_JOINT_HOLD_BACK, incident);
    return this.spec.jointHoldBack.sampleSec(this.jointRandom);
  }

  /** After the first ambulance was sent (or queued, or lost): send or queue the extras. */
  onDecided(incident: number): void {
    const extras = this.needed[incident]! - 1;
    if (extras <= 0) return;
    if (this.log.outcome[incident] === OUTCOME_LOST) {
      this.cancelled[incident] = extras;
      return;
    }
    let waiting = 0;
    for (let k = 0; k < extras; k++) {
      const vehicle = this.host.selectAmbulance(incident);
      if (vehicle >= 0) this.send(vehicle, incident);
      else waiting++;
    }
    if (waiting === 0) return;
    if (this.ctx.lostWhenNoneFree) {
      this.cancelled[incident] = waiting;
      return;
    }
    this.pending[incident] = waiting;
    this.pendingTotal += waiting;
    this.lanes[this.log.urgency[incident]!]!.push(incident);
  }

  /** A free vehicle takes a waiting extra-unit job if it may; true if it did. */
  takeWaiting(vehicle: number): boolean {
    if (this.pendingTotal === 0) return false;
    for (let level = 0; level < URGENCY_LEVELS; level++) {
      const lane = this.lanes[level]!;
      let head = this.heads[level]!;
      while (head < lane.length && this.pending[lane[head]!] === 0) head++;
      if (head > 1024 && head * 2 > lane.length) {
        lane.splice(0, head);
        head = 0;
      }
      this.heads[level] = head;
      for (let k = head; k < lane.length; k++) {
        const incident = lane[k]!;
        if (this.pending[incident] === 0 || !this.host.mayServe(vehicle, incident)) continue;
        this.pending[incident]!--;
        this.pendingTotal--;
        this.send(vehicle, incident);
        return true;
      }
    }
    return false;
  }

  private send(vehicle: number, incident: number): void {
    const k = this.sent[incident]!++;
    this.rowOf[vehicle] = this.rowIncident.length;
    this.rowIncident.push(incident);
    this.rowVehicle.push(vehicle);
    this.rowDispatchedSec.push(this.now());
    this.rowAtSceneSec.push(NaN);
    this.rowFreeSec.push(NaN);
    this.rowTransported.push(0);
    this.rowKey.push(incident * EXTRA_KEYS_PER_INCIDENT + k);
    this.ctx.streams.rekey(this.random, P_EXTRA_ACTIVATION, this.rowKey[this.rowKey.length - 1]!);
    this.host.alertExtra(vehicle, incident, this.random);
  }

  /** Any ambulance of the incident (first or extra) has reached the scene. */
  onUnitAtScene(incident: number): void {
    if (++this.arrived[incident]! === this.needed[incident]) this.allAtSceneSec[incident] = this.now();
  }

  /** The first ambulance left the scene: extras still waiting for a unit are no longer needed. */
  onFirstUnitLeft(incident: number): void {
    const waiting = this.pending[incident]!;
    if (waiting === 0) return;
    this.cancelled[incident]! += waiting;
    this.pendingTotal -= waiting;
    this.pending[incident] = 0;
  }

  onExtraAtScene(vehicle: number, incident: number): void {
    const now = this.now();
    const log = this.log;
    const row = this.rowOf[vehicle]!;
    this.rowAtSceneSec[row] = now;
    this.onUnitAtScene(incident);
    this.ctx.streams.rekey(this.random, P_EXTRA_ON_SCENE, this.rowKey[row]!);
    const onSceneSec = this.c.onScene[log.urgency[incident]!]!.sampleSec(this.random) + this.extraOnSceneSec(incident);
    this.host.schedule(now + onSceneSec, EV_EXTRA_LEAVE_SCENE, vehicle);
  }

  onEvent(kind: number, vehicle: number): void {
    switch (kind) {
      case EV_EXTRA_LEAVE_SCENE:
        this.onExtraLeaveScene(vehicle);
        break;
      case EV_EXTRA_AT_DESTINATION:
        this.onExtraAtDestination(vehicle);
        break;
      case EV_EXTRA_FREE:
        this.finish(vehicle);
        break;
      default:
        throw new Error(`unknown multi-unit event kind ${kind}`);
    }
  }

  private onExtraLeaveScene(vehicle: number): void {
    const row = this.rowOf[vehicle]!;
    const incident = this.rowIncident[row]!;
    this.ctx.streams.rekey(this.random, P_EXTRA_PATH, this.rowKey[row]!);
    if (this.random.next() >= this.spec.extraTransportProbability) {
      this.finish(vehicle);
      return;
    }
    // A patient of its own: legevakt or a hospital capability in the urgency's proportions among transported patients.
    const urgency = this.log.urgency[incident]!;
    const path = this.c.patientPaths[urgency]!;
    const transportedShare = 1 - path.treatedOnSceneProbability;
    const legevakt = transportedShare > 0 && this.random.next() * transportedShare < path.legevaktProbability;
    const capabilityDraw = this.random.next();
    let capability = "general";
    for (let k = 0; k < path.capabilities.length; k++) {
      if (capabilityDraw < path.cumulative[k]!) {
        capability = path.capabilities[k]!;
        break;
      }
    }
    const emergency = urgency === RED;
    const from = this.host.locationOf(vehicle);
    const now = this.now();
    const areaCode = this.c.index.areaCodes[this.log.area[incident]!]!;
    const destination = this.ctx.destinationPolicy.choose(this.ctx.destinationView, from, { legevakt, capability, areaCode }, emergency, now);
    const target = this.c.destinations[destination]!.location;
    this.destinationOf[vehicle] = destination;
    this.rowTransported[row] = 1;
    this.host.setState(vehicle, S_TO_DESTINATION);
    const travelSec = this.ctx.travel.travelTimeSec(from, target, emergency, now);
    this.host.moveTo(vehicle, target);
    this.host.schedule(now + travelSec, EV_EXTRA_AT_DESTINATION, vehicle);
  }

  private onExtraAtDestination(vehicle: number): void {
    const row = this.rowOf[vehicle]!;
    const incident = this.rowIncident[row]!;
    this.host.setState(vehicle, S_AT_DESTINATION);
    this.ctx.streams.rekey(this.random, P_EXTRA_HANDOVER, this.rowKey[row]!);
    const handoverSec = this.c.destinations[this.destinationOf[vehicle]!]!.handover.sampleSec(this.random);
    this.host.schedule(this.now() + handoverSec, EV_EXTRA_FREE, vehicle);
  }

  private finish(vehicle: number): void {
    this.rowFreeSec[this.rowOf[vehicle]!] = this.now();
    this.rowOf[vehicle] = -1;
    this.destinationOf[vehicle] = -1;
    this.host.missionDone(vehicle);
  }

  private now(): number {
    return this.host.now();
  }

  /** The replication's multi-unit log; extras still waiting at the end count as neither sent nor cancelled. */
  result(): MultiUnitLog {
    return {
      unitsNeeded: this.needed,
      joint: this.joint,
      extrasCancelled: this.cancelled,
      allAtSceneSec: this.allAtSceneSec,
      extraUnits: {
        count: this.rowIncident.length,
        incident: Int32Array.from(this.rowIncident),
        vehicle: Int32Array.from(this.rowVehicle),
        dispatchedSec: Float64Array.from(this.rowDispatchedSec),
        atSceneSec: Float64Array.from(this.rowAtSceneSec),
        freeSec: Float64Array.from(this.rowFreeSec),
        transported: Uint8Array.from(this.rowTransported),
      },
    };
  }
}
