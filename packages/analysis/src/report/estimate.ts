import { meanConfidenceInterval } from "../statistics/confidence.js";

/** A figure's mean over replications with its confidence interval (null where undefined). */
export interface Estimate {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Replications in which the figure is defined. */
  n: number;
  /** Only with report.perReplication: the value of every replication in replication order (null where undefined). */
  values?: Array<number | null>;
}

/** Bounds of a figure: counts and times are never negative, shares lie in [0, 1]; differences are free. */
export type FigureRange = "nonNegative" | "share" | "free";

/** Rounds to 6 decimals so the JSON stays readable and deterministic; −0 and non-finite values become 0 and null. */
export function round6(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function clamp(value: number | null, range: FigureRange): number | null {
  if (value === null || range === "free") return value;
  return range === "share" ? Math.min(1, Math.max(0, value)) : Math.max(0, value);
}

/** Mean and t-interval over the replications where the figure is defined; the interval is clipped to the figure's range. */
export function estimate(values: ReadonlyArray<number | null>, level: number, range: FigureRange, keepValues = false): Estimate {
  const defined: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) defined.push(v);
  const ci = meanConfidenceInterval(defined, level);
  const result: Estimate = { mean: round6(ci.mean), ciLow: round6(clamp(ci.ciLow, range)), ciHigh: round6(clamp(ci.ciHigh, range)), n: ci.n };
  if (keepValues) result.values = values.map((v) => round6(v));
  return result;
}
