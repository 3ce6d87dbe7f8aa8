import { URGENCIES, type Scenario, type Urgency } from "@akutt/model";
import type { DuckDBConnection } from "@duckdb/node-api";
import { HOURS_OF_WEEK, type DemandCounts } from "../demand/fit-demand.js";
import { periodHours, type Period, type PeriodHours } from "./period.js";

export class CalibrationInputError extends Error {
  override readonly name = "CalibrationInputError";
  readonly isUserError = true;
}

/** A task time the scenario holds as a distribution, with what it is keyed by. */
export type TaskKey =
  | { task: "callHandling"; amk: string; urgency: Urgency }
  | { task: "activation"; urgency: Urgency }
  | { task: "onScene"; urgency: Urgency }
  | { task: "handover"; destination: string };

export interface TaskSample {
  key: TaskKey;
  /** Positive durations, seconds. */
  durationsSec: Float64Array;
  /** Rows with both time points whose duration was zero or negative (left out: neither family allows them). */
  nonPositive: number;
}

/** What the scenario's patient paths and multi-unit section can be set from, per urgency. */
export interface OutcomeCounts {
  /** Transporting-ambulance missions that ended (unit free), and how many of them took nobody to a destination. */
  completed: number;
  treatedOnScene: number;
  toLegevakt: number;
  /** Incidents by the number of distinct ambulances that reached them (index = ambulances, 1 … 9). */
  ambulancesPerIncident: number[];
  /** Incidents with a first-response unit (akuttbil, doctor car) among their units. */
  withFirstResponder: number;
  incidents: number;
}

export interface CalibrationData {
  period: PeriodHours;
  /** Every counted incident was marked synthetic (a generated extract); `mixed` when some were. */
  synthetic: "yes" | "no" | "mixed";
  demand: DemandCounts;
  /** Dispatch incidents in the period whose zone is not one of the scenario's (or missing). */
  incidentsOutsideScenario: number;
  /** Dispatch incidents in the scenario's zones without an urgency. */
  incidentsWithoutUrgency: number;
  tasks: TaskSample[];
  outcomes: Record<Urgency, OutcomeCounts>;
  /** Transporting missions per destination id (the scenario's or not). */
  destinationCounts: Map<string, number>;
}

function zoneWeight(zone: { weight?: number | undefined; population?: number | undefined }): number {
  return zone.weight ?? zone.population ?? 1;
}

/** Scenario ids are restricted to [A-Za-z0-9_.:-] by the schema, so they can be written as SQL literals. */
function sqlList(ids: readonly string[]): string {
  for (const id of ids) if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(id)) throw new Error(`unexpected id ${JSON.stringify(id)}`);
  return `[${ids.map((id) => `'${id}'`).join(",")}]`;
}

async function columns(connection: DuckDBConnection, sql: string, values: Array<string | number> = []): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql, values)).getColumnsJS() as unknown[][];
}

/** The first and last local day with a dispatch call in the scenario's zones, or undefined when there is none. */
export async function dataPeriod(connection: DuckDBConnection, scenario: Scenario): Promise<Period | undefined> {
  const timeZone = scenario.metadata.timeZone ?? "Europe/Oslo";
  const [from, to] = await columns(
    connection,
    `SELECT strftime(timezone($1, min(call_ringing_at)), '%Y-%m-%d'), strftime(timezone($1, max(call_ringing_at)), '%Y-%m-%d')
     FROM missions WHERE call_type = 'dispatch' AND list_contains(${sqlList(scenario.zones.map((zone) => zone.id))}, zone_id)`,
    [timeZone],
  );
  const fromDate = from?.[0];
  const toDate = to?.[0];
  return typeof fromDate === "string" && typeof toDate === "string" ? { fromDate, toDate } : undefined;
}

/**
 * Reads what calibration needs from the warehouse for the scenario's zones over the period:
 * incident counts per zone × hour of week × urgency, task durations, outcome counts. Incidents
 * are 113 calls that sent a unit (call_type dispatch), one per (amk, incident_id).
 */
export async function readCalibrationData(connection: DuckDBConnection, scenario: Scenario, period: Period): Promise<CalibrationData> {
  const timeZone = scenario.metadata.timeZone ?? "Europe/Oslo";
  const hours = periodHours(period, timeZone);
  const zoneIds = scenario.zones.map((zone) => zone.id);
  const zoneIndex = new Map(zoneIds.map((id, z) => [id, z]));
  const inZones = `list_contains(${sqlList(zoneIds)}, zone_id)`;
  const inPeriod = `call_ringing_at >= to_timestamp(${hours.startMs / 1000}) AND call_ringing_at < to_timestamp(${hours.endMs / 1000})`;
  const scope = `call_type = 'dispatch' AND ${inPeriod}`;

  const [scopeCount, outsideCount, syntheticCount, noUrgency] = (
    await columns(
      connection,
      `WITH incidents AS (SELECT any_value(zone_id) AS zone_id, bool_and(synthetic) AS synthetic, any_value(urgency) AS urgency FROM missions WHERE ${scope} GROUP BY amk, incident_id)
       SELECT count(*) FILTER (WHERE ${inZones}), count(*) FILTER (WHERE NOT coalesce(${inZones}, false)), count(*) FILTER (WHERE ${inZones} AND synthetic), count(*) FILTER (WHERE ${inZones} AND urgency IS NULL) FROM incidents`,
    )
  ).map((column) => Number(column[0] ?? 0));
  if (scopeCount === 0) throw new CalibrationInputError(`no dispatch incidents in the scenario's zones from ${period.fromDate} to ${period.toDate} in the warehouse`);

  const counts = URGENCIES.map(() => new Float64Array(zoneIds.length * HOURS_OF_WEEK)) as unknown as DemandCounts["counts"];
  const [zoneColumn, urgencyColumn, hourColumn, countColumn] = await columns(
    connection,
    `WITH incidents AS (SELECT any_value(zone_id) AS zone_id, any_value(urgency) AS urgency, min(call_ringing_at) AS rang FROM missions WHERE ${scope} AND ${inZones} AND urgency IS NOT NULL GROUP BY amk, incident_id)
     SELECT zone_id, urgency, (isodow(timezone($1, rang)) - 1) * 24 + hour(timezone($1, rang)) AS hour_of_week, count(*)::DOUBLE FROM incidents GROUP BY ALL`,
    [timeZone],
  );
  for (let r = 0; r < (zoneColumn?.length ?? 0); r++) {
    const z = zoneIndex.get(zoneColumn![r] as string)!;
    const u = URGENCIES.indexOf(urgencyColumn![r] as Urgency);
    if (u < 0) continue;
    counts[u]![z * HOURS_OF_WEEK + Number(hourColumn![r])] = Number(countColumn![r]);
  }

  const tasks: TaskSample[] = [];
  const seconds = (to: string, from: string) => `(epoch_us(${to}) - epoch_us(${from})) / 1e6`;
  const ambulanceRows = `${scope} AND ${inZones} AND urgency IS NOT NULL AND unit_type = 'ambulance'`;
  const taskQueries: Array<{ sql: string; key: (group: string) => TaskKey }> = [
    ...URGENCIES.map((urgency) => ({
      sql: `SELECT amk, ${seconds("min(urgency_set_at)", "min(call_answered_at)")} FROM missions WHERE ${scope} AND ${inZones} AND urgency = '${urgency}' GROUP BY amk, incident_id HAVING min(urgency_set_at) IS NOT NULL AND min(call_answered_at) IS NOT NULL`,
      key: (amk: string): TaskKey => ({ task: "callHandling", amk, urgency }),
    })),
    ...URGENCIES.map((urgency) => ({
      sql: `SELECT '', ${seconds("unit_departed_at", "unit_alerted_at")} FROM missions WHERE ${ambulanceRows} AND urgency = '${urgency}' AND unit_departed_at IS NOT NULL AND unit_alerted_at IS NOT NULL`,
      key: (): TaskKey => ({ task: "activation", urgency }),
    })),
    ...URGENCIES.map((urgency) => ({
      sql: `SELECT '', ${seconds("unit_left_scene_at", "unit_at_scene_at")} FROM missions WHERE ${ambulanceRows} AND urgency = '${urgency}' AND unit_left_scene_at IS NOT NULL AND unit_at_scene_at IS NOT NULL`,
      key: (): TaskKey => ({ task: "onScene", urgency }),
    })),
    {
      sql: `SELECT destination, ${seconds("unit_free_at", "unit_at_destination_at")} FROM missions WHERE ${ambulanceRows} AND destination IS NOT NULL AND unit_free_at IS NOT NULL AND unit_at_destination_at IS NOT NULL`,
      key: (destination: string): TaskKey => ({ task: "handover", destination }),
    },
  ];
  for (const query of taskQueries) {
    const [groupColumn, durationColumn] = await columns(connection, `${query.sql} ORDER BY 1`);
    let start = 0;
    const n = groupColumn?.length ?? 0;
    while (start < n) {
      const group = String(groupColumn![start]);
      let end = start;
      while (end < n && groupColumn![end] === groupColumn![start]) end++;
      const durations = new Float64Array(end - start);
      let positive = 0;
      for (let i = start; i < end; i++) {
        const duration = durationColumn![i] as number;
        if (duration > 0) durations[positive++] = duration;
      }
      tasks.push({ key: query.key(group), durationsSec: durations.slice(0, positive), nonPositive: end - start - positive });
      start = end;
    }
  }

  const legevakter = scenario.destinations.filter((destination) => destination.kind === "legevakt").map((destination) => destination.id);
  const outcomes = {} as Record<Urgency, OutcomeCounts>;
  for (const urgency of URGENCIES) {
    const [completed, treated, legevakt] = (
      await columns(
        connection,
        `SELECT count(*), count(*) FILTER (WHERE unit_at_destination_at IS NULL), count(*) FILTER (WHERE list_contains(${legevakter.length > 0 ? sqlList(legevakter) : "[]::TEXT[]"}, destination))
         FROM missions WHERE ${ambulanceRows} AND urgency = '${urgency}' AND unit_departed_at IS NOT NULL AND unit_at_scene_at IS NOT NULL AND unit_free_at IS NOT NULL`,
      )
    ).map((column) => Number(column[0] ?? 0));
    const [ambulances, incidentCount, withFirstResponder] = await columns(
      connection,
      `WITH incidents AS (SELECT count(DISTINCT unit_id) FILTER (WHERE unit_type = 'ambulance' AND unit_at_scene_at IS NOT NULL) AS ambulances, bool_or(unit_type IN ('akuttbil', 'doctor-car')) AS first_responder
         FROM missions WHERE ${scope} AND ${inZones} AND urgency = '${urgency}' GROUP BY amk, incident_id)
       SELECT least(ambulances, 9), count(*), count(*) FILTER (WHERE first_responder) FROM incidents GROUP BY 1 ORDER BY 1`,
    );
    const ambulancesPerIncident = new Array<number>(10).fill(0);
    let incidents = 0;
    let firstResponders = 0;
    for (let r = 0; r < (ambulances?.length ?? 0); r++) {
      ambulancesPerIncident[Number(ambulances![r])] = Number(incidentCount![r]);
      incidents += Number(incidentCount![r]);
      firstResponders += Number(withFirstResponder![r]);
    }
    outcomes[urgency] = { completed: completed!, treatedOnScene: treated!, toLegevakt: legevakt!, ambulancesPerIncident, withFirstResponder: firstResponders, incidents };
  }

  const [destinationColumn, destinationCountColumn] = await columns(connection, `SELECT destination, count(*) FROM missions WHERE ${ambulanceRows} AND destination IS NOT NULL AND unit_departed_at IS NOT NULL GROUP BY 1 ORDER BY 1`);
  const destinationCounts = new Map<string, number>();
  for (let r = 0; r < (destinationColumn?.length ?? 0); r++) destinationCounts.set(String(destinationColumn![r]), Number(destinationCountColumn![r]));

  return {
    period: hours,
    synthetic: syntheticCount === scopeCount ? "yes" : syntheticCount! > 0 ? "mixed" : "no",
    demand: { zoneAreas: scenario.zones.map((zone) => zone.area), priorZoneWeights: scenario.zones.map(zoneWeight), counts, exposureHours: hours.exposureHours },
    incidentsOutsideScenario: outsideCount!,
    incidentsWithoutUrgency: noUrgency!,
    tasks,
    outcomes,
    destinationCounts,
  };
}
