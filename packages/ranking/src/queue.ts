import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { Queue, QueueEvents, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { z } from "zod";
import { RANKING_LIMITS, RankInputError, PLAN_ID_PATTERN, type UnitRunner } from "./evaluate.js";
import { UnitThreadPool } from "./threads.js";
import type { EvaluationUnit } from "./units.js";

/** The BullMQ queue every ranking coordinator and worker uses. */
export const RANKING_QUEUE = "akutt-ranking";

/** Bounds of what crosses Redis: a job's data (one plan's overlay and a replication range) and a job's result. */
export const QUEUE_LIMITS = {
  maxUrlChars: 2048,
  maxJobDataChars: RANKING_LIMITS.maxOverlayChars + 16 * 1024,
  maxResultChars: 4 * 1024 * 1024,
  maxUnitReplications: RANKING_LIMITS.maxReplications,
} as const;

/** A queue URL the user gave: only redis:// and rediss:// (TLS); `display` never shows a password. */
export interface QueueAddress {
  url: string;
  display: string;
}

export function parseQueueUrl(text: string): QueueAddress {
  if (text.length > QUEUE_LIMITS.maxUrlChars) throw new RankInputError(`--queue: the URL is longer than ${QUEUE_LIMITS.maxUrlChars} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RankInputError("--queue: not a URL; expected redis://host:port or rediss://host:port");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") throw new RankInputError(`--queue: only redis:// and rediss:// URLs are accepted, got ${url.protocol.slice(0, 32)}//`);
  if (url.hostname === "") throw new RankInputError("--queue: the URL names no host; expected redis://host:port");
  if (url.search !== "" || url.hash !== "") throw new RankInputError("--queue: the URL may not have a query or fragment");
  if (!/^(\/(\d{1,2})?)?$/.test(url.pathname)) throw new RankInputError("--queue: the path may only be a database number, e.g. redis://host:6379/0");
  const port = url.port === "" ? 6379 : Number(url.port);
  return { url: url.href, display: `${url.protocol}//${url.hostname}:${port}${url.pathname === "/" ? "" : url.pathname}` };
}

/** A connection that gives up after a few tries at first (a wrong address fails in seconds), then reconnects as BullMQ needs. */
async function connect(address: QueueAddress, connectTimeoutMs: number): Promise<Redis> {
  let connected = false;
  const client = new Redis(address.url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: connectTimeoutMs,
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : times > 3 ? null : times * 200),
  });
  client.on("error", () => undefined); // reported through connect() or the commands that fail
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new RankInputError(`--queue: cannot reach ${address.display} (${error instanceof Error ? error.message.slice(0, 200) : "error"})`);
  }
  connected = true;
  return client;
}

export interface QueueRunnerOptions {
  /** How many units to cut the work into at least (a guess of the worker processes; default 4). */
  parallelism?: number | undefined;
  /** Whole evaluation (default 2 h). */
  timeoutMs?: number | undefined;
  connectTimeoutMs?: number | undefined;
  /** Attempts of a job whose worker died or failed (default 3). */
  attempts?: number | undefined;
}

/** The job data: a unit without the paths of this machine (a worker uses its own data and cache folders). */
export type QueueUnit = Omit<EvaluationUnit, "dataDir" | "cacheDir">;

/**
 * Units as BullMQ jobs on a Redis queue, run by `akutt optimise worker` processes anywhere that sees
 * the same scenario files at the same paths. The results are the units' JSON texts, as in threads,
 * so the ranking is byte-identical. A worker killed mid-job loses nothing: its lock lapses, the
 * stalled-job check puts the job back, and another worker runs it (up to `attempts`).
 */
export async function queueRunner(queueUrl: string, options: QueueRunnerOptions = {}): Promise<UnitRunner> {
  const address = parseQueueUrl(queueUrl);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const connection = await connect(address, connectTimeoutMs);
  const eventsConnection = await connect(address, connectTimeoutMs).catch((error: unknown) => {
    connection.disconnect();
    throw error;
  });
  const queue = new Queue(RANKING_QUEUE, { connection });
  const events = new QueueEvents(RANKING_QUEUE, { connection: eventsConnection });
  const timeoutMs = options.timeoutMs ?? 2 * 3_600_000;
  return {
    parallelism: options.parallelism ?? 4,
    async runAll(units, onUnit) {
      await events.waitUntilReady();
      const run = randomUUID();
      const jobs = await queue.addBulk(
        units.map((unit, i) => {
          const data: QueueUnit = { base: unit.base, planId: unit.planId, planFile: unit.planFile, overlay: unit.overlay, seed: unit.seed, fromReplication: unit.fromReplication, toReplication: unit.toReplication };
          if (JSON.stringify(data).length > QUEUE_LIMITS.maxJobDataChars) throw new RankInputError(`plan ${unit.planId}: a job would hold more than ${QUEUE_LIMITS.maxJobDataChars} characters`);
          return {
            name: "unit",
            data,
            opts: { jobId: `${run}-${i}`, attempts: options.attempts ?? 3, backoff: { type: "fixed", delay: 500 }, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } },
          };
        }),
      );
      const deadline = Date.now() + timeoutMs;
      return Promise.all(
        jobs.map(async (job, i) => {
          let text: unknown;
          try {
            text = await job.waitUntilFinished(events, Math.max(1, deadline - Date.now()));
          } catch (error) {
            const reason = error instanceof Error ? error.message.slice(0, 500) : String(error);
            throw new Error(`queue job ${job.id} (plan ${units[i]!.planId}, replications ${units[i]!.fromReplication}–${units[i]!.toReplication - 1}) did not finish: ${reason}`);
          }
          if (typeof text !== "string" || text.length > QUEUE_LIMITS.maxResultChars) throw new Error(`queue job ${job.id}: the result is not a unit's JSON text`);
          onUnit(units[i]!);
          return text;
        }),
      );
    },
    async close() {
      await events.close();
      await queue.close();
    },
  };
}

const unitSchema = z.strictObject({
  base: z.string().min(1).max(4096),
  planId: z.string().regex(PLAN_ID_PATTERN),
  planFile: z.string().min(1).max(4096),
  overlay: z.string().max(RANKING_LIMITS.maxOverlayChars).nullable(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  fromReplication: z.number().int().min(0).max(RANKING_LIMITS.maxReplications),
  toReplication: z.number().int().min(1).max(RANKING_LIMITS.maxReplications),
});

export interface QueueWorkerOptions {
  /**
   * Folders the jobs' scenarios (the base, what it extends, its zones and network files) must lie in:
   * a job comes from Redis, so it may only make this process read files there.
   */
  allowedRoots: string[];
  dataDir?: string | undefined;
  cacheDir?: string | undefined;
  /** Jobs at once, each in its own worker thread (default 1). */
  threads?: number | undefined;
  /** BullMQ lock and stalled-job check (defaults 30 s each): a dead worker's job goes back after about lockDuration + stalledInterval. */
  lockDurationMs?: number | undefined;
  stalledIntervalMs?: number | undefined;
  connectTimeoutMs?: number | undefined;
  onJob?: (event: "started" | "done" | "failed", job: { id: string; planId: string; replications: string }) => void;
}

/**
 * `akutt optimise worker`: takes ranking jobs from the queue and runs each in a worker thread, so
 * this process's event loop stays free to renew the job's lock however long a simulation takes.
 */
export async function startQueueWorker(queueUrl: string, options: QueueWorkerOptions): Promise<{ address: string; close(): Promise<void> }> {
  const address = parseQueueUrl(queueUrl);
  if (options.allowedRoots.length === 0) throw new RankInputError("a queue worker needs at least one folder its jobs' scenarios may lie in");
  const connection = await connect(address, options.connectTimeoutMs ?? 10_000);
  const threads = options.threads ?? 1;
  const pool = new UnitThreadPool({ threads });
  const read = { allowedRoots: [...options.allowedRoots.map((root) => resolve(root)), ...(options.dataDir ? [resolve(options.dataDir)] : [])] };
  const worker = new Worker(
    RANKING_QUEUE,
    async (job: Job) => {
      const parsed = unitSchema.safeParse(job.data);
      if (!parsed.success || parsed.data.toReplication <= parsed.data.fromReplication) throw new Error("the job's data is not a ranking unit");
      const unit: EvaluationUnit = { ...parsed.data, ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
      const described = { id: String(job.id), planId: unit.planId, replications: `${unit.fromReplication}–${unit.toReplication - 1}` };
      options.onJob?.("started", described);
      try {
        const text = await pool.run(unit, read);
        if (text.length > QUEUE_LIMITS.maxResultChars) throw new Error(`the result is longer than ${QUEUE_LIMITS.maxResultChars} characters`);
        options.onJob?.("done", described);
        return text;
      } catch (error) {
        options.onJob?.("failed", described);
        throw error;
      }
    },
    {
      connection,
      concurrency: threads,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: 2,
    },
  );
  worker.on("error", () => undefined); // connection errors: ioredis reconnects
  await worker.waitUntilReady();
  return {
    address: address.display,
    async close() {
      await worker.close();
      await pool.close();
      connection.disconnect();
    },
  };
}
