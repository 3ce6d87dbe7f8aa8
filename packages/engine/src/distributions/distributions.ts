import type { DistributionSpec, TimeUnit } from "@akutt/model";
import type { RandomSource } from "../random/random.js";
import { normalQuantile } from "./normal-quantile.js";
import { gammaParameters, lognormalParameters } from "./parameters.js";
import { baseDistribution, shiftedTruncated } from "./truncated.js";

/** A duration distribution in seconds, sampled from a random source. */
export interface Sampler {
  readonly meanSec: number;
  sampleSec(random: RandomSource): number;
}

const SECONDS_PER_UNIT: Record<TimeUnit, number> = { s: 1, min: 60, h: 3600 };

export function toSeconds(value: number, unit: TimeUnit): number {
  return value * SECONDS_PER_UNIT[unit];
}

/**
 * A sampler for a scenario's distribution. With `shift`, `min` or `max` the base distribution is
 * shifted and truncated (truncated.ts); without them it is returned as it always was, so the same
 * scenario gives the same draws.
 */
export function createSampler(spec: DistributionSpec, label = "distribution"): Sampler {
  const base = createBaseSampler(spec);
  if (spec.shift === undefined && spec.min === undefined && spec.max === undefined) return base;
  const scale = SECONDS_PER_UNIT[spec.unit];
  return shiftedTruncated(base, baseDistribution(spec, scale), (spec.shift ?? 0) * scale, (spec.min ?? 0) * scale, spec.max === undefined ? Infinity : spec.max * scale, label);
}

function createBaseSampler(spec: DistributionSpec): Sampler {
  const scale = SECONDS_PER_UNIT[spec.unit];
  switch (spec.kind) {
    case "fixed": {
      const valueSec = spec.value * scale;
      return { meanSec: valueSec, sampleSec: () => valueSec };
    }
    case "exponential": {
      const meanSec = spec.mean * scale;
      return { meanSec, sampleSec: (random) => -meanSec * Math.log(random.next()) };
    }
    case "lognormal": {
      const meanSec = spec.mean * scale;
      const { mu, sigma } = lognormalParameters(meanSec, spec.sd * scale);
      return { meanSec, sampleSec: (random) => Math.exp(mu + sigma * standardNormal(random)) };
    }
    case "gamma": {
      const meanSec = spec.mean * scale;
      const { shape, scaleSec } = gammaParameters(meanSec, spec.sd * scale);
      return { meanSec, sampleSec: (random) => gamma(shape, random) * scaleSec };
    }
    case "empirical": {
      const probabilities = spec.quantiles.map(([p]) => p);
      const values = spec.quantiles.map(([, v]) => v * scale);
      let meanSec = 0;
      for (let i = 1; i < values.length; i++) meanSec += ((probabilities[i]! - probabilities[i - 1]!) * (values[i]! + values[i - 1]!)) / 2;
      return {
        meanSec,
        sampleSec: (random) => {
          const u = random.next();
          let i = 1;
          while (i < probabilities.length - 1 && probabilities[i]! < u) i++;
          const p0 = probabilities[i - 1]!;
          const p1 = probabilities[i]!;
          const v0 = values[i - 1]!;
          const v1 = values[i]!;
          return p1 > p0 ? v0 + ((u - p0) / (p1 - p0)) * (v1 - v0) : v1;
        },
      };
    }
  }
}

/**
 * Standard normal by inversion: Φ⁻¹ of one uniform (normal-quantile.ts). It is cheaper than
 * Box–Muller (one uniform instead of two, and no log, square root or cosine in the central 85 %),
 * but the reason to prefer it is that the map is monotone and uses one number. A lognormal draw is
 * now an increasing function of its stream's next uniform, like an empirical draw, so with common
 * random numbers a scenario that replaces one by the other (a fitted lognormal by the measured
 * quantiles, say) keeps each incident's duration in step: a long on-scene time stays long. Under
 * Box–Muller the cosine folded the uniforms and the second one mattered as much as the first, so
 * such draws were nearly unrelated between the scenarios and their differences noisier.
 */
export function standardNormal(random: RandomSource): number {
  return normalQuantile(random.next());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the shape < 1 boost. */
export function gamma(shape: number, random: RandomSource): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(random.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
