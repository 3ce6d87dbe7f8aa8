import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { simulateReplication } from "@akutt/engine";
import { createCalendar } from "@akutt/model";
import { prepareTest, weekDemo } from "../../../engine/src/testing/fixtures.js";
import { extractCsvChunks, extractRows } from "../export/exporter.js";
import { importExtract } from "../import/importer.js";
import { DEFAULT_MAPPING } from "../mapping/mapping.js";
import { openWarehouse } from "../warehouse.js";
import { QUARANTINE_REASONS } from "../schema/schema.js";
import { makeMessy } from "./messy.js";

const dir = mkdtempSync(join(tmpdir(), "akutt-messy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo week around the last Sunday of October 2025 (26 October: 02:00–03:00 comes twice). */
function cleanDemoExtract() {
  const scenario = weekDemo((text) => text.replace('start: "2025-03-03T00:00"', 'start: "2025-10-20T00:00"'));
  const inputs = prepareTest(scenario);
  const result = simulateReplication(inputs, 11, 0);
  const calendar = createCalendar(scenario.metadata.start);
  const kommuneNames = new Map([
    ["3301", "Drammen"],
    ["3312", "Lier"],
  ]);
  const rows = [...extractRows({ result, index: inputs.compiled.index, zoneCentroids: new Map(scenario.zones.map((z) => [z.id, { lat: z.lat, lon: z.lon }])), startIso: calendar.startIso, timeZone: "Europe/Oslo", kommuneNames })];
  return { scenario, rows, kommuneNames };
}

describe("makeMessy", () => {
  it("an import of the messy extract quarantines exactly the rows the sidecar lists, by reason, and flags the rest", async () => {
    const { scenario, rows, kommuneNames } = cleanDemoExtract();
    const { rows: messy, sidecar } = makeMessy(rows, { seed: 3, timeZone: "Europe/Oslo", knownKommuneNames: new Set([...kommuneNames.values()].map((n) => n.toLowerCase())), rates: { missing_time: 0.02, time_order: 0.02, duplicate_row: 0.02, urgency_changed: 0.02, unit_outside_area: 0.02, misspelt_kommune: 0.02 } });
    for (const damage of Object.keys(sidecar.damage) as Array<keyof typeof sidecar.damage>) expect(sidecar.damage[damage], damage).toBeGreaterThan(0);
    expect(messy.every((row) => row.synthetic === "true")).toBe(true);
    const file = join(dir, "demo.SYNTHETIC.csv");
    writeFileSync(file, [...extractCsvChunks(messy)].join(""));
    const warehouse = await openWarehouse(join(dir, "w.duckdb"));
    const report = await importExtract(warehouse, file, {
      mapping: DEFAULT_MAPPING,
      kommuner: kommuneNames,
      scenario: { zones: scenario.zones, unitIds: new Set(scenario.vehicles.map((v) => v.id)) },
    });
    expect(report.quarantined).toEqual(sidecar.expectedImport.quarantined);
    expect(report.flagged).toEqual(sidecar.expectedImport.flagged);
    expect(report.rowsStored).toBe(sidecar.expectedImport.stored);
    for (const reason of QUARANTINE_REASONS) {
      const lines = (await warehouse.query(`SELECT source_line FROM quarantine WHERE reason = $1 ORDER BY source_line`, [reason])).map((r) => r.source_line);
      expect(lines, reason).toEqual(sidecar.expectedImport.quarantinedLines[reason]);
    }
    warehouse.close();
  });

  it("is reproducible from its seed and leaves the clean rows untouched", () => {
    const { rows } = cleanDemoExtract();
    const before = JSON.stringify(rows);
    const a = makeMessy(rows, { seed: 5, timeZone: "Europe/Oslo", knownKommuneNames: new Set() });
    const b = makeMessy(rows, { seed: 5, timeZone: "Europe/Oslo", knownKommuneNames: new Set() });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(rows)).toBe(before);
    expect(a.rows.length).toBe(rows.length + a.sidecar.damage.duplicate_row);
  });
});
