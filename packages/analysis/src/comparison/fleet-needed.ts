import type { ScenarioIndex } from "@akutt/engine";
import type { ReplicationKpis } from "../kpi/replication-kpis.js";
import { round6 } from "../report/estimate.js";
import { studentTQuantile } from "../statistics/student-t.js";
import { areaName, areasInScope, redAreaSeries } from "./area-series.js";
import { checkPaired, paired } from "./paired.js";
import type { FleetNeededArea, FleetNeededInput, FleetNeededRow, FleetPlanSimulated, OptimisedAreaFigures, PairedEstimate } from "./types.js";

/**
 * The fleet-needed rule for one area: the red median is no worse than the baseline's (the paired
 * interval reaches 0 or below) and the share within 12 min no worse (the interval reaches 0 or
 * above). Without an interval, the mean decides; without any figure, the area does not count.
 */
export function noWorseThanBaseline(median: PairedEstimate, share: PairedEstimate): boolean {
  const medianOk = median.mean === null || (median.ciLow ?? median.mean) <= 0;
  const shareOk = share.mean === null || (share.ciHigh ?? share.mean) >= 0;
  return medianOk && shareOk;
}

/** Not really worse than today, by noWorseThanBaseline; no figures: not kept. */
export function keepsToday(vs: OptimisedAreaFigures["vsReference"] | undefined): boolean {
  return vs !== null && vs !== undefined && noWorseThanBaseline(vs.responseMedianSec, vs.shareWithinTarget);
}

/**
 * The fleet iteration's check of a simulated plan: all areas together and every focus area (every
 * area when there is no focus) no worse than today by noWorseThanBaseline; `failing`: the focus
 * areas that are worse. An area without figures does not keep the level.
 */
export function fleetPlanCheck(plan: FleetPlanSimulated, focusAreas: readonly string[]): { keeps: boolean; overallKeeps: boolean; failing: string[] } {
  const overallKeeps = noWorseThanBaseline(plan.vsToday.responseMedianSec, plan.vsToday.shareWithinTarget);
  const scope = focusAreas.length === 0 ? plan.areas.map((area) => area.areaCode) : focusAreas;
  const failing = scope.filter((code) => !keepsToday(plan.areas.find((area) => area.areaCode === code)?.vsReference));
  return { keeps: overallKeeps && failing.length === 0, overallKeeps, failing };
}

export interface FleetCheck {
  areas: FleetNeededArea[];
  /** Every area in scope no worse than the baseline. */
  met: boolean;
  /** How far the variant is from the baseline level: Σ over areas of the mean worsening, red median in minutes + share within 12 min in percentage points. 0 when no area is worse on average. */
  shortfall: number;
}

/**
 * The paired interval as it would be with `replications` instead of its own n: the half-width
 * scaled by √(n / replications) and the ratio of the Student-t quantiles, around the same mean.
 */
export function projectInterval(p: PairedEstimate, replications: number, level: number): PairedEstimate {
  if (p.mean === null || p.halfWidth === null || p.n < 2 || replications <= p.n) return p;
  const q = 1 - (1 - level) / 2;
  const halfWidth = p.halfWidth * Math.sqrt(p.n / replications) * (studentTQuantile(q, replications - 1) / studentTQuantile(q, p.n - 1));
  return { ...p, halfWidth, ciLow: p.mean - halfWidth, ciHigh: p.mean + halfWidth };
}

/**
 * A variant against the baseline on the fleet-needed rule, over the focus areas (all areas without
 * focus). With `projectTo`, the rule is judged on the intervals projected to that many replications
 * (projectInterval): a search on few replications would otherwise pass almost anything, its
 * intervals being wide.
 */
export function fleetCheck(baselineIndex: ScenarioIndex, baselineKpis: ReplicationKpis[], variantIndex: ScenarioIndex, variantKpis: ReplicationKpis[], focus: string[], level: number, projectTo?: number): FleetCheck {
  checkPaired("fleet needed", variantKpis, baselineKpis);
  let shortfall = 0;
  const areas = areasInScope(baselineIndex, focus).map((code) => {
    const base = redAreaSeries(baselineIndex, baselineKpis, code);
    const variant = redAreaSeries(variantIndex, variantKpis, code);
    const responseMedianSec = paired(variant.median, base.median, level, null);
    const shareWithin12Min = paired(variant.share, base.share, level, null);
    shortfall += Math.max(0, responseMedianSec.mean ?? 0) / 60 + Math.max(0, -(shareWithin12Min.mean ?? 0)) * 100;
    const judged = projectTo === undefined ? { median: responseMedianSec, share: shareWithin12Min } : { median: projectInterval(responseMedianSec, projectTo, level), share: projectInterval(shareWithin12Min, projectTo, level) };
    return { areaCode: code, areaName: areaName(baselineIndex, code), responseMedianSec, shareWithin12Min, noWorse: noWorseThanBaseline(judged.median, judged.share) };
  });
  return { areas, met: areas.every((area) => area.noWorse), shortfall };
}

export function fleetNeededRow(input: FleetNeededInput, focus: string[], level: number, ambulanceHourCost: number | null): FleetNeededRow {
  const check = fleetCheck(input.confirm.baselineIndex, input.confirm.baselineKpis, input.confirm.variantIndex, input.confirm.variantKpis, focus, level);
  const hours = input.added.reduce((sum, added) => sum + added.ambulanceHoursPerYear, 0);
  return {
    variantId: input.variantId,
    searchReplications: input.searchReplications,
    confirmReplications: input.confirm.baselineKpis.length,
    maxSteps: input.maxSteps,
    trials: input.trials,
    added: input.added.map((added) => ({ ...added })),
    addedAmbulanceHoursPerYear: hours,
    addedCostPerYear: ambulanceHourCost === null ? null : round6(hours * ambulanceHourCost),
    searchMet: input.searchMet,
    confirmed: check.met,
    areas: check.areas,
  };
}
