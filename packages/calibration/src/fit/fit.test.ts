import fc from "fast-check";
import digamma from "@stdlib/math-base-special-digamma";
import { createRandomStreams, createSampler, normalCdf } from "@akutt/engine";
import { describe, expect, it } from "vitest";
import { FIT_FAMILIES, KS_MAX_EVALUATIONS, fitFamilies, fitFamiliesFromSummary, fitGamma, fitLognormal, gammaShape, ksStatistic, logLikelihood, sortedCopy, type FitFamily } from "./fit.js";

/** n durations drawn by the engine's own sampler for a scenario distribution (so the fit speaks the scenario's mean/sd). */
function draw(family: FitFamily, meanSec: number, sdSec: number, n: number, seed: number): Float64Array {
  const sampler = createSampler({ kind: family, mean: meanSec, sd: sdSec, unit: "s" });
  const random = createRandomStreams(seed).stream(99, 0);
  return Float64Array.from({ length: n }, () => sampler.sampleSec(random));
}

const fitOf = (family: FitFamily, samples: Float64Array) => (family === "lognormal" ? fitLognormal(samples) : fitGamma(samples));

const parameters = fc.record({
  family: fc.constantFrom(...FIT_FAMILIES),
  meanSec: fc.double({ min: 30, max: 7200, noNaN: true }),
  cv: fc.double({ min: 0.15, max: 1.5, noNaN: true }),
  seed: fc.nat({ max: 1_000_000 }),
});

describe("maximum-likelihood fits", () => {
  it("recover known parameters within their 95 % intervals at about the stated rate", () => {
    fc.assert(
      fc.property(parameters, ({ family, meanSec, cv, seed }) => {
        const sdSec = meanSec * cv;
        const repetitions = 100;
        let meanCovered = 0;
        let sdCovered = 0;
        for (let r = 0; r < repetitions; r++) {
          const fit = fitOf(family, draw(family, meanSec, sdSec, 400, seed * 1000 + r));
          if (fit.meanCi.low <= meanSec && meanSec <= fit.meanCi.high) meanCovered++;
          if (fit.sdCi.low <= sdSec && sdSec <= fit.sdCi.high) sdCovered++;
        }
        // Binomial(100, 0.95) falls below 86 with probability < 1e-3; Wald intervals are approximate at n = 400.
        expect(meanCovered).toBeGreaterThanOrEqual(86);
        expect(sdCovered).toBeGreaterThanOrEqual(86);
        expect(meanCovered).toBeLessThanOrEqual(100);
      }),
      { numRuns: 12 },
    );
  });

  it("give a higher log-likelihood than any perturbed parameters, and report it exactly", () => {
    fc.assert(
      fc.property(parameters, fc.double({ min: 0.9, max: 1.1, noNaN: true }), fc.double({ min: 0.9, max: 1.1, noNaN: true }), ({ family, meanSec, cv, seed }, f1, f2) => {
        const samples = draw(family, meanSec, meanSec * cv, 300, seed);
        const fit = fitOf(family, samples);
        const own = logLikelihood(family, fit.parameters, samples);
        expect(Math.abs(own - fit.logLikelihood)).toBeLessThan(1e-8 * Math.abs(own) + 1e-8);
        const p = fit.parameters;
        const perturbed = "mu" in p ? { mu: p.mu + Math.log(f1), sigma: p.sigma * f2 } : { shape: p.shape * f1, scaleSec: p.scaleSec * f2 };
        expect(logLikelihood(family, perturbed, samples)).toBeLessThanOrEqual(own + 1e-9 * Math.abs(own));
      }),
      { numRuns: 100 },
    );
  });

  it("solve the gamma shape equation log k − ψ(k) = s", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 20, noNaN: true }), (s) => {
        const k = gammaShape(s);
        expect(Math.abs(Math.log(k) - digamma(k) - s)).toBeLessThan(1e-10 * Math.max(1, s));
      }),
    );
  });

  it("rank the true family first by AIC on a large sample, with a small KS statistic", () => {
    for (const family of FIT_FAMILIES) {
      const samples = draw(family, 600, 900, 20_000, 3);
      const [best, other] = fitFamilies(samples);
      expect(best!.family).toBe(family);
      // The 99 % critical value of D is 1.63/√n for a fully specified F; fitted parameters only make D smaller.
      expect(best!.ks).toBeLessThan(1.63 / Math.sqrt(samples.length));
      expect(other!.ks).toBeGreaterThan(best!.ks);
    }
  });

  it("bound the KS statistic from above on samples too large to evaluate at every point", () => {
    const samples = draw("lognormal", 300, 200, KS_MAX_EVALUATIONS * 2 + 17, 11);
    const sorted = sortedCopy(samples);
    const cdf = (x: number) => normalCdf((Math.log(x) - 5.5) / 0.6);
    let exact = 0;
    for (let i = 0; i < sorted.length; i++) {
      const f = cdf(sorted[i]!);
      exact = Math.max(exact, (i + 1) / sorted.length - f, f - i / sorted.length);
    }
    const bounded = ksStatistic(sorted, cdf);
    expect(bounded).toBeGreaterThanOrEqual(exact);
    expect(bounded - exact).toBeLessThanOrEqual(3 / sorted.length + 1e-12);
  });

  it("refuse samples they cannot fit", () => {
    expect(() => fitGamma(new Float64Array([5]))).toThrow(/at least 2/);
    expect(() => fitLognormal(new Float64Array([5, 0, 3]))).toThrow(/positive/);
    expect(() => fitGamma(new Float64Array([5, 5, 5]))).toThrow(/equal/);
    expect(() => fitLognormal(new Float64Array([5, 5, 5]))).toThrow(/equal/);
  });
});

describe("fits from a summary (moments and quantiles, as the warehouse's SQL gives them)", () => {
  it("equal the fits from the sample, with a KS statistic bounded by the exact one", () => {
    for (const family of FIT_FAMILIES) {
      const samples = draw(family, 400, 250, 5000, 17);
      const sorted = sortedCopy(samples);
      const m = 1000;
      const quantiles = Float64Array.from({ length: m }, (_, j) => sorted[Math.ceil(((j + 1) * sorted.length) / m) - 1]!);
      let sum = 0;
      let sumLog = 0;
      let sumLogSquared = 0;
      for (const x of samples) {
        sum += x;
        sumLog += Math.log(x);
        sumLogSquared += Math.log(x) ** 2;
      }
      const fromSummary = fitFamiliesFromSummary({ n: samples.length, sum, sumLog, sumLogSquared, quantiles });
      const fromSample = fitFamilies(samples);
      fromSummary.forEach((fit, i) => {
        expect(fit.family).toBe(fromSample[i]!.family);
        expect(fit.meanSec).toBeCloseTo(fromSample[i]!.meanSec, 8);
        expect(fit.sdSec).toBeCloseTo(fromSample[i]!.sdSec, 8);
        expect(fit.ks).toBeGreaterThanOrEqual(fromSample[i]!.ks);
        expect(fit.ks).toBeLessThanOrEqual(fromSample[i]!.ks + 1 / m + 2 / samples.length);
      });
    }
  });
});
