import { existsSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { writeFileAtomic } from "@akutt/geo";
import { loadScenarioFile } from "@akutt/model";
import { UsageError } from "../io/user-error.js";
import { DEFAULT_WAREHOUSE } from "./indicators.js";

interface CalibrateFlags {
  warehouse: string;
  scenario?: string;
  out?: string;
  from?: string;
  to?: string;
  lang: string;
  dataDir?: string;
}

/** Checks --from/--to before anything is read (so a typo costs nothing): each a date, and together a bounded period. */
export function checkPeriodFlags(calibration: typeof import("@akutt/calibration"), flags: { from?: string | undefined; to?: string | undefined }): void {
  if (flags.from !== undefined) calibration.dayNumber(flags.from, "--from");
  if (flags.to !== undefined) calibration.dayNumber(flags.to, "--to");
  if (flags.from !== undefined && flags.to !== undefined) calibration.periodHours({ fromDate: flags.from, toDate: flags.to }, "Europe/Oslo");
}

export function registerCalibrate(program: Command): void {
  program
    .command("calibrate")
    .description("fit a scenario to the mission warehouse: task times (maximum likelihood), demand per zone × hour of week × urgency, patient-path shares; writes an overlay and prints the goodness of fit (docs/calibration.md)")
    .option("--warehouse <file>", "the warehouse (DuckDB file written by akutt data import)", DEFAULT_WAREHOUSE)
    .option("--scenario <file>", "the scenario to calibrate (its zones select the incidents; the overlay extends it)")
    .option("--out <file>", "overlay file to write (default: beside the scenario, <name>-calibrated.yaml)")
    .option("--from <date>", "first local day of the period, YYYY-MM-DD (default: the first day with data)")
    .option("--to <date>", "last local day of the period, inclusive, YYYY-MM-DD (default: the last day with data)")
    .option("--lang <nb|en>", "language of the printed table", "nb")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (flags: CalibrateFlags) => {
      if (flags.lang !== "nb" && flags.lang !== "en") throw new UsageError(`--lang must be nb or en, got "${flags.lang.slice(0, 40)}"`);
      if (flags.scenario === undefined) throw new UsageError("--scenario is required: the scenario to calibrate, e.g. --scenario scenarios/asker-baerum/base.yaml");
      const calibration = await import("@akutt/calibration");
      checkPeriodFlags(calibration, flags);
      if (!existsSync(flags.scenario)) throw new UsageError(`no scenario at ${flags.scenario}`);
      const scenario = loadScenarioFile(flags.scenario, { dataDir: flags.dataDir });
      const name = basename(flags.scenario, extname(flags.scenario));
      const out = resolve(flags.out ?? join(dirname(flags.scenario), `${name}-calibrated.yaml`));
      if (scenario.sourceFiles.includes(out)) throw new UsageError(`--out ${flags.out ?? out}: would overwrite ${relative(process.cwd(), out) || out}, a file the scenario is read from`);
      const result = await calibration.calibrateFromWarehouse(resolve(flags.warehouse), scenario, { fromDate: flags.from, toDate: flags.to });
      const extendsPath = relative(dirname(out), resolve(flags.scenario)) || basename(flags.scenario);
      // Written aside and renamed, so a failed write leaves no half overlay.
      writeFileAtomic(out, calibration.calibrationOverlay(result, scenario, extendsPath));
      process.stdout.write(calibration.calibrationReport(result, flags.lang));
      process.stderr.write(`wrote ${relative(process.cwd(), out) || out}; run it with \`akutt simulate ${relative(process.cwd(), out) || out}\`\n`);
    });
}
