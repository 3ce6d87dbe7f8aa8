import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Files for an output folder, written to a staging folder beside it and moved into place only on
 * commit(), so a failed or interrupted run leaves no half-written results behind.
 */
export class StagedOutput {
  readonly directory: string;
  private readonly staging: string;
  private readonly names = new Set<string>();

  constructor(directory: string) {
    this.directory = resolve(directory);
    this.staging = join(dirname(this.directory), `.${this.directory.split(/[\\/]/).pop()}.partial-${process.pid}`);
    rmSync(this.staging, { recursive: true, force: true });
    mkdirSync(this.staging, { recursive: true });
  }

  write(name: string, content: string): void {
    writeFileSync(join(this.staging, name), content);
    this.names.add(name);
  }

  append(name: string, content: string): void {
    appendFileSync(join(this.staging, name), content);
    this.names.add(name);
  }

  /** Moves every file into the output folder; returns their paths. */
  commit(): string[] {
    mkdirSync(this.directory, { recursive: true });
    const written = [...this.names].sort().map((name) => {
      const target = join(this.directory, name);
      renameSync(join(this.staging, name), target);
      return target;
    });
    rmSync(this.staging, { recursive: true, force: true });
    return written;
  }

  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }
}
