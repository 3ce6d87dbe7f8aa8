import type { ColumnSource } from "../columns/columns.js";
import { EventQueue } from "../events/event-queue.js";
import type { KeyedRandomSource, RandomSource, RandomStreams } from "../random/random.js";
import { VEHICLE_STATES, type AvailabilityLog, type IncidentLog } from "../result/result.js";
import { ACTION_BREAK_DUE, ACTION_BREAK_WINDOW_END, ACTION_END_OF_SHIFT_OFF, ACTION_END_OF_SHIFT_ON, type CompiledAvailability, type Timeline } from "./compile.js";

/** Event kinds of this module (the range 30–39 is reserved for it); the loop hands them to handle(), defects to onNextDefect(). */
export const EV_AVAILABILITY_FIRST = 30;
export const EV_AVAILABILITY_LAST = 39;
/** Subject: a timeline group (vehicles sharing one crew-shift time-line), see onTimeline. */
const EV_TIMELINE = 30;
const EV_DEFECT = 31;
const EV_REPAIRED = 32;
const EV_CLEANING_AT_STATION = 33;
const EV_CLEANING_DONE = 34;
const EV_BREAK_END = 35;

// Random-stream purposes 30–39: own streams, so emergency incidents' numbers do not change.
const P_DEFECT_TIMES = 30;
const P_REPAIR_DURATION = 31;
const P_CLEANING = 32;

/** Restriction bits read by dispatch: the unit takes red calls only. */
export const RESTRICT_END_OF_SHIFT = 1;
export const RESTRICT_HELD = 2;

export const S_CLEANING = VEHICLE_STATES.indexOf("cleaning");
export const S_ON_BREAK = VEHICLE_STATES.indexOf("onBreak");
export const S_OUT_OF_SERVICE = VEHICLE_STATES.indexOf("outOfService");
const S_OFF = VEHICLE_STATES.indexOf("offDuty");
const S_IDLE = VEHICLE_STATES.indexOf("idle");
const S_RETURNING = VEHICLE_STATES.indexOf("returning");
const RED = 0;

/** What the availability module needs from the event loop. */
export interface AvailabilityHost {
  readonly nowSec: number;
  stateOf(vehicle: number): number;
  locationOf(vehicle: number): number;
  /** Moves a vehicle that is not on a mission to `location` (e.g. its station after cleaning). */
  placeAt(vehicle: number, location: number): void;
  homeLocation(vehicle: number): number;
  travelSec(from: number, to: number, emergency?: boolean, simSec?: number): number;
  /** Puts a vehicle into an unavailable state where it is; answersRed keeps it findable by red calls. */
  hold(vehicle: number, state: number, answersRed: boolean): void;
  /** Ends a hold: the vehicle goes off duty if its shift ended meanwhile, else it is free. */
  release(vehicle: number): void;
  /**
   * A free vehicle whose restriction was lifted (a crew change) looks at the waiting work, together
   * with every unit freed at the same time (the host hands the waiting incidents out once they all are).
   */
  offerWaitingWork(vehicle: number): void;
  /** The vehicle's restriction went from none to some, or from some to none (restriction[vehicle] is already the new value). */
  restrictionChanged(vehicle: number): void;
}

/**
 * Time when a unit cannot take a job: cleaning after missions, meal breaks, the end-of-shift rule
 * and vehicles out of service. Created only when the scenario has an `availability` section.
 */
export class Availability {
  /** Per vehicle: RESTRICT_* bits; 0 for a unit with no restriction (the common case). */
  readonly restriction: Uint8Array;
  readonly log: AvailabilityLog;

  // Vehicles sharing a time-line (CompiledAvailability.timeline) pass its points together: one
  // event per group and point instead of one per vehicle, handled as the vehicles' own events would be.
  private readonly groupTimeline: Timeline[] = [];
  /** Per group, its vehicles in the order their events would be handled (vehicle order). */
  private readonly groupMembers: Int32Array[] = [];
  /** Per group, the point the group is at, and the member to go on with after other events came in between. */
  private readonly groupCursor: Int32Array;
  private readonly groupResume: Int32Array;
  /** Per vehicle, the sequence number its own event for the group's next point would have had. */
  private readonly memberSequence: Float64Array;
  /** Per vehicle, bumped whenever a hold ends early, so its pending end event is ignored. */
  private readonly token: Int32Array;
  private readonly breakPending: Uint8Array;
  private readonly defectPending: Uint8Array;
  /**
   * Each vehicle's next defect, out of the loop's queue: about one timer per vehicle, seldom due,
   * which would otherwise make half the main queue and every push and pop there a level deeper.
   * They keep sequence numbers from the main queue; the loop merges the two by (time, sequence).
   */
  private readonly defects = new EventQueue(256);
  private readonly defectRandom: RandomSource[];
  private readonly repairRandom: RandomSource[];
  private readonly cleaningRandom: KeyedRandomSource;
  /** Per incident, 1 once the end-of-shift rule has passed it over (it is counted once, for that unit). */
  private readonly refused: Uint8Array;
  /** Per vehicle, the incident whose cleaning it is in (for log.readySec); -1 otherwise. */
  private readonly cleaningIncident: Int32Array;

  constructor(
    private readonly compiled: CompiledAvailability,
    private readonly host: AvailabilityHost,
    private readonly queue: EventQueue,
    private readonly streams: RandomStreams,
    private readonly incidents: IncidentLog,
    private readonly countFromSec: number,
    private readonly countToSec: number,
    cleaningRandom: KeyedRandomSource,
    columns: ColumnSource,
  ) {
    const vehicles = compiled.timeline.length;
    this.restriction = new Uint8Array(vehicles);
    this.refused = columns.uint8("availability.refused", incidents.count, 0);
    this.cleaningIncident = new Int32Array(vehicles).fill(-1);
    const groupOf = new Map<Timeline, number[]>();
    compiled.timeline.forEach((timeline, v) => {
      if (timeline.timeSec.length === 0) return;
      const members = groupOf.get(timeline);
      if (members) members.push(v);
      else groupOf.set(timeline, [v]);
    });
    for (const [timeline, members] of groupOf) {
      this.groupTimeline.push(timeline);
      this.groupMembers.push(Int32Array.from(members));
    }
    this.groupCursor = new Int32Array(this.groupTimeline.length);
    this.groupResume = new Int32Array(this.groupTimeline.length);
    this.memberSequence = new Float64Array(vehicles);
    this.token = new Int32Array(vehicles);
    this.breakPending = new Uint8Array(vehicles);
    this.defectPending = new Uint8Array(vehicles);
    this.defectRandom = Array.from({ length: vehicles }, (_, v) => streams.stream(P_DEFECT_TIMES, v));
    this.repairRandom = Array.from({ length: vehicles }, (_, v) => streams.stream(P_REPAIR_DURATION, v));
    this.cleaningRandom = cleaningRandom;
    const perVehicle = () => new Int32Array(vehicles);
    this.log = {
      breaksTaken: perVehicle(),
      breaksInterrupted: perVehicle(),
      breaksSkipped: perVehicle(),
      cleanings: perVehicle(),
      cleaningsInterrupted: perVehicle(),
      outOfService: perVehicle(),
      endOfShiftRefusals: perVehicle(),
      readySec: columns.float64("availability.readySec", incidents.count, Number.NaN),
    };
  }

  /** Schedules each vehicle's first crew-shift point and first defect. */
  start(): void {
    for (let v = 0; v < this.compiled.timeline.length; v++) {
      if (this.compiled.timeline[v]!.timeSec.length > 0) this.memberSequence[v] = this.queue.reserveSequences(1);
      this.scheduleDefect(v);
    }
    this.groupTimeline.forEach((timeline, group) => this.queue.pushReserved(timeline.timeSec[0]!, EV_TIMELINE, group, 0, this.memberSequence[this.groupMembers[group]![0]!]!));
  }

  handle(kind: number, vehicle: number, token: number): void {
    switch (kind) {
      case EV_TIMELINE:
        this.onTimeline(vehicle);
        break;
      case EV_REPAIRED:
        if (token === this.token[vehicle]) this.host.release(vehicle);
        break;
      case EV_CLEANING_AT_STATION:
        if (token === this.token[vehicle]) this.cleanAtStation(vehicle);
        break;
      case EV_CLEANING_DONE:
      case EV_BREAK_END:
        if (token !== this.token[vehicle]) break;
        if (kind === EV_CLEANING_DONE) this.cleaningEnded(vehicle);
        this.lift(vehicle, RESTRICT_HELD);
        if (this.host.stateOf(vehicle) === (kind === EV_BREAK_END ? S_ON_BREAK : S_CLEANING)) this.host.release(vehicle);
        break;
      default:
        throw new Error(`unknown availability event kind ${kind}`);
    }
  }

  /**
   * Whether a restricted unit (restriction ≠ 0) may take the incident: red only. A non-red
   * incident the end-of-shift rule passes over is counted once, for the first unit that passed it over.
   */
  accepts(vehicle: number, incident: number): boolean {
    if (this.incidents.urgency[incident] === RED) return true;
    if (this.restriction[vehicle] === RESTRICT_END_OF_SHIFT && this.refused[incident] === 0) {
      this.refused[incident] = 1;
      if (this.incidents.inWarmUp[incident] === 0) this.log.endOfShiftRefusals[vehicle]!++;
    }
    return false;
  }

  /** Whether the end-of-shift rule has already passed the incident over (accepts counted it). */
  passedOver(incident: number): boolean {
    return this.refused[incident] === 1;
  }

  /**
   * A mission ended (incident ≥ 0 for the transporting unit's missions, -1 for a first responder's:
   * cleaning follows patient contact in the ambulance, by outcome). Returns true
   * when the unit goes out of service or is cleaned first; it is released later.
   */
  afterMission(vehicle: number, incident: number): boolean {
    if (this.defectPending[vehicle] === 1) {
      this.defectPending[vehicle] = 0;
      this.goOutOfService(vehicle);
      return true;
    }
    if (incident < 0) return false;
    const cleaning = this.compiled.cleaning[vehicle];
    if (!cleaning) {
      this.log.readySec[incident] = this.host.nowSec;
      return false;
    }
    const transported = this.incidents.destination[incident]! >= 0;
    this.streams.rekey(this.cleaningRandom, P_CLEANING, incident);
    const draw = this.cleaningRandom.next();
    if (draw >= (transported ? cleaning.transportedProbability : cleaning.treatedOnSceneProbability)) {
      this.log.readySec[incident] = this.host.nowSec;
      return false;
    }
    this.cleaningIncident[vehicle] = incident;
    const durationSec = (transported ? cleaning.transported : cleaning.treatedOnScene).sampleSec(this.cleaningRandom);
    if (this.counting()) this.log.cleanings[vehicle]!++;
    const token = ++this.token[vehicle]!;
    if (cleaning.atStation) {
      // On the road to the station the unit is neither at a place dispatch can bound nor ready: held, not findable.
      const home = this.host.homeLocation(vehicle);
      const driveSec = this.host.travelSec(this.host.locationOf(vehicle), home, false, this.host.nowSec);
      this.host.hold(vehicle, S_CLEANING, false);
      this.host.placeAt(vehicle, home);
      this.queue.push(this.host.nowSec + driveSec, EV_CLEANING_AT_STATION, vehicle, token);
      this.queue.push(this.host.nowSec + driveSec + durationSec, EV_CLEANING_DONE, vehicle, token);
      return true;
    }
    this.holdFor(vehicle, S_CLEANING, cleaning.interruptibleByRed);
    this.queue.push(this.host.nowSec + durationSec, EV_CLEANING_DONE, vehicle, token);
    return true;
  }

  /** The unit became idle at its base: a break that is due starts now. */
  onIdle(vehicle: number): void {
    if (this.breakPending[vehicle] === 1) this.startBreak(vehicle);
  }

  /** A held unit (cleaning or on break) was dispatched to a red call. */
  interrupted(vehicle: number, state: number): void {
    if (state === S_CLEANING) this.cleaningEnded(vehicle);
    this.token[vehicle]!++;
    this.lift(vehicle, RESTRICT_HELD);
    if (!this.counting()) return;
    if (state === S_ON_BREAK) this.log.breaksInterrupted[vehicle]!++;
    else if (state === S_CLEANING) this.log.cleaningsInterrupted[vehicle]!++;
  }

  /**
   * A group's time-line point. Each member's action runs in the order its own event would have
   * run: when another event at this time would have come before the next member's (a smaller
   * sequence number), the group's event is queued again under that member's number, so the other
   * event runs first. Each member takes its next point's sequence number when its own event would
   * have been pushed, so every other event keeps its number.
   */
  private onTimeline(group: number): void {
    const timeline = this.groupTimeline[group]!;
    const members = this.groupMembers[group]!;
    const k = this.groupCursor[group]!;
    const nowSec = timeline.timeSec[k]!;
    const action = timeline.action[k]!;
    const hasNext = k + 1 < timeline.timeSec.length;
    const first = this.groupResume[group]!;
    for (let m = first; m < members.length; m++) {
      const vehicle = members[m]!;
      if (m > first && this.otherEventBefore(nowSec, this.memberSequence[vehicle]!)) {
        this.groupResume[group] = m;
        this.queue.pushReserved(nowSec, EV_TIMELINE, group, 0, this.memberSequence[vehicle]!);
        return;
      }
      if (hasNext) this.memberSequence[vehicle] = this.queue.reserveSequences(1);
      this.onTimelinePoint(vehicle, action);
    }
    this.groupResume[group] = 0;
    this.groupCursor[group] = k + 1;
    if (hasNext) this.queue.pushReserved(timeline.timeSec[k + 1]!, EV_TIMELINE, group, 0, this.memberSequence[members[0]!]!);
  }

  private onTimelinePoint(vehicle: number, action: number): void {
    switch (action) {
      case ACTION_END_OF_SHIFT_ON:
        this.restrict(vehicle, RESTRICT_END_OF_SHIFT);
        break;
      case ACTION_END_OF_SHIFT_OFF:
        this.lift(vehicle, RESTRICT_END_OF_SHIFT);
        if (this.restriction[vehicle] === 0) this.host.offerWaitingWork(vehicle);
        break;
      case ACTION_BREAK_DUE: {
        const state = this.host.stateOf(vehicle);
        if (state === S_OFF) break;
        this.breakPending[vehicle] = 1;
        if (state === S_IDLE) this.startBreak(vehicle);
        break;
      }
      case ACTION_BREAK_WINDOW_END:
        if (this.breakPending[vehicle] === 1) {
          this.breakPending[vehicle] = 0;
          if (this.counting()) this.log.breaksSkipped[vehicle]!++;
        }
        break;
    }
  }

  private startBreak(vehicle: number): void {
    this.breakPending[vehicle] = 0;
    if (this.counting()) this.log.breaksTaken[vehicle]!++;
    const token = ++this.token[vehicle]!;
    this.holdFor(vehicle, S_ON_BREAK, this.compiled.breakInterruptibleByRed[vehicle] === 1);
    this.queue.push(this.host.nowSec + this.compiled.breakDurationSec[vehicle]!, EV_BREAK_END, vehicle, token);
  }

  /** The cleaning after a mission ended (done, or cut short by a red call): the unit is ready for a job. */
  private cleaningEnded(vehicle: number): void {
    const incident = this.cleaningIncident[vehicle]!;
    if (incident >= 0) this.log.readySec[incident] = this.host.nowSec;
    this.cleaningIncident[vehicle] = -1;
  }

  private restrict(vehicle: number, bit: number): void {
    const before = this.restriction[vehicle]!;
    this.restriction[vehicle] = before | bit;
    if (before === 0) this.host.restrictionChanged(vehicle);
  }

  private lift(vehicle: number, bit: number): void {
    const before = this.restriction[vehicle]!;
    const after = before & ~bit;
    this.restriction[vehicle] = after;
    if (before !== 0 && after === 0) this.host.restrictionChanged(vehicle);
  }

  private holdFor(vehicle: number, state: number, answersRed: boolean): void {
    if (answersRed) this.restrict(vehicle, RESTRICT_HELD);
    this.host.hold(vehicle, state, answersRed);
  }

  private cleanAtStation(vehicle: number): void {
    const cleaning = this.compiled.cleaning[vehicle]!;
    if (cleaning.interruptibleByRed) this.holdFor(vehicle, S_CLEANING, true);
  }

  // ---- Out of service: defects arrive as a Poisson process in time; only those that find the unit on duty count.

  private scheduleDefect(vehicle: number): void {
    const outOfService = this.compiled.outOfService[vehicle];
    if (!outOfService) return;
    const gapSec = -Math.log(this.defectRandom[vehicle]!.next()) / outOfService.ratePerSec;
    this.defects.pushReserved(this.host.nowSec + gapSec, EV_DEFECT, vehicle, 0, this.queue.reserveSequences(1));
    this.nextDefectSec = this.defects.peekTime();
  }

  /**
   * When the next defect is due (Infinity if none); with nextDefectSequence, the loop handles it before
   * a main-queue event later in (time, sequence). Kept as a field, written only here at every push and
   * pop of the defect queue, because the loop reads it at every event: as a getter V8 left it a call
   * on the loop's main path, and the field cut 2–5 % of the instructions (cachegrind).
   */
  nextDefectSec = Infinity;

  get nextDefectSequence(): number {
    return this.defects.peekSequence();
  }

  /** Whether an event other than a time-line point, due at `nowSec`, comes before `sequence`. */
  private otherEventBefore(nowSec: number, sequence: number): boolean {
    if (this.queue.peekTime() === nowSec && this.queue.peekSequence() < sequence) return true;
    return this.nextDefectSec === nowSec && this.defects.peekSequence() < sequence;
  }

  /** Handles the next defect; the loop calls this when it is due. */
  onNextDefect(): void {
    this.defects.pop();
    this.nextDefectSec = this.defects.peekTime();
    const vehicle = this.defects.subject;
    this.scheduleDefect(vehicle);
    const state = this.host.stateOf(vehicle);
    if (state === S_OFF || state === S_OUT_OF_SERVICE || this.defectPending[vehicle] === 1) return;
    if (state === S_IDLE || state === S_RETURNING || state === S_ON_BREAK || state === S_CLEANING) {
      // A break or cleaning cut short by a defect ends there (a break still counts as taken); the
      // unit is repaired where it is.
      this.token[vehicle]!++;
      this.lift(vehicle, RESTRICT_HELD);
      this.cleaningIncident[vehicle] = -1;
      this.goOutOfService(vehicle);
      return;
    }
    // On a mission: out of service once it is done.
    this.defectPending[vehicle] = 1;
  }

  private goOutOfService(vehicle: number): void {
    if (this.counting()) this.log.outOfService[vehicle]!++;
    const token = ++this.token[vehicle]!;
    const repairSec = this.compiled.outOfService[vehicle]!.duration.sampleSec(this.repairRandom[vehicle]!);
    this.host.hold(vehicle, S_OUT_OF_SERVICE, false);
    this.queue.push(this.host.nowSec + repairSec, EV_REPAIRED, vehicle, token);
  }

  private counting(): boolean {
    const now = this.host.nowSec;
    return now >= this.countFromSec && now <= this.countToSec;
  }
}
