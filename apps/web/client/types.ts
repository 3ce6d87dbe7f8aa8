/** Shapes of the API's answers (docs/web.md, docs/report-format.md, docs/comparison-format.md). */

export interface Entry {
  id: string;
  name: string;
  kind: "shipped" | "variant";
  path: string;
  parent: string | null;
  created?: string | null;
}

export type Days = "all" | "weekdays" | "weekend" | string[];
export interface Shift {
  days: Days;
  start: string;
  end: string;
}
/** An AMK's operators on one shift. */
export interface StaffedShift extends Shift {
  count: number;
}

export interface LatLon {
  lat: number;
  lon: number;
}
/** A station or a standby point. */
export interface Place extends LatLon {
  id: string;
  name?: string | undefined;
  owner: string;
}

export interface Relocation {
  name: "return-home" | "standby-points" | "dynamic-mexclp" | "compliance-table";
  points?: Array<{ id: string; hours?: [string, string] }>;
  coverageSec?: number;
  maxTravelSec?: number;
  /** dynamic-mexclp: the busy fraction q, and the bases it may choose (absent: the owner's own). */
  busyFraction?: number;
  bases?: string[];
  /** compliance-table: one pooled table, or a table per owner. */
  table?: string[][];
  tables?: Record<string, string[][]>;
}

/** POST /api/scenarios/:id/compliance-table's answer. */
export interface ComplianceTableResult {
  relocation: { name: "compliance-table"; table?: string[][]; tables?: Record<string, string[][]> };
  tables: Array<{ owner: string | null; rows: number; objective: number; lastRowCoverage: number }>;
  travelModel: string;
}

/** A problem the scenario loader (422) or the request validation (400) reports. */
export interface Issue {
  file?: string;
  line?: number | null;
  column?: number | null;
  field?: string;
  message: string;
  record?: { list: string; id: string; index: number };
}

/** A vehicle record of the scenario with its count (several identical vehicles). */
export interface Group {
  id: string;
  type: string;
  station: string;
  count: number;
  shifts: Shift[];
}

export interface AmkCentre {
  id: string;
  name: string;
  organisation: string;
  operators: StaffedShift[];
}

export interface Destination extends LatLon {
  id: string;
  name: string;
  kind: "hospital" | "legevakt";
  capabilities: string[];
}

export interface ScenarioView {
  id: string;
  name: string;
  kind: Entry["kind"];
  path: string;
  parent: string | null;
  scenario: {
    metadata: { name: string; description?: string; start: string; durationDays: number; warmUpDays?: number };
    stations: Place[];
    standbyPoints: Place[];
    areas: Array<{ code: string; name: string }>;
    demand: { growthFactor?: number };
    amkCentres: AmkCentre[];
    destinations: Destination[];
    patientPaths: Record<string, { capabilityProbabilities?: Record<string, number> }>;
    policies: { dispatch: { crossBorder: string; interAmkDelaySec: number }; relocation: Relocation };
  };
  vehicleGroups: Group[];
}

export interface Feature {
  type: "Feature";
  id?: number | string;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}
export interface Collection {
  type: "FeatureCollection";
  features: Feature[];
  note?: string | null;
}
export interface RoadCollection extends Collection {
  network: string | null;
}
export interface BasemapCollection extends Collection {
  attribution?: string;
}

export interface Estimate {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n?: number;
}

export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";
export interface Job {
  id: string;
  kind?: "run" | "comparison" | "optimisation";
  status: JobStatus;
  scenarioIds?: string[];
  seed?: number;
  replications?: number;
  created?: string;
  finished?: string | null;
  error: string | null;
  done: number;
  total: number;
}

export interface AreaGroup {
  areaCode: string;
  areaName: string;
  areaClass?: string;
  urgency: string;
  /** Red: the response-time target of the area's class (720 or 1500 s); null for yellow and green. */
  targetSec?: number | null;
  figures: Record<string, Estimate>;
}
export type AmkFigures = Record<"calls" | "shareAnsweredWithin10s" | "lostCalls" | "operatorUtilisation", Estimate>;

/** The run information every report carries: what was simulated, how often, with which seed. */
export interface RunInfo {
  seed: number;
  replications: number;
  horizonSec: number;
  warmUpSec: number;
  confidenceLevel?: number;
}

export interface RunResult {
  report: {
    scenario: { name: string; startIso: string | null; timeZone: string | null };
    run: RunInfo;
    travelModel?: { name: string; limitations: string[] };
    responseTimes: { byArea: AreaGroup[]; byHourOfDay: Array<{ hour: number; urgency: string; figures: Record<string, Estimate> }> };
    vehicles?: {
      byOrganisation: Array<{ organisationId: string; organisationName: string; vehicles: number; figures: Record<string, Estimate> }>;
      byVehicle: Array<{ vehicleId: string; vehicleType: string; organisationId: string; station: string; figures: Record<string, Estimate> }>;
    };
    amk?: { total: AmkFigures; byAmk: Array<{ amkId: string; amkName: string; figures: AmkFigures }> };
    /** Only when the scenario has transfers or booked transports (docs/report-format.md#transports). */
    transports?: TransportReport;
    /** Only for scenarios with multi-unit incidents or joint operations (docs/report-format.md). */
    multiUnit?: { countedDays: number; byUrgency: Array<{ urgency: string; figures: Record<string, Estimate> }> };
  };
  extras: { zones: Array<{ zoneId: string; reached: number; redMedianSec: number | null; redShareWithin12Min: number | null }>; histogram: Record<string, number[]> } | null;
}

export interface TransportReport {
  countedDays: number;
  groups: Array<{ group: "urgentTransfer" | "bookedTransfer" | "booked"; figures: Record<"requests" | "requestsPerYear" | "shareOnTime" | "meanLatenessSec" | "shareBySimpleVehicle" | "ambulanceHoursPerYear", Estimate> }>;
}

export interface PairedEstimate extends Estimate {
  excludesZero: boolean | null;
}
export interface ComparisonResult {
  comparison?: { name: string; description?: string; startIso: string | null; timeZone: string | null };
  run?: RunInfo;
  travelModel?: { name: string; limitations: string[] };
  variants: Array<{ id: string; label: string; baseline: boolean }>;
  areas: Array<{ areaCode: string; areaName: string; urgency: string; differences: Array<{ variantId: string; differences: Record<string, PairedEstimate> }> }>;
  /** Present when the comparison was run with years (docs/comparison-format.md "projections"). */
  projections?: {
    years: number[];
    notes: string[];
    notesNb: string[];
    rows: Array<{ growthId: string; year: number; variantId: string; areas: Array<{ areaCode: string; areaName: string; shareWithinTarget: Estimate }> }>;
    firstMiss: Array<{ growthId: string; variantId: string; byArea: Array<{ areaCode: string; firstYearBelow: number | null }> }>;
  } | null;
}

export interface Change {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
  summary: { nb: string; en: string };
}
export interface Changes {
  parent: string | null;
  parentName: string | null;
  changes: Change[];
}

export interface DriveTimes {
  travelModel: string;
  urgency: string;
  zones: Array<[string, number | null]>;
}

/** GET /api/indicators: one quality indicator from the mission warehouse, small rows already suppressed. */
export interface IndicatorAnswer {
  warehouse: { present: boolean; file: string; missions: number | null; message: string | null };
  table: {
    indicator: string;
    title: string;
    definition: string;
    event: string;
    by: string;
    group: string;
    scenario: string | null;
    minEvents: number;
    columns: Array<{ key: string; unit: string; label: string }>;
    rows: Array<{ period: string; key: string; name: string; areaClass: string | null; suppressed: boolean; events: number | null; values: Record<string, number | null> }>;
    notes: string[];
    chartSvg: string;
  } | null;
}

/** A figure of the ranking (docs/ranking.md): mean and interval over replications. */
export interface RankingEstimate {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}
/** A paired difference of the ranking, on its family's Bonferroni-adjusted level. */
export interface RankingPaired extends RankingEstimate {
  excludesZero: boolean | null;
}
export interface RankingDifference {
  shareWithinTarget: RankingPaired;
  responseMedianSec: RankingPaired;
  verdict: "better" | "worse" | "not distinguishable";
}
/** GET /api/optimisations/:id/results. */
export interface OptimisationResult {
  /** The MIP's plans, best first, each with its objective. */
  siting: Array<{ id: string; label: string; objective: number; objectiveLabel: string; status: string }>;
  /** Every site a plan or today uses, with its vehicles in each plan (by plan id) and today. */
  sites: Array<{ id: string; kind: string; owner: string; lat: number; lon: number; today: number; vehicles: Record<string, number> }>;
  /** Each plan's overlay as scenario fields (what "save as variant" sends). */
  plans: Array<{ id: string; label: string; overlay: Record<string, unknown> }>;
  ranking: {
    objective: string;
    seed: number;
    replications: number;
    multipleComparisons: { vsToday: { comparisons: number; level: number } };
    best: string;
    today: string;
    plans: Array<{ rank: number; id: string; label: string; shareWithinTarget: RankingEstimate; responseMedianSec: RankingEstimate; vsBest: RankingDifference | null; vsToday: RankingDifference | null }>;
  };
}
