import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWarehouse, WarehouseError } from "./warehouse.js";
import { TIME_COLUMNS } from "./schema/schema.js";

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
  it("creates the three tables with the shared column names, and opens again", async () => {
    const path = join(tempDir(), "sub", "w.duckdb");
    const warehouse = await openWarehouse(path);
    const columns = await warehouse.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('missions', 'quarantine', 'imports')`);
    const of = (table: string) => columns.filter((c) => c.table_name === table).map((c) => c.column_name);
    expect(of("missions")).toEqual(expect.arrayContaining(["record_key", "amk", "incident_id", "synthetic", "urgency_changed", "kommune_number", "zone_id", "unit_id", ...TIME_COLUMNS]));
    expect(of("quarantine")).toEqual(["import_id", "source_line", "reason", "detail"]);
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
    await expect(openWarehouse(path)).rejects.toThrow(/schema version 2 \(found version 999\)/);
  });
});
