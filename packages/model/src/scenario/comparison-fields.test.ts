import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioIssuesOf } from "../testing/scenario-issues.js";
import { loadComparisonFile } from "./comparison.js";

const HEAD = 'comparison: 1\nname: "x"\nbaseline: { id: today, label: Today, file: base.yaml }\nalternatives:\n  - { id: "2", label: "Alt. 2", file: alt-2.yaml }\n';

/** The issues of loading a comparison file with `tail` appended to a valid head. */
function issuesOf(tail: string) {
  const dir = mkdtempSync(join(tmpdir(), "akutt-comparison-fields-"));
  writeFileSync(join(dir, "comparison.yaml"), HEAD + tail);
  return scenarioIssuesOf(() => loadComparisonFile(dir));
}

describe("comparison.yaml: factors, fleetNeeded and cost fields are checked with file, line and field", () => {
  it("factors for an alternative that does not exist", () => {
    const [issue] = issuesOf('factors:\n  alternatives:\n    "9": { organisation: x.yaml }\n');
    expect(issue).toMatchObject({ line: 8, field: "factors.alternatives.9" });
    expect(issue!.file).toMatch(/comparison\.yaml$/);
    expect(issue!.message).toContain('unknown alternative "9"');
  });

  it("factors naming no factor, an unknown factor, and too few replications", () => {
    expect(issuesOf('factors:\n  alternatives:\n    "2": {}\n')[0]).toMatchObject({ line: 8, field: "factors.alternatives.2" });
    expect(issuesOf('factors:\n  alternatives:\n    "2": { staff: x.yaml }\n')[0]).toMatchObject({ line: 8, field: "factors.alternatives.2.staff" });
    expect(issuesOf('factors:\n  replications: 1\n  alternatives:\n    "2": { resources: x.yaml }\n')[0]).toMatchObject({ line: 7, field: "factors.replications" });
  });

  it("fleetNeeded: unknown alternative, bad bounds, unknown shift, stations of an unknown alternative", () => {
    expect(issuesOf('fleetNeeded:\n  alternatives: ["2", "7"]\n')[0]).toMatchObject({ line: 7, field: "fleetNeeded.alternatives[1]" });
    expect(issuesOf('fleetNeeded:\n  alternatives: ["2"]\n  maxSteps: 40\n')[0]).toMatchObject({ line: 8, field: "fleetNeeded.maxSteps" });
    expect(issuesOf('fleetNeeded:\n  alternatives: ["2"]\n  searchReplications: 1\n')[0]).toMatchObject({ line: 8, field: "fleetNeeded.searchReplications" });
    expect(issuesOf('fleetNeeded:\n  alternatives: ["2"]\n  shifts: [night]\n')[0]).toMatchObject({ line: 8, field: "fleetNeeded.shifts[0]" });
    expect(issuesOf('fleetNeeded:\n  alternatives: ["2"]\n  stations: { "5": [st-a] }\n')[0]).toMatchObject({ line: 8, field: "fleetNeeded.stations.5" });
  });

  it("optimisation.fleet: the iteration's maxIterations and the check's replications are whole numbers in bounds; the fixed busyFraction is gone", () => {
    const fleet = (field: string) => `optimisation:\n  siteAreas: ["3201"]\n  fleet:\n    ${field}\n`;
    for (const bad of ["maxIterations: 0", "maxIterations: 11", "maxIterations: 2.5", 'maxIterations: "4"', "replications: 1", "replications: 101"]) {
      const [issue] = issuesOf(fleet(bad));
      expect(issue, bad).toMatchObject({ line: 9, field: `optimisation.fleet.${bad.split(":")[0]}` });
      expect(issue!.file).toMatch(/comparison\.yaml$/);
    }
    // The busy fraction is measured in the simulation now (docs/optimisation.md "Keeping today's level").
    expect(issuesOf(fleet("busyFraction: 0.3"))[0]).toMatchObject({ line: 9, field: "optimisation.fleet.busyFraction" });
    const dir = mkdtempSync(join(tmpdir(), "akutt-comparison-fields-"));
    writeFileSync(join(dir, "comparison.yaml"), HEAD + fleet("replications: 3"));
    expect(loadComparisonFile(dir).optimisation?.fleet).toMatchObject({ replications: 3, maxIterations: 4 });
  });

  it("replications are bounded: the main runs and the projections at most 1,000", () => {
    expect(issuesOf("replications: 5000\n")[0]).toMatchObject({ line: 6, field: "replications" });
    expect(issuesOf("projections:\n  years: [2035]\n  replications: 100000\n")[0]).toMatchObject({ line: 8, field: "projections.replications" });
  });

  it("costs: a transition line for an unknown variant, a negative amount, a reference without its year", () => {
    const costs = 'costs:\n  ambulanceHour: 1\n  stationYear: 1\n  amkOperatorHour: 1\n  source: s\n';
    expect(issuesOf(`${costs}  transition:\n    - { variants: ["2", "4"], item: x, amount: 1, source: s }\n`)[0]).toMatchObject({ line: 12, field: "costs.transition[0].variants[1]" });
    expect(issuesOf(`${costs}  transition:\n    - { variants: ["2"], item: x, amount: -1, source: s }\n`)[0]).toMatchObject({ line: 12, field: "costs.transition[0].amount" });
    expect(issuesOf(`${costs}  reference: { totalCost: 8.8e9, fte: 5030, productiveHoursPerFte: 1650, crewPerAmbulance: 2, source: s }\n`)[0]).toMatchObject({ line: 11, field: "costs.reference.year" });
  });
});
