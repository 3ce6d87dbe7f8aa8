import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dirichletShrink } from "./shrink.js";

const cells = fc.array(fc.tuple(fc.nat({ max: 50 }), fc.double({ min: 0, max: 10, noNaN: true })), { minLength: 1, maxLength: 40 });

describe("dirichletShrink", () => {
  it("gives shares that sum to 1, positive (also for zero counts and zero prior weights) unless α = 0", () => {
    fc.assert(
      fc.property(cells, (pairs) => {
        const { shares, alpha } = dirichletShrink(pairs.map(([n]) => n), pairs.map(([, p]) => p));
        expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
        for (const [i, share] of shares.entries()) {
          if (alpha > 0) expect(share).toBeGreaterThan(0);
          else expect(share).toBe(pairs[i]![0] / pairs.reduce((sum, [n]) => sum + n, 0));
        }
        expect(alpha).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("lies between the raw shares and the prior, cell by cell", () => {
    fc.assert(
      fc.property(cells, (pairs) => {
        const counts = pairs.map(([n]) => n);
        const total = counts.reduce((sum, n) => sum + n, 0);
        fc.pre(total > 0 && pairs.some(([, p]) => p > 0));
        const priorTotal = pairs.reduce((sum, [, p]) => sum + p, 0);
        const { shares } = dirichletShrink(counts, pairs.map(([, p]) => p));
        shares.forEach((share, i) => {
          const raw = counts[i]! / total;
          const prior = 0.999 * (pairs[i]![1] / priorTotal) + 0.001 / pairs.length;
          expect(share).toBeGreaterThanOrEqual(Math.min(raw, prior) - 1e-12);
          expect(share).toBeLessThanOrEqual(Math.max(raw, prior) + 1e-12);
        });
      }),
    );
  });

  it("keeps the prior without counts, and moves to the data when they scatter far from it", () => {
    expect([...dirichletShrink([0, 0, 0], [1, 1, 2]).shares]).toEqual([0.25 * 0.999 + 0.001 / 3, 0.25 * 0.999 + 0.001 / 3, 0.5 * 0.999 + 0.001 / 3]);
    const far = dirichletShrink([1000, 0, 0, 0], [1, 1, 1, 1]);
    expect(far.shares[0]).toBeGreaterThan(0.99);
    // Counts exactly as the prior expects scatter less than a multinomial: the prior is kept.
    expect(dirichletShrink([25, 25, 25, 25], [1, 1, 1, 1]).alpha).toBe(Infinity);
  });

  it("rejects negative or mismatched input", () => {
    expect(() => dirichletShrink([1, -1], [1, 1])).toThrow(/non-negative/);
    expect(() => dirichletShrink([1], [1, 1])).toThrow(/length/);
  });
});
