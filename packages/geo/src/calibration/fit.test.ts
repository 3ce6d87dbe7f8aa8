import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Location } from "@akutt/model";
import { buildNetwork, type RawLink } from "../network/build-network.js";
import type { RoadNetwork } from "../network/road-network.js";
import { fitLogRatios, meanSquaredLogRatio, quantileSorted, ratioSummary } from "./fit.js";
import { seededRandom } from "./n1000-calibration.js";
import { PairTimes } from "./pair-times.js";

describe("ratio summaries", () => {
  it("gives median, quartiles, share within ±20 % and the geometric mean", () => {
    const observed = [100, 100, 100, 100, 100];
    const predicted = [50, 90, 100, 115, 200];
    const s = ratioSummary(predicted, observed);
    expect(s.pairs).toBe(5);
    expect(s.medianRatio).toBe(1);
    expect(s.q25).toBeCloseTo(0.9, 12);
    expect(s.q75).toBeCloseTo(1.15, 12);
    expect(s.within20).toBeCloseTo(3 / 5, 12);
    expect(s.geometricMeanRatio).toBeCloseTo(Math.exp((Math.log(0.5) + Math.log(0.9) + Math.log(1.15) + Math.log(2)) / 5), 12);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(meanSquaredLogRatio([1, 2], [1, 2])).toBe(0);
    expect(meanSquaredLogRatio([0, 2], [1, 2])).toBe(Infinity);
  });
});

describe("least squares on log ratios with bounds (compass search)", () => {
  it("recovers the parameters of a two-term time model from noise-free data (property)", () => {
    const random = seededRandom(3);
    const kmOnRoad = Array.from({ length: 80 }, () => 0.5 + random() * 9);
    const kmOnFoot = Array.from({ length: 80 }, () => random() * 0.8);
    const model = ([roadKmh, accessKmh]: number[]) => kmOnRoad.map((km, i) => (km / roadKmh! + kmOnFoot[i]! / accessKmh!) * 3600);
    fc.assert(
      fc.property(fc.double({ min: 25, max: 95, noNaN: true }), fc.double({ min: 8, max: 40, noNaN: true }), (roadKmh, accessKmh) => {
        const observed = model([roadKmh, accessKmh]);
        const fit = fitLogRatios(
          [
            { name: "road", lower: 20, upper: 100, start: 50 },
            { name: "access", lower: 5, upper: 50, start: 30 },
          ],
          model,
          observed,
          { halvings: 14 },
        );
        expect(fit.theta[0]! / roadKmh).toBeCloseTo(1, 2);
        expect(fit.theta[1]! / accessKmh).toBeCloseTo(1, 2);
        expect(fit.loss).toBeLessThan(1e-5);
      }),
      { numRuns: 25 },
    );
  });

  it("stays inside its bounds and says when it ends at one", () => {
    const observed = [100, 200, 300];
    const fit = fitLogRatios([{ name: "scale", lower: 0.5, upper: 2, start: 1 }], ([k]) => observed.map((o) => (o * 5) / k!), observed);
    expect(fit.theta[0]).toBeCloseTo(2, 12);
    expect(fit.atBound).toEqual([true]);
  });

  it("recovers known speeds from routed times on a synthetic town, the way the N1000 calibration runs", () => {
    // A 9 × 9 street grid, 400 m blocks: every third street a main road, the rest minor streets. Points are joined
    // to the two nearest streets by access links; times are routed, so a trial's speeds can change the routes.
    const truth = { mainKmh: 62, minorKmh: 27, accessKmh: 18 };
    const grid = (mainKmh: number, minorKmh: number): RoadNetwork => {
      const links: RawLink[] = [];
      const at = (r: number, c: number): [number, number] => [10 + c * 0.0072, 60 + r * 0.0036];
      for (let r = 0; r < 9; r++)
        for (let c = 0; c < 9; c++) {
          if (c + 1 < 9) links.push({ from: `${r}:${c}`, to: `${r}:${c + 1}`, coords: [at(r, c), at(r, c + 1)], roadClass: r % 3 === 0 ? "main" : "minor", oneway: "no" });
          if (r + 1 < 9) links.push({ from: `${r}:${c}`, to: `${r + 1}:${c}`, coords: [at(r, c), at(r + 1, c)], roadClass: c % 3 === 0 ? "main" : "minor", oneway: "no" });
        }
      return buildNetwork(links, { name: "synthetic town", sourceKind: "edge-list", sources: [], limitations: [], speedsKmh: { main: mainKmh, minor: minorKmh }, buildParameters: {}, origin: "test" });
    };
    const random = seededRandom(5);
    const points: Location[] = Array.from({ length: 50 }, (_, i) => ({ index: i, id: `p${i}`, kind: "zone", lat: 60 + random() * 0.0288, lon: 10 + random() * 0.0576, areaClass: "tettbygd" }));
    const from: number[] = [];
    const to: number[] = [];
    while (from.length < 400) {
      const a = Math.floor(random() * points.length);
      const b = Math.floor(random() * points.length);
      if (a !== b) from.push(a), to.push(b);
    }
    const times = new PairTimes(grid(50, 30), points, Int32Array.from(from), Int32Array.from(to), null, { maxSnapDistanceM: 5000, maxAccessWaterM: 300, directMaxBoundM: 0, accessCandidates: 2 });
    const predict = ([mainKmh, minorKmh, accessKmh]: number[]) => times.times({ network: grid(mainKmh!, minorKmh!), accessSpeedKmh: { tettbygd: accessKmh!, grisgrendt: 50 }, accessDetourFactor: 1.3, directMaxM: 0 });
    const observed = predict([truth.mainKmh, truth.minorKmh, truth.accessKmh]);
    const fit = fitLogRatios(
      [
        { name: "main", lower: 20, upper: 120, start: 50 },
        { name: "minor", lower: 10, upper: 80, start: 40 },
        { name: "access", lower: 5, upper: 60, start: 30 },
      ],
      predict,
      observed,
      { halvings: 12 },
    );
    expect(fit.startLoss).toBeGreaterThan(0.01);
    expect(fit.theta[0]! / truth.mainKmh).toBeCloseTo(1, 2);
    expect(fit.theta[1]! / truth.minorKmh).toBeCloseTo(1, 2);
    expect(fit.theta[2]! / truth.accessKmh).toBeCloseTo(1, 2);
    expect(fit.atBound).toEqual([false, false, false]);
    // With 10 % multiplicative noise on the observed times the fit still lands within a few per cent.
    const noisy = observed.map((t) => t * Math.exp(0.1 * (random() + random() + random() - 1.5) * 2));
    const rough = fitLogRatios(
      [
        { name: "main", lower: 20, upper: 120, start: 50 },
        { name: "minor", lower: 10, upper: 80, start: 40 },
        { name: "access", lower: 5, upper: 60, start: 30 },
      ],
      predict,
      noisy,
    );
    expect(Math.abs(rough.theta[0]! / truth.mainKmh - 1)).toBeLessThan(0.06);
    expect(Math.abs(rough.theta[1]! / truth.minorKmh - 1)).toBeLessThan(0.06);
    expect(Math.abs(rough.theta[2]! / truth.accessKmh - 1)).toBeLessThan(0.06);
  });
});
