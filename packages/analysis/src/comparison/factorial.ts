import { FACTORS, type Factor } from "@akutt/model";
import { areaName, areasInScope, redAreaSeries } from "./area-series.js";
import { checkPaired, paired } from "./paired.js";
import type { FactorialFigures, FactorialInput, FactorialRow } from "./types.js";

type Value = number | null;

/**
 * The factorial table of one alternative: per focus area (and all areas), red, the paired
 * difference alternative − baseline (total), each factor control − baseline (the factor's effect)
 * and the remainder total − Σ effects, replication by replication, so every part has its own
 * interval on the same common random numbers. The remainder holds the interaction of the factors
 * (the effect of one depending on another) and anything the controls do not hold.
 */
export function factorialRow(input: FactorialInput, focus: string[], level: number, relevantSec: number, relevantShare: number | null): FactorialRow {
  for (const f of input.factors) checkPaired(`factors of ${input.variantId}: ${f.factor} (${f.file})`, f.kpis, input.baselineKpis);
  checkPaired(`factors of ${input.variantId}: the alternative`, input.alternativeKpis, input.baselineKpis);
  const codes = [...areasInScope(input.baselineIndex, focus), "all"];
  const figures = (a: { median: Value[]; share: Value[] }, b: { median: Value[]; share: Value[] }): FactorialFigures => ({
    responseMedianSec: paired(a.median, b.median, level, relevantSec),
    shareWithin12Min: paired(a.share, b.share, level, relevantShare),
  });
  const areas = codes.map((code) => {
    const base = redAreaSeries(input.baselineIndex, input.baselineKpis, code);
    const alt = redAreaSeries(input.alternativeIndex, input.alternativeKpis, code);
    const byFactor = new Map(input.factors.map((f) => [f.factor, redAreaSeries(f.index, f.kpis, code)] as const));
    // alternative − Σ (factor − baseline), so that paired(·, baseline) is the remainder.
    const lessEffects = (key: "median" | "share"): Value[] =>
      alt[key].map((value, i) => {
        const b = base[key][i] ?? null;
        if (value === null || b === null) return null;
        let out = value;
        for (const series of byFactor.values()) {
          const f = series[key][i] ?? null;
          if (f === null) return null;
          out -= f - b;
        }
        return out;
      });
    const factors = Object.fromEntries(FACTORS.map((factor) => [factor, byFactor.has(factor) ? figures(byFactor.get(factor)!, base) : null])) as Record<Factor, FactorialFigures | null>;
    return { areaCode: code, areaName: areaName(input.baselineIndex, code), total: figures(alt, base), factors, remainder: figures({ median: lessEffects("median"), share: lessEffects("share") }, base) };
  });
  return {
    variantId: input.variantId,
    replications: input.baselineKpis.length,
    factorFiles: Object.fromEntries(input.factors.map((f) => [f.factor, f.file])),
    areas,
  };
}
