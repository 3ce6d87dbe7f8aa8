import { meanConfidenceInterval } from "@akutt/analysis";
import { simulateFromSnapshot } from "@akutt/engine";
import type { AdviceContext } from "./context.js";
import { freePositions } from "./coverage.js";
import { pictureSnapshot, type AdvicePicture } from "./picture.js";

/** A figure with its 95 % confidence interval over the replications (null when it cannot be estimated). */
export interface Estimate {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface AreaForecast {
  areaCode: string;
  areaName: string;
  /** Expected red calls in the window. */
  redCalls: number;
  /** Probability that a red call in the window waits for a unit (no free ambulance when the AMK decides). */
  redWaitProbability: Estimate;
  /** Mean over the window of the covered share of the area (CoverageModel), 0–1. */
  coverage: Estimate;
}

export interface Forecast {
  asOf: string;
  minutes: number;
  replications: number;
  seed: number;
  /** Coverage is sampled every this many seconds from now on. */
  sampleEverySec: number;
  areas: AreaForecast[];
  /** What the short runs leave out (engine/src/snapshot): a stable code (the web page words it in bokmål or English) and the English text. */
  limitations: ForecastLimitation[];
}

export interface ForecastLimitation {
  code: "amk-queue" | "mechanisms" | "phase-ends" | "drive-home";
  text: string;
}

export interface ForecastOptions {
  minutes: number;
  replications: number;
  seed: number;
}

export const FORECAST_LIMITS = { minutes: { min: 5, max: 240, default: 60 }, replications: { min: 2, max: 1000, default: 100 } } as const;
const SAMPLE_EVERY_SEC = 300;

export const FORECAST_LIMITATIONS: readonly ForecastLimitation[] = [
  { code: "amk-queue", text: "Calls are answered at once: the 113 queue and the AMK operators are not simulated from the present state." },
  { code: "mechanisms", text: "Cleaning, breaks, defects, multi-unit incidents and transfers are left out of the short runs." },
  { code: "phase-ends", text: "Phase ends of units on a mission are not known live: drives use the travel model, waits the incident's own draw." },
  { code: "drive-home", text: "A unit free on the road drives back to its home station." },
];

/**
 * The next `minutes` from the live picture: `replications` short simulations from its snapshot
 * (engine simulateFromSnapshot, each on its own streams; new calls drawn from the scenario's demand
 * for the hour of week), giving per area the probability that a red call waits for a unit and the
 * expected coverage. The probability is a ratio estimate (all red calls' waits over all red calls)
 * with a delta-method interval from the replications' residuals; coverage a Student-t interval of
 * the replications' window means.
 */
export function forecastNext(context: AdviceContext, picture: AdvicePicture, options: ForecastOptions): Forecast {
  const { snapshot } = pictureSnapshot(context, picture, { aheadSec: options.minutes * 60 });
  const areas = context.coverage.areaCount;
  const replications = options.replications;
  const untilSec = snapshot.timeSec + options.minutes * 60;
  const redCalls = new Float64Array(replications * areas);
  const redWaits = new Float64Array(replications * areas);
  const coverageMean = new Float64Array(replications * areas);
  const covered = new Float64Array(areas);
  const known = snapshot.incidents.length;
  for (let r = 0; r < replications; r++) {
    let samples = 0;
    const sum = new Float64Array(areas);
    const result = simulateFromSnapshot(context.inputs, snapshot, {
      seed: options.seed,
      replication: r,
      untilSec,
      sample: {
        everySec: SAMPLE_EVERY_SEC,
        observe: (_timeSec, free) => {
          context.coverage.coveredWeight(freePositions(free), covered);
          for (let a = 0; a < areas; a++) sum[a]! += covered[a]!;
          samples++;
        },
      },
    });
    const log = result.incidents;
    for (let i = known; i < log.count; i++) {
      // Red calls the AMK decided within the window; one still being handled at its end is not counted.
      if (log.urgency[i] !== 0 || Number.isNaN(log.decidedSec[i]!)) continue;
      redCalls[r * areas + log.area[i]!]!++;
      if (log.waitForUnitSec[i]! > 0) redWaits[r * areas + log.area[i]!]!++;
    }
    for (let a = 0; a < areas; a++) {
      const weight = context.coverage.weightOfArea(a);
      coverageMean[r * areas + a] = weight > 0 ? sum[a]! / samples / weight : 0;
    }
  }
  const index = context.inputs.compiled.index;
  const column = (values: Float64Array, a: number) => Float64Array.from({ length: replications }, (_, r) => values[r * areas + a]!);
  return {
    asOf: picture.asOf!,
    minutes: options.minutes,
    replications,
    seed: options.seed,
    sampleEverySec: SAMPLE_EVERY_SEC,
    areas: index.areaCodes.flatMap((areaCode, a) => {
      if (context.coverage.weightOfArea(a) <= 0) return [];
      const calls = column(redCalls, a);
      const coverage = meanConfidenceInterval(column(coverageMean, a));
      return [
        {
          areaCode,
          areaName: index.areaNames[a]!,
          redCalls: calls.reduce((s, x) => s + x, 0) / replications,
          redWaitProbability: ratioEstimate(column(redWaits, a), calls),
          coverage: { estimate: coverage.mean, ciLow: coverage.ciLow, ciHigh: coverage.ciHigh },
        },
      ];
    }),
    limitations: [...FORECAST_LIMITATIONS],
  };
}

/**
 * Σy/Σx over replications with the delta-method interval: the residuals y_r − p·x_r are i.i.d. with
 * mean 0, so p ± t·s_d/(√R·x̄) (the delta method for a ratio of means, as for ratio estimators in
 * Law, "Simulation Modeling and Analysis"). Null when no replication had a call.
 */
function ratioEstimate(y: Float64Array, x: Float64Array): Estimate {
  const totalX = x.reduce((s, v) => s + v, 0);
  if (totalX === 0) return { estimate: null, ciLow: null, ciHigh: null };
  const p = y.reduce((s, v) => s + v, 0) / totalX;
  const residuals = y.map((value, r) => value - p * x[r]!);
  const interval = meanConfidenceInterval(residuals);
  if (interval.halfWidth === null) return { estimate: p, ciLow: null, ciHigh: null };
  const halfWidth = interval.halfWidth / (totalX / x.length);
  return { estimate: p, ciLow: Math.max(0, p - halfWidth), ciHigh: Math.min(1, p + halfWidth) };
}
