import { timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import swagger from "@fastify/swagger";
import { resolveDataDir } from "@akutt/geo";
import { buildWebAssets, type WebAssets } from "@akutt/web";
import { Catalog } from "./catalog.js";
import { BadRequestError, ConflictError, NotFoundError, UnauthorizedError, errorSchema, installErrorHandler } from "./errors.js";
import { scenarioGeoJson } from "./geojson.js";
import { scenarioRoads } from "./roads.js";
import { JobManager, type JobProgress } from "./jobs.js";
import type { JobSpec } from "./job-types.js";
import { Store, type JobKind, type JobRecord } from "./store.js";

export interface AppOptions {
  stateDir: string;
  dataDir?: string | undefined;
  /** When set, every /api request needs `Authorization: Bearer <token>` (or ?access_token= for event streams and downloads). */
  token?: string | undefined;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Simulation workers at a time (default 1: the machine's other core keeps the API responsive). */
  maxWorkers?: number;
  /** Serve the web page (default true; API tests switch it off to skip the bundle). */
  web?: boolean;
  logger?: boolean;
}

export interface AkuttApp {
  app: FastifyInstance;
  store: Store;
  jobs: JobManager;
  /** Stops workers (their jobs are marked failed), closes the server and the database. */
  close(): Promise<void>;
}

const MAX_REPLICATIONS = 200;
const idParams = { type: "object", required: ["id"], properties: { id: { type: "string", minLength: 1, maxLength: 200 } } } as const;
const jobSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    kind: { type: "string", enum: ["run", "comparison"] },
    status: { type: "string", enum: ["queued", "running", "done", "failed", "cancelled"] },
    scenarioIds: { type: "array", items: { type: "string" } },
    seed: { type: "integer" },
    replications: { type: "integer" },
    created: { type: "string" },
    finished: { type: ["string", "null"] },
    error: { type: ["string", "null"] },
    done: { type: "integer" },
    total: { type: "integer" },
  },
} as const;
const scenarioEntrySchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    kind: { type: "string", enum: ["shipped", "variant"] },
    path: { type: "string" },
    parent: { type: ["string", "null"] },
    created: { type: ["string", "null"] },
  },
} as const;
const errors = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema, 422: errorSchema } as const;

export async function createApp(options: AppOptions): Promise<AkuttApp> {
  const dataDir = resolveDataDir(options.dataDir);
  const store = await Store.open(options.stateDir);
  const jobs = new JobManager(store, options.maxWorkers ?? 1);
  const catalog = new Catalog(store, options.stateDir);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimit ?? 1024 * 1024, ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: "array" } } });
  installErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Akutt API", version: "0.1.0", description: "Scenarios, variants, simulation runs and comparisons of the Akutt planning tool (docs/web.md)." },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    },
  });

  if (options.token) {
    const expected = Buffer.from(options.token);
    app.addHook("onRequest", async (request) => {
      if (!request.url.startsWith("/api/")) return;
      const header = request.headers.authorization;
      const query = request.query as Record<string, unknown> | undefined;
      const given = header?.startsWith("Bearer ") ? header.slice(7) : typeof query?.access_token === "string" ? query.access_token : undefined;
      const buffer = Buffer.from(given ?? "");
      if (buffer.length !== expected.length || !timingSafeEqual(buffer, expected)) throw new UnauthorizedError();
    });
  }

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/api/health", { schema: { summary: "Liveness", response: { 200: { type: "object", properties: { ok: { type: "boolean" } } } } } }, async () => ({ ok: true }));

  // ───────────── scenarios ─────────────
  app.get("/api/scenarios", { schema: { summary: "Shipped scenarios and saved variants", tags: ["scenarios"], response: { 200: { type: "object", properties: { scenarios: { type: "array", items: scenarioEntrySchema } } } } } }, async () => ({
    scenarios: (await catalog.list()).map(({ file: _file, ...entry }) => entry),
  }));

  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id",
    { schema: { summary: "One scenario with its resolved values (overlays merged, vehicles expanded) and its vehicle records", tags: ["scenarios"], params: idParams, response: { 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { entry, scenario } = await catalog.load(request.params.id);
      const { file: _file, ...rest } = entry;
      return { ...rest, scenario: { ...scenario, file: entry.path, baseDir: undefined }, vehicleGroups: catalog.vehicleGroups(entry, scenario) };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id/geojson",
    { schema: { summary: "Map layers of a scenario as GeoJSON: areas, zones, stations, standby points, hospitals (property kind)", tags: ["scenarios"], params: idParams, response: { 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { entry, scenario } = await catalog.load(request.params.id);
      return scenarioGeoJson(scenario, catalog.vehicleGroups(entry, scenario), dataDir);
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id/roads",
    {
      schema: {
        summary: "Road links of the scenario's network (travel.model: network) inside its bounding box, as simplified GeoJSON lines (properties roadClass, ferry); empty with a note for other travel models",
        tags: ["scenarios"],
        params: idParams,
        response: { 404: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const { scenario } = await catalog.load(request.params.id);
      const roads = scenarioRoads(scenario, dataDir);
      const etag = `"roads-${roads.key}"`;
      void reply.header("etag", etag).header("cache-control", "private, max-age=3600");
      if (request.headers["if-none-match"] === etag) return reply.status(304).send();
      return reply.type("application/json; charset=utf-8").send(JSON.stringify(roads));
    },
  );

  app.post<{ Body: { yaml: string; base?: string } }>(
    "/api/scenarios/validate",
    {
      schema: {
        summary: "Check scenario YAML; 422 with located issues (line, column, field) when it is not valid",
        tags: ["scenarios"],
        body: { type: "object", required: ["yaml"], additionalProperties: false, properties: { yaml: { type: "string", minLength: 1 }, base: { type: "string", description: "scenario id whose folder `extends:` and zone files are read from" } } },
        response: { 200: { type: "object", properties: { valid: { type: "boolean" }, name: { type: "string" }, areas: { type: "integer" }, zones: { type: "integer" }, stations: { type: "integer" }, vehicles: { type: "integer" } } }, ...errors },
      },
    },
    async (request) => {
      const scenario = await catalog.validate(request.body.yaml, request.body.base);
      return { valid: true, name: scenario.metadata.name, areas: scenario.areas.length, zones: scenario.zones.length, stations: scenario.stations.length, vehicles: scenario.vehicles.length };
    },
  );

  app.post<{ Params: { id: string }; Body: { name: string; overlay: Record<string, unknown> } }>(
    "/api/scenarios/:id/variants",
    {
      schema: {
        summary: "Save a named variant: an overlay on scenario :id (records with an id change or add; remove: true removes)",
        tags: ["scenarios"],
        params: idParams,
        body: {
          type: "object",
          required: ["name", "overlay"],
          additionalProperties: false,
          properties: { name: { type: "string", minLength: 1, maxLength: 120, pattern: "\\S" }, overlay: { type: "object", description: "scenario fields that differ from the parent, as in an overlay file" } },
        },
        response: { 201: scenarioEntrySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { file: _file, ...entry } = await catalog.createVariant(request.params.id, request.body.name.trim(), request.body.overlay);
      return reply.status(201).send(entry);
    },
  );

  // ───────────── runs and comparisons ─────────────
  const jobView = async (record: JobRecord): Promise<JobRecord & { done: number; total: number }> => {
    const progress = await jobs.progress(record.id, record.kind);
    return { ...record, status: progress?.status ?? record.status, error: progress?.error ?? record.error, done: progress?.done ?? 0, total: progress?.total ?? 0 };
  };
  const findJob = async (kind: JobKind, id: string): Promise<JobRecord> => {
    const record = await store.job(id);
    if (!record || record.kind !== kind) throw new NotFoundError(kind, id);
    return record;
  };

  app.post<{ Body: { scenarioId: string; seed?: number; replications?: number } }>(
    "/api/runs",
    {
      schema: {
        summary: "Start a simulation run in a worker thread",
        tags: ["runs"],
        body: {
          type: "object",
          required: ["scenarioId"],
          additionalProperties: false,
          properties: { scenarioId: { type: "string", minLength: 1 }, seed: { type: "integer", minimum: 0, maximum: 2 ** 31 - 1, default: 1 }, replications: { type: "integer", minimum: 1, maximum: MAX_REPLICATIONS, default: 10 } },
        },
        response: { 202: jobSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { entry, scenario } = await catalog.load(request.body.scenarioId); // 404 / 422 before a worker starts
      const spec: JobSpec = { kind: "run", name: scenario.metadata.name, variants: [{ id: entry.id, label: entry.name, file: entry.file }], seed: request.body.seed ?? 1, replications: request.body.replications ?? 10, dataDir };
      return reply.status(202).send(await jobView(await jobs.start(spec)));
    },
  );

  app.post<{ Body: { scenarioIds: string[]; seed?: number; replications?: number; name?: string } }>(
    "/api/comparisons",
    {
      schema: {
        summary: "Compare two or more scenarios on common random numbers; the first is the baseline",
        tags: ["comparisons"],
        body: {
          type: "object",
          required: ["scenarioIds"],
          additionalProperties: false,
          properties: {
            scenarioIds: { type: "array", minItems: 2, maxItems: 8, uniqueItems: true, items: { type: "string", minLength: 1 } },
            seed: { type: "integer", minimum: 0, maximum: 2 ** 31 - 1, default: 1 },
            replications: { type: "integer", minimum: 2, maximum: MAX_REPLICATIONS, default: 10 },
            name: { type: "string", maxLength: 200 },
          },
        },
        response: { 202: jobSchema, ...errors },
      },
    },
    async (request, reply) => {
      const loaded = [];
      for (const id of request.body.scenarioIds) loaded.push(await catalog.load(id));
      const variants = loaded.map(({ entry, scenario }) => ({ id: entry.id, label: entry.name, file: entry.file, description: scenario.metadata.description ?? "" }));
      const name = request.body.name ?? `${variants[0]!.label} ↔ ${variants.slice(1).map((variant) => variant.label).join(", ")}`;
      const spec: JobSpec = { kind: "comparison", name, variants, seed: request.body.seed ?? 1, replications: request.body.replications ?? 10, dataDir };
      return reply.status(202).send(await jobView(await jobs.start(spec)));
    },
  );

  for (const [kind, base] of [["run", "/api/runs"], ["comparison", "/api/comparisons"]] as const) {
    const tags = [kind === "run" ? "runs" : "comparisons"];
    app.get(base, { schema: { summary: `List ${tags[0]}`, tags, response: { 200: { type: "object", properties: { jobs: { type: "array", items: jobSchema } } } } } }, async () => ({
      jobs: await Promise.all((await store.jobs(kind)).map(jobView)),
    }));
    app.get<{ Params: { id: string } }>(`${base}/:id`, { schema: { summary: `Status and progress of a ${kind}`, tags, params: idParams, response: { 200: jobSchema, 404: errorSchema } } }, async (request) =>
      jobView(await findJob(kind, request.params.id)),
    );
    app.get<{ Params: { id: string } }>(
      `${base}/:id/events`,
      { schema: { summary: `Progress as server-sent events (event: progress, then one of done, failed, cancelled)`, tags, params: idParams, produces: ["text/event-stream"] } },
      async (request, reply) => streamProgress(jobs, await findJob(kind, request.params.id), request, reply),
    );
    app.delete<{ Params: { id: string } }>(`${base}/:id`, { schema: { summary: `Cancel a queued or running ${kind}`, tags, params: idParams, response: { 200: jobSchema, 404: errorSchema, 409: errorSchema } } }, async (request) => {
      const record = await findJob(kind, request.params.id);
      if (!(await jobs.cancel(record.id))) throw new ConflictError(`${kind} ${record.id} is ${record.status}, not running`);
      return jobView((await store.job(record.id))!);
    });
    app.get<{ Params: { id: string } }>(
      `${base}/:id/results`,
      { schema: { summary: kind === "run" ? "Results: {report: SimulationReport (docs/report-format.md), extras: per-zone figures and response-time histograms}" : "Results: the ComparisonReport (docs/comparison-format.md)", tags, params: idParams, response: { 404: errorSchema, 409: errorSchema } } },
      async (request, reply) => {
        const record = await findJob(kind, request.params.id);
        const result = await store.result(record.id, "result");
        if (result === undefined) throw new ConflictError(`${kind} ${record.id} is ${(await jobView(record)).status}; results exist only when it is done`);
        return reply.type("application/json; charset=utf-8").send(result);
      },
    );
  }

  app.get<{ Params: { id: string }; Querystring: { lang?: "nb" | "en"; download?: boolean } }>(
    "/api/comparisons/:id/export.html",
    {
      schema: {
        summary: "The comparison as a self-contained HTML report (maps, tables, charts; printable to PDF)",
        tags: ["comparisons"],
        params: idParams,
        querystring: { type: "object", properties: { lang: { type: "string", enum: ["nb", "en"], default: "nb" }, download: { type: "boolean", default: false }, access_token: { type: "string" } } },
        produces: ["text/html"],
        response: { 404: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const record = await findJob("comparison", request.params.id);
      const html = await store.result(record.id, request.query.lang === "en" ? "html_en" : "html_nb");
      if (html === undefined) throw new ConflictError(`comparison ${record.id} is not done`);
      if (request.query.download) void reply.header("content-disposition", `attachment; filename="akutt-comparison-${record.id.slice(0, 8)}.${request.query.lang ?? "nb"}.html"`);
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );

  // ───────────── web page ─────────────
  if (options.web ?? true) {
    let assets: Promise<WebAssets> | undefined;
    const asset = (name: keyof WebAssets, type: string) => async (_request: FastifyRequest, reply: FastifyReply) => {
      assets ??= buildWebAssets();
      return reply.type(type).header("cache-control", "no-cache").send((await assets)[name]);
    };
    app.get("/", { schema: { hide: true } }, asset("index.html", "text/html; charset=utf-8"));
    app.get("/app.js", { schema: { hide: true } }, asset("app.js", "text/javascript; charset=utf-8"));
    app.get("/app.css", { schema: { hide: true } }, asset("app.css", "text/css; charset=utf-8"));
  }

  await app.ready();
  return {
    app,
    store,
    jobs,
    async close() {
      await jobs.stopAll();
      await app.close();
      await store.close();
    },
  };
}

async function streamProgress(jobs: JobManager, record: JobRecord, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
  const send = (progress: JobProgress) => {
    const event = progress.status === "queued" || progress.status === "running" ? "progress" : progress.status;
    raw.write(`event: ${event}\ndata: ${JSON.stringify(progress)}\n\n`);
    return event !== "progress";
  };
  const current = await jobs.progress(record.id, record.kind);
  if (!current || send(current)) {
    raw.end();
    return;
  }
  const unsubscribe = jobs.subscribe(record.id, (progress) => {
    if (send(progress)) {
      unsubscribe?.();
      clearInterval(keepAlive);
      raw.end();
    }
  });
  if (!unsubscribe) {
    // The job ended between the two looks: report its stored state.
    const final = await jobs.progress(record.id, record.kind);
    if (final) send(final);
    raw.end();
    return;
  }
  const keepAlive = setInterval(() => raw.write(": keep-alive\n\n"), 15_000);
  request.raw.on("close", () => {
    unsubscribe();
    clearInterval(keepAlive);
  });
}

export { BadRequestError };
