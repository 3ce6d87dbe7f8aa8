import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/geo";
import { loadScenarioFile } from "@akutt/model";
import { akutt } from "../testing/akutt-process.js";

const REPO_ROOT = findRepoRoot();
const DEMO = resolve(REPO_ROOT, "scenarios/demo/demo.yaml");
const dir = mkdtempSync(join(tmpdir(), "akutt-compliance-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("akutt optimise compliance", () => {
  it("writes an overlay with a nested table the scenario loader reads back, and the MIP files", () => {
    const out = join(dir, "demo-compliance.yaml");
    const result = akutt("optimise", "compliance", DEMO, "--vehicles", "4", "--max-moves", "0", "--out", out, "--write-model", dir, "--json");
    expect(result.stderr).not.toMatch(/at .+\.js:\d+/);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { table: string[][]; movesFromPreviousRow: number[] };
    expect(printed.table.map((row) => row.length)).toEqual([1, 2, 3, 4]);
    expect(printed.movesFromPreviousRow).toEqual([0, 0, 0]);
    const relocation = loadScenarioFile(out).policies.relocation;
    expect(relocation).toEqual({ name: "compliance-table", table: printed.table });
    expect(existsSync(join(dir, "compliance_table_moves_0.lp")) && existsSync(join(dir, "compliance_table_moves_0.mps"))).toBe(true);
  }, 120_000);

  it("refuses a bad flag with exit code 2, one line, and writes nothing", () => {
    const out = join(dir, "never.yaml");
    const result = akutt("optimise", "compliance", DEMO, "--busy-fraction", "1.5", "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--busy-fraction");
    expect(result.stderr).not.toMatch(/at .+\.js:\d+/);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it("--by-owner writes a table per owner, each with its own ambulances as rows; with --vehicles it is refused", () => {
    const out = join(dir, "demo-by-owner.yaml");
    const result = akutt("optimise", "compliance", DEMO, "--by-owner", "--out", out, "--json");
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { tables: Array<{ owner: string; table: string[][] }> };
    const ambulances = loadScenarioFile(DEMO).vehicles.filter((vehicle) => vehicle.type === "ambulance");
    expect(printed.tables.map((table) => table.owner)).toEqual([...new Set(ambulances.map((vehicle) => vehicle.owner))].sort());
    for (const { owner, table } of printed.tables) expect(table).toHaveLength(ambulances.filter((vehicle) => vehicle.owner === owner).length);
    expect(loadScenarioFile(out).policies.relocation).toEqual({ name: "compliance-table", tables: Object.fromEntries(printed.tables.map(({ owner, table }) => [owner, table])) });
    const refused = akutt("optimise", "compliance", DEMO, "--by-owner", "--vehicles", "3", "--out", join(dir, "never-owner.yaml"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^akutt: --by-owner gives each owner as many rows as it has ambulances; leave out --vehicles/m);
    expect(existsSync(join(dir, "never-owner.yaml"))).toBe(false);
  }, 120_000);
});
