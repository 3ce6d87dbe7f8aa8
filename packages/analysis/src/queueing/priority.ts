import { erlangC } from "./erlang.js";

/**
 * Non-preemptive priority M/M/c with K classes, Poisson arrivals λ_k per class and the same
 * exponential service rate μ for every class (class 0 is served first; FCFS within a class).
 *
 * Mean wait in queue of class k (Cobham 1954; Gross, Shortle, Thompson & Harris,
 * "Fundamentals of Queueing Theory", 4th ed., §3.4.1, eq. 3.31–3.33; Kleinrock,
 * "Queueing Systems, Vol. 2", §3.6):
 *
 *   W_k = W0 / ((1 − σ_{k−1})·(1 − σ_k)),   σ_k = Σ_{i ≤ k} λ_i / (cμ),   σ_{−1} = 0,
 *
 * where W0 is the mean time an arrival must wait for *some* server to free up because of work
 * already in service. An arrival finds all c servers busy with probability C(c, a) (Erlang C,
 * a = λ/μ, λ = Σλ_i; by PASTA, and the number of busy servers does not depend on the order of
 * service because all classes share μ), and then the first of c exponential services ends after
 * an Exp(cμ) time, so
 *
 *   W0 = C(c, a) / (cμ).
 *
 * (Note: not C(c, a)/(cμ − λ), which is already the FCFS Wq.) With one class this gives
 * W_0 = C/(cμ)/(1 − ρ) = C/(cμ − λ), the M/M/c wait. Conservation law: because the discipline
 * is work-conserving and does not use service times, Σ_k (λ_k/λ)·W_k equals the FCFS Wq
 * (Kleinrock Vol. 2 §3.4). Classes with σ_k ≥ 1 have infinite mean wait.
 */
export interface PriorityMmcResult {
  /** C(c, a) for the total load. */
  probabilityAllBusy: number;
  /** W0 = C(c, a)/(cμ). */
  residualWait: number;
  /** Mean wait in queue per class, highest priority first, in the time unit of the rates. */
  meanWait: number[];
  /** Arrival-rate-weighted mean wait over all classes (equals the FCFS M/M/c Wq). */
  overallMeanWait: number;
}

export function priorityMmc(arrivalRates: readonly number[], serviceRate: number, servers: number): PriorityMmcResult {
  if (!(serviceRate > 0)) throw new RangeError("serviceRate must be > 0");
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError("servers must be an integer ≥ 1");
  if (arrivalRates.length === 0) throw new RangeError("need at least one class");
  for (const rate of arrivalRates) if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`arrival rates must be finite and ≥ 0, got ${rate}`);
  const total = arrivalRates.reduce((sum, rate) => sum + rate, 0);
  const capacity = servers * serviceRate;
  const probabilityAllBusy = erlangC(servers, total / serviceRate);
  const residualWait = probabilityAllBusy / capacity;
  const meanWait: number[] = [];
  let sigmaBefore = 0;
  for (const rate of arrivalRates) {
    const sigma = sigmaBefore + rate / capacity;
    meanWait.push(sigma >= 1 ? Infinity : residualWait / ((1 - sigmaBefore) * (1 - sigma)));
    sigmaBefore = sigma;
  }
  let weighted = 0;
  for (let k = 0; k < arrivalRates.length; k++) if (arrivalRates[k]! > 0) weighted += arrivalRates[k]! * meanWait[k]!;
  return { probabilityAllBusy, residualWait, meanWait, overallMeanWait: total > 0 ? weighted / total : 0 };
}
