import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { JobKind, JobRecord, JobStatus, Store } from "./store.js";
import type { JobSpec, WorkerMessage } from "./job-types.js";
import { WORKER_URL } from "./worker-url.js";
import { ServiceUnavailableError } from "./errors.js";

/** Jobs that may wait for a worker; more are refused (503) rather than kept without bound. */
export const MAX_QUEUED_JOBS = 100;

/** Progress of a job as the API and the event stream report it. */
export interface JobProgress {
  id: string;
  status: JobStatus;
  done: number;
  total: number;
  error: string | null;
}

type Listener = (progress: JobProgress) => void;

interface Live {
  spec: JobSpec;
  worker: Worker | undefined;
  progress: JobProgress;
  listeners: Set<Listener>;
}


/**
 * Runs jobs in worker threads, at most `maxWorkers` at a time (default: one per core), the rest
 * queued; each worker loads its scenarios itself, off the event loop. Results are written to the
 * store by this thread when a worker reports "done"; `afterJob` runs when any job ends (the
 * server prunes the matrix cache there).
 */
export class JobManager {
  private readonly live = new Map<string, Live>();
  private readonly waiting: string[] = [];
  private running = 0;

  constructor(
    private readonly store: Store,
    private readonly maxWorkers = availableParallelism(),
    private readonly afterJob: () => void = () => undefined,
  ) {}

  async start(spec: JobSpec): Promise<JobRecord> {
    if (this.waiting.length >= MAX_QUEUED_JOBS) throw new ServiceUnavailableError(`${MAX_QUEUED_JOBS} runs and comparisons are already waiting`);
    const record: JobRecord = {
      id: randomUUID(),
      kind: spec.kind,
      status: "queued",
      scenarioIds: spec.variants.map((variant) => variant.id),
      seed: spec.seed,
      replications: spec.replications,
      created: new Date().toISOString(),
      finished: null,
      error: null,
    };
    await this.store.addJob(record);
    this.live.set(record.id, { spec, worker: undefined, progress: { id: record.id, status: "queued", done: 0, total: spec.replications * spec.variants.length, error: null }, listeners: new Set() });
    this.waiting.push(record.id);
    this.pump();
    return record;
  }

  /** Live progress, or the stored final state of a job that is not running in this process. */
  async progress(id: string, kind: JobKind): Promise<JobProgress | undefined> {
    const live = this.live.get(id);
    if (live && live.spec.kind === kind) return live.progress;
    const stored = await this.store.job(id);
    if (!stored || stored.kind !== kind) return undefined;
    const total = stored.replications * stored.scenarioIds.length;
    return { id, status: stored.status, done: stored.status === "done" ? total : 0, total, error: stored.error };
  }

  /** Calls `listener` on every change until the job ends; returns the unsubscribe function, or undefined when the job is not running here. */
  subscribe(id: string, listener: Listener): (() => void) | undefined {
    const live = this.live.get(id);
    if (!live) return undefined;
    live.listeners.add(listener);
    return () => live.listeners.delete(listener);
  }

  async cancel(id: string): Promise<boolean> {
    const live = this.live.get(id);
    if (!live) return false;
    const queued = this.waiting.indexOf(id);
    if (queued >= 0) this.waiting.splice(queued, 1);
    live.progress = { ...live.progress, status: "cancelled", error: "cancelled by the user" };
    if (live.worker) await live.worker.terminate();
    await this.end(id, live, "cancelled", "cancelled by the user");
    return true;
  }

  /** Stops every worker; their jobs are marked failed (as a restart would). */
  async stopAll(): Promise<void> {
    for (const [id, live] of [...this.live]) {
      if (live.worker) await live.worker.terminate();
      await this.end(id, live, "failed", "the server stopped before the job finished");
    }
  }

  private pump(): void {
    while (this.running < this.maxWorkers && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const live = this.live.get(id);
      if (live) this.launch(id, live);
    }
  }

  private launch(id: string, live: Live): void {
    this.running++;
    const worker = new Worker(WORKER_URL, { workerData: live.spec });
    live.worker = worker;
    let ended = false;
    const finish = async (status: "done" | "failed", message?: WorkerMessage & { type: "done" }, error?: string) => {
      if (ended) return;
      ended = true;
      live.worker = undefined;
      this.running--;
      try {
        if (status === "done" && message) {
          await this.store.finish(id, message.result, message.htmlNb, message.htmlEn);
          live.progress = { ...live.progress, status: "done", done: live.progress.total };
          this.notify(live);
          this.live.delete(id);
        } else {
          await this.end(id, live, "failed", error ?? "the simulation stopped unexpectedly");
        }
      } finally {
        void worker.terminate();
        this.ended();
      }
    };
    void this.store.setStatus(id, "running").catch(() => undefined);
    live.progress = { ...live.progress, status: "running" };
    this.notify(live);
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") {
        live.progress = { ...live.progress, status: "running", done: message.done, total: message.total };
        this.notify(live);
      } else if (message.type === "done") void finish("done", message);
      else void finish("failed", undefined, message.message);
    });
    worker.on("error", (error) => void finish("failed", undefined, error.message));
    worker.on("exit", (code) => {
      if (!ended && live.progress.status !== "cancelled") void finish("failed", undefined, `the worker exited with code ${code}`);
      else if (!ended) {
        ended = true;
        this.running--;
        this.ended();
      }
    });
  }

  private ended(): void {
    try {
      this.afterJob();
    } finally {
      this.pump();
    }
  }

  private async end(id: string, live: Live, status: "failed" | "cancelled", error: string): Promise<void> {
    if (!this.live.has(id)) return;
    live.progress = { ...live.progress, status, error };
    await this.store.setStatus(id, status, error);
    this.notify(live);
    this.live.delete(id);
  }

  private notify(live: Live): void {
    for (const listener of live.listeners) listener(live.progress);
  }
}
