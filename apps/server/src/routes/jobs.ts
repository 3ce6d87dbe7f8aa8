import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { textIn, type LocalText } from "@akutt/model";
import { ConflictError, NotFoundError, ServiceUnavailableError, errorSchema } from "../errors.js";
import type { JobManager, JobProgress } from "../jobs.js";
import type { JobSpec, JobVariant } from "../job-types.js";
import type { ScenarioEntry } from "../scenarios/catalog.js";
import type { JobKind, JobRecord } from "../store.js";
import { idParams, errorResponses, type RouteContext } from "./context.js";
import type { EventStreamLimit } from "./event-streams.js";

const MAX_REPLICATIONS = 200;
export const jobSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    kind: { type: "string", enum: ["run", "comparison", "optimisation"] },
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
export const seed = { type: "integer", minimum: 0, maximum: 2 ** 31 - 1, default: 1 } as const;

/** A job record with its live (or final) progress, as every job route answers. */
export async function jobView(jobs: JobManager, record: JobRecord): Promise<JobRecord & { done: number; total: number }> {
  const progress = await jobs.progress(record.id, record.kind);
  return { ...record, status: progress?.status ?? record.status, error: progress?.error ?? record.error, done: progress?.done ?? 0, total: progress?.total ?? 0 };
}

const TAGS: Record<JobKind, string> = { run: "runs", comparison: "comparisons", optimisation: "optimisations" };
const RESULTS: Record<JobKind, string> = {
  run: "Results: {report: SimulationReport (docs/report-format.md), extras: per-zone figures and response-time histograms}",
  comparison: "Results: the ComparisonReport (docs/comparison-format.md)",
  optimisation: "Results: {siting, sites, plans, ranking} — the MIP's plans, their sites and overlays, and the PlanRanking (docs/ranking.md)",
};

export function jobRoutes(app: FastifyInstance, { store, jobs, catalog, dataDir, cacheDir, eventStreams }: RouteContext): void {
  const findJob = async (kind: JobKind, id: string): Promise<JobRecord> => {
    const record = await store.job(id);
    if (!record || record.kind !== kind) throw new NotFoundError(kind, id);
    return record;
  };
  /** A job's view of a scenario; a variant is described by what it changes, in each language, not by its parent's description. */
  const jobVariant = async (entry: ScenarioEntry, text: LocalText): Promise<JobVariant> => {
    if (entry.kind !== "variant") return { id: entry.id, label: entry.name, file: entry.file, description: textIn(text, "en"), descriptions: { nb: textIn(text, "nb"), en: textIn(text, "en") } };
    const { parent, changes } = await catalog.changes(entry.id);
    const list = (language: "nb" | "en") => changes.slice(0, 12).map((change) => change.summary[language]).join("; ") + (changes.length > 12 ? "; …" : "");
    const nb = changes.length === 0 ? `Variant av ${parent?.name ?? entry.parent} uten endringer` : `Variant av ${parent?.name ?? entry.parent}: ${list("nb")}`;
    const en = changes.length === 0 ? `Variant of ${parent?.name ?? entry.parent} with no changes` : `Variant of ${parent?.name ?? entry.parent}: ${list("en")}`;
    return { id: entry.id, label: entry.name, file: entry.file, description: en, descriptions: { nb, en } };
  };

  app.post<{ Body: { scenarioId: string; seed?: number; replications?: number } }>(
    "/api/runs",
    {
      schema: {
        summary: "Start a simulation run in a worker thread",
        tags: ["runs"],
        body: { type: "object", required: ["scenarioId"], additionalProperties: false, properties: { scenarioId: { type: "string", minLength: 1, maxLength: 200 }, seed, replications: { type: "integer", minimum: 1, maximum: MAX_REPLICATIONS, default: 10 } } },
        response: { 202: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { entry, scenario } = await catalog.load(request.body.scenarioId); // 404 / 422 before a worker starts (checked in the task pool, cached)
      const spec: JobSpec = { kind: "run", name: scenario.metadata.name, variants: [{ id: entry.id, label: entry.name, file: entry.file }], seed: request.body.seed ?? 1, replications: request.body.replications ?? 10, dataDir, cacheDir };
      return reply.status(202).send(await jobView(jobs, await jobs.start(spec)));
    },
  );

  app.post<{ Body: { scenarioIds: string[]; seed?: number; replications?: number; name?: string; years?: number[]; growth?: string } }>(
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
            scenarioIds: { type: "array", minItems: 2, maxItems: 8, uniqueItems: true, items: { type: "string", minLength: 1, maxLength: 200 } },
            seed,
            replications: { type: "integer", minimum: 2, maximum: MAX_REPLICATIONS, default: 10 },
            name: { type: "string", maxLength: 200 },
            years: { type: "array", minItems: 1, maxItems: 5, uniqueItems: true, items: { type: "integer", minimum: 1900, maximum: 2200 }, description: "also run every scenario with its demand projected to these years (10 replications each; docs/scenario-reference.md 'projection')" },
            growth: { type: "string", minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]*$", description: "growth alternative of the projections (default: the baseline scenario's first)" },
          },
        },
        response: { 202: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const variants: JobVariant[] = [];
      for (const id of request.body.scenarioIds) {
        const { entry, scenario } = await catalog.load(id);
        variants.push(await jobVariant(entry, scenario.metadata.description));
      }
      const name = request.body.name ?? `${variants[0]!.label} ↔ ${variants.slice(1).map((variant) => variant.label).join(", ")}`;
      const { years, growth } = request.body;
      // Each scenario is projected in the task pool first, so a year outside the data is a 400 with its field.
      if (years) for (const id of request.body.scenarioIds) await catalog.checkProjections(id, years, growth);
      const spec: JobSpec = { kind: "comparison", name, variants, seed: request.body.seed ?? 1, replications: request.body.replications ?? 10, dataDir, cacheDir, ...(years ? { projections: { years, growth } } : {}) };
      return reply.status(202).send(await jobView(jobs, await jobs.start(spec)));
    },
  );

  for (const [kind, base] of [["run", "/api/runs"], ["comparison", "/api/comparisons"], ["optimisation", "/api/optimisations"]] as const) {
    const tags = [TAGS[kind]];
    app.get(base, { schema: { summary: `List ${tags[0]}`, tags, response: { 200: { type: "object", properties: { jobs: { type: "array", items: jobSchema } } } } } }, async () => ({
      jobs: await Promise.all((await store.jobs(kind)).map((record) => jobView(jobs, record))),
    }));
    app.get<{ Params: { id: string } }>(`${base}/:id`, { schema: { summary: `Status and progress of a ${kind}`, tags, params: idParams, response: { 200: jobSchema, 404: errorSchema } } }, async (request) =>
      jobView(jobs, await findJob(kind, request.params.id)),
    );
    app.get<{ Params: { id: string } }>(
      `${base}/:id/events`,
      {
        config: { queryToken: true },
        schema: { summary: `Progress as server-sent events (event: progress, then one of done, failed, cancelled); the token may be given as ?access_token=`, tags, params: idParams, querystring: { type: "object", properties: { access_token: { type: "string" } } }, produces: ["text/event-stream"], response: { 404: errorSchema, 503: errorSchema } },
      },
      async (request, reply) => streamProgress(jobs, eventStreams, await findJob(kind, request.params.id), request, reply),
    );
    app.delete<{ Params: { id: string } }>(`${base}/:id`, { schema: { summary: `Cancel a queued or running ${kind}`, tags, params: idParams, response: { 200: jobSchema, 404: errorSchema, 409: errorSchema } } }, async (request) => {
      const record = await findJob(kind, request.params.id);
      if (!(await jobs.cancel(record.id))) throw new ConflictError(`${kind} ${record.id} is ${record.status}, not running`);
      return jobView(jobs, (await store.job(record.id))!);
    });
    app.get<{ Params: { id: string } }>(
      `${base}/:id/results`,
      { schema: { summary: RESULTS[kind], tags, params: idParams, response: { 404: errorSchema, 409: errorSchema } } },
      async (request, reply) => {
        const record = await findJob(kind, request.params.id);
        const result = await store.result(record.id, "result");
        if (result === undefined) throw new ConflictError(`${kind} ${record.id} is ${(await jobView(jobs, record)).status}; results exist only when it is done`);
        return reply.type("application/json; charset=utf-8").send(result);
      },
    );
  }

  app.get<{ Params: { id: string }; Querystring: { lang?: "nb" | "en"; download?: "true" | "false" | "1" | "0" } }>(
    "/api/comparisons/:id/export.html",
    {
      config: { queryToken: true },
      schema: {
        summary: "The comparison as a self-contained HTML report (maps, tables, charts; printable to PDF); the token may be given as ?access_token=",
        tags: ["comparisons"],
        params: idParams,
        querystring: { type: "object", additionalProperties: false, properties: { lang: { type: "string", enum: ["nb", "en"], default: "nb" }, download: { type: "string", enum: ["true", "false", "1", "0"], default: "false" }, access_token: { type: "string" } } },
        produces: ["text/html"],
        response: { 404: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const record = await findJob("comparison", request.params.id);
      const html = await store.result(record.id, request.query.lang === "en" ? "html_en" : "html_nb");
      if (html === undefined) throw new ConflictError(`comparison ${record.id} is not done`);
      if (request.query.download === "true" || request.query.download === "1") void reply.header("content-disposition", `attachment; filename="akutt-comparison-${record.id.slice(0, 8)}.${request.query.lang ?? "nb"}.html"`);
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );
}

async function streamProgress(jobs: JobManager, limit: EventStreamLimit, record: JobRecord, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const release = limit.acquire();
  if (!release) throw new ServiceUnavailableError(`${limit.max} progress streams are already open; close one or poll the job instead`);
  // Released exactly once whichever way the stream ends: job over, client gone, or an error here.
  reply.raw.on("close", release);
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
