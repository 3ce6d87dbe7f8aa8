import { open, type FileHandle } from "node:fs/promises";

/**
 * An append-only file of JSON lines. `append` resolves once its lines are written and on disk
 * (fdatasync): appends that arrive while a write is under way are written together with one sync.
 */
export class AppendLog {
  private pending: Array<{ text: string; resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing = false;
  private closed = false;
  /** A failed write may have left part of a line: nothing more is appended after it (a restart cuts the torn line). */
  private failed: unknown;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens (creating, owner-only) the file for appending; its content must already be whole lines (see `readLines`). */
  static async open(path: string): Promise<AppendLog> {
    return new AppendLog(path, await open(path, "a", 0o600));
  }

  append(records: readonly unknown[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`the log ${this.path} is closed`));
    if (this.failed !== undefined) return Promise.reject(new Error(`an earlier write to ${this.path} failed; restart to recover the log`, { cause: this.failed }));
    if (records.length === 0) return Promise.resolve();
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join("");
    return new Promise((resolve, reject) => {
      this.pending.push({ text, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.handle.appendFile(batch.map((item) => item.text).join(""));
        await this.handle.datasync();
        for (const item of batch) item.resolve();
      } catch (error) {
        this.failed = error;
        for (const item of [...batch, ...this.pending]) item.reject(error);
        this.pending = [];
      }
    }
    this.flushing = false;
  }

  /** Waits for the writes under way, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing || this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.handle.close();
  }
}
