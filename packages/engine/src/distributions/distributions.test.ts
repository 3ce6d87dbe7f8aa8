import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "@akutt/model";
import { createRandomStreams } from "../random/random.js";
import { createSampler } from "./distributions.js";

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
});
