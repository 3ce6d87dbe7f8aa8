import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/geo";
import { cbcAvailable, sameObjective } from "@akutt/optimise/testing";
import { akuttAsync } from "../testing/akutt-process.js";

const REPO_ROOT = findRepoRoot();
const DEMO = resolve(REPO_ROOT, "scenarios/demo/demo.yaml");

function optionsFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "akutt-optimise-")), "options.yaml");
  writeFileSync(file, text);
  return file;
}

describe("akutt optimise: bad input is one clear line or file:line: field, exit 2, no stack trace", () => {
  const cases: Array<[string, string[], RegExp]> = [
    ["unknown model", ["--model", "kmeans"], /^akutt: --model: .*"mexclp"/m],
    ["busy fraction out of range", ["--busy-fraction", "1.5"], /^akutt: --busy-fraction: /m],
    ["busy fraction not a number", ["--busy-fraction", "lots"], /^akutt: --busy-fraction: expected a number, got "lots"/m],
    ["vehicles not a count", ["--vehicles", "2.5"], /^akutt: --vehicles: expected a whole number/m],
    ["vehicle range backwards", ["--vehicles", "24..20"], /^akutt: --vehicles: a range A\.\.B needs/m],
    ["alternative on a scenario file", ["--alternative", "2"], /^akutt: --alternative needs a comparison/m],
    ["unknown fixed site", ["--fixed", "nowhere"], /^akutt: fixed: "nowhere" is not a candidate site/m],
    ["unknown candidate zone", ["--zones", "no-such-zone"], /^akutt: candidates\.zones: unknown zone "no-such-zone"/m],
  ];
  for (const [name, flags, message] of cases) {
    it(name, async () => {
      const result = await akuttAsync("optimise", "siting", DEMO, ...flags);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("fleet: a target out of range, or an options file with a bad shift, exit 2", async () => {
    const result = await akuttAsync("optimise", "fleet", DEMO, "--target", "1.5");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^akutt: --target: /m);
    const bad = optionsFile("fleet:\n  shifts:\n    - { id: night, lengthH: 30, startHours: [22] }\n");
    const second = await akuttAsync("optimise", "fleet", DEMO, "--options", bad);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/options\.yaml:3:\d+: fleet\.shifts\[0\]\.lengthH: /);
  });

  it("an options file with an unknown field or a bad value: file, line and field", async () => {
    const unknown = optionsFile("siting:\n  model: mexclp\n  busyFractoin: 0.4\n");
    const result = await akuttAsync("optimise", "siting", DEMO, "--options", unknown);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/options\.yaml:3:\d+: siting\.busyFractoin: unknown field "busyFractoin"; expected one of the documented fields \(docs\/optimisation\.md\)/);
    const bad = optionsFile("siting:\n  thresholdMin:\n    tettbygd: -12\n");
    const second = await akuttAsync("optimise", "siting", DEMO, "--options", bad);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/options\.yaml:3:\d+: siting\.thresholdMin\.tettbygd: /);
  });

  it("an unknown alternative of a comparison names the known ones", async () => {
    const result = await akuttAsync("optimise", "siting", resolve(REPO_ROOT, "scenarios/asker-baerum"), "--alternative", "9");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^akutt: --alternative: unknown id "9"; expected one of "today", "0\+"/m);
  });

  it("constraints that cannot hold: infeasible and exit 2; the model is still written, to be inspected", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "akutt-optimise-")), "models");
    const result = await akuttAsync("optimise", "siting", DEMO, "--vehicles", "30", "--max-per-site", "1", "--write-model", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/infeasible/);
    expect(result.stdout).toMatch(/the constraints cannot all be met/);
    expect(readdirSync(dir).sort()).toEqual(["mexclp-30.lp", "mexclp-30.mps"]);
  });
});

describe("akutt optimise siting on the demo", () => {
  it("prints the objective and the allocation against today, and writes .lp and .mps files CBC solves to the same optimum", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "akutt-optimise-")), "models");
    const result = await akuttAsync("optimise", "siting", DEMO, "--vehicles", "4..5", "--write-model", dir, "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { results: Array<{ vehicles: number; status: string; objective: number; allocation: Array<{ vehicles: number }> }> };
    expect(report.results.map((r) => r.vehicles)).toEqual([4, 5]);
    for (const r of report.results) {
      expect(r.status).toBe("optimal");
      expect(r.allocation.reduce((sum, site) => sum + site.vehicles, 0)).toBe(r.vehicles);
    }
    expect(readdirSync(dir).sort()).toEqual(["mexclp-4.lp", "mexclp-4.mps", "mexclp-5.lp", "mexclp-5.mps"]);
    if (cbcAvailable()) {
      for (const r of report.results) {
        for (const ext of ["lp", "mps"]) {
          const file = join(dir, `mexclp-${r.vehicles}.${ext}`);
          const run = spawnSync("cbc", [file, "-ratioGap", "0", "-solve", "-solu", `${file}.sol`], { encoding: "utf8" });
          expect(run.status).toBe(0);
          const objective = Number(/objective value\s+(\S+)/.exec(readFileSync(`${file}.sol`, "utf8"))![1]);
          // The MPS file of a maximisation minimises the negated objective (docs/optimisation.md).
          expect(sameObjective(ext === "mps" ? -objective : objective, r.objective)).toBe(true);
        }
      }
    }
    const text = await akuttAsync("optimise", "siting", DEMO, "--vehicles", "4");
    expect(text.stdout).toMatch(/MEXCLP, 4 vehicles: optimal, objective 0\.\d{6}/);
    expect(text.stdout).toMatch(/expected coverage \(q = 0\.3\)/);
    expect(existsSync(join(REPO_ROOT, "mexclp-4.lp"))).toBe(false);
  });
});

describe("akutt optimise siting --out plan.yaml (without --rank)", () => {
  it("writes the best plan as an overlay variant that loads, with nothing else beside it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-optimise-out-"));
    const out = join(dir, "plans", "plan.yaml");
    const result = await akuttAsync("optimise", "siting", DEMO, "--vehicles", "9", "--zones", "all", "--out", out, "--json");
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { results: Array<{ allocation: Array<{ siteId: string; kind: string; vehicles: number; currentVehicles: number }> }> };
    const text = readFileSync(out, "utf8");
    expect(text).toMatch(/^# Best MEXCLP plan for 9 ambulances/);
    // `extends` is relative to the written file, so the variant opens from where it lies.
    expect(text).toMatch(/\nextends: \.\.\/.*demo\.yaml\n/);
    expect(readdirSync(join(dir, "plans"))).toEqual(["plan.yaml"]);
    const loaded = await akuttAsync("validate", out);
    expect(loaded.code, loaded.stderr).toBe(0);
    // A station the MIP empties is closed or thinned in the overlay; one it fills gets vehicles.
    const changed = report.results[0]!.allocation.filter((site) => site.vehicles !== site.currentVehicles);
    if (changed.length > 0) expect(text).toMatch(/vehicles:/);
  }, 180_000);

  it("bad paths: a file as folder, a folder as file, a scenario source, a range of sizes: exit 2, one line, nothing written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-optimise-out-"));
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    const cases: Array<[string[], RegExp]> = [
      [["--out", join(file, "plan.yaml")], /^akutt: --out .*: .*not-a-folder is a file, not a folder/m],
      [["--out", dir], /^akutt: --out .*: is a folder/m],
      [["--out", DEMO], /^akutt: --out .*: would overwrite .*demo\.yaml, a file the scenario is read from/m],
      [["--vehicles", "4..5", "--out", join(dir, "plan.yaml")], /^akutt: --out writes the plan of one fleet size/m],
    ];
    for (const [flags, message] of cases) {
      const result = await akuttAsync("optimise", "siting", DEMO, ...flags);
      expect(result.code, flags.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir)).toEqual(["not-a-folder"]);
    expect(readFileSync(file, "utf8")).toBe("x");
  }, 180_000);

  it("an infeasible problem writes no plan", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "akutt-optimise-out-")), "plan.yaml");
    const result = await akuttAsync("optimise", "siting", DEMO, "--vehicles", "30", "--max-per-site", "1", "--out", out);
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 180_000);
});
