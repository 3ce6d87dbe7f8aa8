import { basename, dirname, extname, join, resolve } from "node:path";
import type { Command } from "commander";
import { parseDocument } from "yaml";
import { findRepoRoot, readRegularFileText, RegularFileError, resolveDataDir, type Scenario } from "@akutt/model";
import type { SitingOptions } from "@akutt/optimise";
// Loaded when a command runs: BullMQ, ioredis and piscina are not for `akutt --help`.
import type { PlanInput, RankObjective } from "@akutt/ranking";
const ranking = () => import("@akutt/ranking");
import { parsePositiveInteger, parseSeed } from "../io/options.js";
import { createProgress } from "../io/progress.js";
import { writeModelFiles } from "../io/model-files.js";
import { StagedOutput } from "../io/staged-output.js";
import { UsageError } from "../io/user-error.js";

interface RankFlags {
  replications: string;
  seed: string;
  objective: string;
  threads?: string;
  queue?: string;
  unitReplications?: string;
  json: boolean;
  out?: string;
  language: string;
  dataDir?: string;
}

interface WorkerFlags {
  queue: string;
  allow?: string[];
  threads: string;
  dataDir?: string;
  lockDurationMs?: string;
  stalledIntervalMs?: string;
}

/** A plan overlay file as the ranking takes it: id from the file name, label from metadata.name. */
export async function readPlanFile(file: string): Promise<PlanInput> {
  const { RANKING_LIMITS } = await ranking();
  const path = resolve(file);
  let text: string;
  try {
    // One handle, checked and then read: no pipe waited on, no more than the bound read.
    text = readRegularFileText(path, { maxBytes: RANKING_LIMITS.maxOverlayChars });
  } catch (error) {
    if (!(error instanceof RegularFileError)) throw error;
    if (error.problem === "too-large") throw new UsageError(`${file}: a plan overlay may be at most ${RANKING_LIMITS.maxOverlayChars / 1024} KiB`);
    throw new UsageError(error.problem === "missing" ? `${file}: no such plan file` : `${file}: ${error.reason}`);
  }
  const id = basename(path, extname(path));
  const name = parseDocument(text).getIn(["metadata", "name"]);
  const label = typeof name === "string" ? name : id;
  return { id, label: label.slice(0, RANKING_LIMITS.maxLabelChars), file: path, text };
}

async function parseObjective(text: string): Promise<RankObjective> {
  const { RANK_OBJECTIVES } = await ranking();
  if (!(RANK_OBJECTIVES as readonly string[]).includes(text)) throw new UsageError(`--objective must be one of ${RANK_OBJECTIVES.join(", ")}, got "${text}"`);
  return text as RankObjective;
}

interface ReportSettings {
  seed: number;
  replications: number;
  objective?: RankObjective | undefined;
  threads?: number | undefined;
  queue?: string | undefined;
  unitReplications?: number | undefined;
  out?: string | undefined;
  json: boolean;
  language: "nb" | "en";
  dataDir?: string | undefined;
}

/** Ranks today and the plans (in threads or on the queue), prints the table or JSON, and writes --out (all files or none); returns the paths written. */
async function rankAndReport(base: string, plans: PlanInput[], settings: ReportSettings): Promise<string[]> {
  const { evaluatePlans, queueRunner, rankingFiles, rankingToJson, renderRankingText, threadRunner } = await ranking();
  const runner = settings.queue !== undefined ? await queueRunner(settings.queue) : threadRunner(settings.threads);
  const progress = createProgress("ranking", (plans.length + 1) * settings.replications, !settings.json);
  const output = settings.out ? new StagedOutput(settings.out) : undefined;
  try {
    const ranked = await evaluatePlans(base, plans, { seed: settings.seed, replications: settings.replications, objective: settings.objective, runner, unitReplications: settings.unitReplications, dataDir: settings.dataDir, onProgress: (done) => progress.update(done) });
    progress.stop();
    const written: string[] = [];
    if (output) {
      for (const file of rankingFiles(output.directory, base, plans, ranked)) output.write(file.name, file.text);
      written.push(...output.commit());
      if (!settings.json) process.stderr.write(`wrote ${written.join(", ")}\n`);
    }
    process.stdout.write(settings.json ? rankingToJson(ranked) : renderRankingText(ranked, settings.language));
    return written;
  } catch (error) {
    progress.stop();
    output?.abort();
    throw error;
  } finally {
    await runner.close();
  }
}

/**
 * `akutt optimise siting --rank N`: the siting MIP's N best plans (no-good cuts, @akutt/ranking
 * sitingCandidates) written as overlays beside the scenario's file (in memory), then ranked with
 * today by simulation as `akutt optimise rank` does.
 */
export async function rankSitingPlans(scenario: Scenario, options: SitingOptions, vehicles: number, settings: ReportSettings & { plans: number; writeModel?: string | undefined }): Promise<string[]> {
  const { sitingCandidates } = await ranking();
  const candidates = await sitingCandidates(scenario, options, vehicles, settings.plans, { dataDir: settings.dataDir });
  if (settings.writeModel !== undefined) {
    const files = candidates.models.flatMap((mip, k) => writeModelFiles(settings.writeModel!, mip, `${options.model}-${vehicles}-${candidates.plans[k]!.id}`));
    process.stderr.write(`wrote ${files.join(", ")}\n`);
  }
  if (!settings.json) process.stderr.write(`${candidates.plans.length} plan${candidates.plans.length === 1 ? "" : "s"} from the MIP (${candidates.siting.map((plan) => `${plan.label}: ${plan.objective.toFixed(6)}`).join(", ")}); simulating them and today, ${settings.replications} replications each\n`);
  const plans = candidates.plans.map((plan) => ({ id: plan.id, label: plan.label, file: join(dirname(scenario.file), `${plan.id}.yaml`), text: plan.overlay }));
  return rankAndReport(scenario.file, plans, settings);
}

/** `akutt optimise rank` and `akutt optimise worker`, on the `optimise` command. */
export function registerOptimiseRank(optimise: Command): void {
  optimise
    .command("rank")
    .description("simulate today and candidate plans (scenario overlays) on common random numbers and rank them, with paired intervals against the best and today")
    .argument("<base>", "today's scenario (the plans' overlays extend it)")
    .argument("<plans...>", "plan overlay files (extends: the base); the file name is the plan's id")
    .option("--replications <n>", "replications per plan (at least 2)", "20")
    .option("--seed <s>", "base random seed (the same for every plan)", "1")
    .option("--objective <name>", "what orders the plans: share (red within target, all areas), median (red median, all areas) or worst-area (red within target in the worst area)", "share")
    .option("--threads <n>", "worker threads (default: one per core)")
    .option("--queue <url>", "run the units as BullMQ jobs on Redis (redis:// or rediss://) for `akutt optimise worker` processes")
    .option("--unit-replications <n>", "replications per unit of work (default: enough units for every thread or worker)")
    .option("--json", "print the ranking as JSON on stdout", false)
    .option("--out <dir>", "write ranking.json, ranking.md, ranking.en.md, ranking.txt, and the best plan as chosen.yaml with comparison.yaml for `akutt compare`")
    .option("--language <nb|en>", "language of the terminal table", "nb")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (baseFile: string, planFiles: string[], flags: RankFlags) => {
      if (flags.language !== "nb" && flags.language !== "en") throw new UsageError(`--language must be nb or en, got "${flags.language}"`);
      const language = flags.language;
      const replications = parsePositiveInteger("--replications", flags.replications);
      if (replications < 2) throw new UsageError("--replications must be at least 2 for paired confidence intervals");
      const seed = parseSeed(flags.seed);
      const objective = await parseObjective(flags.objective);
      if (flags.threads !== undefined && flags.queue !== undefined) throw new UsageError("--threads and --queue: the units run either in threads here or on the queue's workers; give one");
      const threads = flags.threads === undefined ? undefined : parsePositiveInteger("--threads", flags.threads);
      const unitReplications = flags.unitReplications === undefined ? undefined : parsePositiveInteger("--unit-replications", flags.unitReplications);
      const plans = await Promise.all(planFiles.map(readPlanFile));
      await rankAndReport(resolve(baseFile), plans, { seed, replications, objective, threads, queue: flags.queue, unitReplications, out: flags.out, json: flags.json, language, dataDir: flags.dataDir });
    });

  optimise
    .command("worker")
    .description("run ranking jobs from a Redis queue (BullMQ) until stopped with Ctrl-C")
    .requiredOption("--queue <url>", "the queue's Redis (redis:// or rediss://)")
    .option("--allow <dir...>", "folders the jobs' scenarios may lie in (default: the repository's scenarios folder)")
    .option("--threads <n>", "jobs at once, each in a worker thread", "1")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .option("--lock-duration-ms <ms>", "BullMQ job lock: a worker that stops renewing it loses the job to another (default 30000)")
    .option("--stalled-interval-ms <ms>", "how often stalled jobs are looked for (default 30000)")
    .action(async (flags: WorkerFlags) => {
      const threads = parsePositiveInteger("--threads", flags.threads);
      const lockDurationMs = flags.lockDurationMs === undefined ? undefined : parsePositiveInteger("--lock-duration-ms", flags.lockDurationMs);
      const stalledIntervalMs = flags.stalledIntervalMs === undefined ? undefined : parsePositiveInteger("--stalled-interval-ms", flags.stalledIntervalMs);
      const allowedRoots = flags.allow ?? [resolve(findRepoRoot(), "scenarios")];
      const { startQueueWorker } = await ranking();
      const worker = await startQueueWorker(flags.queue, {
        allowedRoots,
        dataDir: resolveDataDir(flags.dataDir),
        threads,
        lockDurationMs,
        stalledIntervalMs,
        onJob: (event, job) => process.stderr.write(`${new Date().toISOString()} job ${job.id} ${event}: plan ${job.planId}, replications ${job.replications}\n`),
      });
      process.stderr.write(`akutt optimise worker: waiting for ranking jobs on ${worker.address} (Ctrl-C stops)\n`);
      await new Promise<void>((resolveStop) => {
        const stop = () => resolveStop();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await worker.close();
    });
}
