import type { SimulationCalendar } from "@akutt/model";
import type { IncidentLog, ReplicationResult, ScenarioIndex } from "@akutt/engine";
import { HOURS_PER_WEEK } from "@akutt/optimise";

/**
 * The busy fraction of the fleet MIP (MEXCLP's q: the chance that an ambulance on duty cannot take a
 * call) measured in a simulation instead of assumed (docs/optimisation.md "Keeping today's level").
 *
 * Busy: from the alert for a mission (any kind: emergency, transfer, booked transport) to when the
 * transporting ambulance is ready for a new job (after any cleaning), clipped to the run after
 * warm-up. Not counted (they make q a little low): first-responder and extra-unit roles of
 * multi-unit incidents, breaks and out-of-service time. On duty: the scenario's ambulance shifts.
 *
 * Pooled by local hour of the day (24 values, the same every day of the week) rather than by hour
 * of the week: a 26-day run holds each hour of the week only 3–4 times, each hour of the day 26
 * times, so the per-hour ratio's standard error is about √7 ≈ 2.6 times smaller, and the fleet
 * iteration takes the largest q seen so far (a max of noisy figures drifts upward with the noise).
 */

export const HOURS_PER_DAY = 24;
const HOUR_SEC = 3600;

/** One replication's ambulance-seconds busy and on duty by local hour of the day (0 = 00–01), after warm-up. */
export interface BusySample {
  busySec: number[];
  onDutySec: number[];
}

/** What busySample reads of a replication (a few arrays, so a test can build one by hand). */
export type BusyInput = Pick<ReplicationResult, "horizonSec" | "warmUpSec"> & {
  incidents: Pick<IncidentLog, "count" | "vehicle" | "alertedSec" | "freeSec">;
  availability?: Pick<NonNullable<ReplicationResult["availability"]>, "readySec"> | undefined;
};

/**
 * Busy and on-duty ambulance-seconds of one replication by local hour of the day. `onDutyByHourOfWeek`:
 * ambulances on duty in each local hour of the week (168 values) by the scenario's shifts.
 */
export function busySample(result: BusyInput, index: Pick<ScenarioIndex, "vehicleTypes">, calendar: Pick<SimulationCalendar, "hourOfWeekAt">, onDutyByHourOfWeek: ArrayLike<number>): BusySample {
  if (onDutyByHourOfWeek.length !== HOURS_PER_WEEK) throw new RangeError(`on duty by hour of week: ${HOURS_PER_WEEK} values needed, got ${onDutyByHourOfWeek.length}`);
  const busySec = new Array<number>(HOURS_PER_DAY).fill(0);
  const onDutySec = new Array<number>(HOURS_PER_DAY).fill(0);
  const from = result.warmUpSec;
  const to = result.horizonSec;
  // Spreads [start, end) over the simulation's hours, each added to its local hour of the day.
  const spread = (start: number, end: number, add: (hourOfWeek: number, sec: number) => void) => {
    for (let i = Math.floor(start / HOUR_SEC); i * HOUR_SEC < end; i++) {
      const sec = Math.min(end, (i + 1) * HOUR_SEC) - Math.max(start, i * HOUR_SEC);
      if (sec > 0) add(calendar.hourOfWeekAt(i * HOUR_SEC), sec);
    }
  };
  spread(from, to, (hw, sec) => (onDutySec[hw % HOURS_PER_DAY]! += sec * onDutyByHourOfWeek[hw]!));
  const { incidents } = result;
  const ready = result.availability?.readySec;
  for (let row = 0; row < incidents.count; row++) {
    const vehicle = incidents.vehicle[row]!;
    if (vehicle < 0 || index.vehicleTypes[vehicle] !== "ambulance") continue;
    const alerted = incidents.alertedSec[row]!;
    if (!Number.isFinite(alerted)) continue;
    const readyAt = ready?.[row];
    const freeAt = incidents.freeSec[row]!;
    // Ready after cleaning when known; else free; still on the job when the run ended: busy to the end.
    const end = readyAt !== undefined && Number.isFinite(readyAt) ? readyAt : Number.isFinite(freeAt) ? freeAt : to;
    spread(Math.max(from, alerted), Math.min(to, end), (hw, sec) => (busySec[hw % HOURS_PER_DAY]! += sec));
  }
  return { busySec, onDutySec };
}

/** The busy fraction by local hour of the day over replications: Σ busy ÷ Σ on duty (0 in an hour with no ambulance on duty). */
export function busyFractionByHourOfDay(samples: readonly BusySample[]): number[] {
  if (samples.length === 0) throw new RangeError("busy fraction: no replication measured it");
  return Array.from({ length: HOURS_PER_DAY }, (_, h) => {
    let busy = 0;
    let onDuty = 0;
    for (const sample of samples) {
      busy += sample.busySec[h]!;
      onDuty += sample.onDutySec[h]!;
    }
    return onDuty > 0 ? busy / onDuty : 0;
  });
}

/** 24 values by hour of the day as 168 by hour of the week (the same every day). */
export function byHourOfWeek(byHourOfDay: readonly number[]): Float64Array {
  return Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => byHourOfDay[h % HOURS_PER_DAY]!);
}
