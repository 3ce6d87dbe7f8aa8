import { createHash } from "node:crypto";
import type { Highs } from "highs";
import { writeLp } from "./lp-format.js";
import type { MipModel } from "./model.js";

export type SolveStatus = "optimal" | "infeasible" | "unbounded" | "time-limit" | "error";

export interface MipSolution {
  readonly status: SolveStatus;
  /** HiGHS's own status text (e.g. "Optimal", "Time limit reached"). */
  readonly solverStatus: string;
  /** Objective of the solution found; NaN when there is none. */
  readonly objective: number;
  /** Value of every variable; empty when there is no solution. */
  readonly values: ReadonlyMap<string, number>;
  /** Wall-clock time of the solve itself, seconds (not of writing the model). */
  readonly solveSec: number;
}

export interface HighsSolveOptions {
  /** Stop after this many seconds (status "time-limit", best solution so far). Default: none. */
  readonly timeLimitSec?: number;
  /**
   * Relative MIP gap at which HiGHS stops and calls a solution optimal. HiGHS's own default is
   * 1e-4, too loose for the 1e-6 agreement with CBC the tests require; the default here is 1e-9.
   */
  readonly mipRelativeGap?: number;
}

const DEFAULT_MIP_RELATIVE_GAP = 1e-9;

/**
 * Solutions by the model's content (its LP text and the solve options), for a caller that may pose
 * the same model twice (the fleet iteration: alternatives whose stations and rules give the same
 * MIP): the second gets the first's solution, solveSec included, without solving again. The
 * caller owns it and decides how long it lives (a model's solution holds every variable's value).
 */
export type MipSolutionMemo = Map<string, MipSolution>;

let loaded: Promise<Highs> | undefined;
/** The WebAssembly solver, loaded on first use only (so `akutt --help` never compiles it). */
function highs(): Promise<Highs> {
  loaded ??= import("highs").then((module) => module.default());
  return loaded;
}

function statusOf(text: string): SolveStatus {
  switch (text) {
    case "Optimal":
      return "optimal";
    case "Infeasible":
      return "infeasible";
    case "Unbounded":
    case "Primal infeasible or unbounded":
      return "unbounded";
    case "Time limit reached":
      return "time-limit";
    default:
      return "error";
  }
}

/**
 * Solves the model with HiGHS (npm `highs`, WebAssembly, single-threaded) from its CPLEX-LP text
 * (writeLp), so the solve and a written .lp file are the same model. Blocks the thread for the
 * solve; run it in a worker thread to keep a server responsive.
 */
export async function solveWithHighs(model: MipModel, options: HighsSolveOptions = {}, memo?: MipSolutionMemo): Promise<MipSolution> {
  const text = writeLp(model);
  const key = memo ? createHash("sha256").update(JSON.stringify([options.mipRelativeGap, options.timeLimitSec])).update(text).digest("hex") : "";
  const known = memo?.get(key);
  if (known) return known;
  const solution = await solveLp(text, model, options);
  memo?.set(key, solution);
  return solution;
}

async function solveLp(text: string, model: MipModel, options: HighsSolveOptions): Promise<MipSolution> {
  const solver = await highs();
  const started = performance.now();
  const result = solver.solve(text, {
    output_flag: false,
    mip_rel_gap: options.mipRelativeGap ?? DEFAULT_MIP_RELATIVE_GAP,
    ...(options.timeLimitSec !== undefined ? { time_limit: options.timeLimitSec } : {}),
  });
  const solveSec = (performance.now() - started) / 1000;
  const status = statusOf(result.Status);
  const hasSolution = status === "optimal" || (status === "time-limit" && Object.keys(result.Columns).length > 0 && "Primal" in (Object.values(result.Columns)[0] ?? {}));
  const values = new Map<string, number>();
  if (hasSolution) {
    for (const v of model.variables) {
      const column = result.Columns[v.name];
      const primal = column !== undefined && "Primal" in column ? column.Primal : 0;
      // Integer columns come back within the integrality tolerance (e.g. 0.9999999): give the
      // integer (and 0, not the -0 that rounding -1e-9 gives).
      values.set(v.name, v.type === "continuous" ? primal : Math.round(primal) + 0);
    }
  }
  return { status, solverStatus: result.Status, objective: hasSolution ? result.ObjectiveValue : Number.NaN, values, solveSec };
}
