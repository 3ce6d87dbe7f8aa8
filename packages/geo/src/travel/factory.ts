import type { Location, Scenario, TravelTimeModel } from "@akutt/model";
import { DataMissingError } from "../errors/geo-errors.js";
import { createLandGridTravelModel } from "../landgrid/land-grid-model.js";
import { createNetworkTravelModel } from "../network/index.js";
import { createMatrixTravelModel } from "./matrix.js";
import { createStraightLineTravelModel } from "./straight-line.js";

export interface TravelContext {
  /** Folder of the real data (../shared/data by default). */
  dataDir: string;
  /** Folder for cached networks and matrices. */
  cacheDir: string;
  /** Progress of travel-time matrix building (rows done, rows in all). */
  onProgress?: (done: number, total: number) => void;
}

/** The travel-time model a scenario names, built for its locations. */
export async function createTravelModel(scenario: Pick<Scenario, "travel" | "baseDir" | "metadata" | "readRoots">, locations: readonly Location[], context: TravelContext): Promise<TravelTimeModel> {
  const spec = scenario.travel;
  switch (spec.model) {
    case "straight-line":
      return createStraightLineTravelModel(spec, locations);
    case "matrix":
      return createMatrixTravelModel(spec, locations, scenario.baseDir, scenario.readRoots);
    case "network":
      try {
        return createNetworkTravelModel(spec, [...locations], {
          baseDir: scenario.baseDir,
          dataDir: context.dataDir,
          cacheDir: context.cacheDir,
          ...(scenario.readRoots ? { readRoots: scenario.readRoots } : {}),
          simStartLocal: scenario.metadata.start,
          ...(context.onProgress ? { onProgress: context.onProgress } : {}),
        });
      } catch (error) {
        if (!(error instanceof DataMissingError)) throw error;
        return fallbackTravelModel(error.message, spec.emergencySpeedFactor, locations, context);
      }
  }
}

/**
 * Documented last resort when the road data is missing: straight lines × 1.35 at 45 km/h in
 * tettbygd and 65 km/h in grisgrendt areas. Named as a fallback in every report, with the reason.
 */
export const LAST_RESORT_STRAIGHT_LINE = { model: "straight-line", detourFactor: 1.35, speedKmhByAreaClass: { tettbygd: 45, grisgrendt: 65 }, overheadSec: 30 } as const;

/** Without the road network: the land-aware grid over municipality polygons if they are there, else straight lines. */
function fallbackTravelModel(reason: string, emergencySpeedFactor: number, locations: readonly Location[], context: TravelContext): TravelTimeModel {
  try {
    const model = createLandGridTravelModel({ emergencySpeedFactor, options: {} }, [...locations], { dataDir: context.dataDir });
    return { ...model, limitations: [`The road network could not be loaded (${reason}), so this run uses the land-grid fallback.`, ...model.limitations] };
  } catch (error) {
    if (!(error instanceof DataMissingError)) throw error;
    return lastResortTravelModel(`${reason}; ${error.message}`, emergencySpeedFactor, locations);
  }
}

function lastResortTravelModel(reason: string, emergencySpeedFactor: number, locations: readonly Location[]): TravelTimeModel {
  const model = createStraightLineTravelModel({ ...LAST_RESORT_STRAIGHT_LINE, speedKmhByAreaClass: { ...LAST_RESORT_STRAIGHT_LINE.speedKmhByAreaClass }, emergencySpeedFactor }, locations);
  return {
    name: `fallback travel model: ${model.name}`,
    limitations: [`The road network could not be loaded (${reason}), so this run uses the documented straight-line fallback.`, ...model.limitations],
    travelTimeSec: model.travelTimeSec,
  };
}
