import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { ScenarioError, type ScenarioIssue } from "../errors/scenario-error.js";
import { formatPath } from "../errors/scenario-error.js";
import { YamlSource } from "./yaml-source.js";

/**
 * A comparison set: today's system and its alternatives, each a scenario file (alternatives are
 * overlays on the baseline), run with the same seeds so differences are paired (common random numbers).
 * Lives in the scenario folder as comparison.yaml; documented in docs/scenario-reference.md.
 */
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+:-]*$/, "an id of letters, digits, '+', '-', '_', '.' or ':'");
const areaCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}$/, "an area code of the scenario (in Norway a 4-digit municipality or 6-digit city-district number), as a quoted string");

/** An author-written text: one string (shown in every language) or both languages, `{ nb: "…", en: "…" }`. */
const localText = z.union([z.string(), z.strictObject({ nb: z.string(), en: z.string() })]);
export type LocalText = z.output<typeof localText>;

/** The text in one language: a plain string is the same in both. */
export function textIn(text: LocalText, language: "nb" | "en"): string {
  return typeof text === "string" ? text : text[language];
}

const variantSchema = z.strictObject({
  id,
  /** Short label in tables, e.g. "Alt. 2". */
  label: z.union([z.string().min(1), z.strictObject({ nb: z.string().min(1), en: z.string().min(1) })]),
  file: z.string().min(1),
  description: localText.default(""),
});

const bothTexts = z.union([z.string().min(1), z.strictObject({ nb: z.string().min(1), en: z.string().min(1) })]);

/** The three factors an alternative's difference from the baseline is split into (docs/comparison-format.md, "Factors"). */
export const FACTORS = ["organisation", "resources", "measures"] as const;
export type Factor = (typeof FACTORS)[number];

/**
 * Control variants for one alternative: each a scenario file holding ONE factor of the alternative
 * applied to the baseline. A factor that is not part of the alternative is left out (its effect is 0).
 */
const factorFiles = z
  .strictObject({
    organisation: z.string().min(1).optional(),
    resources: z.string().min(1).optional(),
    measures: z.string().min(1).optional(),
  })
  .refine((files) => FACTORS.some((factor) => files[factor] !== undefined), "name at least one of organisation, resources, measures");

/** Shifts the fleet search may add: a 12-hour day ambulance (07–19 every day) or one round the clock. */
export const FLEET_SHIFTS = ["day", "roundTheClock"] as const;
export type FleetShift = (typeof FLEET_SHIFTS)[number];

export const comparisonSchema = z.strictObject({
  comparison: z.literal(1),
  name: z.union([z.string().min(1), z.strictObject({ nb: z.string().min(1), en: z.string().min(1) })]),
  description: localText.default(""),
  baseline: variantSchema,
  alternatives: z.array(variantSchema).min(1),
  replications: z.number().int().min(2).max(1000).default(20),
  seed: z.number().int().nonnegative().default(1),
  /** Areas shown first and on the map, in this order. */
  focusAreas: z.array(areaCode).default([]),
  /** A difference smaller than this in median response time is not one that matters to a planner (s). */
  relevantDifferenceSec: z.number().positive().default(60),
  costs: z
    .strictObject({
      currency: z.string().default("NOK"),
      ambulanceHour: z.number().nonnegative(),
      stationYear: z.number().nonnegative(),
      amkOperatorHour: z.number().nonnegative(),
      source: bothTexts,
      /**
       * A published cost level to check ambulanceHour against: total cost ÷ årsverk ÷ productive hours
       * per årsverk × crew per ambulance = cost per ambulance-hour. Shown next to ambulanceHour.
       */
      reference: z
        .strictObject({
          totalCost: z.number().positive(),
          fte: z.number().positive(),
          year: z.number().int().min(1900).max(2100),
          productiveHoursPerFte: z.number().positive().max(8760),
          crewPerAmbulance: z.number().positive().max(10),
          source: bothTexts,
        })
        .optional(),
      /** One-off costs of changing operator, per variant, reported as their own lines (not in the yearly cost). */
      transition: z
        .array(z.strictObject({ variants: z.array(id).min(1), item: bothTexts, amount: z.number().nonnegative(), source: bothTexts }))
        .default([]),
    })
    .optional(),
  /**
   * Factorial decomposition: per alternative id, control variants holding one factor each, run with
   * the same seeds and `replications` (at most the comparison's).
   */
  factors: z
    .strictObject({
      replications: z.number().int().min(2).max(1000).default(10),
      alternatives: z.record(id, factorFiles),
    })
    .optional(),
  /**
   * "Fleet needed to keep today's level": a greedy search per alternative adding one ambulance at a
   * time at the alternative's stations until every focus area's red median and share within 12 min
   * are no worse than the baseline's (paired 95 % interval), then a confirming run.
   */
  fleetNeeded: z
    .strictObject({
      alternatives: z.array(id).min(1),
      /** Replications of each trial in the search (the confirming run uses the comparison's). */
      searchReplications: z.number().int().min(2).max(100).default(5),
      /** At most this many ambulances added per alternative. */
      maxSteps: z.number().int().min(1).max(12).default(4),
      shifts: z.array(z.enum(FLEET_SHIFTS)).min(1).default(["day", "roundTheClock"]),
      /** Candidate stations per alternative id; default: the stations owned by a trust responsible for a focus area. */
      stations: z.record(id, z.array(id).min(1)).default({}),
    })
    .optional(),
  /**
   * The optimisation section (docs/asker-baerum.md, docs/optimisation.md): the siting MIP's best
   * sites for `sensitivity.stationSites.station` among every zone of `siteAreas` its owner may use,
   * simulated with the hand-picked sites; and an optimised standby plan (the dynamic MEXCLP
   * relocation rule) given to every variant, shown as its own factor. `akutt compare --no-optimise`
   * skips it.
   */
  optimisation: z
    .strictObject({
      /** Replications of every run of the section (the first seeds of the comparison). */
      replications: z.number().int().min(2).max(100).default(10),
      /** The siting MIP's best N sites (the optimum, then next-best by no-good cuts) simulated with the hand-picked ones. */
      sitingPlans: z.number().int().min(1).max(10).default(3),
      /** Areas whose zones are candidate sites for the station (a whole's code takes its parts); only zones of areas the station's owner is responsible for. */
      siteAreas: z.array(areaCode).min(1).max(100),
      /**
       * The fleet each alternative needs to keep every area at today's level: the fleet MIP with
       * today's hourly expected coverage per area as its targets, its plan then simulated against
       * today, the MIP solved again with the busy fraction that simulation measured, until the
       * simulation confirms the plan (docs/optimisation.md "Keeping today's level"). Absent: not run.
       */
      fleet: z
        .strictObject({
          /** Replications of the simulation that checks each plan and measures its busy fraction (the first seeds of the comparison). */
          replications: z.number().int().min(2).max(100).default(5),
          /** At most this many plans per alternative (MIP, then simulation; after the first confirmed plan the rest bisect the step); fewer when a plan repeats. */
          maxIterations: z.number().int().min(1).max(10).default(4),
          /** Shift patterns the plan may use: default 12 h from 07 and 19, the crew changes of the Asker and Bærum scenario. */
          shifts: z
            .array(z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_]{1,40}$/, "letters, digits and _ only"), lengthH: z.number().int().min(1).max(24), startHours: z.array(z.number().int().min(0).max(23)).min(1).max(24) }))
            .min(1)
            .max(20)
            .default([{ id: "d12", lengthH: 12, startHours: [7, 19] }]),
          /** HiGHS stops within this relative gap of the least ambulance-hours. */
          mipRelativeGap: z.number().min(0).max(0.5).default(0.005),
          /** …or after this many seconds per alternative (the best plan found is then reported, marked). */
          timeLimitSec: z.number().positive().max(3600).default(30),
          /** Coverage levels the MIP counts per zone and hour (the fleet MIP's default). */
          coverageLevels: z.number().int().min(1).max(50).default(6),
        })
        .optional(),
    })
    .optional(),
  /** Which areas each trust is responsible for under each variant, for the change in area and population. */
  catchments: z
    .record(id, z.record(id, z.array(areaCode).min(1)))
    .default({}),
  sensitivity: z
    .strictObject({
      interAmkDelaySec: z.array(z.number().nonnegative()).default([]),
      demandGrowth: z
        .strictObject({ fromYear: z.number().int(), toYear: z.number().int(), annualRates: z.array(z.number().min(0).max(0.2)).min(1) })
        .optional(),
      stationSites: z
        .strictObject({
          station: id,
          variants: z.array(id).min(1),
          sites: z.array(z.strictObject({ name: z.union([z.string().min(1), z.strictObject({ nb: z.string().min(1), en: z.string().min(1) })]), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), source: z.string().optional() })).min(1),
        })
        .optional(),
      /** Replications for each sensitivity run (fewer than the main comparison keeps it quick). */
      replications: z.number().int().min(2).default(10),
    })
    .default({ interAmkDelaySec: [], replications: 10 }),
  /**
   * Every variant run again with its demand projected to each year (the scenario's `projection`
   * section, docs/scenario-reference.md), fleet unchanged; the report shows each variant's margin to
   * the 90 % target by year and the first year it misses it.
   */
  projections: z
    .strictObject({
      years: z
        .array(z.number().int().min(1900).max(2200))
        .min(1)
        .max(10)
        .refine((years) => new Set(years).size === years.length, "each year once"),
      /** Ids of the growth alternatives to run (the baseline scenario's projection.alternatives); absent: its first. */
      growth: z.array(id).min(1).max(5).optional(),
      /** Replications for each projected run. */
      replications: z.number().int().min(2).max(1000).default(10),
    })
    .optional(),
});

export type ComparisonSpec = z.output<typeof comparisonSchema>;
export type ComparisonVariant = z.output<typeof variantSchema>;

export interface LoadedComparison extends ComparisonSpec {
  file: string;
  baseDir: string;
}

/** Reads comparison.yaml from a folder (or a given file) with the same precise errors as scenarios. */
export function loadComparisonFile(path: string): LoadedComparison {
  const file = path.endsWith(".yaml") || path.endsWith(".yml") ? resolve(path) : resolve(path, "comparison.yaml");
  const shown = path.endsWith(".yaml") || path.endsWith(".yml") ? path : `${path.replace(/\/$/, "")}/comparison.yaml`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ScenarioError([{ file: shown, line: undefined, column: undefined, field: "", message: "cannot read the comparison file (a folder with comparison.yaml, or the file itself)" }]);
  }
  const source = YamlSource.parse(shown, text);
  const parsed = comparisonSchema.safeParse(source.value, { reportInput: true });
  if (!parsed.success) {
    throw new ScenarioError(
      parsed.error.issues.map((issue) =>
        issue.code === "unrecognized_keys"
          ? source.issue(issue.path, formatPath([...issue.path, issue.keys[0] ?? ""]), `unknown field "${issue.keys.join('", "')}"`, issue.keys[0])
          : source.issue(issue.path, formatPath(issue.path), issue.message),
      ),
    );
  }
  const ids = [parsed.data.baseline.id, ...parsed.data.alternatives.map((variant) => variant.id)];
  const duplicate = ids.find((value, i) => ids.indexOf(value) !== i);
  if (duplicate) throw new ScenarioError([source.issue(["alternatives"], "alternatives", `duplicate variant id "${duplicate}"`)]);
  const alternativeIds = new Set(parsed.data.alternatives.map((variant) => variant.id));
  const known = `expected one of ${[...alternativeIds].map((value) => `"${value}"`).join(", ")}`;
  const issues: ScenarioIssue[] = [];
  for (const key of Object.keys(parsed.data.factors?.alternatives ?? {})) {
    if (!alternativeIds.has(key)) issues.push(source.issue(["factors", "alternatives"], `factors.alternatives.${key}`, `unknown alternative "${key}"; ${known}`, key));
  }
  parsed.data.fleetNeeded?.alternatives.forEach((value, i) => {
    if (!alternativeIds.has(value)) issues.push(source.issue(["fleetNeeded", "alternatives", i], `fleetNeeded.alternatives[${i}]`, `unknown alternative "${value}"; ${known}`));
  });
  for (const key of Object.keys(parsed.data.fleetNeeded?.stations ?? {})) {
    if (!alternativeIds.has(key)) issues.push(source.issue(["fleetNeeded", "stations"], `fleetNeeded.stations.${key}`, `unknown alternative "${key}"; ${known}`, key));
  }
  parsed.data.costs?.transition.forEach((line, i) =>
    line.variants.forEach((value, j) => {
      if (!ids.includes(value)) issues.push(source.issue(["costs", "transition", i, "variants", j], `costs.transition[${i}].variants[${j}]`, `unknown variant "${value}"; expected one of ${ids.map((x) => `"${x}"`).join(", ")}`));
    }),
  );
  if (issues.length > 0) throw new ScenarioError(issues);
  return { ...parsed.data, file, baseDir: dirname(file) };
}
