import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "@akutt/model";
import { createRandomStreams } from "../random/random.js";
import { createSampler, gamma, standardNormal } from "./distributions.js";
import { normalCdf, regularizedGamma } from "./special.js";

function moments(spec: DistributionSpec, n = 100_000): { mean: number; sd: number; min: number } {
  const sampler = createSampler(spec);
  const random = createRandomStreams(3).stream(1, 0);
  let sum = 0;
  let sumSquares = 0;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const x = sampler.sampleSec(random);
    sum += x;
    sumSquares += x * x;
    min = Math.min(min, x);
  }
  const mean = sum / n;
  return { mean, sd: Math.sqrt(sumSquares / n - mean * mean), min };
}

describe("duration distributions", () => {
  it("converts units to seconds", () => {
    expect(createSampler({ kind: "fixed", value: 2, unit: "min" }).meanSec).toBe(120);
    expect(createSampler({ kind: "fixed", value: 1, unit: "h" }).meanSec).toBe(3600);
  });

  it.each([
    [{ kind: "exponential", mean: 10, unit: "min" } as const, 600, 600],
    [{ kind: "lognormal", mean: 20, sd: 10, unit: "min" } as const, 1200, 600],
    [{ kind: "gamma", mean: 20, sd: 10, unit: "min" } as const, 1200, 600],
    [{ kind: "gamma", mean: 5, sd: 10, unit: "min" } as const, 300, 600],
  ])("%o has the stated mean and standard deviation", (spec, meanSec, sdSec) => {
    const result = moments(spec);
    expect(result.mean / meanSec).toBeCloseTo(1, 1);
    expect(result.sd / sdSec).toBeCloseTo(1, 1);
    expect(result.min).toBeGreaterThanOrEqual(0);
  });

  it("samples empirical quantiles by linear interpolation", () => {
    const spec: DistributionSpec = { kind: "empirical", quantiles: [[0, 0], [0.5, 10], [1, 30]], unit: "s" };
    expect(createSampler(spec).meanSec).toBeCloseTo(0.5 * 5 + 0.5 * 20, 10);
    const result = moments(spec);
    expect(result.mean).toBeCloseTo(12.5, 0);
  });

  it("returns the base distribution unchanged when there is no shift or truncation", () => {
    const a = createSampler({ kind: "lognormal", mean: 20, sd: 10, unit: "min" });
    const b = createSampler({ kind: "lognormal", mean: 20, sd: 10, unit: "min", shift: 0, min: 0 });
    const ra = createRandomStreams(9).stream(2, 0);
    const rb = createRandomStreams(9).stream(2, 0);
    for (let i = 0; i < 100; i++) expect(b.sampleSec(rb)).toBe(a.sampleSec(ra));
  });
});

/** Sorted draws, their mean, and exact sample quantiles (type 7). */
function draws(spec: DistributionSpec, n = 200_000) {
  const sampler = createSampler(spec);
  const random = createRandomStreams(11).stream(4, 0);
  const values = Float64Array.from({ length: n }, () => sampler.sampleSec(random)).sort();
  const quantile = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return values[lo]! + (h - lo) * (values[Math.min(n - 1, lo + 1)]! - values[lo]!);
  };
  return { sampler, values, mean: values.reduce((sum, x) => sum + x, 0) / n, quantile };
}

describe("shifted and truncated distributions", () => {
  // ELASPY's on-scene time: scipy lognorm(s = 0.38, loc = −10.01, scale = 37) minutes, redrawn until in [0, 88].
  // In Akutt's terms a lognormal with mean 37·e^(0.38²/2) and sd mean·√(e^(0.38²) − 1), shifted by −10.01.
  const aid: DistributionSpec = { kind: "lognormal", mean: 39.77020097520515, sd: 15.675017677324096, unit: "min", shift: -10.01, max: 88 };

  it("has the exact mean and quantiles of the conditional distribution (SciPy reference)", () => {
    const { sampler, values, mean, quantile } = draws(aid);
    // Exact mean by numerical integration in SciPy: 29.39657015057744 min.
    expect(sampler.meanSec / 60).toBeCloseTo(29.39657015057744, 9);
    expect(mean / 60).toBeCloseTo(29.397, 1);
    expect(values[0]!).toBeGreaterThanOrEqual(0);
    expect(values[values.length - 1]! / 60).toBeLessThanOrEqual(88);
    // SciPy: d.ppf(d.cdf(0) + p · kept mass).
    for (const [p, expected] of [[0.1, 12.712876621636537], [0.5, 26.903933520324266], [0.9, 49.61293215738953], [0.99, 74.28281917406893]] as const) {
      expect(Math.abs(quantile(p) / 60 - expected)).toBeLessThan(0.35);
    }
  });

  it.each([
    // [spec, exact truncated mean in seconds (SciPy quad)]
    [{ kind: "gamma", mean: 20, sd: 10, unit: "s", min: 5, max: 30 } as DistributionSpec, 17.143331634428243],
    [{ kind: "exponential", mean: 10, unit: "s", min: 2, max: 25 } as DistributionSpec, 9.437092446492406],
    [{ kind: "exponential", mean: 10, unit: "s", shift: 3 } as DistributionSpec, 13],
    [{ kind: "fixed", value: 4, unit: "min", shift: 1 } as DistributionSpec, 300],
  ])("%o has its exact truncated mean, and draws agree", (spec, exactMeanSec) => {
    const { sampler, mean, values } = draws(spec, 100_000);
    expect(sampler.meanSec).toBeCloseTo(exactMeanSec, 9);
    expect(Math.abs(mean / exactMeanSec - 1)).toBeLessThan(0.015);
    expect(values[0]!).toBeGreaterThanOrEqual(Math.max(0, (spec.min ?? 0) * (spec.unit === "min" ? 60 : 1)));
  });

  it("truncates an empirical quantile table: quantiles of the kept part, exact mean", () => {
    // Uniform on [0, 10] then [10, 30] with half the mass each; truncated to [5, 20].
    const spec: DistributionSpec = { kind: "empirical", quantiles: [[0, 0], [0.5, 10], [1, 30]], unit: "s", min: 5, max: 20 };
    const { sampler, quantile } = draws(spec);
    // Kept: [5, 10] with mass 0.25, [10, 20] with mass 0.25: mean (0.25·7.5 + 0.25·15) / 0.5.
    expect(sampler.meanSec).toBeCloseTo(11.25, 12);
    expect(quantile(0.5)).toBeCloseTo(10, 0);
    expect(quantile(0.25)).toBeCloseTo(7.5, 0);
    expect(quantile(0.75)).toBeCloseTo(15, 0);
  });

  it("refuses a truncation that keeps almost nothing", () => {
    expect(() => createSampler({ kind: "exponential", mean: 1, unit: "s", min: 60 }, "times.onScene.red")).toThrow(/times.onScene.red: .*keep/);
  });
});

/** Kolmogorov–Smirnov distance between sorted draws and a distribution function. */
function ksDistance(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

// 1.95/√n is the KS critical value at the 0.1 % level (asymptotic); the streams are fixed, so
// these are deterministic checks that would fail for a wrong transcription or a biased sampler.
describe("standard normal and gamma draws", () => {
  const n = 100_000;
  const ksLimit = 1.95 / Math.sqrt(n);

  it("draws standard normals with the right moments and distribution", () => {
    const random = createRandomStreams(21).stream(5, 0);
    const z = Float64Array.from({ length: n }, () => standardNormal(random));
    let m1 = 0;
    for (const x of z) m1 += x / n;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const x of z) {
      const c = x - m1;
      m2 += (c * c) / n;
      m3 += (c * c * c) / n;
      m4 += (c * c * c * c) / n;
    }
    // Four standard errors: √(1/n), √(2/n), √(6/n), √(24/n).
    expect(Math.abs(m1)).toBeLessThan(4 * Math.sqrt(1 / n));
    expect(Math.abs(m2 - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m3 / m2 ** 1.5)).toBeLessThan(4 * Math.sqrt(6 / n));
    expect(Math.abs(m4 / (m2 * m2) - 3)).toBeLessThan(4 * Math.sqrt(24 / n));
    expect(ksDistance(z.sort(), normalCdf)).toBeLessThan(ksLimit);
  });

  it("uses exactly one uniform per normal, as an increasing function of it", () => {
    const random = createRandomStreams(4).stream(6, 1);
    const same = createRandomStreams(4).stream(6, 1);
    for (let i = 0; i < 1000; i++) {
      const u = same.next();
      const z = standardNormal(random);
      expect(normalCdf(z)).toBeCloseTo(u, 12);
    }
    expect(random.next()).toBe(same.next());
  });

  it.each([4, 1, 0.25])("draws Gamma(%d, 1) with the right distribution", (shape) => {
    const random = createRandomStreams(22).stream(5, shape * 100);
    const x = Float64Array.from({ length: n }, () => gamma(shape, random)).sort();
    expect(ksDistance(x, (v) => regularizedGamma(shape, v).p)).toBeLessThan(ksLimit);
  });
});
