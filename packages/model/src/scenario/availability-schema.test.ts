import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioIssuesOf } from "../testing/scenario-issues.js";
import { parseScenario } from "./load.js";

const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
const demoText = readFileSync(demoFile, "utf8");
const demoLines = demoText.split("\n").length;

const GOOD = [
  "availability:",
  "  cleaning:",
  "    transported: { probability: 0.3, duration: { kind: lognormal, mean: 15, sd: 5, unit: min } }",
  "    treatedOnScene: { probability: 0.1, duration: { kind: fixed, value: 10, unit: min } }",
  "  breaks: { durationMin: 30, windowStartHours: 3, windowEndHours: 7 }",
  "  endOfShift: { lastMinutes: 30 }",
  "  outOfService: { ratePer1000Hours: 2, duration: { kind: lognormal, mean: 4, sd: 3, unit: h } }",
  "  vehicleTypes:",
  "    doctor-car: { cleaning: { transported: { probability: 0, duration: { kind: fixed, value: 0, unit: min } }, treatedOnScene: { probability: 0, duration: { kind: fixed, value: 0, unit: min } } } }",
];

/** The demo with the availability lines appended; `line` of GOOD[k] is demoLines + k. */
function parse(lines: string[]) {
  return parseScenario(`${demoText}${demoText.endsWith("\n") ? "" : "\n"}${lines.join("\n")}\n`, "demo.yaml", dirname(demoFile));
}

const issuesOf = (lines: string[]) => scenarioIssuesOf(() => parse(lines));

const lineOf = (lines: string[], needle: string) => demoLines + lines.findIndex((line) => line.includes(needle)) - (demoText.endsWith("\n") ? 1 : 0) + 1;

describe("the availability section", () => {
  it("is absent by default and read with its defaults when given", () => {
    expect(parseScenario(demoText, "demo.yaml", dirname(demoFile)).availability).toBeUndefined();
    const availability = parse(GOOD).availability!;
    expect(availability.cleaning).toMatchObject({ where: "mission-end", interruptibleByRed: false });
    expect(availability.breaks).toMatchObject({ minShiftHours: 8, interruptibleByRed: true });
    expect(availability.crewChanges).toEqual(["07:00", "19:00"]);
    expect(Object.keys(availability.vehicleTypes)).toEqual(["doctor-car"]);
  });

  it.each([
    ["probability: 0.3", "probability: 1.3", "availability.cleaning.transported.probability"],
    ["where", "", "availability.cleaning.where"],
    ["windowEndHours: 7", "windowEndHours: 2", "availability.breaks.windowEndHours"],
    ["durationMin: 30", "durationMin: -5", "availability.breaks.durationMin"],
    ["lastMinutes: 30", "lastMinutes: 0", "availability.endOfShift.lastMinutes"],
    ["ratePer1000Hours: 2", "ratePer1000Hours: -1", "availability.outOfService.ratePer1000Hours"],
    ["doctor-car:", "", "availability.vehicleTypes.lorry"],
  ])("rejects a bad value (%s → %s) with file, line and field", (needle, replacement, field) => {
    let lines = GOOD.map((line) => (line.includes(needle) ? line.replace(needle, replacement) : line));
    if (field.endsWith(".where")) lines = [...GOOD.slice(0, 4), "    where: at-the-car-wash", ...GOOD.slice(4)];
    if (field.endsWith(".lorry")) lines = [...GOOD.slice(0, 8), "    lorry: { endOfShift: { lastMinutes: 10 } }"];
    const issue = issuesOf(lines).find((candidate) => candidate.field.startsWith(field));
    expect(issue, JSON.stringify(issuesOf(lines))).toBeDefined();
    expect(issue!.file).toBe("demo.yaml");
    const expectedLine = field.endsWith(".where") ? lineOf(lines, "where:") : field.endsWith(".lorry") ? lineOf(lines, "lorry:") : lineOf(lines, replacement);
    expect(issue!.line).toBe(expectedLine);
  });

  it("rejects an unknown field in it", () => {
    const lines = [...GOOD, "  lunchBreaks: true"];
    const [issue] = issuesOf(lines);
    expect(issue).toMatchObject({ file: "demo.yaml", field: "availability.lunchBreaks", line: lineOf(lines, "lunchBreaks") });
  });
});
