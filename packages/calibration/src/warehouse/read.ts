import { URGENCIES, type Scenario, type Urgency } from "@akutt/model";
import type { DuckDBConnection } from "@duckdb/node-api";
import { HOURS_OF_WEEK, type DemandCounts } from "../demand/fit-demand.js";
import type { SampleSummary } from "../fit/fit.js";
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
  | { task: "handover"; destination: string }
  /** Unavailable time after a transporting ambulance's mission: unit_free_at → unit_ready_at, by whether it took the patient to a destination. */
  | { task: "cleaning"; outcome: CleaningOutcome };

/** The scenario's availability.cleaning outcomes. */
export const CLEANING_OUTCOMES = ["transported", "treatedOnScene"] as const;
export type CleaningOutcome = (typeof CLEANING_OUTCOMES)[number];

/** Quantiles per task summary: the KS statistic is then within 1/KS_QUANTILES of the exact one (fit.ts, ksFromQuantiles). */
export const KS_QUANTILES = 1000;

export interface TaskSample {
  key: TaskKey;
  /** The positive durations (seconds), summarised in SQL: moments and KS_QUANTILES quantiles. */
  summary: SampleSummary;
  /**
   * Rows with both time points whose duration was zero or negative (left out: neither family allows
   * them). For cleaning, the missions after which the unit was ready at once (no cleaning).
   */
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
export function sqlList(ids: readonly string[]): string {
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
     FROM incidents WHERE call_type = 'dispatch' AND zone_id IN (SELECT unnest(${sqlList(scenario.zones.map((zone) => zone.id))}))`,
    [timeZone],
  );
  const fromDate = from?.[0];
  const toDate = to?.[0];
  return typeof fromDate === "string" && typeof toDate === "string" ? { fromDate, toDate } : undefined;
}

/**
 * Reads what calibration needs from the warehouse for the scenario's zones over the period:
 * incident counts per zone × hour of week × urgency, task durations, outcome counts. Incidents
 * are 113 calls that sent a unit (call_type dispatch), one per (amk, incident_id): rows of the
 * warehouse's `incidents` table, made from the mission rows at import; the task times of units
 * are read from `missions`.
 */
export async function readCalibrationData(connection: DuckDBConnection, scenario: Scenario, period: Period): Promise<CalibrationData> {
  const timeZone = scenario.metadata.timeZone ?? "Europe/Oslo";
  const hours = periodHours(period, timeZone);
  const zoneIds = scenario.zones.map((zone) => zone.id);
  const zoneIndex = new Map(zoneIds.map((id, z) => [id, z]));
  // A semi-join (IN a subquery), not list_contains: a row-by-row scan of ~1,000 zone ids is far slower on millions of rows.
  const inZones = `zone_id IN (SELECT unnest(${sqlList(zoneIds)}))`;
  const inPeriod = `call_ringing_at >= to_timestamp(${hours.startMs / 1000}) AND call_ringing_at < to_timestamp(${hours.endMs / 1000})`;
  const scope = `call_type = 'dispatch' AND ${inPeriod}`;

  const [scopeCount, outsideCount, syntheticCount, noUrgency] = (
    await columns(
      connection,
      `SELECT count(*) FILTER (WHERE ${inZones}), count(*) FILTER (WHERE NOT coalesce(${inZones}, false)), count(*) FILTER (WHERE ${inZones} AND synthetic), count(*) FILTER (WHERE ${inZones} AND urgency IS NULL) FROM incidents WHERE ${scope}`,
    )
  ).map((column) => Number(column[0] ?? 0));
  if (scopeCount === 0) throw new CalibrationInputError(`no dispatch incidents in the scenario's zones from ${period.fromDate} to ${period.toDate} in the warehouse`);

  const counts = URGENCIES.map(() => new Float64Array(zoneIds.length * HOURS_OF_WEEK)) as unknown as DemandCounts["counts"];
  const [zoneColumn, urgencyColumn, hourColumn, countColumn] = await columns(
    connection,
    `SELECT zone_id, urgency, (isodow(timezone($1, call_ringing_at)) - 1) * 24 + hour(timezone($1, call_ringing_at)) AS hour_of_week, count(*)::DOUBLE
     FROM incidents WHERE ${scope} AND ${inZones} AND urgency IS NOT NULL GROUP BY ALL`,
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
  // Each task's durations are summarised in SQL (moments for the maximum-likelihood fits, quantiles
  // for the KS statistic), so millions of them never cross into JavaScript.
  // The quantiles are the order statistics at positions ⌈j·n/m⌉, j = 1 … m (all of them when n ≤ m),
  // picked by rank in one sort; DuckDB's quantile_disc with a list of m probabilities is far slower.
  const m = KS_QUANTILES;
  const summarise = (group: string, duration: string, from: string) =>
    `WITH d AS (SELECT ${group} AS grp, ${duration} AS d FROM ${from}), p AS (SELECT grp, d, ln(CASE WHEN d > 0 THEN d END) AS ld FROM d),
     ranked AS (SELECT grp, d, row_number() OVER (PARTITION BY grp ORDER BY d) AS rn, count(*) OVER (PARTITION BY grp) AS n FROM p WHERE ld IS NOT NULL),
     q AS (SELECT grp, list(d ORDER BY rn) AS quantiles FROM ranked WHERE n <= ${m} OR (rn * ${m}) // n > ((rn - 1) * ${m}) // n GROUP BY grp),
     s AS (SELECT grp, count(ld) AS n, count(*) - count(ld) AS non_positive, sum(d) FILTER (WHERE ld IS NOT NULL) AS total, sum(ld) AS log_total, sum(ld * ld) AS log_squares FROM p GROUP BY grp)
     SELECT s.grp, s.n, s.non_positive, s.total, s.log_total, s.log_squares, q.quantiles FROM s LEFT JOIN q ON q.grp = s.grp ORDER BY s.grp`;
  const taskQueries: Array<{ sql: string; key: (group: string) => TaskKey }> = [
    {
      sql: summarise("amk || '|' || urgency", seconds("rang_set", "answered"), `(SELECT amk, urgency, urgency_set_at AS rang_set, call_answered_at AS answered FROM incidents WHERE ${scope} AND ${inZones} AND urgency IS NOT NULL AND urgency_set_at IS NOT NULL AND call_answered_at IS NOT NULL)`),
      key: (group: string): TaskKey => ({ task: "callHandling", amk: group.slice(0, group.lastIndexOf("|")), urgency: group.slice(group.lastIndexOf("|") + 1) as Urgency }),
    },
    {
      sql: summarise("urgency", seconds("unit_departed_at", "unit_alerted_at"), `missions WHERE ${ambulanceRows} AND unit_departed_at IS NOT NULL AND unit_alerted_at IS NOT NULL`),
      key: (urgency: string): TaskKey => ({ task: "activation", urgency: urgency as Urgency }),
    },
    {
      sql: summarise("urgency", seconds("unit_left_scene_at", "unit_at_scene_at"), `missions WHERE ${ambulanceRows} AND unit_left_scene_at IS NOT NULL AND unit_at_scene_at IS NOT NULL`),
      key: (urgency: string): TaskKey => ({ task: "onScene", urgency: urgency as Urgency }),
    },
    {
      sql: summarise("destination", seconds("unit_free_at", "unit_at_destination_at"), `missions WHERE ${ambulanceRows} AND destination IS NOT NULL AND unit_free_at IS NOT NULL AND unit_at_destination_at IS NOT NULL`),
      key: (destination: string): TaskKey => ({ task: "handover", destination }),
    },
    {
      // ASSUMPTION: any time between free and ready is cleaning and restocking; ready = free means none was needed.
      sql: summarise(
        "CASE WHEN destination IS NOT NULL THEN 'transported' ELSE 'treatedOnScene' END",
        seconds("unit_ready_at", "unit_free_at"),
        `missions WHERE ${ambulanceRows} AND unit_free_at IS NOT NULL AND unit_ready_at IS NOT NULL`,
      ),
      key: (outcome: string): TaskKey => ({ task: "cleaning", outcome: outcome as CleaningOutcome }),
    },
  ];
  for (const query of taskQueries) {
    const [groups, n, nonPositive, sum, sumLog, sumLogSquared, quantiles] = await columns(connection, query.sql);
    for (let r = 0; r < (groups?.length ?? 0); r++) {
      const count = Number(n![r]);
      tasks.push({
        key: query.key(String(groups![r])),
        summary: { n: count, sum: Number(sum![r] ?? 0), sumLog: Number(sumLog![r] ?? 0), sumLogSquared: Number(sumLogSquared![r] ?? 0), quantiles: Float64Array.from((quantiles![r] as number[] | null) ?? []) },
        nonPositive: Number(nonPositive![r]),
      });
    }
  }

  const legevakter = scenario.destinations.filter((destination) => destination.kind === "legevakt").map((destination) => destination.id);
  const outcomes = {} as Record<Urgency, OutcomeCounts>;
  for (const urgency of URGENCIES) outcomes[urgency] = { completed: 0, treatedOnScene: 0, toLegevakt: 0, ambulancesPerIncident: new Array<number>(10).fill(0), withFirstResponder: 0, incidents: 0 };
  const [outcomeUrgency, completed, treated, legevakt] = await columns(
    connection,
    `SELECT urgency, count(*), count(*) FILTER (WHERE unit_at_destination_at IS NULL), count(*) FILTER (WHERE list_contains(${legevakter.length > 0 ? sqlList(legevakter) : "[]::TEXT[]"}, destination))
     FROM missions WHERE ${ambulanceRows} AND unit_departed_at IS NOT NULL AND unit_at_scene_at IS NOT NULL AND unit_free_at IS NOT NULL GROUP BY urgency`,
  );
  for (let r = 0; r < (outcomeUrgency?.length ?? 0); r++) {
    const outcome = outcomes[outcomeUrgency![r] as Urgency];
    if (!outcome) continue;
    outcome.completed = Number(completed![r]);
    outcome.treatedOnScene = Number(treated![r]);
    outcome.toLegevakt = Number(legevakt![r]);
  }
  const [unitUrgency, ambulances, incidentCount, withFirstResponder] = await columns(
    connection,
    `SELECT urgency, least(ambulances_at_scene, 9), count(*), count(*) FILTER (WHERE first_responder) FROM incidents WHERE ${scope} AND ${inZones} AND urgency IS NOT NULL GROUP BY ALL`,
  );
  for (let r = 0; r < (unitUrgency?.length ?? 0); r++) {
    const outcome = outcomes[unitUrgency![r] as Urgency];
    if (!outcome) continue;
    outcome.ambulancesPerIncident[Number(ambulances![r])] = Number(incidentCount![r]);
    outcome.incidents += Number(incidentCount![r]);
    outcome.withFirstResponder += Number(withFirstResponder![r]);
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
