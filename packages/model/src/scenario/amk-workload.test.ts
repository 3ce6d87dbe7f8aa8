import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioTextIssues } from "../testing/scenario-issues.js";
import { parseScenario } from "./load.js";

// The AMK workload fields (amkCentres[].callTypes, telephoneGuidance, background, otherWork,
// afterCallWork, offPhone, absence, repeatCalls): bad
// values are rejected with file, line and field.
const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
const demoText = readFileSync(demoFile, "utf8");
const anchor = "      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n";
const withAmkLines = (lines: string[]) => demoText.replace(anchor, `${anchor}${lines.map((line) => `    ${line}\n`).join("")}`);
const lineAfterAnchor = (k: number) => demoText.split("\n").findIndex((line) => `${line}\n` === anchor) + 2 + k;

const issuesOf = (text: string) => scenarioTextIssues(text, dirname(demoFile));

describe("AMK workload fields", () => {
  it("accepts every field and leaves them out by default", () => {
    const plain = parseScenario(demoText, "demo.yaml", dirname(demoFile));
    expect(plain.amkCentres[0]!.background).toBeUndefined();
    const full = parseScenario(
      withAmkLines([
        "callTypes:",
        "  advice: { share: 0.3, talk: { kind: lognormal, mean: 3, sd: 2, unit: min } }",
        "  abandoned: { share: 0.1, talk: { kind: fixed, value: 15, unit: s } }",
        "telephoneGuidance: { redShare: 0.3, duration: { kind: exponential, mean: 4, unit: min } }",
        "background: { callsPerYear: 60000, source: ASSUMPTION }",
        "otherWork:",
        "  missionFollowUp: { kind: exponential, mean: 1, unit: min }",
        "  tasks: [{ id: orders, perYear: 20000, duration: { kind: exponential, mean: 2, unit: min } }]",
        "afterCallWork:",
        "  dispatch: { kind: lognormal, mean: 1, sd: 0.5, unit: min }",
        "  advice: { kind: fixed, value: 20, unit: s }",
        "offPhone: { share: 0.15, source: ASSUMPTION }",
        "absence: { share: 0.05 }",
        "repeatCalls: { share: 0.04, talk: { kind: lognormal, mean: 40, sd: 20, unit: s } }",
      ]),
      "demo.yaml",
      dirname(demoFile),
    );
    expect(full.amkCentres[0]!.otherWork?.tasks[0]?.id).toBe("orders");
    expect(full.amkCentres[0]!.afterCallWork?.referral).toBeUndefined();
    // rotationMin's documented default.
    expect(full.amkCentres[0]!.offPhone).toEqual({ share: 0.15, rotationMin: 60, source: "ASSUMPTION" });
    expect(plain.amkCentres[0]!.afterCallWork).toBeUndefined();
    expect(plain.amkCentres[0]!.offPhone).toBeUndefined();
    expect(plain.amkCentres[0]!.absence).toBeUndefined();
    expect(full.amkCentres[0]!.absence?.share).toBe(0.05);
    // extraCalls' and withinMin's documented defaults.
    expect(full.amkCentres[0]!.repeatCalls).toMatchObject({ share: 0.04, extraCalls: 1, withinMin: 5 });
    expect(plain.amkCentres[0]!.repeatCalls).toBeUndefined();
  });

  it("rejects bad after-call work, time off the phone, absence and repeat calls with file, line and field", () => {
    expect(issuesOf(withAmkLines(["afterCallWork:", "  dispach: { kind: fixed, value: 20, unit: s }"]))[0]).toMatchObject({ file: "demo.yaml", field: "amkCentres[0].afterCallWork.dispach", line: lineAfterAnchor(1) });
    expect(issuesOf(withAmkLines(["afterCallWork:", "  advice: { kind: exponential, mean: -1, unit: min }"]))[0]).toMatchObject({ field: "amkCentres[0].afterCallWork.advice.mean", line: lineAfterAnchor(1) });
    expect(issuesOf(withAmkLines(["afterCallWork:", "  referral: { kind: fixed, value: 20, unit: s, min: 30, max: 10 }"]))[0]).toMatchObject({ field: "amkCentres[0].afterCallWork.referral.max", line: lineAfterAnchor(1) });
    expect(issuesOf(withAmkLines(["offPhone: { share: 0.95 }"]))[0]).toMatchObject({ field: "amkCentres[0].offPhone.share", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines(["offPhone: { share: 0.2, rotationMin: 0 }"]))[0]).toMatchObject({ field: "amkCentres[0].offPhone.rotationMin", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines(["offPhone: { share: 0.2, rotationMin: 0.5 }"]))[0]).toMatchObject({ field: "amkCentres[0].offPhone.rotationMin", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines(["absence: { share: 1.2 }"]))[0]).toMatchObject({ file: "demo.yaml", field: "amkCentres[0].absence.share", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines(["absence: { share: 0.1, perShift: 2 }"]))[0]).toMatchObject({ field: expect.stringContaining("amkCentres[0].absence"), line: lineAfterAnchor(0) });
    const talk = "talk: { kind: fixed, value: 30, unit: s }";
    expect(issuesOf(withAmkLines([`repeatCalls: { share: 1.5, ${talk} }`]))[0]).toMatchObject({ field: "amkCentres[0].repeatCalls.share", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines([`repeatCalls: { share: 0.1, extraCalls: 0, ${talk} }`]))[0]).toMatchObject({ field: "amkCentres[0].repeatCalls.extraCalls", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines([`repeatCalls: { share: 0.1, extraCalls: 1.5, ${talk} }`]))[0]).toMatchObject({ field: "amkCentres[0].repeatCalls.extraCalls", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines([`repeatCalls: { share: 0.1, withinMin: 0, ${talk} }`]))[0]).toMatchObject({ field: "amkCentres[0].repeatCalls.withinMin", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines(["repeatCalls:", "  share: 0.1", "  talk: { kind: exponential, mean: 0, unit: s }"]))[0]).toMatchObject({ field: "amkCentres[0].repeatCalls.talk.mean", line: lineAfterAnchor(2) });
    expect(issuesOf(withAmkLines(["repeatCalls: { share: 0.1 }"]))[0]).toMatchObject({ field: "amkCentres[0].repeatCalls.talk", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines(["offPhone: { shares: 0.2 }"]))[0]).toMatchObject({ field: expect.stringContaining("amkCentres[0].offPhone"), line: lineAfterAnchor(0) });
  });

  it("rejects a share above 1 with its line", () => {
    const [issue] = issuesOf(withAmkLines(["callTypes:", "  advice: { share: 1.3, talk: { kind: fixed, value: 60, unit: s } }"]));
    expect(issue).toMatchObject({ file: "demo.yaml", field: "amkCentres[0].callTypes.advice.share", line: lineAfterAnchor(1) });
  });

  it("rejects shares that leave nothing for dispatch calls", () => {
    const [issue] = issuesOf(withAmkLines(["callTypes:", "  advice: { share: 0.6, talk: { kind: fixed, value: 60, unit: s } }", "  referral: { share: 0.4, talk: { kind: fixed, value: 60, unit: s } }"]));
    // The line of the mapping under callTypes:, where the shares are.
    expect(issue).toMatchObject({ field: "amkCentres[0].callTypes", line: lineAfterAnchor(1) });
    expect(issue!.message).toContain("above 0 for calls that send a unit");
  });

  it("rejects a misspelt call type, a negative volume and a bad distribution", () => {
    expect(issuesOf(withAmkLines(["callTypes:", "  advise: { share: 0.3, talk: { kind: fixed, value: 60, unit: s } }"]))[0]).toMatchObject({ field: "amkCentres[0].callTypes.advise", line: lineAfterAnchor(1) });
    expect(issuesOf(withAmkLines(["background: { callsPerYear: -5 }"]))[0]).toMatchObject({ field: "amkCentres[0].background.callsPerYear", line: lineAfterAnchor(0) });
    expect(issuesOf(withAmkLines(["telephoneGuidance: { redShare: 0.2, duration: { kind: exponential, mean: 0, unit: min } }"]))[0]).toMatchObject({ field: "amkCentres[0].telephoneGuidance.duration.mean", line: lineAfterAnchor(0) });
  });

  it("rejects duplicate task ids and an all-zero profile", () => {
    const task = "{ id: orders, perYear: 100, duration: { kind: fixed, value: 60, unit: s } }";
    expect(issuesOf(withAmkLines(["otherWork:", `  tasks: [${task}, ${task}]`]))[0]).toMatchObject({ field: "amkCentres[0].otherWork.tasks[1].id", line: lineAfterAnchor(1) });
    const zeros = `[${new Array(24).fill(0).join(", ")}]`;
    expect(issuesOf(withAmkLines([`background: { callsPerYear: 100, profile: { hourOfDay: ${zeros} } }`]))[0]).toMatchObject({ field: "amkCentres[0].background.profile.hourOfDay", line: lineAfterAnchor(0) });
  });
});
