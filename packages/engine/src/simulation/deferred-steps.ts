/**
 * At most one state change per vehicle that is due at a known time but is no event of its own: the
 * end of a unit's activation (it departs for the scene) and its arrival at the destination. The next
 * event is already known at each (at scene; free after the handover, drawn from the incident's own
 * stream), and no decision depends on the step: every reader of a vehicle on a mission (shift end,
 * breaks, defects) treats its phases alike. So the step is applied at its own time when the vehicle's
 * state next changes (its next event, the horizon, a snapshot): two fewer events per mission.
 */
export class DeferredSteps {
  /** Per vehicle, when its pending step is due; Infinity when none is pending. */
  readonly dueSec: Float64Array;
  /** The state the vehicle enters then. */
  readonly state: Uint8Array;
  /** The incident log row whose time the step records, or -1 (a unit that does not transport the patient departs unrecorded). */
  readonly row: Int32Array;

  constructor(vehicles: number) {
    this.dueSec = new Float64Array(vehicles).fill(Infinity);
    this.state = new Uint8Array(vehicles);
    this.row = new Int32Array(vehicles);
  }

  plan(vehicle: number, atSec: number, state: number, row: number): void {
    this.dueSec[vehicle] = atSec;
    this.state[vehicle] = state;
    this.row[vehicle] = row;
  }

  /** Forgets the vehicle's step (being applied now); returns when it was due. */
  take(vehicle: number): number {
    const atSec = this.dueSec[vehicle]!;
    this.dueSec[vehicle] = Infinity;
    return atSec;
  }
}
