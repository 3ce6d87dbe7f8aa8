import { beforeAll, describe, expect, it } from "vitest";
import type { Location } from "@akutt/model";
import { resolveDataDir } from "../data/data-dir.js";
import { LocationRouter } from "../routing/location-router.js";
import type { RawLink } from "./build-network.js";
import { cutAtQuays, ferryStraits, KNOWN_FERRY_CROSSINGS, knownFerriesByLink, knownFerryFixedSec, type KnownFerryCrossing } from "./ferries.js";
import { importN1000 } from "./n1000.js";
import { LINK_FLAG_FERRY, type RoadNetwork } from "./road-network.js";
import { directTripSec, joinLocations, loadLandMask, parseNetworkOptions } from "./travel-model.js";
import { LandMask } from "../land/land-mask.js";
import { loadBoundaries } from "../boundaries/boundaries.js";

const svelvikVerket = KNOWN_FERRY_CROSSINGS.find((c) => c.id === "svelvik-verket")!;

describe("the table of known ferry crossings", () => {
  it("has Svelvik–Verket with a timetable crossing and a wait, each crossing citing sources and assumptions", () => {
    expect(svelvikVerket.crossingSec).toBe(300);
    expect(svelvikVerket.waitSec).toBe(600);
    expect(knownFerryFixedSec(svelvikVerket)).toBe(900);
    for (const c of KNOWN_FERRY_CROSSINGS) {
      expect(c.sources.length).toBeGreaterThan(0);
      expect(c.assumptions.length).toBeGreaterThan(0);
    }
    expect(knownFerriesByLink(KNOWN_FERRY_CROSSINGS).size).toBe(KNOWN_FERRY_CROSSINGS.length);
  });

  it("refuses two crossings on one link and negative times", () => {
    expect(() => knownFerriesByLink([svelvikVerket, { ...svelvikVerket, id: "again" }])).toThrow(/same N1000 link 13847/);
    expect(() => knownFerriesByLink([{ ...svelvikVerket, waitSec: -1 }])).toThrow(/non-negative/);
  });
});

describe("cutting a road drawn over the water at its quays", () => {
  const crossing: KnownFerryCrossing = { id: "x", name: "X", n1000LinkId: 1, quays: [[10.002, 60], [10.003, 60]], crossingSec: 120, waitSec: 300, sources: ["test"], assumptions: ["test"] };
  const road: RawLink = {
    from: "a",
    to: "b",
    coords: [[10, 60], [10.001, 60], [10.002, 60], [10.003, 60], [10.005, 60]],
    lengthM: 500,
    roadClass: "F",
    speedKmh: 60,
    oneway: "no",
  };

  it("keeps road before and after and makes the middle a ferry with crossing + wait, lengths in proportion", () => {
    const pieces = cutAtQuays(road, crossing);
    expect(pieces.map((p) => [p.from, p.to])).toEqual([["a", "a~x~quay1"], ["a~x~quay1", "a~x~quay2"], ["a~x~quay2", "b"]]);
    const [before, ferry, after] = pieces as [RawLink, RawLink, RawLink];
    expect(before).toMatchObject({ roadClass: "F", speedKmh: 60 });
    expect(before.ferry).toBeUndefined();
    expect(ferry).toMatchObject({ roadClass: "ferje", ferry: true, fixedSec: 420 });
    expect(ferry.coords).toEqual([[10.002, 60], [10.003, 60]]);
    expect(after.coords).toEqual([[10.003, 60], [10.005, 60]]);
    expect(before.lengthM! + ferry.lengthM! + after.lengthM!).toBeCloseTo(500, 6);
    expect(ferry.lengthM).toBeCloseTo(100, 1);
  });

  it("leaves out a road piece of no length when a quay is an end node, in either quay order", () => {
    const pieces = cutAtQuays(road, { ...crossing, quays: [[10.003, 60], [10, 60]] });
    expect(pieces.map((p) => [p.from, p.to, p.ferry ?? false])).toEqual([["a", "a~x~quay2", true], ["a~x~quay2", "b", false]]);
  });

  it("says so when a quay is not on the link (the data changed)", () => {
    expect(() => cutAtQuays(road, { ...crossing, quays: [[10.002, 60.01], [10.003, 60]] })).toThrow(/quay .* m from N1000 link 1/);
  });
});

describe("Svelvik–Verket on the N1000 network", () => {
  const dataDir = resolveDataDir();
  // Svelvik (west of the strait, the VV station's assumed position) and Sætre (Hurum, east of it).
  const points = [
    { id: "svelvik", lat: 59.61, lon: 10.4 },
    { id: "saetre", lat: 59.68, lon: 10.524 },
  ];
  const locations: Location[] = points.map((p, index) => ({ index, id: p.id, kind: "zone", lat: p.lat, lon: p.lon, areaClass: "tettbygd" }));
  const time = (network: RoadNetwork, speedFactor: number) => {
    const { points: joined } = joinLocations(network, locations, { accessSpeedKmh: { tettbygd: 30, grisgrendt: 50 }, accessDetourFactor: 1.3, maxSnapDistanceM: 20_000, maxAccessWaterM: 300 }, null);
    return new LocationRouter(network, joined, { speedFactor }).route(0, 1);
  };
  let withTable: RoadNetwork;
  let noWait: RoadNetwork;
  let before: RoadNetwork;
  beforeAll(() => {
    withTable = importN1000(dataDir);
    noWait = importN1000(dataDir, { knownFerries: KNOWN_FERRY_CROSSINGS.map((c) => (c.id === "svelvik-verket" ? { ...c, waitSec: 0 } : c)) });
    before = importN1000(dataDir, { knownFerries: [] });
  });

  const svelvikFerry = (network: RoadNetwork) => {
    const found: number[] = [];
    for (let l = 0; l < network.linkFrom.length; l++) {
      if ((network.linkFlags[l]! & LINK_FLAG_FERRY) === 0) continue;
      const lon = network.nodeLon[network.linkFrom[l]!]!;
      const lat = network.nodeLat[network.linkFrom[l]!]!;
      if (lon > 10.40 && lon < 10.42 && lat > 59.61 && lat < 59.62) found.push(l);
    }
    return found;
  };

  it("cuts link 13847 at the quays into road, ferry, road; the ferry carries crossing + wait", () => {
    const ferries = svelvikFerry(withTable);
    expect(ferries).toHaveLength(1);
    const link = ferries[0]!;
    expect(withTable.linkFixedSec[link]).toBe(900);
    expect(withTable.meta.roadClasses[withTable.linkClass[link]!]).toBe("ferje");
    expect(withTable.linkLengthM[link]).toBeGreaterThan(80);
    expect(withTable.linkLengthM[link]).toBeLessThan(250);
    expect(svelvikFerry(before)).toHaveLength(0);
    // Two more links (the cut) and two more nodes (the quays) than without the table.
    expect(withTable.linkFrom.length).toBe(before.linkFrom.length + 2);
    expect(withTable.meta.build.notes.join("\n")).toMatch(/Svelvik–Verket .*link 13847.*300 s crossing \+ 600 s wait from the timetable/);
    expect(withTable.meta.buildParameters["knownFerries"]).not.toEqual(before.meta.buildParameters["knownFerries"]);
  });

  it("Svelvik to Sætre takes the ferry and is slower by exactly the wait than with no wait, in both profiles", () => {
    for (const speedFactor of [1, 1.2]) {
      const route = time(withTable, speedFactor);
      expect(route.links.some(({ link }) => (withTable.linkFlags[link]! & LINK_FLAG_FERRY) !== 0)).toBe(true);
      expect(route.sec - time(noWait, speedFactor).sec).toBeCloseTo(600, 6);
    }
  });

  it("is slower than before (road over the water) by the crossing and the wait, less the few seconds of road it replaces", () => {
    const beforeRoute = time(before, 1);
    expect(beforeRoute.links.some(({ link }) => (before.linkFlags[link]! & LINK_FLAG_FERRY) !== 0)).toBe(false);
    const slower = time(withTable, 1).sec - beforeRoute.sec;
    expect(slower).toBeGreaterThan(900 - 30);
    expect(slower).toBeLessThanOrEqual(900);
    // Blue lights do not shorten the ferry: the difference is the same at 1.2× road speed, give or take the road piece.
    expect(time(withTable, 1.2).sec - time(before, 1.2).sec).toBeGreaterThan(900 - 30);
  });

  it("gives Moss–Horten its timetable crossing and wait", () => {
    const moss = KNOWN_FERRY_CROSSINGS.find((c) => c.id === "moss-horten")!;
    const fixed = [...withTable.linkFixedSec].filter((_, l) => (withTable.linkFlags[l]! & LINK_FLAG_FERRY) !== 0);
    expect(fixed).toContain(knownFerryFixedSec(moss));
  });
});

describe("the Svelvik strait in direct trips and access links (no straight drive across a ferry strait)", () => {
  const dataDir = resolveDataDir();
  const hasBoundaries = loadLandMask(dataDir) !== null;
  const station: Location = { index: 0, id: "st-svelvik", kind: "station", lat: 59.61, lon: 10.4, areaClass: "tettbygd" };
  // Verket, on the Hurum side of Svelvikstrømmen, 1.1 km from the Svelvik station across the narrows.
  const verket: Location = { index: 1, id: "verket", kind: "zone", lat: 59.615, lon: 10.417, areaClass: "tettbygd" };
  // On the Svelvik side, 1 km west of the station.
  const svelvikWest: Location = { index: 2, id: "svelvik-west", kind: "zone", lat: 59.612, lon: 10.383, areaClass: "tettbygd" };
  const options = parseNetworkOptions({});

  it.skipIf(!hasBoundaries)("the barrier lies on water along the whole narrows", () => {
    const land = LandMask.fromBoundaries(loadBoundaries(dataDir));
    const [[lon, south], [, north]] = svelvikVerket.strait as [[number, number], [number, number]];
    for (let lat = south; lat <= north; lat += 0.0005) expect(land.isLand(lon, lat)).toBe(false);
  });

  it.skipIf(!hasBoundaries)("the polygons alone let a straight line cross (118 m of water, under maxAccessWaterM); the strait barrier does not", () => {
    const polygons = LandMask.fromBoundaries(loadBoundaries(dataDir));
    expect(polygons.waterLengthM(station.lon, station.lat, verket.lon, verket.lat)).toBeLessThan(options.maxAccessWaterM);
    const land = loadLandMask(dataDir)!;
    expect(land.waterLengthM(station.lon, station.lat, verket.lon, verket.lat)).toBe(Infinity);
    expect(land.waterLengthM(verket.lon, verket.lat, station.lon, station.lat)).toBe(Infinity);
    // The same side of the strait is untouched.
    expect(land.waterLengthM(station.lon, station.lat, svelvikWest.lon, svelvikWest.lat)).toBe(polygons.waterLengthM(station.lon, station.lat, svelvikWest.lon, svelvikWest.lat));
  });

  it.skipIf(!hasBoundaries)("a direct trip from Svelvik to Verket keeps the routed time (road and ferry); one on the same shore still drives straight", () => {
    const land = loadLandMask(dataDir)!;
    const polygons = LandMask.fromBoundaries(loadBoundaries(dataDir));
    const routedSec = 1000; // road and ferry: 16 min and more in the Asker and Bærum scenario
    expect(directTripSec(station, verket, routedSec, options, polygons, 1.2)).toBeLessThan(300); // the leftover this fixes
    expect(directTripSec(station, verket, routedSec, options, land, 1.2)).toBe(routedSec);
    expect(directTripSec(verket, station, routedSec, options, land, 1.2)).toBe(routedSec);
    expect(directTripSec(station, svelvikWest, routedSec, options, land, 1.2)).toBeLessThan(routedSec);
  });

  it("the strait is part of the travel-matrix cache key's access rules", () => {
    expect(ferryStraits()).toEqual([svelvikVerket.strait]);
  });
});
