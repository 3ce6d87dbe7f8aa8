import { existsSync } from "node:fs";
import { expect } from "vitest";
import type { AkuttOutcome } from "./akutt-process.js";

/**
 * A user mistake as every command must answer it: exit code 2, one clear line on standard error,
 * nothing on standard output and, when `notWritten` is given, no output file left behind.
 */
export function expectUserError(result: AkuttOutcome, message: RegExp, notWritten?: string): void {
  expect(result.code).toBe(2);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.stdout).toBe("");
  if (notWritten !== undefined) expect(existsSync(notWritten)).toBe(false);
}
