/**
 * The indicators as DuckDB SQL over the warehouse's `incidents` table (one row per incident, made
 * at import) and, for missions per 1,000 and utilisation, its `missions` table (one row per
 * incident and unit). Times are compared as whole microseconds (epoch_us), so a response of exactly 12 minutes
 * counts as within, with no floating-point doubt. Periods are local months or years in
 * Europe/Oslo, by when the call rang (utilisation: when the unit was alerted).
 */
import { existsSync } from "node:fs";
import { listValue, type DuckDBConnection } from "@duckdb/node-api";
import { AMK_ANSWER_TARGET_SEC, RED_RESPONSE_TARGET_SEC, YELLOW_RESPONSE_TARGET_SEC } from "@akutt/analysis";
import { INDICATORS, type GroupKind, type IndicatorDefinition, type IndicatorId, type Period } from "./definitions.js";
import { populationFiles, type AreaClass, type AreaReference } from "./areas.js";
import { IndicatorInputError } from "./errors.js";

export const TIME_ZONE = "Europe/Oslo";
/** NOU 1998:9: AMK reaction time for red at most 3 minutes. */
export const AMK_REACTION_MAX_SEC = 180;
/** 113 calls: every call type except transfers and booked transports, which do not come in on 113. */
export const CALL_TYPES_113 = ["dispatch", "advice", "referral", "abandoned", "repeat"] as const;
/** Response-time indicators count ambulances only (Helsedirektoratet: "ambulanse er på hendelsessted"). */
export const RESPONSE_UNIT_TYPE = "ambulance";

export interface IndicatorQuery {
  indicator: IndicatorId;
  by: Period;
  group: GroupKind;
  /** Classes, trusts and names; required for --group trust, and for shares within target. */
  areas: AreaReference;
  /** Shared data folder with the SSB population tables (missions per 1,000 only). */
  dataDir?: string | undefined;
}

export interface IndicatorRow {
  period: string;
  /** The group's code or id ("" when the warehouse has none for these events). */
  key: string;
  name: string;
  /** Kommune class of the row's events: one class, "mixed", or null when unknown. */
  areaClass: AreaClass | "mixed" | null;
  /** Events the row rests on (see the definition's event); the <5 rule applies to it. */
  events: number;
  /** Column key → value in the column's unit; null when there is nothing to compute it from. */
  values: Record<string, number | null>;
}

export interface IndicatorTable {
  definition: IndicatorDefinition;
  by: Period;
  group: GroupKind;
  rows: IndicatorRow[];
  notes: { nb: string[]; en: string[] };
}

const US = 1_000_000;

const HOUR_US = 3_600_000_000;

/** The UTC hour (whole hours since 1970) of an instant column: integer arithmetic, no time zone. */
const hourOf = (column: string) => `(epoch_us(${column}) // ${HOUR_US})`;

/**
 * Fills temp.ref_period with the local period of every UTC hour between the first and the last
 * instant of `column` in `table`, as a number (2025 for a year, 202503 for a month). Europe/Oslo
 * is a whole number of hours from UTC (CET/CEST) and a period starts at local midnight, so a
 * period is a run of whole UTC hours: each period's start is converted once (about 120 months for
 * ten years) and its hours are listed, instead of converting every hour (88,000) or every row.
 * A table, not a subquery: with its real size known, DuckDB builds its hash joins on the small
 * tables (on a range() subquery it misjudged the sizes and built a hash table of millions of
 * incidents to probe with the 24 rows of ref_class). Rows carry the number, not the label:
 * grouping by an integer is cheaper than by a string.
 */
async function loadPeriods(connection: DuckDBConnection, table: "missions" | "incidents", column: string, by: Period): Promise<void> {
  const unit = by === "month" ? "month" : "year";
  const local = (hour: string) => `timezone('${TIME_ZONE}', to_timestamp(${hour} * 3600))`;
  const hourAt = (localStart: string) => hourOf(`timezone('${TIME_ZONE}', ${localStart})`);
  // The hours of the least and greatest instants (not the least of every row's hour): DuckDB answers min and max of a bare column from its statistics.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ref_period AS
      WITH bounds AS (SELECT ${hourOf(`min(${column})`)} AS first, ${hourOf(`max(${column})`)} AS last FROM ${table}),
      starts AS (SELECT s, first, last FROM bounds, range(date_trunc('${unit}', ${local("first")}), date_trunc('${unit}', ${local("last")}) + INTERVAL 1 ${unit}, INTERVAL 1 ${unit}) t(s))
      SELECT unnest(range(greatest(${hourAt("s")}, first), least(${hourAt(`s + INTERVAL 1 ${unit}`)}, last + 1))) AS hour,
        CAST(strftime(s, '${by === "month" ? "%Y%m" : "%Y"}') AS INTEGER) AS period_no
      FROM starts`,
  );
}

/** The label ("2025-03" or "2025") of a period number of ref_period. */
function periodLabel(column: string, by: Period): string {
  return by === "month" ? `printf('%04d-%02d', ${column} // 100, ${column} % 100)` : `printf('%04d', ${column})`;
}

/** Kommune classes in ref_class as numbers ordered as their names (so min and max agree with the names'). */
const CLASS_NUMBERS: Record<AreaClass, number> = { grisgrendt: 1, tettbygd: 2 };
const CLASS_OF_NUMBER = new Map<number, AreaClass>(Object.entries(CLASS_NUMBERS).map(([name, number]) => [number, name as AreaClass]));

/** The group key of an incident or mission row `r` (with kommune_number, bydel, zone_id, amk, station, unit_id). */
function keyOf(group: GroupKind): string {
  switch (group) {
    case "kommune":
      return "r.kommune_number";
    case "bydel":
      return "r.bydel";
    case "amk":
      return "r.amk";
    case "trust":
      return "coalesce(tz.trust, tb.trust, tk.trust)";
    case "station":
      return "r.station";
    case "unit":
      return "r.unit_id";
  }
}

const TRUST_JOINS = `LEFT JOIN temp.ref_trust_zone tz ON tz.code = r.zone_id
  LEFT JOIN temp.ref_trust_area tb ON tb.code = r.bydel
  LEFT JOIN temp.ref_trust_area tk ON tk.code = r.kommune_number`;

/**
 * Incidents (the warehouse's `incidents` table, one row per incident, made at import) that pass
 * `where`, with `columns` (expressions over r), their period number, group key and kommune class number.
 */
function keyedIncidents(where: string, columns: string, query: IndicatorQuery): string {
  return `SELECT ${columns}, p.period_no, coalesce(${keyOf(query.group)}, '') AS key, c.cls
    FROM incidents r
    JOIN temp.ref_period p ON p.hour = ${hourOf("r.call_ringing_at")}
    LEFT JOIN temp.ref_class c ON c.kommune = r.kommune_number
    ${query.group === "trust" ? TRUST_JOINS : ""}
    WHERE ${where}${query.group === "bydel" ? " AND r.bydel IS NOT NULL" : ""}`;
}

function responseSql(query: IndicatorQuery, urgency: "red" | "yellow"): string {
  const targets = urgency === "red" ? RED_RESPONSE_TARGET_SEC : YELLOW_RESPONSE_TARGET_SEC;
  const where = `r.call_type = 'dispatch' AND r.urgency = '${urgency}' AND NOT r.urgency_changed AND r.first_ambulance_at_scene_at IS NOT NULL`;
  return `SELECT ${periodLabel("period_no", query.by)} AS period, key, count(*) AS events,
      quantile_cont(response_us, 0.5) AS median_us,
      count(*) FILTER (WHERE cls IS NULL) AS unclassified,
      count(*) FILTER (WHERE (cls = ${CLASS_NUMBERS.tettbygd} AND response_us <= ${targets.tettbygd * US}) OR (cls = ${CLASS_NUMBERS.grisgrendt} AND response_us <= ${targets.grisgrendt * US})) AS within,
      min(cls) AS cls_min, max(cls) AS cls_max, count(cls) AS classified
    FROM (${keyedIncidents(where, "epoch_us(r.first_ambulance_at_scene_at) - epoch_us(r.call_ringing_at) AS response_us", query)})
    GROUP BY period_no, key ORDER BY period_no, key`;
}

/** Unanswered calls sort after every answered one in the median (they are the longest waits). */
const NEVER = "9223372036854775807";

function answerSql(query: IndicatorQuery): string {
  const where = `r.call_type IN (${CALL_TYPES_113.map((type) => `'${type}'`).join(", ")})`;
  const wait = "epoch_us(r.call_answered_at) - epoch_us(r.call_ringing_at)";
  // The calls are counted per period, group, kommune and whole second of wait first (a few dozen
  // distinct waits), and only those counts are joined to the kommune classes, not millions of calls.
  // The median of whole seconds then comes from that histogram per group: the lower median is the
  // least wait whose cumulative count reaches ⌈n/2⌉, which is what quantile_disc(…, 0.5) returns.
  return `WITH counted AS (
      SELECT p.period_no, coalesce(${keyOf(query.group)}, '') AS key, r.kommune_number, coalesce((${wait}) // ${US}, ${NEVER}) AS wait_s,
        r.call_answered_at IS NOT NULL AND ${wait} <= ${AMK_ANSWER_TARGET_SEC * US} AS within, count(*) AS n
      FROM incidents r JOIN temp.ref_period p ON p.hour = ${hourOf("r.call_ringing_at")}
      ${query.group === "trust" ? TRUST_JOINS : ""}
      WHERE ${where}${query.group === "bydel" ? " AND r.bydel IS NOT NULL" : ""}
      GROUP BY ALL),
    waits AS (
      SELECT r.period_no, r.key, r.wait_s, sum(r.n) AS n, coalesce(sum(r.n) FILTER (WHERE r.within), 0) AS within,
        min(c.cls) AS cls_min, max(c.cls) AS cls_max, coalesce(sum(r.n) FILTER (WHERE c.cls IS NOT NULL), 0) AS classified
      FROM counted r LEFT JOIN temp.ref_class c ON c.kommune = r.kommune_number
      GROUP BY ALL),
    cumulative AS (SELECT *, sum(n) OVER (PARTITION BY period_no, key ORDER BY wait_s) AS below, sum(n) OVER (PARTITION BY period_no, key) AS total FROM waits)
    SELECT ${periodLabel("period_no", query.by)} AS period, key, sum(n) AS events, sum(within) AS within, min(wait_s) FILTER (WHERE below >= (total + 1) // 2) AS median_s,
      min(cls_min) AS cls_min, max(cls_max) AS cls_max, sum(classified) AS classified
    FROM cumulative GROUP BY period_no, key ORDER BY period_no, key`;
}

function reactionSql(query: IndicatorQuery): string {
  const where = `r.call_type = 'dispatch' AND r.urgency = 'red' AND NOT r.urgency_changed AND r.call_answered_at IS NOT NULL AND r.first_unit_alerted_at IS NOT NULL`;
  return `SELECT ${periodLabel("period_no", query.by)} AS period, key, count(*) AS events,
      quantile_cont(reaction_us, 0.5) AS median_us, avg(reaction_us) AS mean_us,
      count(*) FILTER (WHERE reaction_us <= ${AMK_REACTION_MAX_SEC * US}) AS within,
      min(cls) AS cls_min, max(cls) AS cls_max, count(cls) AS classified
    FROM (${keyedIncidents(where, "epoch_us(r.first_unit_alerted_at) - epoch_us(r.call_answered_at) AS reaction_us", query)})
    GROUP BY period_no, key ORDER BY period_no, key`;
}

function missionsSql(query: IndicatorQuery, files: string[]): string {
  const key = query.group === "bydel" ? "bydel" : "kommune_number";
  const files_ = files.map((file) => `'${file.replace(/'/g, "''")}'`).join(", ");
  return `WITH counted AS (
      SELECT ${periodLabel("period_no", query.by)} AS period, key, events FROM (
        SELECT p.period_no, coalesce(m.${key}, '') AS key, count(*) AS events
        FROM missions m JOIN temp.ref_period p ON p.hour = ${hourOf("m.call_ringing_at")}
        WHERE m.unit_type = '${RESPONSE_UNIT_TYPE}' ${query.group === "bydel" ? "AND m.bydel IS NOT NULL" : ""}
        GROUP BY ALL)),
    population AS (SELECT code, year, population FROM read_csv([${files_}], header = true, union_by_name = true, types = {'code': 'VARCHAR', 'year': 'INTEGER', 'population': 'BIGINT'})),
    years AS (SELECT min(year) AS first, max(year) AS last FROM population)
    SELECT c.period, c.key, c.events, p.population,
      least(greatest(CAST(left(c.period, 4) AS INTEGER), y.first), y.last) AS population_year
    FROM counted c CROSS JOIN years y
    LEFT JOIN population p ON p.code = c.key AND p.year = least(greatest(CAST(left(c.period, 4) AS INTEGER), y.first), y.last)
    ORDER BY c.period, c.key`;
}

function utilisationSql(query: IndicatorQuery): string {
  const unit = query.by === "month" ? "month" : "year";
  const valid = "m.unit_id IS NOT NULL AND m.unit_alerted_at IS NOT NULL AND m.unit_free_at IS NOT NULL AND m.unit_free_at >= m.unit_alerted_at";
  // The period's local start, from its label (a handful of rows): 1 January or the 1st of the month, 00:00 in Oslo.
  const localStart = `strptime(g.period || '${query.by === "month" ? "-01" : "-01-01"}', '%Y-%m-%d')`;
  return `WITH span AS (SELECT min(m.unit_alerted_at) AS t0, max(m.unit_free_at) AS t1 FROM missions m WHERE ${valid}),
    grouped AS (
      SELECT ${periodLabel("p.period_no", query.by)} AS period, coalesce(m.${query.group === "station" ? "station" : "unit_id"}, '') AS key,
        count(*) AS events, count(DISTINCT m.unit_id) AS units, CAST(sum(epoch_us(m.unit_free_at) - epoch_us(m.unit_alerted_at)) AS DOUBLE) AS busy_us
      FROM missions m JOIN temp.ref_period p ON p.hour = ${hourOf("m.unit_alerted_at")}
      WHERE ${valid} GROUP BY p.period_no, key)
    SELECT g.period, g.key, g.events, g.units, g.busy_us,
      CAST(g.units AS DOUBLE) * (epoch_us(least(timezone('${TIME_ZONE}', ${localStart} + INTERVAL 1 ${unit}), s.t1)) - epoch_us(greatest(timezone('${TIME_ZONE}', ${localStart}), s.t0))) AS available_us
    FROM grouped g CROSS JOIN span s ORDER BY g.period, g.key`;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function classOf(row: Record<string, unknown>): AreaClass | "mixed" | null {
  const lo = num(row.cls_min);
  const hi = num(row.cls_max);
  if (lo === null) return null;
  return lo === hi && num(row.classified) === num(row.events) ? CLASS_OF_NUMBER.get(lo)! : "mixed";
}

/** Loads the area reference into temporary tables of this connection (read-only warehouses allow them). */
async function loadReference(connection: DuckDBConnection, areas: AreaReference): Promise<void> {
  await connection.run("CREATE OR REPLACE TEMP TABLE ref_class (kommune VARCHAR, cls TINYINT)");
  const classes = [...areas.kommuneClass];
  if (classes.length > 0) await connection.run("INSERT INTO temp.ref_class SELECT unnest($1::VARCHAR[]), unnest($2::TINYINT[])", [listValue(classes.map(([code]) => code)), listValue(classes.map(([, cls]) => CLASS_NUMBERS[cls]))]);
  for (const [table, trusts] of [["ref_trust_zone", areas.trustOfZone], ["ref_trust_area", areas.trustOfArea]] as const) {
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} (code VARCHAR, trust VARCHAR)`);
    if (trusts.size > 0) await connection.run(`INSERT INTO temp.${table} SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[])`, [listValue([...trusts.keys()]), listValue([...trusts.values()])]);
  }
}

/** Computes one indicator over the whole warehouse, one row per period and group. */
export async function computeIndicator(connection: DuckDBConnection, query: IndicatorQuery): Promise<IndicatorTable> {
  const definition = INDICATORS[query.indicator];
  if (!definition.groups.includes(query.group)) {
    throw new IndicatorInputError(`indicator "${query.indicator}" is defined per ${definition.groups.join(", ")}, not per ${query.group}`);
  }
  if (query.group === "trust" && query.areas.trustOfArea.size === 0) {
    throw new IndicatorInputError("--group trust needs the areas' health trusts: give a scenario (--scenario FILE) whose areas name their responsible trust");
  }
  await loadReference(connection, query.areas);
  if (query.indicator === "utilisation") await loadPeriods(connection, "missions", "unit_alerted_at", query.by);
  else await loadPeriods(connection, query.indicator === "missions-per-1000" ? "missions" : "incidents", "call_ringing_at", query.by);
  const notes = { nb: [] as string[], en: [] as string[] };
  const name = (key: string) => query.areas.names.get(key) ?? (key === "" ? "" : key);
  let rows: IndicatorRow[];
  switch (query.indicator) {
    case "red-response":
    case "yellow-response": {
      const result = await read(connection, responseSql(query, query.indicator === "red-response" ? "red" : "yellow"));
      rows = result.map((r) => {
        const events = num(r.events)!;
        const classified = events - num(r.unclassified)!;
        return row(r, name, events, {
          medianMin: num(r.median_us) === null ? null : num(r.median_us)! / (60 * US),
          shareWithinTarget: classified > 0 ? num(r.within)! / classified : null,
          unclassified: num(r.unclassified),
        });
      });
      if (query.areas.classNote) {
        notes.nb.push(query.areas.classNote.nb);
        notes.en.push(query.areas.classNote.en);
      }
      if (rows.some((r) => (r.values.unclassified ?? 0) > 0)) {
        notes.nb.push(`Noen hendelser ligger i kommuner uten kjent klasse (tettbygd/grisgrendt)${query.areas.source ? ` i ${query.areas.source}` : ""}; de er med i medianen, men ikke i andelen innen målet.`);
        notes.en.push(`Some incidents lie in municipalities with no known class (tettbygd/grisgrendt)${query.areas.source ? ` in ${query.areas.source}` : ""}; they are in the median but not in the share within target.`);
      }
      break;
    }
    case "amk-answer": {
      const result = await read(connection, answerSql(query));
      rows = result.map((r) => {
        const median = num(r.median_s);
        const events = num(r.events)!;
        return row(r, name, events, { shareWithin10s: num(r.within)! / events, medianSec: median === null || median >= Number(NEVER) / 2 ? null : median });
      });
      notes.nb.push("Medianen er i hele sekunder (avrundet ned), med ubesvarte anrop som de lengste ventetidene.");
      notes.en.push("The median is in whole seconds (rounded down), with unanswered calls as the longest waits.");
      break;
    }
    case "amk-reaction": {
      const result = await read(connection, reactionSql(query));
      rows = result.map((r) => {
        const events = num(r.events)!;
        return row(r, name, events, { medianSec: num(r.median_us)! / US, meanSec: num(r.mean_us)! / US, shareWithin3Min: num(r.within)! / events });
      });
      break;
    }
    case "missions-per-1000": {
      if (!query.dataDir) throw new IndicatorInputError("missions-per-1000 needs the shared data folder with SSB's population tables (--data-dir)");
      const files = populationFiles(query.dataDir);
      const missing = files.filter((file) => !existsSync(file));
      if (missing.length > 0) throw new IndicatorInputError(`missions-per-1000 needs SSB's population tables; not found: ${missing.join(", ")}`);
      const result = await read(connection, missionsSql(query, files));
      const yearsUsed = new Set<string>();
      rows = result.map((r) => {
        const population = num(r.population);
        if (String(r.population_year) !== String(r.period).slice(0, 4)) yearsUsed.add(`${String(r.period).slice(0, 4)} → ${String(r.population_year)}`);
        const events = num(r.events)!;
        return { period: String(r.period), key: String(r.key), name: name(String(r.key)), areaClass: null, events, values: { missions: events, population, per1000: population ? (events / population) * 1000 : null } };
      });
      notes.nb.push("Folketall 1. januar i periodens år (SSB); for måneder er raten per måned. Raten teller oppdragene i lageret: dekker uttrekket bare en del av en kommune (en AMK-sentral, noen bydeler), blir kommunens rate for lav; grupper da etter bydel.");
      notes.en.push("Population on 1 January of the period's year (SSB); for months the rate is per month. The rate counts the missions in the warehouse: when the extract covers only part of a kommune (one AMK, some bydeler), the kommune's rate is too low; group by bydel then.");
      if (yearsUsed.size > 0) {
        notes.nb.push(`Folketall for nærmeste år med tall: ${[...yearsUsed].join(", ")}.`);
        notes.en.push(`Population of the nearest year with figures: ${[...yearsUsed].join(", ")}.`);
      }
      break;
    }
    case "utilisation": {
      const result = await read(connection, utilisationSql(query));
      rows = result.map((r) => {
        const busy = num(r.busy_us)!;
        const available = num(r.available_us)!;
        return {
          period: String(r.period),
          key: String(r.key),
          name: name(String(r.key)),
          areaClass: null,
          events: num(r.events)!,
          values: { units: num(r.units), busyHours: busy / (3600 * US), availableHours: available / (3600 * US), utilisation: available > 0 ? busy / available : null },
        };
      });
      notes.nb.push("Et oppdrag regnes med i sin helhet i perioden enheten ble utalarmert.");
      notes.en.push("A mission counts in full in the period its unit was alerted.");
      break;
    }
  }
  return { definition, by: query.by, group: query.group, rows, notes };
}

function row(r: Record<string, unknown>, name: (key: string) => string, events: number, values: Record<string, number | null>): IndicatorRow {
  return { period: String(r.period), key: String(r.key), name: name(String(r.key)), areaClass: classOf(r), events, values };
}

async function read(connection: DuckDBConnection, sql: string): Promise<Array<Record<string, unknown>>> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
}
