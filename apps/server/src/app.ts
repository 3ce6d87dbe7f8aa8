import { join } from "node:path";
import type { Socket } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import swagger from "@fastify/swagger";
import { pruneMatrixCache, resolveDataDir } from "@akutt/geo";
import { errorSchema, installErrorHandler, type ErrorBody } from "./errors.js";
import { JobManager } from "./jobs.js";
import { jobRoutes } from "./routes/jobs.js";
import { optimisationRoutes } from "./routes/optimisations.js";
import { DEFAULT_MAX_EVENT_STREAMS, EventStreamLimit } from "./routes/event-streams.js";
import { mapRoutes } from "./routes/map.js";
import { DEFAULT_MAX_INDICATOR_REQUESTS, indicatorRoutes } from "./routes/indicators.js";
import { liveRoutes } from "./routes/live.js";
import { liveAdviceRoutes } from "./routes/live-advice.js";
import type { RouteContext } from "./routes/context.js";
import { scenarioRoutes } from "./routes/scenarios.js";
import { webRoutes } from "./routes/web.js";
import { Catalog } from "./scenarios/catalog.js";
import { installAccessControl } from "./security/access.js";
import { Store } from "./store.js";
import { TaskPool } from "./tasks/pool.js";
import type { LiveService, LiveTokens } from "@akutt/live";

export interface AppOptions {
  stateDir: string;
  dataDir?: string | undefined;
  /** The mission warehouse (DuckDB file of `akutt data import`) the indicator page reads; none: the page says how to import one. */
  warehouse?: string | undefined;
  /** When set, every API request needs `Authorization: Bearer <token>` (event streams and downloads also take ?access_token=). */
  token?: string | undefined;
  /** Host names the server answers for (Host header, without port); undefined: any (in-process use and tests). */
  allowedHosts?: readonly string[] | undefined;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Simulation workers at a time (default: one per core). */
  maxWorkers?: number;
  /** Threads that parse, check and load scenarios off the event loop (default 2). */
  scenarioThreads?: number;
  /** Longest a scenario check or load may take before its worker is stopped (default 20 s). */
  scenarioTaskTimeoutMs?: number;
  /** Largest size of the travel-time matrix cache in the state folder, in bytes (default 512 MiB). */
  matrixCacheBytes?: number;
  /** Serve the web page (default true; API tests switch it off to skip the bundle). */
  web?: boolean;
  /** Progress event streams open at once, over all clients (default 64); beyond it a new stream gets 503. */
  maxEventStreams?: number;
  /** Indicator requests running or waiting for the warehouse at once (default 16); beyond it a new one gets 503. */
  maxIndicatorRequests?: number;
  /**
   * Live mode (docs/live.md): the live store (its scenario, event log and audit log), the tokens per
   * AMK (absent: the server's own access rule, and whoever passes it acts for every AMK) and the
   * most live streams open at once. Closed with the app.
   */
  live?: { service: LiveService; tokens?: LiveTokens | undefined; maxStreams?: number } | undefined;
  /** Log level (default "error": every 5xx with its cause, on standard error). */
  logLevel?: "silent" | "error" | "warn" | "info" | "debug";
}

export interface AkuttApp {
  app: FastifyInstance;
  store: Store;
  jobs: JobManager;
  /** The live store in live mode. */
  live: LiveService | undefined;
  /** Stops workers (their jobs are marked failed), closes the server and the database. */
  close(): Promise<void>;
}

/** Longest accepted request URL (path and query) in characters. */
export const MAX_URL_LENGTH = 4096;
/** Longest accepted request head (request line and headers) in bytes; Node answers 431 beyond it. */
export const MAX_HEADER_BYTES = 16 * 1024;

export async function createApp(options: AppOptions): Promise<AkuttApp> {
  const dataDir = resolveDataDir(options.dataDir);
  const cacheDir = join(options.stateDir, "matrix-cache");
  const matrixCacheBytes = options.matrixCacheBytes ?? 512 * 1024 * 1024;
  const store = await Store.open(options.stateDir);
  const jobs = new JobManager(store, options.maxWorkers, () => pruneMatrixCache(cacheDir, matrixCacheBytes));
  const tasks = new TaskPool({ threads: options.scenarioThreads, timeoutMs: options.scenarioTaskTimeoutMs });
  const catalog = new Catalog(store, tasks, options.stateDir, dataDir);
  const app = Fastify({
    logger: { level: options.logLevel ?? "error", stream: process.stderr },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
    requestTimeout: 60_000,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    // Values are taken as sent: an id is a string, never a number or a list coerced into one.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false } },
    clientErrorHandler: answerClientError,
  });
  installErrorHandler(app);
  installAccessControl(app, { token: options.token, allowedHosts: options.allowedHosts, maxUrlLength: MAX_URL_LENGTH, liveTokens: options.live?.tokens });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Akutt API", version: "0.2.0", description: "Scenarios, variants, simulation runs and comparisons of the Akutt planning tool (docs/web.md). Every operation needs the bearer token when the server was started with one." },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "the token given to akutt serve (--token or AKUTT_TOKEN); on the live routes (tag live), when the server has a live tokens file (--live-tokens), a token of that file: a viewer's reads, a dispatcher's also posts events" } } },
      security: [{ bearer: [] }],
    },
  });

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/api/health", { schema: { summary: "Liveness: answers at once whatever the server is doing", response: { 200: { type: "object", properties: { ok: { type: "boolean" } } }, 401: errorSchema } } }, async () => ({ ok: true }));

  const context: RouteContext = { store, jobs, catalog, tasks, dataDir, warehouse: options.warehouse, cacheDir, eventStreams: new EventStreamLimit(options.maxEventStreams ?? DEFAULT_MAX_EVENT_STREAMS), live: options.live?.service };
  scenarioRoutes(app, context);
  jobRoutes(app, context);
  optimisationRoutes(app, context);
  mapRoutes(app, context);
  indicatorRoutes(app, context, options.maxIndicatorRequests ?? DEFAULT_MAX_INDICATOR_REQUESTS);
  if (options.live) liveRoutes(app, options.live.service, { maxStreams: options.live.maxStreams });
  if (options.live) liveAdviceRoutes(app, options.live.service, { tasks, dataDir, cacheDir });
  if (options.web ?? true) webRoutes(app);

  await app.ready();
  return {
    app,
    store,
    jobs,
    live: options.live?.service,
    async close() {
      await jobs.stopAll();
      await app.close();
      await tasks.close();
      await store.close();
      await options.live?.service.close();
    },
  };
}

/** Errors Node raises before a request reaches Fastify (an oversized head, a malformed request line), in the API's error shape. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const [status, reason, body]: [number, string, ErrorBody] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", { error: "headers-too-large", message: `the request line and headers are longer than ${MAX_HEADER_BYTES} bytes` }]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", { error: "request-timeout", message: "the request took too long to arrive" }]
        : [400, "Bad Request", { error: "bad-request", message: "malformed HTTP request" }];
  const json = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
}
