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

export interface RankingFigure {
  scenario: string;
  plans: number;
  replications: number;
  threads: number;
  /** The whole ranking: checking the plans, starting the threads, preparing each plan's travel model, every replication. */
  wallSec: number;
  /** CPU time of this process (all its threads) during the whole ranking: less sensitive than wall time to other work on the machine. */
  cpuSec: number;
  /** One thread against `threads`, on a smaller ranking, each pool warmed first (code loaded, road network read). */
  speedUp: { plans: number; replications: number; oneThreadSec: number; allThreadsSec: number; ratio: number };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** 20 plans × 20 replications of Asker and Bærum ranked on all cores, and the speed-up from one thread to all. */
export async function measureRanking(quick: boolean): Promise<RankingFigure> {
  const base = resolve(findRepoRoot(), "scenarios/asker-baerum/base.yaml");
  const plans = benchPlans(base);
  const threads = availableParallelism();
  const replications = quick ? 4 : 20;
  const settings = { seed: 1, replications };
  const runner = threadRunner(threads);
  let wallSec: number;
  const cpuBefore = process.cpuUsage();
  let cpuSec: number;
  try {
    wallSec = await timed(() => evaluatePlans(base, quick ? plans.slice(0, 4) : plans, { ...settings, runner }));
    const cpu = process.cpuUsage(cpuBefore);
    cpuSec = (cpu.user + cpu.system) / 1e6;
  } finally {
    await runner.close();
  }
  // Speed-up: the same small ranking on one thread and on all, after a warm-up on each pool.
  const small = { plans: plans.slice(0, 3), replications: quick ? 2 : 4 };
  const onPool = async (count: number) => {
    const pool = threadRunner(count);
    try {
      await evaluatePlans(base, small.plans.slice(0, 1), { seed: 2, replications: 2, runner: pool, unitReplications: 1 });
      return await timed(() => evaluatePlans(base, small.plans, { seed: 1, replications: small.replications, runner: pool }));
    } finally {
      await pool.close();
    }
  };
  const oneThreadSec = await onPool(1);
  const allThreadsSec = await onPool(threads);
  return {
    scenario: "scenarios/asker-baerum/base.yaml",
    plans: (quick ? 4 : plans.length) + 1,
    replications,
    threads,
    wallSec,
    cpuSec,
    speedUp: { plans: small.plans.length + 1, replications: small.replications, oneThreadSec, allThreadsSec, ratio: oneThreadSec / allThreadsSec },
  };
}
