import type { PolygonRings } from "../boundaries/polygon-index.js";
import { bboxesIntersect, ringBBox, ringContains, signedArea2, type BBox, type Ring } from "./rings.js";

/** A piece of a ring inside the rectangle, from where it enters to where it leaves. */
interface Run {
  points: number[][];
  /** Positions of the entry and exit on the rectangle's outline, counter-clockwise from its south-west corner. */
  tStart: number;
  tEnd: number;
  used: boolean;
}

const LEFT = 0;
const RIGHT = 1;
const BOTTOM = 2;
const TOP = 3;

/**
 * The part of a region inside a rectangle, as polygons (outer ring counter-clockwise, holes
 * clockwise). The region is given by its boundary rings, each oriented with the region on its left
 * (counter-clockwise around a piece of it, clockwise around a hole in it), plus whether the region
 * also covers everything outside all rings (`unboundedInside`: true for the sea given the coast's
 * rings reversed). Rings must not cross each other.
 *
 * The pieces of the rings inside the rectangle are joined by walking counter-clockwise along the
 * rectangle's outline from where one piece leaves to where the next enters. Pass a rectangle whose
 * edges do not pass exactly through ring vertices (`nudgeBBox`).
 */
export function clipRegionToRect(rings: readonly Ring[], rect: BBox, unboundedInside: boolean): PolygonRings[] {
  const [x0, y0, x1, y1] = rect;
  const width = x1 - x0;
  const height = y1 - y0;
  const perimeter = 2 * (width + height);
  const inside = (p: number[]) => p[0]! > x0 && p[0]! < x1 && p[1]! > y0 && p[1]! < y1;
  const position = (p: number[], edge: number): number =>
    edge === BOTTOM ? p[0]! - x0 : edge === RIGHT ? width + (p[1]! - y0) : edge === TOP ? width + height + (x1 - p[0]!) : 2 * width + height + (y1 - p[1]!);

  const runs: Run[] = [];
  const closed: Ring[] = [];
  const relevant: Ring[] = [];
  for (const ring of rings) {
    if (!bboxesIntersect(ringBBox(ring), rect)) {
      relevant.push(ring); // only for the corner test below
      continue;
    }
    relevant.push(ring);
    const n = ring.length - 1;
    let start = -1;
    for (let i = 0; i < n; i++) {
      if (!inside(ring[i]!)) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      closed.push(ring);
      continue;
    }
    let current: number[][] | null = null;
    let currentStart = 0;
    for (let k = 0; k < n; k++) {
      const a = ring[(start + k) % n]!;
      const b = ring[(start + k + 1) % n]!;
      const clip = clipSegment(a, b, rect);
      if (!clip) continue;
      const aIn = inside(a);
      const bIn = inside(b);
      if (!aIn) {
        if (clip.t1 - clip.t0 <= 1e-12) continue; // touches a corner only
        const [entry, edge] = pointOn(a, b, clip.t0, clip.e0, rect);
        current = [entry];
        currentStart = position(entry, edge);
      }
      if (!current) continue; // cannot happen: the walk starts outside
      if (bIn) current.push(b);
      else {
        const [exit, edge] = pointOn(a, b, clip.t1, clip.e1, rect);
        current.push(exit);
        runs.push({ points: current, tStart: currentStart, tEnd: position(exit, edge), used: false });
        current = null;
      }
    }
  }

  const corners: Array<[number, number[]]> = [
    [0, [x0, y0]],
    [width, [x1, y0]],
    [width + height, [x1, y1]],
    [2 * width + height, [x0, y1]],
  ];
  const ahead = (from: number, to: number) => (((to - from) % perimeter) + perimeter) % perimeter;
  const outers: Ring[] = [];
  const holes: Ring[] = [];
  for (const first of runs) {
    if (first.used) continue;
    const ring: Ring = [];
    let run = first;
    for (;;) {
      run.used = true;
      ring.push(...run.points);
      let next: Run | null = null;
      let nextD = Infinity;
      for (const candidate of runs) {
        if (candidate.used && candidate !== first) continue;
        const d = ahead(run.tEnd, candidate.tStart);
        if (d < nextD) {
          nextD = d;
          next = candidate;
        }
      }
      if (!next) break;
      const passed = corners.filter(([t]) => {
        const d = ahead(run.tEnd, t);
        return d > 0 && d < nextD;
      });
      passed.sort((a, b) => ahead(run.tEnd, a[0]) - ahead(run.tEnd, b[0]));
      for (const [, corner] of passed) ring.push(corner);
      if (next === first) break;
      run = next;
    }
    ring.push(ring[0]!);
    if (ring.length >= 4) outers.push(ring);
  }
  for (const ring of closed) (signedArea2(ring) > 0 ? outers : holes).push(ring);
  if (runs.length === 0 && regionContains(relevant, unboundedInside, x0, y0)) {
    outers.push([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]);
  }

  // Each hole goes into the smallest outer ring around it.
  const outerArea = outers.map((ring) => Math.abs(signedArea2(ring)));
  const polygons: PolygonRings[] = outers.map((ring) => [ring]);
  for (const hole of holes) {
    const [hx, hy] = hole[0]! as [number, number];
    let best = -1;
    for (let i = 0; i < outers.length; i++) {
      if ((best < 0 || outerArea[i]! < outerArea[best]!) && ringContains(outers[i]!, hx, hy)) best = i;
    }
    if (best >= 0) polygons[best]!.push(hole);
  }
  return polygons;
}

/** Whether a point is in the region the oriented rings bound (even-odd over all rings). */
export function regionContains(rings: readonly Ring[], unboundedInside: boolean, x: number, y: number): boolean {
  let inside = unboundedInside;
  for (const ring of rings) {
    const [minX, minY, maxX, maxY] = ringBBox(ring);
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    if (ringContains(ring, x, y)) inside = !inside;
  }
  return inside;
}

/** Liang–Barsky: the part [t0, t1] of segment a→b inside the rectangle, and which edges cut it (-1: none). */
function clipSegment(a: number[], b: number[], rect: BBox): { t0: number; t1: number; e0: number; e1: number } | null {
  const [x0, y0, x1, y1] = rect;
  const ax = a[0]!;
  const ay = a[1]!;
  const dx = b[0]! - ax;
  const dy = b[1]! - ay;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - x0, x1 - ax, ay - y0, y1 - ay];
  let t0 = 0;
  let t1 = 1;
  let e0 = -1;
  let e1 = -1;
  for (let i = 0; i < 4; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (pi === 0) {
      if (qi < 0) return null;
      continue;
    }
    const r = qi / pi;
    if (pi < 0) {
      if (r > t1) return null;
      if (r > t0) {
        t0 = r;
        e0 = i;
      }
    } else {
      if (r < t0) return null;
      if (r < t1) {
        t1 = r;
        e1 = i;
      }
    }
  }
  return { t0, t1, e0, e1 };
}

/** The point at t on a→b, put exactly on the rectangle's edge (the nearest edge if the clip named none), and that edge. */
function pointOn(a: number[], b: number[], t: number, edge: number, rect: BBox): [number[], number] {
  const [x0, y0, x1, y1] = rect;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const x = clamp(a[0]! + t * (b[0]! - a[0]!), x0, x1);
  const y = clamp(a[1]! + t * (b[1]! - a[1]!), y0, y1);
  if (edge < 0) {
    const gaps = [x - x0, x1 - x, y - y0, y1 - y];
    edge = gaps.indexOf(Math.min(...gaps));
  }
  if (edge === LEFT) return [[x0, y], LEFT];
  if (edge === RIGHT) return [[x1, y], RIGHT];
  if (edge === BOTTOM) return [[x, y0], BOTTOM];
  return [[x, y1], TOP];
}

/**
 * The rectangle moved by a fraction of a micro-degree, so that no edge passes exactly through a
 * vertex of data rounded to 6 decimals (which would make entries and exits ambiguous).
 */
export function nudgeBBox(bbox: BBox): BBox {
  const e = 3.7e-8;
  return [bbox[0] - e, bbox[1] - e * 1.3, bbox[2] + e * 1.1, bbox[3] + e * 0.7];
}
