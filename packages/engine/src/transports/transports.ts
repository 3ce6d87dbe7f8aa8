import type { TravelTimeModel } from "@akutt/model";
import type { ColumnSource } from "../columns/columns.js";
import type { CompiledScenario } from "../compile/compile.js";
import type { GeneratedIncidents } from "../demand/demand.js";
import { KeyedRandomSource, type RandomStreams } from "../random/random.js";
import { VEHICLE_STATES, type IncidentLog, type TransportLog } from "../result/result.js";
import { MISSION_BOOKED, MISSION_MONITORED_TRANSFER, MISSION_TRANSFER, MISSION_URGENT_TRANSFER, type CompiledTransports } from "./compile-transports.js";
import { FreeByAmk } from "./free-by-amk.js";
import type { GeneratedTransports } from "./generate.js";

// Event kinds 40–49 are this module's (simulation.ts delegates them here).
export const EV_TRANSPORT_FIRST = 40;
const EV_REQUEST = 40;
const EV_FREE = 41;
export const EV_TRANSPORT_LAST = 49;

// Per-transport random streams, keyed by the transport's number (not its log row), purposes 40–49.
const P_ACTIVATION = 40;
const P_LOADING = 41;
const P_HANDOVER = 42;

const S_ALERTED = VEHICLE_STATES.indexOf("alerted");
const S_TO_SCENE = VEHICLE_STATES.indexOf("toScene");
const S_AT_SCENE = VEHICLE_STATES.indexOf("atScene");
const S_TO_DESTINATION = VEHICLE_STATES.indexOf("toDestination");
const S_AT_DESTINATION = VEHICLE_STATES.indexOf("atDestination");

// A transport's phases after the alert (settle): nothing decides anything during them, so they are
// no events of their own; only the vehicle's end (EV_FREE) is.
const PHASE_DEPART = 0;
const PHASE_AT_PICKUP = 1;
const PHASE_LEAVE_PICKUP = 2;
const PHASE_AT_DESTINATION = 3;
const PHASES = 4;

const KIND_TRANSFER = 1;
const KIND_BOOKED = 2;
const GREEN = 2;
const RED = 0;
const OUTCOME_SERVED = 0;

/** What the module needs from the simulation: the clock, the event queue and the vehicles. */
export interface TransportHost {
  readonly nowSec: number;
  pushEvent(timeSec: number, kind: number, subject: number, version: number): void;
  vehicleVersion(vehicle: number): number;
  /** Free (idle or returning, on duty) vehicles, in no particular order; the host reports changes through vehicleFree and vehicleTaken. */
  readonly freeVehicleCount: number;
  freeVehicle(k: number): number;
  /** A free vehicle's k in freeVehicle(k): of equally good vehicles, the one listed first takes the work. */
  freeVehicleRank(vehicle: number): number;
  /** Whether availability restricts the vehicle now (mayTake then asks the rule, which counts what it passes over). */
  restricted(vehicle: number): boolean;
  vehicleLocation(vehicle: number): number;
  /** False while availability lets the free vehicle take red work only (end of shift, on a break) and row is not red. */
  mayTake(vehicle: number, row: number): boolean;
  /** Takes the vehicle (free, or just done with a mission) for log row `row`. */
  startMission(vehicle: number, row: number, state: number): void;
  /** The vehicle enters `state` at `location` at `atSec` (not before its last change, not after now). */
  setVehicleState(vehicle: number, state: number, location: number, atSec: number): void;
  /** The vehicle is done: next job, off duty or back to base, as after any mission. */
  endMission(vehicle: number): void;
  travelSec(from: number, to: number, emergency: boolean, simSec: number): number;
}

/** The incident log's rows when transports are on: every emergency first (unchanged), then the transports. */
export function incidentRows(generated: GeneratedIncidents, transports: GeneratedTransports | undefined, compiled: CompiledTransports | undefined, columns: ColumnSource) {
  if (!transports || !compiled || transports.count === 0) return { count: generated.count, zone: generated.zone, urgency: generated.urgency, ringSec: generated.ringSec, kind: columns.uint8("log.kind", generated.count, 0) };
  const count = generated.count + transports.count;
  const zone = columns.int32("log.zone", count, 0);
  const urgency = columns.uint8("log.urgency", count, 0);
  const ringSec = columns.float64("log.ringSec", count, 0);
  const kind = columns.uint8("log.kind", count, 0);
  zone.set(generated.zone);
  urgency.set(generated.urgency);
  ringSec.set(generated.ringSec);
  for (let k = 0; k < transports.count; k++) {
    const row = generated.count + k;
    const process = compiled.processes[transports.process[k]!]!;
    ringSec[row] = transports.requestSec[k]!;
    if (process.route >= 0) {
      const route = compiled.routes[process.route]!;
      zone[row] = route.fromZone;
      urgency[row] = process.urgent ? route.urgentUrgency : GREEN;
      kind[row] = KIND_TRANSFER;
    } else {
      zone[row] = transports.zone[k]!;
      urgency[row] = GREEN;
      kind[row] = KIND_BOOKED;
    }
  }
  return { count, zone, urgency, ringSec, kind };
}

/**
 * Inter-hospital transfers and booked transports. Each request is released at its time (a booked
 * one at the start of its pickup window), given to the best free vehicle allowed to take it, or
 * queued: urgent transfers first, then booked work in request order, always behind emergencies
 * (the simulation offers a vehicle that comes free to waiting emergencies before this queue).
 */
export class Transports {
  readonly log: TransportLog;
  private readonly firstRow: number;
  private readonly random: KeyedRandomSource;
  private readonly pickupLocation: Int32Array;
  private readonly targetLocation: Int32Array;
  private readonly pickupAmk: Int32Array;
  private readonly urgent: Uint8Array;
  /** Per vehicle: the transport it is on, when each of its phases starts, and how many have been applied. */
  private readonly current: Int32Array;
  private readonly phaseSec: Float64Array;
  private readonly phasesDone: Uint8Array;
  private readonly pendingUrgent: number[] = [];
  /** Booked work per AMK of the pickup: only that AMK's vehicles may take it, so a free vehicle looks at its own list only. */
  private readonly pendingBooked: number[][];
  private nextRequest = 0;
  /** Per zone, the booked transports' hospital: the nearest of the allowed ones (-1 until asked). */
  private readonly bookedHospital: Int32Array;
  private readonly free: FreeByAmk;
  /** Restricted vehicles met while choosing, asked afterwards in the host's order (nearestAllowed). */
  private readonly restrictedBuffer: Int32Array;
  // Travel times to the pickup of the transport being placed, per origin: vehicles share stations, so
  // one choice among dozens of free vehicles needs far fewer lookups than vehicles (stamped per choice).
  private readonly memoStamp: Int32Array;
  private readonly memoSec: Float64Array;
  private memoGeneration = 0;

  constructor(
    private readonly c: CompiledScenario,
    private readonly t: CompiledTransports,
    private readonly generated: GeneratedTransports,
    private readonly incidents: IncidentLog,
    private readonly host: TransportHost,
    private readonly streams: RandomStreams,
    private readonly travel: TravelTimeModel,
    columns: ColumnSource,
  ) {
    const n = generated.count;
    this.firstRow = incidents.count - n;
    this.random = new KeyedRandomSource(streams.seed, 0, 0);
    this.log = { firstRow: this.firstRow, count: n, mission: columns.uint8("transports.mission", n, 0), windowEndSec: columns.float64("transports.windowEndSec", n, NaN) };
    this.pickupLocation = columns.int32("transports.pickupLocation", n, 0);
    this.targetLocation = columns.int32("transports.targetLocation", n, 0);
    this.pickupAmk = columns.int32("transports.pickupAmk", n, 0);
    this.urgent = columns.uint8("transports.urgent", n, 0);
    this.current = new Int32Array(c.vehicles.count).fill(-1);
    this.phaseSec = new Float64Array(c.vehicles.count * PHASES);
    this.phasesDone = new Uint8Array(c.vehicles.count);
    this.bookedHospital = new Int32Array(c.zoneCount).fill(-1);
    this.pendingBooked = c.amk.operatorChanges.map(() => []);
    this.free = new FreeByAmk(c.vehicles.amk, t.isAmbulance, c.amk.operatorChanges.length);
    this.restrictedBuffer = new Int32Array(c.vehicles.count);
    this.memoStamp = new Int32Array(c.locationCount);
    this.memoSec = new Float64Array(c.locationCount);
    for (let k = 0; k < n; k++) this.place(k);
    if (n > 0) host.pushEvent(generated.requestSec[0]!, EV_REQUEST, 0, 0);
  }

  /** Where transport k starts and ends, its mission class and window. */
  private place(k: number): void {
    const row = this.firstRow + k;
    const process = this.t.processes[this.generated.process[k]!]!;
    const log = this.incidents;
    this.pickupAmk[k] = this.c.zoneAmk[log.zone[row]!]!;
    if (process.route >= 0) {
      const route = this.t.routes[process.route]!;
      this.pickupLocation[k] = route.fromLocation;
      this.targetLocation[k] = route.toLocation;
      log.destination[row] = route.toDestination;
      this.urgent[k] = process.urgent ? 1 : 0;
      this.log.mission[k] = process.urgent ? MISSION_URGENT_TRANSFER : this.generated.flag[k] === 1 ? MISSION_MONITORED_TRANSFER : MISSION_TRANSFER;
      if (!process.urgent) this.log.windowEndSec[k] = log.ringSec[row]! + route.windowSec;
      return;
    }
    const booked = this.t.booked!;
    const zone = log.zone[row]!;
    const hospital = this.hospitalFor(zone);
    const hospitalLocation = this.c.destinations[hospital]!.location;
    const home = this.generated.flag[k] === 1;
    // Home-bound trips start at the hospital and end at the home zone; the others the other way round.
    this.pickupLocation[k] = home ? hospitalLocation : zone;
    this.targetLocation[k] = home ? zone : hospitalLocation;
    log.destination[row] = home ? -1 : hospital;
    this.log.mission[k] = MISSION_BOOKED;
    this.log.windowEndSec[k] = log.ringSec[row]! + booked.windowSec;
  }

  private hospitalFor(zone: number): number {
    if (this.bookedHospital[zone]! >= 0) return this.bookedHospital[zone]!;
    let best = -1;
    let bestSec = Infinity;
    for (const d of this.t.booked!.destinations) {
      const sec = this.travel.travelTimeSec(zone, this.c.destinations[d]!.location, false, 0);
      if (sec < bestSec) {
        bestSec = sec;
        best = d;
      }
    }
    this.bookedHospital[zone] = best;
    return best;
  }

  /** The host's free list gained the vehicle. */
  vehicleFree(vehicle: number): void {
    this.free.add(vehicle);
  }

  /** The host's free list lost the vehicle. */
  vehicleTaken(vehicle: number): void {
    this.free.remove(vehicle);
  }

  static handles(kind: number): boolean {
    return kind >= EV_TRANSPORT_FIRST && kind <= EV_TRANSPORT_LAST;
  }

  onEvent(kind: number, subject: number, version: number): void {
    if (kind === EV_REQUEST) {
      this.onRequest(subject);
      return;
    }
    if (kind !== EV_FREE) throw new Error(`unknown transport event kind ${kind}`);
    if (version !== this.host.vehicleVersion(subject)) return;
    this.settle(subject, this.host.nowSec);
    this.current[subject] = -1;
    this.host.endMission(subject);
  }

  /**
   * A vehicle has come free and no emergency waits for it: it takes the first queued transport it
   * may (urgent transfers first, then booked work in request order). Returns whether it took one.
   */
  offer(vehicle: number): boolean {
    if (this.take(vehicle, this.pendingUrgent)) return true;
    const booked = this.pendingBooked[this.c.vehicles.amk[vehicle]!]!;
    if (booked.length === 0) return false;
    // The readiness rule counts the AMK's other free ambulances (this one is not yet free); once per offer.
    if (this.t.isAmbulance[vehicle] === 1 && !this.enoughFreeAmbulances(this.c.vehicles.amk[vehicle]!)) return false;
    return this.take(vehicle, booked);
  }

  /** The vehicle takes the first transport of the list it may take, if any. */
  private take(vehicle: number, pending: number[]): boolean {
    for (let p = 0; p < pending.length; p++) {
      const k = pending[p]!;
      if (!this.allowed(vehicle, k)) continue;
      pending.splice(p, 1);
      this.assign(vehicle, k);
      return true;
    }
    return false;
  }

  /** Pending transports have waited until the end of the run; vehicles on one have reached the phase they are in then. */
  finish(): void {
    for (let vehicle = 0; vehicle < this.current.length; vehicle++) if (this.current[vehicle]! >= 0) this.settle(vehicle, this.host.nowSec);
    const log = this.incidents;
    for (const k of [...this.pendingUrgent, ...this.pendingBooked.flat()]) {
      const row = this.firstRow + k;
      log.waitForUnitSec[row] = this.host.nowSec - log.decidedSec[row]!;
    }
  }

  private onRequest(k: number): void {
    const next = k + 1;
    if (next < this.generated.count) this.host.pushEvent(this.generated.requestSec[next]!, EV_REQUEST, next, 0);
    this.incidents.decidedSec[this.firstRow + k] = this.host.nowSec;
    const vehicle = this.choose(k);
    if (vehicle >= 0) this.assign(vehicle, k);
    else (this.urgent[k] === 1 ? this.pendingUrgent : this.pendingBooked[this.pickupAmk[k]!]!).push(k);
  }

  /**
   * May the vehicle's type take transport k's mission class, is it (for booked work) of the pickup's
   * AMK, and does the availability rule let it? The rule is asked last: it counts the work it passes
   * over (end-of-shift refusals), and a vehicle that may not take the work at all passes nothing over.
   */
  private allowed(vehicle: number, k: number): boolean {
    if ((this.t.vehicleMissions[vehicle]! & (1 << this.log.mission[k]!)) === 0) return false;
    if (this.urgent[k] !== 1 && this.c.vehicles.amk[vehicle] !== this.pickupAmk[k]) return false;
    return this.host.mayTake(vehicle, this.firstRow + k);
  }

  /**
   * Whether at least minFreeAmbulances ambulances of the AMK are free now (a vehicle being offered
   * work is not yet counted as free).
   */
  private enoughFreeAmbulances(amk: number): boolean {
    return this.free.freeCount(amk, true) >= this.t.minFreeAmbulances;
  }

  /**
   * The vehicle for a new request: the nearest allowed free vehicle; for booked work a simple
   * vehicle (not an ambulance) before any ambulance, and an ambulance only if at least
   * minFreeAmbulances others of the AMK stay free. A free unit on its way back is reckoned from
   * where its drive back began. -1: none now; the request queues.
   */
  private choose(k: number): number {
    const urgent = this.urgent[k] === 1;
    const amk = this.pickupAmk[k]!;
    // Work that is not urgent may only go to the pickup AMK's own vehicles: only their list is walked.
    const best = urgent ? this.nearestAllowed(k, -1) : this.nearestAllowed(k, amk);
    if (best >= 0 && !urgent && this.t.isAmbulance[best] === 1 && this.free.freeCount(amk, true) - 1 < this.t.minFreeAmbulances) return -1;
    return best;
  }

  /**
   * The allowed free vehicle nearest the pickup among all free vehicles (amk −1) or the AMK's: for
   * non-urgent work a simple vehicle (not an ambulance) before any ambulance, and of equals the one the
   * host lists first (freeVehicleRank). An ambulance that cannot reach the pickup is never chosen.
   * Non-urgent work (the AMK's lists) looks at the AMK's simple vehicles first and at its ambulances
   * only when no simple vehicle may take it: an ambulance could not be chosen then, and is not asked.
   */
  private nearestAllowed(k: number, amk: number): number {
    this.beginChoice(k);
    const missionBit = 1 << this.log.mission[k]!;
    if (amk >= 0) {
      this.nearestInAmkList(k, amk, false, missionBit);
      if (!this.bestSimple) this.nearestInAmkList(k, amk, true, missionBit);
      return this.best;
    }
    const vehicleMissions = this.t.vehicleMissions;
    const row = this.firstRow + k;
    const count = this.host.freeVehicleCount;
    for (let i = 0; i < count; i++) {
      // allowed(), in its order: the mission first, then the rule (mayTake counts what it passes over).
      const vehicle = this.host.freeVehicle(i);
      if ((vehicleMissions[vehicle]! & missionBit) !== 0 && this.host.mayTake(vehicle, row)) this.consider(vehicle);
    }
    return this.best;
  }

  /**
   * Considers the AMK's free ambulances or simple vehicles that may take transport k. The list is in
   * another order than the host's, so its restricted vehicles are asked (mayTake, which counts the
   * work the rule passes over, once, for the first) after the walk, in the host's order.
   */
  private nearestInAmkList(k: number, amk: number, ambulances: boolean, missionBit: number): void {
    const free = this.free;
    const count = free.freeCount(amk, ambulances);
    const vehicles = free.freeVehicles(amk, ambulances);
    const vehicleMissions = this.t.vehicleMissions;
    const buffer = this.restrictedBuffer;
    let restricted = 0;
    for (let i = 0; i < count; i++) {
      const vehicle = vehicles[i]!;
      if (this.host.restricted(vehicle)) {
        buffer[restricted++] = vehicle;
        continue;
      }
      // The AMK's own list and an unrestricted vehicle: of allowed() only the mission is left to check.
      if ((vehicleMissions[vehicle]! & missionBit) !== 0) this.consider(vehicle);
    }
    if (restricted === 0) return;
    for (let i = 1; i < restricted; i++) {
      const vehicle = buffer[i]!;
      const rank = this.host.freeVehicleRank(vehicle);
      let j = i;
      for (; j > 0 && this.host.freeVehicleRank(buffer[j - 1]!) > rank; j--) buffer[j] = buffer[j - 1]!;
      buffer[j] = vehicle;
    }
    for (let i = 0; i < restricted; i++) if (this.allowed(buffer[i]!, k)) this.consider(buffer[i]!);
  }

  // The vehicle nearestAllowed has chosen so far.
  private best = -1;
  private bestSimple = false;
  private bestSec = Infinity;
  // The transport nearestAllowed is choosing for (beginChoice).
  private choiceUrgent = false;
  private choicePickup = 0;
  private choiceEmergency = false;
  private choiceSec = 0;

  /** Starts a choice for transport k: nothing chosen yet, no travel time known, what is fixed for the whole choice read once. */
  private beginChoice(k: number): void {
    this.memoGeneration++;
    this.best = -1;
    this.bestSimple = false;
    this.bestSec = Infinity;
    this.choiceUrgent = this.urgent[k] === 1;
    this.choicePickup = this.pickupLocation[k]!;
    this.choiceEmergency = this.incidents.urgency[this.firstRow + k] === RED;
    this.choiceSec = this.host.nowSec;
  }

  private consider(vehicle: number): void {
    const simple = !this.choiceUrgent && this.t.isAmbulance[vehicle] !== 1;
    if (this.bestSimple && !simple) return;
    const from = this.host.vehicleLocation(vehicle);
    let sec: number;
    if (this.memoStamp[from] === this.memoGeneration) sec = this.memoSec[from]!;
    else {
      sec = this.host.travelSec(from, this.choicePickup, this.choiceEmergency, this.choiceSec);
      this.memoStamp[from] = this.memoGeneration;
      this.memoSec[from] = sec;
    }
    if ((simple && !this.bestSimple) || sec < this.bestSec || (sec === this.bestSec && this.best >= 0 && this.host.freeVehicleRank(vehicle) < this.host.freeVehicleRank(this.best))) {
      this.best = vehicle;
      this.bestSimple = simple;
      this.bestSec = sec;
    }
  }

  /**
   * Alerts the vehicle and works out its whole trip now: every phase's length is the transport's own
   * draw (keyed by k) or a travel time at the phase's start, and no other event can change it, so
   * only the end is an event; the phases are applied to the vehicle and the log by settle.
   */
  private assign(vehicle: number, k: number): void {
    const row = this.firstRow + k;
    const log = this.incidents;
    const now = this.host.nowSec;
    const urgency = log.urgency[row]!;
    const emergency = urgency === RED;
    this.host.startMission(vehicle, row, S_ALERTED);
    this.current[vehicle] = k;
    log.vehicle[row] = vehicle;
    log.alertedSec[row] = now;
    log.waitForUnitSec[row] = now - log.decidedSec[row]!;
    log.crossBorder[row] = this.c.vehicles.owner[vehicle] === this.c.zoneOrganisation[log.zone[row]!] ? 0 : 1;
    const toPickupSec = this.host.travelSec(this.host.vehicleLocation(vehicle), this.pickupLocation[k]!, emergency, now);
    this.streams.rekey(this.random, P_ACTIVATION, k);
    const departSec = now + this.c.activation[urgency]!.sampleSec(this.random);
    const atPickupSec = departSec + toPickupSec;
    this.streams.rekey(this.random, P_LOADING, k);
    const leavePickupSec = atPickupSec + this.loadingFor(k).sampleSec(this.random);
    const atDestinationSec = leavePickupSec + this.host.travelSec(this.pickupLocation[k]!, this.targetLocation[k]!, emergency, leavePickupSec);
    this.streams.rekey(this.random, P_HANDOVER, k);
    const freeSec = atDestinationSec + this.handoverFor(k).sampleSec(this.random);
    const phases = vehicle * PHASES;
    this.phaseSec[phases + PHASE_DEPART] = departSec;
    this.phaseSec[phases + PHASE_AT_PICKUP] = atPickupSec;
    this.phaseSec[phases + PHASE_LEAVE_PICKUP] = leavePickupSec;
    this.phaseSec[phases + PHASE_AT_DESTINATION] = atDestinationSec;
    this.phasesDone[vehicle] = 0;
    this.host.pushEvent(freeSec, EV_FREE, vehicle, this.host.vehicleVersion(vehicle));
  }

  /**
   * Applies the vehicle's phases that have started by `untilSec`, each at its own time, as events
   * would have: every reader of a vehicle on a mission (shift end, breaks, defects) treats all its
   * phases alike, so applying them late changes nothing but when the bookkeeping is done.
   */
  private settle(vehicle: number, untilSec: number): void {
    const k = this.current[vehicle]!;
    const row = this.firstRow + k;
    const log = this.incidents;
    const phases = vehicle * PHASES;
    for (let phase = this.phasesDone[vehicle]!; phase < PHASES; phase++) {
      const atSec = this.phaseSec[phases + phase]!;
      if (atSec > untilSec) return;
      this.phasesDone[vehicle] = phase + 1;
      switch (phase) {
        case PHASE_DEPART:
          log.departedSec[row] = atSec;
          this.host.setVehicleState(vehicle, S_TO_SCENE, this.host.vehicleLocation(vehicle), atSec);
          break;
        case PHASE_AT_PICKUP:
          log.atSceneSec[row] = atSec;
          log.firstAnyAtSceneSec[row] = atSec;
          log.outcome[row] = OUTCOME_SERVED;
          this.host.setVehicleState(vehicle, S_AT_SCENE, this.pickupLocation[k]!, atSec);
          break;
        case PHASE_LEAVE_PICKUP:
          log.leftSceneSec[row] = atSec;
          this.host.setVehicleState(vehicle, S_TO_DESTINATION, this.pickupLocation[k]!, atSec);
          break;
        case PHASE_AT_DESTINATION:
          log.atDestinationSec[row] = atSec;
          this.host.setVehicleState(vehicle, S_AT_DESTINATION, this.targetLocation[k]!, atSec);
          break;
      }
    }
  }

  private loadingFor(k: number) {
    const route = this.t.processes[this.generated.process[k]!]!.route;
    return route >= 0 ? this.t.routes[route]!.loading : this.t.booked!.loading;
  }

  private handoverFor(k: number) {
    const route = this.t.processes[this.generated.process[k]!]!.route;
    return route >= 0 ? this.t.routes[route]!.handover : this.t.booked!.handover;
  }
}
