/**
 * Free units filed under the places that bound how fast they can reach an incident, so dispatch
 * can visit places nearest first and stop early instead of asking about every free unit.
 *
 * A unit idle at a base is filed under the base. A unit on its way back is filed under both its
 * origin and its base: its estimated arrival interpolates between the two, so it is never faster
 * than the faster of them. Units not at an indexed place (e.g. coming back from a scene in a zone)
 * are "always asked".
 */
export class FreeUnitIndex {
  private readonly unitsAt: number[][];
  private readonly filedAt: Int32Array;
  private readonly always: Int32Array;
  private alwaysCount = 0;
  private readonly alwaysPosition: Int32Array;
  private readonly visitStamp: Int32Array;
  private visitGeneration = 0;

  constructor(
    locationCount: number,
    vehicleCount: number,
    /** 1 for locations the index files units under (bases and destinations). */
    private readonly indexed: Uint8Array,
  ) {
    this.unitsAt = Array.from({ length: locationCount }, () => []);
    this.filedAt = new Int32Array(vehicleCount * 2).fill(-1);
    this.always = new Int32Array(vehicleCount);
    this.alwaysPosition = new Int32Array(vehicleCount).fill(-1);
    this.visitStamp = new Int32Array(vehicleCount);
  }

  get alwaysAskedCount(): number {
    return this.alwaysCount;
  }

  alwaysAsked(k: number): number {
    return this.always[k]!;
  }

  unitsAtLocation(location: number): readonly number[] {
    return this.unitsAt[location]!;
  }

  /** Files a free unit under one or two places (the same place twice counts once). */
  add(vehicle: number, first: number, second: number): void {
    if (this.indexed[first] !== 1 || this.indexed[second] !== 1) {
      this.addAlwaysAsked(vehicle);
      return;
    }
    this.file(vehicle, 0, first);
    if (second !== first) this.file(vehicle, 1, second);
  }

  /** A free unit whose arrival no indexed place bounds (e.g. one placed along its way): asked at every dispatch. */
  addAlwaysAsked(vehicle: number): void {
    this.alwaysPosition[vehicle] = this.alwaysCount;
    this.always[this.alwaysCount++] = vehicle;
  }

  remove(vehicle: number): void {
    const position = this.alwaysPosition[vehicle]!;
    if (position >= 0) {
      const last = this.always[--this.alwaysCount]!;
      this.always[position] = last;
      this.alwaysPosition[last] = position;
      this.alwaysPosition[vehicle] = -1;
      return;
    }
    for (let slot = 0; slot < 2; slot++) {
      const location = this.filedAt[vehicle * 2 + slot]!;
      if (location < 0) continue;
      const units = this.unitsAt[location]!;
      // Shift the rest down rather than splice: splice allocates its result, and this runs on every state change.
      for (let k = units.indexOf(vehicle) + 1; k < units.length; k++) units[k - 1] = units[k]!;
      units.pop();
      this.filedAt[vehicle * 2 + slot] = -1;
    }
  }

  /** Starts a new dispatch: every unit may be visited once until the next call. */
  beginVisit(): void {
    this.visitGeneration++;
  }

  /** True the first time a unit is visited in the current dispatch. */
  firstVisit(vehicle: number): boolean {
    if (this.visitStamp[vehicle] === this.visitGeneration) return false;
    this.visitStamp[vehicle] = this.visitGeneration;
    return true;
  }

  private file(vehicle: number, slot: number, location: number): void {
    this.unitsAt[location]!.push(vehicle);
    this.filedAt[vehicle * 2 + slot] = location;
  }
}
