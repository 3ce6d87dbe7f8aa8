import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "@akutt/model";
import { complianceOverlay } from "./overlay.js";

const demo = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");

describe("compliance overlay", () => {
  it("is a scenario overlay the loader reads back as the compliance-table policy with the same table", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-compliance-"));
    try {
      const table = [["st-drammen"], ["st-drammen", "st-lier"], ["st-drammen", "st-drammen", "st-svelvik"]];
      const file = join(dir, "demo-compliance.yaml");
      writeFileSync(file, complianceOverlay({ table, expectedCoverageShare: [0.5, 0.7, 0.8], movesFromPreviousRow: [0, 1], objective: 2 }, relative(dir, demo), { busyFraction: 0.3, maxMoves: 1, coverage: "test coverage", travelModel: "test" }));
      expect(loadScenarioFile(file).policies.relocation).toEqual({ name: "compliance-table", table });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
