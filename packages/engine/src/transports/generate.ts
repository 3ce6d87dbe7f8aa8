import type { SimulationCalendar } from "@akutt/model";
import { AliasTable } from "../demand/alias-table.js";
import { FRESH_COLUMNS, columnCapacity, type ColumnSource } from "../columns/columns.js";
import { STREAM, type RandomStreams } from "../random/random.js";
import type { CompiledTransports } from "./compile-transports.js";

/** Transport requests in time order: when, which process (compiled.processes), and the draws that place them. */
export interface GeneratedTransports {
  count: number;
  requestSec: Float64Array;
  process: Int32Array;
  /** Home zone of a booked transport; -1 for transfers. */
  zone: Int32Array;
  /** Booked transfer: 1 if the patient needs monitoring. Booked transport: 1 if the trip goes home from hospital. */
  flag: Uint8Array;
}

/**
 * Non-homogeneous Poisson arrivals per local hour, as generateIncidents does for 113 calls, but on
 * their own stream (STREAM.transportRequests): switching transports on or changing their rates never
 * changes an emergency incident's random numbers.
 */
export function generateTransports(transports: CompiledTransports, calendar: SimulationCalendar, horizonSec: number, streams: RandomStreams, columns: ColumnSource = FRESH_COLUMNS): GeneratedTransports {
  const random = streams.stream(STREAM.transportRequests, 0);
  const processes = transports.processes;
  const booked = transports.booked;
  const zoneTable = booked && booked.ratePerHourByZone.some((rate) => rate > 0) ? new AliasTable(booked.ratePerHourByZone) : undefined;
  const hourlyRate = new Float64Array(processes.length);
  const hours = Math.ceil(horizonSec / 3600);
  // Typed columns sized for the expected count with a margin (as generateIncidents), grown if ever short:
  // a year's 100,000 requests pushed onto plain arrays and copied cost more than drawing them.
  let expected = 0;
  for (let hour = 0; hour < hours; hour++) {
    const hourOfWeek = calendar.hourOfWeekAt(hour * 3600);
    const fraction = (Math.min(horizonSec, hour * 3600 + 3600) - hour * 3600) / 3600;
    for (const chosen of processes) expected += chosen.ratePerHour * chosen.profile[hourOfWeek]! * fraction;
  }
  let capacity = columnCapacity(expected);
  let requestSec = columns.float64("transports.requestSec", capacity, 0);
  let process = columns.int32("transports.process", capacity, 0);
  let zone = columns.int32("transports.zone", capacity, 0);
  let flag = columns.uint8("transports.flag", capacity, 0);
  let count = 0;
  for (let hour = 0; hour < hours; hour++) {
    const hourStart = hour * 3600;
    const hourEnd = Math.min(horizonSec, hourStart + 3600);
    const hourOfWeek = calendar.hourOfWeekAt(hourStart);
    let rate = 0;
    for (let p = 0; p < processes.length; p++) {
      hourlyRate[p] = processes[p]!.ratePerHour * processes[p]!.profile[hourOfWeek]!;
      rate += hourlyRate[p]!;
    }
    if (rate <= 0) continue;
    const ratePerSec = rate / 3600;
    let time = hourStart - Math.log(random.next()) / ratePerSec;
    while (time < hourEnd) {
      let pick = random.next() * rate;
      let p = 0;
      while (p < processes.length - 1 && pick >= hourlyRate[p]!) pick -= hourlyRate[p++]!;
      const chosen = processes[p]!;
      if (count === capacity) {
        capacity *= 2;
        requestSec = columns.grown("transports.requestSec", requestSec, capacity);
        process = columns.grown("transports.process", process, capacity);
        zone = columns.grown("transports.zone", zone, capacity);
        flag = columns.grown("transports.flag", flag, capacity);
      }
      requestSec[count] = time;
      process[count] = p;
      if (chosen.route >= 0) {
        zone[count] = -1;
        flag[count] = random.next() < transports.routes[chosen.route]!.monitoredShare ? 1 : 0;
      } else {
        zone[count] = zoneTable!.sample(random);
        flag[count] = random.next() < booked!.homeShare ? 1 : 0;
      }
      count++;
      time -= Math.log(random.next()) / ratePerSec;
    }
  }
  return { count, requestSec: requestSec.subarray(0, count), process: process.subarray(0, count), zone: zone.subarray(0, count), flag: flag.subarray(0, count) };
}
