import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioTextIssues } from "../testing/scenario-issues.js";
import { parseScenario } from "./load.js";

const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
const RELOCATION_LINE = "  relocation: { name: return-home }";
/** The demo with its relocation policy replaced by `lines` (YAML under `policies`). */
const withRelocation = (lines: string) => {
  const text = readFileSync(demoFile, "utf8");
  if (!text.includes(RELOCATION_LINE)) throw new Error("the demo's relocation line moved; update this test");
  return text.replace(RELOCATION_LINE, lines);
};
const lineIn = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;
const issuesOf = (text: string) => scenarioTextIssues(text, dirname(demoFile));

describe("policies.relocation: dynamic-mexclp", () => {
  it("takes the documented defaults", () => {
    const scenario = parseScenario(withRelocation("  relocation: { name: dynamic-mexclp }"), "demo.yaml", dirname(demoFile));
    expect(scenario.policies.relocation).toEqual({ name: "dynamic-mexclp", busyFraction: 0.3, coverageSec: 720 });
  });

  it("rejects a busy fraction outside (0, 1), with file, line and field", () => {
    for (const bad of ["0", "1", "-0.2", "1.5"]) {
      const text = withRelocation(`  relocation:\n    name: dynamic-mexclp\n    busyFraction: ${bad}`);
      const [issue] = issuesOf(text);
      expect(issue).toMatchObject({ file: "demo.yaml", field: "policies.relocation.busyFraction", line: lineIn(text, "busyFraction:") });
    }
  });

  it("rejects a non-positive coverage threshold and an unknown base", () => {
    const zero = withRelocation("  relocation:\n    name: dynamic-mexclp\n    coverageSec: 0");
    expect(issuesOf(zero)[0]).toMatchObject({ field: "policies.relocation.coverageSec", line: lineIn(zero, "coverageSec:") });
    const unknown = withRelocation("  relocation:\n    name: dynamic-mexclp\n    bases: [st-lier, st-liar]");
    const [issue] = issuesOf(unknown);
    expect(issue).toMatchObject({ field: "policies.relocation.bases[1]", line: lineIn(unknown, "bases:") });
    expect(issue!.message).toContain('unknown base "st-liar"');
    expect(issue!.message).toContain('"st-drammen"');
  });

  it("rejects an unknown field (strict)", () => {
    const text = withRelocation("  relocation:\n    name: dynamic-mexclp\n    busyFraktion: 0.4");
    expect(issuesOf(text)[0]).toMatchObject({ field: "policies.relocation.busyFraktion", line: lineIn(text, "busyFraktion") });
  });
});

describe("policies.relocation: compliance-table", () => {
  it("accepts a table with k bases in row k", () => {
    const scenario = parseScenario(withRelocation("  relocation:\n    name: compliance-table\n    table:\n      - [st-drammen]\n      - [st-drammen, st-lier]"), "demo.yaml", dirname(demoFile));
    expect(scenario.policies.relocation).toEqual({ name: "compliance-table", table: [["st-drammen"], ["st-drammen", "st-lier"]] });
  });

  it("rejects a row of the wrong length and an unknown base, naming row and place", () => {
    const text = withRelocation("  relocation:\n    name: compliance-table\n    table:\n      - [st-drammen]\n      - [st-drammen]\n      - [st-drammen, st-lier, st-nowhere]");
    const issues = issuesOf(text);
    expect(issues).toContainEqual(expect.objectContaining({ field: "policies.relocation.table[1]", line: lineIn(text, "table:") + 2 }));
    expect(issues.find((issue) => issue.field === "policies.relocation.table[1]")!.message).toContain("needs 2 bases, not 1");
    expect(issues).toContainEqual(expect.objectContaining({ field: "policies.relocation.table[2][2]", line: lineIn(text, "st-nowhere") }));
  });

  it("accepts a table per owner, and rejects an unknown owner, a bad row in an owner's table, and both or neither of table and tables", () => {
    const good = parseScenario(withRelocation("  relocation:\n    name: compliance-table\n    tables:\n      vv:\n        - [st-drammen]\n        - [st-drammen, st-lier]"), "demo.yaml", dirname(demoFile));
    expect(good.policies.relocation).toEqual({ name: "compliance-table", tables: { vv: [["st-drammen"], ["st-drammen", "st-lier"]] } });
    const unknown = withRelocation("  relocation:\n    name: compliance-table\n    tables:\n      nobody:\n        - [st-drammen]");
    const [issue] = issuesOf(unknown);
    // The line of the owner's table (its value).
    expect(issue).toMatchObject({ field: "policies.relocation.tables.nobody", line: lineIn(unknown, "nobody:") + 1 });
    expect(issue!.message).toContain('unknown owner "nobody"; expected an organisation: "vv"');
    const badRow = withRelocation("  relocation:\n    name: compliance-table\n    tables:\n      vv:\n        - [st-drammen]\n        - [st-drammen, st-nowhere]");
    expect(issuesOf(badRow)).toContainEqual(expect.objectContaining({ field: "policies.relocation.tables.vv[1][1]", line: lineIn(badRow, "st-nowhere") }));
    for (const text of [withRelocation("  relocation:\n    name: compliance-table"), withRelocation("  relocation:\n    name: compliance-table\n    table: [[st-lier]]\n    tables: { vv: [[st-lier]] }")]) {
      const [both] = issuesOf(text);
      expect(both).toMatchObject({ field: "policies.relocation" });
      expect(both!.message).toContain("give either table (one for all ambulances) or tables (one per owner)");
    }
  });

  it("rejects an empty table", () => {
    const text = withRelocation("  relocation:\n    name: compliance-table\n    table: []");
    expect(issuesOf(text)[0]).toMatchObject({ field: "policies.relocation.table", line: lineIn(text, "table: []") });
  });
});
