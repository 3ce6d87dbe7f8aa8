import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cbcAvailable, sameObjective, solveWithCbc } from "../testing/cbc.js";
import { buildComplianceModel, coveragePatterns, solveComplianceTable, type ComplianceData } from "./compliance.js";

/** Every way to put k units on `sites` bases, as count vectors. */
function placements(k: number, sites: number): number[][] {
  if (sites === 1) return [[k]];
  const out: number[][] = [];
  for (let first = k; first >= 0; first--) for (const rest of placements(k - first, sites - 1)) out.push([first, ...rest]);
  return out;
}

/** MEXCLP's expected covered demand of one row, straight from its definition Σ w·(1 − q^cover). */
function rowValue(data: ComplianceData, counts: number[], q: number): number {
  return data.points.reduce((sum, point) => sum + point.weight * (1 - q ** [...new Set(point.coveringSites)].reduce((cover, j) => cover + counts[j]!, 0)), 0);
}

const movesBetween = (before: number[], after: number[]) => before.reduce((sum, count, j) => sum + Math.max(0, count - after[j]!), 0);

/** The best table by enumeration: each row alone, or with at most maxMoves moves between rows (dynamic programming over rows). */
function bruteForce(data: ComplianceData, vehicles: number, q: number, maxMoves?: number): number {
  let best = new Map<string, number>([["", 0]]);
  let previous: number[][] = [[]];
  for (let k = 1; k <= vehicles; k++) {
    const rows = placements(k, data.siteIds.length);
    const next = new Map<string, number>();
    for (const row of rows) {
      let before = -Infinity;
      previous.forEach((prev) => {
        if (maxMoves !== undefined && k > 1 && movesBetween(prev, row) > maxMoves) return;
        before = Math.max(before, best.get(prev.join(","))!);
      });
      if (before > -Infinity) next.set(row.join(","), before + rowValue(data, row, q));
    }
    best = next;
    previous = rows;
  }
  return Math.max(...best.values());
}

/** Small random instances: 2–4 bases, up to 8 points each covered by some of them. */
const instances = fc.integer({ min: 2, max: 4 }).chain((sites) =>
  fc.record({
    siteIds: fc.constant(Array.from({ length: sites }, (_, j) => `base-${j}`)),
    points: fc.array(fc.record({ weight: fc.double({ min: 0.01, max: 5, noNaN: true }), coveringSites: fc.uniqueArray(fc.nat(sites - 1), { maxLength: sites }) }), { minLength: 1, maxLength: 8 }),
  }),
);

describe("compliance-table MIP", () => {
  it("finds each row's MEXCLP optimum when rows are independent (checked by enumeration)", async () => {
    await fc.assert(
      fc.asyncProperty(instances, fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.1, max: 0.8, noNaN: true }), async (data, vehicles, q) => {
        const result = await solveComplianceTable(data, { vehicles, busyFraction: q });
        expect(sameObjective(result.objective, bruteForce(data, vehicles, q))).toBe(true);
        result.table.forEach((row, r) => expect(row).toHaveLength(r + 1));
      }),
      { numRuns: 25 },
    );
  });

  it("with maxMoves keeps every step within that many moves and reaches the best such table (enumeration)", async () => {
    await fc.assert(
      fc.asyncProperty(instances, fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 1 }), async (data, vehicles, maxMoves) => {
        const result = await solveComplianceTable(data, { vehicles, busyFraction: 0.4, maxMoves });
        for (const moves of result.movesFromPreviousRow) expect(moves).toBeLessThanOrEqual(maxMoves);
        expect(sameObjective(result.objective, bruteForce(data, vehicles, 0.4, maxMoves))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("by hand: one busy town and two villages; one unit covers the town, the second a village, nested rows keep the first", async () => {
    // Town (weight 6) covered from A and B; village 1 (weight 2) from B only; village 2 (weight 1) from C only.
    const data: ComplianceData = { siteIds: ["A", "B", "C"], points: [{ weight: 6, coveringSites: [0, 1] }, { weight: 2, coveringSites: [1] }, { weight: 1, coveringSites: [2] }] };
    const result = await solveComplianceTable(data, { vehicles: 3, busyFraction: 0.5, maxMoves: 0 });
    // k = 1: B covers town and village 1 (8 × 0.5 = 4) rather than A (3) or C (0.5).
    expect(result.table[0]).toEqual(["B"]);
    // k = 2 nested on B: a second unit at A or B adds 6 × 0.25 = 1.5 (at B also 2 × 0.25 = 0.5), at C 0.5: B, B.
    expect(result.table[1]).toEqual(["B", "B"]);
    expect(result.movesFromPreviousRow).toEqual([0, 0]);
    expect(result.expectedCoverageShare[0]).toBeCloseTo(4 / 9, 12);
  });

  it("merges points covered by the same bases and drops those no base covers", () => {
    const patterns = coveragePatterns({ siteIds: ["A", "B"], points: [{ weight: 1, coveringSites: [1, 0] }, { weight: 2, coveringSites: [0, 1] }, { weight: 3, coveringSites: [] }] });
    expect(patterns).toEqual([{ weight: 3, sites: [0, 1] }]);
  });

  it.skipIf(!cbcAvailable())("CBC finds the same optimum from the LP and MPS files (1e-6)", async () => {
    const data: ComplianceData = {
      siteIds: ["s0", "s1", "s2", "s3"],
      points: Array.from({ length: 30 }, (_, i) => ({ weight: 1 + ((i * 7) % 5), coveringSites: [i % 4, (i * 3) % 4, i % 3 === 0 ? 3 : i % 2] })),
    };
    for (const maxMoves of [undefined, 0, 1]) {
      const options = { vehicles: 5, busyFraction: 0.35, ...(maxMoves === undefined ? {} : { maxMoves }) };
      const result = await solveComplianceTable(data, options);
      const model = buildComplianceModel(data, options);
      for (const format of ["lp", "mps"] as const) {
        const cbc = solveWithCbc(model, format);
        expect(cbc.status).toMatch(/^Optimal/);
        expect(sameObjective(cbc.objective, result.objective)).toBe(true);
      }
    }
  });
});
