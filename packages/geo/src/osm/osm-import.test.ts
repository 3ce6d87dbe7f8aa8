import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DijkstraSearch } from "../routing/dijkstra.js";
import { buildRoutingGraph } from "../routing/routing-graph.js";
import type { RoadNetwork } from "../network/road-network.js";
import { importOsmPbf } from "./osm-import.js";
import { townFjordIslandFixture, writeFixturePbf } from "./osm-fixture.js";

function nodeNear(network: RoadNetwork, lon: number, lat: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < network.nodeLon.length; i++) {
    const d = (network.nodeLon[i]! - lon) ** 2 + (network.nodeLat[i]! - lat) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  expect(bestD).toBeLessThan(1e-10);
  return best;
}

describe("OSM PBF import", () => {
  let dir: string;
  let pbf: string;
  let network: RoadNetwork;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "akutt-osm-"));
    pbf = join(dir, "town.osm.pbf");
    writeFixturePbf(townFjordIslandFixture(), join(dir, "town.osm"), pbf);
    network = importOsmPbf(pbf);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("splits ways at junctions, keeps the largest component and drops the island", () => {
    // Grid: 5 rows × 4 + 5 columns × 4 = 40 links. Fjord: the link from town, the west shore split where that
    // link joins (2), the east shore whole (its inner nodes are no junctions), the head road whole: 5.
    expect(network.linkFrom.length).toBe(45);
    expect(network.meta.build.droppedComponents).toBe(1);
    expect(network.meta.build.droppedLinks).toBe(1);
    expect(network.meta.build.skippedLinks["access private"]).toBe(1);
    expect(network.meta.sourceKind).toBe("osm-pbf");
  });

  it("respects one-way streets and maxspeed", () => {
    const graph = buildRoutingGraph(network, { speedFactor: 1 });
    const search = new DijkstraSearch(graph);
    const a = nodeNear(network, 10.004, 60.004); // row 2, column 1
    const b = nodeNear(network, 10.008, 60.004); // row 2, column 2 (east of a)
    search.run([{ node: a, sec: 0 }]);
    const eastbound = search.distSec[b]!;
    search.run([{ node: b, sec: 0 }]);
    const westbound = search.distSec[a]!;
    // Eastbound along the one-way street (~222 m at 30 km/h ≈ 27 s); westbound must go round a block.
    expect(eastbound).toBeGreaterThan(25);
    expect(eastbound).toBeLessThan(29);
    expect(westbound).toBeGreaterThan(eastbound * 2.5);
    const primary = network.meta.roadClasses.indexOf("primary");
    const l = network.linkClass.indexOf(primary);
    expect(network.linkForwardSec[l]! / network.linkLengthM[l]!).toBeCloseTo(3.6 / 60, 6);
  });

  it("goes round the fjord head: no bridge across", () => {
    const graph = buildRoutingGraph(network, { speedFactor: 1 });
    const search = new DijkstraSearch(graph);
    const westSouth = nodeNear(network, 10.03, 59.99);
    const eastSouth = nodeNear(network, 10.05, 59.99);
    search.run([{ node: westSouth, sec: 0 }]);
    // Round the head: 2 × 4.4 km at 60 km/h plus ~1.7 km at 50 km/h: more than 8 minutes.
    expect(search.distSec[eastSouth]!).toBeGreaterThan(8 * 60);
  });

  it("reports truncated and corrupt files by name", () => {
    const bytes = readFileSync(pbf);
    const truncated = join(dir, "truncated.osm.pbf");
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    expect(() => importOsmPbf(truncated)).toThrow(/truncated\.osm\.pbf: truncated OSM PBF/);
    const garbage = join(dir, "garbage.osm.pbf");
    writeFileSync(garbage, Buffer.from("this is not a protocol buffer file at all"));
    expect(() => importOsmPbf(garbage)).toThrow(/garbage\.osm\.pbf: (corrupt|truncated|not an) /);
    const corrupt = join(dir, "corrupt.osm.pbf");
    const flipped = Buffer.from(bytes);
    for (let i = Math.floor(flipped.length / 2); i < flipped.length; i += 7) flipped[i] = flipped[i]! ^ 0xa5;
    writeFileSync(corrupt, flipped);
    expect(() => importOsmPbf(corrupt)).toThrow(/corrupt\.osm\.pbf: /);
    expect(() => importOsmPbf(join(dir, "absent.osm.pbf"))).toThrow(/absent\.osm\.pbf: no such file/);
  });

  it("refuses an empty clip", () => {
    expect(() => importOsmPbf(pbf, { clip: { label: "area 9999", contains: () => false } })).toThrow(/clipping to area 9999 leaves no roads/);
  });
});
