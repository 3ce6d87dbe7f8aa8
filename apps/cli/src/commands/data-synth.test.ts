import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/model";
import { syntheticFileName } from "./data-synth.js";

const ROOT = findRepoRoot();

describe("akutt data synth", () => {
  it("always puts SYNTHETIC in the extract's name", () => {
    expect(syntheticFileName("out/extract.csv")).toBe(join("out", "extract.SYNTHETIC.csv"));
    expect(syntheticFileName("out/SYNTHETIC-ab.csv")).toBe("out/SYNTHETIC-ab.csv");
    expect(syntheticFileName("x")).toBe("x.SYNTHETIC.csv");
  });

  it("refuses bad flags with exit code 2 before simulating", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-synth-"));
    const run = (...args: string[]) => spawnSync(process.execPath, [resolve(ROOT, "apps/cli/bin/akutt.js"), "data", "synth", resolve(ROOT, "scenarios/demo/demo.yaml"), ...args], { encoding: "utf8", cwd: dir });
    const tooLong = run("--days", "400", "--out", "x.csv");
    expect([tooLong.status, tooLong.stderr.trim()]).toEqual([2, "akutt: --days: at most 366"]);
    const badStart = run("--days", "2", "--out", "x.csv", "--start", "19.10.2026");
    expect([badStart.status, badStart.stderr.trim()]).toEqual([2, "akutt: --start: a date such as 2026-10-19"]);
  });
});
