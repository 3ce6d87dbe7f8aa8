import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/geo";
import { akuttAsync } from "../testing/akutt-process.js";

const DEMO = resolve(findRepoRoot(), "scenarios/demo/demo.yaml");

/** A small comparison on the demo: today, and an alternative with a new station "st-new" whose site is optimised. */
function demoComparison(optimisation: string): string {
  const dir = mkdtempSync(join(tmpdir(), "akutt-compare-opt-"));
  copyFileSync(DEMO, join(dir, "base.yaml"));
  writeFileSync(
    join(dir, "alt.yaml"),
    'version: 1\nextends: base.yaml\nstations:\n  - { id: st-new, name: "New station", lat: 59.7400, lon: 10.2000, owner: vv }\nvehicles:\n  - { id: new-amb, type: ambulance, station: st-new, count: 1 }\n',
  );
  writeFileSync(
    join(dir, "comparison.yaml"),
    [
      "comparison: 1",
      "name: Demo with a new station",
      "baseline: { id: today, label: Today, file: base.yaml }",
      "alternatives:",
      '  - { id: "new", label: "New station", file: alt.yaml }',
      "replications: 2",
      "seed: 3",
      "sensitivity:",
      "  stationSites:",
      "    station: st-new",
      '    variants: ["new"]',
      "    sites:",
      "      - { name: Strømsø, lat: 59.7400, lon: 10.2000 }",
      "      - { name: Mjøndalen, lat: 59.7490, lon: 10.0200 }",
      optimisation,
      "",
    ].join("\n"),
  );
  return dir;
}

interface Estimate {
  mean: number | null;
}

describe("akutt compare: the optimisation section", () => {
  it("sites the new station by MIP among the allowed zones, simulates it against the hand-picked sites, and gives every variant the standby plan", async () => {
    // The fleet MIP with two coverage levels and the demo's crew changes (08, 20), small enough for a test.
    const dir = demoComparison('optimisation:\n  replications: 2\n  sitingPlans: 2\n  siteAreas: ["3301"]\n  fleet:\n    replications: 2\n    maxIterations: 2\n    coverageLevels: 2\n    shifts: [{ id: d12, lengthH: 12, startHours: [8, 20] }]');
    const out = join(dir, "out");
    const result = await akuttAsync("compare", dir, "--no-sensitivity", "--out", out, "--language", "en");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "comparison.json"), "utf8"));
    const section = report.optimisation;
    expect(section.siting).toHaveLength(1);
    const siting = section.siting[0];
    expect(siting).toMatchObject({ variantId: "new", stationId: "st-new", owner: "vv", siteAreas: ["3301"], replications: 2 });
    // Every zone of Drammen (3301) is a candidate: the demo has 8.
    const demoText = readFileSync(DEMO, "utf8");
    expect(siting.candidateZones).toBe([...demoText.matchAll(/area: "3301"/g)].length);
    const sources = siting.sites.map((site: { source: string }) => site.source).sort();
    expect(sources).toEqual(["default", "hand-picked", "mip", "mip"]);
    const mip = siting.sites.filter((site: { source: string }) => site.source === "mip").sort((a: { mipRank: number }, b: { mipRank: number }) => a.mipRank - b.mipRank);
    // The next-best plan never beats the optimum (a no-good cut only removes plans), and each is a zone of Drammen.
    expect(mip[0].mipObjective).toBeGreaterThanOrEqual(mip[1].mipObjective);
    expect(mip[0].mipObjective).toBeGreaterThan(0);
    expect(mip[0].mipObjective).toBeLessThanOrEqual(1);
    for (const site of mip) expect(demoText).toContain(`{ id: ${site.zoneId}, area: "3301"`);
    expect(siting.sites.map((site: { simulatedRank: number }) => site.simulatedRank).sort()).toEqual([1, 2, 3, 4]);
    // Common random numbers: the default site is the alternative itself, so its figures are the main run's.
    const overall = (variantId: string): Estimate => report.overall.find((row: { urgency: string }) => row.urgency === "red").variants.find((v: { variantId: string }) => v.variantId === variantId).figures.shareWithinTarget;
    const defaultSite = siting.sites.find((site: { source: string }) => site.source === "default");
    expect(defaultSite.shareWithinTarget.mean).toBe(overall("new").mean);
    expect(defaultSite.vsDefault).toBeNull();
    for (const site of siting.sites.filter((s: { source: string }) => s.source !== "default")) {
      expect(site.vsDefault.shareWithinTarget.mean).toBeCloseTo(site.shareWithinTarget.mean - defaultSite.shareWithinTarget.mean, 5);
    }
    // Every variant with and without the standby plan; "without" is the main run's variant.
    expect(section.standby.map((row: { variantId: string }) => row.variantId)).toEqual(["today", "new"]);
    for (const row of section.standby) {
      expect(row).toMatchObject({ policy: "dynamic-mexclp", replacedPolicy: "return-home", replications: 2 });
      expect(row.without.shareWithinTarget.mean).toBe(overall(row.variantId).mean);
      expect(row.difference.shareWithinTarget.mean).toBeCloseTo(row.with.shareWithinTarget.mean - row.without.shareWithinTarget.mean, 5);
    }
    // All the variants with the plan against the baseline with it: the "with" figures of the factor rows.
    const together = section.standbyComparison;
    expect(together.variants.map((row: { variantId: string }) => row.variantId)).toEqual(["today", "new"]);
    expect(together.variants[0].vsBaseline).toBeNull();
    for (const row of together.variants) expect(row.shareWithinTarget.mean).toBe(section.standby.find((factor: { variantId: string }) => factor.variantId === row.variantId).with.shareWithinTarget.mean);
    expect(together.variants[1].vsBaseline.shareWithinTarget.mean).toBeCloseTo(together.variants[1].shareWithinTarget.mean - together.variants[0].shareWithinTarget.mean, 5);
    // The fleet each alternative needs to keep today's level: the demo's 7 round-the-clock and 2 weekday
    // day ambulances today (1,296 h a week), the alternative one more; its plans simulated against today.
    const fleet = section.fleet;
    expect(fleet).toMatchObject({ todayHoursPerWeek: 1296, replications: 2, maxIterations: 2, areaStep: 0.25, coverageLevels: 2, shifts: [{ id: "d12", lengthH: 12, startHours: [8, 20] }] });
    // Today's busy fraction measured in its simulation, by hour of the day.
    expect(fleet.busyFractionToday).toHaveLength(24);
    for (const q of fleet.busyFractionToday) expect(q > 0 && q < 1).toBe(true);
    expect(fleet.variants.map((row: { variantId: string }) => row.variantId)).toEqual(["new"]);
    const planned = fleet.variants[0];
    // (Targets may be lowered: two coverage levels reach little at the busy fraction a thin first plan measures.)
    expect(planned).toMatchObject({ rosteredHoursPerWeek: 1296 + 168 });
    type Iteration = { iteration: number; status: string; planHoursPerWeek: number; busyFraction: { lowest: number; highest: number }; measuredBusyFraction: { lowest: number; highest: number } | null; keeps: boolean | null; repeatOf: number | null; simulated: { shareWithinTarget: Estimate; vsToday: { shareWithinTarget: Estimate }; areas: unknown[] } | null };
    const iterations: Iteration[] = planned.iterations;
    expect(iterations.length).toBeGreaterThanOrEqual(1);
    expect(iterations.length).toBeLessThanOrEqual(2);
    // The first plan assumes today's measured busy fraction, each later one the fraction its predecessor's simulation measured.
    expect(iterations[0]!).toMatchObject({ iteration: 1, status: "optimal", busyFraction: { lowest: Math.min(...fleet.busyFractionToday), highest: Math.max(...fleet.busyFractionToday) } });
    for (let k = 1; k < iterations.length; k++) expect(iterations[k]!.busyFraction).toEqual(iterations[k - 1]!.measuredBusyFraction);
    for (const iteration of iterations.filter((it) => it.simulated !== null)) {
      expect(iteration.simulated!.areas.length).toBeGreaterThan(0);
      expect(iteration.simulated!.vsToday.shareWithinTarget.mean).toBeCloseTo(iteration.simulated!.shareWithinTarget.mean! - overall("today").mean!, 5);
    }
    // Stops at the first confirmed plan, else after two plans or at a repeat; the shown plan is the one by station.
    const last = iterations[iterations.length - 1]!;
    if (planned.confirmedIteration !== null) expect([planned.stop, last.keeps, last.iteration, planned.shownIteration]).toEqual(["confirmed", true, planned.confirmedIteration, planned.confirmedIteration]);
    else expect(iterations.length === 2 && ["max-iterations", "repeated"].includes(planned.stop)).toBe(true);
    const shown = iterations.find((it) => it.iteration === planned.shownIteration)!;
    expect(shown.planHoursPerWeek).toBe(planned.stations.reduce((sum: number, station: { planHoursPerWeek: number }) => sum + station.planHoursPerWeek, 0));
    // In every report form.
    expect(readFileSync(join(out, "comparison.md"), "utf8")).toContain("Optimisation: best site of st-new"); // --language en
    expect(readFileSync(join(out, "comparison.html"), "utf8")).toContain("Optimering: optimert beredskapsplan gitt til alle varianter");
    const english = readFileSync(join(out, "comparison.en.html"), "utf8");
    expect(english).toContain("Optimisation: best site of st-new");
    expect(english).toContain(`MIP no. 1`);
    expect(english).toContain("Optimisation: the fleet MIP&#39;s plans simulated against today");
    expect(english).toContain("Optimisation: the fleet MIP iterated with the simulation, plan by plan");
    expect(readFileSync(join(out, "comparison.md"), "utf8")).toContain("Optimisation: the fleet each alternative needs to keep every area at today's level (fleet MIP)");
    expect(result.stdout).toContain("Optimisation: an optimised standby plan given to every variant");
    expect(result.stdout).toContain("Optimisation: the alternatives against today, all with the optimised standby plan");

    const skipped = await akuttAsync("compare", dir, "--no-sensitivity", "--no-optimise", "--json");
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).optimisation).toBeNull();
  }, 300_000);

  it("rejects a bad optimisation section or option with file, line, field and exit code 2 before simulating", async () => {
    const field = await akuttAsync("compare", demoComparison('optimisation:\n  replications: 1\n  siteAreas: ["3301"]'));
    expect(field.code).toBe(2);
    expect(field.stderr).toMatch(/comparison\.yaml:\d+:\d+: optimisation\.replications: /);
    const missing = await akuttAsync("compare", demoComparison("optimisation:\n  replications: 2"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/comparison\.yaml:\d+:\d+: optimisation\.siteAreas: /);
    const area = await akuttAsync("compare", demoComparison('optimisation:\n  siteAreas: ["9999"]'));
    expect(area.code).toBe(2);
    expect(area.stderr).toContain('optimisation.siteAreas: "9999" not among the scenario\'s areas');
    const without = await akuttAsync("compare", demoComparison('optimisation:\n  siteAreas: ["3301"]'), "--without", "multi-unit");
    expect(without.code).toBe(2);
    expect(without.stderr).toContain("add --no-optimise");
    const flag = await akuttAsync("compare", demoComparison('optimisation:\n  siteAreas: ["3301"]'), "--no-optimise=yes");
    expect(flag.code).toBe(2);
    const iterations = await akuttAsync("compare", demoComparison('optimisation:\n  siteAreas: ["3301"]\n  fleet:\n    maxIterations: 0'));
    expect(iterations.code).toBe(2);
    expect(iterations.stderr).toMatch(/comparison\.yaml:\d+:\d+: optimisation\.fleet\.maxIterations: /);
    for (const result of [field, missing, area, without, flag, iterations]) expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 240_000);
});
