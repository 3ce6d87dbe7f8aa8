import type { DispatchSpec, SimulationCalendar, TravelTimeModel } from "@akutt/model";
import { Availability, EV_AVAILABILITY_FIRST, EV_AVAILABILITY_LAST, S_CLEANING, S_ON_BREAK, type AvailabilityHost } from "../availability/availability.js";
import { VEHICLE_ROLE, type CompiledScenario } from "../compile/compile.js";
import { generateIncidents, type GeneratedIncidents } from "../demand/demand.js";
import { AmkCentres, type AmkDecisions } from "../amk/amk-centres.js";
import { EventQueue } from "../events/event-queue.js";
import type { DestinationView, DispatchCandidates, DispatchRole, DispatchView, EnRouteView, FreeAmbulances, Moves, Policies, RelocationView, WaitingQueue } from "../policies/index.js";
import { createMoveUp, type MoveUp } from "../move-up/move-up.js";
import { FRESH_COLUMNS, type ColumnSource } from "../columns/columns.js";
import { DeferredSteps } from "./deferred-steps.js";
import { FreeUnitIndex } from "./free-unit-index.js";
import { HubOrders } from "./hub-orders.js";
import { NearestLocations } from "./nearest-location.js";
import { KeyedRandomSource, createRandomStreams, replicationSeed, type RandomSource, type RandomStreams } from "../random/random.js";
import { MULTI_UNIT_EVENT_FIRST, MULTI_UNIT_EVENT_LAST, MultiUnit, type MultiUnitHost } from "../multi-unit/multi-unit.js";
import { VEHICLE_STATES, type IncidentLog, type ReplicationResult, type VehicleLog } from "../result/result.js";
import { generateTransports, type GeneratedTransports } from "../transports/generate.js";
import { Transports, incidentRows, type TransportHost } from "../transports/transports.js";
import { SnapshotError, type SimulationSnapshot, type SnapshotUnit } from "../snapshot/snapshot.js";

/** What a run from a snapshot observes every `everySec` from the snapshot's time on (snapshot/run.ts). */
export interface StateSampler {
  everySec: number;
  observe(timeSec: number, free: FreeAmbulances): void;
}

/** A free unit that could serve an incident, with the engine's estimate of its arrival (snapshot/rank.ts). */
export interface RankedCandidate {
  vehicle: number;
  etaSec: number;
  /** Belongs to the organisation responsible for the incident's area. */
  own: boolean;
  /** Dispatched by another AMK than the incident's: the inter-AMK step. */
  otherAmk: boolean;
}

/** Everything the engine needs from outside: it reads no files, clock or global randomness. */
export interface SimulationInputs {
  compiled: CompiledScenario;
  travel: TravelTimeModel;
  calendar: SimulationCalendar;
  policies: Policies;
  dispatch: { interAmkDelaySec: number; crossBorder: DispatchSpec["crossBorder"]; firstResponderForRed: boolean };
  /** Shared by all replications: hubs sorted by travel-time bound per zone (see prepareSimulation). */
  hubOrders: HubOrders;
  /** Incidents given instead of generated (demand/recorded.ts, playback of history). Absent: generated from the scenario's demand. */
  recordedIncidents?: GeneratedIncidents;
  /** Keep one row per 113 call that sent no unit (ReplicationResult.amkCalls), e.g. for an extract. Absent: counts only. */
  recordAmkCalls?: boolean;
}

// Event kinds, handled by one switch in run().
// A unit's departure and arrival at the destination are no events (deferred-steps.ts).
const EV_AT_SCENE = 2;
const EV_LEAVE_SCENE = 3;
const EV_FREE = 5;
const EV_AT_BASE = 6;
const EV_SHIFT_START = 7;
const EV_SHIFT_END = 8;
/** Runs from a snapshot only: the state is observed (snapshot/run.ts). */
const EV_SAMPLE = 9;
/** Units freed at this time (shift starts, the end-of-shift rule lifted) are offered the waiting work together (offerFreedTogether). */
const EV_OFFER_FREED = 10;
// 20–29: the AMK (amk/amk-centres.ts).

// Vehicle states: indices into VEHICLE_STATES.
const S_OFF = VEHICLE_STATES.indexOf("offDuty");
const S_IDLE = VEHICLE_STATES.indexOf("idle");
const S_ALERTED = VEHICLE_STATES.indexOf("alerted");
const S_TO_SCENE = VEHICLE_STATES.indexOf("toScene");
const S_AT_SCENE = VEHICLE_STATES.indexOf("atScene");
const S_TO_DESTINATION = VEHICLE_STATES.indexOf("toDestination");
const S_AT_DESTINATION = VEHICLE_STATES.indexOf("atDestination");
const S_RETURNING = VEHICLE_STATES.indexOf("returning");
const STATE_COUNT = VEHICLE_STATES.length;

export const OUTCOME_SERVED = 0;
export const OUTCOME_PENDING = 1;
export const OUTCOME_LOST = 2;

// Per-incident random streams: one purpose per attribute, so a change in how one attribute is drawn
// never shifts another attribute's numbers (common random numbers between scenarios). 10, call
// handling, is drawn by the AMK module.
const P_ACTIVATION = 11;
const P_ON_SCENE = 12;
const P_PATH = 13;
const P_HANDOVER = 14;
const P_FIRST_RESPONDER_ACTIVATION = 15;
const P_TIE_BREAK = 16;
const P_FIRST_RESPONDER_TIE_BREAK = 17;

const RED = 0;

// What a vehicle is doing at its incident (missionRole).
const ROLE_TRANSPORT = 1;
const ROLE_FIRST_RESPONDER = 2;
/** An extra ambulance of a multi-unit incident (engine/src/multi-unit). */
const ROLE_EXTRA = 3;

/**
 * Runs one replication. Same inputs and seed give identical results, whichever `columns` they use.
 * With a ColumnPool the result's columns are views into the pool, valid until its next replication.
 */
export function simulateReplication(inputs: SimulationInputs, baseSeed: number, replication: number, columns: ColumnSource = FRESH_COLUMNS): ReplicationResult {
  const seed = replicationSeed(baseSeed, replication);
  const streams = createRandomStreams(seed);
  const incidents = inputs.recordedIncidents ?? generateIncidents(inputs.compiled.demand, inputs.calendar, inputs.compiled.horizonSec, streams, columns);
  const transports = inputs.compiled.transports && generateTransports(inputs.compiled.transports, inputs.calendar, inputs.compiled.horizonSec, streams, columns);
  const simulation = new Simulation(inputs, streams, incidents, transports, columns);
  simulation.run();
  return replicationResult(simulation, inputs, seed, replication);
}

export function replicationResult(simulation: Simulation, inputs: SimulationInputs, seed: number, replication: number): ReplicationResult {
  return {
    replication,
    seed,
    horizonSec: inputs.compiled.horizonSec,
    warmUpSec: inputs.compiled.warmUpSec,
    incidents: simulation.incidentLog,
    vehicles: simulation.vehicleLog,
    amk: simulation.amk.log,
    ...(inputs.recordAmkCalls === true ? { amkCalls: simulation.amk.callLog()! } : {}),
    ...(simulation.transports ? { transports: simulation.transports.log } : {}),
    ...(simulation.availability ? { availability: simulation.availability.log } : {}),
    eventCount: simulation.eventCount,
    ...(simulation.multiUnit ? { multiUnit: simulation.multiUnit.result() } : {}),
  };
}

/**
 * The per-vehicle ints (Simulation.vi), Stride a vehicle: state, where it is, its base, its event
 * version, the incident it is on and its role there, where its drive back began, its place in the
 * free list (−1: not free). A const enum, so every offset compiles to a number.
 */
const enum Vi {
  Stride = 8,
  State = 0,
  Location = 1,
  Base = 2,
  Version = 3,
  Mission = 4,
  MissionRole = 5,
  MoveFrom = 6,
  AvailablePosition = 7,
}
/** The per-vehicle times (Simulation.vf): in its state since, free since, its drive back's start and end. */
const enum Vf {
  Stride = 4,
  StateSince = 0,
  FreeSince = 1,
  MoveStart = 2,
  MoveEnd = 3,
}

export class Simulation implements DispatchView, RelocationView, DestinationView, EnRouteView, TransportHost, AvailabilityHost {
  readonly incidentLog: IncidentLog;
  /** Transfers and booked transports (their own module); absent without a transports section. */
  readonly transports: Transports | undefined;
  /** Emergency incidents come first in the log; transports (if any) follow them. */
  private readonly emergencyCount: number;
  readonly vehicleLog: VehicleLog;
  eventCount = 0;
  /** Multi-unit incidents and joint operations; only when the scenario asks for them. */
  readonly multiUnit: MultiUnit | undefined;
  /** Moves other free ambulances (compliance table); only when the relocation policy does that. */
  private readonly moveUp: MoveUp | undefined;
  private readonly freeAmbulanceBuffer: FreeAmbulances;
  /**
   * Units freed at the current time (crews starting while incidents wait, units freed of the
   * end-of-shift rule at a crew change): freedTogether[0 … freedCount − 1], offered the waiting work
   * together by one EV_OFFER_FREED event at that time, queued after theirs.
   */
  private readonly freedTogether: Int32Array;
  private freedCount = 0;

  private readonly c: CompiledScenario;
  private readonly travel: TravelTimeModel;
  private readonly calendar: SimulationCalendar;
  private readonly policies: Policies;
  private readonly interAmkDelaySec: number;
  private readonly mutualAidOnly: boolean;
  /** Whether the cross-border rule looks at owners; decides how far the pruned search must look. */
  private readonly ownersMatter: boolean;
  private readonly firstResponderForRed: boolean;
  private readonly streams: RandomStreams;
  private readonly random: KeyedRandomSource;
  /** Separate from `random` so a tie-break draw never shifts another attribute's numbers. */
  private readonly tieRandom: KeyedRandomSource;
  private readonly queue = new EventQueue(4096);
  /** Cleaning, breaks, end-of-shift rule, out of service: absent unless the scenario asks for it. */
  readonly availability: Availability | undefined;
  /** Per vehicle, non-zero while the unit takes red calls only (availability); all zero without it. */
  private readonly restriction: Uint8Array;
  private readonly waiting: WaitingQueue;
  private now = 0;
  /** The run stops after this time: the horizon, or earlier for a run from a snapshot. */
  private endSec: number;
  private sampler: StateSampler | undefined;

  // Vehicles.
  private readonly travelToSceneSec: Float64Array;
  private readonly offAfterMission: Uint8Array;
  private readonly steps: DeferredSteps;
  /** Per vehicle, the duty interval now started or next to start, and its first reserved event sequence number. */
  private readonly shiftInterval: Int32Array;
  private readonly shiftSequence: Float64Array;
  private readonly available: Int32Array;
  private availableCount = 0;
  private readonly candidateBuffer: DispatchCandidates;

  /** Whether a returning unit's ETA is bounded by its trip's ends (filed under them) or must always be asked. */
  private readonly enRouteBounded: boolean;
  /** The incident whose scene an en-route policy is asking about. */
  private sceneIncident = -1;
  private nearestLocations: NearestLocations | undefined;

  private readonly freeUnits: FreeUnitIndex;
  /**
   * The vehicles' most used state, each vehicle's fields side by side: vehicle v's ints at
   * vi[v × Vi.Stride + Vi.…], its times at vf[v × Vf.Stride + Vf.…]. An event reads and writes one
   * vehicle's fields together; with one array per field it touched a cache line per field, most of
   * them gone from the first-level cache since the vehicle's last event (cachegrind: 19 % fewer
   * first-level misses).
   */
  private readonly vi: Int32Array;
  private readonly vf: Float64Array;
  private readonly hubOrders: HubOrders;
  // The compiled scenario's columns dispatch reads for every candidate, held here to save the lookups.
  private readonly vehicleRole: Uint8Array;
  private readonly vehicleOwner: Int32Array;
  private readonly vehicleAmk: Int32Array;
  private readonly zoneOrganisation: Int32Array;
  /** Mean activation per urgency: a unit at base is reckoned to leave after it. */
  private readonly activationMeanSec: Float64Array;

  /** AMK operators, the 113 call queue and the operators' other work. */
  readonly amk: AmkCentres;
  /** The AMK's decisions to send a unit, in order (AmkCentres.decideCalls), and the next one to take. */
  private readonly decisions: AmkDecisions;
  private nextDecision = 0;

  /** Per vehicle, 1 while a first responder waits at its incident's scene for the ambulance (per vehicle, not per incident: far less memory to touch). */
  private readonly waitingForAmbulance: Uint8Array;

  readonly destinations: DestinationView["destinations"];
  readonly invariantTravel: object | undefined;

  // Travel times to the incident being dispatched, memoised per origin: many vehicles share a
  // station or come back from the same hospital, so one dispatch needs far fewer lookups than vehicles.
  private readonly memoStamp: Int32Array;
  private readonly memoSec: Float64Array;
  private memoGeneration = 0;
  private memoIncident = -1;
  private memoTime = -1;

  constructor(inputs: SimulationInputs, streams: RandomStreams, generated: GeneratedIncidents, generatedTransports: GeneratedTransports | undefined, columns: ColumnSource = FRESH_COLUMNS) {
    this.c = inputs.compiled;
    this.travel = inputs.travel;
    this.calendar = inputs.calendar;
    this.policies = inputs.policies;
    this.interAmkDelaySec = inputs.dispatch.interAmkDelaySec;
    this.mutualAidOnly = inputs.dispatch.crossBorder === "own-only";
    this.ownersMatter = inputs.dispatch.crossBorder !== "nearest";
    this.firstResponderForRed = inputs.dispatch.firstResponderForRed;
    this.streams = streams;
    this.random = new KeyedRandomSource(streams.seed, 0, 0);
    this.tieRandom = new KeyedRandomSource(streams.seed, 0, 0);
    this.waiting = inputs.policies.waiting.createQueue();
    this.enRouteBounded = inputs.policies.enRoute.boundedByEnds;
    this.destinations = this.c.destinations;
    this.invariantTravel = inputs.travel.timeInvariant === true ? inputs.travel : undefined;
    this.endSec = this.c.horizonSec;

    const rows = incidentRows(generated, generatedTransports, this.c.transports, columns);
    this.emergencyCount = generated.count;
    const n = rows.count;
    const nan = (key: string) => columns.float64(`log.${key}`, n, NaN);
    const zone = rows.zone;
    const area = columns.int32("log.area", n, 0);
    const amk = columns.int32("log.amk", n, 0);
    const inWarmUp = columns.uint8("log.inWarmUp", n, 0);
    for (let i = 0; i < n; i++) {
      area[i] = this.c.zoneArea[zone[i]!]!;
      amk[i] = this.c.zoneAmk[zone[i]!]!;
      inWarmUp[i] = rows.ringSec[i]! < this.c.warmUpSec ? 1 : 0;
    }
    this.incidentLog = {
      count: n,
      zone,
      area,
      urgency: rows.urgency,
      amk,
      inWarmUp,
      outcome: columns.uint8("log.outcome", n, OUTCOME_PENDING),
      ringSec: rows.ringSec,
      answeredSec: nan("answeredSec"),
      decidedSec: nan("decidedSec"),
      alertedSec: nan("alertedSec"),
      departedSec: nan("departedSec"),
      atSceneSec: nan("atSceneSec"),
      firstAnyAtSceneSec: nan("firstAnyAtSceneSec"),
      leftSceneSec: nan("leftSceneSec"),
      atDestinationSec: nan("atDestinationSec"),
      freeSec: nan("freeSec"),
      vehicle: columns.int32("log.vehicle", n, -1),
      firstResponder: columns.int32("log.firstResponder", n, -1),
      destination: columns.int32("log.destination", n, -1),
      waitForUnitSec: columns.float64("log.waitForUnitSec", n, 0),
      crossBorder: columns.uint8("log.crossBorder", n, 0),
      kind: rows.kind,
    };

    const vehicles = this.c.vehicles.count;
    this.vehicleLog = { stateSec: new Float64Array(vehicles * STATE_COUNT), missions: new Int32Array(vehicles) };
    this.vi = new Int32Array(vehicles * Vi.Stride);
    this.vf = new Float64Array(vehicles * Vf.Stride);
    for (let v = 0; v < vehicles; v++) {
      this.vi[v * Vi.Stride + Vi.State] = S_OFF;
      this.vi[v * Vi.Stride + Vi.Location] = this.c.vehicles.homeLocation[v]!;
      this.vi[v * Vi.Stride + Vi.Base] = this.c.vehicles.homeLocation[v]!;
      this.vi[v * Vi.Stride + Vi.Mission] = -1;
      this.vi[v * Vi.Stride + Vi.AvailablePosition] = -1;
    }
    this.travelToSceneSec = new Float64Array(vehicles);
    this.offAfterMission = new Uint8Array(vehicles);
    this.waitingForAmbulance = new Uint8Array(vehicles);
    this.steps = new DeferredSteps(vehicles);
    this.shiftInterval = new Int32Array(vehicles);
    this.shiftSequence = new Float64Array(vehicles);
    this.memoStamp = new Int32Array(this.c.locationCount);
    this.memoSec = new Float64Array(this.c.locationCount);
    this.available = new Int32Array(vehicles);
    this.candidateBuffer = { count: 0, vehicle: new Int32Array(vehicles), etaSec: new Float64Array(vehicles), own: new Uint8Array(vehicles), freeSinceSec: new Float64Array(vehicles) };
    this.hubOrders = inputs.hubOrders;
    this.vehicleRole = this.c.vehicles.role;
    this.vehicleOwner = this.c.vehicles.owner;
    this.vehicleAmk = this.c.vehicles.amk;
    this.zoneOrganisation = this.c.zoneOrganisation;
    this.activationMeanSec = Float64Array.from(this.c.activation, (sampler) => sampler.meanSec);

    this.amk = new AmkCentres(this.c.amk, streams, this.incidentLog, this.c.warmUpSec, this.c.horizonSec, inputs.recordAmkCalls === true);
    this.decisions = { count: 0, incident: columns.int32("amk.decidedIncident", this.emergencyCount, 0), atSec: columns.float64("amk.decidedSec", this.emergencyCount, 0) };

    const multiUnit = this.c.multiUnit;
    this.multiUnit = multiUnit
      ? new MultiUnit({
          spec: multiUnit,
          compiled: this.c,
          travel: this.travel,
          destinationPolicy: this.policies.destination,
          destinationView: this,
          lostWhenNoneFree: this.policies.waiting.lostWhenNoneFree,
          streams,
          log: this.incidentLog,
          host: this.multiUnitHost(),
          columns,
        })
      : undefined;
    this.transports = generatedTransports && this.c.transports ? new Transports(this.c, this.c.transports, generatedTransports, this.incidentLog, this, streams, this.travel, columns) : undefined;

    const availability = this.c.availability;
    this.availability = availability
      ? new Availability(availability, this, this.queue, streams, this.incidentLog, this.c.countFromSec, this.c.countToSec, new KeyedRandomSource(streams.seed, 0, 0), columns)
      : undefined;
    this.restriction = this.availability?.restriction ?? new Uint8Array(vehicles);
    const hubOf = new Int32Array(this.c.locationCount).fill(-1);
    this.hubOrders.hubLocations.forEach((location, hub) => (hubOf[location] = hub));
    this.freeUnits = new FreeUnitIndex(hubOf, this.hubOrders.hubLocations.length, vehicles, this.restriction);
    this.freeAmbulanceBuffer = { count: 0, vehicle: new Int32Array(vehicles), position: new Int32Array(vehicles), movable: new Uint8Array(vehicles) };
    this.freedTogether = new Int32Array(vehicles);
    this.moveUp = createMoveUp(this.policies.relocation, this, {
      freeAmbulanceCount: () => {
        let count = 0;
        for (let k = 0; k < this.availableCount; k++) if (this.isAmbulance(this.available[k]!)) count++;
        return count;
      },
      sendIdle: (vehicle, location) => {
        if (this.vi[vehicle * Vi.Stride + Vi.State] !== S_IDLE) throw new Error(`move-up: vehicle ${vehicle} is not idle`);
        this.driveToBase(vehicle, location);
      },
    });
  }

  private multiUnitHost(): MultiUnitHost {
    return {
      now: () => this.now,
      selectAmbulance: (incident) => this.policies.dispatch.select(this, incident, "transport"),
      mayServe: (vehicle, incident) => this.eligible(vehicle, incident, "transport"),
      alertExtra: (vehicle, incident, activationRandom) => {
        // A unit taking waiting work comes straight from another mission, as in becomeFree.
        // A held unit (availability: cleaning, on a break) keeps its state so alert() sees the interruption.
        const state = this.stateOf(vehicle);
        if (state !== S_IDLE && state !== S_RETURNING && state < S_CLEANING) this.setState(vehicle, S_IDLE);
        this.alert(vehicle, incident, ROLE_EXTRA, activationRandom);
      },
      locationOf: (vehicle) => this.vi[vehicle * Vi.Stride + Vi.Location]!,
      setState: (vehicle, state) => this.setState(vehicle, state),
      moveTo: (vehicle, location) => {
        this.vi[vehicle * Vi.Stride + Vi.Location] = location;
      },
      schedule: (atSec, kind, vehicle) => this.queue.push(atSec, kind, vehicle, this.vi[vehicle * Vi.Stride + Vi.Version]!),
      missionDone: (vehicle) => this.onMissionDone(vehicle, this.vi[vehicle * Vi.Stride + Vi.Location]!),
    };
  }

  run(): void {
    this.startFromEmpty();
    this.loop();
    this.now = this.endSec;
    this.finish();
  }

  /** Schedules what an empty system starts with: each vehicle's first shift and availability; the AMK decides every call to endSec. */
  private startFromEmpty(): void {
    this.reserveShifts();
    for (let v = 0; v < this.c.vehicles.count; v++) {
      if (this.c.vehicles.duty[v]!.length > 0) this.scheduleShiftStart(v, 0);
    }
    this.availability?.start();
    this.eventCount += this.amk.decideCalls(this.emergencyCount, this.endSec, this.decisions, (incident) => {
      this.incidentLog.outcome[incident] = OUTCOME_LOST;
    });
  }

  // Duty interval p's start has sequence shiftSequence + 2p, its end + 2p + 1 (reserveShifts).
  private scheduleShiftStart(vehicle: number, interval: number): void {
    this.queue.pushReserved(this.c.vehicles.duty[vehicle]![interval]![0], EV_SHIFT_START, vehicle, 0, this.shiftSequence[vehicle]! + 2 * interval);
  }

  /** Only an interval ending before the horizon has an end event. */
  private scheduleShiftEnd(vehicle: number, interval: number): void {
    const end = this.c.vehicles.duty[vehicle]![interval]![1];
    if (end < this.c.horizonSec) this.queue.pushReserved(end, EV_SHIFT_END, vehicle, 0, this.shiftSequence[vehicle]! + 2 * interval + 1);
  }

  /**
   * Each duty interval's start and end keep the sequence numbers they would have had if all were
   * pushed now, but only the next one per vehicle sits in the queue (a year of shifts would
   * otherwise make the heap several times deeper). Intervals are sorted and disjoint.
   */
  private reserveShifts(): void {
    const horizon = this.c.horizonSec;
    for (let v = 0; v < this.c.vehicles.count; v++) {
      let events = 0;
      for (const [, end] of this.c.vehicles.duty[v]!) events += end < horizon ? 2 : 1;
      this.shiftSequence[v] = this.queue.reserveSequences(events);
    }
  }

  /** Handles the AMK's decisions and queued events up to endSec. */
  private loop(): void {
    const horizon = this.endSec;
    const decisions = this.decisions;
    const decidedSec = decisions.atSec;
    const queue = this.queue;
    const availability = this.availability;
    for (;;) {
      let nextEventTime = queue.peekTime();
      // Defect timers wait in their own queue (availability); the earlier by (time, sequence) goes first.
      let defectDue = false;
      if (availability !== undefined) {
        const defectSec = availability.nextDefectSec;
        if (defectSec < nextEventTime || (defectSec === nextEventTime && defectSec !== Infinity && availability.nextDefectSequence < queue.peekSequence())) {
          nextEventTime = defectSec;
          defectDue = true;
        }
      }
      // The AMK's decisions are already sorted; merging them keeps the heap small. A decision comes after the events of its time.
      if (this.nextDecision < decisions.count && decidedSec[this.nextDecision]! < nextEventTime) {
        if (decidedSec[this.nextDecision]! > horizon) break;
        this.now = decidedSec[this.nextDecision]!;
        this.eventCount++;
        this.onCallDecided(decisions.incident[this.nextDecision++]!);
        this.moveUp?.afterEvent(this.now);
        continue;
      }
      if (nextEventTime > horizon) break;
      if (defectDue) {
        this.now = nextEventTime;
        this.eventCount++;
        availability!.onNextDefect();
        this.moveUp?.afterEvent(this.now);
        continue;
      }
      if (!queue.pop()) break;
      this.now = queue.time;
      this.eventCount++;
      const subject = queue.subject;
      if (queue.kind <= EV_AT_BASE && queue.version !== this.vi[subject * Vi.Stride + Vi.Version]) continue;
      switch (queue.kind) {
        case EV_AT_SCENE:
          this.onAtScene(subject);
          break;
        case EV_LEAVE_SCENE:
          this.onLeaveScene(subject);
          break;
        case EV_FREE:
          // The unit is where its last step put it.
          this.settleSteps(subject, this.now);
          this.onMissionDone(subject, this.vi[subject * Vi.Stride + Vi.Location]!);
          break;
        case EV_AT_BASE:
          this.vi[subject * Vi.Stride + Vi.Location] = this.vi[subject * Vi.Stride + Vi.Base]!;
          this.setState(subject, S_IDLE);
          this.availability?.onIdle(subject);
          this.moveUp?.noteArrival();
          break;
        case EV_SHIFT_START:
          this.onShiftStart(subject);
          break;
        case EV_SHIFT_END:
          this.onShiftEnd(subject);
          break;
        case EV_OFFER_FREED:
          this.offerFreedTogether();
          break;
        case EV_SAMPLE:
          this.sampler!.observe(this.now, this.freeAmbulances());
          if (this.now + this.sampler!.everySec <= horizon) queue.push(this.now + this.sampler!.everySec, EV_SAMPLE, 0);
          break;
        default:
          if (this.availability && queue.kind >= EV_AVAILABILITY_FIRST && queue.kind <= EV_AVAILABILITY_LAST) this.availability.handle(queue.kind, subject, queue.version);
          else if (this.transports && Transports.handles(queue.kind)) this.transports.onEvent(queue.kind, subject, queue.version);
          else if (this.multiUnit === undefined || queue.kind < MULTI_UNIT_EVENT_FIRST || queue.kind > MULTI_UNIT_EVENT_LAST) throw new Error(`unknown event kind ${queue.kind}`);
          else if (queue.version === this.vi[subject * Vi.Stride + Vi.Version]) this.multiUnit.onEvent(queue.kind, subject);
      }
      this.moveUp?.afterEvent(this.now);
    }
  }

  // ---- The AMK has decided to send a unit (amk/): dispatch.

  private onCallDecided(incident: number): void {
    const log = this.incidentLog;
    log.decidedSec[incident] = this.now;

    if (this.firstResponderForRed && log.urgency[incident] === RED) {
      const responder = this.policies.dispatch.select(this, incident, "firstResponse");
      if (responder >= 0) this.commit(responder, incident, "firstResponse");
    }
    const vehicle = this.policies.dispatch.select(this, incident, "transport");
    if (vehicle >= 0) {
      this.commit(vehicle, incident, "transport");
    } else if (this.policies.waiting.lostWhenNoneFree) {
      log.outcome[incident] = OUTCOME_LOST;
      this.releaseWaitingFirstResponder(incident);
    } else {
      this.waiting.add(incident, log.urgency[incident]!);
    }
    this.multiUnit?.onDecided(incident);
  }

  // ---- DispatchView

  /** The restriction is asked first here (it counts what it passes over), after the role in considerCandidate. */
  private eligible(vehicle: number, incident: number, role: DispatchRole): boolean {
    if (this.restriction[vehicle] !== 0 && !this.availability!.accepts(vehicle, incident)) return false;
    return this.fitsRole(vehicle, this.incidentLog.urgency[incident]!, role);
  }

  candidates(incident: number, role: DispatchRole): DispatchCandidates {
    const buffer = this.candidateBuffer;
    buffer.count = 0;
    this.decisiveEtaSec = Infinity;
    if (!this.hubOrders.available) {
      for (let k = 0; k < this.availableCount; k++) this.considerCandidate(this.available[k]!, incident, role);
      return buffer;
    }
    const index = this.freeUnits;
    const zone = this.incidentLog.zone[incident]!;
    const emergency = this.incidentLog.urgency[incident] === RED;
    if (!emergency && index.unrestrictedCount === 0) {
      this.passOver(incident, role, zone);
      return buffer;
    }
    index.beginVisit();
    const orders = this.hubOrders;
    // The nearest hubs from the shared head table, then (seldom) the rest of the zone's row.
    const head = orders.headFor(zone, emergency);
    const offset = orders.headOffset(zone, emergency);
    if (this.visitHubs(head, offset, offset + orders.headLength, incident, role)) {
      const row = orders.fullRow(zone, emergency);
      this.visitHubs(row, orders.headLength, row.length, incident, role);
    }
    this.visitAlwaysAsked(incident, role, zone, emergency);
    return buffer;
  }

  /**
   * Every free unit is restricted (the end-of-shift rule, a break answering red only), or none is
   * free, so none may take this non-red incident. The full search would find nothing; of what it
   * does, only the end-of-shift refusal remains, counted for the first unit in its order that passes
   * the incident over. With nothing found the search prunes nothing: its order is the zone's hub row,
   * then the units no hub bounds. Found by walking to that unit instead of considering every free unit.
   */
  private passOver(incident: number, role: DispatchRole, zone: number): void {
    // Without unavailable time no unit is restricted: there is no free unit at all.
    const availability = this.availability;
    if (availability === undefined || availability.passedOver(incident)) return;
    const index = this.freeUnits;
    const row = this.hubOrders.fullRow(zone, false);
    for (let k = 0; k < row.length; k += 2) {
      const hub = row[k + 1]!;
      const first = hub * index.vehicleCount;
      for (let u = first; u < first + index.countAtHub[hub]!; u++) if (this.passedOverBy(index.unitsAtHub[u]!, incident, role)) return;
    }
    for (let k = 0; k < index.alwaysAskedCount; k++) if (this.passedOverBy(index.alwaysAsked(k), incident, role)) return;
  }

  /** Whether the incident has been passed over once the (restricted) vehicle was asked, as considerCandidate asks it. */
  private passedOverBy(vehicle: number, incident: number, role: DispatchRole): boolean {
    if (!this.fitsRole(vehicle, this.incidentLog.urgency[incident]!, role)) return false;
    this.availability!.accepts(vehicle, incident);
    return this.availability!.passedOver(incident);
  }

  /**
   * The units no hub bounds (on their way back from a scene, say): asked after the hubs, when the
   * fastest unit found so far is known. Under an en-route policy bounded by the trip's ends, a unit
   * whose ends' lower bounds are both slower than that cannot be chosen and is not asked: most of
   * them are far away. (Before 3 December 2026 they were asked first, at every dispatch; the only
   * figure that moved is which unit an end-of-shift refusal is counted against, and how often a
   * far-away unit under the rule counted as passing an incident over.)
   */
  private visitAlwaysAsked(incident: number, role: DispatchRole, zone: number, emergency: boolean): void {
    const index = this.freeUnits;
    const lowerBound = this.travel.lowerBoundSec!;
    for (let k = 0; k < index.alwaysAskedCount; k++) {
      const vehicle = index.alwaysAsked(k);
      if (this.enRouteBounded) {
        const decisiveSec = this.decisiveEtaSec;
        const from = this.vi[vehicle * Vi.Stride + Vi.State] === S_RETURNING ? this.vi[vehicle * Vi.Stride + Vi.MoveFrom]! : this.vi[vehicle * Vi.Stride + Vi.Location]!;
        // Its ETA is at least the lower bound from one of its trip's ends (a unit held where it stands: from there).
        // Strictly greater, so a unit that could tie is still asked.
        if (lowerBound(from, zone, emergency) > decisiveSec && lowerBound(this.vi[vehicle * Vi.Stride + Vi.Base]!, zone, emergency) > decisiveSec) continue;
      }
      this.considerCandidate(vehicle, incident, role);
    }
  }

  /** Considers the units of the hubs at entries from … to − 1 of a hub row (HubOrders) in order; false once the rest cannot matter. */
  private visitHubs(hubs: Float32Array, from: number, to: number, incident: number, role: DispatchRole): boolean {
    const index = this.freeUnits;
    for (let k = from; k < to; k += 2) {
      // Strictly greater, so ties break as without pruning.
      if (hubs[k]! > this.decisiveEtaSec) return false;
      const hub = hubs[k + 1]!;
      const first = hub * index.vehicleCount;
      // Read each time: a unit considered here is never filed or removed while the search runs.
      for (let u = first; u < first + index.countAtHub[hub]!; u++) {
        const vehicle = index.unitsAtHub[u]!;
        if (index.firstVisit(vehicle)) this.considerCandidate(vehicle, incident, role);
      }
    }
    return true;
  }

  tieBreakRandom(incident: number, role: DispatchRole): RandomSource {
    this.streams.rekey(this.tieRandom, role === "transport" ? P_TIE_BREAK : P_FIRST_RESPONDER_TIE_BREAK, incident);
    return this.tieRandom;
  }

  /**
   * The arrival no unit slower than can be chosen, during a candidate search: under own-first and
   * own-only the fastest own unit's so far, under nearest the fastest of all (Infinity until one is
   * found). A field, not a method: the search reads it for every hub and returning unit.
   */
  private decisiveEtaSec = Infinity;

  private considerCandidate(vehicle: number, incident: number, role: DispatchRole): void {
    const urgency = this.incidentLog.urgency[incident]!;
    if (!this.fitsRole(vehicle, urgency, role)) return;
    if (this.restriction[vehicle] !== 0 && !this.availability!.accepts(vehicle, incident)) return;
    const driveSec = this.vi[vehicle * Vi.Stride + Vi.State] === S_RETURNING ? this.travelFromMoving(vehicle, incident) : this.activationMeanSec[urgency]! + this.travelToIncident(this.vi[vehicle * Vi.Stride + Vi.Location]!, incident);
    const own = this.vehicleOwner[vehicle] === this.zoneOrganisation[this.incidentLog.zone[incident]!];
    const etaSec = this.delayFor(vehicle, incident, own) + driveSec;
    const buffer = this.candidateBuffer;
    buffer.vehicle[buffer.count] = vehicle;
    buffer.etaSec[buffer.count] = etaSec;
    buffer.own[buffer.count] = own ? 1 : 0;
    buffer.freeSinceSec[buffer.count] = this.vf[vehicle * Vf.Stride + Vf.FreeSince]!;
    buffer.count++;
    if (etaSec < this.decisiveEtaSec && (own || !this.ownersMatter)) this.decisiveEtaSec = etaSec;
  }


  /** Whether the vehicle can serve in the role for an incident of the urgency (a green-only vehicle takes green calls only). */
  private fitsRole(vehicle: number, urgency: number, role: DispatchRole): boolean {
    const vehicleRole = this.vehicleRole[vehicle]!;
    if (role === "firstResponse") return (vehicleRole & VEHICLE_ROLE.firstResponse) !== 0;
    return (vehicleRole & VEHICLE_ROLE.transport) !== 0 && (urgency === 2 || (vehicleRole & VEHICLE_ROLE.greenOnly) === 0);
  }

  /**
   * Travel seconds from a location to an incident's zone now, memoised for the current dispatch.
   * Transports keep the same kind of stamped memo; a shared class for both cost 2 % more instructions
   * per replication (it crowds the inlining of dispatch's candidate search), so each keeps its own.
   */
  private travelToIncident(from: number, incident: number): number {
    if (incident !== this.memoIncident || this.now !== this.memoTime) {
      this.memoIncident = incident;
      this.memoTime = this.now;
      this.memoGeneration++;
    }
    if (this.memoStamp[from] === this.memoGeneration) return this.memoSec[from]!;
    const sec = this.travel.travelTimeSec(from, this.incidentLog.zone[incident]!, this.incidentLog.urgency[incident] === RED, this.now);
    this.memoStamp[from] = this.memoGeneration;
    this.memoSec[from] = sec;
    return sec;
  }

  private isOwn(vehicle: number, incident: number): boolean {
    return this.vehicleOwner[vehicle] === this.zoneOrganisation[this.incidentLog.zone[incident]!];
  }

  /**
   * Coordination delay before a unit is alerted: when another AMK dispatches it, and under
   * own-only whenever it belongs to another organisation (mutual aid is always requested).
   */
  private delayFor(vehicle: number, incident: number, own: boolean): number {
    if (this.vehicleAmk[vehicle] !== this.incidentLog.amk[incident]) return this.interAmkDelaySec;
    return this.mutualAidOnly && !own ? this.interAmkDelaySec : 0;
  }

  /** Travel time from a vehicle on its way back (somewhere along its trip), by the en-route policy. */
  private travelFromMoving(vehicle: number, incident: number): number {
    const start = this.vf[vehicle * Vf.Stride + Vf.MoveStart]!;
    const end = this.vf[vehicle * Vf.Stride + Vf.MoveEnd]!;
    const fraction = end > start ? Math.min(1, Math.max(0, (this.now - start) / (end - start))) : 1;
    this.sceneIncident = incident;
    return this.policies.enRoute.travelSec(this, this.vi[vehicle * Vi.Stride + Vi.MoveFrom]!, this.vi[vehicle * Vi.Stride + Vi.Base]!, fraction);
  }

  // ---- EnRouteView

  travelToScene(from: number): number {
    return this.travelToIncident(from, this.sceneIncident);
  }

  nearestLocationAlong(from: number, to: number, fraction: number): number {
    this.nearestLocations ??= new NearestLocations(this.c.locationPoints);
    return this.nearestLocations.along(from, to, fraction);
  }

  // ---- Vehicles on a mission.

  private commit(vehicle: number, incident: number, role: DispatchRole): void {
    this.streams.rekey(this.random, role === "transport" ? P_ACTIVATION : P_FIRST_RESPONDER_ACTIVATION, incident);
    this.alert(vehicle, incident, role === "transport" ? ROLE_TRANSPORT : ROLE_FIRST_RESPONDER, this.random);
  }

  /** Gives the vehicle the job; its activation is drawn from `activationRandom`. */
  private alert(vehicle: number, incident: number, missionRole: number, activationRandom: RandomSource): void {
    const log = this.incidentLog;
    const urgency = log.urgency[incident]!;
    const state = this.vi[vehicle * Vi.Stride + Vi.State]!;
    const wasReturning = state === S_RETURNING;
    if (state >= S_CLEANING) this.availability!.interrupted(vehicle, state);
    const travelSec = wasReturning ? this.travelFromMoving(vehicle, incident) : this.travelToIncident(this.vi[vehicle * Vi.Stride + Vi.Location]!, incident);
    const delaySec = this.delayFor(vehicle, incident, this.isOwn(vehicle, incident));
    // A crew already on the road needs no activation; one at base does.
    const activationSec = wasReturning ? 0 : this.c.activation[urgency]!.sampleSec(activationRandom);
    this.makeUnavailable(vehicle);
    this.vi[vehicle * Vi.Stride + Vi.Version]!++;
    this.vi[vehicle * Vi.Stride + Vi.Mission] = incident;
    this.vi[vehicle * Vi.Stride + Vi.MissionRole] = missionRole;
    this.travelToSceneSec[vehicle] = this.multiUnit === undefined ? travelSec : travelSec + this.multiUnit.holdBackSec(incident);
    this.setState(vehicle, S_ALERTED);
    if (missionRole === ROLE_TRANSPORT) {
      log.vehicle[incident] = vehicle;
      log.alertedSec[incident] = this.now + delaySec;
      log.crossBorder[incident] = this.isOwn(vehicle, incident) ? 0 : 1;
    } else if (missionRole === ROLE_FIRST_RESPONDER) {
      log.firstResponder[incident] = vehicle;
    }
    this.queue.push(this.departAt(vehicle, this.now + delaySec + activationSec), EV_AT_SCENE, vehicle, this.vi[vehicle * Vi.Stride + Vi.Version]!);
  }

  /** The alerted vehicle departs for the scene at `departSec` (a deferred step); returns when it is there. */
  private departAt(vehicle: number, departSec: number): number {
    this.steps.plan(vehicle, departSec, S_TO_SCENE, this.vi[vehicle * Vi.Stride + Vi.MissionRole] === ROLE_TRANSPORT ? this.vi[vehicle * Vi.Stride + Vi.Mission]! : -1);
    return departSec + this.travelToSceneSec[vehicle]!;
  }

  /** The vehicle reaches `destination` with the incident's patient at `atSec` (a deferred step); returns when the handover is done. */
  private arriveAt(vehicle: number, incident: number, destination: number, atSec: number): number {
    this.steps.plan(vehicle, atSec, S_AT_DESTINATION, incident);
    this.streams.rekey(this.random, P_HANDOVER, incident);
    return atSec + this.c.destinations[destination]!.handover.sampleSec(this.random);
  }

  /** Applies the vehicle's next deferred step at its own time: its state, place and the log, as an event would have. */
  private settleStep(vehicle: number): void {
    const steps = this.steps;
    steps.take(vehicle);
    const log = this.incidentLog;
    if (steps.row >= 0) {
      const column = steps.state === S_TO_SCENE ? log.departedSec : steps.state === S_TO_DESTINATION ? log.leftSceneSec : log.atDestinationSec;
      column[steps.row] = steps.atSec;
      if (steps.destination >= 0) log.destination[steps.row] = steps.destination;
    }
    if (steps.location >= 0) this.vi[vehicle * Vi.Stride + Vi.Location] = steps.location;
    this.applyState(vehicle, steps.state, steps.atSec);
  }

  private onAtScene(vehicle: number): void {
    const log = this.incidentLog;
    const incident = this.vi[vehicle * Vi.Stride + Vi.Mission]!;
    this.vi[vehicle * Vi.Stride + Vi.Location] = log.zone[incident]!;
    this.setState(vehicle, S_AT_SCENE);
    if (!(log.firstAnyAtSceneSec[incident]! <= this.now)) log.firstAnyAtSceneSec[incident] = this.now;
    if (this.vi[vehicle * Vi.Stride + Vi.MissionRole] === ROLE_FIRST_RESPONDER) {
      // A first responder stays until the ambulance is there, or leaves if none will come (lost).
      if (log.atSceneSec[incident]! <= this.now || log.outcome[incident] === OUTCOME_LOST) this.onMissionDone(vehicle, this.vi[vehicle * Vi.Stride + Vi.Location]!);
      else this.waitingForAmbulance[vehicle] = 1;
      return;
    }
    if (this.vi[vehicle * Vi.Stride + Vi.MissionRole] === ROLE_EXTRA) {
      this.multiUnit!.onExtraAtScene(vehicle, incident);
      return;
    }
    log.atSceneSec[incident] = this.now;
    log.outcome[incident] = OUTCOME_SERVED;
    this.releaseWaitingFirstResponder(incident);
    this.streams.rekey(this.random, P_ON_SCENE, incident);
    let onSceneSec = this.c.onScene[log.urgency[incident]!]!.sampleSec(this.random);
    if (this.multiUnit !== undefined) {
      this.multiUnit.onUnitAtScene(incident);
      onSceneSec += this.multiUnit.extraOnSceneSec(incident);
    }
    const leaveSec = this.now + onSceneSec;
    // Leaving with a patient is a deferred step unless extras may still be waiting to be cancelled then;
    // a unit that treats on scene comes free when it leaves, which is an event.
    if (this.multiUnit === undefined || !this.multiUnit.needsExtras(incident)) {
      const destination = this.destinationFor(incident, this.vi[vehicle * Vi.Stride + Vi.Location]!, leaveSec);
      if (destination >= 0) {
        const target = this.c.destinations[destination]!.location;
        const atDestinationSec = leaveSec + this.travel.travelTimeSec(this.vi[vehicle * Vi.Stride + Vi.Location]!, target, log.urgency[incident] === RED, leaveSec);
        this.steps.plan(vehicle, leaveSec, S_TO_DESTINATION, incident, target, destination);
        this.queue.push(this.arriveAt(vehicle, incident, destination, atDestinationSec), EV_FREE, vehicle, this.vi[vehicle * Vi.Stride + Vi.Version]!);
        return;
      }
    }
    this.queue.push(leaveSec, EV_LEAVE_SCENE, vehicle, this.vi[vehicle * Vi.Stride + Vi.Version]!);
  }

  private releaseWaitingFirstResponder(incident: number): void {
    // The incident's first responder waits for it only if that is still its mission.
    const responder = this.incidentLog.firstResponder[incident]!;
    if (responder < 0 || this.waitingForAmbulance[responder] === 0 || this.vi[responder * Vi.Stride + Vi.Mission] !== incident) return;
    this.onMissionDone(responder, this.vi[responder * Vi.Stride + Vi.Location]!);
  }

  private onLeaveScene(vehicle: number): void {
    const log = this.incidentLog;
    const incident = this.vi[vehicle * Vi.Stride + Vi.Mission]!;
    log.leftSceneSec[incident] = this.now;
    this.multiUnit?.onFirstUnitLeft(incident);
    const destination = this.destinationFor(incident, this.vi[vehicle * Vi.Stride + Vi.Location]!, this.now);
    if (destination < 0) {
      log.freeSec[incident] = this.now;
      this.onMissionDone(vehicle, this.vi[vehicle * Vi.Stride + Vi.Location]!);
      return;
    }
    log.destination[incident] = destination;
    const target = this.c.destinations[destination]!.location;
    this.setState(vehicle, S_TO_DESTINATION);
    const travelSec = this.travel.travelTimeSec(this.vi[vehicle * Vi.Stride + Vi.Location]!, target, log.urgency[incident] === RED, this.now);
    this.vi[vehicle * Vi.Stride + Vi.Location] = target;
    this.queue.push(this.arriveAt(vehicle, incident, destination, this.now + travelSec), EV_FREE, vehicle, this.vi[vehicle * Vi.Stride + Vi.Version]!);
  }

  /**
   * The incident's patient path, from its own stream: -1 when treated on scene, else the destination
   * the policy chooses for a unit leaving `fromLocation` at `leaveSec` (by place and time only).
   */
  private destinationFor(incident: number, fromLocation: number, leaveSec: number): number {
    const log = this.incidentLog;
    const urgency = log.urgency[incident]!;
    const path = this.c.patientPaths[urgency]!;
    this.streams.rekey(this.random, P_PATH, incident);
    const pathDraw = this.random.next();
    const capabilityDraw = this.random.next();
    if (pathDraw < path.treatedOnSceneProbability) return -1;
    const legevakt = pathDraw < path.treatedOnSceneProbability + path.legevaktProbability;
    let capability = "general";
    for (let k = 0; k < path.capabilities.length; k++) {
      if (capabilityDraw < path.cumulative[k]!) {
        capability = path.capabilities[k]!;
        break;
      }
    }
    const need = this.patientNeed;
    need.legevakt = legevakt;
    need.capability = capability;
    need.areaCode = this.c.index.areaCodes[log.area[incident]!]!;
    return this.policies.destination.choose(this, fromLocation, need, urgency === RED, leaveSec);
  }

  /** The need destinationFor asks the destination policy about, filled in anew for each patient (a policy reads it during choose() only), so no object is made per patient. */
  private readonly patientNeed = { legevakt: false, capability: "general", areaCode: "" };

  /** The vehicle has finished its part of a mission at `where`: next job, off duty, or relocate. */
  private onMissionDone(vehicle: number, where: number): void {
    const incident = this.vi[vehicle * Vi.Stride + Vi.Mission]!;
    if (incident >= 0 && this.vi[vehicle * Vi.Stride + Vi.MissionRole] === ROLE_TRANSPORT) this.incidentLog.freeSec[incident] = this.now;
    if (incident >= 0 && this.incidentLog.inWarmUp[incident] === 0) this.vehicleLog.missions[vehicle]!++;
    this.vi[vehicle * Vi.Stride + Vi.Mission] = -1;
    this.waitingForAmbulance[vehicle] = 0;
    this.vi[vehicle * Vi.Stride + Vi.Location] = where;
    this.vi[vehicle * Vi.Stride + Vi.Version]!++;
    if (this.availability?.afterMission(vehicle, this.vi[vehicle * Vi.Stride + Vi.MissionRole] === ROLE_TRANSPORT ? incident : -1)) return;
    this.release(vehicle);
  }

  /** After a mission or a hold: off duty if the shift ended meanwhile, else free. */
  release(vehicle: number): void {
    if (this.offAfterMission[vehicle] === 1) {
      this.goOffDuty(vehicle);
      return;
    }
    this.becomeFree(vehicle);
  }

  /** A free, on-duty vehicle takes waiting work or relocates. */
  private becomeFree(vehicle: number): void {
    if (this.takeWaitingWork(vehicle, true)) return;
    if (this.multiUnit?.takeWaiting(vehicle)) return;
    // Transfers and booked transports queue behind every emergency.
    if (this.transports?.offer(vehicle)) return;
    this.standBy(vehicle);
  }

  /** A free unit with no work to take is available and heads for the base the relocation policy gives it. */
  private standBy(vehicle: number): void {
    this.vf[vehicle * Vf.Stride + Vf.FreeSince] = this.now;
    const base = this.policies.relocation.chooseBase(this, vehicle, this.vi[vehicle * Vi.Stride + Vi.Location]!, this.now);
    this.makeAvailable(vehicle);
    this.driveToBase(vehicle, base);
  }

  /** A free vehicle standing where it is heads for `base`: idle if it is there, else driving back. */
  private driveToBase(vehicle: number, base: number): void {
    this.vi[vehicle * Vi.Stride + Vi.Base] = base;
    const from = this.vi[vehicle * Vi.Stride + Vi.Location]!;
    if (base === from) {
      this.setState(vehicle, S_IDLE);
      this.availability?.onIdle(vehicle);
      return;
    }
    this.vi[vehicle * Vi.Stride + Vi.MoveFrom] = from;
    this.vf[vehicle * Vf.Stride + Vf.MoveStart] = this.now;
    const travelSec = this.travel.travelTimeSec(from, base, false, this.now);
    this.vf[vehicle * Vf.Stride + Vf.MoveEnd] = this.now + travelSec;
    this.setState(vehicle, S_RETURNING);
    this.queue.push(this.now + travelSec, EV_AT_BASE, vehicle, this.vi[vehicle * Vi.Stride + Vi.Version]!);
  }

  /** Gives the vehicle the first waiting incident it may take; `fromHere` commits it from where it stands (not along a drive back). */
  private takeWaitingWork(vehicle: number, fromHere: boolean): boolean {
    if (this.waiting.size === 0) return false;
    this.offeredVehicle = vehicle;
    const incident = this.waiting.takeFor(this.offeredVehicleMayServe);
    if (incident < 0) return false;
    if (fromHere) this.setState(vehicle, S_IDLE);
    this.sendToWaiting(vehicle, incident);
    return true;
  }

  /** The vehicle takeWaitingWork offers the queue, and whether it may serve an incident: bound once, as a closure per offer cost an allocation per freed unit. */
  private offeredVehicle = -1;
  private readonly offeredVehicleMayServe = (incident: number): boolean => this.eligible(this.offeredVehicle, incident, "transport");

  /** Sends the vehicle to an incident taken from the waiting queue, which waited from the AMK's decision (onCallDecided). */
  private sendToWaiting(vehicle: number, incident: number): void {
    this.incidentLog.waitForUnitSec[incident] = this.now - this.incidentLog.decidedSec[incident]!;
    this.commit(vehicle, incident, "transport");
  }

  // ---- AvailabilityHost (nowSec: see TransportHost)

  stateOf(vehicle: number): number {
    return this.vi[vehicle * Vi.Stride + Vi.State]!;
  }

  locationOf(vehicle: number): number {
    return this.vi[vehicle * Vi.Stride + Vi.Location]!;
  }

  placeAt(vehicle: number, location: number): void {
    this.vi[vehicle * Vi.Stride + Vi.Location] = location;
  }

  hold(vehicle: number, state: number, answersRed: boolean): void {
    // A unit held on its way back (out of service) stays where it is: its arrival at base is void.
    this.vi[vehicle * Vi.Stride + Vi.Version]!++;
    this.setState(vehicle, state);
    if (!answersRed) {
      this.makeUnavailable(vehicle);
      return;
    }
    // Findable like an idle unit where it stands; dispatch's restriction check lets only red calls take it.
    this.makeAvailable(vehicle);
    const location = this.locationOf(vehicle);
    this.freeUnits.add(vehicle, location, location);
  }

  restrictionChanged(vehicle: number): void {
    this.freeUnits.restrictionChanged(vehicle);
  }

  offerWaitingWork(vehicle: number): void {
    if (this.isFree(vehicle)) this.freeTogether(vehicle);
  }

  /** The unit is free and waits, with every unit freed at this time, for the waiting work to be handed out (offerFreedTogether). */
  private freeTogether(vehicle: number): void {
    if (this.freedCount === 0) this.queue.push(this.now, EV_OFFER_FREED, 0);
    this.freedTogether[this.freedCount++] = vehicle;
  }

  /**
   * Several units came free at once (crews starting their shift, or freed of the end-of-shift rule at
   * a crew change). The AMK hands out the waiting incidents as at a decision, most urgent and oldest
   * first, each to the unit dispatch chooses for it now (the nearest, under the nearest policies);
   * then each of those units still free takes, as any freed unit does, an extra unit's place at a
   * multi-unit incident or a queued transport. Handing the queue out unit by unit in vehicle order
   * instead sent the first unit in that order to the first incident, however far away (Asker and
   * Bærum, 10 × 28 days: the 803 incidents alerted on the hour after waiting drove 16.9 min on average).
   */
  private offerFreedTogether(): void {
    const freed = this.freedTogether;
    const count = this.freedCount;
    this.freedCount = 0;
    if (this.waiting.size > 0) {
      for (const incident of this.waiting.waiting()) {
        if (!this.anyFree(freed, count)) break;
        const vehicle = this.policies.dispatch.select(this, incident, "transport");
        if (vehicle < 0) continue;
        this.waiting.takeFor((candidate) => candidate === incident);
        this.sendToWaiting(vehicle, incident);
      }
    }
    for (let k = 0; k < count; k++) {
      const vehicle = freed[k]!;
      if (!this.isFree(vehicle)) continue;
      if (this.multiUnit?.takeWaiting(vehicle)) continue;
      const transports = this.transports;
      if (transports === undefined) continue;
      // As in becomeFree, the transports' readiness rule counts the others free, not this unit; a unit
      // that takes nothing is listed again as one just come free (last among equals in a transport's choice).
      this.makeUnavailable(vehicle);
      if (!transports.offer(vehicle)) this.makeAvailable(vehicle);
    }
  }

  private anyFree(vehicles: Int32Array, count: number): boolean {
    for (let k = 0; k < count; k++) if (this.isFree(vehicles[k]!)) return true;
    return false;
  }

  /** Idle or on its way back, on duty and unrestricted: may take any waiting work. */
  private isFree(vehicle: number): boolean {
    const state = this.vi[vehicle * Vi.Stride + Vi.State];
    return (state === S_IDLE || state === S_RETURNING) && this.restriction[vehicle] === 0;
  }

  // ---- Shifts.

  private onShiftStart(vehicle: number): void {
    this.scheduleShiftEnd(vehicle, this.shiftInterval[vehicle]!);
    this.offAfterMission[vehicle] = 0;
    if (this.vi[vehicle * Vi.Stride + Vi.State] !== S_OFF) return;
    // Crews start at the home station.
    this.vi[vehicle * Vi.Stride + Vi.Location] = this.c.vehicles.homeLocation[vehicle]!;
    this.vi[vehicle * Vi.Stride + Vi.Base] = this.vi[vehicle * Vi.Stride + Vi.Location]!;
    this.setState(vehicle, S_IDLE);
    this.vi[vehicle * Vi.Stride + Vi.Version]!++;
    if (this.waiting.size === 0) {
      this.becomeFree(vehicle);
      return;
    }
    // Crews start together on the hour: the waiting incidents are handed out once all have started.
    this.standBy(vehicle);
    this.freeTogether(vehicle);
  }

  private onShiftEnd(vehicle: number): void {
    const interval = ++this.shiftInterval[vehicle]!;
    if (interval < this.c.vehicles.duty[vehicle]!.length) this.scheduleShiftStart(vehicle, interval);
    const state = this.vi[vehicle * Vi.Stride + Vi.State];
    if (state === S_IDLE || state === S_RETURNING || state === S_ON_BREAK) this.goOffDuty(vehicle);
    else if (state !== S_OFF) this.offAfterMission[vehicle] = 1;
  }

  private goOffDuty(vehicle: number): void {
    this.makeUnavailable(vehicle);
    this.vi[vehicle * Vi.Stride + Vi.Version]!++;
    this.offAfterMission[vehicle] = 0;
    this.vi[vehicle * Vi.Stride + Vi.Location] = this.c.vehicles.homeLocation[vehicle]!;
    this.setState(vehicle, S_OFF);
  }

  // ---- Bookkeeping.

  /** `atSec` is now, or for a phase applied late (a deferred step, transports' settle) the time it began. */
  private setState(vehicle: number, state: number, atSec = this.now): void {
    this.settleSteps(vehicle, atSec);
    this.applyState(vehicle, state, atSec);
  }

  /** Applies the vehicle's deferred steps due by `atSec`, in order, each at its own time. */
  private settleSteps(vehicle: number, atSec: number): void {
    while (this.steps.dueSec(vehicle) <= atSec) this.settleStep(vehicle);
  }

  private applyState(vehicle: number, state: number, atSec: number): void {
    const previous = this.vi[vehicle * Vi.Stride + Vi.State]!;
    // Vehicle time counts inside the counting window: after warm-up to the end of the run unless report.utilisation narrows it.
    const since = Math.max(this.vf[vehicle * Vf.Stride + Vf.StateSince]!, this.c.countFromSec);
    const until = Math.min(atSec, this.c.countToSec);
    if (until > since) this.vehicleLog.stateSec[vehicle * STATE_COUNT + previous]! += until - since;
    // Held states (cleaning, on break) may be filed too (availability, answering red); remove is a no-op otherwise.
    if (previous === S_IDLE || previous === S_RETURNING || previous >= S_CLEANING) this.freeUnits.remove(vehicle);
    this.vi[vehicle * Vi.Stride + Vi.State] = state;
    this.vf[vehicle * Vf.Stride + Vf.StateSince] = atSec;
    if (state === S_IDLE) this.freeUnits.add(vehicle, this.vi[vehicle * Vi.Stride + Vi.Location]!, this.vi[vehicle * Vi.Stride + Vi.Location]!);
    else if (state === S_RETURNING) {
      if (this.enRouteBounded) this.freeUnits.add(vehicle, this.vi[vehicle * Vi.Stride + Vi.MoveFrom]!, this.vi[vehicle * Vi.Stride + Vi.Base]!);
      else this.freeUnits.addAlwaysAsked(vehicle);
    }
  }


  private makeAvailable(vehicle: number): void {
    if (this.vi[vehicle * Vi.Stride + Vi.AvailablePosition]! >= 0) return;
    this.vi[vehicle * Vi.Stride + Vi.AvailablePosition] = this.availableCount;
    this.available[this.availableCount++] = vehicle;
    this.transports?.vehicleFree(vehicle);
  }

  private makeUnavailable(vehicle: number): void {
    const position = this.vi[vehicle * Vi.Stride + Vi.AvailablePosition]!;
    if (position < 0) return;
    const last = this.available[--this.availableCount]!;
    this.available[position] = last;
    this.vi[last * Vi.Stride + Vi.AvailablePosition] = position;
    this.vi[vehicle * Vi.Stride + Vi.AvailablePosition] = -1;
    this.transports?.vehicleTaken(vehicle);
  }

  private finish(): void {
    // Incidents still waiting at the end have waited until now; leaving them at 0 would understate waits.
    for (const incident of this.waiting.waiting()) this.incidentLog.waitForUnitSec[incident] = this.now - this.incidentLog.decidedSec[incident]!;
    this.transports?.finish();
    for (let v = 0; v < this.c.vehicles.count; v++) this.setState(v, this.vi[v * Vi.Stride + Vi.State]!);
    this.amk.finish(this.now);
  }

  // ---- TransportHost: the transports module drives vehicles through these.

  get nowSec(): number {
    return this.now;
  }

  pushEvent(timeSec: number, kind: number, subject: number, version: number): void {
    this.queue.push(timeSec, kind, subject, version);
  }

  vehicleVersion(vehicle: number): number {
    return this.vi[vehicle * Vi.Stride + Vi.Version]!;
  }

  get freeVehicleCount(): number {
    return this.availableCount;
  }

  freeVehicle(k: number): number {
    return this.available[k]!;
  }

  freeVehicleRank(vehicle: number): number {
    return this.vi[vehicle * Vi.Stride + Vi.AvailablePosition]!;
  }

  restricted(vehicle: number): boolean {
    return this.restriction[vehicle] !== 0;
  }

  vehicleLocation(vehicle: number): number {
    return this.vi[vehicle * Vi.Stride + Vi.Location]!;
  }

  mayTake(vehicle: number, row: number): boolean {
    return this.restriction[vehicle] === 0 || this.availability!.accepts(vehicle, row);
  }

  startMission(vehicle: number, row: number, state: number): void {
    if (this.vi[vehicle * Vi.Stride + Vi.State]! >= S_CLEANING) this.availability!.interrupted(vehicle, this.vi[vehicle * Vi.Stride + Vi.State]!);
    this.makeUnavailable(vehicle);
    this.vi[vehicle * Vi.Stride + Vi.Version]!++;
    this.vi[vehicle * Vi.Stride + Vi.Mission] = row;
    this.vi[vehicle * Vi.Stride + Vi.MissionRole] = 1;
    this.setState(vehicle, state);
  }

  setVehicleState(vehicle: number, state: number, location: number, atSec: number): void {
    this.vi[vehicle * Vi.Stride + Vi.Location] = location;
    this.setState(vehicle, state, atSec);
  }

  endMission(vehicle: number): void {
    this.onMissionDone(vehicle, this.vi[vehicle * Vi.Stride + Vi.Location]!);
  }

  // ---- RelocationView / DestinationView

  homeLocation(vehicle: number): number {
    return this.c.vehicles.homeLocation[vehicle]!;
  }

  travelSec(from: number, to: number, emergency = false, simSec = this.now): number {
    return this.travel.travelTimeSec(from, to, emergency, simSec);
  }

  minuteOfDayAt(simSec: number): number {
    // Scenarios start on a whole local hour and Oslo's offsets are whole hours, so minutes follow the simulation clock.
    const hourOfWeek = this.calendar.hourOfWeekAt(simSec);
    return (hourOfWeek % 24) * 60 + Math.floor((simSec % 3600) / 60);
  }

  isAmbulance(vehicle: number): boolean {
    return this.c.vehicles.role[vehicle] === VEHICLE_ROLE.transport;
  }

  *freeAmbulanceTargets(exceptVehicle: number): Iterable<number> {
    for (let k = 0; k < this.availableCount; k++) {
      const vehicle = this.available[k]!;
      if (vehicle !== exceptVehicle && this.isAmbulance(vehicle)) yield this.vi[vehicle * Vi.Stride + Vi.Base]!;
    }
  }

  freeAmbulances(): FreeAmbulances {
    const free = this.freeAmbulanceBuffer;
    free.count = 0;
    // In vehicle order, so a policy sees the same list whatever order units became free in.
    for (let vehicle = 0; vehicle < this.c.vehicles.count; vehicle++) {
      if (this.vi[vehicle * Vi.Stride + Vi.AvailablePosition]! < 0 || !this.isAmbulance(vehicle)) continue;
      const state = this.vi[vehicle * Vi.Stride + Vi.State]!;
      free.vehicle[free.count] = vehicle;
      free.position[free.count] = state === S_RETURNING ? this.vi[vehicle * Vi.Stride + Vi.Base]! : this.vi[vehicle * Vi.Stride + Vi.Location]!;
      free.movable[free.count] = state === S_IDLE ? 1 : 0;
      free.count++;
    }
    return free;
  }

  standbyLocation(id: string): number {
    const location = this.c.standbyLocationById.get(id);
    if (location === undefined) throw new Error(`unknown standby point ${id}`);
    return location;
  }

  // ---- Snapshots (snapshot/): start from a given state, read the state, rank units, advise moves.

  /**
   * Starts from a snapshot instead of an empty system, then runs to `endSec`. Incidents 0 … k−1 of
   * the log are the snapshot's (they have rung); later ones ring as usual. Calls are answered at
   * once (ASSUMPTION: no 113 queue; the AMK's operators are not part of a snapshot).
   */
  runFrom(snapshot: SimulationSnapshot, endSec: number, sampler: StateSampler | undefined): void {
    this.restore(snapshot, endSec);
    this.sampler = sampler;
    if (sampler) this.queue.push(this.now, EV_SAMPLE, 0);
    this.loop();
    this.now = endSec;
    this.finish();
  }

  /** Puts the snapshot's state in place and schedules each unit's next event; dispatches waiting incidents a free unit can take. */
  restore(snapshot: SimulationSnapshot, endSec: number): void {
    const t = snapshot.timeSec;
    this.now = t;
    this.endSec = endSec;
    this.reserveShifts();
    for (let v = 0; v < this.c.vehicles.count; v++) {
      const duty = this.c.vehicles.duty[v]!;
      const p = duty.findIndex(([, end]) => end > t);
      if (p < 0) continue;
      this.shiftInterval[v] = p;
      if (duty[p]![0] > t) this.scheduleShiftStart(v, p);
      else this.scheduleShiftEnd(v, p);
    }
    const log = this.incidentLog;
    this.decideAtOnce(snapshot, endSec);
    snapshot.incidents.forEach((incident, i) => {
      log.decidedSec[i] = incident.decidedSec;
      if (incident.atSceneSec !== undefined) {
        log.atSceneSec[i] = incident.atSceneSec;
        log.firstAnyAtSceneSec[i] = incident.atSceneSec;
        log.outcome[i] = OUTCOME_SERVED;
      }
      if (incident.destination !== undefined) log.destination[i] = incident.destination;
    });
    snapshot.units.forEach((unit, v) => this.restoreUnit(v, unit, t));
    for (const incident of snapshot.waiting) {
      const vehicle = this.policies.dispatch.select(this, incident, "transport");
      if (vehicle < 0) {
        this.waiting.add(incident, log.urgency[incident]!);
        continue;
      }
      log.waitForUnitSec[incident] = t - log.decidedSec[incident]!;
      this.commit(vehicle, incident, "transport");
    }
    this.moveUp?.resume();
  }

  /**
   * The decisions of a run from a snapshot, which has no 113 queue: the snapshot's own still to
   * come, then each later call's, answered as it rings (to endSec) and decided after its handling.
   * Equal times keep that order.
   */
  private decideAtOnce(snapshot: SimulationSnapshot, endSec: number): void {
    const log = this.incidentLog;
    const incidents: number[] = [];
    const atSec: number[] = [];
    snapshot.incidents.forEach((incident, i) => {
      if (incident.decidedSec > snapshot.timeSec) {
        incidents.push(i);
        atSec.push(incident.decidedSec);
      }
    });
    for (let i = snapshot.incidents.length; i < this.emergencyCount && log.ringSec[i]! <= endSec; i++) {
      log.answeredSec[i] = log.ringSec[i]!;
      incidents.push(i);
      atSec.push(log.ringSec[i]! + this.amk.handlingSec(i));
      this.eventCount++;
    }
    const order = incidents.map((_, k) => k).sort((a, b) => atSec[a]! - atSec[b]! || a - b);
    const decisions = this.decisions;
    decisions.count = 0;
    for (const k of order) {
      decisions.incident[decisions.count] = incidents[k]!;
      decisions.atSec[decisions.count++] = atSec[k]!;
    }
  }

  private restoreUnit(v: number, unit: SnapshotUnit, t: number): void {
    this.vf[v * Vf.Stride + Vf.StateSince] = t;
    switch (unit.state) {
      case "off":
        return;
      case "idle":
        this.vi[v * Vi.Stride + Vi.Location] = unit.location;
        this.vi[v * Vi.Stride + Vi.Base] = unit.location;
        this.vf[v * Vf.Stride + Vf.FreeSince] = unit.freeSinceSec ?? t;
        this.setState(v, S_IDLE);
        this.makeAvailable(v);
        return;
      case "returning": {
        this.vi[v * Vi.Stride + Vi.Location] = unit.from;
        this.vi[v * Vi.Stride + Vi.MoveFrom] = unit.from;
        this.vi[v * Vi.Stride + Vi.Base] = unit.base;
        this.vf[v * Vf.Stride + Vf.MoveStart] = unit.startSec;
        // A drive home that would have ended before the snapshot ends now: the unit is home, and the clock never goes back.
        this.vf[v * Vf.Stride + Vf.MoveEnd] = unit.endSec ?? Math.max(t, unit.startSec + this.travel.travelTimeSec(unit.from, unit.base, false, unit.startSec));
        this.vf[v * Vf.Stride + Vf.FreeSince] = unit.freeSinceSec ?? t;
        this.setState(v, S_RETURNING);
        this.makeAvailable(v);
        this.queue.push(this.vf[v * Vf.Stride + Vf.MoveEnd]!, EV_AT_BASE, v, this.vi[v * Vi.Stride + Vi.Version]!);
        return;
      }
    }
    const incident = unit.incident;
    const log = this.incidentLog;
    const transport = unit.role === "transport";
    this.vi[v * Vi.Stride + Vi.Mission] = incident;
    this.vi[v * Vi.Stride + Vi.MissionRole] = transport ? ROLE_TRANSPORT : ROLE_FIRST_RESPONDER;
    this.vi[v * Vi.Stride + Vi.Location] = unit.location;
    this.offAfterMission[v] = unit.offAfterMission ? 1 : 0;
    if (transport) {
      log.vehicle[incident] = v;
      log.crossBorder[incident] = this.isOwn(v, incident) ? 0 : 1;
    } else log.firstResponder[incident] = v;
    const urgency = log.urgency[incident]!;
    // A phase whose end is not given ends after the incident's own draw of its duration, or now if that is past.
    const drawnEnd = (purpose: number, sampler: { sampleSec(random: RandomSource): number }) => {
      this.streams.rekey(this.random, purpose, incident);
      return Math.max(t, unit.sinceSec + sampler.sampleSec(this.random));
    };
    let kind: number;
    let endSec: number;
    switch (unit.state) {
      case "alerted":
        this.travelToSceneSec[v] = unit.travelToSceneSec ?? this.travelToIncident(unit.location, incident);
        this.setState(v, S_ALERTED);
        kind = EV_AT_SCENE;
        endSec = this.departAt(v, unit.endSec ?? drawnEnd(transport ? P_ACTIVATION : P_FIRST_RESPONDER_ACTIVATION, this.c.activation[urgency]!));
        break;
      case "toScene":
        this.setState(v, S_TO_SCENE);
        kind = EV_AT_SCENE;
        endSec = unit.endSec ?? t + this.travelToIncident(unit.location, incident);
        break;
      case "atScene":
        this.setState(v, S_AT_SCENE);
        if (!transport) {
          // A first responder stays until the ambulance is there.
          if (log.atSceneSec[incident]! <= t) this.queue.push(t, EV_FREE, v, this.vi[v * Vi.Stride + Vi.Version]!);
          else this.waitingForAmbulance[v] = 1;
          return;
        }
        kind = EV_LEAVE_SCENE;
        endSec = unit.endSec ?? drawnEnd(P_ON_SCENE, this.c.onScene[urgency]!);
        break;
      case "toDestination":
      case "atDestination": {
        if (!transport) throw new SnapshotError(`vehicle ${v}: a first responder does not transport`);
        const destination = log.destination[incident]! >= 0 ? log.destination[incident]! : this.defaultDestination(incident, unit.location);
        log.destination[incident] = destination;
        const target = this.c.destinations[destination]!.location;
        this.vi[v * Vi.Stride + Vi.Location] = target;
        if (unit.state === "toDestination") {
          this.setState(v, S_TO_DESTINATION);
          kind = EV_FREE;
          endSec = this.arriveAt(v, incident, destination, unit.endSec ?? t + this.travel.travelTimeSec(unit.location, target, urgency === RED, t));
        } else {
          this.setState(v, S_AT_DESTINATION);
          kind = EV_FREE;
          endSec = unit.endSec ?? drawnEnd(P_HANDOVER, this.c.destinations[destination]!.handover);
        }
        break;
      }
    }
    this.queue.push(endSec, kind, v, this.vi[v * Vi.Stride + Vi.Version]!);
  }

  /** Where a patient on the way whose destination the snapshot does not say goes: the destination policy's choice for a general hospital. */
  private defaultDestination(incident: number, from: number): number {
    const log = this.incidentLog;
    const areaCode = this.c.index.areaCodes[log.area[incident]!]!;
    return this.policies.destination.choose(this, from, { legevakt: false, capability: "general", areaCode }, log.urgency[incident] === RED, this.now);
  }

  /** Runs to `atSec` (no further) from the start, as an ordinary run would, and stops there without finishing. */
  runUntil(atSec: number): void {
    this.endSec = atSec;
    this.startFromEmpty();
    this.loop();
    this.now = atSec;
  }

  /** The state now as a snapshot (after runUntil); what it cannot hold is refused. */
  capture(): SimulationSnapshot {
    if (this.availability || this.multiUnit || this.transports) throw new SnapshotError("a snapshot holds no availability, multi-unit or transports state");
    const t = this.now;
    const log = this.incidentLog;
    const pendingDecision = new Map<number, number>();
    const phaseEnd = new Float64Array(this.c.vehicles.count).fill(NaN);
    this.amk.forEachPendingDecision((incident, atSec) => pendingDecision.set(incident, atSec));
    for (let k = this.nextDecision; k < this.decisions.count; k++) pendingDecision.set(this.decisions.incident[k]!, this.decisions.atSec[k]!);
    this.queue.forEachPending((time, kind, subject, version) => {
      if (kind <= EV_AT_BASE && version === this.vi[subject * Vi.Stride + Vi.Version]) phaseEnd[subject] = time;
    });
    // Steps due by now have happened; one still to come ends the phase the unit is in (not its next event).
    for (let v = 0; v < this.c.vehicles.count; v++) {
      this.settleSteps(v, t);
      if (this.steps.dueSec(v) < Infinity) phaseEnd[v] = this.steps.dueSec(v);
    }
    const incidents = Array.from({ length: log.count }, (_, i) => {
      const decidedSec = pendingDecision.get(i) ?? log.decidedSec[i]!;
      if (Number.isNaN(decidedSec) && log.outcome[i] !== OUTCOME_LOST) throw new SnapshotError(`incident ${i} waits for an AMK operator; a snapshot holds no 113 queue`);
      return {
        ringSec: log.ringSec[i]!,
        zone: log.zone[i]!,
        urgency: log.urgency[i]!,
        decidedSec,
        ...(log.atSceneSec[i]! <= t ? { atSceneSec: log.atSceneSec[i]! } : {}),
        ...(log.destination[i]! >= 0 ? { destination: log.destination[i]! } : {}),
      };
    });
    const states = ["alerted", "toScene", "atScene", "toDestination", "atDestination"] as const;
    const units = Array.from({ length: this.c.vehicles.count }, (_, v): SnapshotUnit => {
      const state = this.vi[v * Vi.Stride + Vi.State]!;
      if (state === S_OFF) return { state: "off" };
      if (state === S_IDLE) return { state: "idle", location: this.vi[v * Vi.Stride + Vi.Location]!, freeSinceSec: this.vf[v * Vf.Stride + Vf.FreeSince]! };
      if (state === S_RETURNING) return { state: "returning", from: this.vi[v * Vi.Stride + Vi.MoveFrom]!, base: this.vi[v * Vi.Stride + Vi.Base]!, startSec: this.vf[v * Vf.Stride + Vf.MoveStart]!, endSec: this.vf[v * Vf.Stride + Vf.MoveEnd]!, freeSinceSec: this.vf[v * Vf.Stride + Vf.FreeSince]! };
      const phase = states[[S_ALERTED, S_TO_SCENE, S_AT_SCENE, S_TO_DESTINATION, S_AT_DESTINATION].indexOf(state)];
      if (phase === undefined || this.vi[v * Vi.Stride + Vi.MissionRole] === ROLE_EXTRA) throw new SnapshotError(`vehicle ${v} is in a state a snapshot cannot hold`);
      return {
        state: phase,
        incident: this.vi[v * Vi.Stride + Vi.Mission]!,
        role: this.vi[v * Vi.Stride + Vi.MissionRole] === ROLE_TRANSPORT ? "transport" : "firstResponse",
        location: phase === "toDestination" ? this.moveOrigin(v) : this.vi[v * Vi.Stride + Vi.Location]!,
        sinceSec: this.vf[v * Vf.Stride + Vf.StateSince]!,
        ...(Number.isNaN(phaseEnd[v]!) ? {} : { endSec: phaseEnd[v]! }),
        ...(phase === "alerted" ? { travelToSceneSec: this.travelToSceneSec[v]! } : {}),
        ...(this.offAfterMission[v] === 1 ? { offAfterMission: true } : {}),
      };
    });
    return { timeSec: t, incidents, units, waiting: this.waiting.waiting() };
  }

  /** A unit driving to a destination started at its incident's scene. */
  private moveOrigin(vehicle: number): number {
    return this.incidentLog.zone[this.vi[vehicle * Vi.Stride + Vi.Mission]!]!;
  }

  /**
   * The dispatch policy's choice for an incident, and every free unit that may serve it with its
   * estimated arrival (ascending; the choice first), as the engine computes them when it dispatches.
   */
  rank(incident: number): { chosen: number; candidates: RankedCandidate[] } {
    const chosen = this.policies.dispatch.select(this, incident, "transport");
    const buffer = this.candidateBuffer;
    buffer.count = 0;
    for (let k = 0; k < this.availableCount; k++) this.considerCandidate(this.available[k]!, incident, "transport");
    const candidates: RankedCandidate[] = [];
    for (let k = 0; k < buffer.count; k++) {
      const vehicle = buffer.vehicle[k]!;
      candidates.push({ vehicle, etaSec: buffer.etaSec[k]!, own: buffer.own[k] === 1, otherAmk: this.c.vehicles.amk[vehicle] !== this.incidentLog.amk[incident] });
    }
    candidates.sort((a, b) => (a.vehicle === chosen ? -1 : b.vehicle === chosen ? 1 : a.etaSec - b.etaSec || a.vehicle - b.vehicle));
    return { chosen, candidates };
  }

  /** Where the relocation policy would send a free unit standing idle now (its own base when it should stay). */
  relocationTarget(vehicle: number): number {
    return this.policies.relocation.chooseBase(this, vehicle, this.vi[vehicle * Vi.Stride + Vi.Location]!, this.now);
  }

  /** The moves a move-up policy (compliance table) asks for now; empty for policies without move-up. */
  repositionNow(): Moves {
    return this.policies.relocation.reposition?.(this, this.now) ?? [];
  }
}
