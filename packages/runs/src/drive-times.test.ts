import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildLocations, loadScenarioFile, type Scenario } from "@akutt/model";
import { DATASET_PATHS, findRepoRoot, haversineM, resolveDataDir } from "@akutt/geo";
import { driveTimesFrom, DriveTimeInputError } from "./drive-times.js";
import { prepareRun } from "./prepare.js";

const root = findRepoRoot();
const dataDir = resolveDataDir();
const hasRoads = existsSync(join(dataDir, DATASET_PATHS.n1000Roads)) && existsSync(join(dataDir, DATASET_PATHS.municipalities));
if (!hasRoads) console.warn(`drive-time tests on the road network skipped: no N1000 roads or municipality boundaries in ${dataDir} (set AKUTT_DATA_DIR to the shared data folder)`);
const demo = loadScenarioFile(join(root, "scenarios/demo/demo.yaml"));
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** The zone whose centre is nearest to a point (the zone that contains it, for point zones). */
function nearestZone(scenario: Scenario, lat: number, lon: number): number {
  let best = 0;
  scenario.zones.forEach((zone, j) => {
    if (haversineM(lon, lat, zone.lon, zone.lat) < haversineM(lon, lat, scenario.zones[best]!.lon, scenario.zones[best]!.lat)) best = j;
  });
  return best;
}

describe("drive times from a point, straight-line model", () => {
  const scenario: Scenario = {
    ...demo,
    travel: { model: "straight-line", detourFactor: 1.3, speedKmhByAreaClass: { tettbygd: 50, grisgrendt: 70 }, emergencySpeedFactor: 1.2, overheadSec: 30 },
  };

  it("from a station's own location gives exactly the engine's times, small to the zone around it", async () => {
    const prepared = await prepareRun(scenario, { dataDir });
    for (const [s, station] of scenario.stations.entries()) {
      const result = await driveTimesFrom(scenario, { lat: station.lat, lon: station.lon }, { dataDir });
      expect(result.urgency).toBe("red");
      expect(result.travelModel).toBe(prepared.travel.name);
      expect(result.zones.map(([id]) => id)).toEqual(scenario.zones.map((z) => z.id));
      const from = scenario.zones.length + s;
      result.zones.forEach(([, sec], j) => expect(sec).toBe(prepared.travel.travelTimeSec(from, j, true, 0)));
      const own = result.zones[nearestZone(scenario, station.lat, station.lon)]![1]!;
      expect(own).toBeLessThan(3 * 60);
    }
  });

  it("from any other point: non-negative, and close to a station's times for a point beside it", async () => {
    const station = scenario.stations[0]!;
    const beside = await driveTimesFrom(scenario, { lat: station.lat + 0.0005, lon: station.lon }, { dataDir });
    const at = await driveTimesFrom(scenario, { lat: station.lat, lon: station.lon }, { dataDir });
    beside.zones.forEach(([, sec], j) => {
      expect(sec).toBeGreaterThanOrEqual(0);
      expect(Math.abs(sec! - at.zones[j]![1]!)).toBeLessThan(5);
    });
  });
});

describe("drive times from a point, matrix model", () => {
  it("answers for the scenario's own stations and refuses other points with a typed error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-drive-times-"));
    tempDirs.push(dir);
    const locations = buildLocations(demo);
    const lines = ["from,to,seconds"];
    for (const a of locations) for (const b of locations) lines.push(`${a.id},${b.id},${a === b ? 0 : 60 + a.index + 2 * b.index}`);
    writeFileSync(join(dir, "matrix.csv"), lines.join("\n"));
    const scenario: Scenario = { ...demo, baseDir: dir, travel: { model: "matrix", file: "matrix.csv", emergencySpeedFactor: 1.25 } };
    const station = scenario.stations[1]!;
    const result = await driveTimesFrom(scenario, { lat: station.lat, lon: station.lon }, { dataDir });
    const from = scenario.zones.length + 1;
    result.zones.forEach(([, sec], j) => expect(sec).toBe((60 + from + 2 * j) / 1.25));
    await expect(driveTimesFrom(scenario, { lat: station.lat + 0.01, lon: station.lon }, { dataDir })).rejects.toThrow(DriveTimeInputError);
  });
});

describe("drive times from a point, without the road data", () => {
  it("uses the same labelled fallback as a run, with the same times from a station", async () => {
    const empty = mkdtempSync(join(tmpdir(), "akutt-no-data-"));
    tempDirs.push(empty);
    const prepared = await prepareRun(demo, { dataDir: empty });
    expect(prepared.travel.name).toMatch(/fallback/);
    const station = demo.stations[0]!;
    const result = await driveTimesFrom(demo, { lat: station.lat, lon: station.lon }, { dataDir: empty });
    expect(result.travelModel).toBe(prepared.travel.name);
    result.zones.forEach(([, sec], j) => expect(sec).toBe(prepared.travel.travelTimeSec(demo.zones.length, j, true, 0)));
    const elsewhere = await driveTimesFrom(demo, { lat: 59.76, lon: 10.22 }, { dataDir: empty });
    expect(elsewhere.zones.every(([, sec]) => sec !== null && sec > 0)).toBe(true);
  });
});

describe("drive times from a point, bad input", () => {
  it("refuses points that are not finite, out of range or far from the scenario, with a typed error", async () => {
    const bad: unknown[] = [
      { lat: Number.NaN, lon: 10.2 },
      { lat: 59.7, lon: Number.POSITIVE_INFINITY },
      { lat: 95, lon: 10.2 },
      { lat: 59.7, lon: 200 },
      { lat: "59.7", lon: 10.2 },
      null,
      { lat: 60.39, lon: 5.32 }, // Bergen: 260 km from Drammen
    ];
    for (const point of bad) {
      await expect(driveTimesFrom(demo, point as never, { dataDir }), JSON.stringify(point)).rejects.toThrow(DriveTimeInputError);
    }
    await expect(driveTimesFrom(demo, { lat: 59.7, lon: 10.2 }, { dataDir, simSec: -1 })).rejects.toThrow(DriveTimeInputError);
  });
});

describe.skipIf(!hasRoads)("drive times from a point, N1000 road network", () => {
  it("demo: from each station equal the engine's matrix (free flow and at a given time), small to its own zone", async () => {
    const prepared = await prepareRun(demo, { dataDir });
    for (const [s, station] of demo.stations.entries()) {
      const from = demo.zones.length + s;
      const result = await driveTimesFrom(demo, { lat: station.lat, lon: station.lon }, { dataDir });
      expect(result.travelModel).toBe(prepared.travel.name);
      result.zones.forEach(([, sec], j) => {
        expect(sec).not.toBeNull();
        expect(sec).toBeGreaterThanOrEqual(0);
        expect(sec).toBe(prepared.travel.lowerBoundSec!(from, j, true));
      });
      const own = result.zones[nearestZone(demo, station.lat, station.lon)]![1]!;
      expect(own).toBeLessThan(4 * 60);
      const later = await driveTimesFrom(demo, { lat: station.lat, lon: station.lon }, { dataDir, simSec: 3 * 86_400 + 8 * 3600 });
      later.zones.forEach(([, sec], j) => expect(sec).toBe(prepared.travel.travelTimeSec(from, j, true, 3 * 86_400 + 8 * 3600)));
    }
  });

  it("Asker and Bærum: every station and hospital gives the engine's row, with rush-hour congestion applied as the engine does", async () => {
    const scenario = loadScenarioFile(join(root, "scenarios/asker-baerum/base.yaml"));
    const prepared = await prepareRun(scenario, { dataDir });
    const locations = buildLocations(scenario);
    const rushSec = 7.5 * 3600; // 07:30 on Monday 2 March 2026 (metadata.start), in the 07–09 congestion period
    let compared = 0;
    let slower = 0;
    for (const location of locations.filter((l) => l.kind !== "zone")) {
      const free = await driveTimesFrom(scenario, { lat: location.lat, lon: location.lon }, { dataDir });
      const rush = await driveTimesFrom(scenario, { lat: location.lat, lon: location.lon }, { dataDir, simSec: rushSec });
      free.zones.forEach(([, sec], j) => expect(sec, `${location.id} → ${scenario.zones[j]!.id}`).toBe(prepared.travel.lowerBoundSec!(location.index, j, true)));
      rush.zones.forEach(([, sec], j) => expect(sec).toBe(prepared.travel.travelTimeSec(location.index, j, true, rushSec)));
      rush.zones.forEach(([, sec], j) => (sec! > free.zones[j]![1]! ? slower++ : 0));
      compared += free.zones.length;
    }
    expect(compared).toBeGreaterThan(20_000);
    expect(slower).toBeGreaterThan(compared / 2);
  });

  it("a point in the Oslofjord is joined to a road on a shore, and a repeated call is fast", async () => {
    const scenario = loadScenarioFile(join(root, "scenarios/asker-baerum/base.yaml"));
    await driveTimesFrom(scenario, { lat: 59.8995, lon: 10.5135 }, { dataDir });
    const started = performance.now();
    const fjord = await driveTimesFrom(scenario, { lat: 59.85, lon: 10.6 }, { dataDir });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(fjord.zones.every(([, sec]) => sec !== null && sec > 0)).toBe(true);
  });
});
