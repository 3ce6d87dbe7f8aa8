import { afterAll, describe, expect, it } from "vitest";
import { loadComparisonFile } from "@akutt/model";
import { runMechanismSteps } from "./mechanism-steps.js";
import { comparisonWithDataZones, removeDemoComparisons } from "./testing/demo-comparison.js";

afterAll(removeDemoComparisons);

describe("runMechanismSteps", () => {
  it("runs without the baseline's mechanisms first, then adds each, for every variant alike", async () => {
    // A third of red incidents need two ambulances: the demo's few ambulances are busier with it.
    const { comparisonFile, dataDir } = comparisonWithDataZones({ demand: { multiUnit: { red: { units: { "2": 0.33 } } } } });
    const seen: Array<[number, number]> = [];
    const steps = await runMechanismSteps(loadComparisonFile(comparisonFile), { dataDir, sensitivity: true, replications: 2, onStep: (step, count) => seen.push([step, count]) });
    expect(seen).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(steps.map((step) => step.added)).toEqual([null, "multi-unit"]);
    const [without, withMultiUnit] = steps;
    for (const run of [without!.runs.baseline, ...without!.runs.alternatives]) expect(run.scenario.demand.multiUnit).toBeUndefined();
    for (const run of [withMultiUnit!.runs.baseline, ...withMultiUnit!.runs.alternatives]) expect(run.scenario.demand.multiUnit).toBeDefined();
    // The steps never run sensitivity settings, whatever the caller asked.
    expect(without!.runs.sensitivity).toEqual([]);
    // Same seeds: the same incidents ring in both steps; the second ambulances add busy time.
    const kpis = (k: number) => steps[k]!.runs.baseline.kpis[0]!;
    expect(kpis(1).overall[3]!.incidents).toBe(kpis(0).overall[3]!.incidents);
    const busySec = (k: number) => kpis(k).byVehicle.reduce((sum, vehicle) => sum + vehicle.busySec, 0);
    expect(busySec(1)).toBeGreaterThan(busySec(0));
  });
});
