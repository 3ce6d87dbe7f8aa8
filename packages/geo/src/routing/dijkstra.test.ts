import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DijkstraSearch } from "./dijkstra.js";
import type { RoutingGraph } from "./routing-graph.js";

/** A directed graph in CSR form from an arc list. */
function graphOf(nodeCount: number, arcs: Array<[number, number, number]>): RoutingGraph {
  const sorted = [...arcs].sort((a, b) => a[0] - b[0]);
  const firstArc = new Uint32Array(nodeCount + 1);
  for (const [tail] of sorted) firstArc[tail + 1]!++;
  for (let v = 0; v < nodeCount; v++) firstArc[v + 1]! += firstArc[v]!;
  return {
    nodeCount,
    firstArc,
    arcHead: Uint32Array.from(sorted, (arc) => arc[1]),
    arcWeightSec: Float64Array.from(sorted, (arc) => arc[2]),
    arcLink: new Uint32Array(sorted.length),
    arcBackward: new Uint8Array(sorted.length),
  };
}

const graphs = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    arcs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0.5, max: 300, noNaN: true })), { minLength: 1, maxLength: 150 }),
    seeds: fc.array(fc.tuple(fc.nat(n - 1), fc.double({ min: 0, max: 50, noNaN: true })), { minLength: 1, maxLength: 3 }),
    targets: fc.array(fc.nat(n - 1), { maxLength: 5 }),
  }),
);

describe("Dijkstra queues", () => {
  it("the bucket queue gives exactly the heap's times, with and without an early stop", () => {
    fc.assert(
      fc.property(graphs, ({ n, arcs, seeds, targets }) => {
        const graph = graphOf(n, arcs);
        const buckets = new DijkstraSearch(graph, { trackParents: false });
        const heap = new DijkstraSearch(graph, { trackParents: false, queue: "heap" });
        const seedList = seeds.map(([node, sec]) => ({ node, sec }));
        buckets.run(seedList);
        heap.run(seedList);
        expect(Array.from(buckets.distSec)).toEqual(Array.from(heap.distSec));
        // Reused search objects, early stop: the targets' times are final and equal.
        buckets.run(seedList, targets);
        heap.run(seedList);
        for (const target of targets) expect(buckets.distSec[target]).toBe(heap.distSec[target]);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the triangle inequality: no node is farther than via any neighbour", () => {
    fc.assert(
      fc.property(graphs, ({ n, arcs, seeds }) => {
        const graph = graphOf(n, arcs);
        const search = new DijkstraSearch(graph, { trackParents: false });
        search.run(seeds.map(([node, sec]) => ({ node, sec })));
        for (const [tail, head, weight] of arcs) expect(search.distSec[head]!).toBeLessThanOrEqual(search.distSec[tail]! + weight + 1e-9);
      }),
    );
  });
});
