import { execFile, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { findRepoRoot } from "@akutt/model";

/** The built command line the tests run as a user would (apps/cli/bin/akutt.js). */
export const AKUTT_BIN = resolve(findRepoRoot(), "apps/cli/bin/akutt.js");

export interface AkuttOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `akutt ARGS…` in the repository root and waits for it. */
export function akutt(...args: string[]): AkuttOutcome {
  return akuttIn(findRepoRoot(), ...args);
}

/** Runs `akutt ARGS…` in `cwd` (relative paths in ARGS resolve there) and waits for it. */
export function akuttIn(cwd: string, ...args: string[]): AkuttOutcome {
  const result = spawnSync(process.execPath, [AKUTT_BIN, ...args], { encoding: "utf8", cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `akutt ARGS…` in the repository root without blocking the test thread: long commands (a
 * simulation ranking) would otherwise stall vitest's messages to its workers.
 */
export function akuttAsync(...args: string[]): Promise<AkuttOutcome> {
  return new Promise((done) => {
    execFile(process.execPath, [AKUTT_BIN, ...args], { encoding: "utf8", cwd: findRepoRoot(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}
