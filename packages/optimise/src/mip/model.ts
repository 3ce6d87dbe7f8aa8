/**
 * A small typed mixed-integer linear programme: variables with bounds and integrality, linear
 * constraints and a linear objective. Every model in this package is built as one of these, then
 * written as a CPLEX-LP or MPS file (./lp-format.ts, ./mps-format.ts) and solved from that text,
 * so the file a user opens elsewhere is exactly the model that was solved.
 */

export type VariableType = "continuous" | "integer" | "binary";

export interface MipVariable {
  /** Unique; see NAME_PATTERN. */
  readonly name: string;
  readonly type: VariableType;
  /** Finite or -Infinity. Binary variables must have bounds within [0, 1]. */
  readonly lower: number;
  /** Finite or Infinity. */
  readonly upper: number;
}

export interface LinearTerm {
  readonly variable: string;
  readonly coefficient: number;
}

export type ConstraintSense = "<=" | ">=" | "=";

export interface MipConstraint {
  /** Unique among constraints; see NAME_PATTERN. */
  readonly name: string;
  readonly terms: readonly LinearTerm[];
  readonly sense: ConstraintSense;
  readonly rhs: number;
}

export interface MipModel {
  /** Written as the MPS NAME and an LP comment; see NAME_PATTERN. */
  readonly name: string;
  readonly sense: "maximize" | "minimize";
  readonly objective: readonly LinearTerm[];
  readonly variables: readonly MipVariable[];
  readonly constraints: readonly MipConstraint[];
  /** Lines written as comments at the top of both files (e.g. which site x_3 is); not part of the model. */
  readonly legend?: readonly string[];
}

/**
 * Names both file formats read the same way: a letter or underscore first, then letters, digits
 * and underscores, at most 255 characters. A leading "e"/"E" is refused because CPLEX-LP readers
 * may take "e12" after a number as an exponent; models here prefix their names (x_, y_, cov_ …).
 */
export const NAME_PATTERN = /^[A-DF-Za-df-z_][A-Za-z0-9_]{0,254}$/;

/** The objective row's name in both file formats; no variable or constraint may take it. */
export const OBJECTIVE_ROW = "obj";

export class MipModelError extends Error {
  override readonly name = "MipModelError";
}

/**
 * Checks names, bounds and coefficients; throws MipModelError naming the first offending item.
 * Writers and solvers call it, so a bad model never reaches a file or a solver.
 */
export function validateModel(model: MipModel): void {
  if (!NAME_PATTERN.test(model.name)) throw new MipModelError(`model name "${model.name}" is not a valid LP/MPS name`);
  const variables = new Set<string>();
  for (const v of model.variables) {
    if (!NAME_PATTERN.test(v.name) || v.name === OBJECTIVE_ROW) throw new MipModelError(`variable name "${v.name}" is not a valid LP/MPS name`);
    if (variables.has(v.name)) throw new MipModelError(`variable "${v.name}" is declared twice`);
    variables.add(v.name);
    if (Number.isNaN(v.lower) || Number.isNaN(v.upper) || v.lower === Infinity || v.upper === -Infinity || v.lower > v.upper) {
      throw new MipModelError(`variable "${v.name}" has bounds [${v.lower}, ${v.upper}]`);
    }
    if (v.type === "binary" && (v.lower < 0 || v.upper > 1)) throw new MipModelError(`binary variable "${v.name}" has bounds outside [0, 1]`);
  }
  const checkTerms = (terms: readonly LinearTerm[], where: string): void => {
    const seen = new Set<string>();
    for (const term of terms) {
      if (!variables.has(term.variable)) throw new MipModelError(`${where} uses undeclared variable "${term.variable}"`);
      if (seen.has(term.variable)) throw new MipModelError(`${where} names variable "${term.variable}" twice`);
      seen.add(term.variable);
      if (!Number.isFinite(term.coefficient)) throw new MipModelError(`${where} has coefficient ${term.coefficient} for "${term.variable}"`);
    }
  };
  checkTerms(model.objective, "the objective");
  const constraints = new Set<string>();
  for (const c of model.constraints) {
    if (!NAME_PATTERN.test(c.name) || c.name === OBJECTIVE_ROW) throw new MipModelError(`constraint name "${c.name}" is not a valid LP/MPS name`);
    if (constraints.has(c.name)) throw new MipModelError(`constraint "${c.name}" is declared twice`);
    constraints.add(c.name);
    checkTerms(c.terms, `constraint "${c.name}"`);
    if (!Number.isFinite(c.rhs)) throw new MipModelError(`constraint "${c.name}" has right-hand side ${c.rhs}`);
  }
}

/** Objective value of an assignment (missing variables count as 0). */
export function objectiveValue(model: MipModel, values: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const term of model.objective) total += term.coefficient * (values.get(term.variable) ?? 0);
  return total;
}
