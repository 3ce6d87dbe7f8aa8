import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildNetwork, type RawLink } from "../network/build-network.js";
import { importN1000 } from "../network/n1000.js";
import { resolveDataDir } from "../data/data-dir.js";
import { buildContractionHierarchy, chManyToMany } from "./contraction-hierarchy.js";
import { DijkstraSearch } from "./dijkstra.js";
import { buildRoutingGraph, type RoutingGraph } from "./routing-graph.js";

function dijkstraMatrix(graph: RoutingGraph, sources: number[], targets: number[]): Float64Array {
  const search = new DijkstraSearch(graph);
  const out = new Float64Array(sources.length * targets.length);
  sources.forEach((s, i) => {
    search.run([{ node: s, sec: 0 }]);
    targets.forEach((t, j) => (out[i * targets.length + j] = search.distSec[t]!));
  });
  return out;
}

const seeds = (nodes: number[]) => nodes.map((node) => [{ node, sec: 0 }]);

describe("contraction hierarchies", () => {
  it("give exactly Dijkstra's times on random directed graphs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.nat(39), fc.integer({ min: 1, max: 500 }), fc.constantFrom<RawLink["oneway"]>("no", "forward", "backward")), { minLength: 1, maxLength: 120 }),
        (size, edges) => {
          const links: RawLink[] = edges
            .map(([a, b, w, oneway]) => ({ a: a % size, b: b % size, w, oneway }))
            .filter((e) => e.a !== e.b)
            .map((e) => ({ from: `n${e.a}`, to: `n${e.b}`, coords: [[10 + e.a * 0.01, 60], [10 + e.b * 0.01, 60.001]] as Array<[number, number]>, forwardSec: e.w, backwardSec: e.w * 1.5, roadClass: "x", oneway: e.oneway }));
          if (links.length === 0) return;
          const network = buildNetwork(links, { name: "t", sourceKind: "edge-list", sources: [], limitations: [], speedsKmh: {}, buildParameters: {}, origin: "t" });
          const graph = buildRoutingGraph(network, { speedFactor: 1 });
          const all = Array.from({ length: graph.nodeCount }, (_, i) => i);
          const ch = buildContractionHierarchy(graph, { witnessSettleLimit: 5 });
          const expected = dijkstraMatrix(graph, all, all);
          const actual = chManyToMany(ch, seeds(all), seeds(all));
          for (let i = 0; i < expected.length; i++) expect(actual[i]!).toBeCloseTo(expected[i]!, 6);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("match Dijkstra on the N1000 network for 40 × 60 nodes", () => {
    const network = importN1000(resolveDataDir());
    const graph = buildRoutingGraph(network, { speedFactor: 1 });
    const ch = buildContractionHierarchy(graph);
    const pick = (count: number, step: number) => Array.from({ length: count }, (_, i) => (i * step) % graph.nodeCount);
    const sources = pick(40, 117);
    const targets = pick(60, 71);
    const expected = dijkstraMatrix(graph, sources, targets);
    const actual = chManyToMany(ch, seeds(sources), seeds(targets));
    for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(1e-6);
  });
});
