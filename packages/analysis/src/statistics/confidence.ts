import { mean, sampleVariance } from "./descriptive.js";
import { studentTQuantile } from "./student-t.js";

/**
 * A mean with its two-sided Student-t confidence interval. With fewer than two observations
 * the interval is null (no variance estimate); with none the mean is null too.
 */
export interface MeanInterval {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Half-width of the interval: t_{1−α/2, n−1} · s / √n. */
  halfWidth: number | null;
  /** Sample standard deviation (n − 1 divisor). */
  stdDev: number | null;
  n: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/**
 * Student-t confidence interval for the mean of independent, identically distributed
 * observations (e.g. one figure from each of n independent replications):
 * mean ± t_{1−α/2, n−1} · s/√n. Non-finite values are a programming error and throw.
 */
export function meanConfidenceInterval(values: ArrayLike<number>, level = 0.95): MeanInterval {
  checkLevel(level);
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i]!)) throw new RangeError(`observation ${i} is not finite: ${values[i]}`);
  }
  if (n === 0) return { mean: null, ciLow: null, ciHigh: null, halfWidth: null, stdDev: null, n, level };
  const m = mean(values);
  if (n === 1) return { mean: m, ciLow: null, ciHigh: null, halfWidth: null, stdDev: null, n, level };
  const variance = Math.max(0, sampleVariance(values));
  const stdDev = Math.sqrt(variance);
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * (stdDev / Math.sqrt(n));
  return { mean: m, ciLow: m - halfWidth, ciHigh: m + halfWidth, halfWidth, stdDev, n, level };
}

export interface PairedDifference {
  /** Interval for the mean of a − b. */
  difference: MeanInterval;
  meanA: number | null;
  meanB: number | null;
  /** Per-pair differences a[i] − b[i]. */
  differences: Float64Array;
}

/**
 * Paired comparison of two alternatives run with common random numbers: replication i of A
 * and replication i of B saw the same random streams, so the differences d_i = a_i − b_i are
 * independent across i and their t-interval is usually far narrower than the difference of
 * two independent intervals (Law, "Simulation Modeling and Analysis", 5th ed., §10.2.1).
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} and ${b.length}`);
  const differences = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) differences[i] = a[i]! - b[i]!;
  return {
    difference: meanConfidenceInterval(differences, level),
    meanA: a.length === 0 ? null : mean(a),
    meanB: b.length === 0 ? null : mean(b),
    differences,
  };
}

export interface BatchMeansResult {
  batchMeans: Float64Array;
  batchSize: number;
  interval: MeanInterval;
}

/**
 * Non-overlapping batch means for one long, stationary run (Law §9.5.3): the series (in time
 * order, warm-up already removed) is cut into `batchCount` equal batches; trailing values that
 * do not fill a batch are dropped. The batch means are treated as approximately independent
 * and a t-interval is built on them. Use at least ~10 batches, each much longer than the
 * correlation time of the series.
 */
export function batchMeans(series: ArrayLike<number>, batchCount: number, level = 0.95): BatchMeansResult {
  if (!Number.isInteger(batchCount) || batchCount < 2) throw new RangeError(`batch count must be an integer ≥ 2, got ${batchCount}`);
  const batchSize = Math.floor(series.length / batchCount);
  if (batchSize < 1) throw new RangeError(`series of ${series.length} values is too short for ${batchCount} batches`);
  const means = new Float64Array(batchCount);
  for (let batch = 0; batch < batchCount; batch++) {
    let sum = 0;
    const start = batch * batchSize;
    for (let i = start; i < start + batchSize; i++) sum += series[i]!;
    means[batch] = sum / batchSize;
  }
  return { batchMeans: means, batchSize, interval: meanConfidenceInterval(means, level) };
}
