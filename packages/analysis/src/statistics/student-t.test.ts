import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { logGamma, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from "./student-t.js";

// Reference values from scipy.stats.t (SciPy 1.17, Boost's implementation).
const QUANTILES_975: Array<[number, number]> = [
  [1, 12.706204736174694],
  [2, 4.302652729749462],
  [3, 3.1824463052837078],
  [4, 2.7764451051977934],
  [5, 2.5705818356363146],
  [9, 2.262157162798205],
  [10, 2.228138851986274],
  [19, 2.0930240544083087],
  [29, 2.045229642132703],
  [30, 2.0422724563012378],
  [100, 1.9839715185235518],
  [1000, 1.9623390808264083],
  [1e6, 1.959966356814107],
  [2.5, 3.5746548420036817],
  [0.5, 164.55767348048818],
];
const QUANTILES_995: Array<[number, number]> = [
  [1, 63.656741162871526],
  [2, 9.924843200918287],
  [5, 4.032142983555228],
  [19, 2.8609346064649794],
  [100, 2.6258905214380173],
  [2.5, 7.163728138948783],
];
const CDF_13: Array<[number, number]> = [
  [1, 0.7912855998398473],
  [3, 0.8577662456360515],
  [10, 0.8886170913965777],
  [1000, 0.9030497357922713],
  [2.5, 0.8497566053646458],
  [0.5, 0.7296926732774399],
];

describe("Student t", () => {
  it("matches published 97.5 % quantiles for integer and fractional df", () => {
    for (const [df, expected] of QUANTILES_975) {
      expect(Math.abs(studentTQuantile(0.975, df) - expected) / expected).toBeLessThan(1e-10);
      expect(studentTQuantile(0.025, df)).toBe(-studentTQuantile(0.975, df));
    }
  });

  it("matches published 99.5 % quantiles", () => {
    for (const [df, expected] of QUANTILES_995) {
      expect(Math.abs(studentTQuantile(0.995, df) - expected) / expected).toBeLessThan(1e-11);
    }
  });

  it("matches the CDF at t = 1.3", () => {
    for (const [df, expected] of CDF_13) expect(studentTCdf(1.3, df)).toBeCloseTo(expected, 12);
  });

  it("tends to the normal", () => {
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalCdf(1.3)).toBeCloseTo(0.9031995154143897, 14);
  });

  it("logGamma of integers is log factorial", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  it("quantile inverts the CDF", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.3, max: 5000, noNaN: true }), (p, df) => {
        const t = studentTQuantile(p, df);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 10);
      }),
    );
  });

  it("rejects bad arguments", () => {
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(1.5, 3)).toThrow(RangeError);
  });
});
