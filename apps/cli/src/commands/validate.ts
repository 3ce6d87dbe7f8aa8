import type { Command } from "commander";
import { loadScenarioFile } from "@akutt/model";
import { prepareRun } from "@akutt/runs";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a scenario without running it: the file, its references, and its travel model")
    .argument("<scenario>", "scenario YAML file")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (file: string, flags: { dataDir?: string }) => {
      const scenario = loadScenarioFile(file, { dataDir: flags.dataDir });
      // Building the travel model checks matrix files and joins every point to the road network.
      const prepared = await prepareRun(scenario, { dataDir: flags.dataDir });
      process.stdout.write(
        `${file}: valid (version ${scenario.version}, "${scenario.metadata.name}": ${scenario.areas.length} areas, ${scenario.zones.length} zones, ${scenario.stations.length} stations, ${scenario.vehicles.length} vehicles, ${scenario.amkCentres.length} AMK, ${scenario.destinations.length} destinations)\ntravel model: ${prepared.travel.name}\n`,
      );
    });
}
