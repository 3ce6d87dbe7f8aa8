import { URGENCIES, type ReportSpec, type Urgency } from "@akutt/model";
import { HOURS_PER_YEAR, VEHICLE_STATES, type ScenarioIndex, type VehicleState } from "@akutt/engine";
import { estimate, type Estimate, type FigureRange } from "./estimate.js";
import type { AmkKpi, AvailabilityGroupKpi, GroupKpi, ReplicationKpis, VehicleKpi } from "../kpi/replication-kpis.js";
import { FIRST_UNAVAILABLE_STATE, URGENCY_COUNT } from "../kpi/replication-kpis.js";
import { TRANSPORT_GROUPS, type TransportGroup, type TransportKpis } from "../kpi/transport-kpis.js";
import { AMK_ANSWER_SLOTS, type AmkAnswerKpi, type AmkAnswerSlot } from "../kpi/amk-answer.js";
import { multiUnitSection, type MultiUnitSection } from "../kpi/multi-unit-kpis.js";
import { AMK_ANSWER_TARGET_SEC, AMK_ANSWER_TARGET_SHARE, RED_RESPONSE_TARGET_SEC, RED_RESPONSE_TARGET_SHARE, responseTargetSec, YELLOW_RESPONSE_TARGET_SEC, type AreaClass } from "../kpi/targets.js";

/** Version of the JSON shape documented in docs/report-format.md; bump on breaking change. */
export const REPORT_FORMAT_VERSION = 1;

/**
 * One figure across replications: the mean of the per-replication values and a two-sided
 * Student-t confidence interval. n counts the replications where the figure was defined (e.g. a
 * median needs at least one reached incident). With n < 2 the interval is null; with n = 0 the
 * mean is null too. Interval ends are clipped to the figure's range (shares to [0, 1], counts
 * and times to ≥ 0).
 */
export type { Estimate } from "./estimate.js";

export interface IncidentFigures {
  incidents: Estimate;
  reached: Estimate;
  pending: Estimate;
  lost: Estimate;
  responseMeanSec: Estimate;
  responseMedianSec: Estimate;
  responseP90Sec: Estimate;
  shareWithinTarget: Estimate;
  firstUnitReached: Estimate;
  firstUnitMeanSec: Estimate;
  firstUnitMedianSec: Estimate;
  firstUnitP90Sec: Estimate;
  waited: Estimate;
  shareWaited: Estimate;
  meanWaitSec: Estimate;
  crossBorder: Estimate;
  shareCrossBorder: Estimate;
  /** Only with report.responsePercentiles: the response time at each percentile asked, in that order. */
  responsePercentiles?: Array<{ percentile: number; sec: Estimate }>;
  /** Only with report.responseThresholdsMin: share of reached incidents with response ≤ each threshold, in that order. */
  shareWithinThresholds?: Array<{ thresholdSec: number; share: Estimate }>;
  /** Only with report.queueFigures: mean wait for a free unit over all incidents (0 for those that did not wait). */
  meanWaitAllSec?: Estimate;
}

export type UrgencyKey = Urgency | "all";

export interface OverallGroup {
  urgency: UrgencyKey;
  figures: IncidentFigures;
}
export interface AreaGroup {
  areaCode: string;
  areaName: string;
  areaClass: AreaClass;
  /** Responsible organisation; null for a whole (partOf) that may span organisations. */
  organisationId: string | null;
  urgency: Urgency;
  /** Response-time target for this urgency and area class in seconds; null where none exists. */
  targetSec: number | null;
  figures: IncidentFigures;
}
export interface OrganisationGroup {
  organisationId: string;
  organisationName: string;
  urgency: Urgency;
  figures: IncidentFigures;
}
export interface HourGroup {
  /** Local hour of day (0–23) in which the call rang. */
  hour: number;
  urgency: Urgency;
  figures: IncidentFigures;
}

export interface VehicleFigures {
  utilisation: Estimate;
  missions: Estimate;
  onDutySec: Estimate;
  /**
   * Share of all time after warm-up per state, VEHICLE_STATES order as keys; the unavailable states
   * (cleaning, onBreak, outOfService) only when the scenario has an availability section.
   */
  stateShare: Partial<Record<VehicleState, Estimate>>;
  /** Only with an availability section: unavailable (cleaning, break, out of service) / on-duty time. */
  unavailableShare?: Estimate;
}

export const UNAVAILABLE_REASONS = ["cleaning", "onBreak", "outOfService"] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

/** Unavailable time and its events, summed over a group's vehicles, for the counted period. */
export interface AvailabilityFigures {
  /** Vehicle-hours in each unavailable state and their total, in the counted period … */
  hours: Record<UnavailableReason | "total", Estimate>;
  /** … and scaled to a year (365.25 days). */
  hoursPerYear: Record<UnavailableReason | "total", Estimate>;
  /** Unavailable hours / on-duty hours. */
  shareOfOnDuty: Estimate;
  cleanings: Estimate;
  cleaningsInterrupted: Estimate;
  breaksTaken: Estimate;
  /** Breaks a red call cut short (also counted in breaksTaken). */
  breaksInterrupted: Estimate;
  /** Breaks that found the unit busy through the whole window. */
  breaksSkipped: Estimate;
  outOfService: Estimate;
  /** Non-red incidents the end-of-shift rule passed over, once each, for the first unit that passed it over. */
  endOfShiftRefusals: Estimate;
  endOfShiftRefusalsPerYear: Estimate;
}

export interface AvailabilityGroupReport {
  station: string;
  vehicleType: string;
  vehicles: number;
  figures: AvailabilityFigures;
}
export interface VehicleReport {
  vehicleId: string;
  vehicleType: string;
  organisationId: string;
  station: string;
  figures: VehicleFigures;
}
export interface VehicleOrganisationReport {
  organisationId: string;
  organisationName: string;
  vehicles: number;
  figures: VehicleFigures;
}
export interface AmkFigures {
  calls: Estimate;
  shareAnsweredWithin10s: Estimate;
  lostCalls: Estimate;
  operatorUtilisation: Estimate;
  /** Only with report.queueFigures: mean ring → answer over the answered calls. */
  meanAnswerDelaySec?: Estimate;
  /** Only with report.queueFigures: share of calls not answered the moment they rang (waited, lost or never answered). */
  shareAnswerDelayed?: Estimate;
}
/** One transport group's figures (kpi/transport-kpis.ts), counts per replication over the counted days. */
export interface TransportFigures {
  requests: Estimate;
  requestsPerYear: Estimate;
  pickedUp: Estimate;
  meanPickupDelaySec: Estimate;
  shareOnTime: Estimate;
  late: Estimate;
  meanLatenessSec: Estimate;
  p90LatenessSec: Estimate;
  shareBySimpleVehicle: Estimate;
  ambulanceHours: Estimate;
  ambulanceHoursPerYear: Estimate;
}
export interface TransportReport {
  /** Simulated days after warm-up: the period of every count. */
  countedDays: number;
  definition: string;
  groups: Array<{ group: TransportGroup; figures: TransportFigures }>;
}

export interface AmkReport {
  amkId: string;
  amkName: string;
  figures: AmkFigures;
}

/** One AMK's 113 answer figures over the whole day (slot "all") or one shift period (see kpi/amk-answer.ts). */
export interface AmkAnswerFigures {
  slot: AmkAnswerSlot;
  calls: Estimate;
  callsPerYear: Estimate;
  shareAnsweredWithin10s: Estimate;
  medianAnswerSec: Estimate;
  p90AnswerSec: Estimate;
  operatorOccupancy: Estimate;
}

/** 113 answer times of one AMK (amkId "all": all together) over the whole day or one shift period. */
export interface AmkAnswerReport extends AmkAnswerFigures {
  amkId: string;
  amkName: string;
}

/** Where an area's population (and so its demand) comes from, e.g. "Bærum (3201): 133,228 persons 2026; SSB 250 m grid 2015, scaled". */
export interface PopulationSource {
  areaCode: string;
  source: string;
  /** The same in bokmål, for the bokmål reports (added; `source` stays English). */
  sourceNb?: string;
}

export interface TravelModelInfo {
  /** Name of the travel-time model, e.g. "straight-line" or "matrix:file.csv". */
  name: string;
  /** Plain-language limitations, shown with every report. */
  limitations: string[];
  /** The same limitations in bokmål, line for line, when the model gives them. */
  limitationsNb?: string[];
}

/** How a set of replications was run; shared by the simulation and comparison reports. */
export interface RunInfo {
  seed: number;
  replications: number;
  /** Seed of each replication's random streams, replication order. */
  replicationSeeds: number[];
  horizonSec: number;
  warmUpSec: number;
  confidenceLevel: number;
}

export interface SimulationReport {
  format: "akutt-simulation-report";
  formatVersion: number;
  scenario: { name: string; startIso: string | null; timeZone: string | null };
  run: RunInfo;
  travelModel: TravelModelInfo;
  /** Population source and year of each area, as the zones file records them. */
  populationSources: PopulationSource[];
  definitions: {
    responseTime: string;
    firstUnit: string;
    quantiles: string;
    redResponseTargetSec: Record<AreaClass, number>;
    redResponseTargetShare: number;
    /** St.meld. nr. 43 (1999–2000): 90 % within 30 min (tettbygd) / 40 min (grisgrendt). */
    yellowResponseTargetSec: Record<AreaClass, number>;
    greenResponseTargetSec: null;
    amkAnswerTargetSec: number;
    amkAnswerTargetShare: number;
    /** Only with report.responseThresholdsMin: the thresholds in seconds. */
    responseThresholdsSec?: number[];
    /** Only with report.responsePercentiles: the percentiles (0–100). */
    responsePercentiles?: number[];
    /** Only with report.utilisation: what utilisation counts and over which window. */
    utilisation?: { definition: string; includeReturn: boolean; fromSec: number; toSec: number };
    /** Only with report.queueFigures: the definitions of the wait and answer-delay figures. */
    queueFigures?: string;
    /** Only with report.perReplication. */
    perReplication?: string;
  };
  responseTimes: {
    overall: OverallGroup[];
    byArea: AreaGroup[];
    byOrganisation: OrganisationGroup[];
    byHourOfDay: HourGroup[];
  };
  vehicles: {
    byOrganisation: VehicleOrganisationReport[];
    byVehicle: VehicleReport[];
  };
  amk: {
    total: AmkFigures;
    byAmk: AmkReport[];
    /** Per AMK and then all AMKs, each for the whole day and the three shift periods (kpi/amk-answer.ts). */
    answerTimes: AmkAnswerReport[];
  };
  /** Only when the scenario has a transports section: transfers and booked transports (never in responseTimes). */
  transports?: TransportReport;
  /** Only when the scenario has an availability section. */
  availability?: {
    definition: string;
    /** Days of the vehicle-time counting window: the period of every count and hour. */
    countedDays: number;
    byStationAndType: AvailabilityGroupReport[];
    total: AvailabilityGroupReport;
  };
  /** Only when the scenario has demand.multiUnit or demand.jointOperations. */
  multiUnit?: MultiUnitSection;
}

export interface ReportInput {
  scenarioName: string;
  seed: number;
  index: ScenarioIndex;
  travelModel: TravelModelInfo;
  populationSources?: PopulationSource[];
  /** From the calendar, for the header; optional. */
  startIso?: string;
  timeZone?: string;
  /** Default 0.95. */
  confidenceLevel?: number;
  /** The scenario's report options (thresholds, percentiles, utilisation, per-replication values, queue figures); absent: today's report. */
  options?: ReportSpec | undefined;
}

/** How figures are aggregated: the confidence level, whether per-replication values are kept, and the options. */
interface Aggregation {
  level: number;
  keep: boolean;
  options: ReportSpec | undefined;
  /** The run had the availability module: its states and figures are reported. */
  availability: boolean;
}

const rangeOf = (key: string): FigureRange => (key.startsWith("share") || key === "utilisation" || key === "operatorUtilisation" ? "share" : "nonNegative");

const INCIDENT_FIGURE_KEYS = [
  "incidents",
  "reached",
  "pending",
  "lost",
  "responseMeanSec",
  "responseMedianSec",
  "responseP90Sec",
  "shareWithinTarget",
  "firstUnitReached",
  "firstUnitMeanSec",
  "firstUnitMedianSec",
  "firstUnitP90Sec",
  "waited",
  "shareWaited",
  "meanWaitSec",
  "crossBorder",
  "shareCrossBorder",
] as const satisfies ReadonlyArray<keyof GroupKpi & keyof IncidentFigures>;

function incidentFigures(groups: GroupKpi[], { level, keep, options }: Aggregation): IncidentFigures {
  const figures = {} as IncidentFigures;
  for (const key of INCIDENT_FIGURE_KEYS) figures[key] = estimate(groups.map((g) => g[key]), level, rangeOf(key), keep);
  if (options?.responsePercentiles) {
    figures.responsePercentiles = options.responsePercentiles.map((percentile, k) => ({ percentile, sec: estimate(groups.map((g) => g.responsePercentilesSec?.[k] ?? null), level, "nonNegative", keep) }));
  }
  if (options?.responseThresholdsMin) {
    figures.shareWithinThresholds = options.responseThresholdsMin.map((min, k) => ({ thresholdSec: min * 60, share: estimate(groups.map((g) => g.shareWithinThresholds?.[k] ?? null), level, "share", keep) }));
  }
  if (options?.queueFigures) figures.meanWaitAllSec = estimate(groups.map((g) => g.meanWaitAllSec ?? null), level, "nonNegative", keep);
  return figures;
}

function vehicleFigures(kpis: VehicleKpi[], { level, keep, availability }: Aggregation): VehicleFigures {
  const stateShare: Partial<Record<VehicleState, Estimate>> = {};
  VEHICLE_STATES.forEach((state, s) => {
    if (s < FIRST_UNAVAILABLE_STATE || availability) stateShare[state] = estimate(kpis.map((k) => k.stateShare[s] ?? null), level, "share", keep);
  });
  const figures: VehicleFigures = {
    utilisation: estimate(kpis.map((k) => k.utilisation), level, "share", keep),
    missions: estimate(kpis.map((k) => k.missions), level, "nonNegative", keep),
    onDutySec: estimate(kpis.map((k) => k.onDutySec), level, "nonNegative", keep),
    stateShare,
  };
  if (availability) figures.unavailableShare = estimate(kpis.map((k) => (k.onDutySec > 0 ? k.unavailableSec / k.onDutySec : null)), level, "share", keep);
  return figures;
}


/** Unavailable-time figures of one group across replications (also used by the comparison report). */
export function availabilityFigures(groups: AvailabilityGroupKpi[], countedSec: number[], { level, keep }: Pick<Aggregation, "level" | "keep">): AvailabilityFigures {
  const perYear = (k: number) => (countedSec[k]! > 0 ? (HOURS_PER_YEAR * 3600) / countedSec[k]! : null);
  const secOf = (g: AvailabilityGroupKpi, reason: UnavailableReason | "total") =>
    reason === "cleaning" ? g.cleaningSec : reason === "onBreak" ? g.onBreakSec : reason === "outOfService" ? g.outOfServiceSec : g.cleaningSec + g.onBreakSec + g.outOfServiceSec;
  const hours = {} as AvailabilityFigures["hours"];
  const hoursPerYear = {} as AvailabilityFigures["hoursPerYear"];
  for (const reason of [...UNAVAILABLE_REASONS, "total"] as const) {
    hours[reason] = estimate(groups.map((g) => secOf(g, reason) / 3600), level, "nonNegative", keep);
    hoursPerYear[reason] = estimate(groups.map((g, k) => { const factor = perYear(k); return factor === null ? null : (secOf(g, reason) / 3600) * factor; }), level, "nonNegative", keep);
  }
  const count = (pick: (g: AvailabilityGroupKpi) => number) => estimate(groups.map(pick), level, "nonNegative", keep);
  return {
    hours,
    hoursPerYear,
    shareOfOnDuty: estimate(groups.map((g) => (g.onDutySec > 0 ? secOf(g, "total") / g.onDutySec : null)), level, "share", keep),
    cleanings: count((g) => g.cleanings),
    cleaningsInterrupted: count((g) => g.cleaningsInterrupted),
    breaksTaken: count((g) => g.breaksTaken),
    breaksInterrupted: count((g) => g.breaksInterrupted),
    breaksSkipped: count((g) => g.breaksSkipped),
    outOfService: count((g) => g.outOfService),
    endOfShiftRefusals: count((g) => g.endOfShiftRefusals),
    endOfShiftRefusalsPerYear: estimate(groups.map((g, k) => { const factor = perYear(k); return factor === null ? null : g.endOfShiftRefusals * factor; }), level, "nonNegative", keep),
  };
}

export const AVAILABILITY_DEFINITION =
  "Unavailable = on duty but unable to take a job: cleaning and restocking after a mission, a meal break, or out of service (defect or sickness). It is neither busy (utilisation counts missions only) nor available. A unit in the end-of-shift rule's last minutes is available for red calls only: that time stays idle or busy, and each non-red incident the rule passed over counts once as a refusal.";

/** The availability section of the report, or undefined without an availability module. */
function availabilitySection(replications: ReplicationKpis[], agg: Aggregation): SimulationReport["availability"] {
  const runs = replications.map((r) => r.availability);
  if (!runs.every((run) => run !== undefined)) return undefined;
  const countedSec = runs.map((run) => run.countedSec);
  const first = runs[0]!;
  const byStationAndType = first.byStationAndType.map((group, g) => ({
    station: group.station,
    vehicleType: group.vehicleType,
    vehicles: group.vehicles,
    figures: availabilityFigures(runs.map((run) => at(run.byStationAndType, g, "availability group")), countedSec, agg),
  }));
  return {
    definition: AVAILABILITY_DEFINITION,
    countedDays: first.countedSec / 86_400,
    byStationAndType,
    total: { station: "all", vehicleType: "all", vehicles: first.total.vehicles, figures: availabilityFigures(runs.map((run) => run.total), countedSec, agg) },
  };
}

function amkFigures(kpis: AmkKpi[], { level, keep, options }: Aggregation): AmkFigures {
  const figures: AmkFigures = {
    calls: estimate(kpis.map((k) => k.calls), level, "nonNegative", keep),
    shareAnsweredWithin10s: estimate(kpis.map((k) => k.shareAnsweredWithin10s), level, "share", keep),
    lostCalls: estimate(kpis.map((k) => k.lostCalls), level, "nonNegative", keep),
    operatorUtilisation: estimate(kpis.map((k) => k.operatorUtilisation), level, "share", keep),
  };
  if (options?.queueFigures) {
    figures.meanAnswerDelaySec = estimate(kpis.map((k) => k.meanAnswerDelaySec ?? null), level, "nonNegative", keep);
    figures.shareAnswerDelayed = estimate(kpis.map((k) => k.shareAnswerDelayed ?? null), level, "share", keep);
  }
  return figures;
}

function amkAnswerReports(index: ScenarioIndex, replications: ReplicationKpis[], { level, keep }: Aggregation): AmkAnswerReport[] {
  const amkCount = index.amkIds.length;
  const out: AmkAnswerReport[] = [];
  for (let a = 0; a <= amkCount; a++) {
    const amkId = a === amkCount ? "all" : at(index.amkIds, a, "AMK id");
    const amkName = a === amkCount ? "All" : at(index.amkNames, a, "AMK name");
    for (const figures of amkAnswerFigures(replications, a, { level, keep })) out.push({ amkId, amkName, ...figures });
  }
  return out;
}

/** One AMK's (or, at index amkCount, all AMKs') answer figures per shift slot, over replications. */
export function amkAnswerFigures(replications: readonly ReplicationKpis[], amk: number, { level, keep }: Pick<Aggregation, "level" | "keep">): AmkAnswerFigures[] {
  return AMK_ANSWER_SLOTS.map((slot, s) => {
    const figure = (key: keyof AmkAnswerKpi, range: FigureRange) => estimate(replications.map((r) => r.amkAnswer[amk * AMK_ANSWER_SLOTS.length + s]?.[key] ?? null), level, range, keep);
    return {
      slot,
      calls: figure("calls", "nonNegative"),
      callsPerYear: figure("callsPerYear", "nonNegative"),
      shareAnsweredWithin10s: figure("shareAnsweredWithin10s", "share"),
      medianAnswerSec: figure("medianAnswerSec", "nonNegative"),
      p90AnswerSec: figure("p90AnswerSec", "nonNegative"),
      operatorOccupancy: figure("operatorOccupancy", "share"),
    };
  });
}

function at<T>(list: T[], i: number, what: string): T {
  const value = list[i];
  if (value === undefined) throw new RangeError(`replication KPIs lack ${what} ${i}; were they computed with the same ScenarioIndex?`);
  return value;
}

/**
 * Aggregates the KPIs of N replications (computeReplicationKpis, replication order) into the
 * report. Pure and deterministic: the same inputs give a deeply equal object, and reportToJson
 * gives byte-identical text. Throws if there are no replications or they disagree on horizon
 * or warm-up.
 */
export function buildReport(input: ReportInput, replications: ReplicationKpis[]): SimulationReport {
  const first = replications[0];
  if (!first) throw new RangeError("a report needs at least one replication");
  for (const r of replications) {
    if (r.horizonSec !== first.horizonSec || r.warmUpSec !== first.warmUpSec) throw new RangeError("replications differ in horizon or warm-up");
  }
  const level = input.confidenceLevel ?? 0.95;
  const agg: Aggregation = { level, keep: input.options?.perReplication ?? false, options: input.options, availability: first.availability !== undefined };
  const { index } = input;
  const across = <T>(pick: (r: ReplicationKpis) => T): T[] => replications.map(pick);

  const overall: OverallGroup[] = (["red", "yellow", "green", "all"] as const).map((urgency, u) => ({
    urgency,
    figures: incidentFigures(across((r) => at(r.overall, u, "overall group")), agg),
  }));

  const byArea: AreaGroup[] = [];
  index.areaCodes.forEach((areaCode, a) => {
    const areaClass = at(index.areaClasses, a, "area class");
    URGENCIES.forEach((urgency, u) => {
      byArea.push({
        areaCode,
        areaName: at(index.areaNames, a, "area name"),
        areaClass,
        organisationId: index.organisationIds[index.areaOrganisation[a] ?? -1] ?? null,
        urgency,
        targetSec: responseTargetSec(urgency, areaClass),
        figures: incidentFigures(across((r) => at(r.byArea, a * URGENCY_COUNT + u, "area group")), agg),
      });
    });
  });

  const byOrganisation: OrganisationGroup[] = [];
  index.organisationIds.forEach((organisationId, o) => {
    URGENCIES.forEach((urgency, u) => {
      byOrganisation.push({
        organisationId,
        organisationName: at(index.organisationNames, o, "organisation name"),
        urgency,
        figures: incidentFigures(across((r) => at(r.byOrganisation, o * URGENCY_COUNT + u, "organisation group")), agg),
      });
    });
  });

  const byHourOfDay: HourGroup[] = [];
  for (let hour = 0; hour < 24; hour++) {
    URGENCIES.forEach((urgency, u) => {
      byHourOfDay.push({ hour, urgency, figures: incidentFigures(across((r) => at(r.byHourOfDay, hour * URGENCY_COUNT + u, "hour group")), agg) });
    });
  }

  const vehicleOrganisations: VehicleOrganisationReport[] = index.organisationIds.map((organisationId, o) => {
    let vehicles = 0;
    for (let v = 0; v < index.vehicleIds.length; v++) if (index.vehicleOwner[v] === o) vehicles++;
    return {
      organisationId,
      organisationName: at(index.organisationNames, o, "organisation name"),
      vehicles,
      figures: vehicleFigures(across((r) => at(r.vehiclesByOrganisation, o, "organisation vehicles")), agg),
    };
  });
  const byVehicle: VehicleReport[] = index.vehicleIds.map((vehicleId, v) => ({
    vehicleId,
    vehicleType: at(index.vehicleTypes, v, "vehicle type"),
    organisationId: at(index.organisationIds, index.vehicleOwner[v] ?? -1, "vehicle owner"),
    station: at(index.vehicleStation, v, "vehicle station"),
    figures: vehicleFigures(across((r) => at(r.byVehicle, v, "vehicle")), agg),
  }));

  const byAmk: AmkReport[] = index.amkIds.map((amkId, a) => ({
    amkId,
    amkName: at(index.amkNames, a, "AMK name"),
    figures: amkFigures(across((r) => at(r.byAmk, a, "AMK")), agg),
  }));

  return {
    format: "akutt-simulation-report",
    formatVersion: REPORT_FORMAT_VERSION,
    scenario: { name: input.scenarioName, startIso: input.startIso ?? null, timeZone: input.timeZone ?? null },
    run: {
      seed: input.seed,
      replications: replications.length,
      replicationSeeds: replications.map((r) => r.seed),
      horizonSec: first.horizonSec,
      warmUpSec: first.warmUpSec,
      confidenceLevel: level,
    },
    travelModel: { name: input.travelModel.name, limitations: [...input.travelModel.limitations], ...(input.travelModel.limitationsNb ? { limitationsNb: [...input.travelModel.limitationsNb] } : {}) },
    populationSources: (input.populationSources ?? []).map((entry) => ({ areaCode: entry.areaCode, source: entry.source, ...(entry.sourceNb !== undefined ? { sourceNb: entry.sourceNb } : {}) })),
    definitions: {
      responseTime: "Call rings at AMK → first ambulance at scene, over incidents an ambulance reached; lost and pending incidents are counted separately.",
      firstUnit: "Call rings at AMK → first unit of any kind (ambulance, akuttbil, doctor car) at scene.",
      quantiles: "Exact sample quantiles per replication, Hyndman–Fan type 7 (linear interpolation); the report gives their mean over replications.",
      redResponseTargetSec: { tettbygd: RED_RESPONSE_TARGET_SEC.tettbygd, grisgrendt: RED_RESPONSE_TARGET_SEC.grisgrendt },
      redResponseTargetShare: RED_RESPONSE_TARGET_SHARE,
      yellowResponseTargetSec: { tettbygd: YELLOW_RESPONSE_TARGET_SEC.tettbygd, grisgrendt: YELLOW_RESPONSE_TARGET_SEC.grisgrendt },
      greenResponseTargetSec: null,
      amkAnswerTargetSec: AMK_ANSWER_TARGET_SEC,
      amkAnswerTargetShare: AMK_ANSWER_TARGET_SHARE,
      ...optionDefinitions(input.options, first),
    },
    responseTimes: { overall, byArea, byOrganisation, byHourOfDay },
    vehicles: { byOrganisation: vehicleOrganisations, byVehicle },
    amk: { total: amkFigures(across((r) => r.amkTotal), agg), byAmk, answerTimes: amkAnswerReports(index, replications, agg) },
    ...transportReport(replications, agg),
    ...(agg.availability ? { availability: availabilitySection(replications, agg) } : {}),
    ...multiUnitPart(replications, agg),
  };
}

function multiUnitPart(replications: ReplicationKpis[], { level, keep }: Aggregation): { multiUnit?: MultiUnitSection } {
  const section = multiUnitSection(replications.map((r) => r.multiUnit), level, keep);
  return section ? { multiUnit: section } : {};
}

export const TRANSPORT_DEFINITION =
  "Transfers (hospital → hospital) and booked transports (home ↔ hospital) requested after warm-up; counts per replication over the counted days, and per year (× 365.25 / days). On time: picked up (vehicle at the pickup) by the window's end, over those picked up or whose window had ended by the end of the run; lateness: pickup (or end of run) − window end, over the late ones. Simple vehicle: any type but ambulance. Ambulance-hours: alerted → free on these missions. Response-time figures exclude all of them.";

function transportReport(replications: ReplicationKpis[], { level, keep }: Aggregation): { transports?: TransportReport } {
  const transports = transportFigures(replications, level, keep);
  return transports ? { transports } : {};
}

/** Transport figures across replications (mean and interval each); undefined when none of them has transports. */
export function transportFigures(replications: ReplicationKpis[], level: number, keep = false): TransportReport | undefined {
  const kpis = replications.map((r) => r.transports).filter((t): t is TransportKpis => t !== undefined);
  const first = kpis[0];
  if (!first) return undefined;
  const perYear = HOURS_PER_YEAR / 24 / first.countedDays;
  const groups = TRANSPORT_GROUPS.map((group) => {
    const g = kpis.map((k) => k.groups[group]);
    const e = (values: Array<number | null>, range: FigureRange) => estimate(values, level, range, keep);
    return {
      group,
      figures: {
        requests: e(g.map((k) => k.requests), "nonNegative"),
        requestsPerYear: e(g.map((k) => k.requests * perYear), "nonNegative"),
        pickedUp: e(g.map((k) => k.pickedUp), "nonNegative"),
        meanPickupDelaySec: e(g.map((k) => k.meanPickupDelaySec), "nonNegative"),
        shareOnTime: e(g.map((k) => k.shareOnTime), "share"),
        late: e(g.map((k) => k.late), "nonNegative"),
        meanLatenessSec: e(g.map((k) => k.meanLatenessSec), "nonNegative"),
        p90LatenessSec: e(g.map((k) => k.p90LatenessSec), "nonNegative"),
        shareBySimpleVehicle: e(g.map((k) => k.shareBySimpleVehicle), "share"),
        ambulanceHours: e(g.map((k) => k.ambulanceSec / 3600), "nonNegative"),
        ambulanceHoursPerYear: e(g.map((k) => (k.ambulanceSec / 3600) * perYear), "nonNegative"),
      },
    };
  });
  return { countedDays: first.countedDays, definition: TRANSPORT_DEFINITION, groups };
}

/**
 * The report as JSON text: two-space indentation, keys in the documented order, a final
 * newline. Same report in, same bytes out.
 */
export function reportToJson(report: SimulationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The definitions the report options add; nothing when there are none, so the report is as before. */
function optionDefinitions(options: ReportSpec | undefined, first: ReplicationKpis): Partial<SimulationReport["definitions"]> {
  if (!options) return {};
  const out: Partial<SimulationReport["definitions"]> = {};
  if (options.responseThresholdsMin) out.responseThresholdsSec = options.responseThresholdsMin.map((min) => min * 60);
  if (options.responsePercentiles) out.responsePercentiles = [...options.responsePercentiles];
  if (options.utilisation) {
    const includeReturn = options.utilisation.includeReturn ?? true;
    const fromSec = Math.max(first.warmUpSec, (options.utilisation.fromHour ?? 0) * 3600);
    const toSec = Math.min(first.horizonSec, options.utilisation.toHour === undefined ? first.horizonSec : options.utilisation.toHour * 3600);
    out.utilisation = {
      definition: includeReturn
        ? "Busy = on duty and not idle: from alerted until free, and the drive back to base; divided by on-duty time in the counting window."
        : "Busy = from alerted until free (handover done), without the drive back; divided by on-duty time in the counting window.",
      includeReturn,
      fromSec,
      toSec,
    };
  }
  if (options.queueFigures) {
    out.queueFigures =
      "meanWaitAllSec: wait for a free unit after the AMK decided, averaged over all incidents (0 for those that did not wait; still waiting at the end: waited so far). AMK meanAnswerDelaySec: ring → answer over answered calls; shareAnswerDelayed: calls not answered the moment they rang (waited, lost or never answered) / calls.";
  }
  if (options.perReplication) out.perReplication = "Every figure lists `values`: its value in each replication, replication order (null where undefined); the mean and interval are over the defined ones.";
  return out;
}
