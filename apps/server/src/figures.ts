import { URGENCIES } from "@akutt/model";
import type { ReplicationResult, ScenarioIndex } from "@akutt/engine";

/** Response-time histogram bins: whole minutes 0–59 and one bin for 60 min and more. */
export const HISTOGRAM_BINS = 61;

/** Figures the web page needs beyond the SimulationReport: per-zone figures and response-time distributions. */
export interface RunExtras {
  /** Per zone, red incidents pooled over all replications (no confidence interval). */
  zones: Array<{ zoneId: string; areaCode: string; reached: number; redMedianSec: number | null; redShareWithin12Min: number | null }>;
  /** Incidents per replication whose response took [i, i+1) minutes; the last bin is 60 min and more. */
  histogram: Record<(typeof URGENCIES)[number], number[]>;
}

/** Collects raw response times replication by replication, then reduces them. */
export class ExtrasCollector {
  private readonly zoneTimes: number[][];
  private readonly counts = URGENCIES.map(() => new Array<number>(HISTOGRAM_BINS).fill(0));
  private replications = 0;

  constructor(private readonly index: ScenarioIndex, private readonly zoneAreas: string[]) {
    this.zoneTimes = index.zoneIds.map(() => []);
  }

  add(result: ReplicationResult): void {
    const log = result.incidents;
    this.replications++;
    for (let i = 0; i < log.count; i++) {
      if (log.inWarmUp[i] || log.kind[i] !== 0) continue;
      const response = log.atSceneSec[i]! - log.ringSec[i]!;
      if (!Number.isFinite(response)) continue;
      const urgency = log.urgency[i]!;
      this.counts[urgency]![Math.min(HISTOGRAM_BINS - 1, Math.floor(response / 60))]! += 1;
      if (urgency === 0) this.zoneTimes[log.zone[i]!]!.push(response);
    }
  }

  result(): RunExtras {
    const zones = this.index.zoneIds.map((zoneId, z) => {
      const times = this.zoneTimes[z]!.sort((a, b) => a - b);
      const n = times.length;
      const median = n === 0 ? null : n % 2 === 1 ? times[(n - 1) / 2]! : (times[n / 2 - 1]! + times[n / 2]!) / 2;
      const within = n === 0 ? null : times.filter((t) => t <= 720).length / n;
      return { zoneId, areaCode: this.zoneAreas[z] ?? "", reached: n, redMedianSec: median, redShareWithin12Min: within };
    });
    const per = Math.max(1, this.replications);
    const histogram = Object.fromEntries(URGENCIES.map((urgency, u) => [urgency, this.counts[u]!.map((count) => count / per)])) as RunExtras["histogram"];
    return { zones, histogram };
  }
}
