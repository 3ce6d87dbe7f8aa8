import type { CoverageData } from "../coverage/coverage.js";

/**
 * What a plan (vehicles per candidate site) achieves by the models' own measures, computed
 * directly from the coverage data rather than from a MIP: the report shows it for the optimised
 * plan and for today's, and the tests compare every MIP optimum with it by enumeration.
 */
export interface PlanFigures {
  /** MEXCLP: Σ_i w_i (1 − q^{n_i}), n_i = vehicles at sites covering i (share of demand, 0–1). */
  readonly expectedCoverage: number;
  /** MALP: share of demand with n_i ≥ b, the vehicles needed for reliability α at busy fraction q. */
  readonly reliableCoverage: number;
  /** Share of demand with at least one covering vehicle. */
  readonly covered: number;
  /** Weighted mean response time to the nearest site with a vehicle, minutes (Infinity if some demand has none reachable). */
  readonly meanResponseMin: number;
  /** Weighted `percentile` of that time, minutes: the smallest T with at least that share of demand within T. */
  readonly percentileResponseMin: number;
}

/** MALP's b: the fewest vehicles n with 1 − q^n ≥ α (ReVelle and Hogan 1989). */
export function vehiclesForReliability(busyFraction: number, reliability: number): number {
  // Rounded before the ceiling so that exact cases (q = 0.5, α = 0.75 → 2) are not pushed up by float error.
  return Math.max(1, Math.ceil(Math.round((Math.log(1 - reliability) / Math.log(busyFraction)) * 1e9) / 1e9));
}

export function planFigures(data: CoverageData, vehicles: ArrayLike<number>, params: { busyFraction: number; reliability: number; percentile: number }): PlanFigures {
  const n = data.demand.length;
  const needed = vehiclesForReliability(params.busyFraction, params.reliability);
  let expectedCoverage = 0;
  let reliableCoverage = 0;
  let covered = 0;
  let meanResponseMin = 0;
  const nearest: Array<[number, number]> = [];
  data.demand.forEach((point, i) => {
    let count = 0;
    for (const s of data.coveringSites[i]!) count += vehicles[s]!;
    expectedCoverage += point.weight * (1 - params.busyFraction ** count);
    if (count >= needed) reliableCoverage += point.weight;
    if (count > 0) covered += point.weight;
    let best = Infinity;
    for (let s = 0; s < data.sites.length; s++) if (vehicles[s]! > 0) best = Math.min(best, data.responseSec[s * n + i]!);
    meanResponseMin += point.weight * (best / 60);
    nearest.push([best / 60, point.weight]);
  });
  return { expectedCoverage, reliableCoverage, covered, meanResponseMin, percentileResponseMin: weightedPercentile(nearest, params.percentile) };
}

/** Smallest value v with Σ weight(value ≤ v) ≥ p/100 · Σ weight (the inverted CDF, "type 1"). */
export function weightedPercentile(values: ReadonlyArray<readonly [number, number]>, percentile: number): number {
  const sorted = [...values].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, w]) => sum + w, 0);
  const target = (percentile / 100) * total;
  let cumulative = 0;
  for (const [value, weight] of sorted) {
    cumulative += weight;
    // The 1e-12 absorbs rounding in the running sum (weights that sum to exactly the target).
    if (cumulative >= target - 1e-12 * total) return value;
  }
  return sorted[sorted.length - 1]?.[0] ?? Number.NaN;
}
