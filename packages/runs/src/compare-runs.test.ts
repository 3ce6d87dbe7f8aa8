import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { loadComparisonFile, ScenarioError } from "@akutt/model";
import { resolveDataDir } from "@akutt/geo";
import { CompareInputError, runComparison } from "./compare-runs.js";
import { comparisonWithDataZones, removeDemoComparisons } from "./testing/demo-comparison.js";

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
afterAll(removeDemoComparisons);

describe("runComparison", () => {
  it("reads each scenario's data: files from the data folder it is given", async () => {
    const { comparisonFile, dataDir } = comparisonWithDataZones();
    const runs = await runComparison(loadComparisonFile(comparisonFile), { dataDir, sensitivity: false });
    expect(runs.baseline.scenario.zones.length).toBe(11);
    expect(runs.alternatives[0]?.kpis.length).toBe(2);
  });
});

/** The projection reads SSB's tables from the shared data folder. */
const sharedData = resolveDataDir();
const hasProjection = existsSync(join(sharedData, "population/kommune-projection-2025-2050.csv"));

/** The demo (inline zones, Drammen and Lier) on straight lines for 3 days, and an alternative with one more ambulance. */
function demoComparison(extra: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "akutt-compare-projection-"));
  folders.push(dir);
  const demo = parse(readFileSync(resolve(import.meta.dirname, "../../../scenarios/demo/demo.yaml"), "utf8")) as Record<string, unknown>;
  const scenario = { ...demo, metadata: { ...(demo.metadata as object), durationDays: 3, warmUpDays: 0 }, travel: { model: "straight-line", detourFactor: 1.3, speedKmhByAreaClass: { tettbygd: 50, grisgrendt: 70 } } };
  writeFileSync(join(dir, "base.yaml"), stringify(scenario));
  writeFileSync(join(dir, "more.yaml"), stringify({ version: 1, extends: "base.yaml", vehicles: [{ id: "lier-amb", count: 2 }] }));
  writeFileSync(join(dir, "comparison.yaml"), stringify({ comparison: 1, name: "projection", baseline: { id: "base", label: "Base", file: "base.yaml" }, alternatives: [{ id: "more", label: "More", file: "more.yaml" }], replications: 2, ...extra }));
  return join(dir, "comparison.yaml");
}

describe.skipIf(!hasProjection)("runComparison with projections: bad input", () => {
  it("a comparison.yaml projections entry of the wrong type is named with file, line and field", () => {
    try {
      loadComparisonFile(demoComparison({ projections: { years: [2035, "2050"] } }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).issues[0]).toMatchObject({ field: "projections.years[1]", line: expect.any(Number) });
    }
  });

  it("a year outside the projection and an unknown growth alternative stop the comparison before it runs", async () => {
    let replicationsRun = 0;
    const onReplication = () => replicationsRun++;
    const outside = runComparison(loadComparisonFile(demoComparison({ projections: { years: [2035, 2060] } })), { dataDir: sharedData, sensitivity: false, onReplication });
    await expect(outside).rejects.toThrow(CompareInputError);
    await expect(outside).rejects.toThrow(/comparison\.yaml: projections \(variant "base"\): year 2060: the population projection covers 2025–2050/);
    const growth = runComparison(loadComparisonFile(demoComparison({})), { dataDir: sharedData, sensitivity: false, onReplication, projections: { years: [2035], growth: ["steady"] } });
    await expect(growth).rejects.toThrow(/unknown projection alternative "steady"/);
    expect(replicationsRun).toBe(0);
  });
});

describe.skipIf(!hasProjection)("runComparison with projections", () => {
  it("runs every variant at every year on the same seeds, with the demand of each year", async () => {
    const runs = await runComparison(loadComparisonFile(demoComparison({ projections: { years: [2050, 2025], replications: 2 } })), { dataDir: sharedData, sensitivity: false });
    const projections = runs.projections!;
    expect(projections.runs.map((run) => run.year)).toEqual([2025, 2050]);
    expect(projections.runs.every((run) => run.variants.map((variant) => variant.id).join() === "base,more")).toBe(true);
    const [early, late] = projections.runs;
    expect(late!.variants[0]!.scenario.demand.areaRates["3312"]!.red).not.toEqual(early!.variants[0]!.scenario.demand.areaRates["3312"]!.red);
    expect(late!.variants[1]!.kpis.map((k) => k.seed)).toEqual(early!.variants[0]!.kpis.map((k) => k.seed));
    expect(projections.notes.en.join(" ")).toContain("2025 → 2050");
    expect(runs.baseline.scenario.demand.areaRates).toEqual({});
  });

  it("runs none when asked not to", async () => {
    const runs = await runComparison(loadComparisonFile(demoComparison({ projections: { years: [2035] } })), { dataDir: sharedData, sensitivity: false, projections: false });
    expect(runs.projections).toBeUndefined();
  });
});
