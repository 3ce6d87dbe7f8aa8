import type { Location, Scenario, TravelTimeModel } from "@akutt/model";
import { TravelInputError } from "./errors.js";
import { createMatrixTravelModel } from "./matrix.js";
import { createStraightLineTravelModel } from "./straight-line.js";

export interface TravelContext {
  /** Folder of the real data (../shared/data by default). */
  dataDir: string;
  /** Folder for cached networks and matrices. */
  cacheDir: string;
}

/** The travel-time model a scenario names, built for its locations. */
export async function createTravelModel(scenario: Pick<Scenario, "travel" | "baseDir">, locations: readonly Location[], context: TravelContext): Promise<TravelTimeModel> {
  const spec = scenario.travel;
  switch (spec.model) {
    case "straight-line":
      return createStraightLineTravelModel(spec, locations);
    case "matrix":
      return createMatrixTravelModel(spec, locations, scenario.baseDir);
    case "network":
      throw new TravelInputError(`travel model "network" (${spec.network}) is not available in this build`);
  }
}
