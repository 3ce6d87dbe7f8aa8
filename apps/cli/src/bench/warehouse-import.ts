import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MAPPING, importExtract, openWarehouse, type ImportReport } from "@akutt/warehouse";

export interface ImportFigure {
  rows: number;
  fileMB: number;
  /** Writing the CSV with DuckDB (not part of the import). */
  generateSec: number;
  /** importExtract alone: hashing, reading, identifier scan, checks, one transaction. */
  importSec: number;
  rowsPerSec: number;
  report: Pick<ImportReport, "rowsStored" | "rowsQuarantined" | "quarantined">;
}

const KOMMUNER = new Map([
  ["0301", "Oslo"],
  ["3201", "Bærum"],
  ["3203", "Asker"],
  ["3301", "Drammen"],
  ["3312", "Lier"],
  ["3205", "Lillestrøm"],
  ["3207", "Nordre Follo"],
  ["3105", "Sarpsborg"],
  ["3403", "Hamar"],
  ["3905", "Tønsberg"],
]);

/**
 * Imports `rows` clean missions (about ten years of Helse Sør-Øst at 5 million) from a CSV that
 * DuckDB writes from range() into a temporary folder: one incident every 63 s from 2016, local
 * times without offset as AMK systems export them, all nine time points, ten kommuner. No
 * coordinates (zone lookup is not measured). Target: under 60 s for 5 million (issue 10).
 */
export async function measureImport(rows: number): Promise<ImportFigure> {
  const dir = mkdtempSync(join(tmpdir(), "akutt-bench-import-"));
  try {
    const csv = join(dir, "extract.csv");
    const warehouse = await openWarehouse(join(dir, "warehouse.duckdb"));
    const kommuner = [...KOMMUNER.keys()].map((k) => `'${k}'`).join(", ");
    const at = (offsetSec: string) => `strftime(TIMESTAMP '2016-01-01 00:00:00' + to_seconds(i * 63 + ${offsetSec}), '%Y-%m-%d %H:%M:%S')`;
    const generateStarted = process.hrtime.bigint();
    await warehouse.run(`COPY (
      SELECT 'amk-' || (i % 5) AS amk, i::VARCHAR AS incident_id, 'true' AS synthetic, 'dispatch' AS call_type,
        ['red', 'yellow', 'green'][1 + i % 3] AS urgency, '' AS urgency_final,
        ${at("0")} AS call_ringing_at, ${at("8")} AS call_answered_at, ${at("70")} AS urgency_set_at, ${at("90")} AS unit_alerted_at,
        ${at("150")} AS unit_departed_at, ${at("150 + i % 900")} AS unit_at_scene_at, ${at("1500 + i % 900")} AS unit_left_scene_at,
        ${at("2400 + i % 900")} AS unit_at_destination_at, ${at("3300 + i % 900")} AS unit_free_at,
        [${kommuner}][1 + i % ${KOMMUNER.size}] AS kommune_number, 'amb-' || (i % 300) AS unit_id, 'ambulance' AS unit_type, 'st-' || (i % 100) AS station
      FROM range(${rows}) r(i)) TO '${csv}' (HEADER, DELIMITER ',')`);
    const generateSec = Number(process.hrtime.bigint() - generateStarted) / 1e9;
    const started = process.hrtime.bigint();
    const report = await importExtract(warehouse, csv, { mapping: DEFAULT_MAPPING, kommuner: KOMMUNER });
    const importSec = Number(process.hrtime.bigint() - started) / 1e9;
    warehouse.close();
    return { rows, fileMB: statSync(csv).size / 1e6, generateSec, importSec, rowsPerSec: rows / importSec, report: { rowsStored: report.rowsStored, rowsQuarantined: report.rowsQuarantined, quarantined: report.quarantined } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
