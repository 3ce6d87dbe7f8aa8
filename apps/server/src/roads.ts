import { createHash } from "node:crypto";
import { LINK_FLAG_FERRY, openNetwork, type RoadNetwork } from "@akutt/geo";
import type { Scenario } from "@akutt/model";

export interface RoadCollection {
  type: "FeatureCollection";
  features: Array<{ type: "Feature"; properties: { roadClass: string; ferry: boolean }; geometry: { type: "LineString"; coordinates: Array<[number, number]> } }>;
  /** The network's name (e.g. "N1000 main-road network, generalised"), or null when none is drawn. */
  network: string | null;
  /** Why no roads are drawn, or what was left out. */
  note: string | null;
  /** [west, south, east, north] of the clip. */
  bbox: [number, number, number, number] | null;
  /** Cache key of this answer (also the ETag). */
  key: string;
}

/** Douglas–Peucker tolerance as a share of the clip's larger side: ~1/1500 keeps shapes at map zoom and the answer small. */
const TOLERANCE_SHARE = 1 / 1500;
/** Coordinates are rounded to 1e-4 degrees (about 11 m north–south). */
const ROUND = 1e4;
const MAX_CACHED = 16;
const cache = new Map<string, RoadCollection>();

/** The scenario's points (zones, stations, standby points, destinations) padded by 10 % on each side. */
export function scenarioBbox(scenario: Scenario): [number, number, number, number] | null {
  const points = [...scenario.zones, ...scenario.stations, ...scenario.standbyPoints, ...scenario.destinations];
  if (points.length === 0) return null;
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const p of points) {
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
  }
  const padLon = Math.max(0.05, (east - west) * 0.1);
  const padLat = Math.max(0.03, (north - south) * 0.1);
  return [west - padLon, south - padLat, east + padLon, north + padLat];
}

/**
 * Road links of the scenario's network inside its bounding box as GeoJSON lines, simplified
 * (Douglas–Peucker) and rounded so that the answer stays small; cached in memory per network
 * and box. Scenarios whose travel model is not a road network get an empty collection and a note.
 */
export function scenarioRoads(scenario: Scenario, dataDir: string): RoadCollection {
  const travel = scenario.travel;
  const bbox = scenarioBbox(scenario);
  if (travel.model !== "network" || !bbox) {
    return { type: "FeatureCollection", features: [], network: null, note: `travel model ${travel.model}: no road network to draw`, bbox, key: "none" };
  }
  const memoKey = JSON.stringify([travel.network, scenario.baseDir, dataDir, bbox.map((v) => v.toFixed(3))]);
  const hit = cache.get(memoKey);
  if (hit) return hit;
  let network: RoadNetwork;
  try {
    network = openNetwork(travel.network, { baseDir: scenario.baseDir, dataDir, readRoots: scenario.readRoots }).network;
  } catch (error) {
    // Not cached: the data may appear later.
    return { type: "FeatureCollection", features: [], network: null, note: `road network not available: ${(error as Error).message}`, bbox, key: "missing" };
  }
  const result = clipRoads(network, bbox);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(memoKey, result);
  return result;
}

export function clipRoads(network: RoadNetwork, bbox: [number, number, number, number]): RoadCollection {
  const [west, south, east, north] = bbox;
  const tolerance = Math.max(east - west, north - south) * TOLERANCE_SHARE;
  const features: RoadCollection["features"] = [];
  for (let i = 0; i < network.linkFrom.length; i++) {
    const from = network.shapeOffset[i]!;
    const to = network.shapeOffset[i + 1]!;
    let inside = false;
    for (let k = from; k < to && !inside; k++) {
      const lon = network.shapeLon[k]!, lat = network.shapeLat[k]!;
      inside = lon >= west && lon <= east && lat >= south && lat <= north;
    }
    if (!inside) continue;
    const line: Array<[number, number]> = [];
    for (let k = from; k < to; k++) line.push([network.shapeLon[k]!, network.shapeLat[k]!]);
    const simplified = simplify(line, tolerance).map(([lon, lat]) => [Math.round(lon * ROUND) / ROUND, Math.round(lat * ROUND) / ROUND] as [number, number]);
    const deduplicated = simplified.filter((point, k) => k === 0 || point[0] !== simplified[k - 1]![0] || point[1] !== simplified[k - 1]![1]);
    if (deduplicated.length < 2) continue;
    features.push({
      type: "Feature",
      properties: { roadClass: network.meta.roadClasses[network.linkClass[i]!] ?? "", ferry: (network.linkFlags[i]! & LINK_FLAG_FERRY) !== 0 },
      geometry: { type: "LineString", coordinates: deduplicated },
    });
  }
  const key = createHash("sha256").update(JSON.stringify([network.meta.sources, network.linkFrom.length, bbox])).digest("hex").slice(0, 16);
  return { type: "FeatureCollection", features, network: network.meta.name, note: null, bbox, key };
}

/** Douglas–Peucker on lon/lat treated as planar (fine for a tolerance of some tens of metres). */
export function simplify(points: Array<[number, number]>, tolerance: number): Array<[number, number]> {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = points[a]!;
    const [bx, by] = points[b]!;
    const dx = bx - ax, dy = by - ay;
    const length = Math.hypot(dx, dy);
    let worst = -1, worstDistance = 0;
    for (let k = a + 1; k < b; k++) {
      const [px, py] = points[k]!;
      const distance = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (distance > worstDistance) {
        worstDistance = distance;
        worst = k;
      }
    }
    if (worst >= 0 && worstDistance > tolerance) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return points.filter((_, k) => keep[k] === 1);
}
