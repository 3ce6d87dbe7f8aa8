import type { SimulationCalendar } from "@akutt/model";
import type { CompiledDemand } from "../compile/compile.js";
import { FRESH_COLUMNS, columnCapacity, type ColumnSource } from "../columns/columns.js";
import { STREAM, type RandomStreams } from "../random/random.js";
import { AliasTable } from "./alias-table.js";

/** Incidents in ringing order: when, where and how urgent. */
export interface GeneratedIncidents {
  count: number;
  ringSec: Float64Array;
  zone: Int32Array;
  urgency: Uint8Array;
}

/**
 * Non-homogeneous Poisson arrivals, piecewise constant per local hour: within each simulated hour
 * the rate is fixed, so exponential gaps restarted at each hour boundary are exact (memorylessness).
 * Depends only on demand, calendar and seed, so scenarios that share demand share incidents.
 */
export function generateIncidents(demand: CompiledDemand, calendar: SimulationCalendar, horizonSec: number, streams: RandomStreams, columns: ColumnSource = FRESH_COLUMNS): GeneratedIncidents {
  const urgencyCount = demand.ratePerHourByZone.length;
  const totalPerHour = demand.ratePerHourByZone.map((rates) => rates.reduce((sum, rate) => sum + rate, 0));
  const zoneTables = demand.ratePerHourByZone.map((rates, u) => (totalPerHour[u]! > 0 ? new AliasTable(rates) : undefined));
  const arrivals = streams.stream(STREAM.arrivals, 0);

  let expected = 0;
  for (let u = 0; u < urgencyCount; u++) expected += totalPerHour[u]! * (Math.max(0, Math.min(horizonSec, demand.windowEndSec ?? horizonSec) - (demand.windowStartSec ?? 0)) / 3600);
  let capacity = columnCapacity(expected);
  let ringSec = columns.float64("incidents.ringSec", capacity, 0);
  let zone = columns.int32("incidents.zone", capacity, 0);
  let urgency = columns.uint8("incidents.urgency", capacity, 0);
  let count = 0;

  const hourlyRate = new Float64Array(urgencyCount);
  // Calls ring only inside the arrival window (the whole run unless demand.window says otherwise).
  const windowStart = Math.max(0, demand.windowStartSec ?? 0);
  const windowEnd = Math.min(horizonSec, demand.windowEndSec ?? horizonSec);
  const hours = Math.ceil(windowEnd / 3600);
  for (let hour = Math.floor(windowStart / 3600); hour < hours; hour++) {
    const clockHourStart = hour * 3600;
    const hourStart = Math.max(windowStart, clockHourStart);
    const hourEnd = Math.min(windowEnd, clockHourStart + 3600);
    if (hourEnd <= hourStart) continue;
    const hourOfWeek = calendar.hourOfWeekAt(clockHourStart);
    let rate = 0;
    for (let u = 0; u < urgencyCount; u++) {
      hourlyRate[u] = totalPerHour[u]! * demand.profile[u]![hourOfWeek]!;
      rate += hourlyRate[u]!;
    }
    if (rate <= 0) continue;
    const ratePerSec = rate / 3600;
    let time = hourStart - Math.log(arrivals.next()) / ratePerSec;
    while (time < hourEnd) {
      let pick = arrivals.next() * rate;
      let u = 0;
      while (u < urgencyCount - 1 && pick >= hourlyRate[u]!) pick -= hourlyRate[u++]!;
      if (count === capacity) {
        capacity *= 2;
        ringSec = columns.grown("incidents.ringSec", ringSec, capacity);
        zone = columns.grown("incidents.zone", zone, capacity);
        urgency = columns.grown("incidents.urgency", urgency, capacity);
      }
      ringSec[count] = time;
      zone[count] = zoneTables[u]!.sample(arrivals);
      urgency[count] = u;
      count++;
      time -= Math.log(arrivals.next()) / ratePerSec;
    }
  }
  return { count, ringSec: ringSec.subarray(0, count), zone: zone.subarray(0, count), urgency: urgency.subarray(0, count) };
}
