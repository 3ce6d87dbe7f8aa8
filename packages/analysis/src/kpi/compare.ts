import { pairedDifference, type PairedDifference } from "../statistics/confidence.js";
import type { ReplicationKpis } from "./replication-kpis.js";

/**
 * Paired comparison of one figure between two alternatives run with common random numbers:
 * replication i of `a` is paired with replication i of `b` (both must come from the same seed
 * and replication numbers). Pairs where the figure is undefined in either alternative are
 * skipped. The difference is a − b.
 *
 * Example: `pairedFigure(alt2, today, (k) => k.overall[0]!.responseP90Sec)` gives the change in
 * red 90th-percentile response time with its t-interval.
 */
export function pairedFigure(a: ReplicationKpis[], b: ReplicationKpis[], pick: (kpis: ReplicationKpis) => number | null, level = 0.95): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`alternatives have ${a.length} and ${b.length} replications`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const ka = a[i]!;
    const kb = b[i]!;
    if (ka.replication !== kb.replication || ka.seed !== kb.seed) {
      throw new RangeError(`replication ${i} is not paired: replication ${ka.replication}/${kb.replication}, seed ${ka.seed}/${kb.seed}`);
    }
    const x = pick(ka);
    const y = pick(kb);
    if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    xs.push(x);
    ys.push(y);
  }
  return pairedDifference(xs, ys, level);
}
