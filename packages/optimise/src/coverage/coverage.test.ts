import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildLocations, findRepoRoot, loadScenarioFile, locationIndexById, resolveDataDir } from "@akutt/model";
import { prepareRun, type PreparedRun } from "@akutt/runs";
import { sitingOptionsSchema } from "../options.js";
import { planFigures } from "../siting/plan.js";
import { solveSiting } from "../siting/solve-siting.js";
import { cbcAvailable, sameObjective, solveWithCbc } from "../testing/cbc.js";
import { coverageData, OptimiseInputError } from "./coverage.js";

const root = findRepoRoot();
const dataDir = resolveDataDir();

describe("coverage data from the demo scenario", async () => {
  const scenario = loadScenarioFile(resolve(root, "scenarios/demo/demo.yaml"), { dataDir });
  const prepared: PreparedRun = await prepareRun(scenario, { dataDir });
  const options = sitingOptionsSchema.parse({});

  it("weights are the compiled red rates, normalised; response = AMK handling + activation + blue-light drive", () => {
    const data = coverageData(prepared, options);
    const compiled = prepared.inputs.compiled;
    expect(data.demand.reduce((sum, point) => sum + point.weight, 0)).toBeCloseTo(1, 12);
    const locations = locationIndexById(buildLocations(scenario));
    const zoneIndex = new Map(scenario.zones.map((zone, z) => [zone.id, z]));
    const n = data.demand.length;
    data.demand.forEach((point, i) => {
      const z = zoneIndex.get(point.zoneId)!;
      expect(point.ratePerHour).toBe(compiled.demand.ratePerHourByZone[0]![z]);
      // The demo's AMK handles red calls in 75 s on average and crews turn out in 60 s (demo.yaml).
      expect(point.delaySec).toBeCloseTo(75 + 60, 6);
      data.sites.forEach((site, s) => {
        const drive = prepared.travel.lowerBoundSec!(locations.get(site.id)!, z, true);
        expect(data.responseSec[s * n + i]).toBeCloseTo(point.delaySec + drive, 6);
      });
      const threshold = (point.areaClass === "tettbygd" ? 12 : 25) * 60;
      expect(point.thresholdSec).toBe(threshold);
      expect(Array.from(data.coveringSites[i]!)).toEqual(data.sites.flatMap((_, s) => (data.responseSec[s * n + i]! <= threshold ? [s] : [])));
    });
    expect(data.sites.map((site) => site.id)).toEqual([...scenario.stations, ...scenario.standbyPoints].map((place) => place.id));
    expect(data.sites.map((site) => [site.lat, site.lon])).toEqual([...scenario.stations, ...scenario.standbyPoints].map((place) => [place.lat, place.lon]));
    expect(data.sites.reduce((sum, site) => sum + site.currentVehicles, 0)).toBe(data.ambulances);
  });

  it("zones as candidates: all of them, or a list; an unknown zone is an input error", () => {
    const all = coverageData(prepared, { ...options, candidates: { stations: true, standbyPoints: false, zones: "all" } });
    expect(all.sites.filter((site) => site.kind === "zone")).toHaveLength(scenario.zones.length - scenario.stations.filter((s) => s.zone !== undefined).length);
    const two = coverageData(prepared, { ...options, candidates: { stations: false, standbyPoints: false, zones: [scenario.zones[0]!.id, scenario.zones[1]!.id] } });
    expect(two.sites.map((site) => site.id)).toEqual([scenario.zones[0]!.id, scenario.zones[1]!.id]);
    expect(() => coverageData(prepared, { ...options, candidates: { stations: true, standbyPoints: true, zones: ["no-such-zone"] } })).toThrow(OptimiseInputError);
    expect(() => coverageData(prepared, { ...options, candidates: { stations: false, standbyPoints: false, zones: "none" } })).toThrow(/no candidate sites/);
  });

  it("areas: only their zones are demand points and candidate zones; an unknown area is an input error", () => {
    const lier = coverageData(prepared, { ...options, areas: ["3312"], candidates: { stations: true, standbyPoints: true, zones: "all" } });
    expect(lier.demand.every((point) => point.areaCode === "3312")).toBe(true);
    expect(lier.demand.length).toBe(scenario.zones.filter((zone) => zone.area === "3312").length);
    expect(lier.sites.filter((site) => site.kind === "zone").every((site) => scenario.zones.find((zone) => zone.id === site.id)!.area === "3312")).toBe(true);
    expect(lier.sites.filter((site) => site.kind === "station")).toHaveLength(scenario.stations.length);
    expect(() => coverageData(prepared, { ...options, areas: ["9999"] })).toThrow(/unknown area "9999"/);
  });

  it("today's plan is what the scenario stations", async () => {
    const data = coverageData(prepared, options);
    const result = await solveSiting(data, options, data.ambulances);
    expect(result.status).toBe("optimal");
    expect(result.today).toEqual(planFigures(data, data.sites.map((site) => site.currentVehicles), options));
    // The optimum is at least as good as today's allocation of the same vehicles (unless today's breaks the per-site cap).
    if (data.sites.every((site) => site.currentVehicles <= options.maxVehiclesPerSite)) expect(result.objective).toBeGreaterThanOrEqual(result.today.expectedCoverage - 1e-9);
  });
});

const hasUtrecht = existsSync(join(dataDir, "benchmarks/utrecht/siren_driving_matrix_2022.csv"));

describe.skipIf(!hasUtrecht)("Utrecht (ELASPY data): MEXCLP", async () => {
  const scenario = loadScenarioFile(resolve(root, "scenarios/utrecht/elaspy.yaml"), { dataDir });
  const prepared = await prepareRun(scenario, { dataDir });

  it("231 demand points weighted by inhabitants and 21 bases", () => {
    const data = coverageData(prepared, sitingOptionsSchema.parse({}));
    expect(data.demand).toHaveLength(231);
    expect(data.sites).toHaveLength(21);
    const csv = readFileSync(join(dataDir, "benchmarks/utrecht/nodes_Utrecht_2021.csv"), "utf8").trim().split("\n");
    const header = csv[0]!.split(",");
    const inhabitants = csv.slice(1).map((line) => Number(line.split(",")[header.indexOf("inhabitants")]));
    const total = inhabitants.reduce((a, b) => a + b, 0);
    data.demand.forEach((point, i) => expect(point.weight).toBeCloseTo(inhabitants[i]! / total, 12));
  });

  // ELASPY's MEXCLP.py (q = 0.6, 12 min, no cap per base) reads its matrix as [demand][base]; with
  // that reading our MEXCLP must give the allocation ELASPY publishes for 20 ambulances, which the
  // scenario's vehicles are (scenarios/utrecht/README.md).
  it("reproduces ELASPY's published MEXCLP allocation for 20 ambulances when the matrix is read as ELASPY reads it", async () => {
    const options = sitingOptionsSchema.parse({ busyFraction: 0.6, maxVehiclesPerSite: 20, driveDirection: "zone-to-site" });
    const data = coverageData(prepared, options);
    const result = await solveSiting(data, options, 20);
    expect(result.status).toBe("optimal");
    expect(sameObjective(result.objective, result.today.expectedCoverage)).toBe(true);
    expect(result.allocation.map((site) => site.vehicles)).toEqual(result.allocation.map((site) => site.currentVehicles));
    if (cbcAvailable()) for (const format of ["lp", "mps"] as const) expect(sameObjective(solveWithCbc(result.mip, format).objective, result.objective)).toBe(true);
  });
});
