import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { ScenarioReadOptions } from "@akutt/model";
import type { UnitTask } from "./thread-task.js";
import type { EvaluationUnit } from "./units.js";

/**
 * Entry of a ranking worker thread, next to this module both from source (the tsx boot file) and
 * compiled (scripts/build.mjs puts rank-worker-boot.js in apps/cli/dist beside the bundle).
 */
const WORKER_URL = new URL("./rank-worker-boot.js", import.meta.url);

export interface ThreadPoolOptions {
  /** Worker threads (default: one per core). */
  threads?: number | undefined;
  /** A unit that runs longer is stopped and the ranking fails (default 30 min). */
  unitTimeoutMs?: number | undefined;
  /** Heap of each thread in MiB (default 2048). */
  heapMb?: number | undefined;
}

/**
 * Plan units in a pool of worker threads (piscina, as the server's scenario tasks): each thread
 * keeps the prepared runs of the last plans it ran, so units of one plan reuse its travel model.
 */
export class UnitThreadPool {
  private readonly pool: Piscina;
  private readonly unitTimeoutMs: number;
  readonly threads: number;

  constructor(options: ThreadPoolOptions = {}) {
    this.threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(this.threads) || this.threads < 1 || this.threads > 256) throw new RangeError(`threads must be a whole number from 1 to 256, got ${this.threads}`);
    this.unitTimeoutMs = options.unitTimeoutMs ?? 30 * 60_000;
    this.pool = new Piscina({
      filename: WORKER_URL.href,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 2048 },
    });
  }

  /** Runs one unit in a thread; its result as JSON text. */
  run(unit: EvaluationUnit, read: ScenarioReadOptions = {}): Promise<string> {
    const task: UnitTask = { unit, read };
    return this.pool.run(task, { signal: AbortSignal.timeout(this.unitTimeoutMs) }) as Promise<string>;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
