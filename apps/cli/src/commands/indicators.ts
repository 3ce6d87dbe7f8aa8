import { basename, relative, resolve } from "node:path";
import type { Command } from "commander";
import { writeFileAtomic } from "@akutt/geo";
import { loadScenarioFile, resolveDataDir } from "@akutt/model";
import { UsageError } from "../io/user-error.js";

interface IndicatorFlags {
  warehouse: string;
  by?: string;
  group?: string;
  indicator?: string;
  format: string;
  out?: string;
  lang: string;
  scenario?: string;
  dataDir?: string;
}

const FORMATS = ["text", "csv", "html"] as const;
/** @akutt/warehouse DEFAULT_WAREHOUSE_PATH, written out so that `akutt --help` does not load DuckDB through that package. */
export const DEFAULT_WAREHOUSE = "out/warehouse.duckdb";

export function registerIndicators(program: Command): void {
  program
    .command("indicators")
    .description("national quality indicators from the mission warehouse: response times (red, yellow), 113 answer time, AMK reaction time, missions per 1,000 inhabitants, utilisation (docs/indicators.md)")
    .option("--warehouse <file>", "the warehouse (DuckDB file written by akutt data import)", DEFAULT_WAREHOUSE)
    .option("--by <period>", "month or year (local time, Europe/Oslo)")
    .option("--group <kind>", "kommune, bydel, trust, amk, station or unit (default: the first indicator's own, kommune for most)")
    .option("--indicator <ids>", "comma-separated: red-response, yellow-response, amk-answer, amk-reaction, missions-per-1000, utilisation (default: every one defined for the grouping)")
    .option("--format <format>", "text (every figure), csv or html (rows with fewer than 5 events suppressed)", "text")
    .option("--out <file>", "write to this file (written whole or not at all) instead of standard output")
    .option("--lang <nb|en>", "language of labels and notes", "nb")
    .option("--scenario <file>", "scenario whose areas give each kommune's class (tettbygd/grisgrendt), the health trusts and the names")
    .option("--data-dir <dir>", "folder with the shared data, for SSB population (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (flags: IndicatorFlags) => {
      if (flags.lang !== "nb" && flags.lang !== "en") throw new UsageError(`--lang must be nb or en, got "${flags.lang.slice(0, 40)}"`);
      if (!(FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${flags.format.slice(0, 40)}"`);
      // Loaded here, not at start-up: DuckDB is native and only this command needs it.
      const indicators = await import("@akutt/indicators");
      const request = indicators.parseIndicatorRequest({ indicators: flags.indicator, by: flags.by, group: flags.group });
      const dataDir = resolveDataDir(flags.dataDir);
      const scenario = flags.scenario === undefined ? undefined : loadScenarioFile(flags.scenario, { dataDir: flags.dataDir });
      const areas = indicators.areaReference(scenario ? { ...scenario, name: basename(scenario.file) } : undefined, dataDir);
      const warehouse = resolve(flags.warehouse);
      const source = await indicators.openIndicatorSource(warehouse);
      let tables;
      try {
        tables = await indicators.computeIndicators(source.connection, request, areas, dataDir);
      } finally {
        source.close();
      }
      if (!scenario && request.indicators.some((id) => id === "red-response" || id === "yellow-response")) {
        for (const table of tables) {
          table.notes.nb.push("Ingen --scenario: kommunenes klasse (tettbygd/grisgrendt) er ukjent, så andelen innen målet mangler.");
          table.notes.en.push("No --scenario: the municipalities' class (tettbygd/grisgrendt) is unknown, so the share within target is missing.");
        }
      }
      const language = flags.lang;
      const output =
        flags.format === "csv"
          ? indicators.renderCsv(tables, language)
          : flags.format === "html"
            ? indicators.renderHtml(tables, { language, sourceLabel: `${basename(warehouse)} (${source.missions.toLocaleString(language === "nb" ? "nb-NO" : "en-GB")} ${language === "nb" ? "oppdrag" : "missions"})`, generatedIso: new Date().toISOString().slice(0, 19) + "Z" })
            : indicators.renderText(tables, language);
      if (flags.out === undefined) return void process.stdout.write(output);
      writeFileAtomic(resolve(flags.out), output);
      process.stderr.write(`wrote ${relative(process.cwd(), resolve(flags.out)) || flags.out}\n`);
    });
}
