/**
 * A warehouse for tests, with the warehouse's own schema (@akutt/warehouse), filled from compact
 * rows. Times are given as minutes after a base instant, so hand computations stay readable.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { refreshIncidents, WAREHOUSE_DDL, WAREHOUSE_SCHEMA_VERSION } from "@akutt/warehouse";

export interface FixtureMission {
  amk?: string;
  incident: string;
  callType?: string;
  urgency?: "red" | "yellow" | "green";
  changed?: boolean;
  kommune: string;
  bydel?: string | undefined;
  zone?: string | undefined;
  /** Minutes after the base instant; answeredMin null: never answered. */
  ringMin: number;
  answeredMin?: number | null;
  alertedMin?: number;
  atSceneMin?: number;
  freeMin?: number;
  unit?: string;
  unitType?: string;
  station?: string;
}

/** A warehouse in memory, or in the file `path`, holding `missions` and the `incidents` made from them. */
export async function fixtureWarehouse(missions: readonly FixtureMission[], baseIso = "2025-03-01T00:00:00Z", path = ":memory:"): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const statement of WAREHOUSE_DDL) await connection.run(statement);
  await connection.run(`INSERT INTO warehouse_meta VALUES ('schema_version', '${WAREHOUSE_SCHEMA_VERSION}')`);
  const base = Date.parse(baseIso);
  // Microsecond-exact instants: minutes → whole microseconds since the epoch.
  const at = (minutes: number | null | undefined) => (minutes === null || minutes === undefined ? "NULL" : `(to_timestamp(0) + to_microseconds(${Math.round(base * 1000 + minutes * 60_000_000)}))`);
  const text = (value: string | undefined) => (value === undefined ? "NULL" : `'${value.replace(/'/g, "''")}'`);
  let line = 0;
  for (const m of missions) {
    line++;
    const amk = m.amk ?? "amk-oslo";
    const answered = m.answeredMin === undefined ? m.ringMin + 0.1 : m.answeredMin;
    await connection.run(`INSERT INTO missions (record_key, amk, incident_id, synthetic, call_type, urgency, urgency_changed, call_ringing_at, call_answered_at,
        unit_alerted_at, unit_at_scene_at, unit_free_at, kommune_number, bydel, zone_id, unit_id, unit_type, station, import_id, source_line)
      VALUES (${text(`${amk}/${m.incident}/${m.unit ?? ""}`)}, ${text(amk)}, ${text(m.incident)}, true, ${text(m.callType ?? "dispatch")}, ${text(m.urgency ?? "red")}, ${m.changed === true},
        ${at(m.ringMin)}, ${at(answered)}, ${at(m.alertedMin)}, ${at(m.atSceneMin)}, ${at(m.freeMin)},
        ${text(m.kommune)}, ${text(m.bydel)}, ${text(m.zone)}, ${text(m.unit)}, ${text(m.unit === undefined ? undefined : (m.unitType ?? "ambulance"))}, ${text(m.station)}, 1, ${line})`);
  }
  await refreshIncidents(connection, "all");
  return { instance, connection };
}
