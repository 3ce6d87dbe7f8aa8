import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildNetwork, type RawLink } from "../network/build-network.js";
import type { RoadNetwork } from "../network/road-network.js";
import { buildContractionHierarchy, chManyToMany } from "./contraction-hierarchy.js";
import { LocationRouter, type JoinedPoint } from "./location-router.js";
import { SnapIndex } from "./snap.js";

/** A jittered grid with one-way links and a dead-end spur, from a seed. */
function town(seed: number): RoadNetwork {
  let s = seed;
  const rnd = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const links: RawLink[] = [];
  const at = (r: number, c: number): [number, number] => [10 + c * 0.004 + rnd() * 0.0008, 60 + r * 0.002 + rnd() * 0.0004];
  const pos: Array<[number, number]> = [];
  for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) pos.push(at(r, c));
  for (let r = 0; r < 6; r++)
    for (let c = 0; c < 6; c++) {
      const v = r * 6 + c;
      for (const w of [c + 1 < 6 ? v + 1 : -1, r + 1 < 6 ? v + 6 : -1]) {
        if (w < 0) continue;
        const u = rnd();
        links.push({ from: `n${v}`, to: `n${w}`, coords: [pos[v]!, pos[w]!], roadClass: u < 0.3 ? "main" : "minor", oneway: u > 0.85 ? "forward" : "no" });
      }
    }
  return buildNetwork(links, { name: "town", sourceKind: "edge-list", sources: [], limitations: [], speedsKmh: { main: 60, minor: 30 }, buildParameters: {}, origin: "test" });
}

function join(network: RoadNetwork, points: Array<[number, number]>, candidates: number): JoinedPoint[] {
  const index = new SnapIndex(network);
  return points.map(([lon, lat]) => {
    const [first, ...rest] = index.nearest(lon, lat, candidates, 10_000);
    const sec = (m: number) => (m * 1.3) / (20 / 3.6);
    return { position: first!, accessSec: sec(first!.distanceM), ...(rest.length > 0 ? { more: rest.map((p) => ({ position: p, accessSec: sec(p.distanceM) })) } : {}) };
  });
}

const pointArb = fc.array(fc.tuple(fc.double({ min: 9.998, max: 10.024, noNaN: true }), fc.double({ min: 59.999, max: 60.011, noNaN: true })), { minLength: 2, maxLength: 8 });

describe("several access links per point", () => {
  it("never make a time longer than the nearest road alone, and give routes of the time they report (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), pointArb, (seed, points) => {
        const network = town(seed);
        const one = new LocationRouter(network, join(network, points, 1), { speedFactor: 1 });
        const three = new LocationRouter(network, join(network, points, 3), { speedFactor: 1.2 });
        const threeNormal = new LocationRouter(network, join(network, points, 3), { speedFactor: 1 });
        for (let i = 0; i < points.length; i++) {
          const a = one.row(i);
          const b = Float64Array.from(threeNormal.row(i));
          for (let j = 0; j < points.length; j++) {
            if (Number.isFinite(a[j]!)) expect(b[j]!).toBeLessThanOrEqual(a[j]! + 1e-9);
            if (i !== j && Number.isFinite(b[j]!)) expect(threeNormal.route(i, j).sec).toBeCloseTo(b[j]!, 6);
          }
          // Blue lights: every part of every route is 1.2× faster, so the best route's time is too.
          const e = three.row(i);
          for (let j = 0; j < points.length; j++) if (Number.isFinite(b[j]!)) expect(e[j]!).toBeCloseTo(b[j]! / 1.2, 6);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("give the same matrix by contraction hierarchies as by Dijkstra (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), pointArb, (seed, points) => {
        const network = town(seed);
        const router = new LocationRouter(network, join(network, points, 3), { speedFactor: 1 });
        const ch = buildContractionHierarchy(router.graph);
        const joined = router.pointsJoined();
        const times = chManyToMany(ch, joined.map((p) => router.entries(p)), joined.map((p) => router.exits(p)));
        const n = points.length;
        for (let i = 0; i < n; i++) {
          const row = router.row(i);
          for (let j = 0; j < n; j++) {
            if (i === j) continue;
            const viaCh = Math.min(times[i * n + j]!, router.sameLinkSec(i, j));
            if (Number.isFinite(row[j]!)) expect(viaCh).toBeCloseTo(row[j]!, 6);
            else expect(viaCh).toBe(Infinity);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
