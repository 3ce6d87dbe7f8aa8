import { TRANSPORT_MISSIONS } from "@akutt/model";
import type { ReplicationResult, ScenarioIndex } from "@akutt/engine";
import { quantileSorted } from "../statistics/descriptive.js";

/** Transport groups of the report, in this order: urgent transfers, booked transfers, booked transports. */
export const TRANSPORT_GROUPS = ["urgentTransfer", "bookedTransfer", "booked"] as const;
export type TransportGroup = (typeof TRANSPORT_GROUPS)[number];

const URGENT = TRANSPORT_MISSIONS.indexOf("urgent-transfer");
const BOOKED = TRANSPORT_MISSIONS.indexOf("booked");

/**
 * One transport group in one replication. Population: requests made after warm-up. A request
 * with a window is on time if picked up (vehicle at the pickup) by the window's end; late if picked
 * up later, or not picked up by the end of the run although its window had ended. Lateness is
 * pickup − window end over the late ones (still waiting at the end: end of run − window end).
 */
export interface TransportGroupKpi {
  requests: number;
  pickedUp: number;
  /** Request (window start) → pickup, over those picked up. */
  meanPickupDelaySec: number | null;
  /** Requests whose window had ended by the end of the run, or that were picked up. */
  windowed: number;
  onTime: number;
  late: number;
  shareOnTime: number | null;
  meanLatenessSec: number | null;
  p90LatenessSec: number | null;
  /** Done by a vehicle that is not an ambulance (sick-transport): count and share of those with a vehicle. */
  bySimpleVehicle: number;
  shareBySimpleVehicle: number | null;
  /** Ambulance time on these missions: alerted → free (or the end of the run), seconds. */
  ambulanceSec: number;
}

export interface TransportKpis {
  /** Simulated days counted (after warm-up): the period of every count. */
  countedDays: number;
  groups: Record<TransportGroup, TransportGroupKpi>;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** Transport figures of one replication; undefined when the scenario has no transports section. */
export function computeTransportKpis(result: ReplicationResult, index: ScenarioIndex): TransportKpis | undefined {
  const transports = result.transports;
  if (!transports) return undefined;
  const log = result.incidents;
  const end = result.horizonSec;
  const acc = TRANSPORT_GROUPS.map(() => ({ requests: 0, pickedUp: 0, delaySum: 0, windowed: 0, onTime: 0, lateness: [] as number[], simple: 0, withVehicle: 0, ambulanceSec: 0 }));
  for (let k = 0; k < transports.count; k++) {
    const row = transports.firstRow + k;
    const ring = log.ringSec[row]!;
    if (log.inWarmUp[row] !== 0 || !(ring >= result.warmUpSec)) continue;
    const mission = transports.mission[k]!;
    const a = acc[mission === URGENT ? 0 : mission === BOOKED ? 2 : 1]!;
    a.requests++;
    const pickup = log.atSceneSec[row]!;
    if (Number.isFinite(pickup)) {
      a.pickedUp++;
      a.delaySum += pickup - ring;
    }
    const windowEnd = transports.windowEndSec[k]!;
    if (Number.isFinite(windowEnd) && (Number.isFinite(pickup) || windowEnd < end)) {
      a.windowed++;
      const at = Number.isFinite(pickup) ? pickup : end;
      if (at <= windowEnd) a.onTime++;
      else a.lateness.push(at - windowEnd);
    }
    const vehicle = log.vehicle[row]!;
    if (vehicle >= 0) {
      a.withVehicle++;
      if (index.vehicleTypes[vehicle] === "ambulance") {
        const free = log.freeSec[row]!;
        a.ambulanceSec += (Number.isFinite(free) ? free : end) - log.alertedSec[row]!;
      } else a.simple++;
    }
  }
  const groups = {} as Record<TransportGroup, TransportGroupKpi>;
  TRANSPORT_GROUPS.forEach((group, g) => {
    const a = acc[g]!;
    const sorted = Float64Array.from(a.lateness).sort();
    let latenessSum = 0;
    for (const value of sorted) latenessSum += value;
    groups[group] = {
      requests: a.requests,
      pickedUp: a.pickedUp,
      meanPickupDelaySec: ratio(a.delaySum, a.pickedUp),
      windowed: a.windowed,
      onTime: a.onTime,
      late: sorted.length,
      shareOnTime: ratio(a.onTime, a.windowed),
      meanLatenessSec: ratio(latenessSum, sorted.length),
      p90LatenessSec: sorted.length > 0 ? quantileSorted(sorted, 0.9) : null,
      bySimpleVehicle: a.simple,
      shareBySimpleVehicle: ratio(a.simple, a.withVehicle),
      ambulanceSec: a.ambulanceSec,
    };
  });
  return { countedDays: (result.horizonSec - result.warmUpSec) / 86_400, groups };
}
