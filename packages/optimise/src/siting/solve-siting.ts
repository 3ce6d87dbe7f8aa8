import type { CoverageData } from "../coverage/coverage.js";
import { solveWithHighs, type SolveStatus } from "../mip/highs.js";
import type { MipModel } from "../mip/model.js";
import { OptimiseInputError } from "../coverage/coverage.js";
import { MAX_SITING_VEHICLES, type SitingOptions } from "../options.js";
import { buildCoveringAt, buildMalp, buildMexclp, buildPMedian } from "./models.js";
import { planFigures, type PlanFigures } from "./plan.js";

export interface SiteAllocation {
  readonly siteId: string;
  readonly kind: string;
  readonly owner: string;
  readonly vehicles: number;
  readonly currentVehicles: number;
  readonly lat: number;
  readonly lon: number;
}

export interface SitingResult {
  readonly model: SitingOptions["model"];
  readonly vehicles: number;
  readonly status: SolveStatus;
  /** In the model's unit: share of demand (MEXCLP, MALP), minutes (p-median mean or percentile). */
  readonly objective: number;
  readonly objectiveLabel: string;
  /** Every candidate site with its vehicles in the plan (0 included) and today. */
  readonly allocation: readonly SiteAllocation[];
  /** The plan's and today's figures by every model's measure (today's: the scenario's ambulances at their stations). */
  readonly plan: PlanFigures | undefined;
  readonly today: PlanFigures;
  /** The MIP whose solution is the plan (for the percentile: the covering MIP at the optimal time). */
  readonly mip: MipModel;
  readonly solveSec: number;
  /** MIPs solved (1, or the steps of the percentile search). */
  readonly solves: number;
}

export type SitingSolveOptions = Pick<SitingOptions, "model" | "maxVehiclesPerSite" | "busyFraction" | "reliability" | "fixed" | "excluded" | "trusts" | "budget" | "pmedianObjective" | "percentile" | "timeLimitSec">;

function figuresParams(options: SitingSolveOptions) {
  return { busyFraction: options.busyFraction, reliability: options.reliability, percentile: options.percentile };
}

/** Solves one siting problem with HiGHS and reports the plan against today's allocation. */
export async function solveSiting(data: CoverageData, options: SitingSolveOptions, vehicles: number): Promise<SitingResult> {
  if (!Number.isInteger(vehicles) || vehicles < 1 || vehicles > MAX_SITING_VEHICLES) throw new OptimiseInputError(`vehicles: a whole number from 1 to ${MAX_SITING_VEHICLES}, got ${vehicles}`);
  const today = planFigures(data, data.sites.map((site) => site.currentVehicles), figuresParams(options));
  const started = performance.now();
  const solved = options.model === "pmedian" && options.pmedianObjective === "percentile" ? await solvePercentile(data, options, vehicles) : await solveOne(data, options, vehicles);
  const solveSec = (performance.now() - started) / 1000;
  const allocation = data.sites.map((site, s) => ({ siteId: site.id, kind: site.kind, owner: site.owner, vehicles: solved.values?.[s] ?? 0, currentVehicles: site.currentVehicles, lat: site.lat, lon: site.lon }));
  const plan = solved.values ? planFigures(data, solved.values, figuresParams(options)) : undefined;
  const objectiveLabel =
    options.model === "mexclp" ? `expected coverage (busy fraction ${options.busyFraction})`
    : options.model === "malp" ? `share of demand covered with reliability ${options.reliability} (busy fraction ${options.busyFraction})`
    : options.pmedianObjective === "mean" ? "mean response time to the nearest site with a vehicle, min"
    : `${options.percentile}th percentile of the response time to the nearest site with a vehicle, min`;
  return { model: options.model, vehicles, status: solved.status, objective: solved.objective, objectiveLabel, allocation, plan, today, mip: solved.mip, solveSec, solves: solved.solves };
}

interface Solved {
  status: SolveStatus;
  objective: number;
  values: number[] | undefined;
  mip: MipModel;
  solves: number;
}

function buildModel(data: CoverageData, options: SitingSolveOptions, vehicles: number): MipModel {
  switch (options.model) {
    case "mexclp":
      return buildMexclp(data, options, vehicles);
    case "malp":
      return buildMalp(data, options, vehicles);
    case "pmedian":
      return buildPMedian(data, options, vehicles);
  }
}

async function solveMip(mip: MipModel, data: CoverageData, timeLimitSec: number): Promise<Solved> {
  const solution = await solveWithHighs(mip, { timeLimitSec });
  const values = solution.values.size > 0 ? data.sites.map((_, s) => solution.values.get(`x_${s}`) ?? 0) : undefined;
  return { status: solution.status, objective: solution.objective, values, mip, solves: 1 };
}

async function solveOne(data: CoverageData, options: SitingSolveOptions, vehicles: number): Promise<Solved> {
  return solveMip(buildModel(data, options, vehicles), data, options.timeLimitSec);
}

/**
 * The percentile p-median: the smallest T such that some plan has `percentile` % of demand within
 * T of a site with a vehicle. The share within T only grows with T, so a bisection over the
 * distinct response times, each step a maximal-covering MIP, finds it exactly (a single MIP would
 * need a binary per distinct time and is much larger). Returns the covering MIP at that T.
 */
async function solvePercentile(data: CoverageData, options: SitingSolveOptions, vehicles: number): Promise<Solved> {
  const times = [...new Set(Array.from(data.responseSec).filter(Number.isFinite))].sort((a, b) => a - b);
  const share = options.percentile / 100;
  let solves = 0;
  const deadline = performance.now() + options.timeLimitSec * 1000;
  const attempt = async (t: number) => {
    const remainingSec = Math.max(1, (deadline - performance.now()) / 1000);
    const solved = await solveMip(buildCoveringAt(data, options, vehicles, t), data, remainingSec);
    solves++;
    return solved;
  };
  let high = times.length - 1;
  let best = await attempt(times[high]!);
  if (best.status !== "optimal" || best.objective < share - 1e-9) return { ...best, status: best.status === "optimal" ? "infeasible" : best.status, objective: Number.NaN, values: undefined, solves };
  let low = 0;
  while (low < high) {
    const mid = (low + high) >> 1;
    const solved = await attempt(times[mid]!);
    if (solved.status === "time-limit" || solved.status === "error") return { ...solved, objective: times[high]! / 60, values: best.values, mip: best.mip, solves };
    if (solved.status === "optimal" && solved.objective >= share - 1e-9) {
      high = mid;
      best = solved;
    } else low = mid + 1;
  }
  return { ...best, objective: times[high]! / 60, solves };
}
