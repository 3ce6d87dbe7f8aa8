import type { PolygonRings } from "../boundaries/polygon-index.js";
import { orientPolygon, type Ring } from "./rings.js";

/**
 * The boundary of the union of polygons that tile an area (the municipalities): every polygon is
 * oriented (outer ring counter-clockwise, holes clockwise), so each boundary edge has its own
 * polygon on the left; an edge two neighbours share occurs once in each direction and cancels.
 * What is left is the outline of the union with the union on the left: coastline and national
 * border as counter-clockwise rings, enclosed non-land (none in the 2024 municipalities) as
 * clockwise ones. Needs shared boundaries with identical vertices, as the municipality file has
 * (of 66,953 distinct edges 14,355 are shared; 15 edges around enclaves do not match exactly and
 * leave slivers a few metres wide, which simplification removes).
 */
export function dissolvePartition(polygons: readonly PolygonRings[]): Ring[] {
  // Vertices by their coordinates in micro-degrees (the file has 6 decimals), numbered from 0.
  const ids = new Map<number, number>();
  const points: number[][] = [];
  const idOf = (p: number[]): number => {
    const key = Math.round(p[0]! * 1e6) * 1e9 + Math.round(p[1]! * 1e6) + 5e8;
    let id = ids.get(key);
    if (id === undefined) {
      id = points.length;
      ids.set(key, id);
      points.push(p);
    }
    return id;
  };
  const SHIFT = 2 ** 24; // more vertices than any boundary file here has
  // Directed edges a→b (key a·SHIFT + b) still unmatched, with their count.
  const edges = new Map<number, number>();
  for (const polygon of polygons) {
    for (const ring of orientPolygon(polygon)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = idOf(ring[i]!);
        const b = idOf(ring[i + 1]!);
        if (a === b) continue;
        const twin = b * SHIFT + a;
        const twins = edges.get(twin);
        if (twins) {
          if (twins === 1) edges.delete(twin);
          else edges.set(twin, twins - 1);
          continue;
        }
        const edge = a * SHIFT + b;
        edges.set(edge, (edges.get(edge) ?? 0) + 1);
      }
    }
  }
  if (points.length >= SHIFT) throw new RangeError(`dissolvePartition: ${points.length} vertices, at most ${SHIFT - 1}`);
  // Chain the remaining edges: every vertex has as many edges in as out, so walks close.
  const outgoing = new Map<number, number[]>();
  for (const [edge, count] of edges) {
    const a = Math.floor(edge / SHIFT);
    const b = edge - a * SHIFT;
    const list = outgoing.get(a) ?? [];
    for (let c = 0; c < count; c++) list.push(b);
    outgoing.set(a, list);
  }
  const rings: Ring[] = [];
  for (const [start, list] of outgoing) {
    while (list.length > 0) {
      const ring: Ring = [points[start]!];
      let at = start;
      for (;;) {
        const next = outgoing.get(at)?.pop();
        if (next === undefined) break; // cannot happen with balanced vertices; stop rather than loop
        ring.push(points[next]!);
        at = next;
        if (at === start) break;
      }
      if (ring.length >= 4 && at === start) rings.push(ring);
    }
  }
  return rings;
}
