import type { DistributionSpec } from "@akutt/model";
import type { RandomSource } from "../random/random.js";
import type { Sampler } from "./distributions.js";
import { gammaParameters, lognormalParameters } from "./parameters.js";
import { normalCdf, regularizedGamma } from "./special.js";

/**
 * A distribution shifted by a constant and truncated to [min, max] (seconds): draw from the base
 * distribution, add the shift, and draw again while the result lies outside. That is exactly the
 * conditional distribution (the rule of e.g. ELASPY's lognormal task times). The mean is exact,
 * from the base distribution's distribution function and first partial moment.
 */
export interface BaseDistribution {
  /** P(X ≤ x), seconds. */
  cdf(x: number): number;
  /** E[X; X ≤ x] = ∫₀ˣ t dF(t), seconds. */
  partialMean(x: number): number;
}

/** Never loop for ever: a truncation keeping ≥ 1 % of the mass fails this often with probability < 1e-40. */
const MAX_ATTEMPTS = 10_000;
/** Refuse truncations that keep almost nothing: a mistake, and slow to sample. */
const MIN_KEPT_MASS = 0.01;

export function shiftedTruncated(base: Sampler, distribution: BaseDistribution, shiftSec: number, minSec: number, maxSec: number, label: string): Sampler {
  const lo = Math.max(0, minSec);
  const hi = maxSec;
  const a = lo - shiftSec;
  const b = hi - shiftSec;
  const fa = a <= 0 ? 0 : distribution.cdf(a);
  const fb = b === Infinity ? 1 : distribution.cdf(b);
  const kept = fb - fa;
  if (!(kept >= MIN_KEPT_MASS)) {
    throw new RangeError(`${label}: shift and truncation keep ${(100 * Math.max(0, kept)).toFixed(3)} % of the distribution; at least ${100 * MIN_KEPT_MASS} % is needed`);
  }
  const pa = a <= 0 ? 0 : distribution.partialMean(a);
  const pb = b === Infinity ? distribution.partialMean(Infinity) : distribution.partialMean(b);
  const meanSec = shiftSec + (pb - pa) / kept;
  return {
    meanSec,
    sampleSec(random: RandomSource): number {
      let x = 0;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        x = base.sampleSec(random) + shiftSec;
        if (x >= lo && x <= hi) return x;
      }
      return Math.min(hi, Math.max(lo, x));
    },
  };
}

/** Distribution function and first partial moment of each base distribution (in seconds). */
export function baseDistribution(spec: DistributionSpec, scale: number): BaseDistribution {
  switch (spec.kind) {
    case "fixed": {
      const v = spec.value * scale;
      return { cdf: (x) => (x >= v ? 1 : 0), partialMean: (x) => (x >= v ? v : 0) };
    }
    case "exponential": {
      const m = spec.mean * scale;
      return {
        cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-x / m)),
        partialMean: (x) => (x <= 0 ? 0 : x === Infinity ? m : m * (-Math.expm1(-x / m)) - x * Math.exp(-x / m)),
      };
    }
    case "lognormal": {
      const meanSec = spec.mean * scale;
      const { mu, sigma2, sigma } = lognormalParameters(meanSec, spec.sd * scale);
      return {
        cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
        partialMean: (x) => (x <= 0 ? 0 : meanSec * normalCdf((Math.log(x) - mu - sigma2) / sigma)),
      };
    }
    case "gamma": {
      const meanSec = spec.mean * scale;
      const { shape, scaleSec } = gammaParameters(meanSec, spec.sd * scale);
      return {
        cdf: (x) => (x <= 0 ? 0 : regularizedGamma(shape, x / scaleSec).p),
        partialMean: (x) => (x <= 0 ? 0 : meanSec * regularizedGamma(shape + 1, x / scaleSec).p),
      };
    }
    case "empirical": {
      const p = spec.quantiles.map(([probability]) => probability);
      const v = spec.quantiles.map(([, value]) => value * scale);
      const n = p.length;
      // The quantile function is linear between the pairs; equal values are an atom.
      const cdf = (x: number): number => {
        if (x < v[0]!) return 0;
        if (x >= v[n - 1]!) return 1;
        let i = 0;
        while (i + 1 < n && v[i + 1]! <= x) i++;
        // v[i] ≤ x < v[i + 1]
        return p[i]! + ((x - v[i]!) / (v[i + 1]! - v[i]!)) * (p[i + 1]! - p[i]!);
      };
      const partialMean = (x: number): number => {
        const u = cdf(x);
        let sum = 0;
        for (let i = 1; i < n; i++) {
          if (p[i]! <= u) {
            sum += ((p[i]! - p[i - 1]!) * (v[i]! + v[i - 1]!)) / 2;
            continue;
          }
          if (p[i - 1]! < u) {
            const vu = v[i - 1]! + ((u - p[i - 1]!) / (p[i]! - p[i - 1]!)) * (v[i]! - v[i - 1]!);
            sum += ((u - p[i - 1]!) * (vu + v[i - 1]!)) / 2;
          }
          break;
        }
        return sum;
      };
      return { cdf, partialMean };
    }
  }
}
