import type { Location, TravelSpec, TravelTimeModel } from "@akutt/model";
import { LocalProjection } from "../geometry/distance.js";

type StraightLineSpec = Extract<TravelSpec, { model: "straight-line" }>;

/**
 * Straight-line distance × a detour factor, at the mean of the speeds of the two end points'
 * area classes, faster by a factor for blue-light driving. Knows nothing of water or roads:
 * a transparent baseline and a last resort.
 *
 * Distances use a local equirectangular projection around the points' mean latitude: within
 * 0.3 % of the great-circle distance over a region the size of Helse Sør-Øst, and cheap enough to
 * compute on every call, so no matrix needs to be held.
 */
export function createStraightLineTravelModel(spec: StraightLineSpec, locations: readonly Location[]): TravelTimeModel {
  const meanLat = locations.reduce((sum, location) => sum + location.lat, 0) / Math.max(1, locations.length);
  const projection = new LocalProjection(meanLat);
  const xM = Float64Array.from(locations, (location) => projection.x(location.lon));
  const yM = Float64Array.from(locations, (location) => projection.y(location.lat));
  const speedMps = Float64Array.from(locations, (location) => (spec.speedKmhByAreaClass[location.areaClass] * 1000) / 3600);
  const overheadSec = spec.overheadSec;
  const detour = spec.detourFactor;
  const emergencyFactor = spec.emergencySpeedFactor;
  function travelTimeSec(from: number, to: number, emergency: boolean): number {
    if (from === to) return 0;
    const dx = xM[from]! - xM[to]!;
    const dy = yM[from]! - yM[to]!;
    const distanceM = Math.sqrt(dx * dx + dy * dy) * detour;
    const drivingSec = (2 * distanceM) / (speedMps[from]! + speedMps[to]!);
    return overheadSec + (emergency ? drivingSec / emergencyFactor : drivingSec);
  }
  return {
    name: `straight line × ${detour} detour, ${spec.speedKmhByAreaClass.tettbygd} km/h tettbygd, ${spec.speedKmhByAreaClass.grisgrendt} km/h grisgrendt${emergencyFactor !== 1 ? `, red ×${emergencyFactor} speed` : ""}`,
    limitations: [
      "Distances are straight lines times a detour factor: fjords, lakes, bridges and road layout are ignored.",
      "Speeds depend only on the urban/rural class of the two end points; no time-of-day congestion.",
    ],
    travelTimeSec,
    // The model has no time of day, so its own times are the tightest bound.
    lowerBoundSec: travelTimeSec,
    timeInvariant: true,
  };
}
