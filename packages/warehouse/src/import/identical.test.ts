import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { simulateReplication } from "@akutt/engine";
import { createCalendar } from "@akutt/model";
import { prepareTest, weekDemo } from "../../../engine/src/testing/fixtures.js";
import { extractCsvChunks, extractRows, type ExtractRow } from "../export/exporter.js";
import { DEFAULT_MAPPING } from "../mapping/mapping.js";
import { makeMessy } from "../synth/messy.js";
import { openWarehouse, type Warehouse } from "../warehouse.js";
import { importExtract } from "./importer.js";

const dir = mkdtempSync(join(tmpdir(), "akutt-identical-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A table's rows in a total order, as one digest (bigint as text, instants as ISO). */
async function digest(warehouse: Warehouse, select: string): Promise<string> {
  const rows = await warehouse.query(select);
  const text = JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  return `${rows.length}:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}

/*
 * The import's speed work (issue 10) must not change what it stores. These digests were taken with
 * the importer before that work: a change to them is a change of results, not of speed. (Retaken
 * once, importer unchanged, when the engine's normals moved to inversion and the simulated week
 * with them: one mission row and one DST-ambiguous row more.) The extract is the synthetic messy
 * one (`akutt data synth`'s damage, every offset dropped, the autumn DST night), imported with a
 * scenario (zones, units); then the clean extract of the same week (times with offsets) as JSON
 * lines, whose records are mostly stored already by the first.
 */
describe("importExtract's results", () => {
  it("are the same tables, quarantine and order as before the speed work", async () => {
    const scenario = weekDemo((text) => text.replace('start: "2025-03-03T00:00"', 'start: "2025-10-20T00:00"'));
    const inputs = prepareTest(scenario);
    const result = simulateReplication(inputs, 11, 0);
    const kommuneNames = new Map([
      ["3301", "Drammen"],
      ["3312", "Lier"],
    ]);
    const clean = [...extractRows({ result, index: inputs.compiled.index, zoneCentroids: new Map(scenario.zones.map((z) => [z.id, { lat: z.lat, lon: z.lon }])), startIso: createCalendar(scenario.metadata.start).startIso, timeZone: "Europe/Oslo", kommuneNames })];
    const { rows: messy } = makeMessy(clean, { seed: 7, timeZone: "Europe/Oslo", knownKommuneNames: new Set(["drammen", "lier"]), rates: { missing_time: 0.03, time_order: 0.03, duplicate_row: 0.03, urgency_changed: 0.03, unit_outside_area: 0.03, misspelt_kommune: 0.03 } });
    // Values no mapping makes sense of (invalid_value), on rows of their own.
    const damaged = [
      (row: ExtractRow) => ({ ...row, urgency: "lilla" }),
      (row: ExtractRow) => ({ ...row, call_answered_at: "kl 10" }),
      (row: ExtractRow) => ({ ...row, latitude: "nord" }),
      (row: ExtractRow) => ({ ...row, synthetic: "kanskje" }),
    ];
    damaged.forEach((damage, i) => (messy[20 + 7 * i] = damage(messy[20 + 7 * i]!)));
    const messyFile = join(dir, "messy.SYNTHETIC.csv");
    writeFileSync(messyFile, [...extractCsvChunks(messy)].join(""));
    const cleanFile = join(dir, "clean.SYNTHETIC.jsonl");
    writeFileSync(cleanFile, clean.map((row) => JSON.stringify(row)).join("\n"));

    const warehouse = await openWarehouse(join(dir, "w.duckdb"));
    const context = { mapping: DEFAULT_MAPPING, kommuner: kommuneNames, scenario: { zones: scenario.zones, unitIds: new Set(scenario.vehicles.map((v) => v.id)) } };
    const reports = [await importExtract(warehouse, messyFile, context), await importExtract(warehouse, cleanFile, context)];
    const figures = reports.map(({ rowsRead, rowsStored, rowsQuarantined, quarantined, flagged }) => ({ rowsRead, rowsStored, rowsQuarantined, quarantined, flagged }));
    const tables = {
      missions: await digest(warehouse, `SELECT * FROM missions ORDER BY import_id, source_line`),
      // Without ORDER BY: the order the rows were stored in (file order within each import).
      missionsOrder: await digest(warehouse, `SELECT import_id, source_line FROM missions`),
      incidents: await digest(warehouse, `SELECT * FROM incidents ORDER BY amk, incident_id, call_type, urgency NULLS FIRST`),
      quarantine: await digest(warehouse, `SELECT * FROM quarantine ORDER BY import_id, source_line`),
      imports: await digest(warehouse, `SELECT import_id, file_name, file_sha256, rows_read, rows_stored, rows_quarantined FROM imports ORDER BY import_id`),
    };
    warehouse.close();
    expect({ figures, tables }).toMatchInlineSnapshot(`
      {
        "figures": [
          {
            "flagged": {
              "place_outside_zones": 0,
              "unit_outside_scenario": 12,
              "urgency_changed": 12,
            },
            "quarantined": {
              "dst_ambiguous": 5,
              "duplicate_id": 12,
              "invalid_value": 4,
              "missing_time": 12,
              "time_order": 12,
              "unknown_kommune": 12,
            },
            "rowsQuarantined": 57,
            "rowsRead": 423,
            "rowsStored": 366,
          },
          {
            "flagged": {
              "place_outside_zones": 0,
              "unit_outside_scenario": 0,
              "urgency_changed": 0,
            },
            "quarantined": {
              "dst_ambiguous": 1,
              "duplicate_id": 353,
              "invalid_value": 0,
              "missing_time": 0,
              "time_order": 0,
              "unknown_kommune": 0,
            },
            "rowsQuarantined": 354,
            "rowsRead": 411,
            "rowsStored": 57,
          },
        ],
        "tables": {
          "imports": "2:7c90ba2ab6b77ffe",
          "incidents": "326:2ffedfdb633a1842",
          "missions": "423:1af2e83ce62837a3",
          "missionsOrder": "423:74b26fc2e7c0addb",
          "quarantine": "411:0145234490f7413e",
        },
      }
    `);
  }, 60_000);
});
