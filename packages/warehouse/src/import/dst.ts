import { LocalTimeFormatter } from "../export/local-time.js";

/** A change of a zone's UTC offset. */
export interface OffsetChange {
  /** The UTC instant of the change, ms. */
  atUtcMs: number;
  beforeMin: number;
  afterMin: number;
}

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

/** The zone's offset changes between the years given (inclusive): offsets compared a day apart, then hour by hour. */
export function offsetChanges(timeZone: string, fromYear: number, toYear: number): { initialMin: number; changes: OffsetChange[] } {
  const clock = new LocalTimeFormatter(timeZone);
  const changes: OffsetChange[] = [];
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  for (let day = start; day < end; day += DAY_MS) {
    if (clock.offsetMin(day) === clock.offsetMin(day + DAY_MS)) continue;
    for (let hour = day; hour < day + DAY_MS; hour += HOUR_MS) {
      const beforeMin = clock.offsetMin(hour);
      const afterMin = clock.offsetMin(hour + HOUR_MS);
      if (beforeMin !== afterMin) changes.push({ atUtcMs: hour + HOUR_MS, beforeMin, afterMin });
    }
  }
  return { initialMin: clock.offsetMin(start), changes };
}

export function dstIntervals(timeZone: string, fromYear: number, toYear: number): DstIntervals {
  const result: DstIntervals = { repeated: [], skipped: [] };
  for (const { atUtcMs, beforeMin, afterMin } of offsetChanges(timeZone, fromYear, toYear).changes) {
    const from = localText(atUtcMs + Math.min(beforeMin, afterMin) * 60_000);
    const to = localText(atUtcMs + Math.max(beforeMin, afterMin) * 60_000);
    (afterMin < beforeMin ? result.repeated : result.skipped).push([from, to]);
  }
  return result;
}

/**
 * SQL for the UTC offset (minutes) of a local TIMESTAMP expression over the years given: a binary
 * search over the offset changes written as nested CASEs (about log2 of the changes — five
 * comparisons for ten years of Europe/Oslo — per value, where a flat CASE took one per change
 * before the value's own), far cheaper than a time-zone conversion per value. Local times in a
 * repeated or skipped hour get one of the two offsets; the importer quarantines them anyway.
 */
export function localOffsetSql(timeZone: string, fromYear: number, toYear: number, local: string): string {
  const { initialMin, changes } = offsetChanges(timeZone, fromYear, toYear);
  if (changes.length === 0) return String(initialMin);
  // Interval i (0 … n) is the local time before change i (i < n) or after the last one (i = n).
  const bound = (i: number) => `TIMESTAMP '${localText(changes[i]!.atUtcMs + Math.max(changes[i]!.beforeMin, changes[i]!.afterMin) * 60_000)}'`;
  const offset = (i: number) => (i < changes.length ? changes[i]!.beforeMin : changes[changes.length - 1]!.afterMin);
  const search = (lo: number, hi: number): string => {
    if (lo === hi) return String(offset(lo));
    const mid = Math.floor((lo + hi) / 2);
    return `CASE WHEN ${local} < ${bound(mid)} THEN ${search(lo, mid)} ELSE ${search(mid + 1, hi)} END`;
  };
  return search(0, changes.length);
}
