import type { FastifyInstance } from "fastify";
import { BadRequestError } from "../errors.js";
import type { JobSpec, OptimisationRequest } from "../job-types.js";
import { errorResponses, type RouteContext } from "./context.js";
import { jobSchema, jobView, seed } from "./jobs.js";

/** Bounds of the web's optimisation: small enough for a shared server (a run of at most 11 × 50 replications). */
export const OPTIMISATION_LIMITS = { maxVehicles: 200, maxPlans: 10, maxReplications: 50, maxFixed: 100, maxTrusts: 20 } as const;

const id = { type: "string", minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]*$" } as const;
const count = { type: "integer", minimum: 0, maximum: OPTIMISATION_LIMITS.maxVehicles } as const;

/**
 * POST /api/optimisations: a siting problem on a scenario, solved with the MIP, its best plans then
 * simulated with today on common random numbers and ranked (an "optimisation" job: status, events,
 * cancel and results are the job routes under /api/optimisations).
 */
export function optimisationRoutes(app: FastifyInstance, { jobs, catalog, dataDir, cacheDir }: RouteContext): void {
  app.post<{ Body: { scenarioId: string; model?: OptimisationRequest["model"]; vehicles: number; fixed?: string[]; trusts?: OptimisationRequest["trusts"]; zones?: OptimisationRequest["zones"]; plans?: number; replications?: number; seed?: number } }>(
    "/api/optimisations",
    {
      schema: {
        summary: "Solve a station-siting MIP on a scenario, simulate its best plans and today on common random numbers, and rank them (docs/ranking.md)",
        tags: ["optimisations"],
        body: {
          type: "object",
          required: ["scenarioId", "vehicles"],
          additionalProperties: false,
          properties: {
            scenarioId: { type: "string", minLength: 1, maxLength: 200 },
            model: { type: "string", enum: ["mexclp", "malp", "pmedian"], default: "mexclp" },
            vehicles: { type: "integer", minimum: 1, maximum: OPTIMISATION_LIMITS.maxVehicles },
            fixed: { type: "array", maxItems: OPTIMISATION_LIMITS.maxFixed, uniqueItems: true, items: id, default: [] },
            trusts: {
              type: "object",
              maxProperties: OPTIMISATION_LIMITS.maxTrusts,
              propertyNames: id,
              additionalProperties: { type: "object", additionalProperties: false, properties: { min: count, max: count } },
              default: {},
            },
            zones: { type: "string", enum: ["none", "all"], default: "none", description: "candidate sites: the scenario's stations only (none), or every zone as well (all)" },
            plans: { type: "integer", minimum: 1, maximum: OPTIMISATION_LIMITS.maxPlans, default: 3 },
            replications: { type: "integer", minimum: 2, maximum: OPTIMISATION_LIMITS.maxReplications, default: 10 },
            seed,
          },
        },
        response: { 202: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { entry, scenario } = await catalog.load(body.scenarioId); // 404 / 422 before a worker starts
      const stations = new Set(scenario.stations.map((station) => station.id));
      const owners = new Set(scenario.stations.map((station) => station.owner));
      const unknownFixed = (body.fixed ?? []).filter((station) => !stations.has(station));
      if (unknownFixed.length > 0) throw new BadRequestError(`no station ${unknownFixed.map((station) => `"${station}"`).join(", ")} in this scenario`, [{ field: "body.fixed", message: `unknown station; expected one of ${[...stations].join(", ")}` }]);
      for (const [owner, bounds] of Object.entries(body.trusts ?? {})) {
        if (!owners.has(owner)) throw new BadRequestError(`no station in this scenario belongs to "${owner}"`, [{ field: `body.trusts.${owner}`, message: `unknown trust; expected one of ${[...owners].join(", ")}` }]);
        if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) throw new BadRequestError(`trust "${owner}": at least ${bounds.min} is more than at most ${bounds.max}`, [{ field: `body.trusts.${owner}`, message: "min is above max" }]);
        if (bounds.min !== undefined && bounds.min > body.vehicles) throw new BadRequestError(`trust "${owner}": at least ${bounds.min} vehicles, but only ${body.vehicles} are placed`, [{ field: `body.trusts.${owner}.min`, message: "more than the vehicles placed" }]);
      }
      if ((body.fixed ?? []).length > body.vehicles) throw new BadRequestError(`${body.fixed!.length} fixed stations need at least as many vehicles, got ${body.vehicles}`, [{ field: "body.vehicles", message: "fewer than the fixed stations" }]);
      const optimisation: OptimisationRequest = { model: body.model ?? "mexclp", vehicles: body.vehicles, fixed: body.fixed ?? [], trusts: body.trusts ?? {}, zones: body.zones ?? "none", plans: body.plans ?? 3 };
      const spec: JobSpec = { kind: "optimisation", name: `${entry.name}: ${optimisation.model.toUpperCase()}, ${optimisation.vehicles}`, variants: [{ id: entry.id, label: entry.name, file: entry.file }], seed: body.seed ?? 1, replications: body.replications ?? 10, dataDir, cacheDir, optimisation };
      return reply.status(202).send(await jobView(jobs, await jobs.start(spec)));
    },
  );
}
