/**
 * The free vehicles of each AMK, kept up to date as vehicles come free and are taken, in two lists:
 * ambulances and simple vehicles (every other type). Booked work may only go to a vehicle of its
 * pickup's AMK, prefers a simple vehicle to any ambulance, and the readiness rule counts that AMK's
 * free ambulances; so a booked request looks at one AMK's simple vehicles, at its ambulances only
 * when no simple vehicle may take it, and at a counter, instead of walking every free vehicle of the
 * region.
 */
export class FreeByAmk {
  /** Per AMK and kind (2 × amk + 1 for ambulances, 2 × amk for simple vehicles): the free vehicles, in no particular order. */
  private readonly members: Int32Array[];
  private readonly counts: Int32Array;
  /** Per vehicle, its place in its list, or -1 when not free. */
  private readonly position: Int32Array;

  constructor(
    /** Dispatching AMK per vehicle. */
    private readonly amkOf: Int32Array,
    /** 1 for an ambulance. */
    private readonly isAmbulance: Uint8Array,
    amks: number,
  ) {
    const perList = new Int32Array(2 * amks);
    for (let v = 0; v < amkOf.length; v++) perList[this.listOf(v)]!++;
    this.members = Array.from(perList, (n) => new Int32Array(n));
    this.counts = new Int32Array(2 * amks);
    this.position = new Int32Array(amkOf.length).fill(-1);
  }

  /** Number of the AMK's free ambulances (or simple vehicles); freeVehicles(amk, ambulances) lists them. */
  freeCount(amk: number, ambulances: boolean): number {
    return this.counts[2 * amk + (ambulances ? 1 : 0)]!;
  }

  /** The AMK's free ambulances (or simple vehicles) at 0 … freeCount − 1; valid until the next add or remove. */
  freeVehicles(amk: number, ambulances: boolean): Int32Array {
    return this.members[2 * amk + (ambulances ? 1 : 0)]!;
  }

  add(vehicle: number): void {
    if (this.position[vehicle]! >= 0) return;
    const list = this.listOf(vehicle);
    const n = this.counts[list]!++;
    this.members[list]![n] = vehicle;
    this.position[vehicle] = n;
  }

  remove(vehicle: number): void {
    const position = this.position[vehicle]!;
    if (position < 0) return;
    const list = this.listOf(vehicle);
    const members = this.members[list]!;
    const last = members[--this.counts[list]!]!;
    members[position] = last;
    this.position[last] = position;
    this.position[vehicle] = -1;
  }

  private listOf(vehicle: number): number {
    return 2 * this.amkOf[vehicle]! + (this.isAmbulance[vehicle] === 1 ? 1 : 0);
  }
}
