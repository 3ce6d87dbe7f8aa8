import { basename, dirname, extname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { writeFileAtomic } from "@akutt/geo";
import { loadScenarioFile, readScenarioChain, textIn } from "@akutt/model";
import { projectionOverlay, projectScenario, type ProjectionResult } from "@akutt/runs";
import { UsageError } from "../io/user-error.js";

interface ProjectFlags {
  year?: string;
  alternative?: string;
  out?: string;
  language: string;
  dataDir?: string;
}

export function registerProject(program: Command): void {
  program
    .command("project")
    .description("write an overlay with the scenario's demand projected to a future year (SSB population projection, age-weighted, per-head growth alternatives)")
    .argument("<scenario>", "scenario YAML file")
    .option("--year <yyyy>", "target year, within the population projection (2025–2050)")
    .option("--alternative <id>", "growth alternative (default: the scenario's first, \"population\")")
    .option("--out <file>", "overlay file to write (default: beside the scenario, <name>-<year>[-<alternative>].yaml)")
    .option("--language <nb|en>", "language of the printed summary", "nb")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action((file: string, flags: ProjectFlags) => {
      if (flags.language !== "nb" && flags.language !== "en") throw new UsageError(`--language must be nb or en, got "${flags.language}"`);
      if (flags.year === undefined) throw new UsageError("--year is required, e.g. --year 2035");
      const year = Number(flags.year);
      if (!/^\d{4}$/.test(flags.year)) throw new UsageError(`--year must be a whole year, e.g. 2035, got "${flags.year}"`);
      const scenario = loadScenarioFile(file, { dataDir: flags.dataDir });
      const result = projectScenario(scenario, { year, alternative: flags.alternative, dataDir: flags.dataDir, locator: readScenarioChain(file, file) });
      const defaultAlternative = result.alternative.id === (scenario.projection?.alternatives[0]?.id ?? "population");
      const name = basename(file, extname(file));
      const out = resolve(flags.out ?? join(dirname(file), `${name}-${year}${defaultAlternative ? "" : `-${result.alternative.id}`}.yaml`));
      if (scenario.sourceFiles.includes(out)) throw new UsageError(`--out ${flags.out ?? out}: would overwrite ${relative(process.cwd(), out) || out}, a file the scenario is read from`);
      const extendsPath = relative(dirname(out), resolve(file)) || basename(file);
      // Written aside and renamed, so a failed write leaves no half overlay.
      writeFileAtomic(out, projectionOverlay(result, extendsPath));
      process.stdout.write(summary(result, scenario.areas, flags.language));
      process.stderr.write(`wrote ${relative(process.cwd(), out) || out}; run it with \`akutt simulate ${relative(process.cwd(), out) || out}\`\n`);
    });
}

function summary(result: ProjectionResult, areas: ReadonlyArray<{ code: string; name: string }>, language: "nb" | "en"): string {
  const nb = language === "nb";
  const number = (value: number, digits: number) => value.toLocaleString(nb ? "nb-NO" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const header = nb
    ? [`Område`, "Kommune", `Folketall ${result.baseYear} → ${result.year}`, "Befolkningsforhold", "Aldersvekt", "Faktor"]
    : ["Area", "Municipality", `Population ${result.baseYear} → ${result.year}`, "Population ratio", "Age weight", "Factor"];
  const rows = result.areas.map((area) => {
    const name = areas.find((candidate) => candidate.code === area.areaCode)?.name ?? area.areaCode;
    return [`${name} (${area.areaCode})`, area.municipality, `${number(area.populationBase, 0)} → ${number(area.populationTarget, 0)}`, number(area.populationRatio, 3), number(area.ageWeight, 3), number(area.factor * result.perHeadMultiplier, 3)];
  });
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  const title = nb
    ? `Etterspørsel framskrevet til ${result.year}, alternativ «${result.alternative.id}» (${textIn(result.alternative.label, "nb")}); faktoren gjelder hvert områdes rater og tar med vekst per innbygger ×${number(result.perHeadMultiplier, 3)}`
    : `Demand projected to ${result.year}, alternative "${result.alternative.id}" (${textIn(result.alternative.label, "en")}); the factor multiplies each area's rates and includes per-head growth ×${number(result.perHeadMultiplier, 3)}`;
  return `${title}\n${line(header)}\n${rows.map(line).join("\n")}\n${result.notes[language].map((note) => `- ${note}`).join("\n")}\n`;
}
