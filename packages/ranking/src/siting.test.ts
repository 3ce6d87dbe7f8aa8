import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot, loadScenarioFile, parseScenario } from "@akutt/model";
import { sitingOptionsSchema } from "@akutt/optimise";
import { cbcAvailable, sameObjective, solveWithCbc } from "@akutt/optimise/testing";
import { SITING_LIMITS, SitingProblemError, sitingCandidates } from "./siting.js";

const DEMO = resolve(findRepoRoot(), "scenarios/demo/demo.yaml");

describe("sitingCandidates", () => {
  it("gives distinct plans, best first, each an overlay that places exactly the MIP's ambulances, zones as new stations", async () => {
    const scenario = loadScenarioFile(DEMO);
    const options = sitingOptionsSchema.parse({ model: "mexclp", candidates: { zones: "all" }, fixed: ["st-svelvik"] });
    const result = await sitingCandidates(scenario, options, 9, 3, {});
    expect(result.plans.map((plan) => plan.id)).toEqual(["plan-1", "plan-2", "plan-3"]);
    // Each plan is the optimum with the earlier ones cut off: the objective never improves.
    for (let k = 1; k < result.siting.length; k++) expect(result.siting[k]!.objective).toBeLessThanOrEqual(result.siting[k - 1]!.objective + 1e-9);
    const allocations = result.plans.map((plan) => JSON.stringify(result.sites.map((site) => site.vehicles[plan.id])));
    expect(new Set(allocations).size).toBe(3);
    for (const plan of result.plans) {
      const loaded = parseScenario(plan.overlay, `${plan.id}.yaml`, dirname(DEMO), join(dirname(DEMO), `${plan.id}.yaml`));
      const ambulances = loaded.vehicles.filter((vehicle) => vehicle.type === "ambulance");
      expect(ambulances).toHaveLength(9);
      // Today's 9 ambulances are moved, not replaced: the same shifts, so the same ambulance-hours.
      const shifts = (list: typeof ambulances) => list.map((vehicle) => JSON.stringify(vehicle.shifts)).sort();
      expect(shifts(ambulances)).toEqual(shifts(scenario.vehicles.filter((vehicle) => vehicle.type === "ambulance")));
      for (const site of result.sites) {
        const station = site.kind === "station" ? site.id : loaded.stations.find((candidate) => candidate.lat === site.lat && candidate.lon === site.lon)?.id;
        const placed = ambulances.filter((vehicle) => vehicle.station === station).length;
        expect(placed, `${plan.id} at ${site.id}`).toBe(site.vehicles[plan.id]);
      }
      expect(ambulances.filter((vehicle) => vehicle.station === "st-svelvik").length).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);

  it.skipIf(!cbcAvailable())("each plan's MIP, with its no-good cuts, has the same optimum in CBC as in HiGHS (1e-6), from the .lp and the .mps file", async () => {
    const scenario = loadScenarioFile(DEMO);
    for (const model of ["mexclp", "pmedian"] as const) {
      const options = sitingOptionsSchema.parse({ model, candidates: { zones: "all" }, fixed: ["st-svelvik"] });
      const result = await sitingCandidates(scenario, options, 9, 3, {});
      expect(result.models).toHaveLength(result.siting.length);
      expect(result.siting.length).toBe(3);
      result.models.forEach((mip, k) => {
        for (const format of ["lp", "mps"] as const) {
          const cbc = solveWithCbc(mip, format);
          expect(cbc.status, `${model} plan ${k + 1} (${format})`).toBe("Optimal");
          expect(sameObjective(cbc.objective, result.siting[k]!.objective), `${model} plan ${k + 1} (${format}): CBC ${cbc.objective}, HiGHS ${result.siting[k]!.objective}`).toBe(true);
        }
      });
    }
  }, 240_000);

  it("refuses a problem with no plan as the user's to change", async () => {
    const scenario = loadScenarioFile(DEMO);
    const options = sitingOptionsSchema.parse({ model: "mexclp", fixed: ["st-svelvik", "st-lier", "st-drammen"] });
    await expect(sitingCandidates(scenario, options, 2, 2, {})).rejects.toMatchObject({ isUserError: true, message: expect.stringMatching(/has no plan/) });
  }, 120_000);

  it("bounds its own plan and vehicle counts with a typed user error, before any work", async () => {
    const scenario = loadScenarioFile(DEMO);
    const options = sitingOptionsSchema.parse({ model: "mexclp" });
    for (const [vehicles, plans, field] of [[9, SITING_LIMITS.maxPlans + 1, "plans"], [9, 0, "plans"], [9, 2.5, "plans"], [0, 2, "vehicles"], [SITING_LIMITS.maxVehicles + 1, 2, "vehicles"]] as const) {
      const failure = sitingCandidates(scenario, options, vehicles, plans, {});
      await expect(failure).rejects.toBeInstanceOf(SitingProblemError);
      await expect(failure).rejects.toMatchObject({ isUserError: true, message: expect.stringMatching(new RegExp(`^${field}: a whole number from 1 to `)) });
    }
  });
});
