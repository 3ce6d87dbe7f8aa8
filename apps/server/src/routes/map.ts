import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { idParams, errorResponses, type RouteContext } from "./context.js";

const latitude = { type: "number", minimum: -90, maximum: 90 } as const;
const longitude = { type: "number", minimum: -180, maximum: 180 } as const;

/** Background map, land check, drive-time areas and standby tables: what a planner needs to place a station and its free units. */
export function mapRoutes(app: FastifyInstance, { catalog, cacheDir }: RouteContext): void {
  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id/basemap",
    {
      schema: {
        summary: "Background map around the scenario as GeoJSON (properties.kind: sea, lake, builtup, place with name and rank), with attribution and notes on what the data lacks",
        tags: ["map"],
        params: idParams,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const entry = await catalog.entry(request.params.id);
      const layers = await catalog.mapLayer(entry, "basemap");
      const body = JSON.stringify(layers);
      const etag = `"basemap-${createHash("sha256").update(body).digest("hex").slice(0, 20)}"`;
      void reply.header("etag", etag).header("cache-control", "private, max-age=3600");
      if (request.headers["if-none-match"] === etag) return reply.status(304).send();
      return reply.type("application/json; charset=utf-8").send(body);
    },
  );

  app.post<{ Params: { id: string }; Body: { lat: number; lon: number } }>(
    "/api/scenarios/:id/land-check",
    {
      schema: {
        summary: "Whether a point is on land (not in the sea or a fjord) by the municipality boundaries; the server refuses saving a station or standby point that is not",
        tags: ["map"],
        params: idParams,
        body: { type: "object", required: ["lat", "lon"], additionalProperties: false, properties: { lat: latitude, lon: longitude } },
        response: { 200: { type: "object", properties: { onLand: { type: "boolean" } } }, ...errorResponses },
      },
    },
    async (request) => {
      await catalog.entry(request.params.id);
      return { onLand: await catalog.onLand(request.body.lat, request.body.lon) };
    },
  );

  app.post<{ Params: { id: string }; Body: { lat?: number; lon?: number; station?: string } }>(
    "/api/scenarios/:id/drive-times",
    {
      schema: {
        summary: "Drive times at emergency (red) speed from a point, or from one of the scenario's stations or standby points, to every zone's centre, by the scenario's own travel model (null: unreachable)",
        tags: ["map"],
        params: idParams,
        body: {
          oneOf: [
            { type: "object", required: ["lat", "lon"], additionalProperties: false, properties: { lat: latitude, lon: longitude } },
            { type: "object", required: ["station"], additionalProperties: false, properties: { station: { type: "string", minLength: 1, maxLength: 200 } } },
          ],
        },
        response: {
          200: {
            type: "object",
            properties: {
              travelModel: { type: "string" },
              urgency: { type: "string", enum: ["red"] },
              from: { type: "object", properties: { lat: { type: "number" }, lon: { type: "number" }, station: { type: ["string", "null"] } } },
              zones: { type: "array", items: { type: "array", prefixItems: [{ type: "string" }, { type: ["number", "null"] }] } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const entry = await catalog.entry(request.params.id);
      const body = request.body;
      const from = typeof body.station === "string" ? { station: body.station } : { lat: body.lat!, lon: body.lon! };
      return catalog.driveTimes(entry, from, cacheDir);
    },
  );

  app.post<{ Params: { id: string }; Body: { byOwner?: boolean; busyFraction?: number } }>(
    "/api/scenarios/:id/compliance-table",
    {
      schema: {
        summary: "A compliance table for the scenario (where k free ambulances should stand, k = 1 … its ambulances; MEXCLP per row, docs/optimisation.md): one pooled table, or one per owner for its own areas from its own bases; returns the relocation policy to set",
        tags: ["map"],
        params: idParams,
        body: {
          type: "object",
          additionalProperties: false,
          properties: {
            byOwner: { type: "boolean", default: false, description: "a table per owner (trust) instead of one pooled table" },
            busyFraction: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.3, description: "MEXCLP busy fraction q" },
          },
        },
        response: errorResponses,
      },
    },
    async (request) => {
      const entry = await catalog.entry(request.params.id);
      return catalog.complianceTable(entry, { byOwner: request.body.byOwner ?? false, busyFraction: request.body.busyFraction ?? 0.3 }, cacheDir);
    },
  );
}
