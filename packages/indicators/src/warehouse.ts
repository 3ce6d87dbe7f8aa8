/**
 * Opens a warehouse file for reading indicators: read-only through @akutt/warehouse (so an
 * indicator query can never change it, and a file of another schema version is refused), and
 * checked to hold missions before any query runs.
 */
import { existsSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openWarehouse, WarehouseError, type Warehouse } from "@akutt/warehouse";
import { IndicatorInputError } from "./errors.js";

export interface IndicatorSource {
  connection: DuckDBConnection;
  /** Missions (rows) in the warehouse. */
  missions: number;
  close(): void;
}

const importHint = (path: string) => `import an extract first with \`akutt data import FILE --warehouse ${path}\``;

export async function openIndicatorSource(path: string): Promise<IndicatorSource> {
  if (!existsSync(path)) throw new IndicatorInputError(`no warehouse at ${path}: ${importHint(path)}`);
  if (!statSync(path).isFile()) throw new IndicatorInputError(`${path} is not a file: give the warehouse's DuckDB file`);
  let warehouse: Warehouse;
  try {
    warehouse = await openWarehouse(path, { readOnly: true });
  } catch (error) {
    if (!(error instanceof WarehouseError)) throw error;
    if (/lock/i.test(error.message)) throw new IndicatorInputError(`the warehouse ${path} is in use by another process (an import?); try again when it has finished`);
    if (/cannot open/.test(error.message)) throw new IndicatorInputError(`${path} is not a DuckDB warehouse file`);
    throw new IndicatorInputError(error.message.split("\n")[0]!);
  }
  try {
    const count = await warehouse.query("SELECT count(*) AS n FROM missions");
    const missions = Number(count[0]?.n ?? 0);
    if (missions === 0) throw new IndicatorInputError(`the warehouse ${path} is empty: ${importHint(path)}`);
    return { connection: warehouse.connection, missions, close: () => warehouse.close() };
  } catch (error) {
    warehouse.close();
    throw error;
  }
}
