import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, readScenarioChain } from "@akutt/model";
import { scenarioIssuesOf as issuesOf } from "@akutt/model/testing";
import { findRepoRoot, loadMunicipalityProjection, resolveDataDir } from "@akutt/geo";
import { ProjectionData, ProjectionInputError, projectScenario } from "./project-scenario.js";
import { projectionOverlay } from "./overlay-yaml.js";

const dataDir = resolveDataDir();
const hasData = existsSync(join(dataDir, "population/kommune-projection-2025-2050.csv"));
if (!hasData) console.warn(`projection tests skipped: no population/kommune-projection-2025-2050.csv in ${dataDir} (set AKUTT_DATA_DIR)`);

const demoDir = resolve(findRepoRoot(), "scenarios/demo");
const demoText = readFileSync(join(demoDir, "demo.yaml"), "utf8");
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;
const parse = (text: string) => parseScenario(text, "demo.yaml", demoDir);
const locatorOf = (text: string) => readScenarioChain(join(demoDir, "demo.yaml"), "demo.yaml", text);

describe("projection settings in the scenario: bad values are rejected with file, line and field", () => {
  it("an age group list that does not start at age 0", () => {
    const text = `${demoText}\nprojection:\n  ageRates:\n    groups: [{ fromAge: 5, relativeRate: 1 }]\n    basis: "test"\n`;
    const [issue] = issuesOf(() => parse(text));
    expect(issue).toMatchObject({ file: "demo.yaml", field: "projection.ageRates.groups[0].fromAge", line: lineOf(text, "fromAge: 5") });
    expect(issue!.message).toContain("fromAge 0");
  });

  it("age groups out of order, a negative rate, an unknown field", () => {
    const text = `${demoText}\nprojection:\n  ageRates:\n    groups:\n      - { fromAge: 0, relativeRate: 1 }\n      - { fromAge: 80, relativeRate: 4 }\n      - { fromAge: 67, relativeRate: -2 }\n    basis: "test"\n  baseyear: 2025\n`;
    const issues = issuesOf(() => parse(text));
    expect(issues.map((issue) => issue.field)).toEqual(expect.arrayContaining(["projection.ageRates.groups[2].relativeRate", "projection.baseyear"]));
    expect(issues.find((issue) => issue.field === "projection.baseyear")!.line).toBe(lineOf(text, "baseyear"));
  });

  it("a duplicate alternative id and a per-head growth outside −10 % to 20 % a year", () => {
    const text = `${demoText}\nprojection:\n  alternatives:\n    - { id: low, label: "Low", perHeadGrowthPerYear: 0, basis: "x" }\n    - { id: low, label: "Again", perHeadGrowthPerYear: 3, basis: "y" }\n`;
    const issues = issuesOf(() => parse(text));
    expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: "projection.alternatives[1].perHeadGrowthPerYear", line: lineOf(text, "Again") })]));
    expect(issues.some((issue) => issue.field === "projection.alternatives[1].id" && issue.message.includes('duplicate alternative id "low"'))).toBe(true);
  });
});

describe.skipIf(!hasData)("projecting a scenario: bad requests", () => {
  it("a year outside the projection file is refused, naming the years it covers", () => {
    expect(() => projectScenario(parse(demoText), { year: 2060, dataDir })).toThrow(ProjectionInputError);
    expect(() => projectScenario(parse(demoText), { year: 2060, dataDir })).toThrow(/year 2060: the population projection covers 2025–2050/);
    expect(() => projectScenario(parse(demoText), { year: 2035.5, dataDir })).toThrow(/year 2035.5/);
  });

  it("a base year outside the file points at projection.baseYear", () => {
    const text = `${demoText}\nprojection:\n  baseYear: 2019\n`;
    expect(() => projectScenario(parse(text), { year: 2035, dataDir })).toThrow(/projection.baseYear 2019: the population projection covers 2025–2050/);
  });

  it("an unknown alternative is refused with the scenario's alternatives", () => {
    expect(() => projectScenario(parse(demoText), { year: 2035, alternative: "medium", dataDir })).toThrow(/unknown projection alternative "medium"; the scenario has "population", "activity-3pct", "activity-4pct"/);
  });

  it("an area in no known municipality is named with its file, line and field", () => {
    const text = demoText.replaceAll('"3312"', '"9998"');
    const issues = issuesOf(() => projectScenario(parse(text), { year: 2035, dataDir, locator: locatorOf(text) }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "demo.yaml", field: "areas[1].code", line: lineOf(text, 'code: "9998"') });
    expect(issues[0]!.message).toContain('no municipality "9998"');
  });

  it("an areaMunicipality mapping to an unknown municipality points at the mapping", () => {
    const text = `${demoText}\nprojection:\n  areaMunicipality: { "3312": "9997" }\n`;
    const [issue] = issuesOf(() => projectScenario(parse(text), { year: 2035, dataDir, locator: locatorOf(text) }));
    expect(issue).toMatchObject({ field: "projection.areaMunicipality.3312", line: lineOf(text, "areaMunicipality") });
  });
});

describe.skipIf(!hasData)("projecting the demo scenario", () => {
  it("grows each area with its municipality's projection and says the age structure is held at 2026's", () => {
    const scenario = parse(demoText);
    const result = projectScenario(scenario, { year: 2035, dataDir });
    const table = loadMunicipalityProjection(dataDir);
    const lier = result.areas.find((area) => area.areaCode === "3312")!;
    expect(lier.populationRatio).toBeCloseTo(table.byCode.get("3312")!.get(2035)! / table.byCode.get("3312")!.get(2025)!, 12);
    expect(result.baseYear).toBe(2025);
    expect(result.flatAgeRates).toBe(false);
    expect(result.notes.en.join(" ")).toContain("Age structure held at 2026's");
    expect(result.notes.nb.join(" ")).toContain("Alderssammensetningen holdes som i 2026");
    expect(result.patch.growthFactor).toBe(1);
  });

  it("writes an overlay that loads to the same scenario as the in-memory projection", () => {
    const scenario = parse(demoText);
    const result = projectScenario(scenario, { year: 2050, alternative: "activity-3pct", data: ProjectionData.load(dataDir) });
    const overlay = projectionOverlay(result, "demo.yaml");
    const loaded = parseScenario(overlay, "demo-2050.yaml", demoDir);
    expect(loaded.demand.areaRates).toEqual(result.scenario.demand.areaRates);
    expect(loaded.demand.growthFactor).toBe(result.scenario.demand.growthFactor);
    expect(result.perHeadMultiplier).toBeCloseTo(Math.pow(1.017, 25), 12);
    expect(overlay).toContain("Age structure held at 2026's");
  });

  it("scales transports and AMK background work too, says so in both languages, and the overlay loads to exactly the projected scenario", () => {
    const text = `${demoText.replace('    areas: ["3301", "3312"]\n', '    areas: ["3301", "3312"]\n    background: { callsPerYear: 40000, source: "test" }\n    otherWork:\n      missionFollowUp: { kind: fixed, value: 1, unit: min }\n      tasks: [{ id: orders, perYear: 6000, duration: { kind: fixed, value: 3, unit: min } }]\n')}
transports:
  transfers:
    - { from: drammen-sykehus, to: rikshospitalet, perYear: 900, urgentShare: 0.3 }
    - { from: rikshospitalet, to: drammen-sykehus, perYear: 700 }
  booked: { rate: { per1000PerYear: 25 }, destinations: [drammen-sykehus] }
  minFreeAmbulances: 1
`;
    // The base on disk, so the overlay can extend it (the demo names no files of its own).
    const dir = mkdtempSync(join(tmpdir(), "akutt-projection-"));
    writeFileSync(join(dir, "base.yaml"), text);
    const scenario = parseScenario(text, "base.yaml", dir);
    const result = projectScenario(scenario, { year: 2050, alternative: "activity-3pct", data: ProjectionData.load(dataDir) });
    const factor = result.patch.workload!.factors.transports;
    // The stated factor: the projected emergency incidents a year over today's.
    const emergencyPerYear = (s: typeof scenario) =>
      s.areas.reduce((sum, area) => {
        const population = s.zones.filter((zone) => zone.area === area.code).reduce((total, zone) => total + (zone.population ?? 0), 0);
        return sum + Object.values(s.demand.areaRates[area.code] ?? s.demand.rates).reduce((total, rate) => total + ("perYear" in rate ? rate.perYear : (rate.per1000PerYear * population) / 1000), 0);
      }, 0) * s.demand.growthFactor;
    const todayRates = { ...scenario, demand: { ...scenario.demand, areaRates: Object.fromEntries(scenario.areas.map((area) => [area.code, scenario.demand.rates])) } };
    expect(factor).toBeCloseTo(emergencyPerYear(result.scenario) / emergencyPerYear(todayRates), 6);
    expect(factor).toBeGreaterThan(result.perHeadMultiplier);
    expect(result.scenario.transports!.transfers.map((route) => route.perYear / 900)[0]).toBeCloseTo(factor, 6);
    // The AMK answers both areas; with one rate per 1,000 everywhere, its factor is their population ratios weighted by population.
    const amkFactor = result.patch.workload!.factors.amk["amk-vv"]!;
    const populationOf = (code: string) => scenario.zones.filter((zone) => zone.area === code).reduce((total, zone) => total + (zone.population ?? 0), 0);
    const weightedRatio = result.areas.reduce((sum, area) => sum + populationOf(area.areaCode) * area.populationRatio, 0) / result.areas.reduce((sum, area) => sum + populationOf(area.areaCode), 0);
    expect(amkFactor).toBeCloseTo(weightedRatio * result.perHeadMultiplier, 10);
    expect(result.scenario.amkCentres[0]!.background!.callsPerYear / 40000).toBeCloseTo(amkFactor, 6);
    expect(result.scenario.amkCentres[0]!.otherWork!.tasks[0]!.perYear / 6000).toBeCloseTo(amkFactor, 6);
    expect(result.notes.en.join(" ")).toContain(`Transfers and booked transports × ${factor.toFixed(3)}`);
    expect(result.notes.nb.join(" ")).toContain("AMK-bakgrunnsanrop og andre oppgaver: amk-vv ×");
    expect(result.notes.en.at(-1)).toContain('Alternative "activity-3pct"');

    const overlay = projectionOverlay(result, "base.yaml");
    const loaded = parseScenario(overlay, "base-2050.yaml", dir);
    rmSync(dir, { recursive: true });
    // Everything but the list of files read (the overlay's base was read from disk).
    expect({ ...loaded, sourceFiles: [] }).toEqual({ ...result.scenario, sourceFiles: [] });
    expect(loaded.transports).not.toEqual(scenario.transports);
  });
});
