import { estimate, paired, round6, type Estimate, type PairedEstimate } from "@akutt/analysis";
import type { PlanReplication, RedFigures, UnitResult } from "./units.js";

/** What orders the plans: the red share within target over all areas, the red median over all areas, or the worst area's red share within target. */
export const RANK_OBJECTIVES = ["share", "median", "worst-area"] as const;
export type RankObjective = (typeof RANK_OBJECTIVES)[number];

export const RANKING_FORMAT_VERSION = 1;

/** Paired differences of one plan against a reference plan (plan − reference), on the family's adjusted level. */
export interface PlanDifference {
  reference: string;
  shareWithinTarget: PairedEstimate;
  responseMedianSec: PairedEstimate;
  /** By the objective's figure: "better" or "worse" when its interval excludes 0, else "not distinguishable". */
  verdict: "better" | "worse" | "not distinguishable";
}

export interface AreaFigures {
  areaCode: string;
  shareWithinTarget: Estimate;
  responseMedianSec: Estimate;
  /** Against today, on the area table's adjusted level; null for today itself. */
  vsToday: { shareWithinTarget: PairedEstimate; responseMedianSec: PairedEstimate } | null;
}

export interface RankedPlan {
  rank: number;
  id: string;
  label: string;
  /** The objective's figure (mean over replications) that ordered the plans. */
  objectiveValue: number | null;
  /** All areas together, red incidents, on the confidence level. */
  shareWithinTarget: Estimate;
  responseMedianSec: Estimate;
  redIncidents: Estimate;
  vsBest: PlanDifference | null;
  vsToday: PlanDifference | null;
  areas: AreaFigures[];
}

export interface PlanRanking {
  format: number;
  objective: RankObjective;
  seed: number;
  replications: number;
  /** Confidence level of each plan's own figures. */
  level: number;
  /**
   * Multiple comparisons: each table of differences is a family whose intervals hold together with
   * probability ≥ `level` (Bonferroni): every interval in it is computed on 1 − (1 − level) / m.
   */
  multipleComparisons: { method: "bonferroni"; vsBest: { comparisons: number; level: number }; vsToday: { comparisons: number; level: number }; areas: { comparisons: number; level: number } };
  areas: Array<{ areaCode: string; areaName: string }>;
  best: string;
  today: string;
  plans: RankedPlan[];
}

export interface PlanSeries {
  id: string;
  label: string;
  replications: PlanReplication[];
}

/** Bonferroni: the level of each of m intervals so that all hold together with probability ≥ level. */
export function bonferroniLevel(level: number, comparisons: number): number {
  return comparisons <= 1 ? level : 1 - (1 - level) / comparisons;
}

/** The results of a plan's units, in replication order, checked to be complete and paired with the seed. */
export function planSeries(id: string, label: string, units: UnitResult[], replications: number): PlanSeries & { areaCodes: string[]; areaNames: string[] } {
  const first = units[0];
  if (!first) throw new RangeError(`plan ${id}: no results`);
  const all = units.flatMap((unit) => {
    if (unit.planId !== id) throw new RangeError(`plan ${id}: a result of plan ${unit.planId} among its units`);
    if (unit.areaCodes.join("\n") !== first.areaCodes.join("\n")) throw new RangeError(`plan ${id}: units with different areas`);
    return unit.replications;
  });
  all.sort((a, b) => a.replication - b.replication);
  if (all.length !== replications || all.some((rep, r) => rep.replication !== r)) {
    throw new RangeError(`plan ${id}: expected replications 0…${replications - 1}, got ${all.map((rep) => rep.replication).join(", ")}`);
  }
  return { id, label, replications: all, areaCodes: first.areaCodes, areaNames: first.areaNames };
}

type Value = number | null;
const series = (plan: PlanSeries, pick: (rep: PlanReplication) => RedFigures, key: keyof RedFigures): Value[] => plan.replications.map((rep) => pick(rep)[key]);
const meanOf = (values: Value[]): number | null => {
  const defined = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return defined.length === 0 ? null : defined.reduce((sum, value) => sum + value, 0) / defined.length;
};

/** The objective's figure of a plan (higher is better for shares; the median is negated so that higher is always better). */
function score(plan: PlanSeries, objective: RankObjective, areaCount: number): number | null {
  if (objective === "share") return meanOf(series(plan, (rep) => rep.overall, "shareWithinTarget"));
  if (objective === "median") {
    const median = meanOf(series(plan, (rep) => rep.overall, "responseMedianSec"));
    return median === null ? null : -median;
  }
  let worst: number | null = null;
  for (let a = 0; a < areaCount; a++) {
    const share = meanOf(series(plan, (rep) => rep.areas[a]!, "shareWithinTarget"));
    if (share !== null && (worst === null || share < worst)) worst = share;
  }
  return worst;
}

function difference(plan: PlanSeries, reference: PlanSeries, level: number, objective: RankObjective): PlanDifference {
  const shareWithinTarget = paired(series(plan, (rep) => rep.overall, "shareWithinTarget"), series(reference, (rep) => rep.overall, "shareWithinTarget"), level, null);
  const responseMedianSec = paired(series(plan, (rep) => rep.overall, "responseMedianSec"), series(reference, (rep) => rep.overall, "responseMedianSec"), level, null);
  // The worst-area objective is judged on the share over all areas: which area is worst may change from plan to plan.
  const judged = objective === "median" ? responseMedianSec : shareWithinTarget;
  const higherIsBetter = objective !== "median";
  let verdict: PlanDifference["verdict"] = "not distinguishable";
  if (judged.excludesZero && judged.mean !== null) verdict = judged.mean > 0 === higherIsBetter ? "better" : "worse";
  return { reference: reference.id, shareWithinTarget, responseMedianSec, verdict };
}

/**
 * Ranks plans simulated on the same seeds: by the objective's mean (ties: the red median over all
 * areas, then the order given), each plan with paired intervals against the best and against
 * today. `plans[0]` is today (the base scenario).
 */
export function rankPlans(plans: Array<PlanSeries & { areaCodes: string[]; areaNames: string[] }>, options: { objective: RankObjective; seed: number; replications: number; level: number }): PlanRanking {
  const today = plans[0];
  if (!today) throw new RangeError("no plans to rank");
  for (const plan of plans) {
    // Common random numbers: replication r of every plan ran on the same derived seed as today's.
    plan.replications.forEach((rep, r) => {
      if (rep.seed !== today.replications[r]?.seed) throw new RangeError(`plan ${plan.id}: replication ${rep.replication} is not paired with today's (seed ${rep.seed}, today ${today.replications[r]?.seed}); run every plan with the same seed`);
    });
    if (plan.areaCodes.join("\n") !== today.areaCodes.join("\n")) throw new RangeError(`plan ${plan.id} has other areas than today (${plan.areaCodes.join(", ")}); a plan may change stations and vehicles, not areas`);
  }
  const areaCount = today.areaCodes.length;
  const scored = plans.map((plan, order) => ({ plan, order, value: score(plan, options.objective, areaCount), median: meanOf(series(plan, (rep) => rep.overall, "responseMedianSec")) }));
  const sorted = [...scored].sort((a, b) => {
    if (a.value !== b.value) return a.value === null ? 1 : b.value === null ? -1 : b.value - a.value;
    if (a.median !== b.median) return a.median === null ? 1 : b.median === null ? -1 : a.median - b.median;
    return a.order - b.order;
  });
  const best = sorted[0]!.plan;
  const others = plans.length - 1;
  const vsBestLevel = bonferroniLevel(options.level, others);
  const vsTodayLevel = bonferroniLevel(options.level, others);
  const areaComparisons = others * areaCount;
  const areaLevel = bonferroniLevel(options.level, areaComparisons);
  const ranked: RankedPlan[] = sorted.map(({ plan, value }, position) => ({
    rank: position + 1,
    id: plan.id,
    label: plan.label,
    objectiveValue: value === null ? null : round6(options.objective === "median" ? -value : value),
    shareWithinTarget: estimate(series(plan, (rep) => rep.overall, "shareWithinTarget"), options.level, "share"),
    responseMedianSec: estimate(series(plan, (rep) => rep.overall, "responseMedianSec"), options.level, "nonNegative"),
    redIncidents: estimate(series(plan, (rep) => rep.overall, "incidents"), options.level, "nonNegative"),
    vsBest: plan === best ? null : difference(plan, best, vsBestLevel, options.objective),
    vsToday: plan === today ? null : difference(plan, today, vsTodayLevel, options.objective),
    areas: today.areaCodes.map((areaCode, a) => {
      const pick = (rep: PlanReplication) => rep.areas[a]!;
      return {
        areaCode,
        shareWithinTarget: estimate(series(plan, pick, "shareWithinTarget"), options.level, "share"),
        responseMedianSec: estimate(series(plan, pick, "responseMedianSec"), options.level, "nonNegative"),
        vsToday:
          plan === today
            ? null
            : {
                shareWithinTarget: paired(series(plan, pick, "shareWithinTarget"), series(today, pick, "shareWithinTarget"), areaLevel, null),
                responseMedianSec: paired(series(plan, pick, "responseMedianSec"), series(today, pick, "responseMedianSec"), areaLevel, null),
              },
      };
    }),
  }));
  return {
    format: RANKING_FORMAT_VERSION,
    objective: options.objective,
    seed: options.seed,
    replications: options.replications,
    level: options.level,
    multipleComparisons: {
      method: "bonferroni",
      vsBest: { comparisons: others, level: round6(vsBestLevel)! },
      vsToday: { comparisons: others, level: round6(vsTodayLevel)! },
      areas: { comparisons: areaComparisons, level: round6(areaLevel)! },
    },
    areas: today.areaCodes.map((areaCode, a) => ({ areaCode, areaName: today.areaNames[a] ?? areaCode })),
    best: best.id,
    today: today.id,
    plans: ranked,
  };
}

/** The ranking as JSON text: the same bytes for the same inputs, whichever runner ran the units. */
export function rankingToJson(ranking: PlanRanking): string {
  return `${JSON.stringify(ranking, null, 2)}\n`;
}
