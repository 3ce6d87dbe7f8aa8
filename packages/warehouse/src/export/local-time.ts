/**
 * Formats instants as ISO 8601 local time with the zone's offset, e.g.
 * "2026-10-25T02:30:00.000000+01:00": unambiguous in the repeated autumn hour, and still the
 * local clock time an AMK system shows. Offsets are looked up once per UTC hour (zones change
 * offset on whole hours), so formatting millions of times stays cheap.
 */
export class LocalTimeFormatter {
  private readonly offsetMinByHour = new Map<number, number>();
  private readonly parts: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.parts = new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  /** Minutes east of UTC at the instant. */
  offsetMin(utcMs: number): number {
    const hour = Math.floor(utcMs / 3_600_000);
    let offset = this.offsetMinByHour.get(hour);
    if (offset === undefined) {
      const at = hour * 3_600_000;
      const p: Record<string, number> = {};
      for (const part of this.parts.formatToParts(new Date(at))) if (part.type !== "literal") p[part.type] = Number(part.value);
      offset = Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at) / 60_000);
      this.offsetMinByHour.set(hour, offset);
    }
    return offset;
  }

  /** Local time with microseconds and offset. */
  format(utcMs: number): string {
    const offset = this.offsetMin(utcMs);
    // Whole microseconds; the Date carries the milliseconds, the rest is appended.
    const micros = Math.round(utcMs * 1000);
    const wholeMs = Math.floor(micros / 1000);
    const local = new Date(wholeMs + offset * 60_000).toISOString(); // "YYYY-MM-DDTHH:MM:SS.mmmZ"
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.abs(offset);
    const extraMicros = String(micros - wholeMs * 1000).padStart(3, "0");
    return `${local.slice(0, 23)}${extraMicros}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  }
}
