import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/model";
import { syntheticFileName } from "./data-synth.js";

const ROOT = findRepoRoot();

describe("akutt data synth", () => {
  it("always puts SYNTHETIC in the extract's name", () => {
    expect(syntheticFileName("out/extract.csv")).toBe(join("out", "extract.SYNTHETIC.csv"));
    expect(syntheticFileName("out/SYNTHETIC-ab.csv")).toBe("out/SYNTHETIC-ab.csv");
    expect(syntheticFileName("x")).toBe("x.SYNTHETIC.csv");
    expect(syntheticFileName("out/extract.csv.gz")).toBe(join("out", "extract.SYNTHETIC.csv.gz"));
    expect(syntheticFileName("x.gz")).toBe("x.SYNTHETIC.csv.gz");
  });

  it("writes gzip for --out x.csv.gz, and the import reads it with the counts the sidecar promises", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-synth-gz-"));
    const scenario = resolve(ROOT, "scenarios/demo/demo.yaml");
    const akutt = (...args: string[]) => spawnSync(process.execPath, [resolve(ROOT, "apps/cli/bin/akutt.js"), ...args], { encoding: "utf8", cwd: dir });
    const synth = akutt("data", "synth", scenario, "--days", "3", "--out", "x.csv.gz");
    expect(synth.status, synth.stderr).toBe(0);
    const bytes = readFileSync(join(dir, "x.SYNTHETIC.csv.gz"));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(bytes).toString("utf8").split("\n")[0]).toMatch(/^synthetic,amk,incident_id,/);
    const sidecar = JSON.parse(readFileSync(join(dir, "x.SYNTHETIC.damage.json"), "utf8")) as { expectedImport: { stored: number }; extract: string };
    expect(sidecar.extract).toBe("x.SYNTHETIC.csv.gz");
    const imported = akutt("data", "import", "x.SYNTHETIC.csv.gz", "--warehouse", "w.duckdb", "--scenario", scenario, "--json");
    expect(imported.status, imported.stderr).toBe(0);
    const [report] = JSON.parse(imported.stdout) as Array<{ rowsStored: number }>;
    expect(report!.rowsStored).toBe(sidecar.expectedImport.stored);
  }, 120_000);

  it("refuses bad flags with exit code 2 before simulating", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-synth-"));
    const run = (...args: string[]) => spawnSync(process.execPath, [resolve(ROOT, "apps/cli/bin/akutt.js"), "data", "synth", resolve(ROOT, "scenarios/demo/demo.yaml"), ...args], { encoding: "utf8", cwd: dir });
    const tooLong = run("--days", "400", "--out", "x.csv");
    expect([tooLong.status, tooLong.stderr.trim()]).toEqual([2, "akutt: --days: at most 366"]);
    const badStart = run("--days", "2", "--out", "x.csv", "--start", "19.10.2026");
    expect([badStart.status, badStart.stderr.trim()]).toEqual([2, "akutt: --start: a date such as 2026-10-19"]);
  });
});
