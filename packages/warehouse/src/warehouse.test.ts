import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWarehouse, WarehouseError, WarehouseVersionError } from "./warehouse.js";
import { TIME_COLUMNS, WAREHOUSE_SCHEMA_VERSION } from "./schema/schema.js";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "akutt-wh-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("openWarehouse", () => {
  it("creates the tables with the shared column names, and opens again", async () => {
    const path = join(tempDir(), "sub", "w.duckdb");
    const warehouse = await openWarehouse(path);
    const columns = await warehouse.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('missions', 'quarantine', 'imports')`);
    const of = (table: string) => columns.filter((c) => c.table_name === table).map((c) => c.column_name);
    expect(of("missions")).toEqual(expect.arrayContaining(["record_key", "amk", "incident_id", "synthetic", "urgency_changed", "kommune_number", "zone_id", "unit_id", ...TIME_COLUMNS]));
    expect(of("quarantine")).toEqual(["import_id", "source_line", "reason", "detail"]);
    expect((await warehouse.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'incidents'`)).map((c) => c.column_name)).toEqual(
      expect.arrayContaining(["amk", "incident_id", "call_type", "urgency", "urgency_changed", "call_ringing_at", "first_unit_alerted_at", "first_ambulance_at_scene_at", "kommune_number"]),
    );
    expect(of("imports")).toEqual(["import_id", "file_name", "file_sha256", "rows_read", "rows_stored", "rows_quarantined", "imported_at"]);
    warehouse.close();
    const again = await openWarehouse(path, { readOnly: true });
    expect(await again.query(`SELECT count(*)::INTEGER AS n FROM missions`)).toEqual([{ n: 0 }]);
    again.close();
  });

  it("refuses a DuckDB file that is not a warehouse", async () => {
    const path = join(tempDir(), "other.duckdb");
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE warehouse_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO warehouse_meta VALUES ('schema_version', '999')`);
    connection.closeSync();
    instance.closeSync();
    await expect(openWarehouse(path)).rejects.toThrow(WarehouseError);
    await expect(openWarehouse(path)).rejects.toThrow(new RegExp(`schema version ${WAREHOUSE_SCHEMA_VERSION} \\(found version 999\\)`));
  });

  it("refuses a warehouse of an older schema version with a typed error, and writes nothing to it", async () => {
    const path = join(tempDir(), "old.duckdb");
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE warehouse_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO warehouse_meta VALUES ('schema_version', '1'); CREATE TABLE missions (record_key TEXT)`);
    connection.closeSync();
    instance.closeSync();
    const error = await openWarehouse(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WarehouseVersionError);
    expect((error as WarehouseVersionError).foundVersion).toBe("1");
    expect((error as Error).message).toMatch(/older Akutt: import its extracts again into a new warehouse file/);
    const reopened = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
    const check = await reopened.connect();
    const tables = (await check.runAndReadAll(`SELECT table_name FROM information_schema.tables ORDER BY 1`)).getRowObjectsJS();
    expect(tables.map((row) => row.table_name)).toEqual(["missions", "warehouse_meta"]);
    check.closeSync();
    reopened.closeSync();
  });
});
