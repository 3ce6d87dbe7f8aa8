import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
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

  it("refuses a malformed file with a typed error naming the file, line and field, never a value", () => {
    const refusal = (name: string, text: string): IndicatorInputError => {
      try {
        areaReference(undefined, dataDir(name, text));
      } catch (error) {
        if (error instanceof IndicatorInputError) return error;
        throw error;
      }
      throw new Error(`${name}: accepted`);
    };
    const cases: Array<[string, string, string, { line: number; field: string; message: string }]> = [
      ["header", "kommune;klasse\n", `${KOMMUNE_CLASS_FILE}, line 1, header: must be "code,class"`, { line: 1, field: "header", message: `must be "code,class"` }],
      ["class", "code,class\n3201,tettbygd\n3203,urban\n", `${KOMMUNE_CLASS_FILE}, line 3, field class: expected tettbygd or grisgrendt`, { line: 3, field: "class", message: "expected tettbygd or grisgrendt" }],
      ["no-class", "code,class\n3201\n", `${KOMMUNE_CLASS_FILE}, line 2, field class: expected tettbygd or grisgrendt`, { line: 2, field: "class", message: "expected tettbygd or grisgrendt" }],
      ["code", "code,class\n32O1,tettbygd\n", `${KOMMUNE_CLASS_FILE}, line 2, field code: expected a 4-digit kommune number`, { line: 2, field: "code", message: "expected a 4-digit kommune number" }],
      ["extra", "code,class\n3201,tettbygd,Bærum\n", `${KOMMUNE_CLASS_FILE}, line 2, field 3: a line holds only code and class`, { line: 2, field: "3", message: "a line holds only code and class" }],
      ["twice", "code,class\n3201,tettbygd\n0301,tettbygd\n3201,grisgrendt\n", `${KOMMUNE_CLASS_FILE}, line 4, field code: kommune listed twice (first on line 2)`, { line: 4, field: "code", message: "kommune listed twice (first on line 2)" }],
    ];
    for (const [name, text, message, where] of cases) {
      const error = refusal(name, text);
      expect(error.message, name).toBe(message);
      expect(error.issue, name).toEqual({ file: KOMMUNE_CLASS_FILE, ...where });
    }
  });

  it("refuses a classification it cannot open with a typed error, not a system error", async () => {
    const socketDir = dataDir("socket");
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(socketDir, KOMMUNE_CLASS_FILE), done));
    try {
      expect(() => areaReference(undefined, socketDir)).toThrow(new IndicatorInputError(`${KOMMUNE_CLASS_FILE}: cannot be opened (ENXIO)`));
    } finally {
      server.close();
    }
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
