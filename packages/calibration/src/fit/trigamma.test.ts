import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trigamma } from "./trigamma.js";

describe("trigamma", () => {
  // Closed forms (Abramowitz and Stegun 6.4.2, 6.4.4): ψ₁(1) = π²/6, ψ₁(1/2) = π²/2; ψ₁(3) = π²/6 − 1 − 1/4.
  it.each([
    [1, Math.PI ** 2 / 6],
    [0.5, Math.PI ** 2 / 2],
    [3, Math.PI ** 2 / 6 - 1.25],
  ])("ψ₁(%d)", (x, expected) => {
    expect(Math.abs(trigamma(x) / expected - 1)).toBeLessThan(1e-13);
  });

  it("obeys the recurrence ψ₁(x) = ψ₁(x + 1) + 1/x²", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), (x) => {
        expect(Math.abs(trigamma(x) - trigamma(x + 1) - 1 / (x * x)) / trigamma(x)).toBeLessThan(1e-12);
      }),
    );
  });

  it("is NaN outside its domain", () => {
    expect(trigamma(0)).toBeNaN();
    expect(trigamma(-1)).toBeNaN();
  });
});
