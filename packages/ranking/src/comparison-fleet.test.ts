import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot, loadScenarioFile, parseScenario } from "@akutt/model";
import { coverageByAreaHour, coverageData, fleetBusyFractions, HOURS_PER_WEEK, rosteredOnDuty } from "@akutt/optimise";
import { prepareRun } from "@akutt/runs";
import { fleetPlanOverlay, fleetPlans, type FleetSpec } from "./comparison-fleet.js";

const DIR = mkdtempSync(join(tmpdir(), "akutt-fleet-"));
const DEMO = join(DIR, "demo.yaml");
copyFileSync(resolve(findRepoRoot(), "scenarios/demo/demo.yaml"), DEMO);

/** The demo with a fourth station at Mjøndalen and one more ambulance there, round the clock. */
const ALTERNATIVE = 'version: 1\nextends: demo.yaml\nstations:\n  - { id: st-new, name: "New station", lat: 59.7490, lon: 10.0200, owner: vv }\nvehicles:\n  - { id: new-amb, type: ambulance, station: st-new }\n';

/**
 * 12-hour shifts from 08 and 20 roster the demo's own fleet; the comparison's gap (CBC checks the
 * model on exact optima in fleet.test.ts); two coverage levels keep the MIP small enough for a test.
 */
const GAP = 0.005;
const SPEC: FleetSpec = { replications: 2, shifts: [{ id: "d12", lengthH: 12, startHours: [8, 20] }], busyFraction: 0.3, mipRelativeGap: GAP, timeLimitSec: 60, coverageLevels: 2 };

describe("the fleet each alternative needs to keep today's level", () => {
  it("meets today's coverage in every area and hour, never needs more than today's roster for today, and its overlay rosters exactly the plan", async () => {
    const today = { variantId: "today", file: DEMO, scenario: loadScenarioFile(DEMO) };
    const altFile = join(DIR, "alt-fleet.yaml");
    writeFileSync(altFile, ALTERNATIVE);
    const alternative = { variantId: "new", file: altFile, scenario: loadScenarioFile(altFile) };
    const { options, todayHours, plans } = await fleetPlans(today, [today, alternative], SPEC);
    // The demo's roster: 5 + 1 + 1 round the clock, 2 on weekdays 08–20.
    expect(todayHours).toBe(7 * 168 + 2 * 5 * 12);
    // Drammen has 7 on weekdays by day: the cap is 7 + 2.
    expect(options.maxVehiclesPerSite).toBe(9);
    const stationsOnly = { ...options, candidates: { stations: true, standbyPoints: false, zones: "none" as const } };
    const todayData = coverageData(await prepareRun(today.scenario), stationsOnly);
    const q = fleetBusyFractions(todayData, options);
    const targets = coverageByAreaHour(todayData, rosteredOnDuty(today.scenario, todayData), (h) => q[h]!, options.coverageLevels);
    for (const { entry, result } of plans) {
      expect(result.fleet.status).toBe("optimal");
      expect(result.lowered).toEqual([]);
      // Checked apart from the MIP: the plan's own coverage (all levels counted) against today's, hour by hour.
      const data = coverageData(await prepareRun(entry.scenario), stationsOnly);
      const planCoverage = coverageByAreaHour(data, result.fleet.onDuty, (h) => q[h]!);
      for (const [area, target] of targets) {
        for (let h = 0; h < HOURS_PER_WEEK; h++) expect(planCoverage.get(area)![h]!, `${entry.variantId} ${area} hour ${h}`).toBeGreaterThanOrEqual(target[h]! - 1e-7);
      }
      for (const area of result.fleet.areas) expect(area.lowestMargin).toBeGreaterThanOrEqual(-1e-7);
      expect(result.planHours).toBe(result.fleet.onDuty.flat().reduce((a, b) => a + b, 0));
      expect(result.stations.reduce((sum, station) => sum + station.planHours, 0)).toBe(result.planHours);

      // The overlay: the variant's ambulances replaced by the plan's crews, the doctor car kept.
      const overlayFile = join(DIR, `fleet-${entry.variantId}.yaml`);
      const planned = parseScenario(fleetPlanOverlay(entry.file, result), `fleet-${entry.variantId}.yaml`, DIR, overlayFile);
      expect(planned.vehicles.filter((vehicle) => vehicle.type === "doctor-car")).toHaveLength(1);
      expect(rosteredOnDuty(planned, data)).toEqual(result.fleet.onDuty);
    }
    // Today's own roster is a plan the MIP may choose (it meets today's targets exactly), so today's
    // plan costs at most its roster, up to the gap: found ≤ least / (1 − gap).
    const todayPlan = plans[0]!.result;
    expect(todayPlan.rosteredHours).toBe(todayHours);
    expect(todayPlan.planHours).toBeLessThanOrEqual(todayHours / (1 - GAP));
    // The alternative has today's stations and one more: today's plans are among its plans, so it needs at most as many hours (up to the gap).
    expect(plans[1]!.result.rosteredHours).toBe(todayHours + 168);
    expect(plans[1]!.result.planHours).toBeLessThanOrEqual(todayPlan.planHours / (1 - GAP));
  }, 120_000);
});
