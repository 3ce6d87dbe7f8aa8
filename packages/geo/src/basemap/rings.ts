import type { PolygonRings } from "../boundaries/polygon-index.js";

/** A closed ring of [lon, lat] (first point repeated at the end). */
export type Ring = number[][];

/** Twice the signed planar area of a ring in degree units: positive when counter-clockwise. */
export function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return sum;
}

/** Ray-casting test of a point against one ring (boundary cases either way). */
export function ringContains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies in a polygon (outer ring, holes). */
export function polygonContains(polygon: PolygonRings, x: number, y: number): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !ringContains(outer, x, y)) return false;
  return !holes.some((hole) => ringContains(hole, x, y));
}

export type BBox = [number, number, number, number];

export function ringBBox(ring: Ring): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    const x = p[0]!;
    const y = p[1]!;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The ring with its points in the opposite order (still closed). */
export function reversed(ring: Ring): Ring {
  return [...ring].reverse();
}

/** Orients a polygon as RFC 7946 asks: outer ring counter-clockwise, holes clockwise. */
export function orientPolygon(polygon: PolygonRings): PolygonRings {
  return polygon.map((ring, i) => {
    const ccw = signedArea2(ring) > 0;
    return (i === 0) === ccw ? ring : reversed(ring);
  });
}
