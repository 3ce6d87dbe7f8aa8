import type { TravelTimeModel } from "@akutt/model";

/**
 * For each zone, the hubs (bases and destinations) sorted by their travel-time lower bound to it.
 * Depends only on the travel model and the places, so one instance serves every replication.
 */
export class HubOrders {
  readonly hubLocations: Int32Array;
  private readonly cache: Array<{ order: Int32Array; boundSec: Float64Array } | undefined>;

  constructor(
    private readonly travel: TravelTimeModel,
    hubLocations: Iterable<number>,
    zoneCount: number,
  ) {
    this.hubLocations = Int32Array.from(new Set(hubLocations));
    this.cache = new Array(zoneCount * 2).fill(undefined);
  }

  /** Undefined when the travel model offers no lower bound: then every free unit must be asked. */
  get available(): boolean {
    return this.travel.lowerBoundSec !== undefined;
  }

  forZone(zone: number, emergency: boolean): { order: Int32Array; boundSec: Float64Array } {
    const key = zone * 2 + (emergency ? 1 : 0);
    const cached = this.cache[key];
    if (cached) return cached;
    const lowerBound = this.travel.lowerBoundSec!;
    const hubs = this.hubLocations;
    const bounds = new Float64Array(hubs.length);
    for (let k = 0; k < hubs.length; k++) bounds[k] = lowerBound(hubs[k]!, zone, emergency);
    const ranks = Uint32Array.from(hubs.keys()).sort((a, b) => bounds[a]! - bounds[b]! || hubs[a]! - hubs[b]!);
    const entry = { order: Int32Array.from(ranks, (k) => hubs[k]!), boundSec: Float64Array.from(ranks, (k) => bounds[k]!) };
    this.cache[key] = entry;
    return entry;
  }
}
