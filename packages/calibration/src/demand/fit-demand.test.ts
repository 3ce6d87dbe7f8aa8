import fc from "fast-check";
import { HOURS_PER_YEAR, createRandomStreams } from "@akutt/engine";
import { URGENCIES } from "@akutt/model";
import { describe, expect, it } from "vitest";
import { HOURS_OF_WEEK, fitDemand, type DemandCounts } from "./fit-demand.js";

const zoneAreas = ["3201", "3201", "3201", "320301", "320301"];

function poisson(mean: number, next: () => number): number {
  // Knuth's method for small means, normal approximation above (tests only).
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next())));
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = next();
  while (u > s) {
    k++;
    p *= mean / k;
    s += p;
  }
  return k;
}

/** Counts drawn from a known multiplicative model over `weeks` whole weeks. */
function simulateCounts(weeks: number, perYear: number[], zoneShare: number[], profile: (h: number) => number, seed: number): DemandCounts {
  const random = createRandomStreams(seed).stream(1, 0);
  const next = () => random.next();
  const mean = Array.from({ length: HOURS_OF_WEEK }, (_, h) => profile(h));
  const meanProfile = mean.reduce((a, b) => a + b, 0) / HOURS_OF_WEEK;
  const counts = URGENCIES.map((_, u) => {
    const array = new Float64Array(zoneAreas.length * HOURS_OF_WEEK);
    zoneAreas.forEach((_, z) => {
      for (let h = 0; h < HOURS_OF_WEEK; h++) array[z * HOURS_OF_WEEK + h] = poisson(((perYear[u]! * zoneShare[z]!) / HOURS_PER_YEAR) * (mean[h]! / meanProfile) * weeks, next);
    });
    return array;
  }) as unknown as DemandCounts["counts"];
  return { zoneAreas, priorZoneWeights: [1, 1, 1, 1, 1], counts, exposureHours: new Float64Array(HOURS_OF_WEEK).fill(weeks) };
}

describe("fitDemand", () => {
  it("preserves every area's recorded count per urgency, and gives finite weights and mean-1 profiles even with zero counts", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 }), { minLength: 3 * 5 * 168, maxLength: 3 * 5 * 168 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 168, maxLength: 168 }), (cells, exposure) => {
        const counts = [0, 1, 2].map((u) => Float64Array.from(cells.slice(u * 840, (u + 1) * 840))) as unknown as DemandCounts["counts"];
        const input: DemandCounts = { zoneAreas, priorZoneWeights: [10, 0, 5, 3, 3], counts, exposureHours: exposure };
        const fit = fitDemand(input);
        URGENCIES.forEach((urgency, u) => {
          const profile = fit.profileByUrgency[urgency];
          expect(profile.reduce((a, b) => a + b, 0) / HOURS_OF_WEEK).toBeCloseTo(1, 12);
          for (const area of new Set(zoneAreas)) {
            const zones = zoneAreas.flatMap((a, z) => (a === area ? [z] : []));
            const recorded = zones.reduce((sum, z) => sum + counts[u]!.slice(z * 168, (z + 1) * 168).reduce((a, b) => a + b, 0), 0);
            const areaWeight = zones.reduce((sum, z) => sum + fit.zoneWeights[z]!, 0);
            // The engine's compileDemand: zone rate = area rate × weight / area weight, times the profile per hour.
            let expected = 0;
            for (const z of zones) for (let h = 0; h < HOURS_OF_WEEK; h++) expected += ((fit.areaPerYear.get(area)![urgency] * fit.zoneWeights[z]!) / areaWeight / HOURS_PER_YEAR) * profile[h]! * exposure[h]!;
            expect(expected).toBeCloseTo(recorded, 8);
            expect(fit.areaCounts.get(area)![urgency]).toBe(recorded);
          }
        });
        for (const weight of fit.zoneWeights) expect(Number.isFinite(weight) && weight >= 0).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it("recovers a known multiplicative model from ten years of counts", () => {
    const perYear = [3000, 6000, 4000];
    const zoneShare = [0.2, 0.1, 0.3, 0.25, 0.15];
    const profile = (h: number) => 1 + 0.6 * Math.sin((2 * Math.PI * (h % 24)) / 24) + (h >= 120 ? 0.2 : 0);
    const fit = fitDemand(simulateCounts(522, perYear, zoneShare, profile, 5));
    const meanProfile = Array.from({ length: 168 }, (_, h) => profile(h)).reduce((a, b) => a + b, 0) / 168;
    for (const urgency of URGENCIES) for (let h = 0; h < 168; h += 7) expect(Math.abs(fit.profileByUrgency[urgency][h]! - profile(h) / meanProfile)).toBeLessThan(0.12);
    const a = fit.areaPerYear.get("3201")!;
    URGENCIES.forEach((urgency, u) => expect(a[urgency] / (perYear[u]! * 0.6)).toBeCloseTo(1, 1));
    const weights = fit.zoneWeights;
    expect(weights[0]! / (weights[0]! + weights[1]! + weights[2]!)).toBeCloseTo(0.2 / 0.6, 2);
    expect(fit.loss.zoneByUrgency).toBeLessThan(0.02);
  });

  it("refuses a period shorter than a week", () => {
    const input = simulateCounts(1, [10, 10, 10], [0.2, 0.2, 0.2, 0.2, 0.2], () => 1, 1);
    expect(() => fitDemand({ ...input, exposureHours: new Float64Array(168).fill(1).fill(0, 100) })).toThrow(/at least one week/);
  });
});
