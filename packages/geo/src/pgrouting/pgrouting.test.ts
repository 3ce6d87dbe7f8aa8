import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, type RawLink } from "../network/build-network.js";
import type { RoadNetwork } from "../network/road-network.js";
import { importOsmPbf } from "../osm/osm-import.js";
import { townFjordIslandFixture, writeFixturePbf } from "../osm/osm-fixture.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { resolveDataDir } from "../data/data-dir.js";
import { buildContractionHierarchy, chManyToMany } from "../routing/contraction-hierarchy.js";
import { DijkstraSearch } from "../routing/dijkstra.js";
import { buildRoutingGraph } from "../routing/routing-graph.js";
import { PgRoutingServer } from "./pg-server.js";

/**
 * Our travel-time matrices against pgRouting's pgr_dijkstraCost in a real PostgreSQL, on the same edge
 * costs. The server must start: if it cannot (packages missing), this fails with the reason.
 */

function ourMatrix(network: RoadNetwork, sources: number[], targets: number[]): Map<string, number> {
  const search = new DijkstraSearch(buildRoutingGraph(network, { speedFactor: 1 }));
  const costs = new Map<string, number>();
  for (const s of sources) {
    search.run([{ node: s, sec: 0 }]);
    for (const t of targets) {
      const d = search.distSec[t]!;
      if (s !== t && Number.isFinite(d)) costs.set(`${s},${t}`, d);
    }
  }
  return costs;
}

function expectSameMatrix(ours: Map<string, number>, theirs: Map<string, number>): void {
  expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
  for (const [pair, sec] of theirs) expect(Math.abs(ours.get(pair)! - sec)).toBeLessThanOrEqual(1e-9 * Math.max(1, sec));
}

/** A jittered 12 × 12 grid with one-way links, varied speeds and a detached corner piece. */
function onewayGrid(): RoadNetwork {
  const links: RawLink[] = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const at = (r: number, c: number): [number, number] => [10 + c * 0.003 + rnd() * 0.0005, 60 + r * 0.0015 + rnd() * 0.0005];
  const pos: Array<[number, number]> = [];
  for (let r = 0; r < 12; r++) for (let c = 0; c < 12; c++) pos.push(at(r, c));
  const classes = ["residential", "tertiary", "primary"];
  for (let r = 0; r < 12; r++)
    for (let c = 0; c < 12; c++) {
      const v = r * 12 + c;
      for (const w of [c + 1 < 12 ? v + 1 : -1, r + 1 < 12 ? v + 12 : -1]) {
        if (w < 0 || rnd() < 0.05) continue;
        const u = rnd();
        links.push({ from: `n${v}`, to: `n${w}`, coords: [pos[v]!, pos[w]!], roadClass: classes[Math.floor(rnd() * 3)]!, oneway: u < 0.15 ? "forward" : u < 0.3 ? "backward" : "no" });
      }
    }
  return buildNetwork(links, { name: "one-way grid", sourceKind: "edge-list", sources: [], limitations: [], speedsKmh: { residential: 30, tertiary: 50, primary: 70 }, buildParameters: {}, origin: "fixture" });
}

/** The same pairs by contraction hierarchies. */
function chMatrix(network: RoadNetwork, sources: number[], targets: number[]): Map<string, number> {
  const ch = buildContractionHierarchy(buildRoutingGraph(network, { speedFactor: 1 }));
  const times = chManyToMany(ch, sources.map((node) => [{ node, sec: 0 }]), targets.map((node) => [{ node, sec: 0 }]));
  const costs = new Map<string, number>();
  sources.forEach((s, i) =>
    targets.forEach((t, j) => {
      const d = times[i * targets.length + j]!;
      if (s !== t && Number.isFinite(d)) costs.set(`${s},${t}`, d);
    }),
  );
  return costs;
}

describe("travel-time matrices match pgRouting", () => {
  let server: PgRoutingServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "akutt-pgr-"));
    server = await PgRoutingServer.start();
  }, 60_000);
  afterAll(() => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("on the OSM town/fjord/island fixture (imported from PBF)", () => {
    const pbf = join(dir, "town.osm.pbf");
    writeFixturePbf(townFjordIslandFixture(), join(dir, "town.osm"), pbf);
    const network = importOsmPbf(pbf);
    server.loadNetwork(network);
    const all = Array.from({ length: network.nodeLon.length }, (_, i) => i);
    const theirs = server.costMatrix(all, all).costs;
    expect(theirs.size).toBe(all.length * (all.length - 1)); // strongly connected: every pair reachable
    expectSameMatrix(ourMatrix(network, all, all), theirs);
  });

  it("on the real OpenStreetMap extract of central and eastern Oslo (2019), by Dijkstra and by contraction hierarchies", () => {
    const network = importOsmPbf(join(resolveDataDir(), DATASET_PATHS.osmOsloEast));
    server.loadNetwork(network);
    let seed = 11;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const pick = (count: number) => [...new Set(Array.from({ length: count }, () => Math.floor(rnd() * network.nodeLon.length)))];
    const sources = pick(30);
    const targets = pick(400);
    const theirs = server.costMatrix(sources, targets).costs;
    // One strongly connected component: every pair is reachable (except a node to itself).
    const selfPairs = sources.filter((s) => targets.includes(s)).length;
    expect(theirs.size).toBe(sources.length * targets.length - selfPairs);
    expectSameMatrix(ourMatrix(network, sources, targets), theirs);
    const viaCh = chMatrix(network, sources, targets);
    expect([...viaCh.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [pair, sec] of theirs) expect(Math.abs(viaCh.get(pair)! - sec)).toBeLessThanOrEqual(1e-6 * Math.max(1, sec));
  }, 120_000);

  it("on a grid with one-way streets and mixed speeds", () => {
    const network = onewayGrid();
    server.loadNetwork(network);
    const all = Array.from({ length: network.nodeLon.length }, (_, i) => i);
    const theirs = server.costMatrix(all, all).costs;
    expect(theirs.size).toBeGreaterThan(10_000);
    expectSameMatrix(ourMatrix(network, all, all), theirs);
  });
});
