import { describe, expect, it } from "vitest";
import { batchMeans, meanConfidenceInterval, pairedDifference } from "./confidence.js";

describe("confidence intervals", () => {
  it("matches a hand-computed t interval", () => {
    // mean 3.72, s² = 1.237, t_{0.975,4} = 2.7764451051977934 → half-width 1.380984928…
    const ci = meanConfidenceInterval([3.1, 4.5, 2.2, 5.0, 3.8]);
    expect(ci.mean).toBeCloseTo(3.72, 12);
    expect(ci.ciLow).toBeCloseTo(2.3390150716801665, 10);
    expect(ci.ciHigh).toBeCloseTo(5.100984928319834, 10);
    expect(ci.n).toBe(5);
  });

  it("has no interval with one observation and no mean with none", () => {
    expect(meanConfidenceInterval([7])).toMatchObject({ mean: 7, ciLow: null, ciHigh: null, n: 1 });
    expect(meanConfidenceInterval([])).toMatchObject({ mean: null, ciLow: null, n: 0 });
  });

  it("gives a zero-width interval for constant data", () => {
    const ci = meanConfidenceInterval([2, 2, 2]);
    expect(ci.ciLow).toBe(2);
    expect(ci.ciHigh).toBe(2);
  });

  it("paired differences remove the common component", () => {
    const common = [10, 20, 30, 40, 50];
    const a = common.map((c, i) => c + 1 + (i % 2) * 0.1);
    const b = common;
    const paired = pairedDifference(a, b);
    expect(paired.difference.mean).toBeCloseTo(1.04, 12);
    expect(paired.difference.halfWidth!).toBeLessThan(0.1);
    expect(paired.meanA! - paired.meanB!).toBeCloseTo(1.04, 12);
    expect(() => pairedDifference([1], [1, 2])).toThrow(RangeError);
  });

  it("batch means", () => {
    const series = [1, 1, 2, 2, 3, 3, 4, 4, 9];
    const result = batchMeans(series, 4);
    expect(result.batchSize).toBe(2);
    expect(Array.from(result.batchMeans)).toEqual([1, 2, 3, 4]);
    expect(result.interval.mean).toBe(2.5);
  });
});
