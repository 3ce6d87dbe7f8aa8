import { describe, expect, it } from "vitest";
import { createCalendar } from "./calendar.js";
import { dutyIntervals, findOverlappingShifts } from "./shifts.js";

describe("Europe/Oslo calendar", () => {
  it("maps simulation time to local hour of week", () => {
    const calendar = createCalendar("2025-03-03T00:00"); // a Monday
    expect(calendar.startWeekday).toBe(0);
    expect(calendar.hourOfWeekAt(0)).toBe(0);
    expect(calendar.hourOfWeekAt(7.5 * 3600)).toBe(7);
    expect(calendar.hourOfWeekAt(6 * 86_400 + 23 * 3600)).toBe(167);
    expect(calendar.startIso).toBe("2025-03-03T00:00:00+01:00");
  });

  it("follows daylight saving time: after 30 March 2025 local hours run one ahead", () => {
    const calendar = createCalendar("2025-03-24T00:00");
    // Sunday 30 March 2025: 02:00 CET becomes 03:00 CEST. 7 days after start, simulated hour 3 is local 04:00.
    expect(calendar.hourOfWeekAt(6 * 86_400 + 1 * 3600)).toBe(6 * 24 + 1);
    expect(calendar.hourOfWeekAt(6 * 86_400 + 3 * 3600)).toBe(6 * 24 + 4);
    // Local 07:00 on the Sunday of the change is 23 h after local 07:00 on the Saturday; a day later, 24 h again.
    expect(calendar.simSecAtLocal(6, 7 * 60) - calendar.simSecAtLocal(5, 7 * 60)).toBe(23 * 3600);
    expect(calendar.simSecAtLocal(7, 7 * 60) - calendar.simSecAtLocal(6, 7 * 60)).toBe(24 * 3600);
  });

  it("gives a night shift on the night clocks go forward one hour less", () => {
    const calendar = createCalendar("2025-03-24T00:00");
    const intervals = dutyIntervals([{ days: ["sat"], start: "20:00", end: "08:00" }], calendar, 14 * 86_400);
    expect(intervals.map(([start, end]) => (end - start) / 3600)).toEqual([11, 12]);
  });

  it("merges back-to-back shifts and treats 00:00–24:00 as all day", () => {
    const calendar = createCalendar("2025-01-06T00:00");
    const horizon = 7 * 86_400;
    expect(dutyIntervals([{ days: "all", start: "00:00", end: "24:00" }], calendar, horizon)).toEqual([[0, horizon]]);
    expect(dutyIntervals([{ days: "all", start: "07:00", end: "19:00" }, { days: "all", start: "19:00", end: "07:00" }], calendar, horizon)).toEqual([[0, horizon]]);
  });

  it("finds overlapping shifts across midnight and the week's end", () => {
    expect(findOverlappingShifts([{ days: ["sun"], start: "22:00", end: "06:00" }, { days: ["mon"], start: "05:00", end: "07:00" }])).toEqual([0, 1]);
    expect(findOverlappingShifts([{ days: "weekdays", start: "07:00", end: "19:00" }, { days: "weekdays", start: "19:00", end: "07:00" }])).toBeUndefined();
  });
});
