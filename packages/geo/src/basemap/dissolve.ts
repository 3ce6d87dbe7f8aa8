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
  const key = (p: number[]) => `${p[0]},${p[1]}`;
  const points = new Map<string, number[]>();
  // Directed edges "a|b" still unmatched.
  const edges = new Map<string, number>();
  for (const polygon of polygons) {
    for (const ring of orientPolygon(polygon)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = key(ring[i]!);
        const b = key(ring[i + 1]!);
        if (a === b) continue;
        points.set(a, ring[i]!);
        const twin = `${b}|${a}`;
        const twins = edges.get(twin);
        if (twins) {
          if (twins === 1) edges.delete(twin);
          else edges.set(twin, twins - 1);
          continue;
        }
        const edge = `${a}|${b}`;
        edges.set(edge, (edges.get(edge) ?? 0) + 1);
      }
    }
  }
  // Chain the remaining edges: every vertex has as many edges in as out, so walks close.
  const outgoing = new Map<string, string[]>();
  for (const [edge, count] of edges) {
    const [a, b] = edge.split("|") as [string, string];
    const list = outgoing.get(a) ?? [];
    for (let c = 0; c < count; c++) list.push(b);
    outgoing.set(a, list);
  }
  const rings: Ring[] = [];
  for (const [start, list] of outgoing) {
    while (list.length > 0) {
      const ring: Ring = [points.get(start)!];
      let at = start;
      for (;;) {
        const next = outgoing.get(at)?.pop();
        if (next === undefined) break; // cannot happen with balanced vertices; stop rather than loop
        ring.push(points.get(next)!);
        at = next;
        if (at === start) break;
      }
      if (ring.length >= 4 && at === start) rings.push(ring);
    }
  }
  return rings;
}
