import type { Location, TravelSpec, TravelTimeModel } from "@akutt/model";
import { haversineM } from "../geometry/distance.js";

type StraightLineSpec = Extract<TravelSpec, { model: "straight-line" }>;

/**
 * Great-circle distance × a detour factor, at a speed set by the area class of the destination
 * (and of the origin: the mean of the two), faster by a factor for blue-light driving.
 * Knows nothing of water or roads: a last resort and a transparent baseline.
 */
export function createStraightLineTravelModel(spec: StraightLineSpec, locations: readonly Location[]): TravelTimeModel {
  const n = locations.length;
  const lat = Float64Array.from(locations, (location) => location.lat);
  const lon = Float64Array.from(locations, (location) => location.lon);
  const speedMps = Float64Array.from(locations, (location) => (spec.speedKmhByAreaClass[location.areaClass] * 1000) / 3600);
  const cache = n <= 4000 ? new Float64Array(n * n).fill(-1) : undefined;
  const baseSec = (from: number, to: number): number => {
    if (from === to) return 0;
    if (cache) {
      const cached = cache[from * n + to]!;
      if (cached >= 0) return cached;
    }
    const distanceM = haversineM(lon[from]!, lat[from]!, lon[to]!, lat[to]!) * spec.detourFactor;
    const meanSpeedMps = (speedMps[from]! + speedMps[to]!) / 2;
    const sec = spec.overheadSec + distanceM / meanSpeedMps;
    if (cache) {
      cache[from * n + to] = sec;
      cache[to * n + from] = sec;
    }
    return sec;
  };
  return {
    name: `straight line × ${spec.detourFactor} detour, ${spec.speedKmhByAreaClass.tettbygd} km/h tettbygd, ${spec.speedKmhByAreaClass.grisgrendt} km/h grisgrendt${spec.emergencySpeedFactor !== 1 ? `, red ×${spec.emergencySpeedFactor} speed` : ""}`,
    limitations: [
      "Distances are straight lines times a detour factor: fjords, lakes, bridges and road layout are ignored.",
      "Speeds depend only on the urban/rural class of the two end points; no time-of-day congestion.",
    ],
    travelTimeSec(from, to, emergency) {
      const sec = baseSec(from, to);
      return emergency ? spec.overheadSec + (sec - spec.overheadSec) / spec.emergencySpeedFactor : sec;
    },
  };
}
