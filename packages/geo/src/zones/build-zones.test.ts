import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { zonesFileSchema } from "@akutt/model";
import { areaLookup, loadBoundaries, parseAreaCodes } from "../boundaries/boundaries.js";
import { resolveDataDir } from "../data/data-dir.js";
import { buildZones } from "./build-zones.js";
import { writeZonesFile } from "./zones-file.js";

const dataDir = resolveDataDir();
const boundaries = loadBoundaries(dataDir);
const CORE = "3203,3201,030106,030107";
const OFFICIAL_2026: Record<string, number> = { "3203": 101_509, "3201": 133_228, "030106": 35_805, "030107": 52_589 };

describe("buildZones", () => {
  it("H3 zones for Asker, Bærum, Ullern and Vestre Aker add up to the 2026 totals, each area with its source", () => {
    const file = buildZones(dataDir, parseAreaCodes(boundaries, CORE), { kind: "h3", resolution: 8 });
    for (const [code, population] of Object.entries(OFFICIAL_2026)) {
      const sum = file.zones.filter((z) => z.area === code).reduce((a, z) => a + z.population, 0);
      expect(sum).toBe(population);
      const source = file.provenance.areas[code]!;
      expect(source.populationYear).toBe(2026);
      expect(source.population).toBe(population);
    }
    expect(file.provenance.areas["3203"]!.spatialSource).toMatch(/250 m/);
    expect(file.provenance.areas["030106"]!.spatialSource).toMatch(/100 m.*Oslo/);
    expect(file.zones.length).toBeGreaterThan(300);
    expect(new Set(file.zones.map((z) => z.id)).size).toBe(file.zones.length);
    expect(zonesFileSchema.safeParse(file).success).toBe(true);
  });

  it("puts each zone point inside (or at the coast of) its own area", () => {
    const areas = parseAreaCodes(boundaries, CORE);
    const file = buildZones(dataDir, areas, { kind: "h3", resolution: 8 });
    const lookup = areaLookup(areas);
    const wrong = file.zones.filter((z) => {
      const found = lookup.find(z.lon, z.lat);
      return found !== undefined && found.code !== z.area;
    });
    // Grid cells are assigned by their centre; a handful of border cells may sit a few metres across.
    expect(wrong.length / file.zones.length).toBeLessThan(0.02);
  });

  it("SSB grid zones of 1 km aggregate the 250 m cells with the same total", () => {
    const file = buildZones(dataDir, parseAreaCodes(boundaries, "3203"), { kind: "ssb-grid", cellSizeM: 1000 });
    expect(file.zones.reduce((a, z) => a + z.population, 0)).toBe(OFFICIAL_2026["3203"]);
    expect(file.zones.every((z) => /^3203-ssb1000-\d{14}$/.test(z.id))).toBe(true);
    const fine = buildZones(dataDir, parseAreaCodes(boundaries, "3203"), { kind: "ssb-grid", cellSizeM: 250 });
    expect(fine.zones.length).toBeGreaterThan(file.zones.length * 3);
  });

  it("falls back to the national 1 km grid outside Helse Sør-Øst", () => {
    const file = buildZones(dataDir, parseAreaCodes(boundaries, "5001"), { kind: "h3", resolution: 7 });
    expect(file.provenance.areas["5001"]!.spatialSource).toMatch(/1 km/);
    expect(file.zones.reduce((a, z) => a + z.population, 0)).toBe(file.provenance.areas["5001"]!.population);
  });

  it("rejects unknown codes, Oslo together with its districts, and bad resolutions", () => {
    expect(() => parseAreaCodes(boundaries, "3203,9999")).toThrow(/unknown area code '9999'/);
    expect(() => buildZones(dataDir, parseAreaCodes(boundaries, "0301,030106"), { kind: "h3", resolution: 8 })).toThrow(/030106.*inside 0301/);
    expect(() => buildZones(dataDir, parseAreaCodes(boundaries, "3203"), { kind: "h3", resolution: 14 })).toThrow(/resolution 14/);
  });

  it("writes YAML that the scenario loader's schema accepts", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-zones-"));
    try {
      const file = buildZones(dataDir, parseAreaCodes(boundaries, "030106"), { kind: "h3", resolution: 9 });
      const path = join(dir, "zones.yaml");
      writeZonesFile(path, file);
      const parsed = zonesFileSchema.parse(parse(readFileSync(path, "utf8")));
      expect(parsed.zones).toHaveLength(file.zones.length);
      expect((parsed.provenance as { areas: Record<string, { populationYear: number }> }).areas["030106"]!.populationYear).toBe(2026);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
