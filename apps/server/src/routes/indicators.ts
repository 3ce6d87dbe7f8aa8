import { basename } from "node:path";
import type { FastifyInstance } from "fastify";
import {
  areaReference,
  computeIndicator,
  GROUPS,
  INDICATOR_IDS,
  INDICATORS,
  IndicatorInputError,
  isSuppressed,
  LANGUAGES,
  MIN_EVENTS_SHOWN,
  openIndicatorSource,
  PERIODS,
  renderCsv,
  trendChartSvg,
  trendSpec,
  type GroupKind,
  type IndicatorId,
  type IndicatorTable,
  type Language,
  type Period,
} from "@akutt/indicators";
import { BadRequestError, ServiceUnavailableError } from "../errors.js";
import { errorResponses, type RouteContext } from "./context.js";

interface IndicatorQuerystring {
  indicator?: IndicatorId;
  by?: Period;
  group?: GroupKind;
  lang?: Language;
  scenario?: string;
  access_token?: string;
}

const querystring = {
  type: "object",
  additionalProperties: false,
  properties: {
    indicator: { type: "string", enum: [...INDICATOR_IDS], default: "red-response" },
    by: { type: "string", enum: [...PERIODS], default: "year" },
    group: { type: "string", enum: [...GROUPS] },
    lang: { type: "string", enum: [...LANGUAGES], default: "nb" },
    scenario: { type: "string", minLength: 1, maxLength: 200, description: "scenario id whose areas give each kommune's class (tettbygd/grisgrendt), the health trusts and names" },
    access_token: { type: "string" },
  },
} as const;

const nullableNumber = { type: ["number", "null"] } as const;

const answerSchema = {
  type: "object",
  properties: {
    warehouse: {
      type: "object",
      properties: { present: { type: "boolean" }, file: { type: "string" }, missions: { type: ["integer", "null"] }, message: { type: ["string", "null"] } },
    },
    table: {
      type: ["object", "null"],
      properties: {
        indicator: { type: "string" },
        title: { type: "string" },
        definition: { type: "string" },
        event: { type: "string" },
        by: { type: "string" },
        group: { type: "string" },
        scenario: { type: ["string", "null"] },
        minEvents: { type: "integer" },
        columns: { type: "array", items: { type: "object", properties: { key: { type: "string" }, unit: { type: "string" }, label: { type: "string" } } } },
        rows: {
          type: "array",
          items: {
            type: "object",
            properties: {
              period: { type: "string" },
              key: { type: "string" },
              name: { type: "string" },
              areaClass: { type: ["string", "null"] },
              suppressed: { type: "boolean" },
              events: nullableNumber,
              values: { type: "object", additionalProperties: nullableNumber },
            },
          },
        },
        notes: { type: "array", items: { type: "string" } },
        chartSvg: { type: "string" },
      },
    },
  },
} as const;

/** Indicator requests running or waiting at once, by default: at up to a second each, 16 is a quarter of a minute's wait. */
export const DEFAULT_MAX_INDICATOR_REQUESTS = 16;

/**
 * Quality indicators from the mission warehouse (docs/indicators.md), read-only, one request at a
 * time (an indicator over millions of missions takes up to a second of DuckDB's threads). At most
 * `maxRequests` run or wait at once; beyond that a request is refused with 503 rather than queued
 * without bound. Rows resting on fewer than 5 events are suppressed here, before they leave the server.
 */
export function indicatorRoutes(app: FastifyInstance, { catalog, dataDir, warehouse }: RouteContext, maxRequests: number): void {
  if (!Number.isInteger(maxRequests) || maxRequests < 1) throw new RangeError(`maxIndicatorRequests must be a positive integer, got ${maxRequests}`);
  // Messages name the warehouse's and the data folder's absolute paths (for the CLI); a client sees only their last names.
  const forClient = (message: string): string => {
    const withoutWarehouse = warehouse ? message.split(warehouse).join(basename(warehouse)) : message;
    return withoutWarehouse.split(dataDir).join(basename(dataDir));
  };
  // A malformed kommune classification in the data folder is the operator's to fix: 400 with its file, line and field, not a 500.
  const referenceFor = (scenario: Parameters<typeof areaReference>[0]) => {
    try {
      return areaReference(scenario, dataDir);
    } catch (error) {
      if (!(error instanceof IndicatorInputError)) throw error;
      throw new BadRequestError(forClient(error.message), error.issue ? [error.issue] : []);
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    if (waiting >= maxRequests) throw new ServiceUnavailableError(`${maxRequests} indicator request${maxRequests === 1 ? " is" : "s are"} already running or waiting, the most this server takes at once`);
    waiting++;
    const next = queue.then(work).finally(() => waiting--);
    queue = next.catch(() => undefined);
    return next;
  };

  async function compute(query: IndicatorQuerystring): Promise<{ table: IndicatorTable; missions: number } | { message: string }> {
    const indicator = query.indicator ?? "red-response";
    const group = query.group ?? INDICATORS[indicator].groups[0]!;
    if (!INDICATORS[indicator].groups.includes(group)) throw new BadRequestError(`indicator "${indicator}" is defined per ${INDICATORS[indicator].groups.join(", ")}, not per ${group}`, [{ field: "querystring.group", message: `one of ${INDICATORS[indicator].groups.join(", ")}` }]);
    const scenario = query.scenario === undefined ? undefined : (await catalog.load(query.scenario)).scenario;
    const areas = referenceFor(scenario ? { ...scenario, name: query.scenario! } : undefined);
    if (group === "trust" && !scenario) throw new BadRequestError("grouping by health trust needs a scenario whose areas name their trusts", [{ field: "querystring.scenario", message: "required for group=trust" }]);
    return oneAtATime(async () => {
      if (!warehouse) return { message: "no-warehouse" };
      let source;
      try {
        source = await openIndicatorSource(warehouse);
      } catch (error) {
        if (error instanceof IndicatorInputError) return { message: forClient(error.message) };
        throw error;
      }
      try {
        return { table: await computeIndicator(source.connection, { indicator, by: query.by ?? "year", group, areas, dataDir }), missions: source.missions };
      } catch (error) {
        if (error instanceof IndicatorInputError) throw new BadRequestError(forClient(error.message));
        throw error;
      } finally {
        source.close();
      }
    });
  }

  app.get<{ Querystring: IndicatorQuerystring }>(
    "/api/indicators",
    {
      schema: {
        summary: "One quality indicator from the mission warehouse by month or year and by kommune, bydel, trust, AMK, station or unit, with its trend chart (SVG); rows with fewer than 5 events come suppressed (events and values null). Without a warehouse, table is null and warehouse.message says how to import one.",
        tags: ["indicators"],
        querystring,
        response: { 200: answerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const language = request.query.lang ?? "nb";
      const result = await compute(request.query);
      const file = warehouse ? basename(warehouse) : "";
      if ("message" in result) return { warehouse: { present: false, file, missions: null, message: noWarehouseText(result.message, language) }, table: null };
      const { table } = result;
      const definition = table.definition;
      return {
        warehouse: { present: true, file, missions: result.missions, message: null },
        table: {
          indicator: definition.id,
          title: definition[language],
          definition: language === "nb" ? definition.definitionNb : definition.definitionEn,
          event: language === "nb" ? definition.eventNb : definition.eventEn,
          by: table.by,
          group: table.group,
          scenario: request.query.scenario ?? null,
          minEvents: MIN_EVENTS_SHOWN,
          columns: definition.columns.map((column) => ({ key: column.key, unit: column.unit, label: column[language] })),
          rows: table.rows.map((row) => {
            const suppressed = isSuppressed(row);
            return { period: row.period, key: row.key, name: row.name, areaClass: row.areaClass, suppressed, events: suppressed ? null : row.events, values: Object.fromEntries(definition.columns.map((column) => [column.key, suppressed ? null : (row.values[column.key] ?? null)])) };
          }),
          notes: table.notes[language],
          chartSvg: trendChartSvg(trendSpec(table, language)),
        },
      };
    },
  );

  app.get<{ Querystring: IndicatorQuerystring }>(
    "/api/indicators/export.csv",
    {
      config: { queryToken: true },
      schema: {
        summary: "The same indicator as a CSV download (tidy: one line per period, group and measure; rows with fewer than 5 events suppressed, as the file's comment lines say); the token may be given as ?access_token=",
        tags: ["indicators"],
        querystring,
        produces: ["text/csv"],
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const result = await compute(request.query);
      if ("message" in result) throw new BadRequestError(noWarehouseText(result.message, "en"));
      const name = `akutt-${result.table.definition.id}-${result.table.by}-${result.table.group}.csv`;
      return reply.header("content-disposition", `attachment; filename="${name}"`).type("text/csv; charset=utf-8").send(renderCsv([result.table], request.query.lang ?? "nb"));
    },
  );
}

function noWarehouseText(message: string, language: Language): string {
  if (message !== "no-warehouse") return message;
  return language === "nb"
    ? "Serveren har ikke noe datalager. Importer et uttrekk med `akutt data import FIL --warehouse out/warehouse.duckdb` og start serveren med `akutt serve --warehouse out/warehouse.duckdb`."
    : "The server has no warehouse. Import an extract with `akutt data import FILE --warehouse out/warehouse.duckdb` and start the server with `akutt serve --warehouse out/warehouse.duckdb`.";
}
