import { join, resolve } from "node:path";
import { availableParallelism, tmpdir } from "node:os";
import { findRepoRoot } from "@akutt/model";
import { evaluatePlans, threadRunner, type PlanInput } from "@akutt/ranking";

/**
 * Places in eastern Bærum where a "Bærum øst" station could stand (town centres; coordinates read
 * off the map, ASSUMPTION: not candidate sites of any plan). Each is a plan with one and with two
 * round-the-clock ambulances: 20 plans, each with a new location, so each needs its own travel
 * searches, as the plans of a siting model do.
 */
const SITES: Array<[string, number, number]> = [
  ["bekkestua", 59.918, 10.587],
  ["stabekk", 59.909, 10.61],
  ["fornebu", 59.896, 10.62],
  ["lysaker", 59.913, 10.637],
  ["hovik", 59.899, 10.573],
  ["jar", 59.925, 10.62],
  ["eiksmarka", 59.944, 10.607],
  ["haslum", 59.921, 10.561],
  ["osteraas", 59.939, 10.604],
  ["sandvika", 59.889, 10.524],
];

export function benchPlans(base: string): PlanInput[] {
  return SITES.flatMap(([id, lat, lon]) =>
    [1, 2].map((count) => ({
      id: `${id}-${count}`,
      label: `Bærum øst at ${id}, ${count} ambulance${count > 1 ? "s" : ""}`,
      file: join(tmpdir(), `${id}-${count}.yaml`),
      text: `extends: ${base}\nstations:\n  - { id: st-baerum-ost, name: "Bærum øst (${id})", lat: ${lat}, lon: ${lon}, owner: ous }\nvehicles:\n  - { id: baerum-ost-amb, type: ambulance, station: st-baerum-ost, count: ${count} }\n`,
    })),
  );
}

export interface RankingRun {
  threads: number;
  /** The whole ranking: checking the plans, starting the threads, preparing each plan's travel model, every replication. */
  wallSec: number;
  /** CPU time of this process (all its threads) during it: less sensitive than wall time to other work on the machine. */
  cpuSec: number;
}

export interface RankingFigure {
  scenario: string;
  /** Plans ranked, today included. */
  plans: number;
  replications: number;
  /** The whole ranking on every core (at least 2 threads), then the same on one thread; each on a new pool. */
  runs: [all: RankingRun, one: RankingRun];
  /** Wall time on one thread ÷ wall time on `runs[0].threads`. */
  speedUp: number;
  /** How the two were made comparable (printed with the figures). */
  method: string;
}

/** The whole ranking on a new pool of `threads` threads, timed from the call to the ranking's return. */
async function wholeRanking(base: string, plans: PlanInput[], replications: number, threads: number): Promise<RankingRun> {
  const runner = threadRunner(threads);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  try {
    await evaluatePlans(base, plans, { seed: 1, replications, runner });
  } finally {
    await runner.close();
  }
  const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { threads, wallSec, cpuSec: (cpu.user + cpu.system) / 1e6 };
}

/**
 * 20 plans and today × 20 replications of Asker and Bærum (quick: 4 plans × 4), ranked whole on
 * every core and then on one thread. A first pass (every plan, 2 replications, not timed) fills the
 * travel-time matrix cache on disk, so neither timed run profits from the other's matrices; each
 * timed run starts its own threads and prepares every plan's travel model in them, as a user's run does.
 */
export async function measureRanking(quick: boolean): Promise<RankingFigure> {
  const base = resolve(findRepoRoot(), "scenarios/asker-baerum/base.yaml");
  const plans = quick ? benchPlans(base).slice(0, 4) : benchPlans(base);
  const replications = quick ? 4 : 20;
  const threads = Math.max(2, availableParallelism());
  const warm = threadRunner(threads);
  try {
    await evaluatePlans(base, plans, { seed: 2, replications: 2, runner: warm });
  } finally {
    await warm.close();
  }
  const all = await wholeRanking(base, plans, replications, threads);
  const one = await wholeRanking(base, plans, replications, 1);
  return {
    scenario: "scenarios/asker-baerum/base.yaml",
    plans: plans.length + 1,
    replications,
    runs: [all, one],
    speedUp: one.wallSec / all.wallSec,
    method: "the whole ranking timed on each thread count, each on a new pool, after one untimed pass that fills the matrix cache on disk",
  };
}
