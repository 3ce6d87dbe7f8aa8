import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadComparisonFile } from "@akutt/model";
import { findRepoRoot } from "@akutt/geo";
import { buildComparison, type FleetAddition } from "@akutt/analysis";
import { comparisonInput } from "./comparison-input.js";
import { runComparison } from "./compare-runs.js";
import { searchFleet, type FleetTrial } from "./fleet-search.js";

const candidate = (stationId: string, shift: "day" | "roundTheClock"): FleetAddition => ({ stationId, stationName: stationId, shift, ambulanceHoursPerYear: shift === "day" ? 4380 : 8760 });

describe("searchFleet (greedy, bounded)", () => {
  // By construction: the rule is met once station b has 8,760 added hours; station a's hours help half as much; day shifts count their hours.
  const evaluate = async (added: FleetAddition[]): Promise<FleetTrial> => {
    const at = (station: string) => added.filter((x) => x.stationId === station).reduce((sum, x) => sum + x.ambulanceHoursPerYear, 0);
    const shortfall = Math.max(0, 8760 - at("b") - 0.5 * at("a"));
    return { met: at("b") >= 8760, shortfall };
  };
  const candidates = [candidate("a", "day"), candidate("a", "roundTheClock"), candidate("b", "day"), candidate("b", "roundTheClock")];

  it("returns the fewest hours that meet the rule", async () => {
    const result = await searchFleet(candidates, 4, evaluate);
    expect(result.met).toBe(true);
    expect(result.added).toEqual([candidate("b", "roundTheClock")]);
    // The empty set, then one step over four candidates, where b round the clock meets the rule.
    expect(result.trials).toBe(5);
  });

  it("prefers the cheapest addition that meets the rule over a bigger improvement", async () => {
    const result = await searchFleet([candidate("b", "day")], 3, async (added) => ({ met: added.length >= 2, shortfall: 2 - added.length }));
    expect(result.added).toEqual([candidate("b", "day"), candidate("b", "day")]);
    expect(result.met).toBe(true);
  });

  it("stops after maxSteps, and when no candidate helps, with at most 1 + maxSteps × candidates trials", async () => {
    const never = await searchFleet(candidates, 2, async (added) => ({ met: false, shortfall: 10 - added.length }));
    expect(never.met).toBe(false);
    expect(never.added).toHaveLength(2);
    expect(never.trials).toBe(1 + 2 * candidates.length);
    const useless = await searchFleet(candidates, 3, async () => ({ met: false, shortfall: 5 }));
    expect(useless.added).toEqual([]);
    expect(useless.trials).toBe(1 + candidates.length);
  });

  it("adds nothing when the alternative already meets the rule", async () => {
    const result = await searchFleet(candidates, 3, async () => ({ met: true, shortfall: 0 }));
    expect(result).toEqual({ added: [], met: true, trials: 1 });
  });
});

describe("fleet needed on a small scenario (answer known by construction)", () => {
  it("finds that removing Svelvik's round-the-clock ambulance needs one round-the-clock ambulance back at Svelvik", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-fleet-"));
    const demo = resolve(findRepoRoot(), "scenarios/demo/demo.yaml");
    // Svelvik as its own area, so its loss is not diluted in Drammen's figures; 14 days keep the test quick.
    writeFileSync(
      join(dir, "base.yaml"),
      `version: 1\nextends: ${JSON.stringify(demo)}\nmetadata: { durationDays: 14, warmUpDays: 1 }\nareas:\n  - { code: "3319", name: Svelvik, class: tettbygd, responsibleOrganisation: vv, population: 17013 }\nzones:\n  - { id: drm-svelvik, area: "3319" }\namkCentres:\n  - { id: amk-vv, areas: ["3301", "3312", "3319"] }\n`,
    );
    writeFileSync(join(dir, "alt.yaml"), `version: 1\nextends: base.yaml\nmetadata: { name: "Without Svelvik's ambulance" }\nvehicles:\n  - { id: svelvik-amb, remove: true }\n`);
    writeFileSync(
      join(dir, "comparison.yaml"),
      `comparison: 1\nname: fleet\nbaseline: { id: today, label: Today, file: base.yaml }\nalternatives:\n  - { id: less, label: Less, file: alt.yaml }\nreplications: 6\nseed: 3\nfocusAreas: ["3319", "3301"]\nfleetNeeded:\n  alternatives: [less]\n  searchReplications: 4\n  maxSteps: 3\n  stations: { less: [st-drammen, st-svelvik] }\n`,
    );
    const progress: string[] = [];
    const comparison = loadComparisonFile(dir);
    const runs = await runComparison(comparison, { sensitivity: false, onFleetProgress: (line) => progress.push(line) });
    const [fleet] = runs.fleetNeeded;
    expect(fleet!.added.map(({ stationId, shift }) => ({ stationId, shift }))).toEqual([{ stationId: "st-svelvik", shift: "roundTheClock" }]);
    expect(fleet!.added[0]!.ambulanceHoursPerYear).toBe(8760);
    expect(fleet!.searchMet).toBe(true);
    // The empty set fails; one step over 2 stations × 2 shifts finds the answer.
    expect(fleet!.trials).toBe(5);
    // The confirming run uses all replications.
    expect(fleet!.confirm.variantKpis).toHaveLength(6);
    expect(fleet!.confirm.baselineKpis).toHaveLength(6);
    expect(progress.some((line) => line.includes("step 1"))).toBe(true);
    // The report: confirmed on all replications, the hours and no cost without cost parameters.
    const row = buildComparison(comparisonInput(comparison, runs)).fleetNeeded[0]!;
    expect(row).toMatchObject({ variantId: "less", addedAmbulanceHoursPerYear: 8760, addedCostPerYear: null, confirmed: true, confirmReplications: 6, searchReplications: 4 });
    expect(row.areas.map((area) => area.areaCode)).toEqual(["3319", "3301"]);
  }, 120_000);
});
