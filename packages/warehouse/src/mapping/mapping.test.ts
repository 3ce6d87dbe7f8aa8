import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAPPING, loadMappingFile, parseMapping } from "./mapping.js";
import { MappingFileError } from "../errors.js";

const problems = (text: string) => {
  try {
    parseMapping(text, "centre.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(MappingFileError);
    return (error as MappingFileError).message;
  }
  throw new Error("expected the mapping to be refused");
};

describe("mapping file", () => {
  it("refuses an unknown canonical column with file, line and field", () => {
    expect(problems("columns:\n  call_ringing_at: Tid ringer\n  patient_name: Navn\n")).toMatch(/centre\.yaml:3:\d+: columns\.patient_name: /);
  });

  it("refuses a code mapped to something that is not canonical, naming the code's line", () => {
    expect(problems("codes:\n  urgency:\n    A: red\n    H: orange\n")).toMatch(/centre\.yaml:4:\d+: codes\.urgency\.H: .*"red"/);
  });

  it("refuses unknown fields, bad time zones, one header mapped twice and a header both mapped and ignored", () => {
    expect(problems("colums: {}\n")).toMatch(/centre\.yaml:1:1: colums: unknown field "colums"/);
    expect(problems("timeZone: Europe/Atlantis\n")).toMatch(/centre\.yaml:1:\d+: timeZone: an IANA time zone/);
    expect(problems("columns:\n  amk: Sentral\n  station: sentral\n")).toMatch(/columns\.station: header "sentral" is already mapped to amk/);
    expect(problems("columns:\n  amk: Sentral\nignore: [Sentral]\n")).toMatch(/ignore\[0\]: header "Sentral" is mapped to amk/);
    expect(problems("columns: [\n")).toMatch(/centre\.yaml:\d+:\d+: YAML syntax/);
  });

  it("reads a valid file and fills the defaults", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-map-"));
    const file = join(dir, "m.yaml");
    writeFileSync(file, "columns:\n  call_ringing_at: Tid ringer\nignore: [Løpenr]\ncodes:\n  urgency: { Akutt: red }\n");
    const mapping = loadMappingFile(file);
    expect(mapping.columns.call_ringing_at).toBe("Tid ringer");
    expect(mapping.codes.urgency).toEqual({ Akutt: "red" });
    expect(mapping.timeZone).toBe("Europe/Oslo");
    expect(DEFAULT_MAPPING.columns).toEqual({});
    expect(() => loadMappingFile(join(dir, "absent.yaml"))).toThrow(/cannot read the mapping file/);
  });
});
