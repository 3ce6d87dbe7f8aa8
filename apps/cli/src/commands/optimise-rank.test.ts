import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/geo";
import { akuttAsync } from "../testing/akutt-process.js";

const ROOT = findRepoRoot();
const DEMO = resolve(ROOT, "scenarios/demo/demo.yaml");
const dir = mkdtempSync(join(tmpdir(), "akutt-rank-cli-"));

/** Runs the command line without blocking this thread (a long run would stall the test runner's messages). */

function plan(name: string, body: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `extends: ${DEMO}\n${body}`);
  return file;
}

describe("akutt optimise rank: bad input", () => {
  const good = plan("good", "vehicles:\n  - { id: lier-amb, count: 2 }\n");

  it("names the plan file, line and field of a bad overlay, exit 2, nothing written", async () => {
    const bad = plan("bad", "vehicles:\n  - { id: lier-amb, station: nowhere }\n");
    const out = join(dir, "out");
    const result = await akuttAsync("optimise", "rank", DEMO, good, bad, "--replications", "2", "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:3:\d+: vehicles\[\d+\]\.station: unknown station "nowhere"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  }, 180_000);

  it("refuses a queue URL that is not redis:// or rediss://, and other bad options, with exit 2", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--queue", "http://127.0.0.1:6379"], /only redis:\/\/ and rediss:\/\/ URLs are accepted/],
      [["--replications", "1"], /--replications must be at least 2/],
      [["--objective", "fastest"], /--objective must be one of share, median, worst-area/],
      [["--threads", "2", "--queue", "redis://127.0.0.1:1"], /--threads and --queue/],
    ];
    for (const [flags, message] of cases) {
      const result = await akuttAsync("optimise", "rank", DEMO, good, ...flags);
      expect(result.code, flags.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const worker = await akuttAsync("optimise", "worker", "--queue", "file:///etc/passwd");
    expect(worker.code).toBe(2);
    expect(worker.stderr).toMatch(/only redis:\/\/ and rediss:\/\//);
  }, 180_000);
});

describe("akutt optimise siting --rank", () => {
  it("ranks the MIP's best plans with today, writes every plan's overlay, and with --write-model every plan's MIP", async () => {
    const out = join(dir, "siting");
    const models = join(dir, "siting-models");
    mkdirSync(models);
    const result = await akuttAsync("optimise", "siting", DEMO, "--vehicles", "9", "--rank", "2", "--replications", "2", "--out", out, "--language", "en", "--write-model", models);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(models).sort()).toEqual(["mexclp-9-plan-1.lp", "mexclp-9-plan-1.mps", "mexclp-9-plan-2.lp", "mexclp-9-plan-2.mps"]);
    // Plan 2's MIP is plan 1's with the no-good cut that excludes plan 1.
    expect(readFileSync(join(models, "mexclp-9-plan-2.lp"), "utf8")).toMatch(/nogood1/);
    expect(readFileSync(join(models, "mexclp-9-plan-1.lp"), "utf8")).not.toMatch(/nogood/);
    expect(result.stdout).toMatch(/Ranking of plans by simulation/);
    const ranking = JSON.parse(readFileSync(join(out, "ranking.json"), "utf8"));
    expect(ranking.plans.map((plan: { id: string }) => plan.id).sort()).toEqual(["plan-1", "plan-2", "today"]);
    for (const name of ["plan-1.plan.yaml", "plan-2.plan.yaml", "ranking.md", "ranking.en.md"]) expect(existsSync(join(out, name)), name).toBe(true);
    expect(existsSync(join(out, "chosen.yaml"))).toBe(ranking.best !== "today");
    expect((await akuttAsync("validate", join(out, "plan-1.plan.yaml"))).code).toBe(0);
  }, 300_000);

  it("--compare: one command from today's scenario to an optimised, simulated and compared plan (DIR/report)", async () => {
    const out = join(dir, "siting-compare");
    // One ambulance more than today's nine: the plans beat today, so there is a chosen plan to compare.
    const result = await akuttAsync("optimise", "siting", DEMO, "--vehicles", "10", "--rank", "1", "--replications", "2", "--out", out, "--compare", "--language", "en");
    expect(result.code, result.stderr).toBe(0);
    const ranking = JSON.parse(readFileSync(join(out, "ranking.json"), "utf8"));
    expect(ranking.best).toBe("plan-1");
    for (const name of ["comparison.json", "comparison.html", "comparison.en.html", "comparison.md"]) expect(existsSync(join(out, "report", name)), name).toBe(true);
    const report = JSON.parse(readFileSync(join(out, "report", "comparison.json"), "utf8"));
    expect(report.variants.map((variant: { id: string }) => variant.id)).toEqual(["today", "plan-1"]);
    const refused = await akuttAsync("optimise", "siting", DEMO, "--compare");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^akutt: --compare compares today with the plan ranked first: give it with --rank N and --out DIR/m);
  }, 400_000);

  it("refuses --rank with a range of fleet sizes, exit 2", async () => {
    const result = await akuttAsync("optimise", "siting", DEMO, "--vehicles", "5..6", "--rank", "2");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--rank ranks the plans of one fleet size/);
  }, 180_000);
});
