import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveDataDir } from "@akutt/model";
import { areaReferenceFromScenario, computeIndicator, INDICATOR_IDS, INDICATORS, type IndicatorId } from "@akutt/indicators";
import { openWarehouse, refreshIncidents } from "@akutt/warehouse";

export interface IndicatorFigure {
  indicator: IndicatorId;
  group: string;
  by: string;
  rows: number;
  /** Median wall time of `repeats` runs of computeIndicator (temporary reference tables included). */
  medianSec: number;
}

export interface IndicatorBench {
  missions: number;
  incidents: number;
  /** Filling the warehouse with INSERT … SELECT (not part of any indicator). */
  generateSec: number;
  /** Making the incidents table from the missions, as the import does (not part of any indicator). */
  incidentsSec: number;
  repeats: number;
  figures: IndicatorFigure[];
}

/** Kommuner of Helse Sør-Øst the synthetic missions fall in; the first half is classed tettbygd (ASSUMPTION for the bench only). */
const KOMMUNER = ["0301", "3201", "3203", "3205", "3207", "3301", "3312", "3105", "3403", "3905", "4203", "3103", "3303", "3305", "3401", "3407", "3411", "3907", "3909", "4001", "4003", "4204", "3209", "3212"];
/** One incident in this many sends a second unit (every other one an akuttbil), as multi-unit incidents do. */
const SECOND_UNIT_EVERY = 16;

/**
 * Times every indicator over `missions` mission rows in a temporary warehouse (ten years from
 * 2016 at one incident every 63 s is about 5 million): 24 kommuner (Oslo's rows with a bydel),
 * four AMKs, 400 ambulances at 100 stations, urgencies 43/36/21 %, 2 % with a changed urgency, 10 %
 * transfers and booked transports, one incident in 16 with a second unit. Made with one
 * INSERT … SELECT from range(), so the figures time the indicators, not the import.
 */
export async function measureIndicators(missions: number, repeats = 3): Promise<IndicatorBench> {
  const dir = mkdtempSync(join(tmpdir(), "akutt-bench-indicators-"));
  try {
    const warehouse = await openWarehouse(join(dir, "warehouse.duckdb"));
    const incidents = Math.round((missions * SECOND_UNIT_EVERY) / (SECOND_UNIT_EVERY + 1));
    const kommuner = KOMMUNER.map((code) => `'${code}'`).join(", ");
    const started = process.hrtime.bigint();
    const us = (sec: string) => `to_microseconds(CAST(${sec} AS BIGINT))`;
    // Columns named: the table may gain columns (the import fills them by name too).
    await warehouse.run(`INSERT INTO missions (record_key, amk, incident_id, synthetic, call_type, urgency, urgency_changed, nimn_criterion, caller, call_ringing_at, call_answered_at, urgency_set_at, unit_alerted_at, unit_departed_at, unit_at_scene_at, unit_left_scene_at, unit_at_destination_at, unit_free_at, kommune_number, bydel, zone_id, destination, unit_id, unit_type, station, import_id, source_line)
      WITH incidents AS (
        SELECT j, CAST(hash(j) % 1000000007 AS BIGINT) AS h, TIMESTAMPTZ '2016-01-01 00:00:00+00' + to_microseconds(j * 63000000 + CAST(hash(j) % 1000000 AS BIGINT)) AS ring
        FROM range(${incidents}) r(j)),
      units AS (
        SELECT *, 0 AS extra FROM incidents
        UNION ALL SELECT *, 1 AS extra FROM incidents WHERE j % ${SECOND_UNIT_EVERY} = 0 AND j < ${missions - incidents} * ${SECOND_UNIT_EVERY})
      SELECT 'amk-' || (j % 4) || '/' || j || '/' || (CASE extra WHEN 0 THEN 'amb-' || (j % 400) ELSE 'x-' || (j % 400) END),
        'amk-' || (j % 4), j::VARCHAR, true,
        CASE j % 20 WHEN 0 THEN 'transfer' WHEN 1 THEN 'booked' ELSE 'dispatch' END,
        CASE WHEN h % 100 < 43 THEN 'red' WHEN h % 100 < 79 THEN 'yellow' ELSE 'green' END,
        j % 50 = 0, NULL, NULL,
        ring, ring + ${us("h % 25")}, ring + ${us("40 + h % 60")}, ring + ${us("60 + h % 120 + extra * 30")}, ring + ${us("120 + h % 120 + extra * 30")},
        ring + ${us("300 + h % 1500 + extra * (h % 300)")}, ring + ${us("2100 + h % 1500")}, ring + ${us("3300 + h % 1500")}, ring + ${us("4200 + h % 2400")},
        [${kommuner}][1 + (h // 7) % ${KOMMUNER.length}],
        CASE WHEN (h // 7) % ${KOMMUNER.length} = 0 THEN '0301' || lpad(((h // 11) % 15 + 1)::VARCHAR, 2, '0') END,
        'z-' || (h // 13) % 1346, NULL,
        CASE extra WHEN 0 THEN 'amb-' || (j % 400) ELSE 'x-' || (j % 400) END,
        CASE WHEN extra = 1 AND j % 32 = 0 THEN 'akuttbil' ELSE 'ambulance' END,
        'st-' || ((j % 400) // 4), 1, j
      FROM units`);
    const generateSec = Number(process.hrtime.bigint() - started) / 1e9;
    // The incidents table, as the import makes it from the mission rows (part of the import's time, not of an indicator's).
    const incidentsStarted = process.hrtime.bigint();
    await refreshIncidents(warehouse.connection, "all");
    const incidentsSec = Number(process.hrtime.bigint() - incidentsStarted) / 1e9;
    const count = Number((await warehouse.query("SELECT count(*) AS n FROM missions"))[0]!.n);
    const areas = areaReferenceFromScenario({
      name: "bench",
      areas: KOMMUNER.map((code, i) => ({ code, name: code, class: i < KOMMUNER.length / 2 ? "tettbygd" : "grisgrendt", responsibleOrganisation: `hf-${i % 4}` })),
      zones: [],
      organisations: [0, 1, 2, 3].map((i) => ({ id: `hf-${i}`, name: `HF ${i}` })),
      amkCentres: [],
      stations: [],
    });
    const dataDir = resolveDataDir();
    const runs: Array<{ indicator: IndicatorId; group: (typeof INDICATORS)[IndicatorId]["groups"][number]; by: "year" | "month" }> = [
      ...INDICATOR_IDS.map((indicator) => ({ indicator, group: INDICATORS[indicator].groups[0]!, by: "year" as const })),
      { indicator: "red-response", group: "trust", by: "month" },
    ];
    const figures: IndicatorFigure[] = [];
    for (const run of runs) {
      const times: number[] = [];
      let rows = 0;
      for (let r = 0; r < repeats; r++) {
        const t0 = process.hrtime.bigint();
        const table = await computeIndicator(warehouse.connection, { ...run, areas, dataDir });
        times.push(Number(process.hrtime.bigint() - t0) / 1e9);
        rows = table.rows.length;
      }
      times.sort((a, b) => a - b);
      figures.push({ ...run, rows, medianSec: times[Math.floor(times.length / 2)]! });
    }
    warehouse.close();
    return { missions: count, incidents, generateSec, incidentsSec, repeats, figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
