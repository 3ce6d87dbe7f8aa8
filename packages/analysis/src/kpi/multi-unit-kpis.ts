import { HOURS_PER_YEAR, type ReplicationResult } from "@akutt/engine";
import { quantileSorted } from "../statistics/descriptive.js";
import { estimate, type Estimate } from "../report/estimate.js";

/**
 * Multi-unit incidents and joint operations in one replication, for one urgency or all.
 * Population: emergency incidents (kind 0) that rang after warm-up (as GroupKpi). Counts are over the counted period
 * (horizon − warm-up); the report adds per-year figures.
 */
export interface MultiUnitGroupKpi {
  incidents: number;
  /** Incidents that needed two ambulances or more. */
  multiUnit: number;
  shareMultiUnit: number | null;
  /** Joint operations with police or fire. */
  joint: number;
  shareJoint: number | null;
  /** Ambulances sent: first units plus extras. */
  unitsSent: number;
  /** unitsSent / incidents. */
  unitsPerIncident: number | null;
  extrasSent: number;
  /** Extras never sent: the first unit left the scene first, or the incident was lost. */
  extrasCancelled: number;
  /** Extras that took a patient of their own. */
  extraTransports: number;
  /** Hours extra ambulances were busy, alert to free (still busy at the end: until the end). */
  extraUnitHours: number;
  /** Multi-unit incidents only: ring → the last needed ambulance at scene, over those where all arrived. */
  allAtSceneMeanSec: number | null;
  allAtSceneP90Sec: number | null;
}

export interface MultiUnitKpi {
  /** Seconds counted (horizon − warm-up). */
  countedSec: number;
  /** [red, yellow, green, all urgencies]. */
  byUrgency: MultiUnitGroupKpi[];
}

const GROUPS = 4;
const ALL = 3;

/** The replication's multi-unit figures, or undefined when the scenario had neither mechanism. */
export function computeMultiUnitKpis(result: ReplicationResult): MultiUnitKpi | undefined {
  const mu = result.multiUnit;
  if (!mu) return undefined;
  const log = result.incidents;
  // Emergencies (kind 0) only: transfers and booked transports never need extra units.
  const counted = (i: number) => log.inWarmUp[i] === 0 && log.ringSec[i]! >= result.warmUpSec && log.kind[i] === 0;
  const incidents = new Array<number>(GROUPS).fill(0);
  const multi = new Array<number>(GROUPS).fill(0);
  const joint = new Array<number>(GROUPS).fill(0);
  const firstSent = new Array<number>(GROUPS).fill(0);
  const cancelled = new Array<number>(GROUPS).fill(0);
  const allAtScene: number[][] = Array.from({ length: GROUPS }, () => []);
  for (let i = 0; i < log.count; i++) {
    if (!counted(i)) continue;
    const u = log.urgency[i]!;
    for (const g of [u, ALL]) {
      incidents[g]!++;
      if (mu.unitsNeeded[i]! > 1) multi[g]!++;
      joint[g]! += mu.joint[i]!;
      if (log.vehicle[i]! >= 0) firstSent[g]!++;
      cancelled[g]! += mu.extrasCancelled[i]!;
      if (mu.unitsNeeded[i]! > 1 && Number.isFinite(mu.allAtSceneSec[i]!)) allAtScene[g]!.push(mu.allAtSceneSec[i]! - log.ringSec[i]!);
    }
  }
  const extras = new Array<number>(GROUPS).fill(0);
  const transports = new Array<number>(GROUPS).fill(0);
  const busySec = new Array<number>(GROUPS).fill(0);
  const rows = mu.extraUnits;
  for (let r = 0; r < rows.count; r++) {
    const i = rows.incident[r]!;
    if (!counted(i)) continue;
    const free = rows.freeSec[r]!;
    const busy = (Number.isFinite(free) ? free : result.horizonSec) - rows.dispatchedSec[r]!;
    for (const g of [log.urgency[i]!, ALL]) {
      extras[g]!++;
      transports[g]! += rows.transported[r]!;
      busySec[g]! += busy;
    }
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const byUrgency = Array.from({ length: GROUPS }, (_, g): MultiUnitGroupKpi => {
    const times = allAtScene[g]!.sort((a, b) => a - b);
    return {
      incidents: incidents[g]!,
      multiUnit: multi[g]!,
      shareMultiUnit: ratio(multi[g]!, incidents[g]!),
      joint: joint[g]!,
      shareJoint: ratio(joint[g]!, incidents[g]!),
      unitsSent: firstSent[g]! + extras[g]!,
      unitsPerIncident: ratio(firstSent[g]! + extras[g]!, incidents[g]!),
      extrasSent: extras[g]!,
      extrasCancelled: cancelled[g]!,
      extraTransports: transports[g]!,
      extraUnitHours: busySec[g]! / 3600,
      allAtSceneMeanSec: times.length > 0 ? times.reduce((s, t) => s + t, 0) / times.length : null,
      allAtSceneP90Sec: times.length > 0 ? quantileSorted(times, 0.9) : null,
    };
  });
  return { countedSec: result.horizonSec - result.warmUpSec, byUrgency };
}

/** Multi-unit figures over replications; counts are per replication over `countedDays`, with per-year figures beside them. */
export interface MultiUnitFigures {
  incidents: Estimate;
  multiUnit: Estimate;
  multiUnitPerYear: Estimate;
  shareMultiUnit: Estimate;
  joint: Estimate;
  jointPerYear: Estimate;
  shareJoint: Estimate;
  unitsPerIncident: Estimate;
  extrasSent: Estimate;
  extrasCancelled: Estimate;
  extraTransports: Estimate;
  extraUnitHours: Estimate;
  extraUnitHoursPerYear: Estimate;
  allAtSceneMeanSec: Estimate;
  allAtSceneP90Sec: Estimate;
}

export const MULTI_UNIT_URGENCIES = ["red", "yellow", "green", "all"] as const;

export interface MultiUnitSection {
  /** Days counted per replication (after warm-up): the period of every count. */
  countedDays: number;
  byUrgency: Array<{ urgency: (typeof MULTI_UNIT_URGENCIES)[number]; figures: MultiUnitFigures }>;
}


/** Aggregates per-replication multi-unit KPIs; undefined when no replication has them. */
export function multiUnitSection(kpis: ReadonlyArray<MultiUnitKpi | undefined>, level: number, keep = false): MultiUnitSection | undefined {
  const present = kpis.filter((k): k is MultiUnitKpi => k !== undefined);
  if (present.length === 0) return undefined;
  const countedDays = present[0]!.countedSec / 86_400;
  const perYear = countedDays > 0 ? HOURS_PER_YEAR / 24 / countedDays : 0;
  return {
    countedDays,
    byUrgency: MULTI_UNIT_URGENCIES.map((urgency, g) => {
      const groups = present.map((k) => k.byUrgency[g]!);
      const count = (pick: (x: MultiUnitGroupKpi) => number, scale = 1) => estimate(groups.map((x) => pick(x) * scale), level, "nonNegative", keep);
      const share = (pick: (x: MultiUnitGroupKpi) => number | null) => estimate(groups.map(pick), level, "share", keep);
      const time = (pick: (x: MultiUnitGroupKpi) => number | null) => estimate(groups.map(pick), level, "nonNegative", keep);
      return {
        urgency,
        figures: {
          incidents: count((x) => x.incidents),
          multiUnit: count((x) => x.multiUnit),
          multiUnitPerYear: count((x) => x.multiUnit, perYear),
          shareMultiUnit: share((x) => x.shareMultiUnit),
          joint: count((x) => x.joint),
          jointPerYear: count((x) => x.joint, perYear),
          shareJoint: share((x) => x.shareJoint),
          unitsPerIncident: time((x) => x.unitsPerIncident),
          extrasSent: count((x) => x.extrasSent),
          extrasCancelled: count((x) => x.extrasCancelled),
          extraTransports: count((x) => x.extraTransports),
          extraUnitHours: count((x) => x.extraUnitHours),
          extraUnitHoursPerYear: count((x) => x.extraUnitHours, perYear),
          allAtSceneMeanSec: time((x) => x.allAtSceneMeanSec),
          allAtSceneP90Sec: time((x) => x.allAtSceneP90Sec),
        },
      };
    }),
  };
}
