/**
 * Up to two state changes per vehicle that are due at known times but are no events of their own:
 * the end of a unit's activation (it departs for the scene), and its leaving the scene with a patient
 * and arriving at the destination. The next event is already known at each (at scene; free after the
 * handover, drawn from the incident's own stream), and no decision depends on the step: every reader
 * of a vehicle on a mission (shift end, breaks, defects) treats its phases alike, and where the
 * patient goes depends on place and time only (DestinationView). So each step is applied at its own
 * time when the vehicle's state next changes (its next event, the horizon, a snapshot).
 */
const SLOTS = 2;

export class DeferredSteps {
  /** Per vehicle, when its next step is due; Infinity when none is pending. */
  readonly dueSec: Float64Array;
  private readonly sec: Float64Array;
  private readonly states: Uint8Array;
  private readonly rows: Int32Array;
  private readonly locations: Int32Array;
  private readonly destinations: Int32Array;
  private readonly first: Uint8Array;
  private readonly count: Uint8Array;

  // The step take() removed.
  atSec = 0;
  state = 0;
  /** The incident log row whose time the step records, or -1 (a unit that does not transport the patient departs unrecorded). */
  row = -1;
  /** The location the vehicle is at from the step on, or -1: where it was. */
  location = -1;
  /** The destination the step records for the row, or -1: none. */
  destination = -1;

  constructor(vehicles: number) {
    this.dueSec = new Float64Array(vehicles).fill(Infinity);
    this.sec = new Float64Array(vehicles * SLOTS);
    this.states = new Uint8Array(vehicles * SLOTS);
    this.rows = new Int32Array(vehicles * SLOTS);
    this.locations = new Int32Array(vehicles * SLOTS);
    this.destinations = new Int32Array(vehicles * SLOTS);
    this.first = new Uint8Array(vehicles);
    this.count = new Uint8Array(vehicles);
  }

  /** Adds a step after the vehicle's pending ones (steps are planned in time order). */
  plan(vehicle: number, atSec: number, state: number, row: number, location = -1, destination = -1): void {
    const n = this.count[vehicle]!;
    if (n === SLOTS) throw new Error(`vehicle ${vehicle}: more than ${SLOTS} deferred steps`);
    const slot = vehicle * SLOTS + ((this.first[vehicle]! + n) % SLOTS);
    this.sec[slot] = atSec;
    this.states[slot] = state;
    this.rows[slot] = row;
    this.locations[slot] = location;
    this.destinations[slot] = destination;
    this.count[vehicle] = n + 1;
    if (n === 0) this.dueSec[vehicle] = atSec;
  }

  /** Removes the vehicle's next step into the public fields. */
  take(vehicle: number): void {
    const slot = vehicle * SLOTS + this.first[vehicle]!;
    this.atSec = this.sec[slot]!;
    this.state = this.states[slot]!;
    this.row = this.rows[slot]!;
    this.location = this.locations[slot]!;
    this.destination = this.destinations[slot]!;
    this.first[vehicle] = (this.first[vehicle]! + 1) % SLOTS;
    const left = --this.count[vehicle]!;
    this.dueSec[vehicle] = left === 0 ? Infinity : this.sec[vehicle * SLOTS + this.first[vehicle]!]!;
  }
}
