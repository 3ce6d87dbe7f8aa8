import { buildLocations, createCalendar, type Scenario, type SimulationCalendar, type TravelTimeModel } from "@akutt/model";
import { prepareSimulation, type SimulationInputs } from "@akutt/engine";
import { createTravelModel, resolveCacheDir, resolveDataDir } from "@akutt/geo";

export interface PreparedRun {
  scenario: Scenario;
  calendar: SimulationCalendar;
  travel: TravelTimeModel;
  inputs: SimulationInputs;
}

/** Everything a run needs besides the seed: calendar, travel model, compiled scenario and policies. */
export async function prepareRun(scenario: Scenario, options: { dataDir?: string | undefined; cacheDir?: string | undefined } = {}): Promise<PreparedRun> {
  const calendar = createCalendar(scenario.metadata.start, scenario.metadata.timeZone);
  const travel = await createTravelModel(scenario, buildLocations(scenario), { dataDir: resolveDataDir(options.dataDir), cacheDir: options.cacheDir ?? resolveCacheDir() });
  return { scenario, calendar, travel, inputs: prepareSimulation(scenario, travel, calendar) };
}
