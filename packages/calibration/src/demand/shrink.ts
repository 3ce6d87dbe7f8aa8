/**
 * Empirical-Bayes shrinkage of a multinomial distribution toward a prior one: counts n over K
 * cells with total N are taken as Dirichlet-multinomial around the prior shares π, and each share
 * is the posterior mean
 *
 *     p̂_k = (n_k + α π_k) / (N + α).
 *
 * α (the prior's weight, in incidents) is estimated by the method of moments: under the
 * Dirichlet-multinomial Var(n_k) = N π_k (1 − π_k) φ with φ = (N + α) / (1 + α), so Pearson's
 * φ̂ = Σ_k (n_k − N π_k)² / (N π_k) / (K − 1) gives α̂ = (N − φ̂) / (φ̂ − 1). When the counts
 * scatter no more than a multinomial around the prior (φ̂ ≤ 1) the prior is kept (α = ∞); when
 * they scatter as much as possible (φ̂ ≥ N) the raw shares are kept (α = 0).
 * The prior is first mixed with PRIOR_UNIFORM_MIX of the uniform distribution, so no cell is
 * impossible: counts in a cell the given prior leaves empty (a zone without population) then
 * contradict it strongly, which lowers α, instead of being thrown away.
 * The shares sum to 1 and, unless α = 0, every share is positive, also where the count is 0.
 */
export const PRIOR_UNIFORM_MIX = 1e-3;

export interface Shrunk {
  shares: Float64Array;
  /** The prior's weight α in counts: 0 = raw shares, Infinity = the prior's. */
  alpha: number;
}

export function dirichletShrink(counts: ArrayLike<number>, prior: ArrayLike<number>): Shrunk {
  const k = counts.length;
  if (prior.length !== k) throw new RangeError(`counts (${k}) and prior (${prior.length}) differ in length`);
  let total = 0;
  let priorTotal = 0;
  for (let i = 0; i < k; i++) {
    const n = counts[i]!;
    const p = prior[i]!;
    if (!(n >= 0) || !(p >= 0) || !Number.isFinite(n) || !Number.isFinite(p)) throw new RangeError(`counts and prior must be finite and non-negative (cell ${i}: ${n}, ${p})`);
    total += n;
    priorTotal += p;
  }
  // No prior information: a uniform prior.
  const priorShare = (i: number) => (priorTotal > 0 ? (1 - PRIOR_UNIFORM_MIX) * (prior[i]! / priorTotal) + PRIOR_UNIFORM_MIX / k : 1 / k);
  const shares = new Float64Array(k);
  if (total === 0) {
    for (let i = 0; i < k; i++) shares[i] = priorShare(i);
    return { shares, alpha: Infinity };
  }
  let pearson = 0;
  for (let i = 0; i < k; i++) {
    const expected = total * priorShare(i);
    pearson += ((counts[i]! - expected) ** 2) / expected;
  }
  const phi = k > 1 ? pearson / (k - 1) : total;
  const alpha = phi <= 1 ? Infinity : phi >= total ? 0 : (total - phi) / (phi - 1);
  for (let i = 0; i < k; i++) shares[i] = alpha === Infinity ? priorShare(i) : (counts[i]! + alpha * priorShare(i)) / (total + alpha);
  return { shares, alpha };
}
