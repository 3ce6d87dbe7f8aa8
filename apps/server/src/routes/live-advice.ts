import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { adviceContext, coverageNow, FORECAST_LIMITATIONS, FORECAST_LIMITS, moveUpAdvice, PictureError, pictureSnapshot, recommendUnits, type AdviceContext, type AdvicePicture } from "@akutt/live";
import type { Scenario } from "@akutt/model";
import { prepareRun } from "@akutt/runs";
import { BadRequestError, ConflictError, errorSchema, NotFoundError } from "../errors.js";
import type { TaskPool } from "../tasks/pool.js";
import { errorResponses, idParams } from "./context.js";

/** The live state advice reads: the scenario of `akutt serve --live` and the state's view now (packages/live). */
export interface LiveAdviceSource {
  scenario: Scenario;
  view(): AdvicePicture;
}

export interface LiveAdviceOptions {
  tasks: TaskPool;
  dataDir: string;
  cacheDir: string;
  /** Seed of the forecast's replications when the request gives none (default 1). */
  forecastSeed?: number;
}

/**
 * Time limit of one forecast in its worker. The first forecast of a worker also prepares the
 * scenario's travel model there (16 s for Asker and Bærum on a loaded two-core machine, from the
 * matrix cache), which the pool's default 20 s would not leave room for.
 */
export const FORECAST_TIMEOUT_MS = 120_000;

/** The forecast's work: replications × minutes at most this (the default 100 × 60 five times over), so one request stays within the worker's time limit. */
export const MAX_FORECAST_REPLICATION_MINUTES = 30_000;

const tags = ["live"];
/** The API's errors plus 403: a token of the live tokens file that may not read. */
const adviceErrors = { ...errorResponses, 403: errorSchema } as const;

const estimate = { type: "object", properties: { estimate: { type: ["number", "null"] }, ciLow: { type: ["number", "null"] }, ciHigh: { type: ["number", "null"] } } } as const;
const coverageSchema = {
  type: "object",
  properties: {
    asOf: { type: "string" },
    thresholdSec: { type: "number" },
    weightedBy: { type: "string", enum: ["population", "red-demand"] },
    total: { type: "number", description: "share (0–1) of all areas' population a free ambulance reaches within thresholdSec (blue-light drive)" },
    areas: { type: "array", items: { type: "object", properties: { areaCode: { type: "string" }, areaName: { type: "string" }, share: { type: "number" } } } },
  },
} as const;

const queryString = (description: string) => ({ type: "string", pattern: "^[0-9]{1,6}$", description }) as const;
const forecastQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    minutes: queryString(`minutes ahead, ${FORECAST_LIMITS.minutes.min}–${FORECAST_LIMITS.minutes.max} (default ${FORECAST_LIMITS.minutes.default})`),
    replications: queryString(`short simulations, ${FORECAST_LIMITS.replications.min}–${FORECAST_LIMITS.replications.max} (default ${FORECAST_LIMITS.replications.default}); replications × minutes ≤ ${MAX_FORECAST_REPLICATION_MINUTES}`),
    seed: queryString("seed of the replications (default: the server's); the same state and seed give the same forecast"),
    access_token: { type: "string" },
  },
} as const;
const tokenQuery = { type: "object", additionalProperties: false, properties: { access_token: { type: "string" } } } as const;

/**
 * Decision support on the live state (issue 12; packages/live/src/advice): units ranked for an
 * incident, move-up advice, coverage now (computed on the event loop: they take milliseconds) and
 * the next-hour forecast (short simulations, in a worker thread of the task pool). Every answer
 * holds at the state's asOf. The engine inputs (travel model) are prepared once, when the routes are registered.
 */
export function liveAdviceRoutes(app: FastifyInstance, source: LiveAdviceSource, options: LiveAdviceOptions): void {
  let prepared: Promise<AdviceContext> | undefined;
  const advice = () => (prepared ??= prepareRun(source.scenario, { dataDir: options.dataDir, cacheDir: options.cacheDir }).then((run) => adviceContext(source.scenario, run.inputs)));
  // Prepared at once (the travel model takes seconds on a road network), so the first dispatcher's
  // request does not wait for it; a failure is answered on each request that needs it.
  advice().catch(() => undefined);
  const scenarioKey = createHash("sha256").update(JSON.stringify(source.scenario)).digest("hex");
  const config = { live: "viewer" as const, queryToken: true };
  /** The picture now; a state without events cannot be advised on. */
  const picture = (): AdvicePicture => {
    const view = source.view();
    if (view.asOf === null) throw new ConflictError("the live state has no events yet: post events first");
    return view;
  };
  const answer = async <T>(work: () => T | Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PictureError) throw new ConflictError(error.message);
      throw error;
    }
  };

  app.get<{ Params: { id: string }; Querystring: { at?: string } }>(
    "/api/live/incidents/:id/recommendation",
    {
      config,
      schema: {
        tags,
        summary: "Units ranked for an open incident by the engine's arrival estimate across AMK borders; the scenario's dispatch policy's own choice first",
        params: idParams,
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { at: { type: "string", maxLength: 40, description: "the moment of the advice, ISO-8601, at or after the state's latest event (default: that event's time)" }, access_token: { type: "string" } },
        },
        response: {
          200: {
            type: "object",
            properties: {
              incidentId: { type: "string" },
              asOf: { type: "string" },
              policy: { type: "string" },
              units: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    unitId: { type: "string" },
                    owner: { type: "string" },
                    amk: { type: "string" },
                    status: { type: "string" },
                    etaSec: { type: "number" },
                    ownOrganisation: { type: "boolean" },
                    interAmk: { type: ["object", "null"], properties: { from: { type: "string" }, to: { type: "string" }, delaySec: { type: "number" } } },
                  },
                },
              },
            },
          },
          ...adviceErrors,
        },
      },
    },
    async (request) => {
      const context = await advice();
      const view = picture();
      if (!view.incidents.some((incident) => incident.incidentId === request.params.id)) throw new NotFoundError("open incident", request.params.id);
      const at = request.query.at;
      if (at !== undefined && Number.isNaN(Date.parse(at))) throw new BadRequestError("at is not an ISO-8601 time", [{ field: "querystring.at", message: "an ISO-8601 time such as 2026-12-02T08:15:00Z" }]);
      return answer(() => recommendUnits(context, view, request.params.id, at === undefined ? undefined : new Date(at).toISOString()));
    },
  );

  app.get(
    "/api/live/move-up",
    {
      config,
      schema: {
        tags,
        summary: "Which idle ambulance should move where (the scenario's compliance table, else dynamic MEXCLP), with the coverage each move adds",
        querystring: tokenQuery,
        response: {
          200: {
            type: "object",
            properties: {
              asOf: { type: "string" },
              policy: { type: "string" },
              coverageNow: coverageSchema,
              coverageAfter: coverageSchema,
              moves: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    unitId: { type: "string" },
                    fromLocationId: { type: "string" },
                    toLocationId: { type: "string" },
                    coverageGain: { type: "number", description: "Change of the plain covered share (0–1): population reached by at least one free unit within 12 min." },
                    expectedCoverageGain: { type: "number", description: "Change of MEXCLP's expected coverage of red demand (0–1), the quantity dynamic MEXCLP maximises." },
                  },
                },
              },
              expectedCoverage: {
                type: "object",
                description: "MEXCLP's expected coverage of red demand (Daskin 1983): a zone reached by k free units counts its red rate × (1 − q^k).",
                properties: { busyFraction: { type: "number" }, thresholdSec: { type: "number" }, now: { type: "number" }, after: { type: "number" } },
              },
            },
          },
          ...adviceErrors,
        },
      },
    },
    async () => {
      const context = await advice();
      return answer(() => moveUpAdvice(context, picture()));
    },
  );

  app.get(
    "/api/live/coverage",
    {
      config,
      schema: { tags, summary: "Share of each area's population a free ambulance reaches within 12 minutes now", querystring: tokenQuery, response: { 200: coverageSchema, ...adviceErrors } },
    },
    async () => {
      const context = await advice();
      return answer(() => coverageNow(context, picture()));
    },
  );

  app.get<{ Querystring: { minutes?: string; replications?: string; seed?: string } }>(
    "/api/live/forecast",
    {
      config,
      schema: {
        tags,
        summary: "The next minutes from the live state: per area the probability that a red call waits for a unit and the expected coverage, from short simulations started at the present state",
        querystring: forecastQuery,
        response: {
          200: {
            type: "object",
            properties: {
              asOf: { type: "string" },
              minutes: { type: "integer" },
              replications: { type: "integer" },
              seed: { type: "integer" },
              sampleEverySec: { type: "number" },
              areas: {
                type: "array",
                items: { type: "object", properties: { areaCode: { type: "string" }, areaName: { type: "string" }, redCalls: { type: "number" }, redWaitProbability: estimate, coverage: estimate } },
              },
              limitations: { type: "array", items: { type: "object", properties: { code: { type: "string", enum: FORECAST_LIMITATIONS.map((limitation) => limitation.code) }, text: { type: "string" } } } },
            },
          },
          ...adviceErrors,
        },
      },
    },
    async (request) => {
      const minutes = bounded(request.query.minutes, "minutes", FORECAST_LIMITS.minutes);
      const replications = bounded(request.query.replications, "replications", FORECAST_LIMITS.replications);
      const seed = request.query.seed === undefined ? (options.forecastSeed ?? 1) : Number(request.query.seed);
      if (replications * minutes > MAX_FORECAST_REPLICATION_MINUTES) {
        throw new BadRequestError(`replications × minutes is ${replications * minutes}; at most ${MAX_FORECAST_REPLICATION_MINUTES}`, [{ field: "querystring.replications", message: `at most ${Math.floor(MAX_FORECAST_REPLICATION_MINUTES / minutes)} for ${minutes} minutes` }]);
      }
      const context = await advice();
      const view = picture();
      // Checked here, so a state the scenario cannot hold is a clear 409, not a failed worker.
      await answer(() => pictureSnapshot(context, view, { aheadSec: minutes * 60 }));
      return options.tasks.run({ kind: "live-forecast", scenario: source.scenario, scenarioKey, dataDir: options.dataDir, cacheDir: options.cacheDir, picture: view, options: { minutes, replications, seed } }, { timeoutMs: FORECAST_TIMEOUT_MS });
    },
  );
}

function bounded(raw: string | undefined, name: string, limits: { min: number; max: number; default: number }): number {
  if (raw === undefined) return limits.default;
  const value = Number(raw);
  if (value < limits.min || value > limits.max) throw new BadRequestError(`${name} must be between ${limits.min} and ${limits.max}`, [{ field: `querystring.${name}`, message: `between ${limits.min} and ${limits.max}` }]);
  return value;
}
