import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { WAREHOUSE_DDL, WAREHOUSE_SCHEMA_VERSION } from "./schema/schema.js";

/** The default warehouse file, relative to the current directory. */
export const DEFAULT_WAREHOUSE_PATH = "out/warehouse.duckdb";

export class WarehouseError extends Error {
  override readonly name = "WarehouseError";
}

/**
 * The file is a warehouse of another schema version. Not migrated: the tables derived at import
 * (incidents, since version 3) are rebuilt by importing the extracts again into a new file.
 */
export class WarehouseVersionError extends WarehouseError {
  /** A file the user can replace (the command line prints the message alone, exit code 2). */
  readonly isUserError = true;
  constructor(
    path: string,
    readonly foundVersion: string | undefined,
  ) {
    super(
      `${path} is not an Akutt warehouse of schema version ${WAREHOUSE_SCHEMA_VERSION} (found ${foundVersion === undefined ? "none" : `version ${foundVersion}`})` +
        (foundVersion !== undefined && Number(foundVersion) < WAREHOUSE_SCHEMA_VERSION ? `; it was made by an older Akutt: import its extracts again into a new warehouse file (--warehouse NEW.duckdb)` : ""),
    );
  }
}

export interface OpenWarehouseOptions {
  /** Open without write access (several readers may share the file); the schema must already be there. */
  readOnly?: boolean;
}

/**
 * One open warehouse file. DuckDB runs every statement on its own threads, so awaiting a query
 * never blocks the event loop; statements on the one connection run one at a time, in order.
 */
export class Warehouse {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    /** The connection, for the importer's transaction and appenders; prefer query()/run(). */
    readonly connection: DuckDBConnection,
  ) {}

  /** Rows as plain objects (BIGINT as bigint, TIMESTAMPTZ as Date). */
  query(sql: string, values: DuckDBValue[] = []): Promise<Array<Record<string, unknown>>> {
    return this.serial(async () => (await this.connection.runAndReadAll(sql, values)).getRowObjectsJS() as Array<Record<string, unknown>>);
  }

  run(sql: string, values: DuckDBValue[] = []): Promise<void> {
    return this.serial(async () => {
      await this.connection.run(sql, values);
    });
  }

  /** Runs `work` alone on the connection (nothing else queued in between), e.g. a whole transaction. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Opens (and, unless read-only, creates) the warehouse file with the schema of schema.ts. A file
 * made by another schema version is refused with a WarehouseVersionError, and left unchanged.
 */
export async function openWarehouse(path: string = DEFAULT_WAREHOUSE_PATH, options: OpenWarehouseOptions = {}): Promise<Warehouse> {
  const file = resolve(path);
  if (!options.readOnly) mkdirSync(dirname(file), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, options.readOnly ? { access_mode: "READ_ONLY" } : {});
  } catch (error) {
    throw new WarehouseError(`cannot open the warehouse ${path}: ${(error as Error).message.split("\n")[0]}`);
  }
  const connection = await instance.connect();
  const warehouse = new Warehouse(file, instance, connection);
  try {
    // Local times are turned into instants explicitly (Europe/Oslo); the session zone only affects how instants print.
    await warehouse.run(`SET TimeZone = 'UTC'`);
    const versionOf = async () => (await warehouse.query(`SELECT value FROM warehouse_meta WHERE key = 'schema_version'`).catch(() => []))[0]?.value as string | undefined;
    let version = await versionOf();
    // A file of another version is refused before anything is written to it (no new table in an old file).
    if (!options.readOnly && (version === undefined || version === String(WAREHOUSE_SCHEMA_VERSION))) {
      for (const statement of WAREHOUSE_DDL) await warehouse.run(statement);
      await warehouse.run(`INSERT INTO warehouse_meta VALUES ('schema_version', $1) ON CONFLICT DO NOTHING`, [String(WAREHOUSE_SCHEMA_VERSION)]);
      version = await versionOf();
    }
    if (version !== String(WAREHOUSE_SCHEMA_VERSION)) throw new WarehouseVersionError(path, version === undefined ? undefined : String(version));
  } catch (error) {
    warehouse.close();
    throw error;
  }
  return warehouse;
}
