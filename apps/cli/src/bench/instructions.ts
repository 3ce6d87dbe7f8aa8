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

/** What valgrind counts in one run (cachegrind, caches and branch predictor simulated). */
export interface CountedRun {
  instructions: number;
  /** Data reads and writes that miss the simulated first-level cache (32 KB). */
  firstLevelMisses: number;
  /** Data reads and writes that miss the simulated last level (1 MB, this machine's per-core second level). */
  lastLevelMisses: number;
  /** Conditional and indirect branches the simulated predictor got wrong. */
  mispredicts: number;
}

export interface InstructionFigure {
  /** Each count for one replication: (run with MORE − run with FEWER) / (MORE − FEWER). */
  perReplication: CountedRun;
  counts: Array<{ replications: number } & CountedRun>;
}

/**
 * Instructions, simulated cache misses and mispredicted branches per replication of the bench's
 * large region (30 days), counted by valgrind (cachegrind) instead of timed. On a shared machine wall time drifts by
 * tens of per cent within a minute; this count does not drift: two runs of one bundle side by side
 * agreed to 5,000 instructions in 10 G, and runs on a busy machine (where V8's time-driven memory
 * reducer collects at other moments) usually within 0.5 %, but once 2.4 % apart (1260 and 1291 M for
 * one commit). Compare runs made side by side, and repeat the pair before trusting a change under 3 %.
 * The child is one bundled CommonJS file run by node --single-threaded: a loader
 * (tsx) or background compilation and garbage collection would add a share that varies from run to
 * run (tsx: ±6 %). V8's random and hash seeds are fixed (CHILD_FLAGS): with seeds drawn per process
 * (string hashing, V8's own random choices) the same code counted 1300 and 1316 M on one day. Start-up,
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
    const per = (key: keyof CountedRun) => (more![key] - fewer![key]) / (MORE - FEWER);
    return {
      perReplication: { instructions: per("instructions"), firstLevelMisses: per("firstLevelMisses"), lastLevelMisses: per("lastLevelMisses"), mispredicts: per("mispredicts") },
      counts: [
        { replications: FEWER, ...fewer! },
        { replications: MORE, ...more! },
      ],
    };
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

/**
 * Cachegrind with its caches and branch predictor simulated, the caches' sizes fixed (not read from
 * the processor) so that every machine counts the same. Instructions alone missed what made the engine
 * faster on 3 December 2026: laying a vehicle's fields side by side cut first-level misses by a fifth
 * and instructions by 1 %.
 */
const VALGRIND_FLAGS = ["--tool=cachegrind", "--cache-sim=yes", "--branch-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64", "--LL=1048576,16,64", "--cachegrind-out-file=/dev/null"];

/** The counts in cachegrind's closing summary; undefined when one is missing (the run failed). */
export function parseCachegrindSummary(summary: string): CountedRun | undefined {
  const count = (label: string) => {
    const match = new RegExp(`${label}\\s+([\\d,]+)`).exec(summary);
    return match ? Number(match[1]!.replaceAll(",", "")) : undefined;
  };
  const instructions = count("I\\s+refs:");
  const firstLevelMisses = count("D1\\s+misses:");
  const lastLevelMisses = count("LLd\\s+misses:");
  const mispredicts = count("Mispredicts:");
  if (instructions === undefined || firstLevelMisses === undefined || lastLevelMisses === undefined || mispredicts === undefined) return undefined;
  return { instructions, firstLevelMisses, lastLevelMisses, mispredicts };
}

function countOnce(valgrind: string, args: string[], replications: number): Promise<CountedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(valgrind, [...VALGRIND_FLAGS, process.execPath, ...CHILD_FLAGS, ...args], { stdio: ["ignore", "ignore", "pipe"], timeout: RUN_TIMEOUT_MS, killSignal: "SIGKILL" });
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
      const run = parseCachegrindSummary(stderr);
      if (code !== 0 || run === undefined) reject(new Error(`the count of ${replications} replications failed (exit ${code}): ${stderr.split("\n").slice(-5).join(" | ")}`));
      else resolve(run);
    });
  });
}
