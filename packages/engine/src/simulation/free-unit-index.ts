/** A unit's fields in FreeUnitIndex.perUnit: one cache line holds four units' (dispatch reads a unit's together). */
const enum U {
  Stride = 4,
  /** Two entries: the first and second hub. */
  FiledAt = 0,
  AlwaysPosition = 2,
  VisitStamp = 3,
}

/**
 * Free units filed under the places that bound how fast they can reach an incident, so dispatch
 * can visit places nearest first and stop early instead of asking about every free unit.
 *
 * A unit idle at a base is filed under the base. A unit on its way back is filed under both its
 * origin and its base: its estimated arrival interpolates between the two, so it is never faster
 * than the faster of them. Units not at an indexed place (e.g. coming back from a scene in a zone)
 * are "always asked".
 *
 * The indexed places are the hubs (HubOrders.hubLocations), numbered 0 … hubs − 1. Each hub's
 * units sit in their own stretch of one typed array, in the order they were filed: dispatch reads
 * a hub's units without following a pointer per hub.
 *
 * It also counts the filed units without a restriction (availability: the end-of-shift rule, a held
 * unit answering red only): when there are none, no search can find a unit for a non-red incident.
 */
export class FreeUnitIndex {
  /** Units of hub h: unitsAtHub[h × vehicleCount … + countAtHub[h] − 1]. */
  readonly unitsAtHub: Int32Array;
  readonly countAtHub: Int32Array;
  /** Per vehicle, side by side (stride U.Stride): the hubs it is filed under (−1: none), its place in the always-asked list (−1: not there), the dispatch that last visited it. */
  private readonly perUnit: Int32Array;
  private readonly always: Int32Array;
  private alwaysCount = 0;
  private visitGeneration = 0;
  private unrestricted = 0;

  constructor(
    /** Hub number per location, -1 for locations the index does not file units under. */
    private readonly hubOf: Int32Array,
    hubCount: number,
    /** Units per hub stretch: every vehicle fits under one hub. */
    readonly vehicleCount: number,
    /** Per vehicle, its restriction bits (availability); 0 for none. */
    private readonly restriction: Uint8Array,
  ) {
    this.unitsAtHub = new Int32Array(hubCount * vehicleCount);
    this.countAtHub = new Int32Array(hubCount);
    this.perUnit = new Int32Array(vehicleCount * U.Stride);
    for (let v = 0; v < vehicleCount; v++) {
      this.perUnit[v * U.Stride + U.FiledAt] = -1;
      this.perUnit[v * U.Stride + U.FiledAt + 1] = -1;
      this.perUnit[v * U.Stride + U.AlwaysPosition] = -1;
    }
    this.always = new Int32Array(vehicleCount);
  }

  get alwaysAskedCount(): number {
    return this.alwaysCount;
  }

  alwaysAsked(k: number): number {
    return this.always[k]!;
  }

  /** Filed units without a restriction. */
  get unrestrictedCount(): number {
    return this.unrestricted;
  }

  /** The vehicle's restriction went from none to some or back (restriction[vehicle] holds the new value). */
  restrictionChanged(vehicle: number): void {
    if (this.isFiled(vehicle)) this.unrestricted += this.restriction[vehicle] === 0 ? 1 : -1;
  }

  /** Files a free unit under one or two places (the same place twice counts once). */
  add(vehicle: number, first: number, second: number): void {
    const firstHub = this.hubOf[first]!;
    const secondHub = this.hubOf[second]!;
    if (firstHub < 0 || secondHub < 0) {
      this.addAlwaysAsked(vehicle);
      return;
    }
    if (this.restriction[vehicle] === 0) this.unrestricted++;
    this.file(vehicle, 0, firstHub);
    if (secondHub !== firstHub) this.file(vehicle, 1, secondHub);
  }

  /** A free unit whose arrival no indexed place bounds (e.g. one placed along its way): asked at every dispatch. */
  addAlwaysAsked(vehicle: number): void {
    if (this.restriction[vehicle] === 0) this.unrestricted++;
    this.perUnit[vehicle * U.Stride + U.AlwaysPosition] = this.alwaysCount;
    this.always[this.alwaysCount++] = vehicle;
  }

  remove(vehicle: number): void {
    if (this.restriction[vehicle] === 0 && this.isFiled(vehicle)) this.unrestricted--;
    const position = this.perUnit[vehicle * U.Stride + U.AlwaysPosition]!;
    if (position >= 0) {
      const last = this.always[--this.alwaysCount]!;
      this.always[position] = last;
      this.perUnit[last * U.Stride + U.AlwaysPosition] = position;
      this.perUnit[vehicle * U.Stride + U.AlwaysPosition] = -1;
      return;
    }
    for (let slot = 0; slot < 2; slot++) {
      const hub = this.perUnit[vehicle * U.Stride + U.FiledAt + slot]!;
      if (hub < 0) continue;
      // The others keep their order: dispatch visits a hub's units in the order they were filed.
      const units = this.unitsAtHub;
      const end = hub * this.vehicleCount + this.countAtHub[hub]!--;
      let k = hub * this.vehicleCount;
      while (units[k] !== vehicle) k++;
      // A loop, not copyWithin: the stretch is a few units long and this runs on every state change.
      for (k++; k < end; k++) units[k - 1] = units[k]!;
      this.perUnit[vehicle * U.Stride + U.FiledAt + slot] = -1;
    }
  }

  /** Starts a new dispatch: every unit may be visited once until the next call. */
  beginVisit(): void {
    this.visitGeneration++;
  }

  /** True the first time a unit is visited in the current dispatch. */
  firstVisit(vehicle: number): boolean {
    if (this.perUnit[vehicle * U.Stride + U.VisitStamp] === this.visitGeneration) return false;
    this.perUnit[vehicle * U.Stride + U.VisitStamp] = this.visitGeneration;
    return true;
  }

  private isFiled(vehicle: number): boolean {
    return this.perUnit[vehicle * U.Stride + U.AlwaysPosition]! >= 0 || this.perUnit[vehicle * U.Stride + U.FiledAt]! >= 0;
  }

  private file(vehicle: number, slot: number, hub: number): void {
    this.unitsAtHub[hub * this.vehicleCount + this.countAtHub[hub]!++] = vehicle;
    this.perUnit[vehicle * U.Stride + U.FiledAt + slot] = hub;
  }
}
