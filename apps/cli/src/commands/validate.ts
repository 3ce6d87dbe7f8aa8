import type { Command } from "commander";
import { loadScenarioFile } from "@akutt/model";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a scenario file without running it")
    .argument("<scenario>", "scenario YAML file")
    .action((file: string) => {
      const scenario = loadScenarioFile(file);
      process.stdout.write(
        `${file}: valid (version ${scenario.version}, "${scenario.metadata.name}": ${scenario.areas.length} areas, ${scenario.zones.length} zones, ${scenario.stations.length} stations, ${scenario.vehicles.length} vehicles, ${scenario.amkCentres.length} AMK, ${scenario.destinations.length} destinations, travel model ${scenario.travel.model})\n`,
      );
    });
}
