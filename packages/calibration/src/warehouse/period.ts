import { createCalendar } from "@akutt/model";
import { HOURS_OF_WEEK } from "../demand/fit-demand.js";

/** Whole local days, `fromDate` to `toDate` inclusive (YYYY-MM-DD in the scenario's time zone). */
export interface Period {
  fromDate: string;
  toDate: string;
}

export class PeriodError extends Error {
  override readonly name = "PeriodError";
  readonly isUserError = true;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest period read: ten years of Helse Sør-Øst missions is what the issue sizes for; 30 years bounds the hour loop. */
export const MAX_PERIOD_DAYS = 30 * 366;

/** A YYYY-MM-DD calendar date as days since 1970-01-01 (time zone free); `flag` names it in the error. */
export function dayNumber(date: string, flag: string): number {
  const match = DATE.exec(date);
  if (!match) throw new PeriodError(`${flag} must be a date YYYY-MM-DD, got "${date}"`);
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) throw new PeriodError(`${flag} is not a calendar date: "${date}"`);
  return ms / 86_400_000;
}

/**
 * The period's instants and the hours of each local hour of week it holds, counted with the
 * engine's own calendar (a spring DST night has no 02–03, an autumn one two).
 */
export interface PeriodHours {
  period: Period;
  startMs: number;
  endMs: number;
  exposureHours: Float64Array;
}

export function periodHours(period: Period, timeZone: string): PeriodHours {
  const from = dayNumber(period.fromDate, "--from");
  const to = dayNumber(period.toDate, "--to");
  if (to < from) throw new PeriodError(`--to ${period.toDate} is before --from ${period.fromDate}`);
  const days = to - from + 1;
  if (days > MAX_PERIOD_DAYS) throw new PeriodError(`the period ${period.fromDate} … ${period.toDate} is longer than ${MAX_PERIOD_DAYS} days`);
  const calendar = createCalendar(`${period.fromDate}T00:00`, timeZone);
  const startMs = Date.parse(calendar.startIso);
  const endSec = calendar.simSecAtLocal(days, 0);
  const exposureHours = new Float64Array(HOURS_OF_WEEK);
  for (let hour = 0; hour * 3600 < endSec; hour++) {
    const h = calendar.hourOfWeekAt(hour * 3600);
    exposureHours[h] = exposureHours[h]! + 1;
  }
  return { period, startMs, endMs: startMs + endSec * 1000, exposureHours };
}
