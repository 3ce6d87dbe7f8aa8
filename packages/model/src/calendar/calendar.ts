/**
 * Local time in Europe/Oslo for a simulation that counts seconds from its start instant.
 * Demand profiles and shifts are given in local clock time, so daylight-saving changes
 * matter: a night shift on the last Sunday of March is an hour shorter.
 */
export interface SimulationCalendar {
  readonly timeZone: string;
  /** Local hour of week at a simulation time: 0 = Monday 00–01 … 167 = Sunday 23–24. */
  hourOfWeekAt(simSec: number): number;
  /** Simulation second of local clock time `minuteOfDay` on the local day `dayIndex` days after the start day. */
  simSecAtLocal(dayIndex: number, minuteOfDay: number): number;
  /** Weekday of the local start day: 0 = Monday … 6 = Sunday. */
  readonly startWeekday: number;
  /** The start instant as an ISO string with offset, for reports. */
  readonly startIso: string;
}

const DAY_MS = 86_400_000;

/** Calendar for a local start date-time such as "2025-01-06T00:00" in the given zone. */
export function createCalendar(startLocal: string, timeZone = "Europe/Oslo"): SimulationCalendar {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(startLocal);
  if (!match) throw new Error(`not a local date-time: ${startLocal}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const formatter = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const offsetMs = (utcMs: number): number => {
    const parts: Record<string, number> = {};
    for (const part of formatter.formatToParts(new Date(utcMs))) {
      if (part.type !== "literal") parts[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return asUtc - Math.floor(utcMs / 1000) * 1000;
  };
  /** UTC instant of a local wall-clock time; a time in the hour skipped in spring maps one hour later (02:30 → 03:30 summer time). */
  const localToUtc = (localAsUtcMs: number): number => {
    let guess = localAsUtcMs - offsetMs(localAsUtcMs);
    guess = localAsUtcMs - offsetMs(guess);
    return guess;
  };
  const startLocalAsUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const startUtcMs = localToUtc(startLocalAsUtc);
  const startDayLocalAsUtc = Date.UTC(year!, month! - 1, day!);
  const startWeekday = (new Date(startDayLocalAsUtc).getUTCDay() + 6) % 7;

  // Hour-of-week lookups are on the hot path of demand generation, so memoise per simulation hour.
  const hourTable: number[] = [];
  const hourOfWeekAt = (simSec: number): number => {
    const hourIndex = Math.floor(simSec / 3600);
    const cached = hourTable[hourIndex];
    if (cached !== undefined) return cached;
    const utcMs = startUtcMs + hourIndex * 3_600_000;
    const local = new Date(utcMs + offsetMs(utcMs));
    const weekday = (local.getUTCDay() + 6) % 7;
    const value = weekday * 24 + local.getUTCHours();
    if (hourIndex >= 0) hourTable[hourIndex] = value;
    return value;
  };

  const offsetText = (ms: number) => {
    const minutes = Math.round(ms / 60000);
    const sign = minutes < 0 ? "-" : "+";
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  };
  const startIso = `${startLocal.length === 16 ? `${startLocal}:00` : startLocal}${offsetText(offsetMs(startUtcMs))}`;

  return {
    timeZone,
    startWeekday,
    startIso,
    hourOfWeekAt,
    simSecAtLocal(dayIndex, minuteOfDay) {
      const localAsUtc = startDayLocalAsUtc + dayIndex * DAY_MS + minuteOfDay * 60_000;
      return (localToUtc(localAsUtc) - startUtcMs) / 1000;
    },
  };
}
