import { describe, expect, it } from "vitest";
import { dstIntervals } from "./dst.js";

describe("dstIntervals", () => {
  it("finds Europe/Oslo's repeated and skipped hours (last Sundays of October and March)", () => {
    expect(dstIntervals("Europe/Oslo", 2026, 2026)).toEqual({ repeated: [["2026-10-25 02:00:00", "2026-10-25 03:00:00"]], skipped: [["2026-03-29 02:00:00", "2026-03-29 03:00:00"]] });
    expect(dstIntervals("UTC", 2020, 2030)).toEqual({ repeated: [], skipped: [] });
    expect(dstIntervals("Europe/Oslo", 2020, 2029).repeated).toHaveLength(10);
  });
});
