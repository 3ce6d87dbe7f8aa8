import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioTextIssues } from "../testing/scenario-issues.js";
import { parseScenario } from "./load.js";

const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
const demoText = readFileSync(demoFile, "utf8");
const lineOf = (needle: string) => demoText.split("\n").findIndex((line) => line.includes(needle)) + 1;

const issuesOf = (text: string) => scenarioTextIssues(text, dirname(demoFile));

describe("loading a scenario", () => {
  it("accepts the demo and expands vehicle counts", () => {
    const scenario = parseScenario(demoText, "demo.yaml", dirname(demoFile));
    expect(scenario.vehicles.map((vehicle) => vehicle.id)).toContain("drm-amb-5");
    expect(scenario.vehicles.find((vehicle) => vehicle.id === "lier-amb")).toMatchObject({ owner: "vv", dispatchedBy: "amk-vv" });
    expect(scenario.policies.waiting).toEqual({ name: "priority-fcfs", whenNoneFree: "queue" });
  });

  it("names file, line and field of an unknown field", () => {
    const text = demoText.replace("  emergencySpeedFactor: 1.2", "  emergencySpeedFactor: 1.2\n  emergencySpeedFacter: 2");
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ file: "demo.yaml", field: "travel.emergencySpeedFacter", line: lineOf("emergencySpeedFactor: 1.2") + 1, column: 3 });
    expect(issue!.message).toContain('unknown field "emergencySpeedFacter"');
  });

  it("names the field and expected type of a wrong type", () => {
    const [issue] = issuesOf(demoText.replace("durationDays: 28", 'durationDays: "four weeks"'));
    expect(issue).toMatchObject({ field: "metadata.durationDays", line: lineOf("durationDays: 28") });
    expect(issue!.message).toMatch(/expected number, got "four weeks"/);
  });

  it("rejects a reference to a station that does not exist, with the known ones", () => {
    const [issue] = issuesOf(demoText.replace("{ id: lier-amb, type: ambulance, station: st-lier }", "{ id: lier-amb, type: ambulance, station: st-liar }"));
    expect(issue).toMatchObject({ field: "vehicles[2].station", line: lineOf("id: lier-amb") });
    expect(issue!.message).toContain('unknown station "st-liar"');
    expect(issue!.message).toContain('"st-lier"');
  });

  it("rejects a zone in an area that does not exist", () => {
    const [issue] = issuesOf(demoText.replace('{ id: lier-sylling, area: "3312"', '{ id: lier-sylling, area: "3313"'));
    expect(issue).toMatchObject({ field: "zones[10].area", line: lineOf("id: lier-sylling") });
  });

  it("rejects overlapping shifts and empty shifts", () => {
    const overlapping = demoText.replace('shifts: [{ days: weekdays, start: "08:00", end: "20:00" }]', 'shifts: [{ days: weekdays, start: "08:00", end: "20:00" }, { days: [fri], start: "19:00", end: "23:00" }]');
    expect(issuesOf(overlapping)[0]).toMatchObject({ field: "vehicles[1].shifts[1]" });
    expect(issuesOf(overlapping)[0]!.message).toContain("overlaps shifts[0]");
    const empty = demoText.replace('start: "08:00", end: "20:00"', 'start: "08:00", end: "08:00"');
    expect(issuesOf(empty)[0]!.message).toContain("empty shift");
  });

  it("rejects negative rates and empty demand", () => {
    expect(issuesOf(demoText.replace("red: { per1000PerYear: 43.5 }", "red: { per1000PerYear: -1 }"))[0]).toMatchObject({ field: "demand.rates.red.per1000PerYear" });
    const empty = demoText.replace("red: { per1000PerYear: 43.5 }", "red: { per1000PerYear: 0 }").replace("yellow: { per1000PerYear: 58 }", "yellow: { per1000PerYear: 0 }").replace("green: { per1000PerYear: 43.5 }", "green: { per1000PerYear: 0 }");
    expect(issuesOf(empty)[0]!.message).toContain("empty demand");
  });

  it("rejects an area that no AMK dispatches, and one dispatched twice", () => {
    expect(issuesOf(demoText.replace('areas: ["3301", "3312"]', 'areas: ["3301"]'))[0]!.message).toContain('area "3312" is dispatched by no AMK');
    expect(issuesOf(demoText.replace('areas: ["3301", "3312"]', 'areas: ["3301", "3312", "3301"]'))[0]!.message).toContain("already dispatched");
  });

  it("rejects probabilities that add up to more than one, and capabilities no hospital has", () => {
    expect(issuesOf(demoText.replace("green: { treatedOnSceneProbability: 0.1, legevaktProbability: 0.2 }", "green: { treatedOnSceneProbability: 0.9, legevaktProbability: 0.2 }"))[0]).toMatchObject({ field: "patientPaths.green" });
    expect(issuesOf(demoText.replace("capabilityProbabilities: { pci: 0.08 }", "capabilityProbabilities: { burns: 0.08 }"))[0]!.message).toContain('no hospital offers capability "burns"');
  });

  it("reports YAML syntax errors with their line", () => {
    const [issue] = issuesOf(demoText.replace("durationDays: 28", "durationDays: [28"));
    expect(issue!.message).toMatch(/^YAML syntax/);
    expect(issue!.line).toBeGreaterThan(0);
  });

  it("reports every problem at once, not only the first", () => {
    const text = demoText.replace("durationDays: 28", "durationDays: -28").replace("emergencySpeedFactor: 1.2", "emergencySpeedFactor: 0.5");
    expect(issuesOf(text).map((issue) => issue.field).sort()).toEqual(["metadata.durationDays", "travel.emergencySpeedFactor"]);
  });

  it("requires a supported version", () => {
    expect(issuesOf(demoText.replace("version: 1", "version: 2"))[0]).toMatchObject({ field: "version", line: 5 });
  });
});

describe("demand profile and source checks", () => {
  it("rejects a day-of-week profile of zeros even when the hours are fine, naming that field", () => {
    const [issue] = issuesOf(demoText.replace("dayOfWeek: [1, 1, 1, 1, 1.05, 1.1, 1.1]", "dayOfWeek: [0, 0, 0, 0, 0, 0, 0]"));
    expect(issue).toMatchObject({ field: "demand.profile.dayOfWeek", line: lineOf("dayOfWeek:") });
  });

  it("rejects a source that metadata.sources does not list", () => {
    const [issue] = issuesOf(demoText.replace("source: vv-legebil }", "source: rumour }"));
    expect(issue).toMatchObject({ field: "vehicles[4].source" });
    expect(issue!.message).toContain('unknown source "rumour"');
  });

  it("rejects 24:00 as a shift start", () => {
    expect(issuesOf(demoText.replace('start: "08:00", end: "20:00"', 'start: "24:00", end: "20:00"'))[0]!.field).toBe("vehicles[1].shifts[0].start");
  });
});
