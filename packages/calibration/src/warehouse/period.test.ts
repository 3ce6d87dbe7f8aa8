import { describe, expect, it } from "vitest";
import { periodHours } from "./period.js";

describe("periodHours", () => {
  it("counts each local hour of week, with the DST nights' missing and doubled hours", () => {
    // 2026: summer time starts Sunday 29 March (02–03 skipped), ends Sunday 25 October (02–03 twice).
    const year = periodHours({ fromDate: "2026-01-01", toDate: "2026-12-31" }, "Europe/Oslo");
    expect(year.exposureHours.reduce((a, b) => a + b, 0)).toBe(365 * 24);
    expect((year.endMs - year.startMs) / 3_600_000).toBe(365 * 24);
    const sunday0203 = 6 * 24 + 2;
    expect(year.exposureHours[sunday0203]).toBe(52);
    expect(year.exposureHours[sunday0203 - 1]).toBe(52);
    expect(new Date(year.startMs).toISOString()).toBe("2025-12-31T23:00:00.000Z");
  });

  it.each([
    [{ fromDate: "2026-1-01", toDate: "2026-12-31" }, /--from must be a date YYYY-MM-DD/],
    [{ fromDate: "2026-02-30", toDate: "2026-12-31" }, /--from is not a calendar date/],
    [{ fromDate: "2026-03-01", toDate: "2026-02-01" }, /before --from/],
    [{ fromDate: "1900-01-01", toDate: "2026-02-01" }, /longer than/],
  ])("refuses a bad period %o", (period, message) => {
    expect(() => periodHours(period, "Europe/Oslo")).toThrow(message);
  });
});
