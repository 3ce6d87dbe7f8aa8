import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LIVE_EVENT_JSON_SCHEMA, MAX_EVENTS_PER_POST, UNIT_STATUSES, type LiveService, type PostResult } from "@akutt/live";
import { BadRequestError, errorSchema, ServiceUnavailableError } from "../errors.js";
import { EventStreamLimit } from "./event-streams.js";

/** Largest body of a post of events: 1000 events of the contract fit with room to spare. */
export const MAX_LIVE_POST_BYTES = 1024 * 1024;
/** Live state streams open at once by default (every dispatcher's and viewer's page holds one). */
export const DEFAULT_MAX_LIVE_STREAMS = 64;
/** Keep-alive comment interval of a state stream, so proxies do not close an idle stream. */
const KEEP_ALIVE_MS = 15_000;
/** A stream whose client reads slower than this much unsent data is closed (it reconnects and gets the whole state). */
const MAX_UNSENT_BYTES = 8 * 1024 * 1024;

const tags = ["live"];
const liveErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 413: errorSchema, 415: errorSchema, 503: errorSchema } as const;

const positionProperties = { lat: { type: "number" }, lon: { type: "number" } } as const;
const unitSchema = {
  type: "object",
  description: "A unit now: its owner (health trust) and the AMK that dispatches it, status, the incident of a mission status, last position (the home station's until a unit.position)",
  properties: {
    unitId: { type: "string" },
    type: { type: "string" },
    owner: { type: "string" },
    amk: { type: "string" },
    stationId: { type: "string" },
    status: { type: "string", enum: [...UNIT_STATUSES] },
    incidentId: { type: ["string", "null"] },
    statusSince: { type: ["string", "null"], format: "date-time" },
    freeSince: { type: ["string", "null"], format: "date-time", description: "while free: since it left its mission or service (or its first report); null when not free or free since before the first event. Dispatch ties of equal ETA go to the unit free longest" },
    ...positionProperties,
    positionTime: { type: ["string", "null"], format: "date-time" },
  },
} as const;
const incidentSchema = {
  type: "object",
  description: "An incident: waitingSince is set while it waits for a unit (none assigned and none has reached the scene)",
  properties: {
    incidentId: { type: "string" },
    amk: { type: "string" },
    urgency: { type: "string", enum: ["red", "yellow", "green"] },
    nimnCriterion: { type: ["string", "null"] },
    location: { type: "object", properties: { zoneId: { type: "string" }, ...positionProperties } },
    createdAt: { type: "string", format: "date-time" },
    closedAt: { type: ["string", "null"], format: "date-time" },
    units: { type: "array", items: { type: "string" } },
    waitingSince: { type: ["string", "null"], format: "date-time" },
    firstAlertedAt: { type: ["string", "null"], format: "date-time" },
    firstAtSceneAt: { type: ["string", "null"], format: "date-time" },
  },
} as const;
const changeSchema = { type: "object", description: "An earlier event whose outcome a late event changed (before/after: refusal reason, absent when accepted)", properties: { id: { type: "string" }, before: { type: "string" }, after: { type: "string" } } } as const;
const stateSchema = {
  type: "object",
  properties: {
    asOf: { type: ["string", "null"], format: "date-time", description: "time of the latest accepted event" },
    events: { type: "integer", description: "events received (accepted and refused in time order)" },
    units: { type: "array", items: unitSchema },
    incidents: { type: "array", items: incidentSchema, description: "open incidents, oldest first" },
    closedIncidents: { type: "integer" },
  },
} as const;
const postResultSchema = {
  type: "object",
  properties: {
    accepted: { type: "integer" },
    duplicates: { type: "integer", description: "events whose id was received before with the same content: they change nothing" },
    refused: { type: "array", items: { type: "object", properties: { id: { type: "string", description: "the event's id, or #n (its place in the list) when it has no usable id" }, reason: { type: "string" } } } },
    changed: { type: "array", items: changeSchema },
  },
} as const;

/**
 * The live routes (docs/live.md): post events, read the state, follow it as server-sent events.
 * Access (a token per AMK with a role) is decided by the access hook from each route's `live`
 * config; this module writes the audit line of every live request, whoever registered the route.
 */
export function liveRoutes(app: FastifyInstance, live: LiveService, options: { maxStreams?: number } = {}): void {
  const streams = new EventStreamLimit(options.maxStreams ?? DEFAULT_MAX_LIVE_STREAMS);

  // Before the answer leaves: a request the client saw answered is in the audit log (on disk).
  // Streams, which are answered by hand, are audited when they open (below).
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.routeOptions.config?.live === undefined) return payload;
    const who = request.liveIdentity;
    await live
      .audit({ who: who?.name ?? "anonymous", amk: who?.amk ?? null, role: who?.role ?? null, method: request.method, route: request.routeOptions.url ?? "", status: reply.statusCode, ...auditDetail.get(request) })
      .catch((error: unknown) => request.log.error({ err: error }, "the live audit log could not be written"));
    return payload;
  });

  app.post(
    "/api/live/events",
    {
      config: { live: "dispatcher" },
      bodyLimit: MAX_LIVE_POST_BYTES,
      // The body is checked event by event below (one bad event is refused, the others are taken);
      // the schema is the OpenAPI document's description of the events.
      validatorCompiler: () => () => true,
      schema: {
        summary: `Post one event or a list of up to ${MAX_EVENTS_PER_POST} (dispatcher token). Each is checked on its own: refused with a reason when it breaks the schema, carries a patient identifier (an identity number, a name or free-text field), names a unit, zone or AMK the scenario lacks, reuses an id for another event, or is impossible in time order (a unit at two scenes, a closed or unknown incident, a status change not allowed). Answered after the accepted and time-order-refused events are on disk.`,
        tags,
        body: { oneOf: [LIVE_EVENT_JSON_SCHEMA, { type: "array", maxItems: MAX_EVENTS_PER_POST, items: LIVE_EVENT_JSON_SCHEMA }] },
        response: { 200: postResultSchema, ...liveErrors },
      },
    },
    async (request) => {
      const body = request.body;
      const events = Array.isArray(body) ? body : [body];
      if (body === null || typeof body !== "object") throw new BadRequestError("the body is one event (a JSON object) or a list of events", [{ field: "body", message: "expected an object or an array" }]);
      if (events.length === 0) throw new BadRequestError("the list of events is empty", [{ field: "body", message: "expected at least one event" }]);
      if (events.length > MAX_EVENTS_PER_POST) throw new BadRequestError(`at most ${MAX_EVENTS_PER_POST} events per post`, [{ field: "body", message: `${events.length} events; send at most ${MAX_EVENTS_PER_POST} at a time` }]);
      let result: PostResult;
      try {
        result = await live.post(events, request.liveIdentity!);
      } catch (error) {
        throw new ServiceUnavailableError("the event log could not be written; nothing of this post was accepted", error);
      }
      auditDetail.set(request, { accepted: result.accepted, duplicates: result.duplicates, refused: result.refused, ...(result.changed.length > 0 ? { changed: result.changed } : {}) });
      return result;
    },
  );

  app.get(
    "/api/live/state",
    { config: { live: "viewer" }, schema: { summary: "The live state: every unit of every AMK with status, owner and position, and the open incidents with their waiting time", tags, response: { 200: stateSchema, ...liveErrors } } },
    async () => ({ ...live.view(), events: live.ledger.size }),
  );

  app.get<{ Querystring: { access_token?: string } }>(
    "/api/live/stream",
    {
      config: { live: "viewer", queryToken: true },
      schema: {
        summary: "The live state as server-sent events: `event: state` (data: the state, as GET /api/live/state) when the stream opens, then `event: delta` (data: { asOf, units, incidents, changed }: the units and incidents whose record changed, closed incidents included, and outcome changes) after every post that changed something; a comment line every 15 s keeps it open. The token may be given as ?access_token=",
        tags,
        querystring: { type: "object", additionalProperties: false, properties: { access_token: { type: "string", maxLength: 512 } } },
        produces: ["text/event-stream"],
        response: { 200: { type: "string", description: "text/event-stream" }, ...liveErrors },
      },
    },
    async (request, reply) => stream(live, streams, request, reply),
  );
}

/** What the audit line of a request adds (the outcome of a post), kept until the response is sent. */
const auditDetail = new WeakMap<FastifyRequest, Partial<Pick<PostResult, "accepted" | "duplicates" | "refused" | "changed">>>();

async function stream(live: LiveService, limit: EventStreamLimit, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const release = limit.acquire();
  if (!release) throw new ServiceUnavailableError(`${limit.max} live streams are already open; close one or poll GET /api/live/state`);
  reply.raw.on("close", release);
  const who = request.liveIdentity!;
  await live.audit({ who: who.name, amk: who.amk, role: who.role, method: request.method, route: request.routeOptions.url ?? "", status: 200, note: "stream opened" });
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
  raw.write(`event: state\ndata: ${JSON.stringify({ ...live.view(), events: live.ledger.size })}\n\n`);
  const unsubscribe = live.subscribe((delta) => {
    if (raw.writableLength > MAX_UNSENT_BYTES) raw.destroy();
    else raw.write(`event: delta\ndata: ${JSON.stringify(delta)}\n\n`);
  });
  const keepAlive = setInterval(() => raw.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  request.raw.on("close", () => {
    unsubscribe();
    clearInterval(keepAlive);
  });
}
