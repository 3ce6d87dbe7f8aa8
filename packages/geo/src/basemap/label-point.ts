import type { PolygonRings } from "../boundaries/polygon-index.js";
import { LocalProjection } from "../geometry/distance.js";
import { polygonContains } from "./rings.js";

/**
 * A point well inside a polygon for its label: the pole of inaccessibility (the interior point
 * farthest from the boundary), found by the quadtree search of Garcia-Castellanos & Lombardo
 * (2007) as in Mapbox's polylabel, to `precisionM` metres. Unlike a centroid it never falls in a
 * fjord or outside a crescent-shaped polygon. Returns [lon, lat].
 */
export function labelPoint(polygon: PolygonRings, precisionM = 100): [number, number] {
  const outer = polygon[0];
  if (!outer || outer.length < 4) throw new RangeError("labelPoint needs a polygon with an outer ring");
  const projection = new LocalProjection(outer[0]![1]!);
  const rings = polygon.map((ring) => ring.map((p) => [projection.x(p[0]!), projection.y(p[1]!)]));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of rings[0]! as Array<[number, number]>) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const size = Math.min(maxX - minX, maxY - minY);
  const back = (x: number, y: number): [number, number] => [projection.lon(x), projection.lat(y)];
  if (size === 0) return back(minX, minY);

  /** Signed distance to the boundary: positive inside. */
  const distance = (x: number, y: number): number => {
    let inside = false;
    let minSq = Infinity;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i]!;
        const b = ring[j]!;
        const ax = a[0]!;
        const ay = a[1]!;
        const bx = b[0]!;
        const by = b[1]!;
        if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
        const dx = bx - ax;
        const dy = by - ay;
        const lengthSq = dx * dx + dy * dy;
        let t = lengthSq === 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / lengthSq;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const d = (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2;
        if (d < minSq) minSq = d;
      }
    }
    return (inside ? 1 : -1) * Math.sqrt(minSq);
  };
  interface Cell {
    x: number;
    y: number;
    h: number;
    d: number;
    max: number;
  }
  const cell = (x: number, y: number, h: number): Cell => {
    const d = distance(x, y);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  // A plain array kept sorted by `max` is enough for the few hundred cells a municipality needs.
  const queue: Cell[] = [];
  const push = (c: Cell) => {
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid]!.max < c.max) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, c);
  };
  const h0 = size / 2;
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) push(cell(x + h0, y + h0, h0));
  // Start from the ring's area centroid if it is inside, else the bounding box centre.
  let best = cell((minX + maxX) / 2, (minY + maxY) / 2, 0);
  const centroid = ringCentroid(rings[0]!);
  if (centroid) {
    const c = cell(centroid[0], centroid[1], 0);
    if (c.d > best.d) best = c;
  }
  let guard = 0;
  while (queue.length > 0 && guard++ < 100_000) {
    const c = queue.pop()!;
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precisionM) continue;
    const h = c.h / 2;
    push(cell(c.x - h, c.y - h, h));
    push(cell(c.x + h, c.y - h, h));
    push(cell(c.x - h, c.y + h, h));
    push(cell(c.x + h, c.y + h, h));
  }
  const point = back(best.x, best.y);
  return polygonContains(polygon, point[0], point[1]) ? point : [outer[0]![0]!, outer[0]![1]!];
}

function ringCentroid(ring: number[][]): [number, number] | null {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const f = a[0]! * b[1]! - b[0]! * a[1]!;
    cx += (a[0]! + b[0]!) * f;
    cy += (a[1]! + b[1]!) * f;
    area += f * 3;
  }
  return area === 0 ? null : [cx / area, cy / area];
}
