import { LocalTimeFormatter } from "../export/local-time.js";

/** Local wall-clock intervals [from, to) where a zone's clock repeats (autumn) or skips (spring). */
export interface DstIntervals {
  /** Local times that happen twice: without an offset they name two instants. */
  repeated: Array<[string, string]>;
  /** Local times that never happen. */
  skipped: Array<[string, string]>;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const localText = (localMs: number) => new Date(localMs).toISOString().slice(0, 19).replace("T", " ");

/**
 * The zone's offset changes between the years given (inclusive), found by comparing offsets a day
 * apart and then hour by hour within the day that changed.
 */
export function dstIntervals(timeZone: string, fromYear: number, toYear: number): DstIntervals {
  const clock = new LocalTimeFormatter(timeZone);
  const result: DstIntervals = { repeated: [], skipped: [] };
  const end = Date.UTC(toYear + 1, 0, 1);
  for (let day = Date.UTC(fromYear, 0, 1); day < end; day += DAY_MS) {
    if (clock.offsetMin(day) === clock.offsetMin(day + DAY_MS)) continue;
    for (let hour = day; hour < day + DAY_MS; hour += HOUR_MS) {
      const before = clock.offsetMin(hour);
      const after = clock.offsetMin(hour + HOUR_MS);
      if (before === after) continue;
      const change = hour + HOUR_MS; // the UTC instant the offset changes
      const a = change + Math.min(before, after) * 60_000;
      const b = change + Math.max(before, after) * 60_000;
      (after < before ? result.repeated : result.skipped).push([localText(a), localText(b)]);
    }
  }
  return result;
}
