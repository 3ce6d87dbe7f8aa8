import { z } from "zod";
import { solveWithHighs, type MipSolution } from "../mip/highs.js";
import type { LinearTerm, MipConstraint, MipModel, MipVariable } from "../mip/model.js";

/**
 * Compliance tables (docs/optimisation.md, "Standby and move-up"): for each number k = 1 … N of free
 * ambulances, the bases they should stand at. Each row is a MEXCLP (Daskin 1983) for k ambulances;
 * rows are independent unless `maxMoves` ties neighbouring rows together, so that going from k to
 * k + 1 free ambulances needs at most that many moves besides the freed unit (0: nested rows, each
 * row the one before plus one place). The engine plays the table with its `compliance-table`
 * relocation policy (packages/engine/src/policies/compliance-table.ts).
 */

/** The coverage a table is optimised for: demand points with weights and the candidate bases covering each. */
export interface ComplianceData {
  /** Candidate bases: station and standby point ids. */
  readonly siteIds: readonly string[];
  /** Demand points: weight (e.g. red calls per hour) and the indices into siteIds of the bases covering it. */
  readonly points: ReadonlyArray<{ readonly weight: number; readonly coveringSites: readonly number[] }>;
}

export const complianceOptionsSchema = z.strictObject({
  /** N: rows 1 … N. */
  vehicles: z.number().int().min(1).max(60),
  /** MEXCLP's busy fraction q. Absent: 0.3, as the dynamic-mexclp relocation policy. */
  busyFraction: z.number().gt(0).lt(1).default(0.3),
  /** At most this many moves (besides the freed unit) between rows k and k + 1; 0 nests the rows. Absent: rows independent. */
  maxMoves: z.number().int().min(0).max(60).optional(),
  /** HiGHS time limit. Absent: 60 s. */
  timeLimitSec: z.number().positive().max(3600).default(60),
});
export type ComplianceOptions = z.input<typeof complianceOptionsSchema>;

export class ComplianceError extends Error {
  override readonly name = "ComplianceError";
}

/**
 * Points covered by the same set of bases are one point to the model (their weights added): the
 * optimum is the same and the model far smaller (a region's zones fall into few such patterns).
 * Points no base covers add nothing and are left out.
 */
export function coveragePatterns(data: ComplianceData): Array<{ weight: number; sites: number[] }> {
  const byKey = new Map<string, { weight: number; sites: number[] }>();
  for (const point of data.points) {
    if (point.coveringSites.length === 0 || point.weight <= 0) continue;
    const sites = [...new Set(point.coveringSites)].sort((a, b) => a - b);
    for (const site of sites) if (!(site >= 0 && site < data.siteIds.length && Number.isInteger(site))) throw new ComplianceError(`covering site index ${site} is not one of the ${data.siteIds.length} sites`);
    const key = sites.join(",");
    const known = byKey.get(key);
    if (known) known.weight += point.weight;
    else byKey.set(key, { weight: point.weight, sites });
  }
  return [...byKey.values()];
}

/**
 * The MIP. Variables: x_k_j (integer, units at base j in row k), y_k_p_l (0–1, pattern p covered at
 * least l times in row k, l ≤ k), and with maxMoves z_k_j ≥ x_k_j − x_(k+1)_j (units of row k at a base
 * row k + 1 has fewer of: each must move). Objective: maximise Σ_k Σ_p Σ_l w_p·(1 − q)·q^(l−1)·y_k_p_l,
 * every row counting equally (ASSUMPTION: the table should be good at every k, not only the common ones).
 * y may be continuous: its coefficients fall with l, so at an integer x the optimum fills the first
 * Σ_j∈p x_k_j levels exactly, which is MEXCLP's expected coverage w_p·(1 − q^cover).
 * Size: N·J integers, Σ_k k·P continuous y for P patterns.
 */
export function buildComplianceModel(data: ComplianceData, options: ComplianceOptions): MipModel {
  const { vehicles, busyFraction: q, maxMoves } = complianceOptionsSchema.parse(options);
  if (data.siteIds.length === 0) throw new ComplianceError("no candidate bases");
  const patterns = coveragePatterns(data);
  const sites = data.siteIds.length;
  const variables: MipVariable[] = [];
  const constraints: MipConstraint[] = [];
  const objective: LinearTerm[] = [];
  const x = (k: number, j: number) => `x_${k}_${j}`;

  for (let k = 1; k <= vehicles; k++) {
    for (let j = 0; j < sites; j++) variables.push({ name: x(k, j), type: "integer", lower: 0, upper: k });
    constraints.push({ name: `units_${k}`, terms: Array.from({ length: sites }, (_, j) => ({ variable: x(k, j), coefficient: 1 })), sense: "=", rhs: k });
    patterns.forEach((pattern, p) => {
      const levels: LinearTerm[] = [];
      for (let l = 1; l <= k; l++) {
        const y = `y_${k}_${p}_${l}`;
        variables.push({ name: y, type: "continuous", lower: 0, upper: 1 });
        objective.push({ variable: y, coefficient: pattern.weight * (1 - q) * q ** (l - 1) });
        levels.push({ variable: y, coefficient: 1 });
      }
      constraints.push({ name: `cover_${k}_${p}`, terms: [...levels, ...pattern.sites.map((j) => ({ variable: x(k, j), coefficient: -1 }))], sense: "<=", rhs: 0 });
    });
  }
  if (maxMoves !== undefined) {
    for (let k = 1; k < vehicles; k++) {
      const moves: LinearTerm[] = [];
      for (let j = 0; j < sites; j++) {
        const z = `z_${k}_${j}`;
        variables.push({ name: z, type: "continuous", lower: 0, upper: Infinity });
        constraints.push({ name: `moved_${k}_${j}`, terms: [{ variable: z, coefficient: 1 }, { variable: x(k, j), coefficient: -1 }, { variable: x(k + 1, j), coefficient: 1 }], sense: ">=", rhs: 0 });
        moves.push({ variable: z, coefficient: 1 });
      }
      constraints.push({ name: `moves_${k}`, terms: moves, sense: "<=", rhs: maxMoves });
    }
  }
  return { name: maxMoves === undefined ? "compliance_table" : `compliance_table_moves_${maxMoves}`, sense: "maximize", objective, variables, constraints };
}

export interface ComplianceTable {
  /** Row k − 1: the k base ids (repeated for two units at one base), in site order. */
  readonly table: string[][];
  /** Per row: MEXCLP expected covered demand as a share of all the data's demand weight. */
  readonly expectedCoverageShare: number[];
  /** Per row k ≥ 2: units of row k − 1 that must move when a unit is freed (at most maxMoves when given). */
  readonly movesFromPreviousRow: number[];
  readonly objective: number;
  readonly solution: MipSolution;
  readonly model: MipModel;
}

/** Builds and solves the table with HiGHS; throws ComplianceError unless the solve is optimal. */
export async function solveComplianceTable(data: ComplianceData, options: ComplianceOptions): Promise<ComplianceTable> {
  const parsed = complianceOptionsSchema.parse(options);
  const model = buildComplianceModel(data, parsed);
  const solution = await solveWithHighs(model, { timeLimitSec: parsed.timeLimitSec });
  if (solution.status !== "optimal") throw new ComplianceError(`the compliance-table MIP ended "${solution.status}" (${solution.solverStatus}), not optimal`);
  const counts = Array.from({ length: parsed.vehicles }, (_, r) => data.siteIds.map((_, j) => Math.round(solution.values.get(`x_${r + 1}_${j}`) ?? 0)));
  const table = counts.map((row) => row.flatMap((count, j) => Array.from({ length: count }, () => data.siteIds[j]!)));
  const totalWeight = data.points.reduce((sum, point) => sum + Math.max(0, point.weight), 0);
  const expectedCoverageShare = counts.map((row) => {
    let covered = 0;
    for (const point of data.points) {
      if (point.weight <= 0) continue;
      let cover = 0;
      for (const j of new Set(point.coveringSites)) cover += row[j]!;
      covered += point.weight * (1 - parsed.busyFraction ** cover);
    }
    return totalWeight > 0 ? covered / totalWeight : 0;
  });
  const movesFromPreviousRow = counts.slice(1).map((row, r) => counts[r]!.reduce((sum, before, j) => sum + Math.max(0, before - row[j]!), 0));
  return { table, expectedCoverageShare, movesFromPreviousRow, objective: solution.objective, solution, model };
}
