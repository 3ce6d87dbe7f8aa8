import { errorSchema } from "../errors.js";
import type { JobManager } from "../jobs.js";
import type { Catalog } from "../scenarios/catalog.js";
import type { Store } from "../store.js";
import type { TaskPool } from "../tasks/pool.js";
import type { LiveService } from "@akutt/live";
import type { EventStreamLimit } from "./event-streams.js";

/** What the route modules share. */
export interface RouteContext {
  store: Store;
  jobs: JobManager;
  catalog: Catalog;
  tasks: TaskPool;
  dataDir: string;
  /** The mission warehouse the indicator routes read (absolute path), if the server was given one. */
  warehouse: string | undefined;
  cacheDir: string;
  /** Open progress streams; each holds a socket until its job ends, so they are counted and capped. */
  eventStreams: EventStreamLimit;
  /** The live store when the server runs in live mode (akutt serve --live); the live routes are registered only then. */
  live: LiveService | undefined;
}

/** Schema of a path id: a plain string (never coerced from a number or a list), bounded. */
export const idParams = { type: "object", required: ["id"], additionalProperties: false, properties: { id: { type: "string", minLength: 1, maxLength: 200 } } } as const;

export const scenarioEntrySchema = {
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

/** The error answers every API route may give, in the one error shape. */
export const errorResponses = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema, 422: errorSchema, 503: errorSchema } as const;
