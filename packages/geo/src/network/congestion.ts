import { z } from "zod";
import { GeoInputError } from "../errors/geo-errors.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, "a clock time HH:MM");

export const congestionPeriodSchema = z.strictObject({
  days: z.union([z.enum(["all", "weekdays", "weekend"]), z.array(z.enum(WEEKDAYS)).min(1)]).default("weekdays"),
  from: clock,
  to: clock,
  /** Travel times are multiplied by this in the period (1.3 = 30 % slower). */
  factor: z.number().min(1).max(5),
});
export type CongestionPeriod = z.infer<typeof congestionPeriodSchema>;

const SLOT_SEC = 300;
const SLOTS_PER_WEEK = (7 * 24 * 3600) / SLOT_SEC;

/**
 * Time-of-day congestion: a factor per 5-minute slot of the week, starting Monday 00:00 local time.
 * Where periods overlap the largest factor applies. Daylight-saving shifts are ignored.
 */
export class CongestionProfile {
  private readonly factors: Float32Array;
  private readonly startOffsetSec: number;
  readonly active: boolean;

  constructor(periods: readonly CongestionPeriod[], simStartLocal: string | undefined) {
    this.factors = new Float32Array(SLOTS_PER_WEEK).fill(1);
    this.active = periods.length > 0;
    if (this.active && !simStartLocal) {
      throw new GeoInputError("travel.options.congestion needs the simulation start (travel.options.simStart, e.g. 2025-01-06T00:00) to know the time of day");
    }
    this.startOffsetSec = simStartLocal ? secondsSinceMonday(simStartLocal) : 0;
    for (const period of periods) {
      const days = period.days === "all" ? [0, 1, 2, 3, 4, 5, 6] : period.days === "weekdays" ? [0, 1, 2, 3, 4] : period.days === "weekend" ? [5, 6] : period.days.map((d) => WEEKDAYS.indexOf(d));
      const fromMin = minutes(period.from);
      let toMin = minutes(period.to);
      if (toMin <= fromMin) toMin += 24 * 60;
      for (const day of days) {
        for (let m = fromMin; m < toMin; m += SLOT_SEC / 60) {
          const slot = ((day * 24 * 60 + m) * 60) / SLOT_SEC;
          const index = Math.floor(slot) % SLOTS_PER_WEEK;
          if (period.factor > this.factors[index]!) this.factors[index] = period.factor;
        }
      }
    }
  }

  factorAt(simSec: number): number {
    if (!this.active) return 1;
    const slot = Math.floor((this.startOffsetSec + simSec) / SLOT_SEC) % SLOTS_PER_WEEK;
    return this.factors[slot < 0 ? slot + SLOTS_PER_WEEK : slot]!;
  }
}

function minutes(clockTime: string): number {
  const [h, m] = clockTime.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Seconds from Monday 00:00 of the same week to a local date-time "YYYY-MM-DDTHH:MM[:SS]". */
export function secondsSinceMonday(local: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new GeoInputError(`simulation start '${local}' is not a local date-time YYYY-MM-DDTHH:MM`);
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  return weekday * 86400 + Number(h) * 3600 + Number(mi) * 60 + Number(s ?? 0);
}
