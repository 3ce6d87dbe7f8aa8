import type { Command } from "commander";
import { loadScenarioFile, resolveDataDir } from "@akutt/model";
import { UsageError } from "../io/user-error.js";

interface ImportFlags {
  warehouse: string;
  mapping?: string;
  scenario?: string;
  dataDir?: string;
  json: boolean;
}

/** `akutt data import FILE…`: mission extracts into the warehouse (docs/data-warehouse.md). */
export function registerDataImport(program: Command): void {
  const data = program.commands.find((c) => c.name() === "data") ?? program.command("data").description("the shared public data and the mission warehouse");
  data
    .command("import")
    .description("import AMK/ambulance mission extracts (CSV, Parquet, JSON lines) into the warehouse; every row is stored or quarantined with its reason")
    .argument("<files...>", "extract files (.csv, .parquet, .jsonl/.ndjson, optionally .gz)")
    .option("--warehouse <file>", "the warehouse (DuckDB file)", "out/warehouse.duckdb")
    .option("--mapping <file>", "mapping file (YAML): the centre's column names and codes → the canonical ones")
    .option("--scenario <file>", "scenario whose zones incident places are turned into (coordinates are never stored) and whose units are known")
    .option("--data-dir <dir>", "folder with the shared data, for the kommune list (default: $AKUTT_DATA_DIR or ../shared/data)")
    .option("--json", "print the import reports as JSON", false)
    .action(async (files: string[], flags: ImportFlags) => {
      // DuckDB loads only for this command, so `akutt --help` stays quick.
      const warehouseModule = await import("@akutt/warehouse");
      const { openWarehouse, importExtract, loadMappingFile, DEFAULT_MAPPING, loadKommuneList, scenarioKommuner, QUARANTINE_REASONS, IMPORT_FLAGS, KOMMUNE_LIST_PATH } = warehouseModule;
      const mapping = flags.mapping ? loadMappingFile(flags.mapping) : DEFAULT_MAPPING;
      const scenario = flags.scenario ? loadScenarioFile(flags.scenario, { dataDir: flags.dataDir }) : undefined;
      const dataDir = resolveDataDir(flags.dataDir);
      const kommuner = loadKommuneList(dataDir) ?? (scenario ? scenarioKommuner(scenario) : undefined);
      if (kommuner === undefined) throw new UsageError(`no kommune list: ${dataDir}/${KOMMUNE_LIST_PATH} is missing; give --data-dir or --scenario`);
      const context = {
        mapping,
        kommuner,
        scenario: scenario ? { zones: scenario.zones, unitIds: new Set(scenario.vehicles.map((vehicle) => vehicle.id)) } : undefined,
      };
      const warehouse = await openWarehouse(flags.warehouse);
      const reports = [];
      try {
        for (const file of files) {
          const report = await importExtract(warehouse, file, context);
          reports.push(report);
          if (!flags.json) process.stdout.write(`${formatReport(report, QUARANTINE_REASONS, IMPORT_FLAGS)}\n`);
        }
      } finally {
        warehouse.close();
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    });
}

interface PrintableReport {
  file: string;
  alreadyImported: boolean;
  importId: number | undefined;
  rowsRead: number;
  rowsStored: number;
  rowsQuarantined: number;
  quarantined: Record<string, number>;
  flagged: Record<string, number>;
}

function formatReport(report: PrintableReport, reasons: readonly string[], flags: readonly string[]): string {
  if (report.alreadyImported) return `${report.file}: already imported (import ${report.importId}, same sha256); nothing added`;
  const lines = [`${report.file}: import ${report.importId}: ${report.rowsRead} rows read, ${report.rowsStored} stored, ${report.rowsQuarantined} quarantined`];
  for (const reason of reasons) lines.push(`  quarantined ${reason.padEnd(22)} ${String(report.quarantined[reason] ?? 0).padStart(9)}`);
  for (const flag of flags) lines.push(`  flagged     ${flag.padEnd(22)} ${String(report.flagged[flag] ?? 0).padStart(9)}`);
  return lines.join("\n");
}
