import { OBJECTIVE_ROW, validateModel, type LinearTerm, type MipModel } from "./model.js";

/** Terms per line: CPLEX-LP readers accept long lines, but some (CoinLpIO) limit a line's length. */
const TERMS_PER_LINE = 8;

/** A comment line's text: one line, no control characters. */
export function commentText(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f]/g, " ");
}

/** Shortest text that reads back as the same double (the files must give both solvers the same model). */
export function formatNumber(value: number): string {
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  return Object.is(value, -0) ? "0" : String(value);
}

function linearExpression(terms: readonly LinearTerm[]): string {
  const parts = terms.map((t) => `${t.coefficient < 0 ? "-" : "+"} ${formatNumber(Math.abs(t.coefficient))} ${t.variable}`);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += TERMS_PER_LINE) lines.push(parts.slice(i, i + TERMS_PER_LINE).join(" "));
  return lines.join("\n   ");
}

/**
 * The model as a CPLEX-LP file (the format HiGHS, CBC, GLPK, SCIP and Gurobi read). Every variable
 * appears in the objective (with coefficient 0 if it has none), so no reader drops an unused
 * column; binaries are written as bounded generals, so a reader's default bounds never apply.
 */
export function writeLp(model: MipModel): string {
  validateModel(model);
  if (model.variables.length === 0) throw new Error(`model "${model.name}" has no variables`);
  const costs = new Map(model.objective.map((t) => [t.variable, t.coefficient]));
  const objective = model.variables.map((v) => ({ variable: v.name, coefficient: costs.get(v.name) ?? 0 }));
  const out: string[] = [`\\ ${model.name}: written by Akutt (@akutt/optimise)`, ...(model.legend ?? []).map((line) => `\\ ${commentText(line)}`)];
  out.push(model.sense === "maximize" ? "Maximize" : "Minimize");
  out.push(` ${OBJECTIVE_ROW}: ${linearExpression(objective)}`);
  out.push("Subject To");
  const firstVariable = model.variables[0]!.name;
  for (const c of model.constraints) {
    const terms = c.terms.length > 0 ? c.terms : [{ variable: firstVariable, coefficient: 0 }];
    out.push(` ${c.name}: ${linearExpression(terms)} ${c.sense} ${formatNumber(c.rhs)}`);
  }
  out.push("Bounds");
  for (const v of model.variables) {
    if (v.lower === -Infinity && v.upper === Infinity) out.push(` ${v.name} free`);
    else if (v.lower === v.upper) out.push(` ${v.name} = ${formatNumber(v.lower)}`);
    else out.push(` ${formatNumber(v.lower)} <= ${v.name} <= ${formatNumber(v.upper)}`);
  }
  const integers = model.variables.filter((v) => v.type !== "continuous").map((v) => v.name);
  if (integers.length > 0) {
    out.push("Generals");
    for (let i = 0; i < integers.length; i += TERMS_PER_LINE) out.push(` ${integers.slice(i, i + TERMS_PER_LINE).join(" ")}`);
  }
  out.push("End", "");
  return out.join("\n");
}
