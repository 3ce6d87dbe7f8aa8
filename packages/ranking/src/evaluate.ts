import { resolve } from "node:path";
import type { Scenario } from "@akutt/model";
import { planSeries, rankPlans, RANK_OBJECTIVES, type PlanRanking, type PlanSeries, type RankObjective } from "./rank.js";
import { UnitThreadPool } from "./threads.js";
import { evaluateUnit, loadPlanScenario, type EvaluationUnit, type UnitResult } from "./units.js";

/** A candidate plan: an overlay on the base scenario (stations and vehicles per site), as `akutt optimise siting --out` writes. */
export interface PlanInput {
  id: string;
  label: string;
  /** Absolute path the overlay is, or would be, saved at: its `extends` is relative to this. */
  file: string;
  /** The overlay's YAML text. */
  text: string;
}

/** Bounds on a ranking's input (the server and the queue apply the same). */
export const RANKING_LIMITS = {
  maxPlans: 100,
  minReplications: 2,
  maxReplications: 1000,
  /** Plans × replications. */
  maxReplicationRuns: 20_000,
  maxOverlayChars: 256 * 1024,
  maxLabelChars: 200,
} as const;

/** Plan ids: they name files and jobs. */
export const PLAN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** The id of today's system (the base scenario), always ranked with the plans. */
export const TODAY_ID = "today";

/** A unit runner: threads on this machine, or jobs on a queue. Results come back as the units' JSON text, in unit order. */
export interface UnitRunner {
  /** How many units should run at once for the work to spread (threads, or a guess of queue workers). */
  readonly parallelism: number;
  runAll(units: EvaluationUnit[], onUnit: (unit: EvaluationUnit) => void): Promise<string[]>;
  close(): Promise<void>;
}

export interface EvaluateOptions {
  seed: number;
  replications: number;
  /** Default "share": the red share within target over all areas. */
  objective?: RankObjective | undefined;
  /** Confidence level (default 0.95). */
  level?: number | undefined;
  dataDir?: string | undefined;
  cacheDir?: string | undefined;
  /** Where the units run; default: worker threads, one per core. */
  runner?: UnitRunner | undefined;
  /** Replications per unit (default: enough units for every thread to stay busy). */
  unitReplications?: number | undefined;
  /** Called once with the total number of replication runs, then after each unit with the number done. */
  onProgress?: (done: number, total: number) => void;
  /** Also measure each replication's busy fraction by hour of the day (PlanReplication.busy). */
  measureBusy?: boolean | undefined;
}

/** A ranking request that cannot be run as given (a user's mistake): isUserError, exit 2 at the command line. */
export class RankInputError extends Error {
  readonly isUserError = true;
  constructor(message: string) {
    super(message);
    this.name = "RankInputError";
  }
}

/** Checks the request's bounds and every plan's scenario before anything is simulated; returns the loaded scenarios (today first). */
export function checkRanking(base: string, plans: PlanInput[], options: Pick<EvaluateOptions, "seed" | "replications" | "objective" | "level" | "dataDir">): Scenario[] {
  const { seed, replications } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RankInputError(`seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
  if (!Number.isInteger(replications) || replications < RANKING_LIMITS.minReplications || replications > RANKING_LIMITS.maxReplications) {
    throw new RankInputError(`replications must be a whole number from ${RANKING_LIMITS.minReplications} (paired intervals need two) to ${RANKING_LIMITS.maxReplications}, got ${replications}`);
  }
  if (plans.length < 1 || plans.length > RANKING_LIMITS.maxPlans) throw new RankInputError(`give from 1 to ${RANKING_LIMITS.maxPlans} plans, got ${plans.length}`);
  if ((plans.length + 1) * replications > RANKING_LIMITS.maxReplicationRuns) {
    throw new RankInputError(`${plans.length + 1} plans (today included) × ${replications} replications is more than ${RANKING_LIMITS.maxReplicationRuns.toLocaleString("en")} runs; rank fewer plans or use fewer replications`);
  }
  if (options.objective !== undefined && !RANK_OBJECTIVES.includes(options.objective)) throw new RankInputError(`objective must be one of ${RANK_OBJECTIVES.join(", ")}`);
  if (options.level !== undefined && !(options.level > 0.5 && options.level < 1)) throw new RankInputError(`level must lie between 0.5 and 1, got ${options.level}`);
  const seen = new Set<string>([TODAY_ID]);
  for (const plan of plans) {
    if (!PLAN_ID_PATTERN.test(plan.id)) throw new RankInputError(`plan id "${plan.id.slice(0, 70)}" must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
    if (seen.has(plan.id)) throw new RankInputError(plan.id === TODAY_ID ? `"${TODAY_ID}" is the base scenario's id; give the plan another` : `two plans have the id "${plan.id}"`);
    seen.add(plan.id);
    if (plan.label.length > RANKING_LIMITS.maxLabelChars) throw new RankInputError(`plan ${plan.id}: the label is longer than ${RANKING_LIMITS.maxLabelChars} characters`);
    if (plan.text.length > RANKING_LIMITS.maxOverlayChars) throw new RankInputError(`plan ${plan.id}: the overlay is longer than ${RANKING_LIMITS.maxOverlayChars / 1024} KiB`);
  }
  const baseFile = resolve(base);
  const today = loadPlanScenario({ base: baseFile, planId: TODAY_ID, planFile: baseFile, overlay: null, dataDir: options.dataDir });
  const areas = today.areas.map((area) => area.code).join(", ");
  return [
    today,
    ...plans.map((plan) => {
      const scenario = loadPlanScenario({ base: baseFile, planId: plan.id, planFile: resolve(plan.file), overlay: plan.text, dataDir: options.dataDir });
      // Common random numbers pair the plans with today only when each is today changed, not another scenario.
      if (!scenario.sourceFiles.map((file) => resolve(file)).includes(baseFile)) throw new RankInputError(`plan ${plan.id}: the overlay does not extend the base scenario ${base} (directly or through other overlays)`);
      const planAreas = scenario.areas.map((area) => area.code).join(", ");
      if (planAreas !== areas) throw new RankInputError(`plan ${plan.id}: its areas (${planAreas}) differ from the base's (${areas}); a plan changes stations and vehicles, not areas`);
      return scenario;
    }),
  ];
}

/** Units of replications per plan: small enough that `parallelism` runners stay busy, large enough to reuse each plan's travel model. */
export function planUnits(base: string, plans: Array<{ id: string; file: string; text: string | null }>, options: { seed: number; replications: number; parallelism: number; unitReplications?: number | undefined; dataDir?: string | undefined; cacheDir?: string | undefined; measureBusy?: boolean | undefined }): EvaluationUnit[] {
  const { replications } = options;
  const perPlan = Math.max(1, Math.ceil((2 * options.parallelism) / plans.length));
  const size = options.unitReplications ?? Math.ceil(replications / Math.min(replications, perPlan));
  if (!Number.isInteger(size) || size < 1) throw new RankInputError(`replications per unit must be a whole number of at least 1, got ${size}`);
  const units: EvaluationUnit[] = [];
  for (const plan of plans) {
    for (let from = 0; from < replications; from += size) {
      units.push({
        base: resolve(base),
        planId: plan.id,
        planFile: resolve(plan.file),
        overlay: plan.text,
        seed: options.seed,
        fromReplication: from,
        toReplication: Math.min(replications, from + size),
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
        ...(options.measureBusy ? { measureBusy: true } : {}),
      });
    }
  }
  return units;
}

/** The units one after another in this thread: for code that already runs in a worker thread (the server's jobs). */
export function inThreadRunner(): UnitRunner {
  return {
    parallelism: 1,
    async runAll(units, onUnit) {
      const texts: string[] = [];
      for (const unit of units) {
        texts.push(await evaluateUnit(unit));
        onUnit(unit);
      }
      return texts;
    },
    close: async () => undefined,
  };
}

/** Worker threads on this machine as a unit runner. */
export function threadRunner(threads?: number): UnitRunner {
  const pool = new UnitThreadPool({ threads });
  return {
    parallelism: pool.threads,
    runAll: (units, onUnit) =>
      Promise.all(
        units.map(async (unit) => {
          const text = await pool.run(unit);
          onUnit(unit);
          return text;
        }),
      ),
    close: () => pool.close(),
  };
}

/**
 * Simulates today and every plan with the same seeds, replication by replication, and ranks them
 * (rank.ts). Today is the base scenario, always first in the input to the ranking. The result
 * depends only on the inputs: not on the runner, the number of threads or the unit size.
 */
export async function evaluatePlans(base: string, plans: PlanInput[], options: EvaluateOptions): Promise<PlanRanking> {
  const series = await simulatePlans(base, plans, options);
  return rankPlans(series, { objective: options.objective ?? "share", seed: options.seed, replications: options.replications, level: options.level ?? 0.95 });
}

/**
 * Today and every plan simulated with the same seeds, as series of replications (today first),
 * for callers that rank subsets of them against another reference (rankPlans's first plan).
 */
export async function simulatePlans(base: string, plans: PlanInput[], options: EvaluateOptions): Promise<Array<PlanSeries & { areaCodes: string[]; areaNames: string[] }>> {
  checkRanking(base, plans, options);
  const runner = options.runner ?? threadRunner();
  try {
    const everyPlan = [{ id: TODAY_ID, label: "Today", file: resolve(base), text: null }, ...plans];
    const units = planUnits(base, everyPlan, { ...options, parallelism: runner.parallelism });
    const total = everyPlan.length * options.replications;
    let done = 0;
    options.onProgress?.(0, total);
    const texts = await runner.runAll(units, (unit) => {
      done += unit.toReplication - unit.fromReplication;
      options.onProgress?.(done, total);
    });
    const results = texts.map((text) => JSON.parse(text) as UnitResult);
    return everyPlan.map((plan) =>
      planSeries(
        plan.id,
        plan.label,
        results.filter((result) => result.planId === plan.id),
        options.replications,
      ),
    );
  } finally {
    if (!options.runner) await runner.close();
  }
}
