import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { writeFileAtomic } from "@akutt/geo";
import { loadComparisonFile, loadScenarioFile, type Scenario } from "@akutt/model";
import { UsageError } from "../io/user-error.js";
import { checkPeriodFlags } from "./calibrate.js";
import { DEFAULT_WAREHOUSE } from "./indicators.js";

interface PlaybackFlags {
  warehouse: string;
  scenario?: string;
  alternative?: string;
  comparison?: string;
  from?: string;
  to?: string;
  replications: string;
  seed: string;
  format: string;
  out?: string;
  lang: string;
  dataDir?: string;
}

const MAX_REPLICATIONS = 100;

function wholeNumber(text: string, flag: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text.slice(0, 40)}"`);
  return Number(text);
}

export function registerPlayback(program: Command): void {
  program
    .command("playback")
    .description("run the recorded incidents of the mission warehouse through the simulator and put simulated next to recorded response times per area and hour of day, the difference split into AMK, waiting, activation and travel (docs/calibration.md)")
    .option("--warehouse <file>", "the warehouse (DuckDB file written by akutt data import)", DEFAULT_WAREHOUSE)
    .option("--scenario <file>", "the scenario whose zones the incidents were imported with")
    .option("--alternative <id>", "replay the same history under this alternative of the comparison (the scenario's comparison.yaml, or --comparison)")
    .option("--comparison <file>", "the comparison file the alternative is taken from (default: comparison.yaml beside the scenario)")
    .option("--from <date>", "first local day, YYYY-MM-DD (default: the first day with data)")
    .option("--to <date>", "last local day, inclusive, YYYY-MM-DD (default: the last day with data)")
    .option("--replications <n>", "replications (the incidents stay, task times are drawn afresh)", "5")
    .option("--seed <n>", "base seed", "1")
    .option("--format <format>", "text or csv", "text")
    .option("--out <file>", "write to this file (written whole or not at all) instead of standard output")
    .option("--lang <nb|en>", "language of labels and notes", "nb")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (flags: PlaybackFlags) => {
      if (flags.lang !== "nb" && flags.lang !== "en") throw new UsageError(`--lang must be nb or en, got "${flags.lang.slice(0, 40)}"`);
      if (flags.format !== "text" && flags.format !== "csv") throw new UsageError(`--format must be text or csv, got "${flags.format.slice(0, 40)}"`);
      const replications = wholeNumber(flags.replications, "--replications", 1, MAX_REPLICATIONS);
      const seed = wholeNumber(flags.seed, "--seed", 0, 999_999_999);
      if (flags.scenario === undefined) throw new UsageError("--scenario is required: the scenario the extract was imported with, e.g. --scenario scenarios/asker-baerum/base.yaml");
      if (flags.comparison !== undefined && flags.alternative === undefined) throw new UsageError("--comparison needs --alternative: the id of the alternative to replay under");
      const calibration = await import("@akutt/calibration");
      checkPeriodFlags(calibration, flags);
      if (!existsSync(flags.scenario)) throw new UsageError(`no scenario at ${flags.scenario}`);
      const scenario = loadScenarioFile(flags.scenario, { dataDir: flags.dataDir });
      const played = flags.alternative === undefined ? scenario : alternativeScenario(scenario, flags.alternative, flags.comparison, flags.dataDir);
      const result = await calibration.playbackFromWarehouse(resolve(flags.warehouse), scenario, { fromDate: flags.from, toDate: flags.to }, { seed, replications, dataDir: flags.dataDir, played });
      const areaNames = new Map(played.areas.map((area) => [area.code, area.name]));
      const output = flags.format === "csv" ? calibration.playbackCsv(result, flags.lang) : calibration.playbackText(result, flags.lang, areaNames);
      if (flags.out === undefined) return void process.stdout.write(output);
      writeFileAtomic(resolve(flags.out), output);
      process.stderr.write(`wrote ${relative(process.cwd(), resolve(flags.out)) || flags.out}\n`);
    });
}

/** The alternative's scenario from the comparison; it must have the scenario's zones, which the recorded incidents are placed in. */
function alternativeScenario(scenario: Scenario, id: string, comparisonPath: string | undefined, dataDir: string | undefined): Scenario {
  const path = comparisonPath ?? resolve(scenario.baseDir, "comparison.yaml");
  if (!existsSync(path)) throw new UsageError(`--alternative ${id}: no comparison at ${relative(process.cwd(), path) || path}; give it with --comparison`);
  const comparison = loadComparisonFile(path);
  const variants = [comparison.baseline, ...comparison.alternatives];
  const variant = variants.find((candidate) => candidate.id === id);
  if (!variant) throw new UsageError(`--alternative "${id.slice(0, 40)}" is not in ${relative(process.cwd(), comparison.file) || comparison.file}; expected one of ${variants.map((candidate) => `"${candidate.id}"`).join(", ")}`);
  const alternative = loadScenarioFile(resolve(comparison.baseDir, variant.file), { dataDir });
  const zones = (s: Scenario) => s.zones.map((zone) => zone.id).join("\n");
  if (zones(alternative) !== zones(scenario)) throw new UsageError(`alternative "${id}" (${variant.file}) has other zones than ${relative(process.cwd(), scenario.file) || scenario.file}: the recorded incidents are placed in the scenario's zones, so both need the same`);
  return alternative;
}
