import type { Command } from "commander";
import { dataStatus } from "@akutt/geo";
import { resolveDataDir } from "@akutt/geo";

function size(bytes: number | null): string {
  if (bytes === null) return "—";
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

/** `akutt data status`: every dataset of the manifest, its checksum and its state. */
export function registerDataStatus(program: Command): void {
  const data = program.commands.find((c) => c.name() === "data") ?? program.command("data").description("the shared public data (boundaries, population, roads)");
  data
    .command("status")
    .description("list the datasets in the data folder with their sha256 checksums and state (ok, missing, checksum-mismatch)")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data beside the repository)")
    .option("--json", "print the status as JSON", false)
    .option("--strict", "exit with code 2 unless every dataset is present and unchanged", false)
    .action((flags: { dataDir?: string; json: boolean; strict: boolean }) => {
      const status = dataStatus(resolveDataDir(flags.dataDir));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      } else {
        const lines = [`data folder: ${status.dataDir}${status.dataDirExists ? "" : "  (does not exist)"}`, `SHA256SUMS: ${status.sumsFile}`, ""];
        const width = Math.max(...status.datasets.map((d) => d.path.length));
        for (const d of status.datasets) {
          lines.push(`${d.state.padEnd(17)} ${d.path.padEnd(width)} ${size(d.sizeBytes).padStart(9)}  ${(d.actualSha256 ?? d.expectedSha256).slice(0, 16)}…  ${d.role}`);
          if (d.state === "checksum-mismatch") lines.push(`${"".padEnd(17)} expected ${d.expectedSha256}\n${"".padEnd(17)} found    ${d.actualSha256}`);
        }
        const c = status.counts;
        lines.push("", `${c.ok} ok, ${c.missing} missing, ${c["checksum-mismatch"]} changed, ${c["not-in-manifest"]} unknown to Akutt`);
        process.stdout.write(`${lines.join("\n")}\n`);
      }
      if (flags.strict && (status.counts.missing > 0 || status.counts["checksum-mismatch"] > 0)) process.exitCode = 2;
    });
}
