import type { FastifyInstance } from "fastify";
import { errorSchema } from "../errors.js";
import type { ScenarioEntry } from "../scenarios/catalog.js";
import { idParams, scenarioEntrySchema, errorResponses, type RouteContext } from "./context.js";

const publicEntry = ({ file: _file, ...entry }: ScenarioEntry) => entry;
const variantName = { type: "string", minLength: 1, maxLength: 120, pattern: "\\S" } as const;

export function scenarioRoutes(app: FastifyInstance, { catalog }: RouteContext): void {
  app.get("/api/scenarios", { schema: { summary: "Shipped scenarios and saved variants", tags: ["scenarios"], response: { 200: { type: "object", properties: { scenarios: { type: "array", items: scenarioEntrySchema } } } } } }, async () => ({
    scenarios: (await catalog.list()).map(publicEntry),
  }));

  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id",
    { schema: { summary: "One scenario with its resolved values (overlays merged, vehicles expanded) and its vehicle records", tags: ["scenarios"], params: idParams, response: { 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { entry, scenario, vehicleGroups } = await catalog.load(request.params.id);
      // The server's own paths stay on the server.
      const { file: _file, baseDir: _baseDir, sourceFiles: _sourceFiles, zonesSource: _zonesSource, readRoots: _readRoots, ...values } = scenario;
      return { ...publicEntry(entry), scenario: { ...values, file: entry.path }, vehicleGroups };
    },
  );

  app.patch<{ Params: { id: string }; Body: { name: string } }>(
    "/api/scenarios/:id",
    {
      schema: {
        summary: "Rename a saved variant (shipped scenarios: 409; a name another variant has: 409)",
        tags: ["scenarios"],
        params: idParams,
        body: { type: "object", required: ["name"], additionalProperties: false, properties: { name: variantName } },
        response: { 200: scenarioEntrySchema, ...errorResponses },
      },
    },
    async (request) => publicEntry(await catalog.renameVariant(request.params.id, request.body.name.trim())),
  );

  app.delete<{ Params: { id: string } }>(
    "/api/scenarios/:id",
    { schema: { summary: "Delete a saved variant (shipped scenarios, and variants other variants build on: 409); its finished runs keep their results", tags: ["scenarios"], params: idParams, response: { 204: { type: "null" }, ...errorResponses } } },
    async (request, reply) => {
      await catalog.deleteVariant(request.params.id);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id/changes",
    {
      schema: {
        summary: "What a variant changes relative to the scenario it extends, record by record, with a summary in bokmål and English (empty for shipped scenarios)",
        tags: ["scenarios"],
        params: idParams,
        response: {
          200: {
            type: "object",
            properties: {
              parent: { type: ["string", "null"] },
              parentName: { type: ["string", "null"] },
              changes: {
                type: "array",
                items: {
                  type: "object",
                  required: ["path", "kind", "summary"],
                  properties: { path: { type: "string" }, kind: { type: "string", enum: ["added", "removed", "changed"] }, before: {}, after: {}, summary: { type: "object", properties: { nb: { type: "string" }, en: { type: "string" } } } },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { parent, changes } = await catalog.changes(request.params.id);
      return { parent: parent?.id ?? null, parentName: parent?.name ?? null, changes };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id/geojson",
    { schema: { summary: "Map layers of a scenario as GeoJSON: areas, zones, stations, standby points, hospitals (property kind)", tags: ["scenarios"], params: idParams, response: { 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const entry = await catalog.entry(request.params.id);
      return catalog.mapLayer(entry, "geojson");
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
      const entry = await catalog.entry(request.params.id);
      const roads = await catalog.mapLayer(entry, "roads");
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
        summary: "Check scenario YAML; 422 with located issues (line, column, field) when it is not valid. Files it names must lie in the scenarios or data folder; `extends` may name only a known scenario",
        tags: ["scenarios"],
        body: { type: "object", required: ["yaml"], additionalProperties: false, properties: { yaml: { type: "string", minLength: 1 }, base: { type: "string", minLength: 1, maxLength: 200, description: "scenario id whose folder `extends:` and zone files are read from" } } },
        response: { 200: { type: "object", properties: { valid: { type: "boolean" }, name: { type: "string" }, areas: { type: "integer" }, zones: { type: "integer" }, stations: { type: "integer" }, vehicles: { type: "integer" } } }, ...errorResponses },
      },
    },
    async (request) => ({ valid: true, ...(await catalog.validate(request.body.yaml, request.body.base)) }),
  );

  app.post<{ Params: { id: string }; Body: { name: string; overlay: Record<string, unknown> } }>(
    "/api/scenarios/:id/variants",
    {
      schema: {
        summary: "Save a named variant: an overlay on scenario :id (records with an id change or add; remove: true removes). A name another variant has: 409",
        tags: ["scenarios"],
        params: idParams,
        body: {
          type: "object",
          required: ["name", "overlay"],
          additionalProperties: false,
          properties: { name: variantName, overlay: { type: "object", description: "scenario fields that differ from the parent, as in an overlay file" } },
        },
        response: { 201: scenarioEntrySchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(publicEntry(await catalog.createVariant(request.params.id, request.body.name.trim(), request.body.overlay))),
  );

  app.post<{ Params: { id: string }; Body: { year: number; alternative?: string; name?: string } }>(
    "/api/scenarios/:id/projections",
    {
      schema: {
        summary:
          "Save scenario :id with its demand projected to a year as a variant (as `akutt project`: SSB's municipality projection, age-weighted with the 2026 age structure held, times the growth alternative's per-head growth; docs/scenario-reference.md 'projection'). A year outside the projection or an unknown alternative: 400 with the field",
        tags: ["scenarios"],
        params: idParams,
        body: {
          type: "object",
          required: ["year"],
          additionalProperties: false,
          properties: {
            year: { type: "integer", minimum: 1900, maximum: 2200 },
            alternative: { type: "string", minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]*$" },
            name: variantName,
          },
        },
        response: { 201: { type: "object", properties: { variant: scenarioEntrySchema, projection: { type: "object", additionalProperties: true } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { variant, projection } = await catalog.project(request.params.id, request.body.year, request.body.alternative, request.body.name?.trim());
      return reply.status(201).send({ variant: publicEntry(variant), projection });
    },
  );
}
