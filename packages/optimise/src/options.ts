import { readFileSync } from "node:fs";
import { z } from "zod";
import { ScenarioError, YamlSource, zodIssues, POSTED_YAML_LIMITS } from "@akutt/model";

/**
 * The inputs of the optimisation models, with their documented defaults (docs/optimisation.md,
 * "Options"). Every parameter lives here, never as a constant in a model: a YAML options file
 * (`akutt optimise … --options FILE`) or the command's flags set them.
 */

const id = z.string().min(1).max(200);
const fraction = z.number().gt(0).lt(1);
const minutes = z.number().positive().max(24 * 60);
const count = z.int().min(0).max(10_000);

export const SITING_MODELS = ["mexclp", "malp", "pmedian"] as const;
export type SitingModelName = (typeof SITING_MODELS)[number];

export const BORDER_RULES = ["scenario", "nearest", "own-first", "own-only"] as const;

const thresholdSchema = z
  .strictObject({
    /** Red response-time target, minutes, for tettbygd (urban) areas: Hdir's national indicator. */
    tettbygd: minutes.default(12),
    /** …and for grisgrendt (rural) areas. */
    grisgrendt: minutes.default(25),
  })
  .default({ tettbygd: 12, grisgrendt: 25 });

const candidatesSchema = z
  .strictObject({
    /** The scenario's (or alternative's) stations are candidate sites. */
    stations: z.boolean().default(true),
    /** Its standby points are candidate sites. */
    standbyPoints: z.boolean().default(true),
    /** Zone centres as candidate sites: "none", "all" (every zone; on a road-network travel model each is joined to the road), or a list of zone ids. */
    zones: z.union([z.literal("none"), z.literal("all"), z.array(id).min(1).max(100_000)]).default("none"),
  })
  .default({ stations: true, standbyPoints: true, zones: "none" });

const budgetSchema = z
  .strictObject({
    /** At most this many sites with a vehicle (none: no limit). */
    maxSites: count.optional(),
    /** At most this total cost, Σ siteCost·open + vehicleCost·vehicles (none: no limit). */
    maxCost: z.number().nonnegative().optional(),
    /** Cost of opening a site, per site; `siteCosts` overrides it for named sites. */
    siteCost: z.number().nonnegative().default(0),
    siteCosts: z.record(id, z.number().nonnegative()).default({}),
    /** Cost per vehicle. */
    vehicleCost: z.number().nonnegative().default(0),
  })
  .default({ siteCost: 0, siteCosts: {}, vehicleCost: 0 });

const trustBoundsSchema = z.strictObject({
  /** At least this many of the vehicles at the trust's sites. */
  min: count.default(0),
  /** At most this many (none: no limit). */
  max: count.optional(),
});

/** Most vehicles one siting problem places (the options' `vehicles` and `solveSiting`'s own check). */
export const MAX_SITING_VEHICLES = 10_000;

export const sitingOptionsSchema = z
  .strictObject({
    model: z.enum(SITING_MODELS).default("mexclp"),
    /** Vehicles to place; none: the scenario's number of ambulances. */
    vehicles: z.int().min(1).max(MAX_SITING_VEHICLES).optional(),
    /** At most this many vehicles at one site. */
    maxVehiclesPerSite: z.int().min(1).max(1000).default(4),
    /**
     * MEXCLP and MALP: probability that a vehicle is busy (system-wide). ASSUMPTION default 0.3;
     * set it from the simulated utilisation of the scenario (report "busy fraction").
     */
    busyFraction: fraction.default(0.3),
    /** MALP: required probability that a covered zone finds a free vehicle within the threshold. */
    reliability: fraction.default(0.9),
    /** p-median: "mean" weighted response time, or the weighted `percentile` of it. */
    pmedianObjective: z.enum(["mean", "percentile"]).default("mean"),
    percentile: z.number().gt(0).lt(100).default(90),
    thresholdMin: thresholdSchema,
    candidates: candidatesSchema,
    /** Sites kept open with at least one vehicle. */
    fixed: z.array(id).max(10_000).default([]),
    /** Sites that must stay empty. */
    excluded: z.array(id).max(100_000).default([]),
    /**
     * Sites held at exactly this many vehicles (at most maxVehiclesPerSite), e.g. every station but
     * one kept as it is, to site that one alone (`akutt compare`'s optimisation section).
     */
    fixedVehicles: z.record(id, z.int().min(0).max(1000)).default({}),
    /** Bounds on the vehicles at each trust's (organisation's) sites, by organisation id. */
    trusts: z.record(id, trustBoundsSchema).default({}),
    budget: budgetSchema,
    /**
     * Which sites count for a zone's coverage: "scenario" follows the dispatch rule of the scenario
     * or alternative (policies.dispatch.crossBorder); "nearest" any site; "own-only" only the
     * sites of the trust responsible for the zone's area; "own-first" another trust's site only
     * when it is `ownFirstMarginSec` inside the threshold (see docs/optimisation.md).
     */
    borderRule: z.enum(BORDER_RULES).default("scenario"),
    /** Demand weights: red incidents ("red"), or all urgencies ("all"). */
    demand: z.enum(["red", "all"]).default("red"),
    /**
     * Area codes the plan is for (a whole's code, e.g. a municipality split into parts, takes its
     * parts): only their zones are demand points and candidate zones; stations and standby points
     * anywhere stay candidates. Empty: every area.
     */
    areas: z.array(id).max(1000).default([]),
    /**
     * Drive times "site-to-zone" (from the vehicle's site to the patient, as the engine drives),
     * or "zone-to-site" (the reverse; ELASPY's MEXCLP.py reads its matrix so, see
     * scenarios/utrecht/README.md). They differ only on an asymmetric travel model.
     */
    driveDirection: z.enum(["site-to-zone", "zone-to-site"]).default("site-to-zone"),
    /** Stop the solver after this many seconds (then the best plan found is reported, marked). */
    timeLimitSec: z.number().positive().max(24 * 3600).default(60),
  });

export type SitingOptions = z.output<typeof sitingOptionsSchema>;
export type SitingOptionsInput = z.input<typeof sitingOptionsSchema>;

export const fleetOptionsSchema = z.strictObject({
  /** Shift patterns crews can work: length in hours and allowed start hours (local, 0–23), every day of the week. */
  shifts: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9_]{1,40}$/, "letters, digits and _ only"),
        lengthH: z.int().min(1).max(24),
        startHours: z.array(z.int().min(0).max(23)).min(1).max(24),
      }),
    )
    .min(1)
    .max(20)
    .default([
      { id: "d12", lengthH: 12, startHours: [7, 19] },
      { id: "e8", lengthH: 8, startHours: [7, 15, 23] },
    ]),
  /** Cost of one ambulance-hour (a crewed vehicle on duty), in any currency: the objective is ambulance-hours × this. */
  costPerAmbulanceHour: z.number().positive().default(1),
  /** Expected coverage each area must reach in every hour of the week (share of its demand, 0–1). */
  target: z.number().gt(0).lt(1).default(0.9),
  /** Per-area targets overriding `target`, by area code. */
  areaTargets: z.record(id, z.number().gt(0).lt(1)).default({}),
  /** Busy fraction at the mean demand; each hour's is this × the hour's demand profile (capped at maxBusyFraction). */
  busyFraction: fraction.default(0.3),
  maxBusyFraction: fraction.default(0.95),
  /** At most this many ambulances at one station at once. */
  maxVehiclesPerSite: z.int().min(1).max(1000).default(4),
  /**
   * Coverage levels counted per zone and hour (the k of MEXCLP): a zone's k-th vehicle in reach
   * adds (1 − q) q^(k−1). Counting only the first `coverageLevels` under-counts coverage, so a
   * plan that meets the targets still meets them with all levels (conservative; at q = 0.3 the
   * 7th level adds 0.05 %). Bounds the model's size: zones × 168 hours × levels.
   */
  coverageLevels: z.int().min(1).max(50).default(6),
  thresholdMin: thresholdSchema,
  borderRule: z.enum(BORDER_RULES).default("scenario"),
  demand: z.enum(["red", "all"]).default("red"),
  timeLimitSec: z.number().positive().max(24 * 3600).default(120),
  /**
   * Relative MIP gap at which HiGHS stops and calls the plan optimal. Default 1e-9: proven
   * optimal, as the CBC cross-check needs; a larger gap (e.g. 0.005, the comparison's) trades a
   * plan at most that share above the least cost for a much shorter solve.
   */
  mipRelativeGap: z.number().min(0).max(0.5).default(1e-9),
});

export type FleetOptions = z.output<typeof fleetOptionsSchema>;

/** The options file: one section per problem, each optional. */
export const optimiseFileSchema = z.strictObject({
  siting: sitingOptionsSchema.optional(),
  fleet: fleetOptionsSchema.optional(),
});

const OPTIONS_REFERENCE = "docs/optimisation.md";

/**
 * Reads an options YAML file. Unknown fields and bad values are ScenarioErrors with file, line and
 * field (exit 2 in the CLI); the file is bounded like a posted scenario.
 */
export function loadOptimiseOptionsFile(path: string, shownAs = path): z.output<typeof optimiseFileSchema> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ScenarioError([{ file: shownAs, line: undefined, column: undefined, field: "", message: "cannot read the options file" }]);
  }
  const source = YamlSource.parse(shownAs, text, POSTED_YAML_LIMITS);
  const parsed = optimiseFileSchema.safeParse(source.value ?? {}, { reportInput: true });
  if (!parsed.success) throw new ScenarioError(zodIssues(source, parsed.error.issues, OPTIONS_REFERENCE));
  return parsed.data;
}
