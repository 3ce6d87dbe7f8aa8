/**
 * The free vehicles of each AMK, and how many of them are ambulances, kept up to date as vehicles
 * come free and are taken. Booked work may only go to a vehicle of its pickup's AMK, and the
 * readiness rule counts that AMK's free ambulances, so a booked request looks at one AMK's list and
 * a counter instead of walking every free vehicle of the region.
 */
export class FreeByAmk {
  private readonly members: Int32Array[];
  private readonly counts: Int32Array;
  private readonly ambulances: Int32Array;
  /** Per vehicle, its place in its AMK's list, or -1 when not free. */
  private readonly position: Int32Array;

  constructor(
    /** Dispatching AMK per vehicle. */
    private readonly amkOf: Int32Array,
    /** 1 for an ambulance (the readiness rule counts those). */
    private readonly isAmbulance: Uint8Array,
    amks: number,
  ) {
    const perAmk = new Int32Array(amks);
    for (let v = 0; v < amkOf.length; v++) perAmk[amkOf[v]!]!++;
    this.members = Array.from(perAmk, (n) => new Int32Array(n));
    this.counts = new Int32Array(amks);
    this.ambulances = new Int32Array(amks);
    this.position = new Int32Array(amkOf.length).fill(-1);
  }

  /** Number of free vehicles of the AMK; freeVehicle(amk, 0 … count − 1) lists them in no particular order. */
  count(amk: number): number {
    return this.counts[amk]!;
  }

  freeVehicle(amk: number, k: number): number {
    return this.members[amk]![k]!;
  }

  freeAmbulanceCount(amk: number): number {
    return this.ambulances[amk]!;
  }

  add(vehicle: number): void {
    if (this.position[vehicle]! >= 0) return;
    const amk = this.amkOf[vehicle]!;
    const n = this.counts[amk]!++;
    this.members[amk]![n] = vehicle;
    this.position[vehicle] = n;
    if (this.isAmbulance[vehicle] === 1) this.ambulances[amk]!++;
  }

  remove(vehicle: number): void {
    const position = this.position[vehicle]!;
    if (position < 0) return;
    const amk = this.amkOf[vehicle]!;
    const list = this.members[amk]!;
    const last = list[--this.counts[amk]!]!;
    list[position] = last;
    this.position[last] = position;
    this.position[vehicle] = -1;
    if (this.isAmbulance[vehicle] === 1) this.ambulances[amk]!--;
  }
}
