import type { Command } from "commander";
import { loadComparisonFile } from "@akutt/model";
import { buildComparison, comparisonToJson, renderComparisonHtml, renderComparisonMarkdown, renderComparisonTerminal, type ComparisonInput, type ComparisonVariantInput, type Language } from "@akutt/analysis";
import { areaShapes, loadBoundaries } from "@akutt/geo";
import { parsePositiveInteger, parseSeed } from "../io/options.js";
import { resolveDataDir } from "../io/paths.js";
import { createProgress } from "../io/progress.js";
import { StagedOutput } from "../io/staged-output.js";
import { UsageError } from "../io/user-error.js";
import { runComparison, type ComparisonRuns, type VariantRun } from "../run/compare-runs.js";

interface CompareFlags {
  json: boolean;
  out?: string;
  replications?: string;
  seed?: string;
  sensitivity: boolean;
  language: string;
  dataDir?: string;
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
    .option("--language <nb|en>", "language of the terminal table", "nb")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (folder: string, flags: CompareFlags) => {
      if (flags.language !== "nb" && flags.language !== "en") throw new UsageError(`--language must be nb or en, got "${flags.language}"`);
      const language: Language = flags.language;
      const comparison = loadComparisonFile(folder);
      const replications = flags.replications === undefined ? undefined : parsePositiveInteger("--replications", flags.replications);
      if (replications === 1) throw new UsageError("--replications must be at least 2 for paired confidence intervals");
      const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
      let progress = createProgress("comparing", 1, false);
      let done = 0;
      const runs = await runComparison(comparison, {
        dataDir: flags.dataDir,
        replications,
        seed,
        sensitivity: flags.sensitivity,
        onPlan: (total) => (progress = createProgress("comparing", total, !flags.json)),
        onReplication: () => progress.update(++done),
      });
      progress.stop();
      const report = buildComparison(comparisonInput(comparison, runs));
      const json = comparisonToJson(report);
      if (flags.out) {
        const output = new StagedOutput(flags.out);
        try {
          const boundaries = mapShapes(runs, flags.dataDir);
          const attribution = ["© Kartverket", "© Oslo kommune (bydeler)", "H3 cells: Uber H3"];
          output.write("comparison.json", json);
          output.write("comparison.md", renderComparisonMarkdown(report, { language }));
          output.write("comparison.html", renderComparisonHtml(report, { language: "nb", boundaries, attribution }));
          output.write("comparison.en.html", renderComparisonHtml(report, { language: "en", boundaries, attribution }));
          const written = output.commit();
          if (!flags.json) process.stderr.write(`wrote ${written.join(", ")}\n`);
        } catch (error) {
          output.abort();
          throw error;
        }
      }
      process.stdout.write(flags.json ? json : renderComparisonTerminal(report, { language }));
    });
}

function variantInput(run: VariantRun): ComparisonVariantInput {
  return {
    id: run.id,
    label: run.label,
    description: run.description,
    index: run.index,
    kpis: run.kpis,
    stationsByOrganisation: run.stationsByOrganisation,
    amkOrganisation: Object.fromEntries(run.scenario.amkCentres.map((amk) => [amk.id, amk.organisation])),
  };
}

function comparisonInput(comparison: ReturnType<typeof loadComparisonFile>, runs: ComparisonRuns): ComparisonInput {
  const baseline = runs.baseline;
  return {
    name: comparison.name,
    description: comparison.description,
    seed: runs.seed,
    travelModel: baseline.travel,
    startIso: baseline.scenario.metadata.start,
    timeZone: "Europe/Oslo",
    baseline: variantInput(baseline),
    alternatives: runs.alternatives.map(variantInput),
    focusAreas: comparison.focusAreas,
    relevantDifferenceSec: comparison.relevantDifferenceSec,
    ...(comparison.costs ? { costs: comparison.costs } : {}),
    catchments: runs.catchments.map((row) => ({ organisationId: row.organisation, variantId: row.variant, areaCodes: row.areaCodes, population: row.population, areaKm2: row.areaKm2 })),
    catchmentNote: catchmentNote(runs),
    sensitivity: runs.sensitivity.map((entry) => ({
      group: entry.group,
      settingLabel: entry.settingLabel,
      variantId: entry.variantId,
      baselineIndex: entry.baseline.index,
      baselineKpis: entry.baseline.kpis,
      variantIndex: entry.variant.index,
      variantKpis: entry.variant.kpis,
    })),
  };
}

function catchmentNote(runs: ComparisonRuns): string | undefined {
  const first = runs.catchments[0];
  if (!first) return undefined;
  const withSea = [...new Set(runs.catchments.flatMap((row) => row.areaIncludesSea))];
  return `Population 1 January ${first.populationYear} (SSB, shared/data/population); area from the 2024 boundary polygons (© Kartverket).${withSea.length > 0 ? ` The polygons of Oslo city districts (${withSea.join(", ")}) include sea, so their area is overstated.` : ""}`;
}

/** Shapes of every area in any variant, for the maps. */
function mapShapes(runs: ComparisonRuns, dataDirFlag: string | undefined) {
  const all = [runs.baseline, ...runs.alternatives];
  const codes = [...new Set(all.flatMap((run) => run.index.areaCodes))];
  const zones = all.flatMap((run) => run.scenario.zones);
  return areaShapes(codes, zones, loadBoundaries(resolveDataDir(dataDirFlag)));
}
