import { describe, expect, it } from "vitest";
import { InstructionCountUnavailable, childJob, countInstructions, parseCachegrindSummary, parseMissions } from "./instructions.js";

describe("bench --instructions", () => {
  it("says valgrind is missing instead of failing on it", async () => {
    await expect(countInstructions("valgrind-that-is-not-installed")).rejects.toBeInstanceOf(InstructionCountUnavailable);
  });

  it("asks its child process for the engine's replications or the floor's years, 1 to 20 of them, and nothing else", () => {
    for (const bad of [[], ["engine"], ["engine", ""], ["engine", "0"], ["engine", "21"], ["engine", "2.5"], ["engine", "-1"], ["engine", "1e1"], ["engine", " 3"], ["floor", "abc"], ["replications", "3"], ["3"], ["engine", "3", "4"]]) {
      expect(() => childJob(bad)).toThrow(RangeError);
    }
    expect(childJob(["engine", "12"])).toEqual({ kind: "engine", runs: 12 });
    expect(childJob(["floor", "1"])).toEqual({ kind: "floor", runs: 1 });
  });

  it("reads the missions the child printed, and no number from anything else", () => {
    for (const bad of ["", "\n", "0\n", "-5\n", "12 34\n", "1.5\n", "abc", "41674\nextra", "9999999999999\n"]) expect(parseMissions(bad)).toBeUndefined();
    expect(parseMissions("41674\n")).toBe(41_674);
    expect(parseMissions("525292")).toBe(525_292);
  });

  it("reads instructions, first- and last-level data misses and mispredicts from cachegrind's summary, and nothing from a cut-off one", () => {
    const summary = [
      "==6746== I   refs:      10,377,203,519",
      "==6746== D   refs:       4,441,430,472  (3,163,382,295 rd   + 1,278,048,177 wr)",
      "==6746== D1  misses:       121,316,455  (   98,951,852 rd   +    22,364,603 wr)",
      "==6746== LLd misses:        13,232,979  (    3,889,561 rd   +     9,343,418 wr)",
      "==6746== Mispredicts:      114,315,749  (  100,553,295 cond +    13,762,454 ind)",
    ].join("\n");
    expect(parseCachegrindSummary(summary)).toEqual({ instructions: 10_377_203_519, firstLevelMisses: 121_316_455, lastLevelMisses: 13_232_979, mispredicts: 114_315_749 });
    expect(parseCachegrindSummary(summary.split("\n").slice(0, 3).join("\n"))).toBeUndefined();
  });
});
