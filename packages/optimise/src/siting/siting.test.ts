import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OptimiseInputError, type CoverageData } from "../coverage/coverage.js";
import { sitingOptionsSchema, type SitingOptions } from "../options.js";
import { cbcAvailable, sameObjective, solveWithCbc } from "../testing/cbc.js";
import { solveWithHighs } from "../mip/highs.js";
import { planFigures } from "./plan.js";
import { solveSiting } from "./solve-siting.js";

const hasCbc = cbcAvailable();

interface Instance {
  /** Response minutes [site][zone]; Infinity = no route. */
  minutes: number[][];
  weights: number[];
  thresholdMin: number;
  owners: string[];
  zoneOrganisation?: string[];
}

/** Coverage data built by hand (the scenario side is tested in coverage.test.ts). */
function coverage(instance: Instance, borderRule: CoverageData["borderRule"] = "nearest"): CoverageData {
  const n = instance.weights.length;
  const total = instance.weights.reduce((a, b) => a + b, 0);
  const responseSec = new Float64Array(instance.minutes.length * n);
  instance.minutes.forEach((row, s) => row.forEach((m, i) => (responseSec[s * n + i] = m * 60)));
  const organisation = (i: number) => instance.zoneOrganisation?.[i] ?? "t0";
  return {
    demand: instance.weights.map((w, i) => ({ zoneId: `z${i}`, areaCode: "A", areaClass: "tettbygd", organisation: organisation(i), weight: w / total, ratePerHour: w, thresholdSec: instance.thresholdMin * 60, delaySec: 0 })),
    sites: instance.owners.map((owner, s) => ({ id: `s${s}`, kind: "station", owner, currentVehicles: 0, lat: 60, lon: 10 + s / 100 })),
    responseSec,
    coveringSites: instance.weights.map((_, i) =>
      Int32Array.from(instance.owners.flatMap((owner, s) => (responseSec[s * n + i]! <= instance.thresholdMin * 60 && (borderRule === "nearest" || owner === organisation(i)) ? [s] : []))),
    ),
    profileByHourOfWeek: new Float64Array(168).fill(1),
    borderRule,
    ownFirstMarginSec: 0,
    travelModel: "by hand",
    ambulances: 0,
  };
}

const options = (input: Record<string, unknown>): SitingOptions => sitingOptionsSchema.parse(input);

/** Two sites, two zones: A (weight 0.6) reached from site 0 only; B (0.4) from both. */
const twoByTwo: Instance = { minutes: [[5, 10], [30, 2]], weights: [0.6, 0.4], thresholdMin: 12, owners: ["t0", "t1"] };

describe("siting models on instances solved by hand", () => {
  it("MEXCLP: both vehicles at site 0 cover A and B twice: 1 − q² = 0.75 at q = 0.5", async () => {
    const result = await solveSiting(coverage(twoByTwo), options({ model: "mexclp", busyFraction: 0.5 }), 2);
    expect(result.status).toBe("optimal");
    expect(result.objective).toBeCloseTo(1 - 0.5 ** 2, 9);
    expect(result.allocation.map((site) => site.vehicles)).toEqual([2, 0]);
  });

  it("MALP: q = 0.5, α = 0.75 needs b = 2 vehicles in reach; with B reached from site 1 only the best is A's 0.6", async () => {
    const instance = { ...twoByTwo, minutes: [[5, 30], [30, 2]] };
    const result = await solveSiting(coverage(instance), options({ model: "malp", busyFraction: 0.5, reliability: 0.75 }), 2);
    expect(result.objective).toBeCloseTo(0.6, 9);
    expect(result.allocation.map((site) => site.vehicles)).toEqual([2, 0]);
  });

  it("p-median: one vehicle at site 1 gives 0.6·30 + 0.4·2 = 18.8 > 0.6·5 + 0.4·10 = 7 at site 0; two give 0.6·5 + 0.4·2 = 3.8", async () => {
    const one = await solveSiting(coverage(twoByTwo), options({ model: "pmedian" }), 1);
    expect(one.objective).toBeCloseTo(7, 9);
    expect(one.allocation.map((site) => site.vehicles)).toEqual([1, 0]);
    const two = await solveSiting(coverage(twoByTwo), options({ model: "pmedian" }), 2);
    expect(two.objective).toBeCloseTo(3.8, 9);
  });

  it("90th-percentile p-median: one vehicle at site 0 leaves B at 10 min (90th pct 10), at site 1 A at 30 (90th pct 30)", async () => {
    const result = await solveSiting(coverage(twoByTwo), options({ model: "pmedian", pmedianObjective: "percentile", percentile: 90 }), 1);
    expect(result.status).toBe("optimal");
    expect(result.objective).toBeCloseTo(10, 9);
    expect(result.allocation.map((site) => site.vehicles)).toEqual([1, 0]);
    // At the 50th percentile site 0 gives 5 min (A's 0.6 ≥ 0.5), site 1 gives 2 min (B has only 0.4): 5.
    const median = await solveSiting(coverage(twoByTwo), options({ model: "pmedian", pmedianObjective: "percentile", percentile: 50 }), 1);
    expect(median.objective).toBeCloseTo(5, 9);
  });

  it("bounds the vehicles itself: not a whole number from 1 to 10,000 is a typed user error", async () => {
    for (const vehicles of [0, 2.5, 10_001]) await expect(solveSiting(coverage(twoByTwo), options({ model: "mexclp" }), vehicles)).rejects.toBeInstanceOf(OptimiseInputError);
  });
});

describe("constraints", () => {
  const three: Instance = { minutes: [[5, 10, 11], [11, 2, 20], [20, 11, 3]], weights: [0.5, 0.3, 0.2], thresholdMin: 12, owners: ["t0", "t1", "t1"] };

  it("a fixed site keeps a vehicle, an excluded site gets none", async () => {
    const free = await solveSiting(coverage(three), options({ busyFraction: 0.5 }), 2);
    expect(free.allocation[2]!.vehicles).toBe(0);
    const fixed = await solveSiting(coverage(three), options({ busyFraction: 0.5, fixed: ["s2"], excluded: ["s0"] }), 2);
    expect(fixed.allocation[2]!.vehicles).toBeGreaterThanOrEqual(1);
    expect(fixed.allocation[0]!.vehicles).toBe(0);
    expect(fixed.objective).toBeLessThan(free.objective);
  });

  it("per-trust bounds and the site count hold", async () => {
    const result = await solveSiting(coverage(three), options({ busyFraction: 0.5, trusts: { t1: { min: 3 } } }), 4);
    expect(result.allocation[1]!.vehicles + result.allocation[2]!.vehicles).toBeGreaterThanOrEqual(3);
    const capped = await solveSiting(coverage(three), options({ busyFraction: 0.5, trusts: { t0: { max: 0 } }, budget: { maxSites: 1 } }), 2);
    expect(capped.allocation[0]!.vehicles).toBe(0);
    expect(capped.allocation.filter((site) => site.vehicles > 0)).toHaveLength(1);
  });

  it("fixedVehicles holds a site at exactly n, and the rest is placed around it (the best site for one station alone)", async () => {
    // Two of three vehicles held at s0; the third goes where it adds most given them: the optimum of
    // the free problem restricted to allocations with x_s0 = 2, found by trying each site.
    const held = await solveSiting(coverage(three), options({ busyFraction: 0.5, fixedVehicles: { s0: 2 } }), 3);
    expect(held.allocation[0]!.vehicles).toBe(2);
    const tries = [1, 2].map((s) => planFigures(coverage(three), [2, s === 1 ? 1 : 0, s === 2 ? 1 : 0], { busyFraction: 0.5, reliability: 0.9, percentile: 90 }).expectedCoverage);
    expect(held.objective).toBeCloseTo(Math.max(...tries), 9);
    const none = await solveSiting(coverage(three), options({ busyFraction: 0.5, fixedVehicles: { s1: 0, s2: 0 } }), 2);
    expect(none.allocation[0]!.vehicles).toBe(2);
    await expect(solveSiting(coverage(three), options({ fixedVehicles: { nowhere: 1 } }), 2)).rejects.toThrow(/fixedVehicles: "nowhere" is not a candidate site/);
    await expect(solveSiting(coverage(three), options({ fixedVehicles: { s1: 1 }, excluded: ["s1"] }), 2)).rejects.toThrow(/both excluded and held/);
    await expect(solveSiting(coverage(three), options({ fixedVehicles: { s1: 5 } }), 6)).rejects.toThrow(/more than maxVehiclesPerSite/);
  });

  it("a cost budget limits the sites opened", async () => {
    const result = await solveSiting(coverage(three), options({ busyFraction: 0.5, budget: { siteCost: 10, vehicleCost: 1, maxCost: 13 } }), 3);
    expect(result.allocation.filter((site) => site.vehicles > 0)).toHaveLength(1);
  });

  it("constraints that cannot all hold give status infeasible, unknown ids an input error", async () => {
    const result = await solveSiting(coverage(three), options({ trusts: { t0: { min: 3 } }, maxVehiclesPerSite: 2 }), 3);
    expect(result.status).toBe("infeasible");
    expect(result.plan).toBeUndefined();
    await expect(solveSiting(coverage(three), options({ fixed: ["nowhere"] }), 2)).rejects.toThrow(OptimiseInputError);
    await expect(solveSiting(coverage(three), options({ trusts: { t9: { min: 1 } } }), 2)).rejects.toThrow(/"t9" owns no candidate site/);
    await expect(solveSiting(coverage(three), options({ fixed: ["s1"], excluded: ["s1"] }), 2)).rejects.toThrow(/both fixed and excluded/);
  });

  it("own-only borders: a zone counts only its own trust's sites", async () => {
    const instance: Instance = { minutes: [[5, 5], [5, 5]], weights: [0.5, 0.5], thresholdMin: 12, owners: ["t0", "t1"], zoneOrganisation: ["t0", "t1"] };
    const result = await solveSiting(coverage(instance, "own-only"), options({ busyFraction: 0.5 }), 1);
    // One vehicle covers only its own trust's zone: 0.5 · (1 − 0.5).
    expect(result.objective).toBeCloseTo(0.25, 9);
  });
});

/** Random small instances with random constraints. */
const instances = fc
  .record({
    sites: fc.integer({ min: 1, max: 4 }),
    zones: fc.integer({ min: 1, max: 5 }),
    minutes: fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 20, maxLength: 20 }),
    weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 5, maxLength: 5 }),
    owners: fc.array(fc.constantFrom("t0", "t1"), { minLength: 4, maxLength: 4 }),
    vehicles: fc.integer({ min: 1, max: 5 }),
    cap: fc.integer({ min: 1, max: 3 }),
    busyFraction: fc.constantFrom(0.2, 0.35, 0.5),
    reliability: fc.constantFrom(0.8, 0.9),
    fixed: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    trustMin: fc.integer({ min: 0, max: 2 }),
    maxSites: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    percentile: fc.constantFrom(50, 90),
  })
  .map((r) => ({
    instance: {
      minutes: Array.from({ length: r.sites }, (_, s) => Array.from({ length: r.zones }, (_, i) => r.minutes[s * 5 + i]!)),
      weights: r.weights.slice(0, r.zones),
      thresholdMin: 12,
      owners: r.owners.slice(0, r.sites),
    } satisfies Instance,
    vehicles: r.vehicles,
    input: {
      maxVehiclesPerSite: r.cap,
      busyFraction: r.busyFraction,
      reliability: r.reliability,
      percentile: r.percentile,
      fixed: r.fixed !== undefined && r.fixed < r.sites ? [`s${r.fixed}`] : [],
      trusts: r.owners.slice(0, r.sites).includes("t1") && r.trustMin > 0 ? { t1: { min: r.trustMin } } : {},
      budget: r.maxSites !== undefined ? { maxSites: r.maxSites } : {},
    },
  }));

type Objective = "mexclp" | "malp" | "pmedian" | "percentile";

/** The best plan by enumeration of every allocation meeting the constraints, measured by planFigures. */
function bruteForce(data: CoverageData, o: SitingOptions, vehicles: number, objective: Objective): number | undefined {
  const cap = Math.min(o.maxVehiclesPerSite, vehicles);
  const fixed = new Set(o.fixed);
  const x = new Array<number>(data.sites.length).fill(0);
  let best: number | undefined;
  const visit = (s: number, left: number): void => {
    if (s === data.sites.length) {
      if (left !== 0) return;
      for (const [trust, bounds] of Object.entries(o.trusts)) {
        const total = data.sites.reduce((sum, site, k) => sum + (site.owner === trust ? x[k]! : 0), 0);
        if (total < bounds.min || (bounds.max !== undefined && total > bounds.max)) return;
      }
      if (o.budget.maxSites !== undefined && x.filter((v) => v > 0).length > o.budget.maxSites) return;
      const figures = planFigures(data, x, o);
      const value = objective === "mexclp" ? figures.expectedCoverage : objective === "malp" ? figures.reliableCoverage : objective === "pmedian" ? figures.meanResponseMin : figures.percentileResponseMin;
      if (!Number.isFinite(value)) return;
      const maximise = objective === "mexclp" || objective === "malp";
      if (best === undefined || (maximise ? value > best : value < best)) best = value;
      return;
    }
    for (let v = fixed.has(data.sites[s]!.id) ? 1 : 0; v <= Math.min(cap, left); v++) {
      x[s] = v;
      visit(s + 1, left - v);
    }
    x[s] = 0;
  };
  visit(0, vehicles);
  return best;
}

function optionsFor(objective: Objective, input: Record<string, unknown>): SitingOptions {
  return options({ ...input, model: objective === "percentile" ? "pmedian" : objective, ...(objective === "percentile" ? { pmedianObjective: "percentile" } : {}) });
}

describe("every siting MIP's optimum is the brute-force optimum (random small instances)", () => {
  for (const objective of ["mexclp", "malp", "pmedian", "percentile"] as const) {
    it(objective, async () => {
      await fc.assert(
        fc.asyncProperty(instances, async ({ instance, vehicles, input }) => {
          const data = coverage(instance);
          const o = optionsFor(objective, input);
          const expected = bruteForce(data, o, vehicles, objective);
          const result = await solveSiting(data, o, vehicles);
          if (expected === undefined) expect(result.status).toBe("infeasible");
          else {
            expect(result.status).toBe("optimal");
            expect(sameObjective(result.objective, expected)).toBe(true);
            // The plan reported is one that reaches the optimum by the direct measure too.
            const figures = result.plan!;
            const achieved = objective === "mexclp" ? figures.expectedCoverage : objective === "malp" ? figures.reliableCoverage : objective === "pmedian" ? figures.meanResponseMin : figures.percentileResponseMin;
            expect(sameObjective(achieved, expected)).toBe(true);
          }
        }),
        { numRuns: objective === "percentile" ? 40 : 80, seed: 1100 + objective.length },
      );
    });
  }
});

describe.skipIf(!hasCbc)("HiGHS and CBC on the written siting files", () => {
  it("the same optimum (1e-6) from the .lp and the .mps file, for every model", async () => {
    await fc.assert(
      fc.asyncProperty(instances, fc.constantFrom<Objective>("mexclp", "malp", "pmedian", "percentile"), async ({ instance, vehicles, input }, objective) => {
        const result = await solveSiting(coverage(instance), optionsFor(objective, input), vehicles);
        if (result.status !== "optimal") return;
        // The percentile's objective is the time; its MIP (the covering model at that time) has its
        // own optimum, which HiGHS gives when it solves that model alone.
        const mipObjective = objective === "percentile" ? (await solveWithHighs(result.mip)).objective : result.objective;
        for (const format of ["lp", "mps"] as const) {
          const cbc = solveWithCbc(result.mip, format);
          expect(cbc.status).toBe("Optimal");
          expect(sameObjective(cbc.objective, mipObjective)).toBe(true);
          if (objective === "percentile") expect(cbc.objective).toBeGreaterThanOrEqual(input.percentile / 100 - 1e-6);
        }
      }),
      { numRuns: 12, seed: 1111 },
    );
  });
});
