import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Longest a counted run may take (about a minute here): a run that hangs is stopped, not waited for. */
const RUN_TIMEOUT_MS = 15 * 60 * 1000;

/** Node and V8 flags of the counted child: compilation on the main thread, fixed seeds (see countInstructions). */
const CHILD_FLAGS = ["--single-threaded", "--random-seed=1", "--hash-seed=1"];

/** Replications counted in the two runs; their difference, halved, is one replication. */
const FEWER = 3;
const MORE = 5;

export interface InstructionFigure {
  /** Instructions of one replication: (count with MORE − count with FEWER) / (MORE − FEWER). */
  perReplication: number;
  counts: Array<{ replications: number; instructions: number }>;
}

/**
 * Instructions per replication of the bench's large region (30 days), counted by valgrind
 * (cachegrind without cache simulation) instead of timed. On a shared machine wall time drifts by
 * tens of per cent within a minute; this count repeats to the instruction, so it shows a 0.1 % change
 * in the engine. The child is one bundled CommonJS file run by node --single-threaded: a loader
 * (tsx) or background compilation and garbage collection would add a share that varies from run to
 * run (tsx: ±6 %). V8's random and hash seeds are fixed (CHILD_FLAGS): with seeds drawn per process,
 * string hashing and V8's own random choices moved the count by ±0.5 % from run to run. Start-up,
 * compilation and the first replications are in both runs and cancel out in their difference.
 */
export async function countInstructions(valgrind = "valgrind"): Promise<InstructionFigure> {
  const probe = spawnSync(valgrind, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) throw new InstructionCountUnavailable("valgrind is not installed (Debian: apt-get install valgrind)");
  const dir = mkdtempSync(join(tmpdir(), "akutt-bench-instructions-"));
  try {
    const bundle = join(dir, "child.cjs");
    const entry = join(dirname(fileURLToPath(import.meta.url)), "instructions-child.ts");
    // The engine needs none of the native packages some workspaces load; they stay out of the bundle.
    await build({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", outfile: bundle, external: ["duckdb", "@duckdb/*", "highs"], logLevel: "error" });
    const [fewer, more] = await Promise.all([FEWER, MORE].map((replications) => countOnce(valgrind, [bundle, String(replications)], replications)));
    return { perReplication: (more! - fewer!) / (MORE - FEWER), counts: [{ replications: FEWER, instructions: fewer! }, { replications: MORE, instructions: more! }] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class InstructionCountUnavailable extends Error {}

/** Replications the child process may be asked for: a whole number from 1 to 20. */
export function childReplications(text: string): number {
  const replications = Number(text);
  if (!Number.isInteger(replications) || replications < 1 || replications > 20) throw new RangeError(`--instructions-child wants a whole number of replications from 1 to 20, got ${JSON.stringify(text.slice(0, 20))}`);
  return replications;
}

function countOnce(valgrind: string, args: string[], replications: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(valgrind, ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", process.execPath, ...CHILD_FLAGS, ...args], { stdio: ["ignore", "ignore", "pipe"], timeout: RUN_TIMEOUT_MS, killSignal: "SIGKILL" });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      // Only valgrind's summary is needed; keep the tail, not the whole log.
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (signal !== null) {
        reject(new Error(`the count of ${replications} replications was stopped (${signal}) after at most ${RUN_TIMEOUT_MS / 60_000} min`));
        return;
      }
      const match = /I\s+refs:\s+([\d,]+)/.exec(stderr);
      if (code !== 0 || !match) reject(new Error(`the count of ${replications} replications failed (exit ${code}): ${stderr.split("\n").slice(-5).join(" | ")}`));
      else resolve(Number(match[1]!.replaceAll(",", "")));
    });
  });
}
