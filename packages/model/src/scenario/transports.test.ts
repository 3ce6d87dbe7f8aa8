import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioTextIssues } from "../testing/scenario-issues.js";
import { parseScenario } from "./load.js";

const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
const demoText = readFileSync(demoFile, "utf8");

const SECTION = `
transports:
  transfers:
    - { from: drammen-sykehus, to: rikshospitalet, perYear: 900, urgentShare: 0.2 }
  booked:
    rate: { per1000PerYear: 20 }
    destinations: [drammen-sykehus]
  vehicleMissions: { sick-transport: [booked] }
  minFreeAmbulances: 2
`;

const withSection = (section: string) => `${demoText}${section}`;
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;

const issuesOf = (text: string) => scenarioTextIssues(text, dirname(demoFile));

describe("the transports section", () => {
  it("is accepted as documented and absent by default", () => {
    expect(parseScenario(demoText, "demo.yaml", dirname(demoFile)).transports).toBeUndefined();
    const scenario = parseScenario(withSection(SECTION), "demo.yaml", dirname(demoFile));
    expect(scenario.transports?.transfers[0]).toMatchObject({ from: "drammen-sykehus", perYear: 900 });
    expect(scenario.transports?.booked?.rate).toEqual({ per1000PerYear: 20 });
  });

  it.each([
    ["an unknown hospital", SECTION.replace("to: rikshospitalet", "to: rikshospital"), "transports.transfers[0].to", "perYear: 900", 'unknown hospital "rikshospital"'],
    ["a legevakt as booked destination", SECTION.replace("destinations: [drammen-sykehus]", "destinations: [drammen-legevakt]"), "transports.booked.destinations[0]", "destinations: [drammen-legevakt]", 'unknown hospital "drammen-legevakt"'],
    ["a transfer to the same hospital", SECTION.replace("to: rikshospitalet", "to: drammen-sykehus"), "transports.transfers[0].to", "perYear: 900", "another hospital"],
    ["a negative rate", SECTION.replace("perYear: 900", "perYear: -5"), "transports.transfers[0].perYear", "perYear: -5", ""],
    ["a share above 1", SECTION.replace("urgentShare: 0.2", "urgentShare: 1.5"), "transports.transfers[0].urgentShare", "urgentShare: 1.5", ""],
    ["an unknown mission class", SECTION.replace("sick-transport: [booked]", "sick-transport: [emergency]"), "transports.vehicleMissions.sick-transport[0]", "vehicleMissions", ""],
    ["a misspelt field", SECTION.replace("minFreeAmbulances: 2", "minFreeAmbulance: 2"), "transports.minFreeAmbulance", "minFreeAmbulance: 2", 'unknown field "minFreeAmbulance"'],
    ["a fractional readiness count", SECTION.replace("minFreeAmbulances: 2", "minFreeAmbulances: 1.5"), "transports.minFreeAmbulances", "minFreeAmbulances: 1.5", ""],
    ["an all-zero profile", `${SECTION}  profile: { hourOfDay: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }\n`, "transports.profile.hourOfDay", "hourOfDay: [0, 0", "every weight is zero"],
  ])("rejects %s with file, line and field", (_, section, field, lineNeedle, message) => {
    const text = withSection(section);
    const issue = issuesOf(text).find((candidate) => candidate.field === field);
    expect(issue, JSON.stringify(issuesOf(text))).toBeDefined();
    expect(issue).toMatchObject({ file: "demo.yaml", line: lineOf(text, lineNeedle) });
    expect(issue!.message).toContain(message);
  });
});
