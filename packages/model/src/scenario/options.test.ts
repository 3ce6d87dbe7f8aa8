import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioTextIssues } from "../testing/scenario-issues.js";
import { buildLocations, locationIndexById } from "../locations/locations.js";
import { parseScenario } from "./load.js";

/** Checks of the options of issue 13 (tie-break, speed factors, truncated distributions, arrival window, report, country). */
const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
const demoText = readFileSync(demoFile, "utf8");

const issuesOf = (text: string) => scenarioTextIssues(text, dirname(demoFile));

describe("scenario options", () => {
  it("leaves every new option out of a scenario that does not name it", () => {
    const scenario = parseScenario(demoText, "demo.yaml", dirname(demoFile));
    expect(scenario.policies.dispatch.tieBreak).toBeUndefined();
    expect(scenario.travel.normalSpeedFactor).toBeUndefined();
    expect(scenario.times.onScene.red).toEqual({ kind: "gamma", mean: 22, sd: 10, unit: "min" });
  });

  it("checks the dispatch tie-break and the normal speed factor", () => {
    expect(issuesOf(demoText.replace("crossBorder: nearest", "crossBorder: nearest\n    tieBreak: oldest"))[0]).toMatchObject({ field: "policies.dispatch.tieBreak" });
    expect(issuesOf(demoText.replace("  emergencySpeedFactor: 1.2", "  emergencySpeedFactor: 1.2\n  normalSpeedFactor: 0"))[0]).toMatchObject({ field: "travel.normalSpeedFactor" });
  });

  it("checks shift and truncation bounds of a distribution", () => {
    const red = "red: { kind: gamma, mean: 22, sd: 10, unit: min }";
    expect(issuesOf(demoText.replace(red, "red: { kind: gamma, mean: 22, sd: 10, unit: min, min: 30, max: 20 }"))[0]).toMatchObject({ field: "times.onScene.red.max" });
    expect(issuesOf(demoText.replace(red, "red: { kind: fixed, value: 5, unit: min, shift: -6 }"))[0]).toMatchObject({ field: "times.onScene.red.value" });
    expect(issuesOf(demoText.replace(red, "red: { kind: gamma, mean: 22, sd: 10, unit: min, cap: 20 }"))[0]!.message).toContain('unknown field "cap"');
    const ok = parseScenario(demoText.replace(red, "red: { kind: lognormal, mean: 39.77, sd: 15.68, unit: min, shift: -10.01, max: 88 }"), "demo.yaml", dirname(demoFile));
    expect(ok.times.onScene.red).toMatchObject({ shift: -10.01, max: 88 });
  });

  it("checks the arrival window against the run", () => {
    const withWindow = (window: string) => demoText.replace("  profile:\n    hourOfDay", `  window: ${window}\n  profile:\n    hourOfDay`);
    expect(issuesOf(withWindow("{ startHour: 10, endHour: 5 }"))[0]).toMatchObject({ field: "demand.window.endHour" });
    expect(issuesOf(withWindow("{ endHour: 700 }"))[0]!.message).toContain("after the end of the run");
    expect(issuesOf(withWindow("{ endHour: 24 }"))[0]!.message).toContain("warm-up");
    expect(parseScenario(withWindow("{ endHour: 60 }"), "demo.yaml", dirname(demoFile)).demand.window).toEqual({ startHour: 0, endHour: 60 });
  });

  it("checks the report options", () => {
    expect(issuesOf(`${demoText}\nreport:\n  utilisation: { fromHour: 10 }\n`)[0]!.message).toContain("inside the warm-up");
    expect(issuesOf(`${demoText}\nreport:\n  utilisation: { toHour: 1000 }\n`)[0]!.message).toContain("after the end of the run");
    expect(issuesOf(`${demoText}\nreport:\n  responsePercentiles: [50, 100]\n`)[0]).toMatchObject({ field: "report.responsePercentiles[1]" });
    expect(issuesOf(`${demoText}\nreport:\n  responseThresholdsMin: []\n`)[0]).toMatchObject({ field: "report.responseThresholdsMin" });
    const ok = parseScenario(`${demoText}\nreport:\n  responseThresholdsMin: [8, 12, 15, 25]\n  responsePercentiles: [50, 90, 95]\n  utilisation: { includeReturn: false, fromHour: 48, toHour: 600 }\n  perReplication: true\n  queueFigures: true\n`, "demo.yaml", dirname(demoFile));
    expect(ok.report?.responseThresholdsMin).toEqual([8, 12, 15, 25]);
  });

  it("checks Norwegian area codes by default and takes another country's own codes", () => {
    const foreign = demoText.replace('code: "3312", name: Lier', 'code: "NL-UTR", name: Lier').replaceAll('"3312"', '"NL-UTR"');
    const [issue] = issuesOf(foreign);
    expect(issue).toMatchObject({ field: "areas[1].code" });
    expect(issue!.message).toContain("metadata.country is NO");
    const dutch = parseScenario(foreign.replace("  warmUpDays: 2", "  warmUpDays: 2\n  country: NL\n  timeZone: Europe/Amsterdam"), "demo.yaml", dirname(demoFile));
    expect(dutch.areas[1]!.code).toBe("NL-UTR");
    expect(dutch.zones.filter((zone) => zone.area === "NL-UTR")).toHaveLength(3);
    expect(issuesOf(demoText.replace("  warmUpDays: 2", "  warmUpDays: 2\n  timeZone: Europe/Drammen"))[0]).toMatchObject({ field: "metadata.timeZone" });
    expect(issuesOf(demoText.replace("  warmUpDays: 2", "  warmUpDays: 2\n  country: nl"))[0]).toMatchObject({ field: "metadata.country" });
  });

  it("lets a station or destination stand at a zone: its position and location are the zone's", () => {
    const text = demoText
      .replace('{ id: st-lier, name: "Lier ambulansestasjon", lat: 59.7880, lon: 10.2450, owner: vv }', "{ id: st-lier, name: Lier ambulansestasjon, zone: lier-lierbyen, owner: vv }")
      .replace(/- id: drammen-legevakt\n(\s+)name: "Drammen legevakt"\n\s+kind: legevakt\n\s+lat: [0-9.]+\n\s+lon: [0-9.]+/, "- id: drammen-legevakt\n$1name: Drammen legevakt\n$1kind: legevakt\n$1zone: drm-bragernes");
    expect(text).toContain("zone: drm-bragernes");
    const scenario = parseScenario(text, "demo.yaml", dirname(demoFile));
    const zone = scenario.zones.find((z) => z.id === "lier-lierbyen")!;
    expect(scenario.stations.find((s) => s.id === "st-lier")).toMatchObject({ lat: zone.lat, lon: zone.lon, zone: "lier-lierbyen" });
    const locations = buildLocations(scenario);
    const indexOf = locationIndexById(locations);
    expect(locations).toHaveLength(buildLocations(parseScenario(demoText, "demo.yaml", dirname(demoFile))).length - 2);
    expect(indexOf.get("st-lier")).toBe(scenario.zones.indexOf(zone));
    expect(indexOf.get("drammen-legevakt")).toBe(scenario.zones.findIndex((z) => z.id === "drm-bragernes"));
    expect(locations.some((location) => location.id === "st-lier")).toBe(false);
    expect(issuesOf(text.replace("zone: lier-lierbyen", "zone: lier-nowhere"))[0]).toMatchObject({ field: "stations[1].zone" });
    expect(issuesOf(text.replace("zone: lier-lierbyen, ", ""))[0]!.message).toContain("give lat and lon, or the zone");
  });
});
