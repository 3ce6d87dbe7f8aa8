import { describe, expect, it } from "vitest";
import { logGamma, normalCdf, regularizedGamma } from "./special.js";

// Reference values from SciPy 1.17 (scipy.stats.norm.cdf, scipy.special.gammainc/gammaincc/gammaln).
describe("special functions", () => {
  it.each([
    [1, 0.8413447460685429],
    [-3, 0.0013498980316300933],
    [-8, 6.22096057427174e-16],
    [0.3, 0.6179114221889526],
  ])("Φ(%d)", (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1e-12);
  });

  it("matches the regularised incomplete gamma and log-gamma", () => {
    expect(regularizedGamma(2.5, 1.7).p).toBeCloseTo(0.36143007689620493, 13);
    expect(Math.abs(regularizedGamma(2.5, 12).q / 0.0002171129434527233 - 1)).toBeLessThan(1e-12);
    expect(regularizedGamma(0.3, 0.01).p).toBeCloseTo(0.27924099635901484, 13);
    expect(logGamma(4.5)).toBeCloseTo(2.4537365708424423, 13);
    expect(logGamma(0.2)).toBeCloseTo(1.5240638224307845, 13);
  });
});
