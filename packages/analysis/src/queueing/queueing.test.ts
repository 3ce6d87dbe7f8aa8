import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { erlangB, erlangC, mmc } from "./erlang.js";
import { priorityMmc } from "./priority.js";

describe("Erlang B", () => {
  it("matches exact values and standard Erlang B table entries", () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 15);
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 15);
    expect(erlangB(10, 5)).toBeCloseTo(0.018384570336648132, 14);
    // Erlang B tables (grade of service): 5 lines at 1 % carry 1.36 E; 10 at 2 % carry 5.08 E; 20 at 1 % carry 12.03 E.
    expect(erlangB(5, 1.36)).toBeCloseTo(0.01, 3);
    expect(erlangB(10, 5.08)).toBeCloseTo(0.02, 3);
    expect(erlangB(20, 12.03)).toBeCloseTo(0.01, 3);
  });

  it("stays stable for large systems", () => {
    const b = erlangB(2000, 1900);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.05);
  });

  it("lies in [0, 1], decreases in c and increases in a", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 300, noNaN: true }), (c, a) => {
        const b = erlangB(c, a);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(1);
        expect(erlangB(c + 1, a)).toBeLessThanOrEqual(b);
        expect(erlangB(c, a + 0.5)).toBeGreaterThanOrEqual(b);
      }),
    );
  });
});

describe("Erlang C and M/M/c", () => {
  it("matches exact values", () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 15);
    expect(erlangC(10, 8)).toBeCloseTo(0.40918015079644354, 14);
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 15);
    expect(erlangC(3, 3)).toBe(1);
  });

  it("M/M/1 and M/M/2 waits", () => {
    // M/M/1, ρ = 0.8: Wq = ρ/(μ − λ) = 4.
    expect(mmc(0.8, 1, 1).meanWait).toBeCloseTo(4, 12);
    // M/M/2, λ = 1, μ = 1: C = 1/3, Wq = C/(2 − 1) = 1/3.
    const m = mmc(1, 1, 2);
    expect(m.meanWait).toBeCloseTo(1 / 3, 14);
    expect(m.meanQueueLength).toBeCloseTo(1 / 3, 14);
    expect(m.waitExceedance(0)).toBeCloseTo(1 / 3, 14);
    expect(mmc(2, 1, 2).meanWait).toBe(Infinity);
  });

  it("C ≥ B and C in [0, 1]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (c, rho) => {
        const a = rho * c;
        const wait = erlangC(c, a);
        expect(wait).toBeGreaterThanOrEqual(erlangB(c, a) - 1e-15);
        expect(wait).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("priority M/M/c", () => {
  it("reduces to Cobham's M/M/1 result", () => {
    // λ1 = λ2 = 0.4, μ = 1: W0 = ρ/μ = 0.8; W1 = 0.8/0.6; W2 = 0.8/(0.6·0.2).
    const result = priorityMmc([0.4, 0.4], 1, 1);
    expect(result.residualWait).toBeCloseTo(0.8, 14);
    expect(result.meanWait[0]).toBeCloseTo(0.8 / 0.6, 13);
    expect(result.meanWait[1]).toBeCloseTo(0.8 / 0.12, 12);
    expect(result.overallMeanWait).toBeCloseTo(4, 12);
  });

  it("with one class equals the FCFS M/M/c wait", () => {
    expect(priorityMmc([3], 1, 4).meanWait[0]).toBeCloseTo(mmc(3, 1, 4).meanWait, 14);
  });

  it("conservation: rate-weighted class waits equal the FCFS wait; higher classes wait less", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (c, weights, rho) => {
          const mu = 0.5;
          const total = rho * c * mu;
          const sum = weights.reduce((s, w) => s + w, 0);
          const rates = weights.map((w) => (w / sum) * total);
          const result = priorityMmc(rates, mu, c);
          const fcfs = mmc(total, mu, c).meanWait;
          expect(result.overallMeanWait).toBeCloseTo(fcfs, 9);
          for (let k = 1; k < rates.length; k++) expect(result.meanWait[k]!).toBeGreaterThanOrEqual(result.meanWait[k - 1]!);
        },
      ),
    );
  });

  it("reports infinite waits for saturated low classes", () => {
    const result = priorityMmc([0.5, 0.6], 1, 1);
    expect(Number.isFinite(result.meanWait[0]!)).toBe(true);
    expect(result.meanWait[1]).toBe(Infinity);
  });
});
