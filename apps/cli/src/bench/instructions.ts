import { spawn, spawnSync } from "node:child_process";

/** Replications counted in the two runs; their difference, halved, is one replication. */
const FEWER = 3;
const MORE = 5;

export interface InstructionFigure {
  /** Instructions of one replication: (count with MORE − count with FEWER) / (MORE − FEWER). */
  perReplication: number;
  counts: Array<{ replications: number; instructions: number }>;
}

/**
 * Instructions per replication, counted by valgrind (cachegrind without cache simulation) instead of
 * timed. On a shared machine wall time drifts by tens of per cent within a minute; this count repeats
 * to about 0.3 %, so it can show a 1 % change in the engine. Node runs with --single-threaded, or
 * background compilation and garbage collection add a varying share. Start-up, compilation and the
 * first replications are in both runs and cancel out in their difference.
 *
 * `childArgs(n)` are the node arguments that run n replications of the measured region and exit.
 */
export async function countInstructions(childArgs: (replications: number) => string[], valgrind = "valgrind"): Promise<InstructionFigure> {
  const probe = spawnSync(valgrind, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) throw new InstructionCountUnavailable("valgrind is not installed (Debian: apt-get install valgrind)");
  const [fewer, more] = await Promise.all([FEWER, MORE].map((replications) => countOnce(valgrind, childArgs(replications), replications)));
  return { perReplication: (more! - fewer!) / (MORE - FEWER), counts: [{ replications: FEWER, instructions: fewer! }, { replications: MORE, instructions: more! }] };
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
    const child = spawn(valgrind, ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", process.execPath, "--single-threaded", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      // Only valgrind's summary is needed; keep the tail, not the whole log.
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const match = /I\s+refs:\s+([\d,]+)/.exec(stderr);
      if (code !== 0 || !match) reject(new Error(`the count of ${replications} replications failed (exit ${code}): ${stderr.split("\n").slice(-5).join(" | ")}`));
      else resolve(Number(match[1]!.replaceAll(",", "")));
    });
  });
}
