import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bonferroniLevel, planSeries, rankPlans, type PlanSeries } from "./rank.js";
import type { PlanReplication, UnitResult } from "./units.js";

const AREAS = { areaCodes: ["A", "B"], areaNames: ["Area A", "Area B"] };

/** A plan whose replication r has red share `share(r)` and median `medianSec(r)` in both areas and overall; seeds as a CRN run gives them. */
function plan(id: string, share: (r: number) => number, medianSec: (r: number) => number, replications = 6): PlanSeries & typeof AREAS {
  const reps: PlanReplication[] = Array.from({ length: replications }, (_, r) => {
    const figures = { incidents: 100, reached: 100, shareWithinTarget: share(r), responseMedianSec: medianSec(r) };
    return { replication: r, seed: 1000 + r, overall: figures, areas: [figures, { ...figures, shareWithinTarget: share(r) - 0.1 }] };
  });
  return { id, label: id, replications: reps, ...AREAS };
}

// Replication-to-replication noise shared by every plan (common random numbers), plus a plan effect.
const noise = (r: number) => [0.01, -0.02, 0.015, -0.005, 0.02, -0.01][r % 6]!;
const options = { objective: "share" as const, seed: 1, replications: 6, level: 0.95 };

describe("rankPlans", () => {
  it("orders by the objective and finds a shared noise-free improvement real", () => {
    const today = plan("today", (r) => 0.8 + noise(r), (r) => 600 - 1000 * noise(r));
    const better = plan("better", (r) => 0.85 + noise(r), (r) => 560 - 1000 * noise(r));
    const same = plan("same", (r) => 0.8 + noise(r), (r) => 600 - 1000 * noise(r));
    const ranking = rankPlans([today, same, better], options);
    expect(ranking.plans.map((p) => p.id)).toEqual(["better", "today", "same"]);
    expect(ranking.best).toBe("better");
    const top = ranking.plans[0]!;
    expect(top.vsBest).toBeNull();
    expect(top.vsToday!.verdict).toBe("better");
    expect(top.vsToday!.shareWithinTarget.mean).toBeCloseTo(0.05, 9);
    // A constant paired difference has no spread: the interval is the point itself.
    expect(top.vsToday!.shareWithinTarget.halfWidth).toBe(0);
    const twin = ranking.plans.find((p) => p.id === "same")!;
    expect(twin.vsToday!.verdict).toBe("not distinguishable");
    expect(twin.vsBest!.verdict).toBe("worse");
    expect(twin.areas[1]!.vsToday!.shareWithinTarget.mean).toBe(0);
  });

  it("uses Bonferroni levels for each family of comparisons", () => {
    expect(bonferroniLevel(0.95, 1)).toBe(0.95);
    expect(bonferroniLevel(0.95, 4)).toBeCloseTo(0.9875, 12);
    const plans = [plan("today", (r) => 0.8 + noise(r), () => 600), plan("a", (r) => 0.81 + noise(r) / 2, () => 600), plan("b", (r) => 0.79 + noise(r), () => 600)];
    const ranking = rankPlans(plans, options);
    expect(ranking.multipleComparisons).toEqual({ method: "bonferroni", vsBest: { comparisons: 2, level: 0.975 }, vsToday: { comparisons: 2, level: 0.975 }, areas: { comparisons: 4, level: 0.9875 } });
    // A wider family gives a wider interval around the same mean.
    const a = ranking.plans.find((p) => p.id === "a")!;
    const alone = rankPlans([plans[0]!, plans[1]!], options).plans.find((p) => p.id === "a")!;
    expect(a.vsToday!.shareWithinTarget.mean).toBe(alone.vsToday!.shareWithinTarget.mean);
    expect(a.vsToday!.shareWithinTarget.halfWidth!).toBeGreaterThan(alone.vsToday!.shareWithinTarget.halfWidth!);
  });

  it("ranks the same whatever the order the plans are given in (today first)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0.5, max: 0.95, noNaN: true }), fc.integer({ min: 300, max: 900 })), { minLength: 2, maxLength: 6 }), fc.infiniteStream(fc.nat()), (effects, shuffle) => {
        const plans = effects.map(([share, median], i) => plan(i === 0 ? "today" : `p${i}`, (r) => share + noise(r), (r) => median + r));
        const [today, ...rest] = plans;
        const order = rest.map((p) => ({ p, key: shuffle.next().value as number })).sort((x, y) => x.key - y.key).map((x) => x.p);
        const ids = (list: typeof plans) => rankPlans(list, options).plans.map((p) => [p.id, p.rank]);
        // Ties keep the given order, so compare only where the objective differs.
        const a = rankPlans([today!, ...rest], options).plans;
        const b = rankPlans([today!, ...order], options).plans;
        const value = (list: typeof a) => list.map((p) => p.objectiveValue);
        expect(value(b)).toEqual(value(a));
        if (new Set(effects.map(([share, median]) => `${share}/${median}`)).size === effects.length) expect(ids([today!, ...order])).toEqual(ids([today!, ...rest]));
      }),
      { numRuns: 60 },
    );
  });

  it("orders by the median or by the worst area when asked", () => {
    const today = plan("today", (r) => 0.9 + noise(r), (r) => 700 + r);
    const quick = plan("quick", (r) => 0.8 + noise(r), (r) => 500 + r);
    expect(rankPlans([today, quick], { ...options, objective: "median" }).plans.map((p) => p.id)).toEqual(["quick", "today"]);
    expect(rankPlans([today, quick], { ...options, objective: "worst-area" }).plans.map((p) => p.id)).toEqual(["today", "quick"]);
  });

  it("refuses plans whose replications are not paired with today's", () => {
    const today = plan("today", () => 0.8, () => 600);
    const other = plan("other", () => 0.8, () => 600);
    other.replications[2] = { ...other.replications[2]!, seed: 7 };
    expect(() => rankPlans([today, other], options)).toThrow(/not paired/);
  });
});

describe("planSeries", () => {
  it("puts units back in replication order and requires every replication once", () => {
    const reps = plan("p", (r) => r / 10, () => 600, 4).replications;
    const unit = (from: number, to: number): UnitResult => ({ planId: "p", ...AREAS, replications: reps.slice(from, to) });
    expect(planSeries("p", "P", [unit(2, 4), unit(0, 2)], 4).replications.map((rep) => rep.replication)).toEqual([0, 1, 2, 3]);
    expect(() => planSeries("p", "P", [unit(0, 2), unit(0, 2)], 4)).toThrow(/expected replications 0…3/);
    expect(() => planSeries("p", "P", [unit(0, 2)], 4)).toThrow(/expected replications/);
  });
});
