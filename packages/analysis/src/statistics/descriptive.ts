/**
 * Descriptive statistics on plain or typed arrays.
 *
 * Quantile definition: Hyndman & Fan (1996) type 7, the default of R and NumPy. For sorted
 * values x[0] ≤ … ≤ x[n-1] and probability p, let h = (n − 1)·p; the quantile is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). It is exact (no binning), equals the minimum at p = 0
 * and the maximum at p = 1, and for the median equals the usual middle value or midpoint.
 * Reference: R. J. Hyndman, Y. Fan, "Sample quantiles in statistical packages",
 * The American Statistician 50(4), 1996, 361–365.
 */

/** Arithmetic mean; NaN for an empty input. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return sum / n;
}

/** Unbiased sample variance (divisor n − 1), by a two-pass algorithm; NaN when n < 2. */
export function sampleVariance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const m = mean(values);
  let squares = 0;
  let deviations = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    squares += d * d;
    deviations += d;
  }
  // Corrected two-pass formula (Chan, Golub & LeVeque 1983) removes the rounding error of m.
  return (squares - (deviations * deviations) / n) / (n - 1);
}

/** Sample standard deviation (square root of the unbiased variance); NaN when n < 2. */
export function sampleStdDev(values: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(values));
}

/** Position of the type-7 quantile: the lower rank ⌊h⌋ and the weight of the next value. */
export function quantileRank(count: number, p: number): { lower: number; upper: number; weight: number } {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  if (count < 1) throw new RangeError("quantile of an empty sample");
  const h = (count - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, count - 1);
  return { lower, upper, weight: h - lower };
}

/** Interpolates a type-7 quantile from the values at the lower and upper rank. */
export function interpolateQuantile(lowerValue: number, upperValue: number, weight: number): number {
  return weight === 0 ? lowerValue : lowerValue + weight * (upperValue - lowerValue);
}

/** Type-7 quantile of values already sorted ascending; NaN for an empty input. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const { lower, upper, weight } = quantileRank(sorted.length, p);
  return interpolateQuantile(sorted[lower]!, sorted[upper]!, weight);
}

/** Type-7 quantile of unsorted values (copies and sorts them); NaN for an empty input. */
export function quantile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  return quantileSorted(sorted, p);
}

/** Median (type-7 quantile at 0.5). */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}
