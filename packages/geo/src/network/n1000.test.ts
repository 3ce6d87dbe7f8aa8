import { mkdtempSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Location } from "@akutt/model";
import { resolveDataDir } from "../data/data-dir.js";
import { loadBoundaries } from "../boundaries/boundaries.js";
import { LandMask } from "../land/land-mask.js";
import { haversineM } from "../geometry/distance.js";
import { createNetworkTravelModel, type NetworkTravelModel } from "./travel-model.js";
import { LINK_FLAG_BRIDGE, LINK_FLAG_FERRY, LINK_FLAG_TUNNEL, type RoadNetwork } from "./road-network.js";
import { N1000_NETWORK_NAME } from "./n1000.js";

const dataDir = resolveDataDir();

const POINTS = [
  { id: "saetre", lat: 59.68, lon: 10.524 },
  { id: "drammen-sykehus", lat: 59.749, lon: 10.198 },
  { id: "drobak", lat: 59.663, lon: 10.629 },
  { id: "tofte", lat: 59.545, lon: 10.563 },
  { id: "asker", lat: 59.8339, lon: 10.4353 },
  { id: "moss", lat: 59.434, lon: 10.658 },
  { id: "horten", lat: 59.417, lon: 10.484 },
] as const;
const index = (id: (typeof POINTS)[number]["id"]) => POINTS.findIndex((p) => p.id === id);

function locations(): Location[] {
  return POINTS.map((p, i) => ({ index: i, id: p.id, kind: i === 1 ? "destination" : "zone", lat: p.lat, lon: p.lon, areaClass: "tettbygd" }));
}

/** Metres of a route's road lines over water, leaving out tunnels, bridges and ferries. */
function routeWaterM(network: RoadNetwork, links: Array<{ link: number }>, land: LandMask): number {
  let wet = 0;
  for (const { link } of links) {
    if ((network.linkFlags[link]! & (LINK_FLAG_TUNNEL | LINK_FLAG_BRIDGE | LINK_FLAG_FERRY)) !== 0) continue;
    for (let s = network.shapeOffset[link]!; s + 1 < network.shapeOffset[link + 1]!; s++) {
      wet += land.waterLengthM(network.shapeLon[s]!, network.shapeLat[s]!, network.shapeLon[s + 1]!, network.shapeLat[s + 1]!, 100);
    }
  }
  return wet;
}

describe("N1000 default network travel model", () => {
  let cacheDir: string;
  let model: NetworkTravelModel;
  let land: LandMask;
  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), "akutt-n1000-"));
    model = createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.25, options: {} }, locations(), { baseDir: ".", dataDir, cacheDir });
    land = LandMask.fromBoundaries(loadBoundaries(dataDir));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("names itself and its limits", () => {
    expect(model.name).toBe(N1000_NETWORK_NAME);
    expect(model.limitations.join(" ")).toMatch(/1:1,000,000/);
    expect(model.limitations.join(" ")).toMatch(/access link/);
  });

  it("keeps the main component and reports what it dropped", () => {
    const build = model.network.meta.build;
    expect(build.keptLinks).toBeGreaterThan(6400);
    expect(build.droppedComponents).toBeGreaterThan(0);
    expect(build.droppedLinks).toBeLessThan(20);
    expect(build.skippedLinks["not for cars (typeVeg sti)"]).toBe(414);
  });

  it("drives Sætre to Drammen round by land, never across the fjord", () => {
    const from = index("saetre");
    const to = index("drammen-sykehus");
    const route = model.route(from, to, false);
    expect(route.sec).toBeCloseTo(model.travelTimeSec(from, to, false, 0), 0);
    const network = model.network;
    expect(route.links.some(({ link }) => (network.linkFlags[link]! & LINK_FLAG_FERRY) !== 0)).toBe(false);
    // The straight line crosses kilometres of water; the road route at most slivers of generalised coast.
    const a = POINTS[from]!;
    const b = POINTS[to]!;
    expect(land.waterLengthM(a.lon, a.lat, b.lon, b.lat)).toBeGreaterThan(3000);
    expect(routeWaterM(network, route.links, land)).toBeLessThan(800);
    // Every node on the way is on the Hurum/Røyken/Lier side: west of the Oslofjord tunnel's eastern end.
    for (const { link } of route.links) expect(network.shapeLon[network.shapeOffset[link]!]!).toBeLessThan(10.6);
    const crowKm = haversineM(a.lon, a.lat, b.lon, b.lat) / 1000;
    const minutes = route.sec / 60;
    expect(minutes).toBeGreaterThan((crowKm / 100) * 60);
    expect(minutes).toBeGreaterThan(20);
    expect(minutes).toBeLessThan(45);
  });

  it("crosses the Oslofjord from Hurum to Drøbak through the tunnel, not over water", () => {
    const route = model.route(index("saetre"), index("drobak"), false);
    const network = model.network;
    const tunnel = route.links.filter(({ link }) => (network.linkFlags[link]! & LINK_FLAG_TUNNEL) !== 0);
    expect(tunnel.length).toBeGreaterThan(0);
    expect(network.meta.roadClasses[network.linkClass[tunnel[0]!.link]!]).toMatch(/^E/);
    expect(routeWaterM(network, route.links, land)).toBeLessThan(800);
  });

  it("takes the Moss–Horten ferry with its wait, which blue lights do not shorten", () => {
    const moss = index("moss");
    const horten = index("horten");
    const route = model.route(moss, horten, false);
    expect(route.links.some(({ link }) => (model.network.linkFlags[link]! & LINK_FLAG_FERRY) !== 0)).toBe(true);
    const normal = model.travelTimeSec(moss, horten, false, 0);
    const emergency = model.travelTimeSec(moss, horten, true, 0);
    expect(normal).toBeGreaterThan(900 + 1500);
    // Only the road part is 1.25× faster: the saving is far less than 20 % of the whole.
    expect(emergency).toBeLessThan(normal);
    expect(emergency).toBeGreaterThan(normal / 1.25 + 300);
  });

  it("gives blue-light times 1.25× faster on roads, symmetric on two-way roads, zero on the diagonal", () => {
    const n = POINTS.length;
    for (let i = 0; i < n; i++) {
      expect(model.travelTimeSec(i, i, false, 0)).toBe(0);
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const normal = model.travelTimeSec(i, j, false, 0);
        expect(Number.isFinite(normal)).toBe(true);
        expect(normal).toBeCloseTo(model.travelTimeSec(j, i, false, 0), 1);
      }
    }
    const a = index("asker");
    const d = index("drammen-sykehus");
    expect(model.travelTimeSec(a, d, true, 0)).toBeCloseTo(model.travelTimeSec(a, d, false, 0) / 1.25, 0);
  });

  it("satisfies the triangle inequality between points", () => {
    const n = POINTS.length;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++) {
          if (i === j || j === k || i === k) continue;
          // Access links are counted at both ends of each leg, so going via k can only be slower.
          expect(model.travelTimeSec(i, j, false, 0)).toBeLessThanOrEqual(model.travelTimeSec(i, k, false, 0) + model.travelTimeSec(k, j, false, 0) + 1);
        }
  });

  it("reports each snap distance and keeps access links on land", () => {
    expect(model.snaps).toHaveLength(POINTS.length);
    for (const snap of model.snaps) {
      expect(snap.snapDistanceM).toBeGreaterThanOrEqual(0);
      expect(snap.snapDistanceM).toBeLessThan(2000);
      expect(snap.waterM).toBeLessThanOrEqual(300);
    }
  });

  it("writes the matrix to the cache and reads it back unchanged", () => {
    expect(model.fromCache).toBe(false);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".bin"))).toHaveLength(1);
    const again = createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.25, options: {} }, locations(), { baseDir: ".", dataDir, cacheDir });
    expect(again.fromCache).toBe(true);
    expect(Array.from(again.matrices[0])).toEqual(Array.from(model.matrices[0]));
    expect(Array.from(again.matrices[1])).toEqual(Array.from(model.matrices[1]));
    // A different emergency factor is a different key: a new file.
    const other = createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.1, options: {} }, locations(), { baseDir: ".", dataDir, cacheDir });
    expect(other.fromCache).toBe(false);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".bin"))).toHaveLength(2);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".tmp"))).toHaveLength(0);
  });

  it("applies congestion by time of day from the simulation start", () => {
    const congested = createNetworkTravelModel(
      { network: "n1000", emergencySpeedFactor: 1.25, options: { cache: false, congestion: [{ from: "07:00", to: "09:00", factor: 1.5 }], emergencyCongestionShare: 0.4 } },
      locations(),
      { baseDir: ".", dataDir, cacheDir, simStartLocal: "2025-01-06T00:00" },
    );
    const a = index("asker");
    const d = index("drammen-sykehus");
    const free = congested.travelTimeSec(a, d, false, 0);
    expect(congested.travelTimeSec(a, d, false, 8 * 3600)).toBeCloseTo(free * 1.5, 3);
    expect(congested.travelTimeSec(a, d, true, 8 * 3600)).toBeCloseTo(congested.travelTimeSec(a, d, true, 0) * 1.2, 3);
  });

  it("names the point that is too far from any road", () => {
    const far = [...locations(), { index: POINTS.length, id: "skagerrak-buoy", kind: "standby" as const, lat: 58.2, lon: 9.0, areaClass: "grisgrendt" as const }];
    expect(() => createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1, options: { cache: false, maxSnapDistanceM: 5000 } }, far, { baseDir: ".", dataDir, cacheDir })).toThrow(/standby 'skagerrak-buoy'.*5000 m/);
  });

  it("rejects unknown options with the option's path", () => {
    expect(() => createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1, options: { acessSpeed: 3 } }, locations(), { baseDir: ".", dataDir, cacheDir })).toThrow(/travel\.options/);
  });
});

describe("matrix algorithms", () => {
  it("contraction hierarchies give the same N1000 matrix as Dijkstra", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "akutt-ch-"));
    try {
      const spec = (algorithm: string) => ({ network: "n1000", emergencySpeedFactor: 1.25, options: { cache: false, algorithm } });
      const viaDijkstra = createNetworkTravelModel(spec("dijkstra"), locations(), { baseDir: ".", dataDir, cacheDir });
      const viaCh = createNetworkTravelModel(spec("ch"), locations(), { baseDir: ".", dataDir, cacheDir });
      for (const p of [0, 1] as const) {
        const a = viaDijkstra.matrices[p];
        const b = viaCh.matrices[p];
        for (let i = 0; i < a.length; i++) expect(b[i]!).toBeCloseTo(a[i]!, 2);
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
