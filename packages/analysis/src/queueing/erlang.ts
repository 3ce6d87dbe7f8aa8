/**
 * Erlang's loss and delay formulas for c identical servers and offered load a = λ/μ (Erlangs).
 *
 * Sources: D. Gross, J. F. Shortle, J. M. Thompson, C. M. Harris, "Fundamentals of Queueing
 * Theory", 4th ed., Wiley 2008, §2.3 (M/M/c: eq. 2.29–2.32) and §2.5 (M/M/c/c, Erlang's loss
 * formula, eq. 2.45); L. Kleinrock, "Queueing Systems, Vol. 1", Wiley 1975, §3.4–3.6.
 */

function checkServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError(`servers must be a non-negative integer, got ${servers}`);
}

function checkLoad(load: number): void {
  if (!(load >= 0) || !Number.isFinite(load)) throw new RangeError(`offered load must be finite and ≥ 0, got ${load}`);
}

/**
 * Erlang B: probability that an arrival to M/M/c/c (or M/G/c/c, by insensitivity) finds all
 * c servers busy and is lost, B(c, a) = (a^c/c!) / Σ_{k=0}^{c} a^k/k!.
 * Computed by the stable recursion B(0, a) = 1, B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a)),
 * which never forms factorials or powers.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  checkServers(servers);
  checkLoad(offeredLoad);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/**
 * Erlang C: probability that an arrival to M/M/c must wait, C(c, a) = c·B / (c − a·(1 − B))
 * with B = B(c, a) (Gross & Harris eq. 2.32 rewritten with Erlang B). Returns 1 when the
 * system is not stable (a ≥ c).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  checkServers(servers);
  checkLoad(offeredLoad);
  if (offeredLoad >= servers) return 1;
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

export interface MmcMetrics {
  /** a = λ/μ in Erlangs. */
  offeredLoad: number;
  /** ρ = λ/(cμ). */
  utilisation: number;
  /** C(c, a): probability an arrival waits. */
  probabilityOfWaiting: number;
  /** Wq = C(c, a) / (cμ − λ), in the time unit of the rates. */
  meanWait: number;
  /** W = Wq + 1/μ. */
  meanSojourn: number;
  /** Lq = λ·Wq. */
  meanQueueLength: number;
  /** P(Wq > t) = C(c, a)·exp(−(cμ − λ)·t), as a function of t. */
  waitExceedance(t: number): number;
}

/**
 * Steady-state M/M/c (FCFS) measures for arrival rate λ and service rate μ per server in the
 * same time unit. Waits are Infinity when λ ≥ cμ.
 */
export function mmc(arrivalRate: number, serviceRate: number, servers: number): MmcMetrics {
  if (!(arrivalRate >= 0) || !(serviceRate > 0)) throw new RangeError("need arrivalRate ≥ 0 and serviceRate > 0");
  checkServers(servers);
  if (servers === 0) throw new RangeError("M/M/c needs at least one server");
  const offeredLoad = arrivalRate / serviceRate;
  const utilisation = offeredLoad / servers;
  const drain = servers * serviceRate - arrivalRate;
  const stable = drain > 0;
  const probabilityOfWaiting = erlangC(servers, offeredLoad);
  const meanWait = stable ? probabilityOfWaiting / drain : Infinity;
  return {
    offeredLoad,
    utilisation,
    probabilityOfWaiting,
    meanWait,
    meanSojourn: meanWait + 1 / serviceRate,
    meanQueueLength: arrivalRate * meanWait,
    waitExceedance: (t: number) => (stable ? (t < 0 ? 1 : probabilityOfWaiting * Math.exp(-drain * t)) : 1),
  };
}
