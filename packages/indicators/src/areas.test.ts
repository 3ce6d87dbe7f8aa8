import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { areaReference, KOMMUNE_CLASS_FILE, type ScenarioAreas } from "./areas.js";
import { IndicatorInputError } from "./errors.js";

const root = mkdtempSync(join(tmpdir(), "akutt-kommune-class-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A data folder with the classification file holding `text`, or without it. */
function dataDir(name: string, text?: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, "classification"), { recursive: true });
  if (text !== undefined) writeFileSync(join(dir, KOMMUNE_CLASS_FILE), text);
  return dir;
}

const SCENARIO: ScenarioAreas = {
  name: "test.yaml",
  areas: [{ code: "3201", name: "Bærum", class: "grisgrendt", responsibleOrganisation: "vv" }, { code: "3312", name: "Lier", class: "grisgrendt", responsibleOrganisation: "vv" }],
  zones: [],
  organisations: [],
  amkCentres: [],
  stations: [],
};

describe("kommune class: the data folder's public classification by default, the scenario's as fallback", () => {
  it("takes the published classes first and the scenario's for kommuner the file does not list", () => {
    const reference = areaReference(SCENARIO, dataDir("with", "code,class\n3201,tettbygd\n0301,tettbygd\n"));
    expect(Object.fromEntries(reference.kommuneClass)).toEqual({ "3201": "tettbygd", "0301": "tettbygd", "3312": "grisgrendt" });
    expect(reference.classNote).toBeUndefined();
    expect(reference.source).toBe(`${KOMMUNE_CLASS_FILE} and test.yaml`);
  });

  it("says so when the data folder has none, with or without a scenario", () => {
    const without = dataDir("without");
    const fromScenario = areaReference(SCENARIO, without);
    expect(fromScenario.kommuneClass.get("3201")).toBe("grisgrendt");
    expect(fromScenario.classNote?.en).toMatch(/no public kommune classification .*: the classes come from the scenario test\.yaml\./);
    const none = areaReference(undefined, without);
    expect(none.kommuneClass.size).toBe(0);
    expect(none.classNote?.nb).toMatch(/uten --scenario har ingen kommune en klasse/);
  });

  it("refuses a malformed file, naming the line and never a value", () => {
    expect(() => areaReference(undefined, dataDir("header", "kommune;klasse\n"))).toThrow(new IndicatorInputError(`${KOMMUNE_CLASS_FILE}, line 1: the header must be "code,class"`));
    expect(() => areaReference(undefined, dataDir("value", "code,class\n3201,tettbygd\n3203,urban\n"))).toThrow(new IndicatorInputError(`${KOMMUNE_CLASS_FILE}, line 3: expected a 4-digit kommune number and tettbygd or grisgrendt`));
  });

  it("refuses a classification that leads out of the data folder or is not a regular file, reading nothing from it", () => {
    const outside = join(root, "outside.csv");
    writeFileSync(outside, "code,class\n3201,tettbygd\n");
    const escaping = dataDir("escaping");
    symlinkSync(outside, join(escaping, KOMMUNE_CLASS_FILE));
    expect(() => areaReference(undefined, escaping)).toThrow(new IndicatorInputError(`${KOMMUNE_CLASS_FILE}: leads out of the data folder`));
    const directory = dataDir("directory");
    mkdirSync(join(directory, KOMMUNE_CLASS_FILE));
    expect(() => areaReference(undefined, directory)).toThrow(new IndicatorInputError(`${KOMMUNE_CLASS_FILE}: not a regular file`));
  });
});
