import { SECONDS_PER_YEAR, type ProjectionAreaFigure, type ProjectionFirstMiss, type ProjectionRow, type ProjectionsInput, type ProjectionsReport } from "./types.js";
import { URGENCY_COUNT, type GroupKpi, type ReplicationKpis } from "../kpi/replication-kpis.js";
import { RED_RESPONSE_TARGET_SHARE, responseTargetSec } from "../kpi/targets.js";
import { estimate } from "../report/estimate.js";
import { paired } from "./paired.js";

type Variant = ProjectionsInput["runs"][number]["variants"][number];

const RED = 0;

function redShares(variant: Variant, code: string): Array<number | null> {
  const a = variant.index.areaCodes.indexOf(code);
  return variant.kpis.map((k) => (a < 0 ? null : ((k.byArea[a * URGENCY_COUNT + RED] as GroupKpi | undefined)?.shareWithinTarget ?? null)));
}

const perYear = (k: ReplicationKpis, count: number | undefined): number | null => {
  const years = Math.max(0, k.horizonSec - k.warmUpSec) / SECONDS_PER_YEAR;
  return years > 0 && count !== undefined ? count / years : null;
};

const samePairs = (a: ReplicationKpis[], b: ReplicationKpis[]) => a.length === b.length && a.every((k, i) => k.seed === b[i]!.seed);

/**
 * Each variant's red share within the national target per area and year, its margin to 90 %, the
 * paired change from the first year, and the first year it misses 90 % in any area in scope (focus
 * areas, else all): by the mean, and with the whole interval below.
 */
export function buildProjections(input: ProjectionsInput, focus: readonly string[], level: number): ProjectionsReport {
  const years = [...new Set(input.runs.map((run) => run.year))].sort((a, b) => a - b);
  const target = RED_RESPONSE_TARGET_SHARE;
  const scopeOf = (variant: Variant) => {
    const present = focus.filter((code) => variant.index.areaCodes.includes(code));
    return present.length > 0 ? present : variant.index.areaCodes;
  };
  const firstRun = new Map<string, Variant>();
  const rows: ProjectionRow[] = [];
  const runs = [...input.runs].sort((a, b) => a.year - b.year);
  for (const run of runs) {
    for (const variant of run.variants) {
      const key = `${run.growthId}\u0000${variant.variantId}`;
      const first = firstRun.get(key) ?? variant;
      if (!firstRun.has(key)) firstRun.set(key, variant);
      const areas: ProjectionAreaFigure[] = scopeOf(variant).map((code) => {
        const a = variant.index.areaCodes.indexOf(code);
        const shares = redShares(variant, code);
        const areaClass = variant.index.areaClasses[a] ?? "tettbygd";
        return {
          areaCode: code,
          areaName: variant.index.areaNames[a] ?? code,
          targetSec: responseTargetSec("red", areaClass),
          shareWithinTarget: estimate(shares, level, "share"),
          marginToTarget: estimate(shares.map((share) => (share === null ? null : share - target)), level, "free"),
          changeFromFirstYear: first === variant || !samePairs(first.kpis, variant.kpis) ? null : paired(shares, redShares(first, code), level, null),
        };
      });
      let worst: ProjectionAreaFigure | null = null;
      for (const area of areas) if (area.marginToTarget.mean !== null && (worst === null || area.marginToTarget.mean < worst.marginToTarget.mean!)) worst = area;
      rows.push({
        growthId: run.growthId,
        year: run.year,
        variantId: variant.variantId,
        replications: variant.kpis.length,
        redIncidentsPerYear: estimate(variant.kpis.map((k) => perYear(k, k.overall[RED]?.incidents)), level, "nonNegative"),
        areas,
        worstAreaCode: worst?.areaCode ?? null,
      });
    }
  }
  const firstMiss: ProjectionFirstMiss[] = [];
  for (const growth of input.growth) {
    const variantIds = [...new Set(rows.filter((row) => row.growthId === growth.id).map((row) => row.variantId))];
    for (const variantId of variantIds) {
      const own = rows.filter((row) => row.growthId === growth.id && row.variantId === variantId);
      const below = own.map((row) => ({ row, area: row.areas.find((area) => area.shareWithinTarget.mean !== null && area.shareWithinTarget.mean < target) })).find((entry) => entry.area);
      const clearly = own.map((row) => ({ row, area: row.areas.find((area) => area.shareWithinTarget.ciHigh !== null && area.shareWithinTarget.ciHigh < target) })).find((entry) => entry.area);
      firstMiss.push({
        growthId: growth.id,
        variantId,
        firstYearBelow: below?.row.year ?? null,
        areaBelow: below?.area?.areaCode ?? null,
        firstYearClearlyBelow: clearly?.row.year ?? null,
        areaClearlyBelow: clearly?.area?.areaCode ?? null,
        byArea: [...new Set(own.flatMap((row) => row.areas.map((area) => area.areaCode)))].map((areaCode) => {
          const figures = own.map((row) => ({ year: row.year, share: row.areas.find((area) => area.areaCode === areaCode)?.shareWithinTarget }));
          return {
            areaCode,
            firstYearBelow: figures.find((figure) => figure.share?.mean != null && figure.share.mean < target)?.year ?? null,
            firstYearClearlyBelow: figures.find((figure) => figure.share?.ciHigh != null && figure.share.ciHigh < target)?.year ?? null,
          };
        }),
      });
    }
  }
  return {
    baseYear: input.baseYear,
    years,
    growth: input.growth.map((growth) => ({ ...growth })),
    targetShare: target,
    scope: focus.length > 0 ? "focus areas" : "all areas",
    notes: [...input.notes],
    notesNb: [...input.notesNb],
    rows,
    firstMiss,
  };
}
