import { AMK_ANSWER_HISTOGRAM_BINS, AMK_ANSWER_HISTOGRAM_SEC, AMK_SHIFT_PERIODS, HOURS_PER_YEAR, type AmkLog } from "@akutt/engine";

const PERIODS = AMK_SHIFT_PERIODS.length;

/** Where an AmkAnswerKpi sits in ReplicationKpis.amkAnswer: (amk, or the AMK count for all AMKs) × slot. */
export const AMK_ANSWER_SLOTS = ["all", ...AMK_SHIFT_PERIODS] as const;
export type AmkAnswerSlot = (typeof AMK_ANSWER_SLOTS)[number];

/**
 * 113 answer figures of one AMK (or all) over one shift period (or the whole day) in one replication.
 * Answer time is ring → answer. Quantiles come from the engine's 1-second histogram, so they are
 * whole seconds, rounded down (the lower end of the 1-second bin); AMK_ANSWER_HISTOGRAM_SEC means
 * "that long or more, or never answered".
 */
export interface AmkAnswerKpi {
  calls: number;
  /** Calls scaled from the counted days (after warm-up) to 365.25 days. */
  callsPerYear: number;
  shareAnsweredWithin10s: number | null;
  medianAnswerSec: number | null;
  p90AnswerSec: number | null;
  /** Operator-seconds busy (calls and other work) / operator-seconds on duty. */
  operatorOccupancy: number | null;
}

/** Smallest whole second b with at least q of the calls answered before b + 1 s; null with no calls. */
export function histogramQuantileSec(histogram: ArrayLike<number>, total: number, q: number): number | null {
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let cumulative = 0;
  for (let b = 0; b < histogram.length; b++) {
    cumulative += histogram[b]!;
    if (cumulative >= rank) return b;
  }
  return AMK_ANSWER_HISTOGRAM_SEC;
}

/**
 * Per AMK and for all AMKs together, the whole day and each shift period:
 * index (amk × AMK_ANSWER_SLOTS.length + slot), amk = amkCount for all AMKs.
 */
export function amkAnswerKpis(log: AmkLog, amkCount: number, countedSec: number): AmkAnswerKpi[] {
  const slots = AMK_ANSWER_SLOTS.length;
  const out: AmkAnswerKpi[] = [];
  const yearFactor = countedSec > 0 ? (HOURS_PER_YEAR * 3600) / countedSec : 0;
  const histogram = new Float64Array(AMK_ANSWER_HISTOGRAM_BINS);
  for (let a = 0; a <= amkCount; a++) {
    const amks = a === amkCount ? Array.from({ length: amkCount }, (_, k) => k) : [a];
    for (let slot = 0; slot < slots; slot++) {
      const periods = slot === 0 ? Array.from({ length: PERIODS }, (_, p) => p) : [slot - 1];
      histogram.fill(0);
      let calls = 0;
      let within = 0;
      let available = 0;
      let busy = 0;
      for (const k of amks) {
        for (const p of periods) {
          const cell = k * PERIODS + p;
          calls += log.callsByPeriod[cell] ?? 0;
          within += log.answeredWithin10sByPeriod[cell] ?? 0;
          available += log.operatorAvailableSecByPeriod[cell] ?? 0;
          busy += log.operatorBusySecByPeriod[cell] ?? 0;
          const base = cell * AMK_ANSWER_HISTOGRAM_BINS;
          for (let b = 0; b < AMK_ANSWER_HISTOGRAM_BINS; b++) histogram[b]! += log.answerDelayHistogram[base + b] ?? 0;
        }
      }
      out.push({
        calls,
        callsPerYear: calls * yearFactor,
        shareAnsweredWithin10s: calls > 0 ? within / calls : null,
        medianAnswerSec: histogramQuantileSec(histogram, calls, 0.5),
        p90AnswerSec: histogramQuantileSec(histogram, calls, 0.9),
        operatorOccupancy: available > 0 ? busy / available : null,
      });
    }
  }
  return out;
}
