import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { ScenarioError } from "@akutt/model";
import { BadRequestError, ServiceUnavailableError } from "../errors.js";
import type { ScenarioTask, TaskResult, TaskValue } from "./task-types.js";

const TASKS_URL = new URL("./tasks-boot.js", import.meta.url);

export interface TaskPoolOptions {
  /** Worker threads (default: 2, or 1 on a one-core machine). */
  threads?: number;
  /** A task that runs longer is stopped and its worker replaced (default 20 s). */
  timeoutMs?: number;
  /** Heap of each worker in MiB (default 1024): hostile text runs out of memory there, not in the server. */
  heapMb?: number;
}

/**
 * Scenario work (parse, load, check, map layers) in a small pool of worker threads, so the event
 * loop only routes requests: /api/health answers while a 2-second scenario load or a hostile
 * document is being read. Each task has a time limit and each worker a heap limit; a task that
 * exceeds either ends its worker, not the server.
 */
export class TaskPool {
  private readonly pool: Piscina;
  private readonly timeoutMs: number;
  private closing = false;

  constructor(options: TaskPoolOptions = {}) {
    const threads = options.threads ?? Math.min(2, availableParallelism());
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.pool = new Piscina({
      filename: TASKS_URL.href,
      minThreads: 1,
      maxThreads: threads,
      idleTimeout: 60_000,
      maxQueue: 200,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 1024 },
    });
  }

  /** Runs a task (within `options.timeoutMs`, default the pool's); a scenario's issues come back as a ScenarioError, a timeout or a crashed worker as ServiceUnavailableError (with validate tasks as a ScenarioError: the text is at fault). */
  async run<K extends ScenarioTask["kind"]>(task: ScenarioTask & { kind: K }, options: { timeoutMs?: number } = {}): Promise<TaskValue[K]> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    let result: TaskResult<K>;
    try {
      result = (await this.pool.run(task, { signal: AbortSignal.timeout(timeoutMs) })) as TaskResult<K>;
    } catch (error) {
      if (this.closing) throw new ServiceUnavailableError("the server is stopping", error);
      const reason = isTimeout(error) ? `took longer than ${timeoutMs / 1000} s` : isQueueFull(error) ? "the server is busy" : "its worker stopped (out of memory or crashed)";
      if (task.kind === "validate") {
        const { displayName } = task as ScenarioTask & { kind: "validate" };
        throw new ScenarioError([{ file: displayName, line: undefined, column: undefined, field: "", message: `the scenario could not be checked: ${reason}; make it smaller or simpler` }]);
      }
      throw new ServiceUnavailableError(`scenario ${task.kind} ${reason}`, error);
    }
    if (!result.ok) {
      if ("badInput" in result) throw new BadRequestError(result.badInput.message, [result.badInput]);
      throw new ScenarioError(result.issues);
    }
    return result.value;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.pool.destroy();
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError" || /abort/i.test(error.message));
}

function isQueueFull(error: unknown): boolean {
  return error instanceof Error && /queue is at limit/i.test(error.message);
}
