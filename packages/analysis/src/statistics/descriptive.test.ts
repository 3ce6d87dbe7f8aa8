import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mean, median, quantile, quantileSorted, sampleVariance } from "./descriptive.js";
import { radixArgsort } from "./sort.js";

describe("descriptive statistics", () => {
  it("mean and sample variance", () => {
    const x = [3.1, 4.5, 2.2, 5.0, 3.8];
    expect(mean(x)).toBeCloseTo(3.72, 14);
    expect(sampleVariance(x)).toBeCloseTo(1.237, 14);
    expect(mean([])).toBeNaN();
    expect(sampleVariance([1])).toBeNaN();
  });

  it("type-7 quantiles of 1..10", () => {
    const x = Float64Array.from([7, 1, 10, 3, 5, 2, 9, 4, 8, 6]);
    expect(median(x)).toBe(5.5);
    expect(quantile(x, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1)).toBe(10);
    expect(quantile([42], 0.9)).toBe(42);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it("quantiles lie between min and max and are monotone in p", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const q = quantile(xs, p);
        expect(q).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(q).toBeLessThanOrEqual(Math.max(...xs));
        expect(quantile(xs, Math.min(1, p + 0.1))).toBeGreaterThanOrEqual(q - 1e-9);
      }),
    );
  });
});

describe("radixArgsort", () => {
  it("sorts like a comparator sort, stably, with negatives and zeros", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, 2, 1e-300, -5))), (xs) => {
        const keys = Float64Array.from(xs);
        const order = radixArgsort(keys);
        const expected = xs.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value || (Object.is(a.value, -0) ? -1 : 0) - (Object.is(b.value, -0) ? -1 : 0) || a.index - b.index);
        expect(Array.from(order, (i) => keys[i])).toEqual(expected.map((e) => e.value));
      }),
    );
  });

  it("keeps equal keys in input order", () => {
    const order = radixArgsort(Float64Array.from([2, 1, 2, 1, 0]));
    expect(Array.from(order)).toEqual([4, 1, 3, 0, 2]);
  });
});

describe("radixSortWithPayload", () => {
  it("returns sorted keys with their payloads", async () => {
    const { radixSortWithPayload } = await import("./sort.js");
    const { ScratchPool } = await import("./scratch.js");
    const pool = new ScratchPool();
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 })), (xs) => {
        const keys = Float64Array.from(xs);
        const payload = Uint32Array.from(xs, (_, i) => i * 7);
        const sorted = radixSortWithPayload(keys, payload, pool);
        const expected = Float64Array.from(xs).sort();
        expect(Array.from(sorted.keys)).toEqual(Array.from(expected));
        for (let i = 0; i < xs.length; i++) expect(keys[sorted.payload[i]! / 7]).toBe(sorted.keys[i]);
      }),
    );
  });
});
