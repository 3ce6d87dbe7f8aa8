import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cbcAvailable, sameObjective, solveWithCbc } from "../testing/cbc.js";
import { solveWithHighs } from "./highs.js";
import { writeLp } from "./lp-format.js";
import { MipModelError, objectiveValue, validateModel, type MipModel } from "./model.js";
import { writeMps } from "./mps-format.js";

const hasCbc = cbcAvailable();
if (!hasCbc) console.warn("CBC cross-checks skipped: no cbc binary (scripts/install-test-deps.sh installs coinor-cbc)");

/** The workshop of the highs README: 30 c + 50 t, c + 2t ≤ 40, 2c + t ≤ 50: optimum 20, 10 → 1100. */
const workshop: MipModel = {
  name: "workshop",
  sense: "maximize",
  objective: [
    { variable: "chairs", coefficient: 30 },
    { variable: "tables", coefficient: 50 },
  ],
  variables: [
    { name: "chairs", type: "integer", lower: 0, upper: Infinity },
    { name: "tables", type: "integer", lower: 0, upper: Infinity },
  ],
  constraints: [
    { name: "carpentry", sense: "<=", rhs: 40, terms: [{ variable: "chairs", coefficient: 1 }, { variable: "tables", coefficient: 2 }] },
    { name: "finishing", sense: "<=", rhs: 50, terms: [{ variable: "chairs", coefficient: 2 }, { variable: "tables", coefficient: 1 }] },
  ],
};

describe("the MIP model, its files and HiGHS", () => {
  it("solves a model whose optimum is known in closed form", async () => {
    const solution = await solveWithHighs(workshop);
    expect(solution.status).toBe("optimal");
    expect(solution.objective).toBeCloseTo(1100, 9);
    expect(solution.values.get("chairs")).toBe(20);
    expect(solution.values.get("tables")).toBe(10);
    expect(objectiveValue(workshop, solution.values)).toBeCloseTo(1100, 9);
  });

  it("with a memo, solves a model once: the same model (a copy) gets the first solution, another model or another gap its own", async () => {
    const memo = new Map();
    const first = await solveWithHighs(workshop, {}, memo);
    expect(await solveWithHighs(structuredClone(workshop), {}, memo)).toBe(first);
    const cheaperTables: MipModel = { ...workshop, objective: [workshop.objective[0]!, { variable: "tables", coefficient: 10 }] };
    expect((await solveWithHighs(cheaperTables, {}, memo)).values.get("chairs")).toBe(25);
    expect(await solveWithHighs(workshop, { mipRelativeGap: 0.01 }, memo)).not.toBe(first);
    expect(memo.size).toBe(3);
  });

  it("reports infeasibility as a status, not an exception", async () => {
    const infeasible: MipModel = { ...workshop, constraints: [...workshop.constraints, { name: "many", sense: ">=", rhs: 100, terms: [{ variable: "chairs", coefficient: 1 }] }] };
    const solution = await solveWithHighs(infeasible);
    expect(solution.status).toBe("infeasible");
    expect(solution.values.size).toBe(0);
    expect(Number.isNaN(solution.objective)).toBe(true);
  });

  it("refuses names the file formats cannot carry, duplicates, undeclared variables and bad bounds", () => {
    const bad = (change: Partial<MipModel>) => () => validateModel({ ...workshop, ...change });
    expect(bad({ variables: [...workshop.variables, { name: "e12", type: "integer", lower: 0, upper: 1 }] })).toThrow(/variable name "e12"/);
    expect(bad({ variables: [...workshop.variables, { name: "has space", type: "integer", lower: 0, upper: 1 }] })).toThrow(MipModelError);
    expect(bad({ variables: [...workshop.variables, { name: "obj", type: "integer", lower: 0, upper: 1 }] })).toThrow(/"obj"/);
    expect(bad({ variables: [...workshop.variables, { name: "chairs", type: "integer", lower: 0, upper: 1 }] })).toThrow(/declared twice/);
    expect(bad({ variables: [{ name: "chairs", type: "binary", lower: 0, upper: 2 }, workshop.variables[1]!] })).toThrow(/outside \[0, 1\]/);
    expect(bad({ variables: [{ name: "chairs", type: "integer", lower: 3, upper: 2 }, workshop.variables[1]!] })).toThrow(/bounds \[3, 2\]/);
    expect(bad({ objective: [{ variable: "stools", coefficient: 1 }] })).toThrow(/undeclared variable "stools"/);
    expect(bad({ objective: [{ variable: "chairs", coefficient: Number.NaN }] })).toThrow(/coefficient NaN/);
    expect(bad({ constraints: [{ name: "c", sense: "<=", rhs: Infinity, terms: [] }] })).toThrow(/right-hand side/);
  });

  it("writes every variable and its bounds into both files", () => {
    const lp = writeLp(workshop);
    expect(lp).toContain("Maximize");
    expect(lp).toMatch(/carpentry: \+ 1 chairs \+ 2 tables <= 40/);
    expect(lp).toMatch(/Generals\n chairs tables/);
    const mps = writeMps(workshop);
    expect(mps).toMatch(/MINIMISES the negated objective/);
    expect(mps).toMatch(/chairs obj -30/);
    expect(mps).toMatch(/PL BND tables/);
  });

  it.skipIf(!hasCbc)("CBC finds the same optimum from the .lp and the .mps file", () => {
    for (const format of ["lp", "mps"] as const) {
      const cbc = solveWithCbc(workshop, format);
      expect(cbc.status).toBe("Optimal");
      expect(sameObjective(cbc.objective, 1100)).toBe(true);
    }
  });
});

/** A random small bounded MIP: integer variables in [lo, hi], ≤ and ≥ rows, some continuous. */
const smallMip = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    m: fc.integer({ min: 1, max: 3 }),
    maximize: fc.boolean(),
    seedCoefficients: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 4 * 4 + 4, maxLength: 4 * 4 + 4 }),
    rhs: fc.array(fc.integer({ min: -3, max: 12 }), { minLength: 3, maxLength: 3 }),
    senses: fc.array(fc.constantFrom("<=" as const, ">=" as const), { minLength: 3, maxLength: 3 }),
    uppers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ n, m, maximize, seedCoefficients, rhs, senses, uppers }): MipModel => {
    const names = Array.from({ length: n }, (_, j) => `x${j}`);
    return {
      name: "random",
      sense: maximize ? "maximize" : "minimize",
      objective: names.map((variable, j) => ({ variable, coefficient: seedCoefficients[j]! / 2 })),
      variables: names.map((name, j) => ({ name, type: "integer", lower: 0, upper: uppers[j]! })),
      constraints: Array.from({ length: m }, (_, i) => ({
        name: `r${i}`,
        sense: senses[i]!,
        rhs: rhs[i]!,
        terms: names.map((variable, j) => ({ variable, coefficient: seedCoefficients[4 + 4 * i + j]! })),
      })),
    };
  });

/** Every integer point in the box: the optimum by enumeration, or undefined when none is feasible. */
function bruteForce(model: MipModel): number | undefined {
  let best: number | undefined;
  const values = new Map<string, number>();
  const visit = (j: number): void => {
    if (j === model.variables.length) {
      const feasible = model.constraints.every((c) => {
        const lhs = c.terms.reduce((sum, t) => sum + t.coefficient * values.get(t.variable)!, 0);
        return c.sense === "<=" ? lhs <= c.rhs : c.sense === ">=" ? lhs >= c.rhs : lhs === c.rhs;
      });
      if (!feasible) return;
      const value = objectiveValue(model, values);
      if (best === undefined || (model.sense === "maximize" ? value > best : value < best)) best = value;
      return;
    }
    const v = model.variables[j]!;
    for (let x = v.lower; x <= v.upper; x++) {
      values.set(v.name, x);
      visit(j + 1);
    }
  };
  visit(0);
  return best;
}

describe("HiGHS against enumeration and CBC on random small MIPs", () => {
  it("HiGHS's optimum is the brute-force optimum, and infeasible exactly when no point is feasible", async () => {
    await fc.assert(
      fc.asyncProperty(smallMip, async (model) => {
        const expected = bruteForce(model);
        const solution = await solveWithHighs(model);
        if (expected === undefined) expect(solution.status).toBe("infeasible");
        else {
          expect(solution.status).toBe("optimal");
          expect(sameObjective(solution.objective, expected)).toBe(true);
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it.skipIf(!hasCbc)("CBC solving the written .lp and .mps files finds the same optimum (1e-6)", async () => {
    await fc.assert(
      fc.asyncProperty(smallMip, async (model) => {
        const highs = await solveWithHighs(model);
        for (const format of ["lp", "mps"] as const) {
          const cbc = solveWithCbc(model, format);
          if (highs.status === "infeasible") expect(cbc.status).toMatch(/infeasible/i);
          else expect(sameObjective(cbc.objective, highs.objective)).toBe(true);
        }
      }),
      { numRuns: 15, seed: 12 },
    );
  });
});
