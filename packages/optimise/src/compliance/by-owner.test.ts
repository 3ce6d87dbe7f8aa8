import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "@akutt/model";
import { cbcAvailable, sameObjective, solveWithCbc } from "../testing/cbc.js";
import { complianceDataOfOwner, solveComplianceTablesByOwner, type OwnedComplianceData } from "./by-owner.js";
import { ComplianceError, solveComplianceTable } from "./compliance.js";
import { complianceOverlayByOwner } from "./overlay.js";

/**
 * Base A (owner a) and base B (owner b). Point p1 (a's area, weight 1) is covered from A and B; point
 * p2 (b's area, weight 0.1) from B only; p3 (a's, weight 0.5) from A only.
 */
const data: OwnedComplianceData = {
  siteIds: ["A", "B"],
  siteOwners: ["a", "b"],
  points: [
    { weight: 1, coveringSites: [0, 1] },
    { weight: 0.1, coveringSites: [1] },
    { weight: 0.5, coveringSites: [0] },
  ],
  pointOwners: ["a", "b", "a"],
};

describe("compliance tables per owner", () => {
  it("gives each owner its own bases and its own demand points, covered from its own bases only", () => {
    expect(complianceDataOfOwner(data, "a")).toEqual({ siteIds: ["A"], points: [{ weight: 1, coveringSites: [0] }, { weight: 0.5, coveringSites: [0] }] });
    expect(complianceDataOfOwner(data, "b")).toEqual({ siteIds: ["B"], points: [{ weight: 0.1, coveringSites: [0] }] });
  });

  it("places each owner's units for its own area: a's optimum is (1 + 0.5)(1 − q^k) at A, b's 0.1(1 − q^k) at B", async () => {
    const q = 0.3;
    const tables = await solveComplianceTablesByOwner(data, { a: 2, b: 1, c: 0 }, { busyFraction: q });
    expect(tables.map((table) => table.owner)).toEqual(["a", "b"]);
    const [a, b] = tables;
    expect(a!.result.table).toEqual([["A"], ["A", "A"]]);
    expect(a!.result.objective).toBeCloseTo(1.5 * (1 - q) + 1.5 * (1 - q ** 2), 9);
    expect(b!.result.table).toEqual([["B"]]);
    expect(b!.result.objective).toBeCloseTo(0.1 * (1 - q), 9);
    // A pool counts b's point for a's units too: without p3, one pooled unit stands at B (it covers
    // 1 + 0.1 there against 1 at A), while a's own table keeps a's unit at A, for a's area.
    const withoutP3: OwnedComplianceData = { ...data, points: data.points.slice(0, 2), pointOwners: data.pointOwners.slice(0, 2) };
    expect((await solveComplianceTable(withoutP3, { vehicles: 1, busyFraction: q })).table).toEqual([["B"]]);
    expect((await solveComplianceTablesByOwner(withoutP3, { a: 1 }, { busyFraction: q }))[0]!.result.table).toEqual([["A"]]);
  });

  it("refuses an owner with ambulances but no base of its own, and a run with no ambulances", async () => {
    await expect(solveComplianceTablesByOwner(data, { c: 2 }, {})).rejects.toThrow(new ComplianceError('owner "c" has 2 ambulances but no station or standby point of its own'));
    await expect(solveComplianceTablesByOwner(data, { a: 0 }, {})).rejects.toBeInstanceOf(ComplianceError);
  });

  it.skipIf(!cbcAvailable())("CBC finds each owner's optimum from the LP and MPS files (1e-6)", async () => {
    for (const maxMoves of [undefined, 0]) {
      const tables = await solveComplianceTablesByOwner(data, { a: 3, b: 2 }, { busyFraction: 0.4, maxMoves });
      for (const { result } of tables) {
        for (const format of ["lp", "mps"] as const) {
          const cbc = solveWithCbc(result.model, format);
          expect(cbc.status).toMatch(/^Optimal/);
          expect(sameObjective(cbc.objective, result.objective)).toBe(true);
        }
      }
    }
  });

  it("is written as an overlay the loader reads back as compliance-table with a table per owner", () => {
    const demo = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
    const dir = mkdtempSync(join(tmpdir(), "akutt-compliance-owner-"));
    try {
      const vv = [["st-drammen"], ["st-drammen", "st-lier"]];
      const file = join(dir, "demo-compliance.yaml");
      writeFileSync(file, complianceOverlayByOwner([{ owner: "vv", result: { table: vv, expectedCoverageShare: [0.5, 0.7], movesFromPreviousRow: [0], objective: 1.2 } }], relative(dir, demo), { busyFraction: 0.3, maxMoves: undefined, coverage: "test coverage", travelModel: "test" }));
      expect(loadScenarioFile(file).policies.relocation).toEqual({ name: "compliance-table", tables: { vv } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
