import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioTextIssues } from "../testing/scenario-issues.js";
import { parseScenario } from "./load.js";

const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
const PROFILE_LINE = "    dayOfWeek: [1, 1, 1, 1, 1.05, 1.1, 1.1]\n";
/** The demo with lines added under `demand`. */
const withDemand = (lines: string) => readFileSync(demoFile, "utf8").replace(PROFILE_LINE, PROFILE_LINE + lines);
const lineIn = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;

const issuesOf = (text: string) => scenarioTextIssues(text, dirname(demoFile));

describe("demand.multiUnit and demand.jointOperations", () => {
  it("are absent by default and accepted with documented defaults", () => {
    const plain = parseScenario(withDemand(""), "demo.yaml", dirname(demoFile));
    expect(plain.demand.multiUnit).toBeUndefined();
    expect(plain.demand.jointOperations).toBeUndefined();
    const text = withDemand('  multiUnit:\n    red: { units: { "2": 0.06, "3": 0.01 } }\n  jointOperations:\n    share: { red: 0.05 }\n    extraOnScene: { kind: lognormal, mean: 15, sd: 10, unit: min }\n');
    const scenario = parseScenario(text, "demo.yaml", dirname(demoFile));
    expect(scenario.demand.multiUnit).toMatchObject({ red: { units: { "2": 0.06, "3": 0.01 } }, extraTransportProbability: 0 });
    expect(scenario.demand.jointOperations?.share).toEqual({ red: 0.05, yellow: 0, green: 0 });
  });

  it("rejects a share above 1 with file, line and field", () => {
    const text = withDemand('  multiUnit:\n    red: { units: { "2": 1.5 } }\n');
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ file: "demo.yaml", field: "demand.multiUnit.red.units.2", line: lineIn(text, '"2": 1.5') });
  });

  it("rejects shares that add up to more than 1", () => {
    const text = withDemand('  multiUnit:\n    yellow: { units: { "2": 0.7, "3": 0.4 } }\n');
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ file: "demo.yaml", field: "demand.multiUnit.yellow.units", line: lineIn(text, '"3": 0.4') });
    expect(issue!.message).toContain("more than 1");
  });

  it("rejects a number of units outside 2 to 9 and an unknown field", () => {
    const text = withDemand('  multiUnit:\n    red: { units: { "1": 0.1 } }\n');
    expect(issuesOf(text)[0]).toMatchObject({ field: expect.stringContaining("demand.multiUnit.red.units"), line: lineIn(text, '"1": 0.1') });
    const typo = withDemand("  multiUnit:\n    extraTransportProbabilty: 0.5\n");
    expect(issuesOf(typo)[0]).toMatchObject({ field: "demand.multiUnit.extraTransportProbabilty", line: lineIn(typo, "extraTransportProbabilty") });
  });

  it("rejects a joint-operation share outside [0, 1], a missing extra time, a bad distribution and an unknown source", () => {
    const share = withDemand("  jointOperations:\n    share: { red: -0.05 }\n    extraOnScene: { kind: fixed, value: 10, unit: min }\n");
    expect(issuesOf(share)[0]).toMatchObject({ file: "demo.yaml", field: "demand.jointOperations.share.red", line: lineIn(share, "red: -0.05") });
    const missing = withDemand("  jointOperations:\n    share: { red: 0.05 }\n");
    expect(issuesOf(missing)[0]).toMatchObject({ field: "demand.jointOperations.extraOnScene" });
    const bounds = withDemand("  jointOperations:\n    share: { red: 0.05 }\n    extraOnScene: { kind: lognormal, mean: 15, sd: 10, unit: min, min: 20, max: 10 }\n");
    expect(issuesOf(bounds)[0]).toMatchObject({ field: "demand.jointOperations.extraOnScene.max", line: lineIn(bounds, "extraOnScene") });
    const source = withDemand('  jointOperations:\n    share: { red: 0.05 }\n    extraOnScene: { kind: fixed, value: 10, unit: min }\n    source: "no-such-source"\n');
    expect(issuesOf(source)[0]).toMatchObject({ field: "demand.jointOperations.source", line: lineIn(source, "no-such-source") });
  });
});
