import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot, loadMunicipalityProjection, resolveDataDir } from "@akutt/geo";
import { akutt } from "../testing/akutt-process.js";

const REPO_ROOT = findRepoRoot();
const DEMO = resolve(REPO_ROOT, "scenarios/demo/demo.yaml");
const hasData = existsSync(join(resolveDataDir(), "population/kommune-projection-2025-2050.csv"));

/** A copy of the demo (with its own zones) in a fresh folder, edited. */
function demoCopy(edit: (text: string) => string = (text) => text): string {
  const dir = mkdtempSync(join(tmpdir(), "akutt-project-"));
  const file = join(dir, "demo.yaml");
  writeFileSync(file, edit(readFileSync(DEMO, "utf8")));
  return file;
}

describe.skipIf(!hasData)("akutt project: bad input", () => {
  it("refuses a year outside the projection, a year that is not a year, and no year, with exit code 2", () => {
    const outside = akutt("project", DEMO, "--year", "2060", "--out", join(mkdtempSync(join(tmpdir(), "akutt-project-")), "x.yaml"));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("year 2060: the population projection covers 2025–2050");
    expect(outside.stderr).not.toMatch(/\n\s+at /);
    expect(akutt("project", DEMO, "--year", "next").stderr).toContain('--year must be a whole year, e.g. 2035, got "next"');
    expect(akutt("project", DEMO, "--year", "next").code).toBe(2);
    expect(akutt("project", DEMO).code).toBe(2);
  });

  it("refuses an unknown alternative, naming the scenario's", () => {
    const result = akutt("project", DEMO, "--year", "2035", "--alternative", "medium");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown projection alternative "medium"; the scenario has "population", "activity-3pct", "activity-4pct"');
  });

  it("names file, line and field of an area in no known municipality, and writes nothing", () => {
    const file = demoCopy((text) => text.replaceAll('"3312"', '"9998"'));
    const out = join(file, "..", "demo-2035.yaml");
    const result = akutt("project", file, "--year", "2035");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/demo\.yaml:\d+:\d+: areas\[1\]\.code: no municipality "9998"/);
    expect(existsSync(out)).toBe(false);
  });

  it("will not write the overlay over the scenario it extends", () => {
    const file = demoCopy();
    const before = readFileSync(file, "utf8");
    const result = akutt("project", file, "--year", "2035", "--out", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("would overwrite");
    expect(readFileSync(file, "utf8")).toBe(before);
  });
});

describe.skipIf(!hasData)("akutt project", () => {
  it("writes an overlay beside the scenario that validates, and prints each area's factors and the age note", () => {
    const file = demoCopy();
    const result = akutt("project", file, "--year", "2035", "--language", "en");
    expect(result.code).toBe(0);
    const out = join(file, "..", "demo-2035.yaml");
    expect(readFileSync(out, "utf8")).toContain('extends: "demo.yaml"');
    const lier = loadMunicipalityProjection(resolveDataDir()).byCode.get("3312")!;
    expect(result.stdout).toMatch(new RegExp(`Lier \\(3312\\)\\s+3312\\s+${lier.get(2025)!.toLocaleString("en-GB")} → ${lier.get(2035)!.toLocaleString("en-GB")}`));
    expect(result.stdout).toContain("Age structure held at 2026's");
    expect(akutt("validate", out).code).toBe(0);
  });

  it("names the file after a non-default alternative", () => {
    const file = demoCopy();
    expect(akutt("project", file, "--year", "2050", "--alternative", "activity-4pct").code).toBe(0);
    expect(existsSync(join(file, "..", "demo-2050-activity-4pct.yaml"))).toBe(true);
  });
});

describe.skipIf(!hasData)("akutt compare --years: bad input, refused before anything runs", () => {
  const COMPARISON = resolve(REPO_ROOT, "scenarios/asker-baerum");
  it("a year outside the projection, a malformed list, an unknown growth alternative, and --years with --no-projections", () => {
    const outside = akutt("compare", COMPARISON, "--years", "2026,2060", "--no-sensitivity");
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('--years/--growth (variant "today"): year 2060: the population projection covers 2025–2050');
    const malformed = akutt("compare", COMPARISON, "--years", "2035,next");
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--years must be up to 10 whole years separated by commas, e.g. 2026,2035,2050, got "2035,next"');
    const growth = akutt("compare", COMPARISON, "--years", "2035", "--growth", "high", "--no-sensitivity");
    expect(growth.code).toBe(2);
    expect(growth.stderr).toContain('unknown projection alternative "high"');
    const both = akutt("compare", COMPARISON, "--years", "2035", "--no-projections");
    expect(both.code).toBe(2);
    expect(both.stderr).not.toMatch(/\n\s+at /);
  });
});
