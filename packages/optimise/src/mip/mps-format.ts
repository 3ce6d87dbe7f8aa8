import { commentText, formatNumber } from "./lp-format.js";
import { OBJECTIVE_ROW, validateModel, type MipModel } from "./model.js";

const ROW_TYPE = { "<=": "L", ">=": "G", "=": "E" } as const;

/** The factor from the model's objective to the objective of its MPS file (see writeMps). */
export function mpsObjectiveFactor(model: MipModel): 1 | -1 {
  return model.sense === "maximize" ? -1 : 1;
}

/**
 * The model as a free-format MPS file (names without spaces, any length). MPS has no portable way
 * to say "maximise": CBC 2.10 reads an OBJSENSE MAX section and ignores it ("MAX found after
 * OBJSENSE - Coin ignores"), so a maximisation is written as the minimisation of the negated
 * objective, said in the file's first comment line; every reader then solves the same problem and
 * the model's optimum is minus the file's. Integer columns sit between INTORG/INTEND markers and
 * every column's bounds are written explicitly: readers differ on the default upper bound of an
 * integer column.
 */
export function writeMps(model: MipModel): string {
  validateModel(model);
  if (model.variables.length === 0) throw new Error(`model "${model.name}" has no variables`);
  const entries = new Map<string, [string, number][]>(model.variables.map((v) => [v.name, []]));
  const sign = mpsObjectiveFactor(model);
  for (const t of model.objective) entries.get(t.variable)!.push([OBJECTIVE_ROW, sign * t.coefficient]);
  for (const c of model.constraints) for (const t of c.terms) entries.get(t.variable)!.push([c.name, t.coefficient]);

  const out: string[] = [`* ${model.name}: written by Akutt (@akutt/optimise)`];
  if (model.sense === "maximize") out.push(`* The model MAXIMISES; this file MINIMISES the negated objective: the model's optimum is minus this file's.`);
  for (const line of model.legend ?? []) out.push(`* ${commentText(line)}`);
  out.push(`NAME ${model.name}`);
  out.push("ROWS", ` N ${OBJECTIVE_ROW}`);
  for (const c of model.constraints) out.push(` ${ROW_TYPE[c.sense]} ${c.name}`);
  out.push("COLUMNS");
  let inInteger = false;
  let marker = 0;
  for (const v of model.variables) {
    const integer = v.type !== "continuous";
    if (integer !== inInteger) {
      out.push(`    M${marker++} 'MARKER' '${integer ? "INTORG" : "INTEND"}'`);
      inInteger = integer;
    }
    const column = entries.get(v.name)!;
    // A column with no entries is still declared, with a zero objective coefficient.
    if (column.length === 0) column.push([OBJECTIVE_ROW, 0]);
    for (const [row, coefficient] of column) out.push(`    ${v.name} ${row} ${formatNumber(coefficient)}`);
  }
  if (inInteger) out.push(`    M${marker++} 'MARKER' 'INTEND'`);
  out.push("RHS");
  for (const c of model.constraints) if (c.rhs !== 0) out.push(`    RHS ${c.name} ${formatNumber(c.rhs)}`);
  out.push("BOUNDS");
  for (const v of model.variables) {
    if (v.lower === v.upper) {
      out.push(` FX BND ${v.name} ${formatNumber(v.lower)}`);
      continue;
    }
    out.push(v.lower === -Infinity ? ` MI BND ${v.name}` : ` LO BND ${v.name} ${formatNumber(v.lower)}`);
    out.push(v.upper === Infinity ? ` PL BND ${v.name}` : ` UP BND ${v.name} ${formatNumber(v.upper)}`);
  }
  out.push("ENDATA", "");
  return out.join("\n");
}
