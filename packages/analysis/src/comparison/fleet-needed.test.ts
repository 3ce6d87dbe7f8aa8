import { describe, expect, it } from "vitest";
import { fleetPlanCheck, noWorseThanBaseline, projectInterval } from "./fleet-needed.js";
import type { PairedEstimate } from "./types.js";

const estimate = (mean: number, halfWidth: number, n: number): PairedEstimate => ({ mean, ciLow: mean - halfWidth, ciHigh: mean + halfWidth, halfWidth, n, excludesZero: null, tighterThanRelevant: null });

describe("fleet-needed rule", () => {
  it("a median is no worse while its interval reaches 0, a share while its interval reaches 0 from above", () => {
    expect(noWorseThanBaseline(estimate(20, 30, 5), estimate(-0.02, 0.03, 5))).toBe(true);
    expect(noWorseThanBaseline(estimate(40, 30, 5), estimate(0, 0.01, 5))).toBe(false);
    expect(noWorseThanBaseline(estimate(-10, 5, 5), estimate(-0.05, 0.01, 5))).toBe(false);
    // Without an interval the mean decides.
    expect(noWorseThanBaseline({ ...estimate(0, 0, 1), ciLow: null, ciHigh: null, halfWidth: null, mean: 1 }, estimate(0, 0, 5))).toBe(false);
  });

  it("the fleet iteration's check: all areas together and every focus area no worse; the failing focus areas named", () => {
    const est = { mean: 0.9, ciLow: 0.88, ciHigh: 0.92, n: 5 };
    const area = (areaCode: string, share: number) => ({ areaCode, areaName: areaCode, shareWithinTarget: est, responseMedianSec: est, vsReference: { shareWithinTarget: estimate(share, 0.01, 5), responseMedianSec: estimate(0, 10, 5) } });
    const plan = (overall: number, areas: ReturnType<typeof area>[]) => ({ shareWithinTarget: est, responseMedianSec: est, vsToday: { shareWithinTarget: estimate(overall, 0.01, 5), responseMedianSec: estimate(0, 10, 5), verdict: "not distinguishable" as const }, areas });
    const areas = [area("3201", 0), area("3203", -0.05), area("0301", -0.05)];
    // 0301 is really worse but not a focus area: only the focus areas and all areas together count.
    expect(fleetPlanCheck(plan(0, areas), ["3201"])).toEqual({ keeps: true, overallKeeps: true, failing: [] });
    expect(fleetPlanCheck(plan(0, areas), ["3201", "3203"])).toEqual({ keeps: false, overallKeeps: true, failing: ["3203"] });
    // Worse over all areas though no focus area is: not kept.
    expect(fleetPlanCheck(plan(-0.03, areas), ["3201"])).toEqual({ keeps: false, overallKeeps: false, failing: [] });
    // Without a focus every area counts; a focus area without figures does not keep the level.
    expect(fleetPlanCheck(plan(0, areas), []).failing).toEqual(["3203", "0301"]);
    expect(fleetPlanCheck(plan(0, areas), ["9999"]).failing).toEqual(["9999"]);
  });

  it("projects an interval from 5 to 20 replications: √(5/20) × t(0.975, 19) / t(0.975, 4) of its half-width, same mean", () => {
    const projected = projectInterval(estimate(20, 30, 5), 20, 0.95);
    // t(0.975, 19) = 2.093024, t(0.975, 4) = 2.776445.
    expect(projected.halfWidth!).toBeCloseTo(30 * 0.5 * (2.093024 / 2.776445), 4);
    expect(projected.mean).toBe(20);
    // Passes on 5 replications (20 − 30 < 0), fails when judged as on 20.
    expect(noWorseThanBaseline(estimate(20, 30, 5), estimate(0, 0.01, 5))).toBe(true);
    expect(noWorseThanBaseline(projected, estimate(0, 0.01, 5))).toBe(false);
    // Nothing to project to fewer or the same replications.
    expect(projectInterval(estimate(20, 30, 5), 5, 0.95)).toEqual(estimate(20, 30, 5));
  });
});
