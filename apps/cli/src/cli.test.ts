import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/geo";
import { akutt } from "./testing/akutt-process.js";

const REPO_ROOT = findRepoRoot();

const DEMO = resolve(REPO_ROOT, "scenarios/demo/demo.yaml");

function brokenDemo(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "akutt-cli-"));
  const file = join(dir, "broken.yaml");
  writeFileSync(file, edit(readFileSync(DEMO, "utf8")));
  return file;
}

describe("akutt command line", () => {
  it("validates the demo", () => {
    const result = akutt("validate", DEMO);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("valid");
  });

  it("rejects a bad scenario with file, line and field, exit code 2 and no stack trace", () => {
    const file = brokenDemo((text) => text.replace("{ id: lier-amb, type: ambulance, station: st-lier }", "{ id: lier-amb, type: ambulance, station: nowhere }"));
    const result = akutt("validate", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+: vehicles\[2\]\.station: unknown station "nowhere"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects a bad AMK after-call work, time off the phone or repeat calls with file, line, field and exit code 2", () => {
    const anchor = "      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n";
    const offPhone = akutt("validate", brokenDemo((text) => text.replace(anchor, `${anchor}    offPhone: { share: 1.5 }\n`)));
    expect(offPhone.code).toBe(2);
    expect(offPhone.stderr).toMatch(/broken\.yaml:\d+:\d+: amkCentres\[0\]\.offPhone\.share: /);
    const afterCall = akutt("validate", brokenDemo((text) => text.replace(anchor, `${anchor}    afterCallWork:\n      advice: { kind: exponential, mean: 0, unit: min }\n`)));
    expect(afterCall.code).toBe(2);
    expect(afterCall.stderr).toMatch(/broken\.yaml:\d+:\d+: amkCentres\[0\]\.afterCallWork\.advice\.mean: /);
    expect(afterCall.stderr).not.toMatch(/\n\s+at /);
    const repeat = akutt("validate", brokenDemo((text) => text.replace(anchor, `${anchor}    repeatCalls: { share: 0.1, extraCalls: 0, talk: { kind: fixed, value: 30, unit: s } }\n`)));
    expect(repeat.code).toBe(2);
    expect(repeat.stderr).toMatch(/broken\.yaml:\d+:\d+: amkCentres\[0\]\.repeatCalls\.extraCalls: /);
  });

  it("writes nothing to --out when the scenario is bad", () => {
    const file = brokenDemo((text) => text.replace("durationDays: 28", "durationDays: -1"));
    const out = join(mkdtempSync(join(tmpdir(), "akutt-out-")), "results");
    const result = akutt("simulate", file, "--out", out);
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(resolve(out, ".."))).toEqual([]);
  });

  it("rejects bad flags with exit code 2", () => {
    expect(akutt("simulate", DEMO, "--replications", "zero").code).toBe(2);
    expect(akutt("simulate", DEMO, "--no-such-flag").code).toBe(2);
    expect(akutt("simulate", "missing.yaml").stderr).toContain("cannot read the file");
  });

  it("prints byte-identical JSON for the same seed, and different figures for another seed", () => {
    const first = akutt("simulate", DEMO, "--json", "--replications", "2", "--seed", "7");
    const second = akutt("simulate", DEMO, "--json", "--replications", "2", "--seed", "7");
    const other = akutt("simulate", DEMO, "--json", "--replications", "2", "--seed", "8");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    expect(other.stdout).not.toBe(first.stdout);
    const report = JSON.parse(first.stdout);
    expect(report.format).toBe("akutt-simulation-report");
    expect(report.run.replications).toBe(2);
  });

  it("writes the report and the incident log with --out", () => {
    const out = join(mkdtempSync(join(tmpdir(), "akutt-out-")), "results");
    const result = akutt("simulate", DEMO, "--out", out, "--replications", "2");
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["amk.csv", "incidents.csv", "report.json", "report.md"]);
    // One AMK in the demo: its whole day and three shifts, then the same for all AMKs.
    const amkRows = readFileSync(join(out, "amk.csv"), "utf8").trim().split("\n");
    expect(amkRows[0]).toContain("share_answered_within_10s");
    expect(amkRows.map((row) => row.split(",")[2])).toEqual(["shift", "all", "day", "evening", "night", "all", "day", "evening", "night"]);
    const rows = readFileSync(join(out, "incidents.csv"), "utf8").trim().split("\n");
    expect(rows[0]).toContain("ring_sec");
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const incidentsPerReplication = report.responseTimes.overall.find((group: { urgency: string }) => group.urgency === "all").figures.incidents.mean;
    // The CSV holds warm-up incidents too, so it has at least as many rows as the report counts.
    expect(rows.length - 1).toBeGreaterThanOrEqual(2 * incidentsPerReplication);
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("# ");
  });
});

describe("akutt compare", () => {
  it("compares today's Asker and Bærum with the alternatives and writes the report files", () => {
    const out = join(mkdtempSync(join(tmpdir(), "akutt-compare-")), "report");
    // The optimisation section has its own test (commands/compare.test.ts) on a smaller scenario.
    const result = akutt("compare", resolve(REPO_ROOT, "scenarios/asker-baerum"), "--replications", "2", "--no-sensitivity", "--no-projections", "--no-optimise", "--out", out, "--language", "en");
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["comparison.en.html", "comparison.html", "comparison.json", "comparison.md"]);
    const report = JSON.parse(readFileSync(join(out, "comparison.json"), "utf8"));
    expect(report.variants.map((variant: { id: string }) => variant.id)).toEqual(["today", "0+", "1", "2", "3", "2R"]);
    const html = readFileSync(join(out, "comparison.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
    expect(result.stdout).toContain("Bærum (3201)");
  }, 240_000);

  it("rejects a bad factors or fleetNeeded field with file, line, field and exit code 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-compare-bad-"));
    writeFileSync(join(dir, "comparison.yaml"), 'comparison: 1\nname: x\nbaseline: { id: today, label: Today, file: base.yaml }\nalternatives:\n  - { id: "2", label: "2", file: alt.yaml }\nfleetNeeded:\n  alternatives: ["2"]\n  maxSteps: 0\n');
    const result = akutt("compare", dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/comparison\.yaml:8:\d+: fleetNeeded\.maxSteps: /);
    expect(result.stderr).not.toContain("    at ");
  });

  it("rejects unknown or conflicting workload-mechanism flags with exit code 2 before simulating", () => {
    const unknown = akutt("compare", "scenarios/asker-baerum", "--without", "multi-unit,teleportation");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown mechanism "teleportation"');
    expect(unknown.stderr).toContain("known: amk-workload, unavailability, transports, multi-unit");
    const empty = akutt("compare", "scenarios/asker-baerum", "--without", ",");
    expect(empty.code).toBe(2);
    const both = akutt("compare", "scenarios/asker-baerum", "--mechanism-steps", "--without", "multi-unit");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("leave out --without");
    for (const result of [unknown, empty, both]) expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("rejects a folder without comparison.yaml with exit code 2", () => {
    const result = akutt("compare", tmpdir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("comparison.yaml");
  });
});
