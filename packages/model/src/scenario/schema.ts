import { z } from "zod";

/**
 * Scenario format, version 1. Every field is documented in docs/scenario-reference.md;
 * keep the two in step. Objects are strict so a misspelt field is an error, not a silent default.
 */

export const URGENCIES = ["red", "yellow", "green"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const VEHICLE_TYPES = ["ambulance", "akuttbil", "doctor-car", "sick-transport"] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export const AREA_CLASSES = ["tettbygd", "grisgrendt"] as const;
export type AreaClass = (typeof AREA_CLASSES)[number];

export const DISPATCH_TIE_BREAKS = ["free-longest", "lowest-index", "random"] as const;
export type DispatchTieBreak = (typeof DISPATCH_TIE_BREAKS)[number];

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "an id of letters, digits, '-', '_', '.' or ':'");
/**
 * An area code. In Norway (metadata.country absent or NO) a 4-digit municipality or 6-digit
 * city-district number, checked with the cross-field checks; elsewhere the country's own codes
 * (e.g. a Dutch CBS code GM0344 or a postal code), so no kommune number need be invented.
 */
const areaCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}$/, "an area code of letters, digits, '-', '_', '.' or ':' (in Norway a 4-digit municipality or 6-digit city-district number), as a quoted string");
/** A Norwegian area code: municipality (4 digits) or Oslo city district (6 digits). */
export const NORWEGIAN_AREA_CODE = /^[0-9]{4}([0-9]{2})?$/;
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const nonNegative = z.number().finite().nonnegative();
const positive = z.number().finite().positive();
const probability = z.number().min(0).max(1);

const clockTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, "a local clock time HH:MM (00:00 to 24:00)");

const timeUnit = z.enum(["s", "min", "h"]);
export type TimeUnit = z.infer<typeof timeUnit>;

/**
 * Optional on every distribution, in its `unit`: `shift` is added to every draw (e.g. −10 for a
 * lognormal that starts below zero), and the shifted value is truncated to [`min`, `max`]: draws
 * outside are drawn again, so the result has the conditional distribution. A duration is never
 * negative, so the lower bound is at least 0. Absent: no shift, no truncation.
 */
const distributionModifiers = {
  shift: z.number().finite().optional(),
  min: nonNegative.optional(),
  max: positive.optional(),
};

export const distributionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("fixed"), value: nonNegative, unit: timeUnit, ...distributionModifiers }),
  z.strictObject({ kind: z.literal("exponential"), mean: positive, unit: timeUnit, ...distributionModifiers }),
  z.strictObject({ kind: z.literal("lognormal"), mean: positive, sd: positive, unit: timeUnit, ...distributionModifiers }),
  z.strictObject({ kind: z.literal("gamma"), mean: positive, sd: positive, unit: timeUnit, ...distributionModifiers }),
  z.strictObject({
    kind: z.literal("empirical"),
    /** [cumulative probability, value] pairs from probability 0 to 1; linear between them. */
    quantiles: z.array(z.tuple([probability, nonNegative])).min(2),
    unit: timeUnit,
    ...distributionModifiers,
  }),
]);
export type DistributionSpec = z.infer<typeof distributionSchema>;

const perUrgency = <T extends z.ZodType>(schema: T) =>
  z.strictObject({ red: schema, yellow: schema, green: schema });

const sourceSchema = z.strictObject({
  id,
  title: z.string().min(1),
  url: z.string().min(1).optional(),
  note: z.string().optional(),
});

const metadataSchema = z.strictObject({
  name: z.string().min(1),
  /** One string, or both languages `{ nb, en }` (each report shows its own; textIn() picks). */
  description: z.union([z.string(), z.strictObject({ nb: z.string(), en: z.string() })]).default(""),
  sources: z.array(sourceSchema).default([]),
  /** Local date-time in Europe/Oslo, e.g. 2025-01-06T00:00. */
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00(:00)?$/, "a local date-time on a whole hour, YYYY-MM-DDTHH:00, in Europe/Oslo"),
  durationDays: positive,
  warmUpDays: nonNegative.default(0),
  /** ISO 3166-1 alpha-2 country of the scenario. Absent: NO (Norwegian area codes are checked). */
  country: z.string().regex(/^[A-Z]{2}$/, "a two-letter ISO 3166-1 country code in capitals, e.g. NO or NL").optional(),
  /** IANA time zone of the local times (start, shifts, hours of day). Absent: Europe/Oslo. */
  timeZone: z.string().min(1).optional(),
});

const areaSchema = z.strictObject({
  code: areaCode,
  name: z.string().min(1),
  class: z.enum(AREA_CLASSES),
  responsibleOrganisation: id,
  /** Inhabitants; used for demand given per 1,000 inhabitants when zones carry no population. */
  population: nonNegative.optional(),
  /** The whole area this one is part of (e.g. a former municipality within Asker): reports add a row for it. */
  partOf: z.strictObject({ code: areaCode, name: z.string().min(1) }).optional(),
  source: z.string().optional(),
});

const zoneSchema = z.strictObject({
  id,
  area: areaCode,
  lat: latitude,
  lon: longitude,
  population: nonNegative.optional(),
  /** Relative demand weight where population is unknown; defaults to population, else 1. */
  weight: nonNegative.optional(),
});

/** Columns of a CSV table of zones (packages/model/src/zones/csv-zones.ts). */
const csvZonesSchema = z.strictObject({
  id: z.string().min(1),
  x: z.string().min(1),
  y: z.string().min(1),
  crs: z.enum(["EPSG:4326", "EPSG:28992"]).optional(),
  weight: z.string().min(1).optional(),
  population: z.string().min(1).optional(),
  area: z.string().min(1).optional(),
  areaCode: areaCode.optional(),
});

const rateSchema = z.union([
  z.strictObject({ perYear: nonNegative }),
  z.strictObject({ per1000PerYear: nonNegative }),
]);
export type RateSpec = z.infer<typeof rateSchema>;

const profileSchema = z.union([
  z.strictObject({ hourOfWeek: z.array(nonNegative).length(168) }),
  z.strictObject({
    hourOfDay: z.array(nonNegative).length(24),
    dayOfWeek: z.array(nonNegative).length(7).optional(),
  }),
]);
export type ProfileSpec = z.infer<typeof profileSchema>;

/**
 * Shares of incidents that need more than one ambulance, keyed by the number of ambulances
 * ("2": 0.06 means 6 % of the urgency's incidents need two). Keys 2 to 9; the shares add up to at
 * most 1 (the rest need one ambulance).
 */
const unitSharesSchema = z
  .record(z.string().regex(/^[2-9]$/, "a number of ambulances from 2 to 9, as a quoted string"), probability)
  .superRefine((shares, context) => {
    const total = Object.values(shares).reduce((sum, share) => sum + share, 0);
    if (total > 1 + 1e-12) context.addIssue({ code: "custom", message: `the shares add up to ${total}, more than 1` });
  });

/**
 * Incidents that need several ambulances (engine/src/multi-unit). Absent: every incident needs one.
 * See docs/scenario-reference.md "multiUnit" for when extra units are sent, wait and are cancelled.
 */
const multiUnitSchema = z.strictObject({
  red: z.strictObject({ units: unitSharesSchema }).optional(),
  yellow: z.strictObject({ units: unitSharesSchema }).optional(),
  green: z.strictObject({ units: unitSharesSchema }).optional(),
  /** Probability that an extra ambulance takes a patient of its own to a destination. Default 0: it returns empty. */
  extraTransportProbability: probability.default(0),
  source: z.string().optional(),
});
export type MultiUnitSpec = z.infer<typeof multiUnitSchema>;

/**
 * Joint operations with police or fire (engine/src/multi-unit). Absent: none.
 */
const jointOperationsSchema = z.strictObject({
  /** Share of each urgency's incidents that are joint operations. */
  share: z.strictObject({ red: probability.default(0), yellow: probability.default(0), green: probability.default(0) }),
  /** Added to the on-scene time of every ambulance at a joint operation (one draw per incident). */
  extraOnScene: distributionSchema,
  /** Wait before entering the scene until police or fire release it (one draw per incident); counts in the response time. Absent: none. */
  holdBack: distributionSchema.optional(),
  source: z.string().optional(),
});
export type JointOperationsSpec = z.infer<typeof jointOperationsSchema>;

const demandSchema = z.strictObject({
  rates: perUrgency(rateSchema),
  /** Overrides of the rates for single areas (by area code). */
  areaRates: z.record(areaCode, z.strictObject({ red: rateSchema.optional(), yellow: rateSchema.optional(), green: rateSchema.optional() })).default({}),
  profile: profileSchema.optional(),
  profileByUrgency: z.strictObject({ red: profileSchema.optional(), yellow: profileSchema.optional(), green: profileSchema.optional() }).optional(),
  /** Multiplies every rate; e.g. growth to a future year. */
  growthFactor: positive.default(1),
  /**
   * Calls ring only from `startHour` to `endHour` hours after the start of the run (at the rates
   * above); the run itself goes on to `durationDays`, so the missions of the last calls finish.
   * Absent: calls over the whole run.
   */
  window: z.strictObject({ startHour: nonNegative.default(0), endHour: positive }).optional(),
  /** Incidents that need several ambulances; absent: one each. */
  multiUnit: multiUnitSchema.optional(),
  /** Joint operations with police or fire; absent: none. */
  jointOperations: jointOperationsSchema.optional(),
});

/**
 * Demand projected to a future year (`akutt project`, comparison.yaml `projections`): each area's
 * rates follow its municipality's projected population (SSB), weighted by the age structure of the
 * area where age rates are given, times a named per-head growth alternative. The method and the
 * defaults' sources are in docs/scenario-reference.md ("projection"); the engine does not read
 * this section, only the projection does.
 */
const ageGroupSchema = z.strictObject({
  /** First age of the group (the group runs to the next group's fromAge − 1, the last to 105+). */
  fromAge: z.number().int().min(0).max(105),
  /** Ambulance demand per head in this group relative to the other groups (only the ratios matter). */
  relativeRate: nonNegative,
});

const localWords = z.union([z.string().min(1), z.strictObject({ nb: z.string().min(1), en: z.string().min(1) })]);

/**
 * Default age rates: people 67 and over use about five times as much hospital care per head as
 * younger people, and "substantially more" ambulance (HSØ's prehospital plan 2018, §3, citing
 * NOU 2015:17 and its figure 7). ASSUMPTION: the same factor of five for ambulance incidents,
 * since the plan gives no ambulance figure in its text.
 */
export const DEFAULT_AGE_RATES = {
  groups: [
    { fromAge: 0, relativeRate: 1 },
    { fromAge: 67, relativeRate: 5 },
  ],
  basis: {
    nb: "ANTAKELSE etter Helse Sør-Øst, Utviklingsplan for prehospitale tjenester 2018–2025 mot 2035, §3 «Demografi og sykdomsutvikling»: personer 67+ bruker omtrent fem ganger så mye sykehustjenester som yngre (NOU 2015:17) og vesentlig mer ambulanse; faktoren 5 er brukt på ambulanseetterspørselen",
    en: "ASSUMPTION from Helse Sør-Øst, Utviklingsplan for prehospitale tjenester 2018–2025 mot 2035, §3 'Demografi og sykdomsutvikling': people 67+ use about five times as much hospital care as younger people (NOU 2015:17) and substantially more ambulance; the factor 5 is applied to ambulance demand",
  },
};

/**
 * Default alternatives. HSØ's prehospital activity grew 3–4 % a year (plan 2018, §4.2) while its
 * population grew 1.27 % a year (SSB, 1 Jan 2010 2,707,012 → 1 Jan 2016 2,920,730, fylker 03, 31,
 * 32, 33, 34, 39, 40, 42 in shared/data kommune-totals-2005-2026.csv): per head 1.03 / 1.0127 − 1
 * = 1.7 % and 1.04 / 1.0127 − 1 = 2.7 % a year on top of the population projection.
 */
export const DEFAULT_PROJECTION_ALTERNATIVES = [
  {
    id: "population",
    label: { nb: "Lav: bare befolkningsvekst (SSB)", en: "Low: population growth only (SSB)" },
    perHeadGrowthPerYear: 0,
    basis: { nb: "SSBs framskriving per kommune (tabell 14288, 2024); etterspørselen per innbygger i hver aldersgruppe som i basisåret", en: "SSB's kommune projection (table 14288, 2024 round); demand per head of each age group as in the base year" },
  },
  {
    id: "activity-3pct",
    label: { nb: "Middels: historisk aktivitetsvekst 3 %/år", en: "Middle: historical activity growth 3 %/year" },
    perHeadGrowthPerYear: 0.017,
    basis: {
      nb: "Helse Sør-Østs plan 2018 §4.2: 3 % aktivitetsvekst i året, minus befolkningsveksten i HSØ 2010–2016 på 1,27 % i året (SSB) = 1,7 % i året per innbygger, videreført",
      en: "Helse Sør-Øst plan 2018 §4.2: 3 % activity growth a year, less HSØ's population growth 2010–2016 of 1.27 % a year (SSB) = 1.7 % a year per head, continued",
    },
  },
  {
    id: "activity-4pct",
    label: { nb: "Høy: historisk aktivitetsvekst 4 %/år", en: "High: historical activity growth 4 %/year" },
    perHeadGrowthPerYear: 0.027,
    basis: {
      nb: "Helse Sør-Østs plan 2018 §4.2: 4 % aktivitetsvekst i året, minus befolkningsveksten i HSØ 2010–2016 på 1,27 % i året (SSB) = 2,7 % i året per innbygger, videreført",
      en: "Helse Sør-Øst plan 2018 §4.2: 4 % activity growth a year, less HSØ's population growth 2010–2016 of 1.27 % a year (SSB) = 2.7 % a year per head, continued",
    },
  },
];

const projectionSchema = z.strictObject({
  /** Year of the scenario's population (its demand is this year's). Absent: the year of metadata.start. */
  baseYear: z.number().int().min(1900).max(2200).optional(),
  ageRates: z
    .strictObject({
      groups: z
        .array(ageGroupSchema)
        .min(1)
        .max(106)
        .superRefine((groups, context) => {
          if (groups[0]!.fromAge !== 0) context.addIssue({ code: "custom", path: [0, "fromAge"], message: "the first age group must start at fromAge 0, so every age has a rate" });
          groups.forEach((group, i) => {
            if (i > 0 && group.fromAge <= groups[i - 1]!.fromAge) context.addIssue({ code: "custom", path: [i, "fromAge"], message: `fromAge must increase from group to group (the previous group starts at ${groups[i - 1]!.fromAge})` });
          });
          if (groups.every((group) => group.relativeRate === 0)) context.addIssue({ code: "custom", path: [], message: "at least one age group needs a relativeRate above 0" });
        }),
      /** Where the rates come from, in words (one string, or { nb, en }); ASSUMPTION where they are one. */
      basis: localWords,
    })
    .default(DEFAULT_AGE_RATES),
  alternatives: z
    .array(
      z.strictObject({
        id,
        label: localWords,
        /** Growth of demand per head on top of the population projection, a fraction a year (0.017 = 1.7 %). */
        perHeadGrowthPerYear: z.number().min(-0.1).max(0.2),
        basis: localWords,
      }),
    )
    .min(1)
    .max(10)
    .superRefine((alternatives, context) => {
      alternatives.forEach((alternative, i) => {
        if (alternatives.findIndex((other) => other.id === alternative.id) < i) context.addIssue({ code: "custom", path: [i, "id"], message: `duplicate alternative id "${alternative.id}"` });
      });
    })
    .default(DEFAULT_PROJECTION_ALTERNATIVES),
  /**
   * The municipality (4-digit kommune number) whose projection an area follows, where the rule
   * does not give it: a 4-digit area is its own municipality, a 6-digit one is part of the
   * municipality of its first four digits (Oslo's city districts 0301xx), an area with `partOf` a
   * 4-digit code belongs to that municipality.
   */
  areaMunicipality: z.record(areaCode, z.string().regex(/^[0-9]{4}$/, "a 4-digit municipality (kommune) number, as a quoted string")).default({}),
});
export type ProjectionSpec = z.output<typeof projectionSchema>;

const organisationSchema = z.strictObject({ id, name: z.string().min(1) });

const daysSchema = z.union([
  z.enum(["all", "weekdays", "weekend"]),
  z.array(z.enum(WEEKDAYS)).min(1),
]);

const shiftStart = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "a local clock time HH:MM (00:00 to 23:59)");

const shiftSchema = z.strictObject({
  days: daysSchema.default("all"),
  start: shiftStart,
  /** End clock time; an end at or before the start runs past midnight into the next day. */
  end: clockTime,
});
export type ShiftSpec = z.infer<typeof shiftSchema>;

const staffedShiftSchema = shiftSchema.extend({ count: z.number().int().positive() });

/** One kind of 113 call that sends no unit: its share of all 113 calls and the operator's talk time. */
const amkCallTypeSchema = z.strictObject({ share: probability, talk: distributionSchema, source: z.string().optional() });

/**
 * Upper bound of an AMK's background calls and of each task's rate: each arrival is an event, so an
 * unbounded rate lets one scenario line fill the event queue; all of Norway's 113 calls are about 1 million a year.
 */
const amkPerYear = nonNegative.max(10_000_000);

/** A kind of operator work that is not a 113 call (e.g. booked-transport orders), arriving at a rate. */
const amkTaskSchema = z.strictObject({
  id,
  perYear: amkPerYear,
  duration: distributionSchema,
  /** Absent: the demand profile (demand.profile), flat if that is absent too. */
  profile: profileSchema.optional(),
  source: z.string().optional(),
});

const amkSchema = z.strictObject({
  id,
  name: z.string().min(1),
  organisation: id,
  /** Area codes whose calls this AMK answers and dispatches. */
  areas: z.array(areaCode).min(1),
  operators: z.array(staffedShiftSchema).min(1),
  /** Operator time from answering a call to alerting a unit, by urgency. */
  callHandling: perUrgency(distributionSchema),
  /** Calls that find this many others already waiting are lost (0 or absent: no limit). */
  maxQueue: z.number().int().nonnegative().optional(),
  /**
   * 113 calls that send no unit, as shares of all 113 calls at this AMK; the rest (1 − their sum)
   * send a unit. The study area's zones ring them in proportion to their dispatch calls. Absent: none.
   */
  callTypes: z
    .strictObject({ advice: amkCallTypeSchema.optional(), referral: amkCallTypeSchema.optional(), abandoned: amkCallTypeSchema.optional() })
    .optional(),
  /** Red calls whose operator stays on the line guiding the caller after the alert (not delaying the unit). Absent: none. */
  telephoneGuidance: z.strictObject({ redShare: probability, duration: distributionSchema, source: z.string().optional() }).optional(),
  /**
   * 113 calls from the rest of this AMK's area (outside the study area), all types, queueing with
   * the study area's calls; they send no simulated unit. Absent: none.
   */
  background: z
    .strictObject({
      callsPerYear: amkPerYear,
      /** Absent: the demand profile (demand.profile), flat if that is absent too. */
      profile: profileSchema.optional(),
      source: z.string().optional(),
    })
    .optional(),
  /**
   * After-call work: time the operator stays off the phone after a call of each type ends
   * (documentation, notes, closing the case), before taking the next call. Absent: none.
   */
  afterCallWork: z
    .strictObject({
      dispatch: distributionSchema.optional(),
      advice: distributionSchema.optional(),
      referral: distributionSchema.optional(),
      abandoned: distributionSchema.optional(),
      repeat: distributionSchema.optional(),
      source: z.string().optional(),
    })
    .optional(),
  /**
   * Several callers for one incident: a `share` of dispatch calls (study area and background) bring
   * `extraCalls` further 113 calls, each ringing at a uniform time within `withinMin` minutes of the
   * first, with operator time `talk`. They come on top of the other volumes. Absent: none.
   */
  repeatCalls: z
    .strictObject({
      share: probability,
      extraCalls: z.number().int().min(1).max(20).default(1),
      withinMin: positive.max(60).default(5),
      talk: distributionSchema,
      source: z.string().optional(),
    })
    .optional(),
  /**
   * Time away from the phone on duty (breaks, meals, other duties): this share of the rostered
   * operators is away at every moment, staggered over `rotationMin` blocks when share × operators
   * is not whole. At most 0.9, so someone always answers. Absent: none.
   */
  offPhone: z
    .strictObject({
      share: z.number().min(0).max(0.9),
      /** At least a minute, so the rotation cannot flood the event queue. */
      rotationMin: z.number().min(1).max(1440).default(60),
      source: z.string().optional(),
    })
    .optional(),
  /**
   * Shifts left unfilled (sickness, vacancies not covered): each rostered operator is away for a
   * whole shift period (07–15, 15–23, 23–07) with this probability, independently. At most 0.9.
   * Absent: every rostered operator turns up.
   */
  absence: z.strictObject({ share: z.number().min(0).max(0.9), source: z.string().optional() }).optional(),
  /** Operator work that is not a 113 call; served only when no call waits. Absent: none. */
  otherWork: z
    .strictObject({
      /** Follow-up of every dispatch call (study-area incident or background dispatch call) after its handling ends. */
      missionFollowUp: distributionSchema.optional(),
      tasks: z.array(amkTaskSchema).max(100).default([]),
      source: z.string().optional(),
    })
    .optional(),
});

const stationSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** Position; may be left out when `zone` is given (the zone's position is used). */
  lat: latitude.optional(),
  lon: longitude.optional(),
  /**
   * The zone the place stands at: it shares the zone's point and travel times (a zone-based matrix
   * needs no row of its own for it). Absent: the place is a point of its own at lat/lon.
   */
  zone: id.optional(),
  owner: id,
  source: z.string().optional(),
});

const vehicleSchema = z.strictObject({
  id,
  type: z.enum(VEHICLE_TYPES),
  station: id,
  /** Owning organisation; defaults to the station's owner. */
  owner: id.optional(),
  /** AMK that dispatches it; defaults to the AMK of its owner. */
  dispatchedBy: id.optional(),
  /** Several identical vehicles: ids become id-1 … id-N. */
  count: z.number().int().positive().default(1),
  /** Empty or absent: on duty around the clock. */
  shifts: z.array(shiftSchema).default([]),
  source: z.string().optional(),
});

const hospitalSchema = z.strictObject({
  id,
  name: z.string().min(1),
  kind: z.enum(["hospital", "legevakt"]).default("hospital"),
  /** Position; may be left out when `zone` is given. */
  lat: latitude.optional(),
  lon: longitude.optional(),
  /** The zone the destination stands at (see stations). */
  zone: id.optional(),
  capabilities: z.array(z.string().min(1)).default(["general"]),
  /** From arrival at the destination until the unit is free again. */
  handover: distributionSchema,
  source: z.string().optional(),
});

const patientPathSchema = z.strictObject({
  treatedOnSceneProbability: probability,
  legevaktProbability: probability.default(0),
  /** Probability that a transported hospital patient needs a capability; the rest need "general". */
  capabilityProbabilities: z.record(z.string(), probability).default({}),
});

const timesSchema = z.strictObject({
  /** From unit alerted to unit departs. */
  activation: perUrgency(distributionSchema),
  /** From arrival at scene to departure from scene. */
  onScene: perUrgency(distributionSchema),
});

/**
 * Speed multiplier for every drive that is not blue-light (yellow and green drives, returns,
 * relocations): those times are the model's times divided by this. Below 1 is slower, e.g. 0.95 when
 * the model's times are siren times. Absent: 1 (the model's own times). Applied by the engine.
 */
const normalSpeedFactor = positive.optional();

const straightLineTravel = z.strictObject({
  model: z.literal("straight-line"),
  detourFactor: z.number().min(1),
  speedKmhByAreaClass: z.strictObject({ tettbygd: positive, grisgrendt: positive }),
  /** Speed multiplier for red (blue-light) driving. */
  emergencySpeedFactor: z.number().min(1).default(1),
  normalSpeedFactor,
  /** Fixed time added to every trip between two distinct points (parking, access). */
  overheadSec: nonNegative.default(0),
});

const matrixTravel = z.strictObject({
  model: z.literal("matrix"),
  /**
   * CSV with columns from,to,seconds (format pairs), or a square table with the place ids as header
   * row and first column, rows the origins (format square). Relative to the scenario file, or
   * `data:` + a path in the data folder.
   */
  file: z.string().min(1),
  /** Absent: pairs. */
  format: z.enum(["pairs", "square"]).optional(),
  /** Unit of the times in the file. Absent: s. */
  unit: timeUnit.optional(),
  emergencySpeedFactor: z.number().min(1).default(1),
  normalSpeedFactor,
});

const networkTravel = z.strictObject({
  model: z.literal("network"),
  /** Road network file or built network; interpreted by the geography package. */
  network: z.string().min(1),
  emergencySpeedFactor: z.number().min(1).default(1),
  normalSpeedFactor,
  options: z.record(z.string(), z.unknown()).default({}),
});

export const travelSchema = z.discriminatedUnion("model", [straightLineTravel, matrixTravel, networkTravel]);
export type TravelSpec = z.infer<typeof travelSchema>;

const dispatchSchema = z.strictObject({
  name: z.literal("nearest-eta"),
  crossBorder: z.enum(["nearest", "own-first", "own-only"]).default("nearest"),
  /** own-first: another organisation's unit is chosen only if it arrives this much sooner. */
  ownFirstMarginSec: nonNegative.default(0),
  /** Delay before a unit dispatched by another AMK is alerted (inter-AMK coordination). */
  interAmkDelaySec: nonNegative.default(0),
  /** Red incidents also get the nearest free first-response unit (akuttbil, doctor car). */
  firstResponderForRed: z.boolean().default(false),
  /**
   * Among equally near units: the one free longest (then the lower index), the lowest index (the
   * first listed), or a uniform draw from a stream seeded per incident. Absent: "free-longest".
   */
  tieBreak: z.enum(DISPATCH_TIE_BREAKS).optional(),
});

const waitingSchema = z.strictObject({
  name: z.literal("priority-fcfs"),
  /** queue: wait for a free unit; lost: incidents finding no free ambulance are lost (handed elsewhere). */
  whenNoneFree: z.enum(["queue", "lost"]).default("queue"),
});

/** Rows of a compliance table: row k (from 1) lists k bases. */
const complianceRows = z.array(z.array(id).min(1).max(1000)).min(1).max(1000);
/** Most owners with a compliance table of their own (`policies.relocation.tables`). */
export const MAX_COMPLIANCE_OWNERS = 100;

const relocationSchema = z.discriminatedUnion("name", [
  z.strictObject({ name: z.literal("return-home") }),
  z.strictObject({
    name: z.literal("standby-points"),
    /** A free unit goes to the first listed standby point that is active and uncovered. */
    points: z.array(z.strictObject({ id, hours: z.tuple([clockTime, clockTime]).optional() })).min(1),
    /** A point counts as covered if a free unit is within this travel time of it. */
    coverageSec: positive,
    /** Never drive further than this to a standby point; go home instead. */
    maxTravelSec: positive.default(1800),
  }),
  z.strictObject({
    /**
     * Dynamic MEXCLP (Jagtenberg, van der Mei and Bhulai 2015): a free ambulance goes to the base
     * that adds most expected covered red demand, given where the other free ambulances are or are heading.
     */
    name: z.literal("dynamic-mexclp"),
    /** q, the share of time an ambulance is busy (0 < q < 1). Absent: 0.3. */
    busyFraction: z.number().gt(0).lt(1).default(0.3),
    /** A zone is covered from a base whose blue-light drive to it takes at most this. Absent: 720 s (12 min). */
    coverageSec: positive.default(720),
    /** Station and standby point ids the rule may choose. Absent: every station and standby point of the ambulance's owner. */
    bases: z.array(id).min(1).max(10_000).optional(),
  }),
  z
    .strictObject({
      /**
       * A compliance table: row k lists where k free ambulances should stand (station or standby point
       * ids, one per ambulance, repeats allowed). When the number of free ambulances changes, idle ones
       * move to fill the row for the new number with the least total driving.
       */
      name: z.literal("compliance-table"),
      /** One table for every ambulance, whoever owns it (a pool). */
      table: complianceRows.optional(),
      /**
       * A table per owner (organisation id → rows): each owner's free ambulances fill the row of its own
       * table for their own number, so one trust's units are never drawn to another's area. An owner
       * without a table sends its ambulances home.
       */
      tables: z.record(id, complianceRows).optional(),
    })
    .superRefine((value, context) => {
      if ((value.table === undefined) === (value.tables === undefined)) context.addIssue({ code: "custom", message: "give either table (one for all ambulances) or tables (one per owner), not both or neither" });
      else if (value.tables !== undefined && Object.keys(value.tables).length > MAX_COMPLIANCE_OWNERS) context.addIssue({ code: "custom", path: ["tables"], message: `at most ${MAX_COMPLIANCE_OWNERS} owners` });
    }),
]);

const destinationSchema = z.discriminatedUnion("name", [
  z.strictObject({ name: z.literal("nearest-capable") }),
  z.strictObject({
    name: z.literal("area-hospital"),
    /** The local hospital of each area (by area code) for patients who need no special capability. */
    hospitals: z.record(areaCode, id),
  }),
]);
export type DestinationSpec = z.infer<typeof destinationSchema>;

/**
 * Where a unit driving back is dispatched from: `blend` interpolates its travel time between the
 * trip's origin and its base by the share of the trip done; `nearest-location` places it at the
 * location (zone, station, standby point or destination) nearest to its straight-line position.
 */
const enRouteSchema = z.discriminatedUnion("name", [z.strictObject({ name: z.literal("blend") }), z.strictObject({ name: z.literal("nearest-location") })]);
export type EnRouteSpec = z.infer<typeof enRouteSchema>;

const policiesSchema = z.strictObject({
  dispatch: dispatchSchema,
  /** Absent: { name: blend }. */
  enRoute: enRouteSchema.optional(),
  waiting: waitingSchema.default({ name: "priority-fcfs", whenNoneFree: "queue" }),
  relocation: relocationSchema.default({ name: "return-home" }),
  destination: destinationSchema.default({ name: "nearest-capable" }),
});

/**
 * Time when a unit cannot take a job (docs/scenario-reference.md, "availability"). Each part is
 * off when absent; the whole section absent leaves the engine exactly as without it.
 */
const cleaningOutcomeSchema = z.strictObject({
  /** Share of such missions after which the unit is cleaned and restocked. */
  probability,
  duration: distributionSchema,
});

const cleaningSchema = z.strictObject({
  /** After a mission where the unit took the patient to a destination. */
  transported: cleaningOutcomeSchema,
  /** After a mission that ended on scene (treated or left on scene). */
  treatedOnScene: cleaningOutcomeSchema,
  /** mission-end: cleaned where the mission ended; station: driven back to the home station first. Absent: mission-end. */
  where: z.enum(["mission-end", "station"]).default("mission-end"),
  /** A red call may take the unit mid-cleaning. Absent: false (a soiled or unstocked unit takes no patient). */
  interruptibleByRed: z.boolean().default(false),
});

const breakSchema = z
  .strictObject({
    durationMin: positive.max(240),
    /** Only crew shifts at least this long get a break. Absent: 8. */
    minShiftHours: nonNegative.max(48).default(8),
    /** The break is due from this many hours after the crew shift starts … */
    windowStartHours: nonNegative.max(48),
    /** … and skipped (counted) if not started by this many hours after the start. */
    windowEndHours: positive.max(48),
    /** A red call may take the crew off its break (it still counts as taken). Absent: true. */
    interruptibleByRed: z.boolean().default(true),
  })
  .superRefine((spec, ctx) => {
    if (spec.windowEndHours <= spec.windowStartHours) ctx.addIssue({ code: "custom", path: ["windowEndHours"], message: "must be after windowStartHours" });
  });

const endOfShiftSchema = z.strictObject({
  /** No new non-red mission in the last this many minutes of a crew shift; red calls are still taken. */
  lastMinutes: positive.max(240),
});

const outOfServiceSchema = z.strictObject({
  /** Defects and sickness per 1,000 on-duty vehicle-hours. */
  ratePer1000Hours: nonNegative.max(1000),
  duration: distributionSchema,
});

const availabilityPartsSchema = {
  cleaning: cleaningSchema.optional(),
  breaks: breakSchema.optional(),
  endOfShift: endOfShiftSchema.optional(),
  outOfService: outOfServiceSchema.optional(),
};

const availabilitySchema = z.strictObject({
  ...availabilityPartsSchema,
  /**
   * Crew changes (local clock times) that split round-the-clock duty into crew shifts for breaks
   * and the end-of-shift rule. Vehicles with `shifts` use those. Absent: ["07:00", "19:00"].
   */
  crewChanges: z.array(shiftStart).min(1).max(6).default(["07:00", "19:00"]),
  /** Per vehicle type, a part given here replaces the same part above for that type. */
  vehicleTypes: z.partialRecord(z.enum(VEHICLE_TYPES), z.strictObject(availabilityPartsSchema)).default({}),
});
export type AvailabilitySpec = z.infer<typeof availabilitySchema>;
export type AvailabilityPartsSpec = Pick<AvailabilitySpec, "cleaning" | "breaks" | "endOfShift" | "outOfService">;

/**
 * Report options (docs/report-format.md). Every field is optional, and without them the report is
 * exactly as before: the national targets, median and 90th percentile, utilisation as on-duty time
 * not idle after warm-up.
 */
const reportSchema = z.strictObject({
  /** Extra response-time thresholds (minutes): the share of reached incidents at or under each, with its CI. */
  responseThresholdsMin: z.array(positive).min(1).max(12).optional(),
  /** Response-time percentiles (0 < p < 100) reported with CIs, e.g. [50, 90, 95]. */
  responsePercentiles: z.array(z.number().gt(0).lt(100)).min(1).max(12).optional(),
  utilisation: z
    .strictObject({
      /** Busy includes the drive back to base (and to standby points). Absent: true, as today. */
      includeReturn: z.boolean().optional(),
      /** Counting window for vehicle time, hours after the start of the run. Absent: end of warm-up … end of run. */
      fromHour: nonNegative.optional(),
      toHour: positive.optional(),
    })
    .optional(),
  /** Every figure also lists its per-replication values. */
  perReplication: z.boolean().optional(),
  /** Mean wait for a unit over all incidents, and the AMK's mean answer delay and share of delayed calls. */
  queueFigures: z.boolean().optional(),
});
export type ReportSpec = z.infer<typeof reportSchema>;

/**
 * Missions besides 113 emergencies that a transporting vehicle may take (transports section):
 * an urgent inter-hospital transfer, a booked transfer of a patient who needs monitoring on the
 * way, a booked transfer of one who does not, and a booked/planned transport (home ↔ hospital).
 */
export const TRANSPORT_MISSIONS = ["urgent-transfer", "monitored-transfer", "transfer", "booked"] as const;
export type TransportMission = (typeof TRANSPORT_MISSIONS)[number];

const transportWindowMin = z.number().finite().positive().max(7 * 24 * 60);

const transferRouteSchema = z.strictObject({
  /** Destination ids: the sending and the receiving hospital. */
  from: id,
  to: id,
  perYear: nonNegative,
  /** Share dispatched at once like an emergency (no window). Absent: 0.2. */
  urgentShare: probability.optional(),
  /** Urgency of the urgent ones (drive and priority). Absent: yellow. */
  urgentUrgency: z.enum(["red", "yellow"]).optional(),
  /** Share of the booked ones whose patient needs monitoring (an ambulance crew). Absent: 0.5. */
  monitoredShare: probability.optional(),
  /** Pickup window of the booked ones from its start. Absent: 120 min. */
  windowMin: transportWindowMin.optional(),
  /** At the sending hospital, from arrival to departure. Absent: transports.loading. */
  loading: distributionSchema.optional(),
  /** At the receiving hospital, from arrival until the unit is free. Absent: transports.handover. */
  handover: distributionSchema.optional(),
  /** When booked transfers are wanted. Absent: transports.profile. */
  profile: profileSchema.optional(),
});
export type TransferRouteSpec = z.infer<typeof transferRouteSchema>;

const bookedSchema = z.strictObject({
  /** Over all zones (perYear) or per 1,000 inhabitants, spread over the zones by population. */
  rate: rateSchema,
  /** Hospitals the trips go to or come from (the nearest of them by travel time). Absent: the nearest hospital. */
  destinations: z.array(id).min(1).optional(),
  /** Share of trips from the hospital back home; the rest go from home to the hospital. Absent: 0.5. */
  homeShare: probability.optional(),
  /** Pickup window from its start. Absent: 60 min. */
  windowMin: transportWindowMin.optional(),
  loading: distributionSchema.optional(),
  handover: distributionSchema.optional(),
  profile: profileSchema.optional(),
});

/**
 * Inter-hospital transfers and booked/planned transports (docs/scenario-reference.md, "transports").
 * Absent: none, and results are exactly as without the section.
 */
const transportsSchema = z.strictObject({
  transfers: z.array(transferRouteSchema).default([]),
  booked: bookedSchema.optional(),
  /** Which of the transport missions each vehicle type may take; types left out keep the default rule. */
  vehicleMissions: z.strictObject({
    ambulance: z.array(z.enum(TRANSPORT_MISSIONS)).optional(),
    akuttbil: z.array(z.enum(TRANSPORT_MISSIONS)).optional(),
    "doctor-car": z.array(z.enum(TRANSPORT_MISSIONS)).optional(),
    "sick-transport": z.array(z.enum(TRANSPORT_MISSIONS)).optional(),
  }).optional(),
  /** An ambulance takes booked work only if at least this many other ambulances of its AMK stay free. Absent: 2. */
  minFreeAmbulances: z.number().int().nonnegative().max(1000).optional(),
  /** Defaults for loading at the pickup and handover at the end of every transport. */
  loading: distributionSchema.optional(),
  handover: distributionSchema.optional(),
  /** Hour-of-week pattern of booked work. Absent: weekday daytime (see the reference). */
  profile: profileSchema.optional(),
});
export type TransportsSpec = z.infer<typeof transportsSchema>;

export const scenarioSchema = z.strictObject({
  version: z.literal(1),
  metadata: metadataSchema,
  areas: z.array(areaSchema).min(1),
  /**
   * Inline zones, or a zones file written by `akutt zones build` (relative to this file, or
   * `data:` + a path in the data folder), or with `csv` a CSV table of zones read in place.
   */
  zones: z.union([z.array(zoneSchema).min(1), z.strictObject({ file: z.string().min(1), csv: csvZonesSchema.optional() })]),
  demand: demandSchema,
  organisations: z.array(organisationSchema).min(1),
  amkCentres: z.array(amkSchema).min(1),
  stations: z.array(stationSchema).min(1),
  standbyPoints: z.array(stationSchema).default([]),
  vehicles: z.array(vehicleSchema).min(1),
  destinations: z.array(hospitalSchema).default([]),
  patientPaths: perUrgency(patientPathSchema),
  times: timesSchema,
  travel: travelSchema,
  policies: policiesSchema,
  /** Absent: units are unavailable only while on a mission or off duty. */
  availability: availabilitySchema.optional(),
  /** Absent: today's report. */
  report: reportSchema.optional(),
  /** How `akutt project` and comparison projections grow demand to a future year; absent: the documented defaults. */
  projection: projectionSchema.optional(),
  /** Absent: no transfers or booked transports. */
  transports: transportsSchema.optional(),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioDocument = z.output<typeof scenarioSchema>;
export type ZoneSpec = z.infer<typeof zoneSchema>;
export type AreaSpec = z.infer<typeof areaSchema>;
export type VehicleSpec = z.infer<typeof vehicleSchema>;
export type StationSpec = z.infer<typeof stationSchema>;
export type HospitalSpec = z.infer<typeof hospitalSchema>;
export type AmkSpec = z.infer<typeof amkSchema>;
export type DispatchSpec = z.infer<typeof dispatchSchema>;
export type RelocationSpec = z.infer<typeof relocationSchema>;
export type PatientPathSpec = z.infer<typeof patientPathSchema>;
export const zonesFileSchema = z.strictObject({
  version: z.literal(1),
  zones: z.array(zoneSchema).min(1),
  provenance: z.record(z.string(), z.unknown()).default({}),
});
