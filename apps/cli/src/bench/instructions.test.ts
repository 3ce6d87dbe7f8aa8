import { describe, expect, it } from "vitest";
import { InstructionCountUnavailable, childReplications, countInstructions, parseCachegrindSummary } from "./instructions.js";

describe("bench --instructions", () => {
  it("says valgrind is missing instead of failing on it", async () => {
    await expect(countInstructions("valgrind-that-is-not-installed")).rejects.toBeInstanceOf(InstructionCountUnavailable);
  });

  it("takes only a whole number of replications from 1 to 20 for its child process", () => {
    expect(childReplications("3")).toBe(3);
    for (const bad of ["", "0", "21", "2.5", "-1", "abc", "1e9"]) expect(() => childReplications(bad)).toThrow(RangeError);
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
