import { haversineM } from "../geometry/distance.js";
import type { Boundaries } from "../boundaries/boundaries.js";
import { PolygonIndex } from "../boundaries/polygon-index.js";

/**
 * Land test from the municipality polygons, which are clipped to the coastline (medium
 * generalisation: fjords narrower than a few hundred metres may be closed). Used to keep
 * access links and the fallback model from crossing water.
 */
/** A line over water that nothing may cross straight: [lon, lat] vertices. */
export type WaterBarrier = ReadonlyArray<readonly [number, number]>;

export class LandMask {
  constructor(
    private readonly index: PolygonIndex<unknown>,
    private readonly barriers: readonly WaterBarrier[] = [],
  ) {}

  static fromBoundaries(boundaries: Boundaries): LandMask {
    return new LandMask(boundaries.municipalityIndex as PolygonIndex<unknown>);
  }

  /**
   * The same mask where a straight line crossing any of `barriers` counts as crossing unlimited
   * water: for straits narrower than the water an access link or direct trip may cross, but served
   * by a ferry (network/ferries.ts), which the polygons cannot tell from a river under a bridge.
   */
  withBarriers(barriers: readonly WaterBarrier[]): LandMask {
    return new LandMask(this.index, [...this.barriers, ...barriers]);
  }

  isLand(lon: number, lat: number): boolean {
    return this.index.contains(lon, lat);
  }

  /** Metres of the straight line a→b that lie over water, sampled every `stepM` metres. */
  waterLengthM(lon1: number, lat1: number, lon2: number, lat2: number, stepM = 50): number {
    if (this.barriers.some((barrier) => crossesPolyline(lon1, lat1, lon2, lat2, barrier))) return Infinity;
    const lengthM = haversineM(lon1, lat1, lon2, lat2);
    const steps = Math.max(1, Math.ceil(lengthM / stepM));
    let wet = 0;
    for (let i = 0; i < steps; i++) {
      const t = (i + 0.5) / steps;
      if (!this.isLand(lon1 + (lon2 - lon1) * t, lat1 + (lat2 - lat1) * t)) wet += 1;
    }
    return (wet / steps) * lengthM;
  }
}

/** Whether segment a→b properly crosses any segment of the polyline (planar in lon/lat: the barriers are short). */
function crossesPolyline(ax: number, ay: number, bx: number, by: number, line: WaterBarrier): boolean {
  const side = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  for (let i = 0; i + 1 < line.length; i++) {
    const [cx, cy] = line[i]!;
    const [dx, dy] = line[i + 1]!;
    if (side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0 && side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0) return true;
  }
  return false;
}
