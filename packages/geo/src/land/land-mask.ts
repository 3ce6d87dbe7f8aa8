import { haversineM } from "../geometry/distance.js";
import type { Boundaries } from "../boundaries/boundaries.js";
import { PolygonIndex } from "../boundaries/polygon-index.js";

/**
 * Land test from the municipality polygons, which are clipped to the coastline (medium
 * generalisation: fjords narrower than a few hundred metres may be closed). Used to keep
 * access links and the fallback model from crossing water.
 */
export class LandMask {
  constructor(private readonly index: PolygonIndex<unknown>) {}

  static fromBoundaries(boundaries: Boundaries): LandMask {
    return new LandMask(boundaries.municipalityIndex as PolygonIndex<unknown>);
  }

  isLand(lon: number, lat: number): boolean {
    return this.index.contains(lon, lat);
  }

  /** Metres of the straight line a→b that lie over water, sampled every `stepM` metres. */
  waterLengthM(lon1: number, lat1: number, lon2: number, lat2: number, stepM = 50): number {
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
