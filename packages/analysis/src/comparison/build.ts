import { URGENCIES, type Urgency } from "@akutt/model";
import { checkPaired, paired } from "./paired.js";
import { factorialRow } from "./factorial.js";
import { fleetNeededRow } from "./fleet-needed.js";
import { buildProjections } from "./projections.js";
import { URGENCY_COUNT, WITHIN_12_MIN_SEC, type GroupKpi, type ReplicationKpis } from "../kpi/replication-kpis.js";
import { multiUnitSection } from "../kpi/multi-unit-kpis.js";
import { AMK_ANSWER_TARGET_SEC, RED_RESPONSE_TARGET_SEC, responseTargetSec, YELLOW_RESPONSE_TARGET_SEC, type AreaClass } from "../kpi/targets.js";
import { estimate, round6, type Estimate, type FigureRange } from "../report/estimate.js";
import { amkAnswerFigures, availabilityFigures, transportFigures } from "../report/report.js";
import { TRANSPORT_GROUPS } from "../kpi/transport-kpis.js";
import {
  COMPARISON_FORMAT_VERSION,
  type AvailabilityRow,
  SECONDS_PER_YEAR,
  type AmkRow,
  type AreaRow,
  type CatchmentRow,
  type ComparisonInput,
  type ComparisonReport,
  type ComparisonUrgency,
  type ComparisonVariantInput,
  type CostBreakdown,
  type CostParameters,
  type CrossBorderFlow,
  type OrganisationDifferences,
  type OrganisationFigures,
  type OrganisationRow,
  type OverallRow,
  type PairedEstimate,
  type PrecisionFigure,
  type ResponseDifferences,
  type ResponseFigures,
  type SensitivityInput,
  type SensitivityRow,
  type TransportRow,
  type VariantCost,
  type VariantResponse,
} from "./types.js";

type Value = number | null;
type Range = FigureRange;

const EMPTY: Estimate = { mean: null, ciLow: null, ciHigh: null, n: 0 };

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** Lookup of a variant's index by code/id. */
interface VariantView {
  input: ComparisonVariantInput;
  area: Map<string, number>;
  organisation: Map<string, number>;
  amk: Map<string, number>;
}

function view(input: ComparisonVariantInput): VariantView {
  const positions = (ids: string[]) => new Map(ids.map((id, i) => [id, i] as const));
  return { input, area: positions(input.index.areaCodes), organisation: positions(input.index.organisationIds), amk: positions(input.index.amkIds) };
}

function unionInOrder(lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) for (const id of list) if (!seen.has(id)) (seen.add(id), out.push(id));
  return out;
}

const observedYears = (k: ReplicationKpis): number => Math.max(0, k.horizonSec - k.warmUpSec) / SECONDS_PER_YEAR;
const hoursPerYear = (sec: number, k: ReplicationKpis): number | null => ratio(sec / 3600, observedYears(k));

const URGENCY_INDEX: Record<Urgency, number> = { red: 0, yellow: 1, green: 2 };

// ───────────────────────── response figures ─────────────────────────

const RESPONSE_KEYS = ["incidents", "reached", "responseMedianSec", "responseP90Sec", "shareWithin12Min", "shareWithinTarget"] as const;
const DIFFERENCE_KEYS = ["responseMedianSec", "responseP90Sec", "shareWithin12Min", "shareWithinTarget"] as const;

function responseFigures(groups: Array<GroupKpi | null>, level: number): ResponseFigures {
  const figures = {} as ResponseFigures;
  for (const key of RESPONSE_KEYS) figures[key] = estimate(groups.map((g) => (g ? g[key] : null)), level, key.startsWith("share") ? "share" : "nonNegative");
  return figures;
}

function responseDifferences(a: Array<GroupKpi | null>, b: Array<GroupKpi | null>, level: number, relevantSec: number, relevantShare: number | null): ResponseDifferences {
  const out = {} as ResponseDifferences;
  for (const key of DIFFERENCE_KEYS) {
    out[key] = paired(
      a.map((g) => (g ? g[key] : null)),
      b.map((g) => (g ? g[key] : null)),
      level,
      key.startsWith("share") ? relevantShare : relevantSec,
    );
  }
  return out;
}

// ───────────────────────── organisations ─────────────────────────

interface OrganisationSeries {
  present: boolean;
  figures: OrganisationFigures;
  /** Per replication, for paired differences. */
  series: Record<keyof OrganisationDifferences, Value[]>;
  /** Unrounded means for costs. */
  ambulanceHoursMean: number;
  amkHoursMean: number | null;
}

function amkHoursPerYear(v: VariantView, a: number, k: ReplicationKpis): number | null {
  const amkId = v.input.index.amkIds[a]!;
  const override = v.input.amkOperatorHoursPerYear?.[amkId];
  if (override !== undefined) return override;
  return hoursPerYear(k.byAmk[a]?.operatorAvailableSec ?? 0, k);
}

function meanOf(values: Value[]): number | null {
  const defined = values.filter((x): x is number => x !== null);
  return defined.length === 0 ? null : defined.reduce((s, x) => s + x, 0) / defined.length;
}

function organisationSeries(v: VariantView, organisationId: string, level: number, costs: ComparisonInput["costs"]): OrganisationSeries {
  const { index, kpis } = v.input;
  const o = v.organisation.get(organisationId);
  const present = o !== undefined;
  const organisationCount = index.organisationIds.length;
  const vehicles: number[] = [];
  const ambulances: number[] = [];
  if (present) {
    for (let i = 0; i < index.vehicleIds.length; i++) {
      if (index.vehicleOwner[i] !== o) continue;
      vehicles.push(i);
      if (index.vehicleTypes[i] === "ambulance") ambulances.push(i);
    }
  }
  const responsibleAreas = present ? index.areaCodes.filter((_, a) => index.areaOrganisation[a] === o) : [];
  const mapping = v.input.amkOrganisation;
  const amkIds = mapping ? index.amkIds.filter((id) => mapping[id] === organisationId) : [];
  const amkPositions = amkIds.map((id) => v.amk.get(id)!);

  const incidents: Value[] = [];
  const redMedian: Value[] = [];
  const red12: Value[] = [];
  const ambulanceUtilisation: Value[] = [];
  const vehicleUtilisation: Value[] = [];
  const missions: Value[] = [];
  const given: Value[] = [];
  const received: Value[] = [];
  const ambulanceHours: Value[] = [];
  const amkCalls: Value[] = [];
  const amkShare: Value[] = [];
  const amkUtilisation: Value[] = [];
  const amkHours: Value[] = [];
  for (const k of kpis) {
    if (o === undefined) {
      incidents.push(0), redMedian.push(null), red12.push(null), ambulanceUtilisation.push(null), vehicleUtilisation.push(null);
      missions.push(0), given.push(0), received.push(0), ambulanceHours.push(0);
      amkCalls.push(0), amkShare.push(null), amkUtilisation.push(null), amkHours.push(0);
      continue;
    }
    let count = 0;
    for (let u = 0; u < URGENCY_COUNT; u++) count += k.byOrganisation[o * URGENCY_COUNT + u]?.incidents ?? 0;
    incidents.push(count);
    redMedian.push(k.byOrganisation[o * URGENCY_COUNT]?.responseMedianSec ?? null);
    red12.push(k.byOrganisation[o * URGENCY_COUNT]?.shareWithin12Min ?? null);
    let onDuty = 0;
    let busy = 0;
    for (const i of ambulances) {
      onDuty += k.byVehicle[i]?.onDutySec ?? 0;
      busy += k.byVehicle[i]?.busySec ?? 0;
    }
    ambulanceUtilisation.push(ratio(busy, onDuty));
    ambulanceHours.push(hoursPerYear(onDuty, k));
    vehicleUtilisation.push(k.vehiclesByOrganisation[o]?.utilisation ?? null);
    missions.push(k.vehiclesByOrganisation[o]?.missions ?? 0);
    let g = 0;
    let r = 0;
    const m = k.missionsByResponsibleAndOwner;
    for (let other = 0; other < organisationCount; other++) {
      if (other === o) continue;
      for (let u = 0; u < URGENCY_COUNT; u++) {
        g += m[(other * organisationCount + o) * URGENCY_COUNT + u] ?? 0;
        r += m[(o * organisationCount + other) * URGENCY_COUNT + u] ?? 0;
      }
    }
    given.push(g);
    received.push(r);
    let calls = 0;
    let within = 0;
    let available = 0;
    let busyOperators = 0;
    let hours = 0;
    for (const a of amkPositions) {
      const amk = k.byAmk[a];
      calls += amk?.calls ?? 0;
      within += amk?.answeredWithin10s ?? 0;
      available += amk?.operatorAvailableSec ?? 0;
      busyOperators += amk?.operatorBusySec ?? 0;
      hours += amkHoursPerYear(v, a, k) ?? 0;
    }
    amkCalls.push(calls);
    amkShare.push(ratio(within, calls));
    amkUtilisation.push(ratio(busyOperators, available));
    amkHours.push(hours);
  }
  const stationsMap = v.input.stationsByOrganisation;
  const stations = stationsMap ? (stationsMap[organisationId] ?? 0) : null;
  const ambulanceHoursMean = meanOf(ambulanceHours) ?? 0;
  const amkHoursMean = mapping ? (meanOf(amkHours) ?? 0) : null;
  let costPerYear: CostBreakdown | null = null;
  if (costs) {
    const ambulanceCost = ambulanceHoursMean * costs.ambulanceHour;
    const stationCost = stations === null ? null : stations * costs.stationYear;
    const amkCost = amkHoursMean === null ? null : amkHoursMean * costs.amkOperatorHour;
    costPerYear = {
      ambulanceHours: round6(ambulanceCost)!,
      stations: round6(stationCost),
      amkOperatorHours: round6(amkCost),
      total: stationCost === null || amkCost === null ? null : round6(ambulanceCost + stationCost + amkCost),
    };
  }
  const withMapping = <T>(value: T): T | null => (mapping ? value : null);
  return {
    present,
    figures: {
      responsibleAreas,
      vehicles: vehicles.length,
      ambulances: ambulances.length,
      stations,
      amkIds,
      incidents: estimate(incidents, level, "nonNegative"),
      redResponseMedianSec: estimate(redMedian, level, "nonNegative"),
      redShareWithin12Min: estimate(red12, level, "share"),
      ambulanceUtilisation: estimate(ambulanceUtilisation, level, "share"),
      vehicleUtilisation: estimate(vehicleUtilisation, level, "share"),
      missions: estimate(missions, level, "nonNegative"),
      crossBorderGiven: estimate(given, level, "nonNegative"),
      crossBorderReceived: estimate(received, level, "nonNegative"),
      amkCalls: withMapping(estimate(amkCalls, level, "nonNegative")),
      amkShareAnsweredWithin10s: withMapping(estimate(amkShare, level, "share")),
      amkOperatorUtilisation: withMapping(estimate(amkUtilisation, level, "share")),
      amkOperatorHoursPerYear: withMapping(estimate(amkHours, level, "nonNegative")),
      ambulanceHoursPerYear: estimate(ambulanceHours, level, "nonNegative"),
      costPerYear,
    },
    series: {
      ambulanceUtilisation,
      crossBorderGiven: given,
      crossBorderReceived: received,
      ambulanceHoursPerYear: ambulanceHours,
      redResponseMedianSec: redMedian,
      redShareWithin12Min: red12,
    },
    ambulanceHoursMean,
    amkHoursMean,
  };
}

const ORGANISATION_DIFFERENCE_KEYS = ["ambulanceUtilisation", "crossBorderGiven", "crossBorderReceived", "ambulanceHoursPerYear", "redResponseMedianSec", "redShareWithin12Min"] as const satisfies ReadonlyArray<keyof OrganisationDifferences>;

// ───────────────────────── main ─────────────────────────

function definitions(relevantSec: number): Record<string, string> {
  return {
    responseTime: "Call rings at AMK → first ambulance at scene, over incidents an ambulance reached; lost and pending incidents are counted separately.",
    shareWithin12Min: `Share of reached incidents with response time ≤ ${WITHIN_12_MIN_SEC} s (12 min), for every urgency; a description, not a target for yellow and green.`,
    shareWithinTarget: `Red and yellow: share within the target of the incident's urgency and area class (red ${RED_RESPONSE_TARGET_SEC.tettbygd / 60} min tettbygd, ${RED_RESPONSE_TARGET_SEC.grisgrendt / 60} min grisgrendt, the national quality indicator; yellow ${YELLOW_RESPONSE_TARGET_SEC.tettbygd / 60} / ${YELLOW_RESPONSE_TARGET_SEC.grisgrendt / 60} min, St.meld. 43 (1999–2000)); none for green.`,
    quantiles: "Exact sample quantiles per replication (Hyndman–Fan type 7); the report gives their mean over replications.",
    pairedDifference:
      "Alternative − baseline per replication, on common random numbers (replication i of every variant uses the same seed and so sees the same incidents); mean and Student-t interval of those differences.",
    relevantDifference: `An interval is tighter than the relevant difference when its half-width is below ${relevantSec} s: a difference of that size would then show as an interval excluding 0.`,
    crossBorder: "Missions by the organisation responsible for the incident's area × the organisation owning the transporting vehicle; given = own vehicles in other trusts' areas, received = other trusts' vehicles in own areas.",
    amkAnswer: `113 calls answered within ${AMK_ANSWER_TARGET_SEC} s / calls (target 90 %).`,
    yearScaling: "Hours per year = hours observed after warm-up × 365 days / observed days.",
    ambulanceHours: "On-duty hours of vehicles of type ambulance (every state except off duty).",
  };
}

function areaMeta(views: VariantView[], code: string): { name: string; areaClass: AreaClass } {
  for (const v of views) {
    const a = v.area.get(code);
    if (a !== undefined) return { name: v.input.index.areaNames[a] ?? code, areaClass: v.input.index.areaClasses[a] ?? "tettbygd" };
  }
  return { name: code, areaClass: "tettbygd" };
}

function areaGroups(v: VariantView, code: string, u: number): Array<GroupKpi | null> {
  const a = v.area.get(code);
  return v.input.kpis.map((k) => (a === undefined ? null : (k.byArea[a * URGENCY_COUNT + u] ?? null)));
}

function organisationOfArea(v: VariantView, code: string): string | null {
  const a = v.area.get(code);
  if (a === undefined) return null;
  return v.input.index.organisationIds[v.input.index.areaOrganisation[a] ?? -1] ?? null;
}

function sensitivityRow(s: SensitivityInput, focus: string[], level: number, relevantSec: number, relevantShare: number | null): SensitivityRow {
  checkPaired(`sensitivity ${s.group} "${s.settingLabel}" (${s.variantId})`, s.variantKpis, s.baselineKpis);
  const base = view({ id: "baseline", label: "", index: s.baselineIndex, kpis: s.baselineKpis });
  const alt = view({ id: s.variantId, label: "", index: s.variantIndex, kpis: s.variantKpis });
  const inScope = (code: string) => base.area.has(code) || alt.area.has(code);
  const codes = focus.some(inScope) ? focus.filter(inScope) : unionInOrder([s.baselineIndex.areaCodes, s.variantIndex.areaCodes]);
  const pick = (groups: Array<GroupKpi | null>) => ({
    responseMedianSec: estimate(groups.map((g) => g?.responseMedianSec ?? null), level, "nonNegative"),
    shareWithin12Min: estimate(groups.map((g) => g?.shareWithin12Min ?? null), level, "share"),
  });
  const row = (areaCode: string, areaName: string, b: Array<GroupKpi | null>, a: Array<GroupKpi | null>) => ({
    areaCode,
    areaName,
    baseline: pick(b),
    variant: pick(a),
    differences: {
      responseMedianSec: paired(a.map((g) => g?.responseMedianSec ?? null), b.map((g) => g?.responseMedianSec ?? null), level, relevantSec),
      shareWithin12Min: paired(a.map((g) => g?.shareWithin12Min ?? null), b.map((g) => g?.shareWithin12Min ?? null), level, relevantShare),
    },
  });
  const areas = codes.map((code) => row(code, areaMeta([base, alt], code).name, areaGroups(base, code, 0), areaGroups(alt, code, 0)));
  areas.push(row("all", "All areas", s.baselineKpis.map((k) => k.overall[0] ?? null), s.variantKpis.map((k) => k.overall[0] ?? null)));
  return { group: s.group, settingLabel: s.settingLabel, ...(s.settingLabelNb !== undefined && s.settingLabelNb !== s.settingLabel ? { settingLabelNb: s.settingLabelNb } : {}), settingValue: s.settingValue ?? null, variantId: s.variantId, replications: s.variantKpis.length, areas };
}

/** A published cost level as a cost per ambulance-hour: total ÷ årsverk ÷ productive hours × crew per ambulance. */
export function referenceRates(reference: NonNullable<CostParameters["reference"]>): { costPerFte: number; costPerProductiveHour: number; ambulanceHour: number } {
  const costPerFte = reference.totalCost / reference.fte;
  const costPerProductiveHour = costPerFte / reference.productiveHoursPerFte;
  return { costPerFte, costPerProductiveHour, ambulanceHour: costPerProductiveHour * reference.crewPerAmbulance };
}

/**
 * Builds the side-by-side comparison of a baseline and its alternatives. Areas, organisations and
 * AMKs are matched across variants by code/id; every alternative's figures are paired with the
 * baseline's replication by replication (common random numbers). Pure and deterministic: the same
 * input gives a deeply equal report, and comparisonToJson gives byte-identical text.
 */
export function buildComparison(input: ComparisonInput): ComparisonReport {
  const level = input.confidenceLevel ?? 0.95;
  const relevantSec = input.relevantDifferenceSec ?? 60;
  const relevantShare = input.relevantDifferenceShare ?? null;
  const all = [input.baseline, ...input.alternatives];
  const ids = all.map((v) => v.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) throw new RangeError(`duplicate variant id "${duplicate}"`);
  const first = input.baseline.kpis[0];
  if (!first) throw new RangeError("a comparison needs at least one replication of the baseline");
  for (const alt of input.alternatives) checkPaired(`variant "${alt.id}" against "${input.baseline.id}"`, alt.kpis, input.baseline.kpis);
  const views = all.map(view);
  const baseView = views[0]!;
  const altViews = views.slice(1);

  // Areas: focus areas first (those some variant has), then baseline order, then areas the alternatives add.
  const known = unionInOrder(all.map((v) => v.index.areaCodes));
  const knownSet = new Set(known);
  const focus = unionInOrder([(input.focusAreas ?? []).filter((code) => knownSet.has(code))]);
  const focusSet = new Set(focus);
  const areaOrder = [...focus, ...known.filter((code) => !focusSet.has(code))];

  const variantResponse = (v: VariantView, present: boolean, organisationId: string | null, groups: Array<GroupKpi | null>): VariantResponse => ({
    variantId: v.input.id,
    present,
    organisationId,
    figures: responseFigures(groups, level),
  });

  const overall: OverallRow[] = (["red", "yellow", "green", "all"] as const satisfies readonly ComparisonUrgency[]).map((urgency, u) => {
    const groups = views.map((v) => v.input.kpis.map((k) => k.overall[u] ?? null));
    return {
      urgency,
      variants: views.map((v, i) => variantResponse(v, true, null, groups[i]!)),
      differences: altViews.map((v, i) => ({ variantId: v.input.id, differences: responseDifferences(groups[i + 1]!, groups[0]!, level, relevantSec, relevantShare) })),
    };
  });

  const areas: AreaRow[] = [];
  for (const code of areaOrder) {
    const meta = areaMeta(views, code);
    for (const urgency of URGENCIES) {
      const u = URGENCY_INDEX[urgency];
      const groups = views.map((v) => areaGroups(v, code, u));
      areas.push({
        areaCode: code,
        areaName: meta.name,
        areaClass: meta.areaClass,
        focus: focusSet.has(code),
        urgency,
        targetSec: responseTargetSec(urgency, meta.areaClass),
        variants: views.map((v, i) => variantResponse(v, v.area.has(code), organisationOfArea(v, code), groups[i]!)),
        differences: altViews.map((v, i) => ({ variantId: v.input.id, differences: responseDifferences(groups[i + 1]!, groups[0]!, level, relevantSec, relevantShare) })),
      });
    }
  }

  // Organisations: baseline order, then those the alternatives add.
  const organisationIds = unionInOrder(all.map((v) => v.index.organisationIds));
  const organisationSeriesByVariant = views.map((v) => organisationIds.map((id) => organisationSeries(v, id, level, input.costs)));
  const organisations: OrganisationRow[] = organisationIds.map((organisationId, o) => {
    let organisationName = organisationId;
    for (const v of views) {
      const i = v.organisation.get(organisationId);
      if (i !== undefined) {
        organisationName = v.input.index.organisationNames[i] ?? organisationId;
        break;
      }
    }
    const base = organisationSeriesByVariant[0]![o]!;
    return {
      organisationId,
      organisationName,
      variants: views.map((v, i) => {
        const s = organisationSeriesByVariant[i]![o]!;
        return { variantId: v.input.id, present: s.present, figures: s.figures };
      }),
      differences: altViews.map((v, i) => {
        const s = organisationSeriesByVariant[i + 1]![o]!;
        const differences = {} as OrganisationDifferences;
        for (const key of ORGANISATION_DIFFERENCE_KEYS) {
          const relevant = key === "redResponseMedianSec" ? relevantSec : key === "redShareWithin12Min" ? relevantShare : null;
          differences[key] = paired(s.series[key], base.series[key], level, relevant);
        }
        return { variantId: v.input.id, differences };
      }),
    };
  });

  const crossBorder = views.map((v) => {
    const { index, kpis } = v.input;
    const count = index.organisationIds.length;
    const flows: CrossBorderFlow[] = [];
    for (let r = 0; r < count; r++) {
      for (let w = 0; w < count; w++) {
        if (r === w) continue;
        const cell = (k: ReplicationKpis, u: number) => k.missionsByResponsibleAndOwner[(r * count + w) * URGENCY_COUNT + u] ?? 0;
        flows.push({
          responsibleOrganisationId: index.organisationIds[r]!,
          vehicleOwnerId: index.organisationIds[w]!,
          missions: estimate(kpis.map((k) => cell(k, 0) + cell(k, 1) + cell(k, 2)), level, "nonNegative"),
          redMissions: estimate(kpis.map((k) => cell(k, 0)), level, "nonNegative"),
        });
      }
    }
    return { variantId: v.input.id, flows };
  });

  const amkIds = unionInOrder(all.map((v) => v.index.amkIds));
  const amkRow = (amkId: string | null): AmkRow => {
    let amkName = amkId ?? "All AMKs";
    if (amkId !== null) {
      for (const v of views) {
        const a = v.amk.get(amkId);
        if (a !== undefined) {
          amkName = v.input.index.amkNames[a] ?? amkId;
          break;
        }
      }
    }
    return {
      amkId: amkId ?? "all",
      amkName,
      variants: views.map((v) => {
        const a = amkId === null ? undefined : v.amk.get(amkId);
        const present = amkId === null || a !== undefined;
        const pick = (k: ReplicationKpis) => (amkId === null ? k.amkTotal : a === undefined ? null : (k.byAmk[a] ?? null));
        const hours = v.input.kpis.map((k) => {
          if (amkId === null) {
            let sum = 0;
            for (let i = 0; i < v.input.index.amkIds.length; i++) sum += amkHoursPerYear(v, i, k) ?? 0;
            return sum;
          }
          return a === undefined ? null : amkHoursPerYear(v, a, k);
        });
        return {
          variantId: v.input.id,
          present,
          organisationId: amkId === null ? null : (v.input.amkOrganisation?.[amkId] ?? null),
          calls: estimate(v.input.kpis.map((k) => pick(k)?.calls ?? null), level, "nonNegative"),
          shareAnsweredWithin10s: estimate(v.input.kpis.map((k) => pick(k)?.shareAnsweredWithin10s ?? null), level, "share"),
          lostCalls: estimate(v.input.kpis.map((k) => pick(k)?.lostCalls ?? null), level, "nonNegative"),
          operatorUtilisation: estimate(v.input.kpis.map((k) => pick(k)?.operatorUtilisation ?? null), level, "share"),
          operatorHoursPerYear: present ? estimate(hours, level, "nonNegative") : EMPTY,
          answerTimes: present ? amkAnswerFigures(v.input.kpis, amkId === null ? v.input.index.amkIds.length : a!, { level, keep: false }) : [],
        };
      }),
    };
  };
  const amk = [...amkIds.map((id) => amkRow(id)), amkRow(null)];

  let costs: ComparisonReport["costs"] = null;
  if (input.costs) {
    const c = input.costs;
    const reference = c.reference ? referenceRates(c.reference) : null;
    const variantCosts: VariantCost[] = views.map((v, i) => {
      const series = organisationSeriesByVariant[i]!;
      const ambulanceHours = series.reduce((s, x) => s + x.ambulanceHoursMean, 0);
      const stations = v.input.stationsByOrganisation ? Object.values(v.input.stationsByOrganisation).reduce((s, x) => s + x, 0) : null;
      const amkHours = meanOf(
        v.input.kpis.map((k) => {
          let sum = 0;
          for (let a = 0; a < v.input.index.amkIds.length; a++) sum += amkHoursPerYear(v, a, k) ?? 0;
          return sum;
        }),
      );
      const ambulanceCost = ambulanceHours * c.ambulanceHour;
      const stationCost = stations === null ? null : stations * c.stationYear;
      const amkCost = amkHours === null ? null : amkHours * c.amkOperatorHour;
      return {
        variantId: v.input.id,
        ambulanceHoursPerYear: round6(ambulanceHours),
        stations,
        amkOperatorHoursPerYear: round6(amkHours),
        ambulanceCost: round6(ambulanceCost),
        ambulanceCostAtReference: reference === null ? null : round6(ambulanceHours * reference.ambulanceHour),
        stationCost: round6(stationCost),
        amkCost: round6(amkCost),
        total: stationCost === null || amkCost === null ? null : round6(ambulanceCost + stationCost + amkCost),
        differenceFromBaseline: null,
      };
    });
    const baseTotal = variantCosts[0]!.total;
    for (const vc of variantCosts) vc.differenceFromBaseline = baseTotal === null || vc.total === null ? null : round6(vc.total - baseTotal);
    const transition = ids.flatMap((variantId) => {
      const items = (c.transition ?? []).filter((line) => line.variants.includes(variantId)).map(({ item, itemNb, amount, source, sourceNb }) => ({ item, ...(itemNb !== undefined ? { itemNb } : {}), amount, source, ...(sourceNb !== undefined ? { sourceNb } : {}) }));
      return items.length === 0 ? [] : [{ variantId, items, total: round6(items.reduce((sum, line) => sum + line.amount, 0))! }];
    });
    costs = {
      parameters: { ...c, ...(c.transition ? { transition: c.transition.map((line) => ({ ...line, variants: [...line.variants] })) } : {}) },
      variants: variantCosts,
      reference: reference === null ? null : { costPerFte: round6(reference.costPerFte)!, costPerProductiveHour: round6(reference.costPerProductiveHour)!, ambulanceHour: round6(reference.ambulanceHour)! },
      transition,
    };
  }

  let catchments: ComparisonReport["catchments"] = null;
  if (input.catchments && input.catchments.length > 0) {
    const variantOrder = new Map(ids.map((id, i) => [id, i] as const));
    const organisationOrder = new Map(organisationIds.map((id, i) => [id, i] as const));
    const sorted = [...input.catchments].sort(
      (a, b) =>
        (organisationOrder.get(a.organisationId) ?? 1e9) - (organisationOrder.get(b.organisationId) ?? 1e9) ||
        a.organisationId.localeCompare(b.organisationId) ||
        (variantOrder.get(a.variantId) ?? 1e9) - (variantOrder.get(b.variantId) ?? 1e9) ||
        a.variantId.localeCompare(b.variantId),
    );
    const change = (value: number, base: number | undefined) => (base === undefined || base === 0 ? null : round6(value / base - 1));
    const rows: CatchmentRow[] = sorted.map((row) => {
      const base = input.catchments!.find((c) => c.organisationId === row.organisationId && c.variantId === input.baseline.id);
      return {
        organisationId: row.organisationId,
        variantId: row.variantId,
        areaCodes: [...row.areaCodes],
        population: round6(row.population)!,
        areaKm2: round6(row.areaKm2)!,
        populationChange: change(row.population, base?.population),
        areaChange: change(row.areaKm2, base?.areaKm2),
      };
    });
    catchments = { note: input.catchmentNote ?? null, ...(input.catchmentNoteNb !== undefined ? { noteNb: input.catchmentNoteNb } : {}), rows };
  }

  // Precision: the widest half-width of the paired differences of focus areas (all areas without focus), red and yellow.
  const scopeCodes = new Set(focus.length > 0 ? focus : areaOrder);
  const precisionFigure = (figure: "responseMedianSec" | "responseP90Sec"): PrecisionFigure => {
    let widest: number | null = null;
    let at: PrecisionFigure["at"] = null;
    for (const row of areas) {
      if (!scopeCodes.has(row.areaCode) || row.urgency === "green") continue;
      for (const d of row.differences) {
        const h = d.differences[figure].halfWidth;
        if (h !== null && (widest === null || h > widest)) {
          widest = h;
          at = { areaCode: row.areaCode, urgency: row.urgency, variantId: d.variantId };
        }
      }
    }
    const sufficient = widest === null ? null : widest < relevantSec;
    const n = input.baseline.kpis.length;
    return {
      figure,
      widestHalfWidthSec: widest,
      at,
      sufficient,
      replicationsSuggested: widest === null || sufficient ? null : Math.ceil(n * (widest / relevantSec) ** 2),
    };
  };

  return {
    format: "akutt-comparison-report",
    formatVersion: COMPARISON_FORMAT_VERSION,
    comparison: { name: input.name, ...(input.nameNb !== undefined ? { nameNb: input.nameNb } : {}), description: input.description ?? "", ...(input.descriptionNb !== undefined ? { descriptionNb: input.descriptionNb } : {}), startIso: input.startIso ?? null, timeZone: input.timeZone ?? null },
    run: {
      seed: input.seed,
      replications: input.baseline.kpis.length,
      replicationSeeds: input.baseline.kpis.map((k) => k.seed),
      horizonSec: first.horizonSec,
      warmUpSec: first.warmUpSec,
      confidenceLevel: level,
      relevantDifferenceSec: relevantSec,
      relevantDifferenceShare: relevantShare,
    },
    travelModel: { name: input.travelModel.name, limitations: [...input.travelModel.limitations], ...(input.travelModel.limitationsNb ? { limitationsNb: [...input.travelModel.limitationsNb] } : {}) },
    populationSources: (input.populationSources ?? []).map((entry) => ({ areaCode: entry.areaCode, source: entry.source, ...(entry.sourceNb !== undefined ? { sourceNb: entry.sourceNb } : {}) })),
    definitions: definitions(relevantSec),
    variants: all.map((v, i) => ({
      id: v.id,
      label: v.label,
      ...(v.labelNb !== undefined ? { labelNb: v.labelNb } : {}),
      description: v.description ?? "",
      ...(v.descriptionNb !== undefined ? { descriptionNb: v.descriptionNb } : {}),
      baseline: i === 0,
      areas: v.index.areaCodes.length,
      organisations: v.index.organisationIds.length,
      amks: v.index.amkIds.length,
      vehicles: v.index.vehicleIds.length,
      ambulances: v.index.vehicleTypes.filter((t) => t === "ambulance").length,
    })),
    focusAreas: focus,
    precision: {
      scope: focus.length > 0 ? "focus areas, red and yellow, every alternative against the baseline" : "all areas, red and yellow, every alternative against the baseline",
      figures: [precisionFigure("responseMedianSec"), precisionFigure("responseP90Sec")],
    },
    overall,
    areas,
    organisations,
    crossBorder,
    amk,
    costs,
    catchments,
    sensitivity: (input.sensitivity ?? []).map((s) => sensitivityRow(s, focus, level, relevantSec, relevantShare)),
    factorial: (input.factorial ?? []).map((f) => factorialRow(f, focus, level, relevantSec, relevantShare)),
    fleetNeeded: (input.fleetNeeded ?? []).map((f) => fleetNeededRow(f, focus, level, input.costs?.ambulanceHour ?? null)),
    optimisation: input.optimisation ?? null,
    ...transportRows(all, level),
    ...multiUnitPart(views.map((v) => v.input), level),
    projections: input.projections ? buildProjections(input.projections, focus, level) : null,
    ...availabilityRows(input, level),
  };
}

/** Each variant's unavailable time over all its vehicles; nothing when no variant has an availability section (the report is as before). */
function availabilityRows(input: ComparisonInput, level: number): { availability?: AvailabilityRow[] } {
  const variants = [input.baseline, ...input.alternatives];
  if (!variants.some((v) => v.kpis[0]?.availability !== undefined)) return {};
  return {
    availability: variants.map((v) => {
      const runs = v.kpis.map((k) => k.availability);
      if (!runs.every((run) => run !== undefined)) return { variantId: v.id, countedDays: null, figures: null };
      return {
        variantId: v.id,
        countedDays: runs[0]!.countedSec / 86_400,
        figures: availabilityFigures(
          runs.map((run) => run.total),
          runs.map((run) => run.countedSec),
          { level, keep: false },
        ),
      };
    }),
  };
}

function multiUnitPart(variants: Array<{ id: string; kpis: ReplicationKpis[] }>, level: number): Pick<ComparisonReport, "multiUnit"> {
  const sections = variants.flatMap((v) => {
    const section = multiUnitSection(v.kpis.map((k) => k.multiUnit), level);
    return section ? [{ variantId: v.id, ...section }] : [];
  });
  return sections.length > 0 ? { multiUnit: sections } : {};
}

/** Each variant's transport figures by group; nothing when no variant has transports, so such reports are as before. */
function transportRows(variants: ComparisonVariantInput[], level: number): { transports?: { countedDays: number; rows: TransportRow[] } } {
  const figures = variants.map((v) => transportFigures(v.kpis, level));
  const first = figures.find((f) => f !== undefined);
  if (!first) return {};
  const rows = TRANSPORT_GROUPS.map((group) => ({
    group,
    variants: variants.map((v, i) => ({ variantId: v.id, figures: figures[i]?.groups.find((g) => g.group === group)?.figures ?? null })),
  }));
  return { transports: { countedDays: first.countedDays, rows } };
}

/** The comparison as JSON text: two-space indentation, keys in the documented order, a final newline. */
export function comparisonToJson(report: ComparisonReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
