import type { TravelTimeModel } from "@akutt/model";

/** Hubs per zone kept in the shared head table; a dispatch rarely looks further. */
const HEAD_HUBS = 24;

const floatBits = new Float32Array(1);
const intBits = new Int32Array(floatBits.buffer);

/**
 * The largest 32-bit float not above `sec` (≥ 0): still a lower bound, in half the memory, so the
 * head table of a region the size of Helse Sør-Øst stays in the processor's second-level cache.
 */
function float32Below(sec: number): number {
  floatBits[0] = sec;
  if (floatBits[0]! > sec) intBits[0]!--;
  return floatBits[0]!;
}

/**
 * For each zone, the hubs (bases and destinations) sorted by their travel-time lower bound to it
 * (as 32-bit floats rounded down, float32Below).
 * Depends only on the travel model and the places, so one instance serves every replication.
 *
 * Rows are built when first asked. Each row is bound and hub interleaved ([bound₀, hub₀, bound₁,
 * hub₁, …], a hub by its index in hubLocations). The first HEAD_HUBS hubs of every row sit in one
 * shared array (head), so a dispatch, which nearly always stops among them, reads one short stretch
 * of memory; the whole row (tail) is there for the searches that go further.
 */
export class HubOrders {
  readonly hubLocations: Int32Array;
  /** Entries per row in head: 2 × min(HEAD_HUBS, hubs). */
  readonly headLength: number;
  private readonly head: Float32Array;
  private readonly built: Uint8Array;
  private readonly rows: Array<Float32Array | undefined>;

  constructor(
    private readonly travel: TravelTimeModel,
    hubLocations: Iterable<number>,
    zoneCount: number,
  ) {
    this.hubLocations = Int32Array.from(new Set(hubLocations));
    this.headLength = 2 * Math.min(HEAD_HUBS, this.hubLocations.length);
    this.head = new Float32Array(zoneCount * 2 * this.headLength);
    this.built = new Uint8Array(zoneCount * 2);
    this.rows = new Array(zoneCount * 2).fill(undefined);
  }

  /** Undefined when the travel model offers no lower bound: then every free unit must be asked. */
  get available(): boolean {
    return this.travel.lowerBoundSec !== undefined;
  }

  /**
   * The zone's head row: entries 2k and 2k + 1 of the returned array from the returned offset on,
   * for k below headLength / 2, are the k-th nearest hub's travel-time lower bound and index.
   * The hubs after those are in fullRow from entry headLength on.
   */
  headFor(zone: number, emergency: boolean): Float32Array {
    const key = zone * 2 + (emergency ? 1 : 0);
    if (this.built[key] === 0) this.build(key, zone, emergency);
    return this.head;
  }

  /** Offset of the zone's row in headFor's array. */
  headOffset(zone: number, emergency: boolean): number {
    return (zone * 2 + (emergency ? 1 : 0)) * this.headLength;
  }

  /** The zone's whole row. */
  fullRow(zone: number, emergency: boolean): Float32Array {
    const key = zone * 2 + (emergency ? 1 : 0);
    if (this.built[key] === 0) this.build(key, zone, emergency);
    return this.rows[key]!;
  }

  private build(key: number, zone: number, emergency: boolean): void {
    const lowerBound = this.travel.lowerBoundSec!;
    const hubs = this.hubLocations;
    const bounds = new Float64Array(hubs.length);
    for (let k = 0; k < hubs.length; k++) bounds[k] = lowerBound(hubs[k]!, zone, emergency);
    const ranks = Uint32Array.from(hubs.keys()).sort((a, b) => bounds[a]! - bounds[b]! || hubs[a]! - hubs[b]!);
    const row = new Float32Array(2 * hubs.length);
    ranks.forEach((hub, k) => {
      row[2 * k] = float32Below(bounds[hub]!);
      row[2 * k + 1] = hub;
    });
    this.rows[key] = row;
    this.head.set(row.subarray(0, this.headLength), key * this.headLength);
    this.built[key] = 1;
  }
}
