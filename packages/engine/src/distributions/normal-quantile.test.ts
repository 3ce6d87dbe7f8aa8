import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalQuantile } from "./normal-quantile.js";

/** Distance in units of the last place of z (Number.EPSILON · |z|). */
function ulps(a: number, b: number): number {
  return Math.abs(a - b) / (Number.EPSILON * Math.max(Math.abs(a), Math.abs(b)));
}

/** The next larger double (for 0 < x < 1). */
function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}

describe("normalQuantile (AS 241)", () => {
  // Reference: mpmath at 50 digits, z with Φ(z) equal to the double nearest the p written here
  // (so 1 − 1e-10 is the double 0.99999999990000000827…, whose quantile is not −Φ⁻¹(1e-10)).
  it.each([
    [0.975, 1.9599639845400538556],
    [0.025, -1.9599639845400542118],
    [0.841344746068543, 1.0000000000000003646],
    [0.158655253931457, -1.0000000000000002499],
    [0.6, 0.25334710313579974132],
    [0.3, -0.52440051270804081597],
    [0.075, -1.4395314709384559349], // the centre's edge, |p − ½| = 0.425
    [0.925, 1.4395314709384562291],
    [0.001, -3.0902323061678135354],
    [0.999, 3.0902323061678132778],
    [2.5e-5, -4.0556269811224011906],
    [1e-10, -6.3613409024040561991],
    [1 - 1e-10, 6.3613408896974218642],
    [1e-12, -7.0344838253011319326], // far tail, r = √(−ln p) > 5
    [1e-20, -9.2623400897984075796],
    [1e-300, -37.047096299361199237],
    [5e-324, -38.467405617144346251], // the smallest positive double
  ])("Φ⁻¹(%d) = %d to 1e-14 relative", (p, z) => {
    expect(Math.abs(normalQuantile(p) / z - 1)).toBeLessThan(1e-14);
  });

  it("is 0 at ½, ∓∞ at 0 and 1, and NaN outside [0, 1]", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });

  it("is exactly antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p) when 1 − p is exact", () => {
    // For u in [½, 1), 1 − u is exact and 1 − (1 − u) = u, so both calls see exact complements.
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true }), (u) => {
        expect(normalQuantile(1 - u) + normalQuantile(u)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("is increasing: a larger p never gives a smaller z beyond rounding", () => {
    // Between neighbouring doubles the true quantile moves by less than an ulp of z, so the
    // floating-point evaluation may step back by a few ulps; it must never step back by more.
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const zLo = normalQuantile(lo);
        const zHi = normalQuantile(hi);
        expect(zLo <= zHi || ulps(zLo, zHi) <= 4).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([0.075, 0.925, Math.exp(-25), 1 - Math.exp(-25), 0.5])("joins its approximations without a step at p = %d", (split) => {
    // Where AS 241 switches rational approximation (|p − ½| = 0.425, r = 5) and across ½, walk
    // 20 000 neighbouring doubles: no step back beyond 4 ulps, no jump beyond the true increase.
    let p = split * (1 - 1e-12);
    let z = normalQuantile(p);
    for (let i = 0; i < 20_000; i++) {
      const next = nextUp(p);
      const zNext = normalQuantile(next);
      expect(zNext >= z || ulps(z, zNext) <= 4).toBe(true);
      // dz/dp = 1/φ(z) is largest at the end of the step farther from 0; the step may exceed
      // Δp times that by rounding only (a few ulps of z, and of the bound itself).
      const maxStep = (next - p) * Math.sqrt(2 * Math.PI) * Math.exp(Math.max(z * z, zNext * zNext) / 2);
      expect(zNext - z).toBeLessThanOrEqual(maxStep * (1 + 1e-12) + 8 * Number.EPSILON * Math.abs(zNext));
      p = next;
      z = zNext;
    }
  });
});
