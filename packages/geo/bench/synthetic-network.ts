import { buildNetwork, type RawLink } from "../src/network/build-network.js";
import type { RoadNetwork } from "../src/network/road-network.js";

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic road network: a jittered square grid of side `side` (about 2·side² links), 200 m blocks,
 * road classes by row/column (every 10th a main road), 5 % one-way links, 3 % of links removed.
 */
export function syntheticRawLinks(side: number, seed = 1): RawLink[] {
  const rnd = random(seed);
  const lon0 = 10;
  const lat0 = 59.5;
  const dLat = 200 / 111_200;
  const dLon = 200 / (111_200 * Math.cos((lat0 * Math.PI) / 180));
  const coord = (r: number, c: number): [number, number] => [lon0 + c * dLon + (rnd() - 0.5) * dLon * 0.3, lat0 + r * dLat + (rnd() - 0.5) * dLat * 0.3];
  const coords: Array<[number, number]> = [];
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) coords.push(coord(r, c));
  const links: RawLink[] = [];
  const classOf = (line: number) => (line % 50 === 0 ? "motorway" : line % 10 === 0 ? "primary" : line % 5 === 0 ? "tertiary" : "residential");
  const add = (a: number, b: number, roadClass: string) => {
    if (rnd() < 0.03) return;
    const u = rnd();
    links.push({ from: String(a), to: String(b), coords: [coords[a]!, coords[b]!], roadClass, oneway: u < 0.025 ? "forward" : u < 0.05 ? "backward" : "no" });
  };
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      const v = r * side + c;
      if (c + 1 < side) add(v, v + 1, classOf(r));
      if (r + 1 < side) add(v, v + side, classOf(c));
    }
  return links;
}

export const SYNTHETIC_SPEEDS_KMH = { motorway: 100, primary: 70, tertiary: 50, residential: 30 };

export function syntheticNetwork(side: number, seed = 1): RoadNetwork {
  return buildNetwork(syntheticRawLinks(side, seed), {
    name: `synthetic grid ${side}×${side}`,
    sourceKind: "edge-list",
    sources: [],
    limitations: [],
    speedsKmh: SYNTHETIC_SPEEDS_KMH,
    buildParameters: { side, seed },
    origin: "synthetic",
  });
}
