import cliProgress from "cli-progress";

/** A progress bar on stderr for the geography commands; silent when not on a terminal or in --json mode. */
export function geoProgress(label: string, unit: string, enabled: boolean): { update(done: number, total: number): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar) {
        bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} ${unit} | {eta_formatted} left`, stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
