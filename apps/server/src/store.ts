import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";

export type JobKind = "run" | "comparison" | "optimisation";
export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface VariantRecord {
  id: string;
  name: string;
  /** Scenario id the overlay extends. */
  parent: string;
  /** Absolute path of the overlay file in the state directory. */
  file: string;
  created: string;
}

export interface JobRecord {
  id: string;
  kind: JobKind;
  status: JobStatus;
  scenarioIds: string[];
  seed: number;
  replications: number;
  created: string;
  finished: string | null;
  error: string | null;
}

/**
 * The embedded database (DuckDB, one file in the state directory): saved variants and jobs (runs
 * and comparisons) with their results. A job's result is written in the same statement that marks
 * it done, so a process killed midway never leaves a half-written result; on open, jobs left
 * queued or running by a previous process are marked failed.
 */
export class Store {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(stateDir: string): Promise<Store> {
    mkdirSync(stateDir, { recursive: true });
    const instance = await DuckDBInstance.create(join(stateDir, "akutt.duckdb"));
    const connection = await instance.connect();
    const store = new Store(instance, connection);
    await store.exec(`CREATE TABLE IF NOT EXISTS variants (
      id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, parent VARCHAR NOT NULL, file VARCHAR NOT NULL, created VARCHAR NOT NULL)`);
    await store.exec(`CREATE TABLE IF NOT EXISTS jobs (
      id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, status VARCHAR NOT NULL, scenario_ids VARCHAR NOT NULL,
      seed BIGINT NOT NULL, replications INTEGER NOT NULL, created VARCHAR NOT NULL, finished VARCHAR, error VARCHAR,
      result VARCHAR, html_nb VARCHAR, html_en VARCHAR)`);
    await store.exec(`UPDATE jobs SET status = 'failed', error = 'the server stopped before the job finished', finished = $1 WHERE status IN ('queued', 'running')`, [new Date().toISOString()]);
    return store;
  }

  /** Statements run one at a time on the one connection. */
  private exec(sql: string, values: DuckDBValue[] = []): Promise<Array<Record<string, unknown>>> {
    const next = this.queue.then(async () => {
      const reader = await this.connection.runAndReadAll(sql, values);
      return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async addVariant(variant: VariantRecord): Promise<void> {
    await this.exec(`INSERT INTO variants VALUES ($1, $2, $3, $4, $5)`, [variant.id, variant.name, variant.parent, variant.file, variant.created]);
  }

  async renameVariant(id: string, name: string): Promise<void> {
    await this.exec(`UPDATE variants SET name = $1 WHERE id = $2`, [name, id]);
  }

  async deleteVariant(id: string): Promise<void> {
    await this.exec(`DELETE FROM variants WHERE id = $1`, [id]);
  }

  async variants(): Promise<VariantRecord[]> {
    const rows = await this.exec(`SELECT * FROM variants ORDER BY created, id`);
    return rows.map((row) => ({ id: String(row.id), name: String(row.name), parent: String(row.parent), file: String(row.file), created: String(row.created) }));
  }

  async addJob(job: JobRecord): Promise<void> {
    await this.exec(`INSERT INTO jobs (id, kind, status, scenario_ids, seed, replications, created) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      job.id,
      job.kind,
      job.status,
      JSON.stringify(job.scenarioIds),
      job.seed,
      job.replications,
      job.created,
    ]);
  }

  async setStatus(id: string, status: "running" | "failed" | "cancelled", error?: string): Promise<void> {
    if (status === "running") await this.exec(`UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'queued'`, [id]);
    else await this.exec(`UPDATE jobs SET status = $1, error = $2, finished = $3 WHERE id = $4`, [status, error ?? "", new Date().toISOString(), id]);
  }

  /** Marks a job done and stores its results in one statement. */
  async finish(id: string, result: string, htmlNb: string, htmlEn: string): Promise<void> {
    await this.exec(`UPDATE jobs SET status = 'done', result = $1, html_nb = $2, html_en = $3, finished = $4 WHERE id = $5`, [result, htmlNb, htmlEn, new Date().toISOString(), id]);
  }

  async jobs(kind: JobKind): Promise<JobRecord[]> {
    const rows = await this.exec(`SELECT id, kind, status, scenario_ids, seed, replications, created, finished, error FROM jobs WHERE kind = $1 ORDER BY created DESC, id`, [kind]);
    return rows.map(jobOf);
  }

  async job(id: string): Promise<JobRecord | undefined> {
    const rows = await this.exec(`SELECT id, kind, status, scenario_ids, seed, replications, created, finished, error FROM jobs WHERE id = $1`, [id]);
    return rows[0] ? jobOf(rows[0]) : undefined;
  }

  async result(id: string, part: "result" | "html_nb" | "html_en"): Promise<string | undefined> {
    const rows = await this.exec(`SELECT ${part} AS part FROM jobs WHERE id = $1 AND status = 'done'`, [id]);
    const value = rows[0]?.part;
    return typeof value === "string" ? value : undefined;
  }

  async close(): Promise<void> {
    await this.queue;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function jobOf(row: Record<string, unknown>): JobRecord {
  return {
    id: String(row.id),
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    scenarioIds: JSON.parse(String(row.scenario_ids)) as string[],
    seed: Number(row.seed),
    replications: Number(row.replications),
    created: String(row.created),
    finished: row.finished === null || row.finished === undefined ? null : String(row.finished),
    error: row.error === null || row.error === undefined || row.error === "" ? null : String(row.error),
  };
}
