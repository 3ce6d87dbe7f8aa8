import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeLp } from "../mip/lp-format.js";
import type { MipModel } from "../mip/model.js";
import { mpsObjectiveFactor, writeMps } from "../mip/mps-format.js";

/**
 * Test helper: solves a model's written .lp or .mps file with CBC (Debian's coinor-cbc,
 * /usr/bin/cbc; scripts/install-test-deps.sh installs it), the second solver every MIP result is
 * checked against. Imported by tests only, as `@akutt/optimise/testing`: production code solves with HiGHS only.
 */

export interface CbcResult {
  /** First word(s) of CBC's solution file: "Optimal", "Infeasible", … */
  readonly status: string;
  /** In the model's own sense (an MPS file of a maximisation is negated; this undoes it). */
  readonly objective: number;
}

/** Whether the cbc binary runs here (tests that need it say so and skip otherwise). */
export function cbcAvailable(): boolean {
  return spawnSync("cbc", ["-quit"], { stdio: "ignore" }).status === 0;
}

/** Objectives agree when |a − b| ≤ 1e-6 · max(1, |a|). */
export function sameObjective(a: number, b: number, tolerance = 1e-6): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a));
}

export function solveWithCbc(model: MipModel, format: "lp" | "mps", timeLimitSec = 60): CbcResult {
  const dir = mkdtempSync(join(tmpdir(), "akutt-cbc-"));
  try {
    const file = join(dir, `model.${format}`);
    const solution = join(dir, "solution.txt");
    writeFileSync(file, format === "lp" ? writeLp(model) : writeMps(model));
    // ratioGap 0 and allowableGap 1e-9: prove optimality, as solveWithHighs's default gap does.
    const run = spawnSync("cbc", [file, "-sec", String(timeLimitSec), "-ratioGap", "0", "-allowableGap", "1e-9", "-solve", "-solu", solution], {
      encoding: "utf8",
      timeout: (timeLimitSec + 30) * 1000,
    });
    if (run.status !== 0) throw new Error(`cbc exited with ${run.status ?? run.signal}: ${run.stderr || run.stdout.slice(-500)}`);
    const firstLine = readFileSync(solution, "utf8").split("\n")[0] ?? "";
    const match = /^(.*?)\s*-\s*objective value\s+(\S+)/.exec(firstLine);
    if (match === null) throw new Error(`cbc solution file starts "${firstLine}"`);
    const factor = format === "mps" ? mpsObjectiveFactor(model) : 1;
    return { status: match[1]!.trim(), objective: factor * Number(match[2]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
