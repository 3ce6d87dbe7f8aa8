import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../errors/scenario-error.js";
import { loadScenarioFile } from "./load.js";

const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");

function withOverlay(overlay: string): string {
  const dir = mkdtempSync(join(tmpdir(), "akutt-overlay-"));
  copyFileSync(demoFile, join(dir, "base.yaml"));
  writeFileSync(join(dir, "alt.yaml"), overlay);
  return join(dir, "alt.yaml");
}

function errorOf(file: string): ScenarioError {
  try {
    loadScenarioFile(file);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("scenario overlays (extends)", () => {
  it("merges records by id: changes named fields, adds new records, removes with remove: true", () => {
    const scenario = loadScenarioFile(
      withOverlay(`version: 1
extends: base.yaml
metadata:
  name: "Alternative: new station"
stations:
  - { id: st-lier, lat: 59.80 }
  - { id: st-new, name: "New station", lat: 59.70, lon: 10.10, owner: vv }
vehicles:
  - { id: svelvik-amb, remove: true }
  - { id: new-amb, type: ambulance, station: st-new }
policies:
  dispatch: { crossBorder: own-first }
`),
    );
    expect(scenario.metadata.name).toBe("Alternative: new station");
    expect(scenario.metadata.durationDays).toBe(28);
    const lier = scenario.stations.find((station) => station.id === "st-lier")!;
    expect(lier).toMatchObject({ lat: 59.8, lon: 10.245, owner: "vv" });
    expect(scenario.stations.map((station) => station.id)).toEqual(["st-drammen", "st-lier", "st-svelvik", "st-new"]);
    expect(scenario.vehicles.map((vehicle) => vehicle.id)).not.toContain("svelvik-amb");
    expect(scenario.vehicles.map((vehicle) => vehicle.id)).toContain("new-amb");
    expect(scenario.policies.dispatch).toMatchObject({ name: "nearest-eta", crossBorder: "own-first", firstResponderForRed: true });
  });

  it("replaces a mapping as a whole when it says replace: true (a policy with other fields, records in a new order)", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-overlay-"));
    copyFileSync(demoFile, join(dir, "base.yaml"));
    writeFileSync(join(dir, "sb.yaml"), `version: 1
extends: base.yaml
standbyPoints:
  - { id: sb-a, name: A, lat: 59.75, lon: 10.2, owner: vv }
  - { id: sb-b, name: B, lat: 59.76, lon: 10.21, owner: vv }
policies:
  relocation: { name: standby-points, points: [{ id: sb-a }, { id: sb-b }], coverageSec: 300 }
`);
    writeFileSync(join(dir, "reorder.yaml"), `version: 1
extends: sb.yaml
policies:
  relocation: { replace: true, name: standby-points, points: [{ id: sb-b }, { id: sb-a, hours: ["07:00", "19:00"] }], coverageSec: 200 }
`);
    writeFileSync(join(dir, "home.yaml"), `version: 1
extends: sb.yaml
policies:
  relocation: { replace: true, name: return-home }
`);
    const reordered = loadScenarioFile(join(dir, "reorder.yaml")).policies.relocation;
    expect(reordered).toEqual({ name: "standby-points", points: [{ id: "sb-b" }, { id: "sb-a", hours: ["07:00", "19:00"] }], coverageSec: 200, maxTravelSec: 1800 });
    expect(loadScenarioFile(join(dir, "home.yaml")).policies.relocation).toEqual({ name: "return-home" });
    // Without the marker the mapping merges, and return-home with standby fields is refused.
    writeFileSync(join(dir, "merge.yaml"), "version: 1\nextends: sb.yaml\npolicies:\n  relocation: { name: return-home }\n");
    expect(errorOf(join(dir, "merge.yaml")).issues.length).toBeGreaterThan(0);
  });

  it("drops replace markers inside values the base does not have (nothing to replace)", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-overlay-"));
    copyFileSync(demoFile, join(dir, "base.yaml"));
    writeFileSync(join(dir, "rates.yaml"), `version: 1
extends: base.yaml
demand:
  areaRates: { "3312": { red: { replace: true, perYear: 100 } } }
  profileByUrgency: { green: { replace: true, hourOfDay: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2] } }
`);
    const scenario = loadScenarioFile(join(dir, "rates.yaml"));
    expect(scenario.demand.areaRates["3312"]).toEqual({ red: { perYear: 100 } });
    expect(scenario.demand.profileByUrgency?.green).toMatchObject({ hourOfDay: expect.any(Array) });
    expect(scenario.demand.profileByUrgency?.green).not.toHaveProperty("replace");
  });

  it("replaces lists of plain values, such as the areas an AMK dispatches", () => {
    const error = errorOf(withOverlay(`version: 1\nextends: base.yaml\namkCentres:\n  - { id: amk-vv, areas: ["3301"] }\n`));
    expect(error.issues[0]!.message).toContain('area "3312" is dispatched by no AMK');
  });

  it("points errors in the overlay at the overlay's file and line", () => {
    const error = errorOf(withOverlay(`version: 1\nextends: base.yaml\nvehicles:\n  - { id: new-amb, type: ambulance, station: nowhere }\n`));
    expect(error.issues[0]).toMatchObject({ file: expect.stringMatching(/alt\.yaml$/), line: 4, field: "vehicles[5].station" });
  });

  it("points errors that stem from the base at the base's file", () => {
    const error = errorOf(withOverlay(`version: 1\nextends: base.yaml\nstations:\n  - { id: st-lier, remove: true }\n`));
    const issue = error.issues.find((candidate) => candidate.message.includes('unknown station "st-lier"'))!;
    expect(issue.file).toMatch(/base\.yaml$/);
    expect(issue.line).toBeGreaterThan(80);
  });

  it("rejects removing a record that does not exist, a missing base, and a loop", () => {
    expect(errorOf(withOverlay(`version: 1\nextends: base.yaml\nvehicles:\n  - { id: ghost, remove: true }\n`)).issues[0]!.message).toContain('cannot remove "ghost"');
    expect(errorOf(withOverlay(`version: 1\nextends: missing.yaml\n`)).issues[0]).toMatchObject({ field: "extends", line: 2 });
    const loop = withOverlay(`version: 1\nextends: alt.yaml\n`);
    expect(errorOf(loop).issues[0]!.message).toContain("loop");
  });
});
