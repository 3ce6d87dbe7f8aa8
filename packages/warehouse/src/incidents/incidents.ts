/**
 * The `incidents` table (schema.ts): one row per incident, derived from its mission rows. Every
 * indicator and the calibration work per incident (first ambulance at the scene, first alert,
 * answer time); grouping five million mission rows by incident on every request cost each of them
 * more than a second, so the import groups them once, inside its own transaction.
 */
import type { DuckDBConnection } from "@duckdb/node-api";

/** Units that arrive before the ambulance (Helsedirektoratet's first responders: akuttbil, legebil). */
export const FIRST_RESPONDER_UNIT_TYPES = ["akuttbil", "doctor-car"] as const;

/*
 * The incident columns from its rows m. record_key (amk/incident_id/unit_id) is unique, so within
 * an incident every unit has one row, and counting rows counts distinct units.
 */
const INCIDENT_SELECT = `SELECT m.amk, m.incident_id, m.call_type, m.urgency,
    bool_or(m.urgency_changed) AS urgency_changed,
    bool_and(m.synthetic) AS synthetic,
    min(m.call_ringing_at) AS call_ringing_at,
    min(m.call_answered_at) AS call_answered_at,
    min(m.urgency_set_at) AS urgency_set_at,
    min(m.unit_alerted_at) AS first_unit_alerted_at,
    min(m.unit_at_scene_at) FILTER (WHERE m.unit_type = 'ambulance') AS first_ambulance_at_scene_at,
    min(m.kommune_number) AS kommune_number,
    min(m.bydel) AS bydel,
    min(m.zone_id) AS zone_id,
    count(*) FILTER (WHERE m.unit_type = 'ambulance' AND m.unit_at_scene_at IS NOT NULL)::INTEGER AS ambulances_at_scene,
    coalesce(bool_or(m.unit_type IN (${FIRST_RESPONDER_UNIT_TYPES.map((type) => `'${type}'`).join(", ")})), false) AS first_responder,
    count(*)::INTEGER AS missions`;
const GROUPING = "GROUP BY m.amk, m.incident_id, m.call_type, m.urgency";

/** The same columns for an incident of one row m (what the aggregates give over one row). */
const ONE_ROW_SELECT = `SELECT m.amk, m.incident_id, m.call_type, m.urgency,
    m.urgency_changed,
    m.synthetic,
    m.call_ringing_at,
    m.call_answered_at,
    m.urgency_set_at,
    m.unit_alerted_at AS first_unit_alerted_at,
    CASE WHEN m.unit_type = 'ambulance' THEN m.unit_at_scene_at END AS first_ambulance_at_scene_at,
    m.kommune_number,
    m.bydel,
    m.zone_id,
    coalesce(m.unit_type = 'ambulance' AND m.unit_at_scene_at IS NOT NULL, false)::INTEGER AS ambulances_at_scene,
    coalesce(m.unit_type IN (${FIRST_RESPONDER_UNIT_TYPES.map((type) => `'${type}'`).join(", ")}), false) AS first_responder,
    1 AS missions`;

/*
 * All incidents of the mission rows of `missions`. Most incidents have one row: grouping millions
 * of rows by four text columns cost more than the rest of an import's storing. Rows are grouped by
 * a hash of the incident's key first (an integer); a key whose hash is unique has one row and is
 * taken as it is, and only the rows of repeated hashes are grouped by the key itself.
 */
const INCIDENT_KEY_HASH = "hash(m.amk, m.incident_id, m.call_type, m.urgency)";
const ALL_INCIDENTS = `WITH repeated AS (SELECT ${INCIDENT_KEY_HASH} AS h FROM missions m GROUP BY h HAVING count(*) > 1)
  ${ONE_ROW_SELECT} FROM missions m WHERE ${INCIDENT_KEY_HASH} NOT IN (SELECT h FROM repeated)
  UNION ALL
  ${INCIDENT_SELECT} FROM missions m WHERE ${INCIDENT_KEY_HASH} IN (SELECT h FROM repeated) ${GROUPING}`;

/**
 * Rebuilds the incident rows from `missions`: all of them, or (`importId`) only those of the
 * incidents that import added rows to — an incident may have rows from an earlier file too, so its
 * row is made again from all of its missions. Call it inside the transaction that changed
 * `missions`, so the two tables never disagree.
 */
export async function refreshIncidents(connection: DuckDBConnection, scope: { importId: number } | "all"): Promise<void> {
  if (scope === "all") {
    await connection.run("DELETE FROM incidents");
    await connection.run(`INSERT INTO incidents BY NAME ${ALL_INCIDENTS}`);
    return;
  }
  const earlier = await connection.runAndReadAll(`SELECT 1 FROM missions WHERE import_id <> ${scope.importId} LIMIT 1`);
  if (earlier.currentRowCount === 0) {
    // The first import: its rows are all there is (the common case, and the one worth not joining for).
    await connection.run(`INSERT INTO incidents BY NAME ${ALL_INCIDENTS}`);
    return;
  }
  await connection.run(`CREATE OR REPLACE TEMP TABLE touched AS SELECT DISTINCT amk, incident_id FROM missions WHERE import_id = ${scope.importId}`);
  try {
    await connection.run(`DELETE FROM incidents i USING temp.touched t WHERE i.amk = t.amk AND i.incident_id = t.incident_id`);
    await connection.run(`INSERT INTO incidents BY NAME ${INCIDENT_SELECT} FROM missions m SEMI JOIN temp.touched t ON m.amk = t.amk AND m.incident_id = t.incident_id ${GROUPING}`);
  } finally {
    await connection.run("DROP TABLE IF EXISTS temp.touched");
  }
}
