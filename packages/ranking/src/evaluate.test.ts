import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRepoRoot, loadComparisonFile, loadScenarioFile } from "@akutt/model";
import { estimate } from "@akutt/analysis";
import { simulateScenario } from "@akutt/runs";
import { evaluatePlans, planUnits, RankInputError, threadRunner, type PlanInput } from "./evaluate.js";
import { rankingToJson } from "./rank.js";
import { rankingFiles } from "./save.js";

const DEMO = resolve(findRepoRoot(), "scenarios/demo/demo.yaml");
const dir = mkdtempSync(join(tmpdir(), "akutt-rank-"));
const overlay = (body: string) => `extends: ${DEMO}\n${body}`;
const PLANS: PlanInput[] = [
  { id: "move-lier", label: "Lier moved north", file: join(dir, "move-lier.yaml"), text: overlay("stations:\n  - { id: st-lier, lat: 59.80, lon: 10.26 }\n") },
  { id: "plus-one", label: "One more ambulance in Lier", file: join(dir, "plus-one.yaml"), text: overlay("vehicles:\n  - { id: lier-amb, count: 2 }\n") },
];
const SETTINGS = { seed: 7, replications: 3 };
const twoThreads = threadRunner(2);
afterAll(() => twoThreads.close());

describe("evaluatePlans", () => {
  it("gives byte-identical rankings whatever the threads and unit size, and today's figures are the base scenario's", async () => {
    const oneThread = threadRunner(1);
    let single: string;
    try {
      single = rankingToJson(await evaluatePlans(DEMO, PLANS, { ...SETTINGS, runner: oneThread }));
    } finally {
      await oneThread.close();
    }
    const progress: number[] = [];
    const split = rankingToJson(await evaluatePlans(DEMO, PLANS, { ...SETTINGS, runner: twoThreads, unitReplications: 1, onProgress: (done) => progress.push(done) }));
    expect(split).toBe(single);
    expect(progress.at(-1)).toBe(9);

    const ranking = JSON.parse(single) as ReturnType<typeof JSON.parse>;
    const { kpis } = await simulateScenario(loadScenarioFile(DEMO), SETTINGS);
    const today = ranking.plans.find((plan: { id: string }) => plan.id === "today");
    expect(today.shareWithinTarget).toEqual(estimate(kpis.map((k) => k.overall[0]!.shareWithinTarget), 0.95, "share"));
    expect(today.responseMedianSec).toEqual(estimate(kpis.map((k) => k.overall[0]!.responseMedianSec), 0.95, "nonNegative"));
    // One more ambulance in Lier, on the same incidents: ranked above today.
    const plusOne = ranking.plans.find((plan: { id: string }) => plan.id === "plus-one");
    expect(plusOne.rank).toBeLessThan(today.rank);
  });

  it("writes the chosen plan as an overlay that loads as the plan and a comparison.yaml beside it", async () => {
    const ranking = await evaluatePlans(DEMO, PLANS, { ...SETTINGS, runner: twoThreads });
    const out = join(dir, "out");
    mkdirSync(out, { recursive: true });
    const files = rankingFiles(out, DEMO, PLANS, ranking);
    for (const file of files) writeFileSync(join(out, file.name), file.text);
    expect(files.map((file) => file.name)).toEqual(["ranking.json", "ranking.md", "ranking.en.md", "ranking.txt", "move-lier.plan.yaml", "plus-one.plan.yaml", "chosen.yaml", "comparison.yaml"]);
    const chosen = PLANS.find((plan) => plan.id === ranking.best)!;
    writeFileSync(chosen.file, chosen.text);
    const saved = loadScenarioFile(join(out, "chosen.yaml"));
    const original = loadScenarioFile(chosen.file);
    expect(saved.stations).toEqual(original.stations);
    expect(saved.vehicles).toEqual(original.vehicles);
    const comparison = loadComparisonFile(out);
    expect([comparison.baseline.file, comparison.alternatives.map((variant) => variant.id)]).toEqual([relative(out, DEMO), [ranking.best]]);
    expect(files.find((file) => file.name === "ranking.md")!.text).toContain("Bonferroni");
  });

  it("refuses bad requests before simulating anything", async () => {
    const run = (plans: PlanInput[], settings = SETTINGS) => evaluatePlans(DEMO, plans, { ...settings, runner: twoThreads });
    await expect(run(PLANS, { seed: 7, replications: 1 })).rejects.toThrow(RankInputError);
    await expect(run([PLANS[0]!, { ...PLANS[1]!, id: "move-lier" }])).rejects.toThrow(/two plans have the id/);
    await expect(run([{ ...PLANS[0]!, id: "today" }])).rejects.toThrow(/base scenario's id/);
    await expect(run([{ ...PLANS[0]!, id: "../x" }])).rejects.toThrow(/plan id/);
    const other = resolve(findRepoRoot(), "scenarios/validation/mmc.yaml");
    await expect(run([{ ...PLANS[0]!, text: `extends: ${other}\n` }])).rejects.toThrow(/does not extend the base scenario/);
    await expect(run([{ ...PLANS[0]!, text: overlay("vehicles:\n  - { id: lier-amb, station: nowhere }\n") }])).rejects.toThrow(/unknown station "nowhere"/);
  });
});

describe("planUnits", () => {
  it("cuts every plan's replications into units that cover each replication once", () => {
    const plans = [{ id: "a", file: DEMO, text: null }, ...PLANS];
    for (const parallelism of [1, 2, 8, 64]) {
      const units = planUnits(DEMO, plans, { seed: 1, replications: 7, parallelism });
      expect(units.length).toBeGreaterThanOrEqual(Math.min(2 * parallelism, 7 * plans.length) / 2);
      for (const plan of plans) {
        const covered = units.filter((unit) => unit.planId === plan.id).flatMap((unit) => Array.from({ length: unit.toReplication - unit.fromReplication }, (_, i) => unit.fromReplication + i));
        expect(covered).toEqual([0, 1, 2, 3, 4, 5, 6]);
      }
    }
  });
});
