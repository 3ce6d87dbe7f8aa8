import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DijkstraSearch } from "../routing/dijkstra.js";
import { buildRoutingGraph } from "../routing/routing-graph.js";
import type { RoadNetwork } from "../network/road-network.js";
import { importOsmPbf, osmOneway, osmWayExclusion, parseMaxspeedKmh } from "./osm-import.js";
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
    expect(network.meta.build.skippedLinks["ways: no car access (private)"]).toBe(1);
    expect(network.meta.build.skippedLinks["ways: highway=footway (not for cars)"]).toBe(1);
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
    // Round the head: 2 × 4.4 km at 50 km/h (secondary) plus ~1.7 km at 50 km/h (tertiary): more than 8 minutes.
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

describe("OSM tag rules", () => {
  it("parses maxspeed values", () => {
    expect(parseMaxspeedKmh("50")).toBe(50);
    expect(parseMaxspeedKmh("50 km/h")).toBe(50);
    expect(parseMaxspeedKmh("50km/h")).toBe(50);
    expect(parseMaxspeedKmh("60 kmh")).toBe(60);
    expect(parseMaxspeedKmh("40 km/t")).toBe(40);
    expect(parseMaxspeedKmh("30 mph")).toBeCloseTo(48.28, 2);
    expect(parseMaxspeedKmh("NO:urban")).toBe(50);
    expect(parseMaxspeedKmh("NO:rural")).toBe(80);
    expect(parseMaxspeedKmh("NO:motorway")).toBe(80);
    expect(parseMaxspeedKmh("walk")).toBe(7);
    expect(parseMaxspeedKmh("NO:living_street")).toBe(7);
    expect(parseMaxspeedKmh("50;30")).toBe(30);
    expect(parseMaxspeedKmh(undefined)).toBeUndefined();
    for (const v of ["none", "signals", "variable", "DE:urban", "fast", "0", "-5", ""]) expect(parseMaxspeedKmh(v), v).toBeUndefined();
  });

  it("reads one-way rules, implied ones included", () => {
    expect(osmOneway({ highway: "residential", oneway: "yes" })).toBe("forward");
    expect(osmOneway({ highway: "residential", oneway: "-1" })).toBe("backward");
    expect(osmOneway({ highway: "residential" })).toBe("no");
    expect(osmOneway({ highway: "primary", junction: "roundabout" })).toBe("forward");
    expect(osmOneway({ highway: "motorway" })).toBe("forward");
    expect(osmOneway({ highway: "motorway_link", oneway: "no" })).toBe("no");
    expect(osmOneway({ highway: "residential", oneway: "reversible" })).toBeNull();
  });

  it("decides which ways a car may use", () => {
    expect(osmWayExclusion({ highway: "residential" })).toBeNull();
    expect(osmWayExclusion({ highway: "service", service: "driveway" })).toBeNull();
    expect(osmWayExclusion({ highway: "service", service: "parking_aisle" })).toMatch(/inside car parks/);
    expect(osmWayExclusion({ highway: "footway" })).toMatch(/not for cars/);
    expect(osmWayExclusion({ highway: "pedestrian" })).toMatch(/not for cars/);
    expect(osmWayExclusion({ highway: "pedestrian", motorcar: "yes" })).toBeNull();
    expect(osmWayExclusion({ highway: "residential", access: "private" })).toBe("no car access (private)");
    expect(osmWayExclusion({ highway: "residential", access: "destination" })).toBeNull();
    // The most specific tag wins: motorcar over motor_vehicle over vehicle over access.
    expect(osmWayExclusion({ highway: "residential", access: "no", motor_vehicle: "yes" })).toBeNull();
    expect(osmWayExclusion({ highway: "residential", motor_vehicle: "yes", motorcar: "no" })).toBe("no car access (no)");
    // Bus roads and emergency passages: out for normal driving, in with emergency routes.
    expect(osmWayExclusion({ highway: "unclassified", motor_vehicle: "no", bus: "yes" })).toMatch(/bus or emergency only/);
    expect(osmWayExclusion({ highway: "unclassified", motor_vehicle: "no", bus: "yes" }, true)).toBeNull();
    expect(osmWayExclusion({ highway: "tertiary", motorcar: "no", emergency: "yes" }, true)).toBeNull();
    expect(osmWayExclusion({ highway: "emergency_access" })).toMatch(/emergency vehicles or buses only/);
    expect(osmWayExclusion({ highway: "emergency_access" }, true)).toBeNull();
    expect(osmWayExclusion({ highway: "service", area: "yes" })).toMatch(/area=yes/);
  });
});
