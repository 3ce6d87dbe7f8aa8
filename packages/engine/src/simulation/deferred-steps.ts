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

/**
 * Each vehicle's steps sit side by side: its due time and the two steps' times in `times` (stride 4),
 * its first and count and the two steps' state, row, location and destination in `fields` (stride
 * 12). A vehicle's plan and take then touch two cache lines, where one array per field touched eight.
 */
const enum T {
  Stride = 4,
  Due = 0,
  Sec = 1,
}
const enum F {
  Stride = 12,
  First = 0,
  Count = 1,
  /** Slot k's fields start at Slot + k × SlotStride. */
  Slot = 2,
  SlotStride = 4,
  State = 0,
  Row = 1,
  Location = 2,
  Destination = 3,
}

export class DeferredSteps {
  private readonly times: Float64Array;
  private readonly fields: Int32Array;

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
    this.times = new Float64Array(vehicles * T.Stride);
    for (let v = 0; v < vehicles; v++) this.times[v * T.Stride + T.Due] = Infinity;
    this.fields = new Int32Array(vehicles * F.Stride);
  }

  /** When the vehicle's next step is due; Infinity when none is pending. */
  dueSec(vehicle: number): number {
    return this.times[vehicle * T.Stride + T.Due]!;
  }

  /** Adds a step after the vehicle's pending ones (steps are planned in time order). */
  plan(vehicle: number, atSec: number, state: number, row: number, location = -1, destination = -1): void {
    const base = vehicle * F.Stride;
    const n = this.fields[base + F.Count]!;
    if (n === SLOTS) throw new Error(`vehicle ${vehicle}: more than ${SLOTS} deferred steps`);
    const k = (this.fields[base + F.First]! + n) % SLOTS;
    this.times[vehicle * T.Stride + T.Sec + k] = atSec;
    const at = base + F.Slot + k * F.SlotStride;
    this.fields[at + F.State] = state;
    this.fields[at + F.Row] = row;
    this.fields[at + F.Location] = location;
    this.fields[at + F.Destination] = destination;
    this.fields[base + F.Count] = n + 1;
    if (n === 0) this.times[vehicle * T.Stride + T.Due] = atSec;
  }

  /** Removes the vehicle's next step into the public fields. */
  take(vehicle: number): void {
    const base = vehicle * F.Stride;
    const k = this.fields[base + F.First]!;
    const at = base + F.Slot + k * F.SlotStride;
    this.atSec = this.times[vehicle * T.Stride + T.Sec + k]!;
    this.state = this.fields[at + F.State]!;
    this.row = this.fields[at + F.Row]!;
    this.location = this.fields[at + F.Location]!;
    this.destination = this.fields[at + F.Destination]!;
    const next = (k + 1) % SLOTS;
    this.fields[base + F.First] = next;
    const left = --this.fields[base + F.Count]!;
    this.times[vehicle * T.Stride + T.Due] = left === 0 ? Infinity : this.times[vehicle * T.Stride + T.Sec + next]!;
  }
}
