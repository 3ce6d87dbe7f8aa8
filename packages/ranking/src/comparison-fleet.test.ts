import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot, loadScenarioFile, parseScenario } from "@akutt/model";
import type { FleetPlanSimulated, PairedEstimate } from "@akutt/analysis";
import { coverageByAreaHour, coverageData, fleetToKeepToday, HOURS_PER_WEEK, rosteredOnDuty } from "@akutt/optimise";
import { prepareRun } from "@akutt/runs";
import { byHourOfWeek } from "./busy-fraction.js";
import { AREA_STEP, fleetPlanOverlay, fleetSetup, iterateFleet, type FleetSpec, type PlanChecker } from "./comparison-fleet.js";

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
const SPEC: FleetSpec = { replications: 2, maxIterations: 4, shifts: [{ id: "d12", lengthH: 12, startHours: [8, 20] }], mipRelativeGap: GAP, timeLimitSec: 60, coverageLevels: 2 };
/** A busy fraction by hour of the day, as a simulation measures it: busier by day. */
const BUSY_TODAY = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 0.35 : 0.2));

const today = { variantId: "today", file: DEMO, scenario: loadScenarioFile(DEMO) };
const altFile = join(DIR, "alt-fleet.yaml");
writeFileSync(altFile, ALTERNATIVE);
const alternative = { variantId: "new", file: altFile, scenario: loadScenarioFile(altFile) };

describe("the fleet each alternative needs to keep today's level", () => {
  it("meets today's coverage in every area and hour, never needs more than today's roster for today, and its overlay rosters exactly the plan", async () => {
    const setup = await fleetSetup(today, [today, alternative], SPEC);
    const { options, todayHours } = setup;
    const busy = { today: byHourOfWeek(BUSY_TODAY), plan: new Map([...new Set(setup.today.data.demand.map((point) => point.areaCode))].map((code) => [code, byHourOfWeek(BUSY_TODAY)])) };
    const plans = [];
    for (const variant of setup.variants) plans.push({ entry: variant, result: await fleetToKeepToday(setup.today, variant, options, busy) });
    // The demo's roster: 5 + 1 + 1 round the clock, 2 on weekdays 08–20.
    expect(todayHours).toBe(7 * 168 + 2 * 5 * 12);
    // Drammen has 7 on weekdays by day: the cap is 7 + 2.
    expect(options.maxVehiclesPerSite).toBe(9);
    const stationsOnly = { ...options, candidates: { stations: true, standbyPoints: false, zones: "none" as const } };
    const todayData = coverageData(await prepareRun(today.scenario), stationsOnly);
    const q = busy.today;
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

    // The step rule's raised targets: every area's target halfway from today's coverage to what the
    // stations can reach at the cap, met hour by hour (all levels counted), with more hours.
    const alt = setup.variants[1]!;
    const raised = await fleetToKeepToday(setup.today, alt, options, busy, new Map([...targets.keys()].map((code) => [code, 0.5])));
    expect(raised.lowered).toEqual([]);
    const raisedCoverage = coverageByAreaHour(alt.data, raised.fleet.onDuty, (h) => q[h]!);
    const atCap = coverageByAreaHour(alt.data, alt.data.sites.map(() => new Array<number>(HOURS_PER_WEEK).fill(options.maxVehiclesPerSite)), (h) => q[h]!, options.coverageLevels);
    let aboveToday = 0;
    for (const [area, target] of targets) {
      for (let h = 0; h < HOURS_PER_WEEK; h++) {
        const wanted = target[h]! + 0.5 * (atCap.get(area)![h]! - target[h]!);
        expect(raisedCoverage.get(area)![h]!, `${area} hour ${h}`).toBeGreaterThanOrEqual(wanted - 1e-7);
        if (wanted > target[h]! + 0.01) aboveToday++;
      }
    }
    expect(aboveToday).toBeGreaterThan(HOURS_PER_WEEK);
    expect(raised.planHours).toBeGreaterThan(plans[1]!.result.planHours);
  }, 120_000);

  /** A simulated plan's figures: all areas Δ share `delta` with a tight interval, no areas. */
  const figures = (delta: number): FleetPlanSimulated => {
    const paired: PairedEstimate = { mean: delta, ciLow: delta - 0.01, ciHigh: delta + 0.01, halfWidth: 0.01, n: 2, excludesZero: Math.abs(delta) > 0.01, tighterThanRelevant: null };
    const estimate = { mean: 0.8, ciLow: 0.78, ciHigh: 0.82, n: 2 };
    return { shareWithinTarget: estimate, responseMedianSec: estimate, vsToday: { shareWithinTarget: paired, responseMedianSec: { ...paired, mean: 0, ciLow: -1, ciHigh: 1 }, verdict: "not distinguishable" }, areas: [] };
  };

  it("iterates: a plan the simulation fails is solved again with the busier fraction it measured (more hours), and confirmed by the simulation", async () => {
    const setup = await fleetSetup(today, [alternative], SPEC);
    const drammen = [...new Set(setup.variants[0]!.data.demand.map((point) => point.areaCode))].filter((code) => code === "3301");
    const seen: string[] = [];
    // The first plan fails: its simulation measures every hour busier (0.5) and Drammen worse; the second keeps today's level.
    const check: PlanChecker = async (plans) => {
      seen.push(...plans.map((plan) => plan.key));
      const first = seen.length === 1;
      return new Map(plans.map((plan) => [plan.key, { simulated: figures(first ? -0.05 : 0.0), keeps: !first, raise: first ? drammen : [], busyByHourOfDay: new Array<number>(24).fill(first ? 0.5 : 0.3) }]));
    };
    const [variant] = await iterateFleet(setup, BUSY_TODAY, 2, check);
    expect(seen).toEqual(["0-1", "0-2"]);
    expect(variant!.stop).toBe("confirmed");
    expect(variant!.confirmedIteration).toBe(2);
    expect(variant!.shownIteration).toBe(2);
    const [first, second] = variant!.iterations;
    expect(first!.keeps).toBe(false);
    expect(second!.keeps).toBe(true);
    // The second plan's coverage assumed the fraction the first plan's simulation measured, and Drammen's targets a step closer to its reach.
    expect(first!.busyFraction).toEqual({ lowest: 0.2, highest: 0.35 });
    expect(second!.busyFraction).toEqual({ lowest: 0.5, highest: 0.5 });
    expect(second!.raisedAreas).toEqual([{ areaCode: "3301", closed: AREA_STEP }]);
    expect(first!.measuredBusyFraction).toEqual({ lowest: 0.5, highest: 0.5 });
    // Busier ambulances cover less: the same targets need more hours.
    expect(second!.planHoursPerWeek!).toBeGreaterThan(first!.planHoursPerWeek!);
  }, 120_000);

  it("after the first confirmed plan, bisects the step and answers with the confirmed plan of fewest hours", async () => {
    const setup = await fleetSetup(today, [alternative], SPEC);
    const hoursOf = new Map<string, number>();
    let threshold = Infinity;
    // A stand-in simulation: a plan keeps today's level when it has at least `threshold` hours, set between the first two plans.
    const check: PlanChecker = async (plans) => {
      for (const plan of plans) hoursOf.set(plan.key, plan.result.planHours);
      if (threshold === Infinity) threshold = hoursOf.get("0-1")! + 1;
      return new Map(plans.map((plan) => {
        const keeps = plan.result.planHours >= threshold;
        return [plan.key, { simulated: figures(keeps ? 0 : -0.05), keeps, raise: keeps ? [] : ["3301", "3312"], busyByHourOfDay: new Array<number>(24).fill(keeps ? 0.3 : 0.45) }];
      }));
    };
    const [variant] = await iterateFleet(setup, BUSY_TODAY, 4, check);
    const iterations = variant!.iterations;
    expect(iterations[0]!.keeps).toBe(false);
    expect(iterations[1]!.keeps).toBe(true);
    // Plan 3 closes half the gap of the step between (12.5 % for both areas), q held at the confirmed plan's (not the 0.3 it measured).
    expect(iterations[2]!.raisedAreas).toEqual([{ areaCode: "3301", closed: AREA_STEP / 2 }, { areaCode: "3312", closed: AREA_STEP / 2 }]);
    expect(iterations[2]!.busyFraction).toEqual(iterations[1]!.busyFraction);
    expect(iterations[1]!.busyFraction).toEqual({ lowest: 0.45, highest: 0.45 });
    // The answer: the confirmed plan with the fewest hours, never more than the first confirmed.
    const confirmed = iterations.filter((iteration) => iteration.keeps === true);
    const fewest = Math.min(...confirmed.map((iteration) => iteration.planHoursPerWeek!));
    expect(variant!.stop).toBe("confirmed");
    expect(iterations.find((iteration) => iteration.iteration === variant!.confirmedIteration)!.planHoursPerWeek).toBe(fewest);
    expect(fewest).toBeLessThanOrEqual(iterations[1]!.planHoursPerWeek!);
    expect(variant!.shownIteration).toBe(variant!.confirmedIteration);
  }, 120_000);

  it("stops when a plan repeats an earlier one (not simulated again), or after maxIterations, and then shows the simulated plan closest to today", async () => {
    const setup = await fleetSetup(today, [alternative], SPEC);
    let calls = 0;
    // Fails, but measures today's busy fraction and names no area: nothing changes, so the MIP repeats its plan.
    const quiet: PlanChecker = async (plans) => {
      calls++;
      return new Map(plans.map((plan) => [plan.key, { simulated: figures(-0.03), keeps: false, raise: [], busyByHourOfDay: [...BUSY_TODAY] }]));
    };
    const [repeated] = await iterateFleet(setup, BUSY_TODAY, 4, quiet);
    expect(calls).toBe(1);
    expect(repeated!.stop).toBe("repeated");
    expect(repeated!.iterations.map((iteration) => [iteration.iteration, iteration.repeatOf, iteration.keeps])).toEqual([
      [1, null, false],
      [2, 1, null],
    ]);
    expect([repeated!.confirmedIteration, repeated!.shownIteration]).toEqual([null, 1]);

    // Every plan fails, each a little closer to today: not confirmed after 2; the second is shown.
    let round = 0;
    const failing: PlanChecker = async (plans) => {
      round++;
      return new Map(plans.map((plan) => [plan.key, { simulated: figures(-0.05 + 0.02 * round), keeps: false, raise: [], busyByHourOfDay: new Array<number>(24).fill(0.3 + 0.1 * round) }]));
    };
    const [capped] = await iterateFleet(setup, BUSY_TODAY, 2, failing);
    expect(capped!.stop).toBe("max-iterations");
    expect(capped!.iterations).toHaveLength(2);
    expect([capped!.confirmedIteration, capped!.shownIteration]).toEqual([null, 2]);
  }, 120_000);
});
