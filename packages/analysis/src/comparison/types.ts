import type { MultiUnitSection } from "../kpi/multi-unit-kpis.js";
import type { ScenarioIndex } from "@akutt/engine";
import type { Factor, FleetShift, Urgency } from "@akutt/model";
import type { ReplicationKpis } from "../kpi/replication-kpis.js";
import type { AreaClass } from "../kpi/targets.js";
import type { AmkAnswerFigures, AvailabilityFigures, Estimate, PopulationSource, RunInfo, TransportFigures, TravelModelInfo } from "../report/report.js";
import type { TransportGroup } from "../kpi/transport-kpis.js";

/** Version of the JSON shape documented in docs/comparison-format.md; bump on breaking change. */
export const COMPARISON_FORMAT_VERSION = 1;

/** Seconds in the year figures are scaled to (365 days). */
export const SECONDS_PER_YEAR = 365 * 86400;

// ───────────────────────────── input ─────────────────────────────

/** One scenario of the comparison (today's system or an alternative) and its replications. */
export interface ComparisonVariantInput {
  /** Variant id from comparison.yaml, e.g. "today", "alt2". */
  id: string;
  /** Short label for tables, e.g. "Alt. 2". */
  label: string;
  /** Bokmål label (falls back to `label`). */
  labelNb?: string;
  description?: string;
  /** Bokmål description, for the bokmål report (falls back to `description`). */
  descriptionNb?: string;
  /** The variant's own index: areas, organisations, AMKs and vehicles are matched across variants by code/id, never by position. */
  index: ScenarioIndex;
  /** computeReplicationKpis of each replication, replication order; replication i must share seed i with every other variant. */
  kpis: ReplicationKpis[];
  /** Stations per owning organisation id; an organisation not listed has none. Omit when unknown (figures become null). */
  stationsByOrganisation?: Record<string, number>;
  /** The organisation running each AMK (the scenario's amkCentres[].organisation), by AMK id: attributes AMK load and operator-hours to trusts. */
  amkOrganisation?: Record<string, string>;
  /**
   * Operator-hours per year per AMK id, when the caller prefers a staffing plan's figure to the
   * simulated staffed time (operatorAvailableSec scaled to a year). AMKs not listed use the simulation.
   */
  amkOperatorHoursPerYear?: Record<string, number>;
}

/** Documented cost parameters (comparison.yaml `costs`). */
export interface CostParameters {
  currency: string;
  /** Cost of one staffed ambulance-hour. */
  ambulanceHour: number;
  /** Yearly cost of one station. */
  stationYear: number;
  /** Cost of one AMK operator-hour. */
  amkOperatorHour: number;
  /** Where the parameters come from. */
  source: string;
  /** The same in bokmål, when given. */
  sourceNb?: string;
  /** A published cost level to check ambulanceHour against (comparison.yaml costs.reference). */
  reference?: {
    totalCost: number;
    fte: number;
    year: number;
    productiveHoursPerFte: number;
    crewPerAmbulance: number;
    source: string;
    sourceNb?: string;
  };
  /** One-off costs of changing operator (comparison.yaml costs.transition). */
  transition?: Array<{ variants: string[]; item: string; itemNb?: string; amount: number; source: string; sourceNb?: string }>;
}

/**
 * One alternative and its factor controls (comparison.yaml `factors`), each on the same seeds and
 * replications as the baseline given here.
 */
export interface FactorialInput {
  variantId: string;
  baselineIndex: ScenarioIndex;
  baselineKpis: ReplicationKpis[];
  alternativeIndex: ScenarioIndex;
  alternativeKpis: ReplicationKpis[];
  factors: Array<{ factor: Factor; file: string; index: ScenarioIndex; kpis: ReplicationKpis[] }>;
}

/** An ambulance the fleet search added. */
export interface FleetAddition {
  stationId: string;
  stationName: string;
  shift: FleetShift;
  ambulanceHoursPerYear: number;
}

/**
 * The outcome of the "fleet needed to keep today's level" search for one alternative (comparison.yaml
 * `fleetNeeded`): the ambulances added, and the confirming run of the alternative with them against
 * the baseline on the comparison's replications.
 */
export interface FleetNeededInput {
  variantId: string;
  searchReplications: number;
  maxSteps: number;
  /** Simulated trials (scenario × search replications) the search ran. */
  trials: number;
  added: FleetAddition[];
  /** The search found additions meeting the condition within maxSteps (on the search replications). */
  searchMet: boolean;
  confirm: { baselineIndex: ScenarioIndex; baselineKpis: ReplicationKpis[]; variantIndex: ScenarioIndex; variantKpis: ReplicationKpis[] };
}

/** A trust's catchment under one variant, computed by the caller from boundary and population data. */
export interface CatchmentInput {
  organisationId: string;
  variantId: string;
  areaCodes: string[];
  population: number;
  areaKm2: number;
}

export const SENSITIVITY_GROUPS = ["interAmkDelaySec", "demandGrowth", "stationSite"] as const;
export type SensitivityGroup = (typeof SENSITIVITY_GROUPS)[number];

/**
 * One sensitivity setting: the baseline and one alternative, both run with the setting applied and
 * the same seeds (so they are paired), with few replications.
 */
export interface SensitivityInput {
  group: SensitivityGroup;
  /** E.g. "2 min", "3.5 %/year to 2035", "Bekkestua". */
  settingLabel: string;
  /** The label in bokmål, when it differs. */
  settingLabelNb?: string;
  /** The setting's number where it has one (delay in s, annual growth rate), else null. */
  settingValue?: number | null;
  variantId: string;
  baselineIndex: ScenarioIndex;
  baselineKpis: ReplicationKpis[];
  variantIndex: ScenarioIndex;
  variantKpis: ReplicationKpis[];
}

/** Every variant run with demand projected to one year under one growth alternative (same seeds as each other). */
export interface ProjectionRunInput {
  year: number;
  growthId: string;
  variants: Array<{ variantId: string; index: ScenarioIndex; kpis: ReplicationKpis[] }>;
}

/** The comparison's variants run at future years (comparison.yaml `projections`, packages/runs/src/projection). */
export interface ProjectionsInput {
  baseYear: number;
  /** The growth alternatives run, in order, with their labels (English; bokmål in labelNb). */
  growth: Array<{ id: string; label: string; labelNb?: string; perHeadGrowthPerYear: number }>;
  /** What the projection holds fixed and where its numbers come from (English and bokmål). */
  notes: string[];
  notesNb: string[];
  runs: ProjectionRunInput[];
}

/** A simulated difference of one plan from a reference plan (plan − reference), on a family's Bonferroni-adjusted level. */
export interface SimulatedDifference {
  shareWithinTarget: PairedEstimate;
  responseMedianSec: PairedEstimate;
  /** By the red share within target: "better"/"worse" when its adjusted interval excludes 0 (a real difference). */
  verdict: "better" | "worse" | "not distinguishable";
}

/** One plan's simulated red figures in one area (its target share and median), and its difference from the reference plan. */
export interface OptimisedAreaFigures {
  areaCode: string;
  areaName: string;
  shareWithinTarget: Estimate;
  responseMedianSec: Estimate;
  vsReference: { shareWithinTarget: PairedEstimate; responseMedianSec: PairedEstimate } | null;
}

/** A candidate site of a station: the MIP's, or one chosen by hand (comparison.yaml sensitivity.stationSites). */
export interface OptimisedSite {
  id: string;
  label: string;
  labelNb?: string;
  /** "default": where the variant's file puts the station (the reference); "hand-picked": a listed site; "mip": the siting MIP's. */
  source: "default" | "hand-picked" | "mip";
  /** 1 = the MIP's optimum, 2 = its next best, …; null for the hand-picked sites. */
  mipRank: number | null;
  /** The MIP's objective for the plan (MEXCLP expected share of red demand covered); null for the hand-picked sites. */
  mipObjective: number | null;
  /** The zone the MIP put the station in; null for the hand-picked sites. */
  zoneId: string | null;
  lat: number;
  lon: number;
  /** Rank by the simulated red share within target over all areas (1 = best). */
  simulatedRank: number;
  shareWithinTarget: Estimate;
  responseMedianSec: Estimate;
  /** Against the default site (null for it). */
  vsDefault: SimulatedDifference | null;
  /** Against the simulation's best site (null for it). */
  vsBest: SimulatedDifference | null;
  areas: OptimisedAreaFigures[];
}

/** The best site of one station of one variant: the siting MIP over every allowed zone, then the simulation as judge. */
export interface OptimisedSiting {
  variantId: string;
  stationId: string;
  /** The station's owner: only zones of areas it is responsible for are candidates. */
  owner: string;
  siteAreas: string[];
  candidateZones: number;
  demandZones: number;
  model: string;
  busyFraction: number;
  borderRule: string;
  /** HiGHS time of all the MIPs (the optimum and the next-best cuts). */
  solveSec: number;
  replications: number;
  /** Bonferroni-adjusted confidence levels of the families of comparisons: against the best, against the default, per area against the default. */
  levels: { vsBest: number; vsDefault: number; areas: number };
  sites: OptimisedSite[];
}

/** One variant with the optimised standby plan against itself without it (same seeds). */
export interface StandbyFactor {
  variantId: string;
  /** The relocation policy given to every variant (engine registry name). */
  policy: string;
  /** The variant's own relocation policy, replaced by `policy`. */
  replacedPolicy: string;
  replications: number;
  /** Bonferroni-adjusted level of the per-area intervals (the overall one is on `levels.overall`). */
  levels: { overall: number; areas: number };
  without: { shareWithinTarget: Estimate; responseMedianSec: Estimate };
  with: { shareWithinTarget: Estimate; responseMedianSec: Estimate };
  difference: SimulatedDifference;
  areas: OptimisedAreaFigures[];
  /** The same areas without the plan (`areas` are with it, vsReference = with − without). */
  areasWithout: OptimisedAreaFigures[];
}

/** Every variant with the standby plan against the baseline with it (same seeds): the comparison when no variant has a measure of its own. */
export interface StandbyComparison {
  policy: string;
  replications: number;
  /** Bonferroni-adjusted levels: over all areas (one comparison per alternative), and per area. */
  levels: { overall: number; areas: number };
  /** Baseline first (vsBaseline null); `areas[].vsReference` is against the baseline with the plan. */
  variants: Array<{ variantId: string; shareWithinTarget: Estimate; responseMedianSec: Estimate; vsBaseline: SimulatedDifference | null; areas: OptimisedAreaFigures[] }>;
}

/** One station in a fleet plan: the variant's roster against the MIP's plan, ambulance-hours a week. */
export interface FleetPlanStation {
  stationId: string;
  owner: string;
  rosteredHoursPerWeek: number;
  planHoursPerWeek: number;
  /** Fewest and most ambulances on duty in an hour of the week in the plan. */
  fewest: number;
  most: number;
  /** Crews a week starting each shift pattern at each hour, e.g. { shiftId: "d12", startHour: 7, lengthH: 12, crewsPerWeek: 21 }. */
  shifts: Array<{ shiftId: string; startHour: number; lengthH: number; crewsPerWeek: number }>;
}

/** A fleet plan simulated against today: all areas together, and each area. */
export interface FleetPlanSimulated {
  shareWithinTarget: Estimate;
  responseMedianSec: Estimate;
  vsToday: SimulatedDifference;
  areas: OptimisedAreaFigures[];
}

/** One plan of the fleet iteration: the MIP with the busy fractions of the plan before, then the simulation. */
export interface FleetIteration {
  /** 1, 2, …: the first plan uses the busy fraction measured in today's simulation. */
  iteration: number;
  /** HiGHS status ("optimal" within the gap, "time-limit", "infeasible", "error"). */
  status: string;
  solveSec: number;
  /** null when the MIP found no plan. */
  planHoursPerWeek: number | null;
  /** The busy fraction the plan's coverage assumed, lowest and highest over the hours of the day. */
  busyFraction: { lowest: number; highest: number };
  /** Areas whose targets the step rule raised for failing in an earlier plan: the share of the gap between today's coverage and what the stations can reach that the targets close. */
  raisedAreas: Array<{ areaCode: string; closed: number }>;
  /** The same plan as an earlier iteration's (its number): the iteration stopped without simulating it again. */
  repeatOf: number | null;
  /** The busy fraction measured in this plan's simulation, lowest and highest over the hours of the day; null when not simulated. */
  measuredBusyFraction: { lowest: number; highest: number } | null;
  simulated: FleetPlanSimulated | null;
  /** By the report's rule (all areas together and every focus area no worse than today); null when not simulated. */
  keeps: boolean | null;
}

/** The fleet MIP's plans for one variant with today's hourly coverage per area as targets, iterated with the simulation. */
export interface FleetKeepVariant {
  variantId: string;
  rosteredHoursPerWeek: number;
  iterations: FleetIteration[];
  /** The confirmed plan with the fewest hours (after the first confirmed plan the remaining ones bisect the step); null: none. */
  confirmedIteration: number | null;
  /**
   * The plan shown by station and in the simulation table: the confirmed one, else the simulated
   * plan with the largest change in the share within target over all areas (the closest to today);
   * null when no plan was simulated.
   */
  shownIteration: number | null;
  /** Why the iteration stopped. */
  stop: "confirmed" | "max-iterations" | "repeated" | "no-plan";
  /** The shown plan by station (empty without one). */
  stations: FleetPlanStation[];
  /** Areas whose hourly target was below today's coverage because the variant cannot reach it there (the shown plan's, else the last). */
  lowered: Array<{ areaCode: string; largestCut: number; hours: number }>;
}

/** comparison.yaml `optimisation.fleet`, run. */
export interface FleetKeepToday {
  /** Today's rostered ambulance-hours a week (the targets' fleet). */
  todayHoursPerWeek: number;
  /** The busy fraction measured in today's simulation by local hour of the day (0 = 00–01), the targets' q. */
  busyFractionToday: number[];
  /** The step rule: a failing area's targets close this share of their remaining gap to what the stations can reach. */
  areaStep: number;
  maxBusyFraction: number;
  maxIterations: number;
  coverageLevels: number;
  maxVehiclesPerSite: number;
  mipRelativeGap: number;
  timeLimitSec: number;
  /** The shift patterns the plans may use. */
  shifts: Array<{ id: string; lengthH: number; startHours: number[] }>;
  replications: number;
  /** Confidence levels of each plan's check against today (each plan ranked with today alone): all areas, and per area (Bonferroni over the areas). */
  levels: { overall: number; areas: number };
  variants: FleetKeepVariant[];
}

/** comparison.yaml `optimisation`, run: already simulated and paired, so the report shows it as it is. */
export interface OptimisationInput {
  seed: number;
  siting: OptimisedSiting[];
  standby: StandbyFactor[];
  standbyComparison: StandbyComparison;
  /** Absent when comparison.yaml has no `optimisation.fleet`. */
  fleet?: FleetKeepToday;
}

export interface ComparisonInput {
  /** comparison.yaml `name` (its English text when it gives both languages). */
  name: string;
  /** Bokmål name (falls back to `name`). */
  nameNb?: string;
  description?: string;
  /** Bokmål description (falls back to `description`). */
  descriptionNb?: string;
  seed: number;
  travelModel: TravelModelInfo;
  /** Population source and year of each area (the baseline's zones). */
  populationSources?: PopulationSource[];
  startIso?: string;
  timeZone?: string;
  baseline: ComparisonVariantInput;
  alternatives: ComparisonVariantInput[];
  /** Area codes shown first, in this order, and drawn on the maps. */
  focusAreas?: string[];
  /** A difference in median response time smaller than this does not matter to a planner (s). Default 60. */
  relevantDifferenceSec?: number;
  /** Optional: a difference in a share smaller than this does not matter (fraction, e.g. 0.05). Default none. */
  relevantDifferenceShare?: number;
  /** Default 0.95. */
  confidenceLevel?: number;
  costs?: CostParameters;
  catchments?: CatchmentInput[];
  /** What the catchment figures measure and where the data come from, shown with the table. */
  catchmentNote?: string;
  catchmentNoteNb?: string;
  sensitivity?: SensitivityInput[];
  factorial?: FactorialInput[];
  fleetNeeded?: FleetNeededInput[];
  projections?: ProjectionsInput;
  optimisation?: OptimisationInput;
}

// ───────────────────────────── output ─────────────────────────────

/** A paired difference (alternative − baseline) over replications with common random numbers. */
export interface PairedEstimate {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  halfWidth: number | null;
  /** Pairs in which the figure was defined in both variants. */
  n: number;
  /** The interval excludes 0 (null without an interval). */
  excludesZero: boolean | null;
  /** halfWidth < the relevant difference for this kind of figure (null without interval or threshold). */
  tighterThanRelevant: boolean | null;
}

export type ComparisonUrgency = Urgency | "all";

export interface ResponseFigures {
  incidents: Estimate;
  reached: Estimate;
  responseMedianSec: Estimate;
  responseP90Sec: Estimate;
  shareWithin12Min: Estimate;
  /** Red only (area-class target); null estimates otherwise. */
  shareWithinTarget: Estimate;
}

export interface ResponseDifferences {
  responseMedianSec: PairedEstimate;
  responseP90Sec: PairedEstimate;
  shareWithin12Min: PairedEstimate;
  shareWithinTarget: PairedEstimate;
}

export interface VariantResponse {
  variantId: string;
  /** The group exists in this variant (e.g. the area is in its scenario). */
  present: boolean;
  /** Area rows: the organisation responsible for the area in this variant (null where absent or for overall rows). */
  organisationId: string | null;
  figures: ResponseFigures;
}

export interface VariantResponseDifference {
  variantId: string;
  differences: ResponseDifferences;
}

export interface OverallRow {
  urgency: ComparisonUrgency;
  variants: VariantResponse[];
  /** One per alternative, alternative − baseline. */
  differences: VariantResponseDifference[];
}

export interface AreaRow {
  areaCode: string;
  areaName: string;
  /** Area class in the baseline (or the first variant that has the area). */
  areaClass: AreaClass;
  focus: boolean;
  urgency: Urgency;
  targetSec: number | null;
  variants: VariantResponse[];
  differences: VariantResponseDifference[];
}

export interface OrganisationFigures {
  /** Area codes the organisation is responsible for in this variant. */
  responsibleAreas: string[];
  vehicles: number;
  ambulances: number;
  stations: number | null;
  amkIds: string[];
  /** Incidents in the organisation's areas, all urgencies. */
  incidents: Estimate;
  redResponseMedianSec: Estimate;
  redShareWithin12Min: Estimate;
  /** Busy / on-duty time of the organisation's ambulances. */
  ambulanceUtilisation: Estimate;
  /** Busy / on-duty time of all the organisation's vehicles (ambulances, akuttbil, …). */
  vehicleUtilisation: Estimate;
  /** Missions started by the organisation's vehicles. */
  missions: Estimate;
  /** Missions of the organisation's vehicles in areas another trust is responsible for. */
  crossBorderGiven: Estimate;
  /** Missions in the organisation's areas by another trust's vehicles. */
  crossBorderReceived: Estimate;
  /**
   * AMK figures over the AMKs the organisation runs (amkOrganisation). All null when the mapping was
   * not given; with the mapping, an organisation running no AMK has 0 calls and 0 operator-hours.
   */
  amkCalls: Estimate | null;
  amkShareAnsweredWithin10s: Estimate | null;
  amkOperatorUtilisation: Estimate | null;
  amkOperatorHoursPerYear: Estimate | null;
  /** On-duty hours of the organisation's ambulances, scaled to a year. */
  ambulanceHoursPerYear: Estimate;
  /** Yearly cost from the means and the cost parameters; null without parameters. */
  costPerYear: CostBreakdown | null;
}

export interface CostBreakdown {
  ambulanceHours: number;
  stations: number | null;
  amkOperatorHours: number | null;
  /** Sum of the three parts; null when stations or AMK operator-hours are unknown (not given by the caller). */
  total: number | null;
}

export interface OrganisationDifferences {
  ambulanceUtilisation: PairedEstimate;
  crossBorderGiven: PairedEstimate;
  crossBorderReceived: PairedEstimate;
  ambulanceHoursPerYear: PairedEstimate;
  redResponseMedianSec: PairedEstimate;
  redShareWithin12Min: PairedEstimate;
}

export interface OrganisationRow {
  organisationId: string;
  organisationName: string;
  variants: Array<{ variantId: string; present: boolean; figures: OrganisationFigures }>;
  differences: Array<{ variantId: string; differences: OrganisationDifferences }>;
}

export interface CrossBorderFlow {
  /** Organisation responsible for the incident's area. */
  responsibleOrganisationId: string;
  /** Organisation owning the transporting vehicle. */
  vehicleOwnerId: string;
  missions: Estimate;
  redMissions: Estimate;
}

export interface AmkFiguresByVariant {
  variantId: string;
  present: boolean;
  organisationId: string | null;
  calls: Estimate;
  shareAnsweredWithin10s: Estimate;
  lostCalls: Estimate;
  operatorUtilisation: Estimate;
  operatorHoursPerYear: Estimate;
  /** 113 answer times over the whole day (slot "all") and each shift period; empty where the AMK is not in the variant. */
  answerTimes: AmkAnswerFigures[];
}

export interface AmkRow {
  /** AMK id, or "all" for the total. */
  amkId: string;
  amkName: string;
  variants: AmkFiguresByVariant[];
}

/** One transport group (urgent transfers, booked transfers, booked transports) in every variant. */
export interface TransportRow {
  group: TransportGroup;
  /** Figures null where the variant has no transports section. */
  variants: Array<{ variantId: string; figures: TransportFigures | null }>;
}

export interface VariantCost {
  variantId: string;
  ambulanceHoursPerYear: number | null;
  stations: number | null;
  amkOperatorHoursPerYear: number | null;
  ambulanceCost: number | null;
  /** The ambulance-hours at costs.reference's ambulance-hour rate; null without a reference. */
  ambulanceCostAtReference: number | null;
  stationCost: number | null;
  amkCost: number | null;
  total: number | null;
  /** total − baseline total (null if either is unknown). */
  differenceFromBaseline: number | null;
}

export interface CatchmentRow {
  organisationId: string;
  variantId: string;
  areaCodes: string[];
  population: number;
  areaKm2: number;
  /** Change against the same organisation's baseline catchment, as a fraction (0.85 = +85 %); null without a baseline row or from zero. */
  populationChange: number | null;
  areaChange: number | null;
}

export interface SensitivityRow {
  group: SensitivityGroup;
  settingLabel: string;
  /** Present when the bokmål label differs from settingLabel. */
  settingLabelNb?: string;
  settingValue: number | null;
  variantId: string;
  replications: number;
  /** Focus areas (all areas without focus) and "all" for the whole scenario, red urgency. */
  areas: Array<{
    areaCode: string;
    areaName: string;
    baseline: { responseMedianSec: Estimate; shareWithin12Min: Estimate };
    variant: { responseMedianSec: Estimate; shareWithin12Min: Estimate };
    differences: { responseMedianSec: PairedEstimate; shareWithin12Min: PairedEstimate };
  }>;
}

export interface PrecisionFigure {
  figure: "responseMedianSec" | "responseP90Sec";
  /** Widest half-width of the paired differences in scope (s); null when no interval exists. */
  widestHalfWidthSec: number | null;
  at: { areaCode: string; urgency: Urgency; variantId: string } | null;
  /** widestHalfWidthSec < relevantDifferenceSec. */
  sufficient: boolean | null;
  /** Replications that would bring the widest half-width below the relevant difference (n · (h / d)², rounded up); null when already sufficient or unknown. */
  replicationsSuggested: number | null;
}

/** Red median and share within 12 min, as paired differences. */
export interface FactorialFigures {
  responseMedianSec: PairedEstimate;
  shareWithin12Min: PairedEstimate;
}

/**
 * An alternative's paired difference from the baseline (total), the part attributed to each factor
 * (factor control − baseline; null for a factor not part of the alternative) and the remainder
 * (total − the factors' sum: interaction and what the controls do not hold), per area, red.
 */
export interface FactorialRow {
  variantId: string;
  replications: number;
  factorFiles: Partial<Record<Factor, string>>;
  areas: Array<{ areaCode: string; areaName: string; total: FactorialFigures; factors: Record<Factor, FactorialFigures | null>; remainder: FactorialFigures }>;
}

export interface FleetNeededArea {
  areaCode: string;
  areaName: string;
  responseMedianSec: PairedEstimate;
  shareWithin12Min: PairedEstimate;
  /** Median and share no worse than the baseline within the interval (fleet-needed rule). */
  noWorse: boolean;
}

export interface FleetNeededRow {
  variantId: string;
  searchReplications: number;
  confirmReplications: number;
  maxSteps: number;
  trials: number;
  added: FleetAddition[];
  addedAmbulanceHoursPerYear: number;
  /** addedAmbulanceHoursPerYear × costs.ambulanceHour; null without costs. */
  addedCostPerYear: number | null;
  searchMet: boolean;
  /** Every focus area no worse than the baseline in the confirming run. */
  confirmed: boolean;
  areas: FleetNeededArea[];
}

/** One area's red share within its target in one projected year. */
export interface ProjectionAreaFigure {
  areaCode: string;
  areaName: string;
  targetSec: number | null;
  shareWithinTarget: Estimate;
  /** shareWithinTarget − 0.90: above 0 the area meets the national target. */
  marginToTarget: Estimate;
  /** Change of the share against the first year of the same variant and growth alternative (paired by replication seed); null in the first year. */
  changeFromFirstYear: PairedEstimate | null;
}

export interface ProjectionRow {
  growthId: string;
  year: number;
  variantId: string;
  replications: number;
  /** Red incidents a year in the whole scenario (counted after warm-up, scaled to 365 days). */
  redIncidentsPerYear: Estimate;
  areas: ProjectionAreaFigure[];
  /** The area with the smallest mean margin (null if no area has figures). */
  worstAreaCode: string | null;
}

/** When a variant first misses 90 % within the target in any area in scope. */
export interface ProjectionFirstMiss {
  growthId: string;
  variantId: string;
  /** First year whose mean share is below 90 % in some area (null: none of the years run). */
  firstYearBelow: number | null;
  areaBelow: string | null;
  /** First year whose whole 95 % interval is below 90 % in some area: a miss the replications leave no doubt about. */
  firstYearClearlyBelow: number | null;
  areaClearlyBelow: string | null;
  /** The same per area in scope: when each area first misses (an area below 90 % already in the first year shows that year). */
  byArea: Array<{ areaCode: string; firstYearBelow: number | null; firstYearClearlyBelow: number | null }>;
}

export interface ProjectionsReport {
  baseYear: number;
  years: number[];
  growth: Array<{ id: string; label: string; labelNb?: string; perHeadGrowthPerYear: number }>;
  /** The share within target the national guideline asks for (0.9). */
  targetShare: number;
  /** "focus areas" or "all areas": the areas whose margins are shown and searched for a miss. */
  scope: string;
  notes: string[];
  notesNb: string[];
  rows: ProjectionRow[];
  firstMiss: ProjectionFirstMiss[];
}

export interface ComparisonReport {
  format: "akutt-comparison-report";
  formatVersion: number;
  comparison: { name: string; nameNb?: string; description: string; descriptionNb?: string; startIso: string | null; timeZone: string | null };
  run: RunInfo & {
    relevantDifferenceSec: number;
    relevantDifferenceShare: number | null;
  };
  travelModel: TravelModelInfo;
  populationSources: PopulationSource[];
  definitions: Record<string, string>;
  variants: Array<{ id: string; label: string; labelNb?: string; description: string; descriptionNb?: string; baseline: boolean; areas: number; organisations: number; amks: number; vehicles: number; ambulances: number }>;
  focusAreas: string[];
  precision: { scope: string; figures: PrecisionFigure[] };
  overall: OverallRow[];
  areas: AreaRow[];
  organisations: OrganisationRow[];
  crossBorder: Array<{ variantId: string; flows: CrossBorderFlow[] }>;
  amk: AmkRow[];
  costs: {
    parameters: CostParameters;
    variants: VariantCost[];
    /** costs.reference worked out: cost per årsverk, per productive hour and per ambulance-hour; null without a reference. */
    reference: { costPerFte: number; costPerProductiveHour: number; ambulanceHour: number } | null;
    /** One-off transition costs per variant that has any. */
    transition: Array<{ variantId: string; items: Array<{ item: string; itemNb?: string; amount: number; source: string; sourceNb?: string }>; total: number }>;
  } | null;
  catchments: { note: string | null; noteNb?: string; rows: CatchmentRow[] } | null;
  sensitivity: SensitivityRow[];
  factorial: FactorialRow[];
  fleetNeeded: FleetNeededRow[];
  /** comparison.yaml `optimisation` (null when not run): the siting MIP's best sites judged by simulation, and the standby plan given to every variant. */
  optimisation: OptimisationInput | null;
  /** Only when a variant has a transports section: transfers and booked transports, never in the response-time rows. */
  transports?: { countedDays: number; rows: TransportRow[] };
  /** Only when a variant has demand.multiUnit or demand.jointOperations: one entry per such variant. */
  multiUnit?: Array<{ variantId: string } & MultiUnitSection>;
  /** Null when the comparison ran no projections. */
  projections: ProjectionsReport | null;
  /** Only when a variant has an availability section: its unavailable time, all vehicles together. */
  availability?: AvailabilityRow[];
}

export interface AvailabilityRow {
  variantId: string;
  /** Days the figures cover (the vehicle-time counting window); null for a variant without availability. */
  countedDays: number | null;
  figures: AvailabilityFigures | null;
}
