import cliProgress from "cli-progress";

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for runs longer than a moment: it appears only after `delayMs`, only
 * on a terminal, and never in --json mode (the caller passes enabled = false).
 */
export function createProgress(label: string, total: number, enabled: boolean, delayMs = 700): Progress {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done) {
      if (!bar && Date.now() - startedAt >= delayMs && done < total) {
        bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} replications | {eta_formatted} left`, stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
