import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Longest a counted run may take (the longest takes about five minutes here): a run that hangs is stopped, not waited for. */
const RUN_TIMEOUT_MS = 15 * 60 * 1000;

/** Node and V8 flags of the counted child: compilation on the main thread, fixed seeds (see countInstructions). */
const CHILD_FLAGS = ["--single-threaded", "--random-seed=1", "--hash-seed=1"];

/**
 * Replications counted in the two runs; their difference, divided by MORE − FEWER, is one replication.
 * Not the first ones: V8 goes on optimising (and, with --single-threaded, compiling on the counted
 * thread) for about eight 30-day replications. Counted on 4 December 2026 for one commit, per
 * replication: replications 3–4 1,464 M instructions, 5–6 1,282 M, 7–8 1,198 M, 9–10 1,116 M,
 * 11–14 1,146 M. Until 4 December the count took replications 4–5, about a tenth of it V8's own work.
 * Replications draw different incidents, so later ones differ by a few per cent in the work itself.
 */
const FEWER = 8;
const MORE = 12;
/** One-year runs of the floor in its two counts: it is settled after its first. */
const FLOOR_FEWER = 1;
const FLOOR_MORE = 3;

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
  /** Missions (emergency incidents and transports) of one counted replication, on average. */
  missionsPerReplication: number;
  /** Each count per mission of the counted replications. */
  perMission: CountedRun;
  /** The floor's counts per customer, from the difference of two runs of it (FLOOR_MORE − FLOOR_FEWER years). */
  floorPerCustomer: CountedRun;
  counts: Array<{ replications: number; missions: number } & CountedRun>;
  floorCounts: Array<{ years: number; customers: number } & CountedRun>;
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
 * (string hashing, V8's own random choices) the same code counted 1300 and 1316 M on one day. Start-up
 * and the first replications, while V8 still optimises, are in both runs and cancel out in their
 * difference (FEWER). The floor is counted the same way, so that the engine's cost per mission can be
 * set beside the floor's per customer in counts that do not drift (perMission, floorPerCustomer).
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
    const runs = [
      ["engine", FEWER],
      ["engine", MORE],
      ["floor", FLOOR_FEWER],
      ["floor", FLOOR_MORE],
    ] as const;
    const [fewer, more, floorFewer, floorMore] = await Promise.all(runs.map(([kind, n]) => countOnce(valgrind, [bundle, kind, String(n)], `${n} ${kind === "engine" ? "replications" : "floor years"}`)));
    const difference = (a: CountedRun, b: CountedRun, divisor: number): CountedRun => ({
      instructions: (b.instructions - a.instructions) / divisor,
      firstLevelMisses: (b.firstLevelMisses - a.firstLevelMisses) / divisor,
      lastLevelMisses: (b.lastLevelMisses - a.lastLevelMisses) / divisor,
      mispredicts: (b.mispredicts - a.mispredicts) / divisor,
    });
    const countedMissions = more!.missions - fewer!.missions;
    const floorCustomers = floorMore!.missions - floorFewer!.missions;
    const floorCount = (years: number, { missions, ...counts }: CountedOnce) => ({ years, customers: missions, ...counts });
    return {
      perReplication: difference(fewer!, more!, MORE - FEWER),
      missionsPerReplication: countedMissions / (MORE - FEWER),
      perMission: difference(fewer!, more!, countedMissions),
      floorPerCustomer: difference(floorFewer!, floorMore!, floorCustomers),
      counts: [
        { replications: FEWER, ...fewer! },
        { replications: MORE, ...more! },
      ],
      floorCounts: [floorCount(FLOOR_FEWER, floorFewer!), floorCount(FLOOR_MORE, floorMore!)],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class InstructionCountUnavailable extends Error {}

/** What the child process is asked to run: the engine's replications or the floor's one-year runs, 1 to 20 of them. */
export function childJob(args: readonly string[]): { kind: "engine" | "floor"; runs: number } {
  const [kind, count, ...rest] = args;
  if ((kind !== "engine" && kind !== "floor") || rest.length > 0) throw new RangeError(`the --instructions child wants "engine N" or "floor N", got ${JSON.stringify(args.join(" ").slice(0, 40))}`);
  const runs = Number(count);
  if (count === undefined || !/^\d{1,2}$/.test(count) || runs < 1 || runs > 20) throw new RangeError(`the --instructions child wants a whole number of runs from 1 to 20, got ${JSON.stringify((count ?? "").slice(0, 20))}`);
  return { kind, runs };
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

/** One counted run and the missions (or floor customers) its child printed. */
type CountedOnce = CountedRun & { missions: number };

function countOnce(valgrind: string, args: string[], label: string): Promise<CountedOnce> {
  return new Promise((resolve, reject) => {
    const child = spawn(valgrind, [...VALGRIND_FLAGS, process.execPath, ...CHILD_FLAGS, ...args], { stdio: ["ignore", "pipe", "pipe"], timeout: RUN_TIMEOUT_MS, killSignal: "SIGKILL" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      // One number is expected; anything longer is cut, not kept.
      stdout = (stdout + chunk).slice(0, 100);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      // Only valgrind's summary is needed; keep the tail, not the whole log.
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (signal !== null) {
        reject(new Error(`the count of ${label} was stopped (${signal}) after at most ${RUN_TIMEOUT_MS / 60_000} min`));
        return;
      }
      const run = parseCachegrindSummary(stderr);
      const missions = parseMissions(stdout);
      if (code !== 0 || run === undefined || missions === undefined) reject(new Error(`the count of ${label} failed (exit ${code}): ${stderr.split("\n").slice(-5).join(" | ")}`));
      else resolve({ ...run, missions });
    });
  });
}

/** The child's one line of output: a positive whole number of missions; undefined for anything else. */
export function parseMissions(stdout: string): number | undefined {
  const match = /^(\d{1,12})\n?$/.exec(stdout);
  const missions = match ? Number(match[1]) : 0;
  return missions > 0 ? missions : undefined;
}
