import { describe, expect, it } from "vitest";
import { InstructionCountUnavailable, childReplications, countInstructions } from "./instructions.js";

describe("bench --instructions", () => {
  it("says valgrind is missing instead of failing on it", async () => {
    await expect(countInstructions("valgrind-that-is-not-installed")).rejects.toBeInstanceOf(InstructionCountUnavailable);
  });

  it("takes only a whole number of replications from 1 to 20 for its child process", () => {
    expect(childReplications("3")).toBe(3);
    for (const bad of ["", "0", "21", "2.5", "-1", "abc", "1e9"]) expect(() => childReplications(bad)).toThrow(RangeError);
  });
});
