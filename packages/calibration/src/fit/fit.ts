import digamma from "@stdlib/math-base-special-digamma";
import { logGamma, normalCdf, regularizedGamma } from "@akutt/engine";
import { trigamma } from "./trigamma.js";

/** The task-time families the scenario schema accepts with fitted parameters (`mean`, `sd`, `unit`). */
export const FIT_FAMILIES = ["lognormal", "gamma"] as const;
export type FitFamily = (typeof FIT_FAMILIES)[number];

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** A two-sided 95 % Wald interval, computed on the log scale so both ends stay positive. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * A maximum-likelihood fit of positive durations (seconds). `meanSec` and `sdSec` are the fitted
 * distribution's own mean and standard deviation, the parameters a scenario writes; their
 * intervals come from the inverse Fisher information by the delta method on the log scale.
 */
export interface DistributionFit {
  family: FitFamily;
  n: number;
  meanSec: number;
  sdSec: number;
  meanCi: Interval;
  sdCi: Interval;
  /** lognormal: μ, σ of log-duration; gamma: shape k and scale θ (seconds). */
  parameters: { mu: number; sigma: number } | { shape: number; scaleSec: number };
  logLikelihood: number;
  /** Akaike information criterion, 2·2 − 2·logLikelihood (two parameters in both families). */
  aic: number;
  /** Kolmogorov–Smirnov statistic D = sup |F_n − F| (see ksStatistic for how it is computed on large samples). */
  ks: number;
}

/** Sums a fit needs, gathered in one pass over the sample (or by the warehouse's SQL). */
export interface Moments {
  n: number;
  sum: number;
  sumLog: number;
  sumLogSquared: number;
}

function moments(samplesSec: Float64Array): Moments {
  let sum = 0;
  let sumLog = 0;
  let sumLogSquared = 0;
  for (let i = 0; i < samplesSec.length; i++) {
    const x = samplesSec[i]!;
    if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`durations must be positive and finite; sample ${i} is ${x}`);
    const log = Math.log(x);
    sum += x;
    sumLog += log;
    sumLogSquared += log * log;
  }
  return { n: samplesSec.length, sum, sumLog, sumLogSquared };
}

function logInterval(estimate: number, varianceOfLog: number): Interval {
  const half = Z_95 * Math.sqrt(varianceOfLog);
  return { low: estimate * Math.exp(-half), high: estimate * Math.exp(half) };
}

/** The smallest sample a two-parameter fit is made from. */
export const MIN_FIT_SAMPLES = 2;

function checkSize(samplesSec: Float64Array): void {
  if (samplesSec.length < MIN_FIT_SAMPLES) throw new RangeError(`a fit needs at least ${MIN_FIT_SAMPLES} durations, got ${samplesSec.length}`);
}

/**
 * Lognormal MLE in closed form: μ = mean of log x, σ² = mean of (log x − μ)². Var(μ̂) = σ²/n,
 * Var(σ̂) = σ²/(2n), independent. The scenario's mean = e^{μ+σ²/2}, sd = mean·√(e^{σ²} − 1).
 */
export function fitLognormal(samplesSec: Float64Array, sorted?: Float64Array): DistributionFit {
  checkSize(samplesSec);
  const { fit, cdf } = lognormalFromMoments(moments(samplesSec));
  return { ...fit, ks: ksStatistic(sorted ?? sortedCopy(samplesSec), cdf) };
}

function lognormalFromMoments(m: Moments): { fit: Omit<DistributionFit, "ks">; cdf: (x: number) => number } {
  const mu = m.sumLog / m.n;
  const sigma2 = Math.max(m.sumLogSquared / m.n - mu * mu, 0);
  if (!(sigma2 > 0)) throw new RangeError("all durations are equal: no spread to fit");
  const sigma = Math.sqrt(sigma2);
  const meanSec = Math.exp(mu + sigma2 / 2);
  const expSigma2 = Math.exp(sigma2);
  const sdSec = meanSec * Math.sqrt(expSigma2 - 1);
  const varMu = sigma2 / m.n;
  const varSigma = sigma2 / (2 * m.n);
  // log mean = μ + σ²/2: ∂/∂μ = 1, ∂/∂σ = σ. log sd = μ + σ²/2 + ½ log(e^{σ²} − 1): ∂/∂σ = σ + σ e^{σ²}/(e^{σ²} − 1).
  const dLogSdDSigma = sigma + (sigma * expSigma2) / (expSigma2 - 1);
  const logLikelihood = -m.sumLog - m.n * Math.log(sigma) - (m.n / 2) * Math.log(2 * Math.PI) - m.n / 2;
  const fit: Omit<DistributionFit, "ks"> = {
    family: "lognormal",
    n: m.n,
    meanSec,
    sdSec,
    meanCi: logInterval(meanSec, varMu + sigma2 * varSigma),
    sdCi: logInterval(sdSec, varMu + dLogSdDSigma * dLogSdDSigma * varSigma),
    parameters: { mu, sigma },
    logLikelihood,
    aic: 4 - 2 * logLikelihood,
  };
  return { fit, cdf: (x) => normalCdf((Math.log(x) - mu) / sigma) };
}

/**
 * Gamma MLE: with s = log(mean x) − mean(log x), the shape k solves log k − ψ(k) = s (Minka 2002,
 * "Estimating a Gamma distribution"), found by Newton's method from Minka's closed-form start
 * k₀ = (3 − s + √((s − 3)² + 24 s)) / (12 s); the scale is θ = mean x / k. The Fisher information
 * per observation in (k, θ) is [[ψ₁(k), 1/θ], [1/θ, k/θ²]], which gives Var(log mean) = 1/(n k)
 * and Var(log sd) = (ψ₁(k) − 0.75/k) / (n (k ψ₁(k) − 1)).
 */
export function fitGamma(samplesSec: Float64Array, sorted?: Float64Array): DistributionFit {
  checkSize(samplesSec);
  const { fit, cdf } = gammaFromMoments(moments(samplesSec));
  return { ...fit, ks: ksStatistic(sorted ?? sortedCopy(samplesSec), cdf) };
}

function gammaFromMoments(m: Moments): { fit: Omit<DistributionFit, "ks">; cdf: (x: number) => number } {
  const meanX = m.sum / m.n;
  const s = Math.log(meanX) - m.sumLog / m.n;
  if (!(s > 1e-14)) throw new RangeError("all durations are equal: no spread to fit");
  const shape = gammaShape(s);
  const scaleSec = meanX / shape;
  const psi1 = trigamma(shape);
  const informationDeterminant = shape * psi1 - 1;
  const logLikelihood = (shape - 1) * m.sumLog - m.sum / scaleSec - m.n * shape * Math.log(scaleSec) - m.n * logGamma(shape);
  const fit: Omit<DistributionFit, "ks"> = {
    family: "gamma",
    n: m.n,
    meanSec: meanX,
    sdSec: Math.sqrt(shape) * scaleSec,
    meanCi: logInterval(meanX, 1 / (m.n * shape)),
    sdCi: logInterval(Math.sqrt(shape) * scaleSec, (psi1 - 0.75 / shape) / (m.n * informationDeterminant)),
    parameters: { shape, scaleSec },
    logLikelihood,
    aic: 4 - 2 * logLikelihood,
  };
  return { fit, cdf: (x) => regularizedGamma(shape, x / scaleSec).p };
}

/** The shape k solving log k − ψ(k) = s (s > 0), by Newton's method; f is decreasing and convex in k. */
export function gammaShape(s: number): number {
  let k = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (let iteration = 0; iteration < 100; iteration++) {
    const f = Math.log(k) - digamma(k) - s;
    const slope = 1 / k - trigamma(k);
    let next = k - f / slope;
    // A step past zero is halved instead (f' < 0 everywhere, so the root is never at k ≤ 0).
    if (!(next > 0)) next = k / 2;
    if (Math.abs(next - k) <= 1e-12 * k) return next;
    k = next;
  }
  return k;
}

/** The most points at which ksStatistic evaluates the fitted distribution function. */
export const KS_MAX_EVALUATIONS = 200_000;

/**
 * D = max over i of max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i−1)/n) on the sorted sample. Above
 * KS_MAX_EVALUATIONS points F is evaluated only at every m-th order statistic (and the last):
 * F and F_n are both non-decreasing, so between two evaluated points |F_n − F| can exceed the
 * evaluated maximum by at most the empirical mass m/n between them, which is added to the result.
 * The statistic returned is thus exact for n ≤ KS_MAX_EVALUATIONS and above it at most
 * m/n ≈ 1/KS_MAX_EVALUATIONS = 5e-6 too large, never too small.
 */
export function ksStatistic(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  const step = Math.max(1, Math.ceil(n / KS_MAX_EVALUATIONS));
  let d = 0;
  for (let i = step - 1; i < n; i += step) d = Math.max(d, ksAt(sorted, cdf, i));
  if ((n - 1) % step !== step - 1) d = Math.max(d, ksAt(sorted, cdf, n - 1));
  return step === 1 ? d : Math.min(1, d + step / n);
}

function ksAt(sorted: Float64Array, cdf: (x: number) => number, i: number): number {
  const n = sorted.length;
  const f = cdf(sorted[i]!);
  return Math.max((i + 1) / n - f, f - i / n);
}

export function sortedCopy(samplesSec: Float64Array): Float64Array {
  return Float64Array.from(samplesSec).sort();
}

/** Both families, fitted to the same sample (sorted once), best first by AIC. */
export function fitFamilies(samplesSec: Float64Array): DistributionFit[] {
  const sorted = sortedCopy(samplesSec);
  return [fitLognormal(samplesSec, sorted), fitGamma(samplesSec, sorted)].sort((a, b) => a.aic - b.aic);
}

/**
 * A sample summarised where it lives (the warehouse's SQL): its moments, and its values at the
 * cumulative probabilities j/m, j = 1 … m (the sample's j/m-quantiles; the last is its maximum).
 */
export interface SampleSummary extends Moments {
  quantiles: Float64Array;
}

/**
 * The KS statistic from a sample's m quantiles v_j at p_j = j/m: on [v_{j−1}, v_j] the empirical
 * F_n lies within [p_{j−1}, p_j] (to 1/n for the quantile's position) and F within
 * [F(v_{j−1}), F(v_j)], so D ≤ max_j max(p_j − F(v_{j−1}), F(v_j) − p_{j−1}) + 1/n, with v_0 = 0.
 * The result is never below the exact D and at most about 1/m + 2/n above it.
 */
export function ksFromQuantiles(quantiles: Float64Array, n: number, cdf: (x: number) => number): number {
  const m = quantiles.length;
  let d = 0;
  let previousF = 0;
  for (let j = 1; j <= m; j++) {
    const f = cdf(quantiles[j - 1]!);
    d = Math.max(d, j / m - previousF, f - (j - 1) / m);
    previousF = f;
  }
  return Math.min(1, d + 1 / n);
}

/** Both families fitted from a summary (no sample needed), best first by AIC. */
export function fitFamiliesFromSummary(summary: SampleSummary): DistributionFit[] {
  if (summary.n < MIN_FIT_SAMPLES) throw new RangeError(`a fit needs at least ${MIN_FIT_SAMPLES} durations, got ${summary.n}`);
  return [lognormalFromMoments(summary), gammaFromMoments(summary)].map(({ fit, cdf }) => ({ ...fit, ks: ksFromQuantiles(summary.quantiles, summary.n, cdf) })).sort((a, b) => a.aic - b.aic);
}

/** Log-likelihood of a sample under a family with given natural parameters (for tests and reports). */
export function logLikelihood(family: FitFamily, parameters: DistributionFit["parameters"], samplesSec: Float64Array): number {
  let total = 0;
  if (family === "lognormal" && "mu" in parameters) {
    const { mu, sigma } = parameters;
    for (const x of samplesSec) {
      const z = (Math.log(x) - mu) / sigma;
      total += -Math.log(x) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI) - 0.5 * z * z;
    }
    return total;
  }
  if (family === "gamma" && "shape" in parameters) {
    const { shape, scaleSec } = parameters;
    for (const x of samplesSec) total += (shape - 1) * Math.log(x) - x / scaleSec - shape * Math.log(scaleSec) - logGamma(shape);
    return total;
  }
  throw new RangeError(`parameters do not belong to the ${family} family`);
}
