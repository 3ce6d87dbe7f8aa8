import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadScenarioFile } from "@akutt/model";
import { findRepoRoot } from "@akutt/geo";
import { openWarehouse, refreshIncidents } from "@akutt/warehouse";
import { calibrateFromWarehouse } from "@akutt/calibration";

export interface CalibrationFigure {
  missions: number;
  zones: number;
  /** Filling the warehouse with DuckDB, missions and incidents (not part of the calibration). */
  generateSec: number;
  /** calibrateFromWarehouse alone: open read-only, every query, every fit, the smoothing. */
  calibrateSec: number;
  tasksFitted: number;
}

/**
 * `akutt calibrate`'s work over `missions` missions (about ten years of Helse Sør-Øst at 5 million)
 * in the zones of the Asker and Bærum scenario: a warehouse filled by DuckDB from range() — one
 * transporting-ambulance row per incident every 63 s from 2016, random zones, lognormal and gamma
 * task times, 15 % treated on scene — then calibrated. Written straight into the table (the import
 * has its own figure); target: under 30 s for 5 million (issue 10).
 */
export async function measureCalibration(missions: number): Promise<CalibrationFigure> {
  const scenario = loadScenarioFile(resolve(findRepoRoot(), "scenarios/asker-baerum/base.yaml"));
  const dir = mkdtempSync(join(tmpdir(), "akutt-bench-calibration-"));
  try {
    const path = join(dir, "warehouse.duckdb");
    const warehouse = await openWarehouse(path);
    const list = (values: readonly string[]) => `[${values.map((value) => `'${value}'`).join(",")}]`;
    const zones = list(scenario.zones.map((zone) => zone.id));
    const kommuner = list(scenario.zones.map((zone) => zone.area.slice(0, 4)));
    const amks = list(scenario.amkCentres.map((centre) => centre.id));
    const destinations = list(scenario.destinations.map((destination) => destination.id));
    // Normal deviates by Box–Muller from random(); exp() of them are lognormal, sums of squares of them gamma-like.
    const normal = "sqrt(-2 * ln(random())) * cos(2 * pi() * random())";
    const at = (seconds: string) => `TIMESTAMPTZ '2016-01-01 00:00:00+00' + to_microseconds((${seconds} * 1e6)::BIGINT)`;
    const started = process.hrtime.bigint();
    // Columns named: the table may gain columns (the import fills them by name too).
    await warehouse.run(`INSERT INTO missions (record_key, amk, incident_id, synthetic, call_type, urgency, urgency_changed, nimn_criterion, caller, call_ringing_at, call_answered_at, urgency_set_at, unit_alerted_at, unit_departed_at, unit_at_scene_at, unit_left_scene_at, unit_at_destination_at, unit_free_at, kommune_number, bydel, zone_id, destination, unit_id, unit_type, station, import_id, source_line)
      WITH base AS (
        SELECT i, i * 63.0 AS ring, 1 + (hash(i) % ${scenario.zones.length})::INTEGER AS z, random() < 0.15 AS treated,
          exp(4.2 + 0.5 * ${normal}) AS handling, 20 * random() AS waiting, exp(4.0 + 0.5 * ${normal}) AS activation,
          300 + 600 * random() AS travel, 300 * (${normal} ^ 2 + ${normal} ^ 2 + ${normal} ^ 2 + ${normal} ^ 2) AS on_scene,
          600 + 1200 * random() AS transport, exp(7.0 + 0.4 * ${normal}) AS handover
        FROM range(${missions}) r(i))
      SELECT ${amks}[1 + i % ${scenario.amkCentres.length}] || '/' || i || '/amb-' || (i % 300), ${amks}[1 + i % ${scenario.amkCentres.length}], i::VARCHAR, true, 'dispatch',
        ['red', 'yellow', 'green'][1 + (hash(i + 1) % 3)::INTEGER], false, NULL, NULL,
        ${at("ring")}, ${at("ring + 8")}, ${at("ring + 8 + handling")}, ${at("ring + 8 + handling + waiting")},
        ${at("ring + 8 + handling + waiting + activation")}, ${at("ring + 8 + handling + waiting + activation + travel")},
        ${at("ring + 8 + handling + waiting + activation + travel + on_scene")},
        CASE WHEN treated THEN NULL ELSE ${at("ring + 8 + handling + waiting + activation + travel + on_scene + transport")} END,
        ${at("ring + 8 + handling + waiting + activation + travel + on_scene + CASE WHEN treated THEN 0 ELSE transport + handover END")},
        ${kommuner}[z], NULL, ${zones}[z], CASE WHEN treated THEN NULL ELSE ${destinations}[1 + (hash(i + 2) % ${scenario.destinations.length})::INTEGER] END,
        'amb-' || (i % 300), 'ambulance', 'st-' || (i % 100), 1, i + 2
      FROM base`);
    await refreshIncidents(warehouse.connection, "all"); // as the import does
    const generateSec = Number(process.hrtime.bigint() - started) / 1e9;
    warehouse.close();
    const calibrationStarted = process.hrtime.bigint();
    const result = await calibrateFromWarehouse(path, scenario);
    const calibrateSec = Number(process.hrtime.bigint() - calibrationStarted) / 1e9;
    return { missions, zones: scenario.zones.length, generateSec, calibrateSec, tasksFitted: result.tasks.filter((task) => task.written).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
