import type { Command } from "commander";
import { loadComparisonFile, parseMechanisms, withoutMechanisms, WORKLOAD_MECHANISMS, type LoadedComparison, type WorkloadMechanism } from "@akutt/model";
import { buildComparison, comparisonToJson, type OptimisationInput, renderComparisonHtml, renderComparisonMarkdown, renderComparisonTerminal, renderMechanismStepsMarkdown, renderProjectionsCsv, type Language } from "@akutt/analysis";
import { parsePositiveInteger, parseSeed } from "../io/options.js";
import { createProgress } from "../io/progress.js";
import { StagedOutput } from "../io/staged-output.js";
import { UsageError } from "../io/user-error.js";
import { planComparisonOptimisation, runComparisonOptimisation, type OptimisationPlan } from "@akutt/ranking";
import { comparisonInput, MAP_ATTRIBUTION, mapShapes, runComparison, runMechanismSteps } from "@akutt/runs";

interface CompareFlags {
  json: boolean;
  out?: string;
  replications?: string;
  seed?: string;
  sensitivity: boolean;
  factors: boolean;
  fleetNeeded: boolean;
  optimise: boolean;
  projections: boolean;
  years?: string;
  growth?: string;
  language: string;
  dataDir?: string;
  without?: string;
  mechanismSteps: boolean;
}

export function registerCompare(program: Command): void {
  program
    .command("compare")
    .description("run today's system and its alternatives on common random numbers and compare them side by side")
    .argument("<folder>", "folder with comparison.yaml (or the comparison file itself)")
    .option("--json", "print the comparison as JSON on stdout (docs/comparison-format.md)", false)
    .option("--out <dir>", "write comparison.json, comparison.md and comparison.html (bokmål) and comparison.en.html")
    .option("--replications <n>", "replications per variant (default: from comparison.yaml)")
    .option("--seed <s>", "base random seed (default: from comparison.yaml)")
    .option("--no-sensitivity", "skip the sensitivity runs")
    .option("--no-factors", "skip the factor controls of comparison.yaml `factors` (organisation × resources × measures)")
    .option("--no-fleet-needed", "skip the search of comparison.yaml `fleetNeeded` (fleet needed to keep today's level)")
    .option("--no-optimise", "skip the optimisation section of comparison.yaml `optimisation` (the siting MIP's best station sites judged by simulation, and the standby plan given to every variant)")
    .option("--years <list>", "also run every variant with demand projected to these years, e.g. 2026,2035,2050 (default: comparison.yaml projections)")
    .option("--growth <list>", "growth alternatives of the projections, e.g. population,activity-4pct (default: comparison.yaml, else the scenario's first)")
    .option("--no-projections", "skip the projection runs")
    .option("--language <nb|en>", "language of the terminal table", "nb")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .option("--without <mechanisms>", `switch workload mechanisms off in every variant, comma-separated: ${WORKLOAD_MECHANISMS.join(", ")}`)
    .option("--mechanism-steps", "run the comparison without the workload mechanisms, then adding one at a time, and show what each did (no sensitivity runs)", false)
    .action(async (folder: string, flags: CompareFlags) => {
      if (flags.language !== "nb" && flags.language !== "en") throw new UsageError(`--language must be nb or en, got "${flags.language}"`);
      const language: Language = flags.language;
      const comparison = loadComparisonFile(folder);
      const replications = flags.replications === undefined ? undefined : parsePositiveInteger("--replications", flags.replications);
      if (replications === 1) throw new UsageError("--replications must be at least 2 for paired confidence intervals");
      const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
      const years = flags.years === undefined ? undefined : parseYears(flags.years);
      const growth = flags.growth === undefined ? undefined : parseIds("--growth", flags.growth);
      if (!flags.projections && (years || growth)) throw new UsageError("--years and --growth ask for projections, --no-projections skips them: give one or the other");
      const without = flags.without === undefined ? [] : parseWithout(flags.without);
      if (flags.mechanismSteps) {
        if (flags.without !== undefined) throw new UsageError("--mechanism-steps switches mechanisms on one at a time itself; leave out --without");
        await compareMechanismSteps(comparison, { replications, seed, dataDir: flags.dataDir, out: flags.out, json: flags.json, language });
        return;
      }
      // Planned (and checked) before anything runs, so a bad `optimisation` section fails at once.
      let optimisation: OptimisationPlan | undefined;
      if (flags.optimise && comparison.optimisation) {
        if (without.length > 0) throw new UsageError("--without changes every variant, but the optimisation section simulates the variants' files as they are: add --no-optimise");
        optimisation = planComparisonOptimisation(comparison, { seed, replications, dataDir: flags.dataDir });
      }
      let progress = createProgress("comparing", 1, false);
      let done = 0;
      let fleetStartMs: number | undefined;
      const runs = await runComparison(comparison, {
        dataDir: flags.dataDir,
        replications,
        seed,
        sensitivity: flags.sensitivity,
        factors: flags.factors,
        fleetNeeded: flags.fleetNeeded,
        onFleetProgress: (message) => {
          fleetStartMs ??= Date.now();
          if (!flags.json) process.stderr.write(`\n[${((Date.now() - fleetStartMs) / 1000).toFixed(1)} s] ${message}`);
        },
        projections: flags.projections ? { years, growth } : false,
        ...(without.length > 0 ? { adjustScenario: (scenario) => withoutMechanisms(scenario, without) } : {}),
        onPlan: (total) => (progress = createProgress("comparing", total, !flags.json)),
        onReplication: () => progress.update(++done),
      });
      progress.stop();
      if (fleetStartMs !== undefined && !flags.json) process.stderr.write(`\nfleet-needed search took ${((Date.now() - fleetStartMs) / 1000).toFixed(1)} s\n`);
      let optimised: OptimisationInput | undefined;
      if (optimisation) {
        const startMs = Date.now();
        const note = (message: string) => {
          if (!flags.json) process.stderr.write(`[${((Date.now() - startMs) / 1000).toFixed(1)} s] ${message}\n`);
        };
        optimised = await runComparisonOptimisation(optimisation, { dataDir: flags.dataDir, onProgress: note });
        note("optimisation section done");
      }
      const report = buildComparison({ ...comparisonInput(comparison, runs), ...(optimised ? { optimisation: optimised } : {}) });
      const json = comparisonToJson(report);
      if (flags.out) {
        const output = new StagedOutput(flags.out);
        try {
          const boundaries = mapShapes(runs, flags.dataDir);
          const attribution = MAP_ATTRIBUTION;
          output.write("comparison.json", json);
          output.write("comparison.md", renderComparisonMarkdown(report, { language }));
          output.write("comparison.html", renderComparisonHtml(report, { language: "nb", boundaries, attribution }));
          output.write("comparison.en.html", renderComparisonHtml(report, { language: "en", boundaries, attribution }));
          if (report.projections) output.write("projections.csv", renderProjectionsCsv(report));
          const written = output.commit();
          if (!flags.json) process.stderr.write(`wrote ${written.join(", ")}\nopen ${written.find((path) => path.endsWith("comparison.html"))} in a browser, or run \`npm run serve\` for the web application\n`);
        } catch (error) {
          output.abort();
          throw error;
        }
      }
      process.stdout.write(flags.json ? json : renderComparisonTerminal(report, { language }));
    });
}

/** "2026,2035,2050" → years; whole four-digit years, each once, at most 10 (the data bound them further). */
function parseYears(text: string): number[] {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.length > 10 || parts.some((part) => !/^\d{4}$/.test(part))) throw new UsageError(`--years must be up to 10 whole years separated by commas, e.g. 2026,2035,2050, got "${text}"`);
  const years = parts.map(Number);
  if (new Set(years).size !== years.length) throw new UsageError(`--years names a year twice: "${text}"`);
  return years;
}

function parseIds(flag: string, text: string): string[] {
  const ids = text.split(",").map((part) => part.trim());
  if (ids.length > 5 || ids.some((id) => !/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(id))) throw new UsageError(`${flag} must be up to 5 ids separated by commas, got "${text}"`);
  return ids;
}

function parseWithout(list: string): WorkloadMechanism[] {
  const { mechanisms, unknown } = parseMechanisms(list);
  if (unknown.length > 0) throw new UsageError(`--without: unknown mechanism${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `"${name.slice(0, 40)}"`).join(", ")}; known: ${WORKLOAD_MECHANISMS.join(", ")}`);
  if (mechanisms.length === 0) throw new UsageError(`--without needs at least one of ${WORKLOAD_MECHANISMS.join(", ")}`);
  return mechanisms;
}

/** `--mechanism-steps`: one comparison per step, then the step tables (Markdown) and every step's report (JSON). */
async function compareMechanismSteps(
  comparison: LoadedComparison,
  options: { replications: number | undefined; seed: number | undefined; dataDir: string | undefined; out: string | undefined; json: boolean; language: Language },
): Promise<void> {
  let progress = createProgress("step", 1, false);
  let done = 0;
  let stepText = "";
  const steps = await runMechanismSteps(comparison, {
    dataDir: options.dataDir,
    replications: options.replications,
    seed: options.seed,
    sensitivity: false,
    onStep: (step, count) => (stepText = `step ${step}/${count}`),
    onPlan: (total) => {
      progress.stop();
      done = 0;
      progress = createProgress(stepText, total, !options.json);
    },
    onReplication: () => progress.update(++done),
  });
  progress.stop();
  const reports = steps.map((step) => ({ added: step.added === null ? null : { id: step.added, label: step.addedLabel! }, report: buildComparison(comparisonInput(comparison, step.runs)) }));
  const json = `${JSON.stringify({ format: "akutt-mechanism-steps", formatVersion: 1, steps: reports }, null, 2)}\n`;
  const markdown = (language: Language) => renderMechanismStepsMarkdown(reports, language);
  if (options.out) {
    const output = new StagedOutput(options.out);
    try {
      output.write("mechanism-steps.json", json);
      output.write("mechanism-steps.md", markdown("nb"));
      output.write("mechanism-steps.en.md", markdown("en"));
      const written = output.commit();
      if (!options.json) process.stderr.write(`wrote ${written.join(", ")}\n`);
    } catch (error) {
      output.abort();
      throw error;
    }
  }
  process.stdout.write(options.json ? json : markdown(options.language));
}
