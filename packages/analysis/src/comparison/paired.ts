import { pairedDifference } from "../statistics/confidence.js";
import type { ReplicationKpis } from "../kpi/replication-kpis.js";
import { round6 } from "../report/estimate.js";
import type { PairedEstimate } from "./types.js";

type Value = number | null;

/** Paired difference a − b over replications where both are defined. */
export function paired(a: Value[], b: Value[], level: number, relevant: number | null): PairedEstimate {
  const xs: number[] = [];
  const ys: number[] = [];
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null || x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    xs.push(x);
    ys.push(y);
  }
  const d = pairedDifference(xs, ys, level).difference;
  // A zero-variance difference (variant = baseline + constant) can leave rounding noise in s; treat it as exact.
  const halfWidth = d.halfWidth === null ? null : d.halfWidth < 1e-9 * Math.max(1, Math.abs(d.mean ?? 0)) ? 0 : d.halfWidth;
  const low = halfWidth === null || d.mean === null ? null : d.mean - halfWidth;
  const high = halfWidth === null || d.mean === null ? null : d.mean + halfWidth;
  return {
    mean: round6(d.mean),
    ciLow: round6(low),
    ciHigh: round6(high),
    halfWidth: round6(halfWidth),
    n: d.n,
    excludesZero: low === null || high === null ? null : low > 0 || high < 0,
    tighterThanRelevant: halfWidth === null || relevant === null ? null : halfWidth < relevant,
  };
}

/** Throws unless replication i of `a` and `b` share replication number and seed (common random numbers). */
export function checkPaired(label: string, a: ReplicationKpis[], b: ReplicationKpis[]): void {
  if (a.length !== b.length) throw new RangeError(`${label}: ${a.length} and ${b.length} replications; paired comparison needs the same replications`);
  for (let i = 0; i < a.length; i++) {
    const ka = a[i]!;
    const kb = b[i]!;
    if (ka.replication !== kb.replication || ka.seed !== kb.seed) {
      throw new RangeError(`${label}: replication ${i} is not paired (replication ${ka.replication}/${kb.replication}, seed ${ka.seed}/${kb.seed}); run every variant with the same seed`);
    }
  }
}
