import type { SimulationCalendar } from "@akutt/model";
import { AliasTable } from "../demand/alias-table.js";
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
export function generateTransports(transports: CompiledTransports, calendar: SimulationCalendar, horizonSec: number, streams: RandomStreams): GeneratedTransports {
  const random = streams.stream(STREAM.transportRequests, 0);
  const processes = transports.processes;
  const booked = transports.booked;
  const zoneTable = booked && booked.ratePerHourByZone.some((rate) => rate > 0) ? new AliasTable(booked.ratePerHourByZone) : undefined;
  const requestSec: number[] = [];
  const process: number[] = [];
  const zone: number[] = [];
  const flag: number[] = [];
  const hourlyRate = new Float64Array(processes.length);
  const hours = Math.ceil(horizonSec / 3600);
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
      requestSec.push(time);
      process.push(p);
      if (chosen.route >= 0) {
        zone.push(-1);
        flag.push(random.next() < transports.routes[chosen.route]!.monitoredShare ? 1 : 0);
      } else {
        zone.push(zoneTable!.sample(random));
        flag.push(random.next() < booked!.homeShare ? 1 : 0);
      }
      time -= Math.log(random.next()) / ratePerSec;
    }
  }
  return { count: requestSec.length, requestSec: Float64Array.from(requestSec), process: Int32Array.from(process), zone: Int32Array.from(zone), flag: Uint8Array.from(flag) };
}
