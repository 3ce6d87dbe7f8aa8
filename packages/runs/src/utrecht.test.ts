import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "@akutt/model";
import { findRepoRoot, resolveDataDir } from "@akutt/geo";
import { simulateScenario } from "./simulate-scenario.js";

const dataDir = resolveDataDir();
const hasData = existsSync(join(dataDir, "benchmarks/utrecht/siren_driving_matrix_2022.csv"));
if (!hasData) console.warn(`Utrecht scenario test skipped: no benchmarks/utrecht in ${dataDir} (set AKUTT_DATA_DIR to the shared data folder)`);

describe.skipIf(!hasData)("scenarios/utrecht/elaspy.yaml (ELASPY set-up on the open Utrecht data, read in place)", () => {
  it("loads the zones and the siren matrix from the data folder and serves every call of the 12-hour window", async () => {
    const scenario = loadScenarioFile(resolve(findRepoRoot(), "scenarios/utrecht/elaspy.yaml"), { dataDir });
    expect(scenario.zones).toHaveLength(231);
    expect(scenario.vehicles).toHaveLength(20);
    expect(scenario.destinations).toHaveLength(5);
    const { report, prepared } = await simulateScenario(scenario, { seed: 110, replications: 4, dataDir });
    // Bases and hospitals stand at their postal codes: the matrix's 231 rows are every location.
    expect(prepared.inputs.compiled.locationCount).toBe(231);
    expect(report.travelModel.name).toContain("normal drives ×0.95 speed");
    const red = report.responseTimes.overall[0]!.figures;
    expect(red.incidents.mean!).toBeGreaterThan(75);
    expect(red.incidents.mean!).toBeLessThan(110);
    expect(red.pending.mean).toBe(0);
    expect(red.reached.mean).toBe(red.incidents.mean);
    expect(red.responseMeanSec.mean! / 60).toBeGreaterThan(5);
    expect(red.responseMeanSec.mean! / 60).toBeLessThan(10);
    expect(red.responsePercentiles!.map((p) => p.percentile)).toEqual([50, 90, 95]);
    expect(report.definitions.utilisation).toMatchObject({ includeReturn: false, fromSec: 3600, toSec: 43200 });
  });
});
