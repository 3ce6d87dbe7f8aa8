import type { Command } from "commander";
import { loadScenarioFile } from "@akutt/model";
import { amkAnswerCsv, renderMarkdown, renderTerminal, reportToJson } from "@akutt/analysis";
import { parsePositiveInteger, parseSeed } from "../io/options.js";
import { createProgress } from "../io/progress.js";
import { StagedOutput } from "../io/staged-output.js";
import { simulateScenario } from "@akutt/runs";

interface SimulateFlags {
  json: boolean;
  out?: string;
  replications: string;
  seed: string;
  dataDir?: string;
}

export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("run a scenario and report response times, utilisation and AMK figures with 95 % confidence intervals")
    .argument("<scenario>", "scenario YAML file")
    .option("--json", "print the report as JSON on stdout (docs/report-format.md)", false)
    .option("--out <dir>", "write report.json, report.md, incidents.csv and amk.csv to this folder")
    .option("--replications <n>", "independent replications", "10")
    .option("--seed <s>", "base random seed", "1")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (file: string, flags: SimulateFlags) => {
      const replications = parsePositiveInteger("--replications", flags.replications);
      const seed = parseSeed(flags.seed);
      const scenario = loadScenarioFile(file, { dataDir: flags.dataDir });
      const output = flags.out ? new StagedOutput(flags.out) : undefined;
      const progress = createProgress("simulating", replications, !flags.json);
      try {
        const { report } = await simulateScenario(scenario, {
          seed,
          replications,
          dataDir: flags.dataDir,
          onReplication: (done) => progress.update(done),
          onIncidentCsv: output ? (chunk) => output.append("incidents.csv", chunk) : undefined,
        });
        progress.stop();
        const json = reportToJson(report);
        if (output) {
          output.write("report.json", json);
          output.write("report.md", renderMarkdown(report));
          output.write("amk.csv", amkAnswerCsv(report));
          const written = output.commit();
          if (!flags.json) process.stderr.write(`wrote ${written.join(", ")}\n`);
        }
        process.stdout.write(flags.json ? json : renderTerminal(report));
      } catch (error) {
        progress.stop();
        output?.abort();
        throw error;
      }
    });
}
