import type { DuckDBConnection } from "@duckdb/node-api";
import { URGENCIES, type Scenario, type Urgency } from "@akutt/model";
import { periodHours, type Period, type PeriodHours } from "../warehouse/period.js";
import { CalibrationInputError, sqlList } from "../warehouse/read.js";

/** More recorded incidents than this in one playback are refused (memory: the engine keeps a row per incident). */
export const MAX_PLAYBACK_INCIDENTS = 2_000_000;

/**
 * The recorded incidents of a period, in ringing order: place and urgency, and the recorded time
 * points of the transporting ambulance (the row with a departure, as the exporter writes it and
 * the response-time indicator reads it), seconds after the period's start; NaN where missing.
 */
export interface RecordedHistory {
  period: PeriodHours;
  synthetic: "yes" | "no" | "mixed";
  count: number;
  zone: Int32Array;
  urgency: Uint8Array;
  ringSec: Float64Array;
  decidedSec: Float64Array;
  alertedSec: Float64Array;
  departedSec: Float64Array;
  atSceneSec: Float64Array;
}

export async function readRecordedHistory(connection: DuckDBConnection, scenario: Scenario, period: Period): Promise<RecordedHistory> {
  const hours = periodHours(period, scenario.metadata.timeZone ?? "Europe/Oslo");
  const zoneIds = scenario.zones.map((zone) => zone.id);
  const start = hours.startMs / 1000;
  const since = (column: string) => `epoch_us(${column})::DOUBLE / 1e6 - ${start}`;
  const transporting = "unit_type = 'ambulance' AND unit_departed_at IS NOT NULL";
  const sql = `SELECT any_value(zone_id), any_value(urgency), bool_and(synthetic), ${since("min(call_ringing_at)")}, ${since("min(urgency_set_at)")},
      ${since(`min(unit_alerted_at) FILTER (WHERE ${transporting})`)}, ${since(`min(unit_departed_at) FILTER (WHERE ${transporting})`)}, ${since(`min(unit_at_scene_at) FILTER (WHERE ${transporting})`)}
    FROM missions
    WHERE call_type = 'dispatch' AND urgency IS NOT NULL AND zone_id IN (SELECT unnest(${sqlList(zoneIds)}))
      AND call_ringing_at >= to_timestamp(${start}) AND call_ringing_at < to_timestamp(${hours.endMs / 1000})
    GROUP BY amk, incident_id ORDER BY 4, amk, incident_id LIMIT ${MAX_PLAYBACK_INCIDENTS + 1}`;
  const columns = (await connection.runAndReadAll(sql)).getColumnsJS() as unknown[][];
  const count = columns[0]?.length ?? 0;
  if (count === 0) throw new CalibrationInputError(`no dispatch incidents in the scenario's zones from ${period.fromDate} to ${period.toDate} in the warehouse`);
  if (count > MAX_PLAYBACK_INCIDENTS) throw new CalibrationInputError(`more than ${MAX_PLAYBACK_INCIDENTS.toLocaleString("en-GB")} incidents from ${period.fromDate} to ${period.toDate}: play back a shorter period (--from, --to)`);
  const zoneIndex = new Map(zoneIds.map((id, z) => [id, z]));
  const seconds = (column: unknown[] | undefined) => Float64Array.from(column!, (value) => (typeof value === "number" ? value : Number.NaN));
  const synthetic = columns[2]!.filter((value) => value === true).length;
  return {
    period: hours,
    synthetic: synthetic === count ? "yes" : synthetic > 0 ? "mixed" : "no",
    count,
    zone: Int32Array.from(columns[0]!, (id) => zoneIndex.get(id as string)!),
    urgency: Uint8Array.from(columns[1]!, (value) => URGENCIES.indexOf(value as Urgency)),
    ringSec: seconds(columns[3]),
    decidedSec: seconds(columns[4]),
    alertedSec: seconds(columns[5]),
    departedSec: seconds(columns[6]),
    atSceneSec: seconds(columns[7]),
  };
}
