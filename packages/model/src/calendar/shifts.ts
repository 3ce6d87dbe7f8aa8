import type { ShiftSpec, Weekday } from "../scenario/schema.js";
import { WEEKDAYS } from "../scenario/schema.js";
import type { SimulationCalendar } from "./calendar.js";

const MINUTES_PER_WEEK = 7 * 24 * 60;

export function shiftWeekdays(days: ShiftSpec["days"]): Weekday[] {
  if (days === "all") return [...WEEKDAYS];
  if (days === "weekdays") return ["mon", "tue", "wed", "thu", "fri"];
  if (days === "weekend") return ["sat", "sun"];
  return [...days];
}

export function clockToMinutes(clock: string): number {
  const [hours, minutes] = clock.split(":").map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** Length of one occurrence of a shift in minutes; an end at or before the start runs past midnight. */
export function shiftLengthMin(shift: Pick<ShiftSpec, "start" | "end">): number {
  const start = clockToMinutes(shift.start);
  const end = clockToMinutes(shift.end);
  return end > start ? end - start : end + 24 * 60 - start;
}

/** Occurrences of a shift in a nominal week, as [start, end) minutes of week, split at the week's end. */
export function weeklyIntervals(shift: ShiftSpec): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const length = shiftLengthMin(shift);
  for (const day of shiftWeekdays(shift.days)) {
    const start = WEEKDAYS.indexOf(day) * 1440 + clockToMinutes(shift.start);
    const end = start + length;
    if (end <= MINUTES_PER_WEEK) out.push([start, end]);
    else {
      out.push([start, MINUTES_PER_WEEK]);
      out.push([0, end - MINUTES_PER_WEEK]);
    }
  }
  return out;
}

/** First pair of shifts that overlap in the week, as indices, or undefined. */
export function findOverlappingShifts(shifts: readonly ShiftSpec[]): [number, number] | undefined {
  const intervals = shifts.flatMap((shift, index) => weeklyIntervals(shift).map(([start, end]) => ({ start, end, index })));
  intervals.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < intervals.length; i++) {
    const previous = intervals[i - 1]!;
    const current = intervals[i]!;
    if (current.start < previous.end) {
      if (previous.index !== current.index) return [previous.index, current.index];
      return [current.index, current.index];
    }
  }
  return undefined;
}

/**
 * On-duty intervals in simulation seconds within [0, horizonSec), merged where they touch.
 * No shifts means on duty around the clock.
 */
export function dutyIntervals(shifts: readonly ShiftSpec[], calendar: SimulationCalendar, horizonSec: number): Array<[number, number]> {
  if (shifts.length === 0) return [[0, horizonSec]];
  const raw = shiftIntervals(shifts, calendar, horizonSec);
  const merged: Array<[number, number]> = [];
  for (const interval of raw) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([interval[0], interval[1]]);
  }
  return merged;
}

/**
 * Each shift occurrence on its own (sorted by start, clipped to the run, not merged): a crew's
 * shift, which a merged duty interval hides when shifts follow each other back to back.
 */
export function shiftIntervals(shifts: readonly ShiftSpec[], calendar: SimulationCalendar, horizonSec: number): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  const lastDay = Math.ceil(horizonSec / 86_400) + 1;
  for (let dayIndex = -1; dayIndex <= lastDay; dayIndex++) {
    const weekday = WEEKDAYS[(((calendar.startWeekday + dayIndex) % 7) + 7) % 7]!;
    for (const shift of shifts) {
      if (!shiftWeekdays(shift.days).includes(weekday)) continue;
      const startMin = clockToMinutes(shift.start);
      const startSec = calendar.simSecAtLocal(dayIndex, startMin);
      const endSec = calendar.simSecAtLocal(dayIndex, startMin + shiftLengthMin(shift));
      const from = Math.max(0, startSec);
      const to = Math.min(horizonSec, endSec);
      if (to > from) raw.push([from, to]);
    }
  }
  raw.sort((a, b) => a[0] - b[0]);
  return raw;
}
