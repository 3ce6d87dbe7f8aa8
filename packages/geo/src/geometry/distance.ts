/** Distances and a local metric projection on WGS84 lon/lat. Accurate to well under 0.5 % over a region the size of Helse Sør-Øst. */

const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

/** Great-circle distance in metres. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLon = (lon2 - lon1) * DEG;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Equirectangular projection around a reference latitude: x/y in metres. Good for nearest-point
 * searches and short segments (errors grow with distance from the reference latitude: ~0.3 % at ±1.5°).
 */
export class LocalProjection {
  readonly metresPerDegLat = EARTH_RADIUS_M * DEG;
  readonly metresPerDegLon: number;
  constructor(readonly refLat: number) {
    this.metresPerDegLon = EARTH_RADIUS_M * DEG * Math.cos(refLat * DEG);
  }
  x(lon: number): number {
    return lon * this.metresPerDegLon;
  }
  y(lat: number): number {
    return lat * this.metresPerDegLat;
  }
  lon(x: number): number {
    return x / this.metresPerDegLon;
  }
  lat(y: number): number {
    return y / this.metresPerDegLat;
  }
}

export interface SegmentProjection {
  /** Position along the segment, 0 at the start and 1 at the end. */
  fraction: number;
  /** Squared distance from the point to its projection, in the units of the inputs. */
  distanceSq: number;
  x: number;
  y: number;
}

/** Closest point of segment a–b to point p (planar). */
export function projectOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): SegmentProjection {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSq;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const x = ax + t * dx;
  const y = ay + t * dy;
  return { fraction: t, distanceSq: (px - x) ** 2 + (py - y) ** 2, x, y };
}
