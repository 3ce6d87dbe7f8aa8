import type { SimulationCalendar } from "@akutt/model";
import { INCIDENT_OUTCOMES, VEHICLE_STATES, type ReplicationResult, type ScenarioIndex } from "@akutt/engine";
import { interpolateQuantile, quantileRank } from "../statistics/descriptive.js";
import { radixArgsort } from "../statistics/sort.js";
import { RED_RESPONSE_TARGET_SEC } from "./targets.js";

/** Number of urgencies (red, yellow, green); group arrays are indexed `key * URGENCY_COUNT + urgency`. */
export const URGENCY_COUNT = 3;
/** Quantiles reported for time figures: median and 90th percentile (type 7, see statistics/descriptive). */
export const REPORTED_QUANTILES = [0.5, 0.9] as const;

/**
 * Incident figures of one group in one replication. Counts are plain numbers; figures without
 * observations (a mean over nobody) are null.
 *
 * Population: incidents whose call rang at or after the end of warm-up (not flagged inWarmUp).
 * Response times: ring at AMK → first ambulance at scene (atSceneSec − ringSec), over the
 * incidents an ambulance reached before the end of the run ("reached"), whatever their final
 * outcome. Lost incidents and incidents still pending at the end are not in the time figures nor
 * in the within-target share; they are counted separately (lost, pending) so nothing is hidden.
 */
export interface GroupKpi {
  /** Incidents that rang after warm-up. */
  incidents: number;
  /** Incidents an ambulance reached (finite atSceneSec). */
  reached: number;
  /** Incidents with outcome "pending" at the end of the run. */
  pending: number;
  /** Incidents with outcome "lost". */
  lost: number;
  responseMeanSec: number | null;
  responseMedianSec: number | null;
  responseP90Sec: number | null;
  /**
   * Red only: share of reached incidents with response ≤ the target of the incident's area class
   * (720 s tettbygd, 1500 s grisgrendt). Null for yellow, green and mixed-urgency groups.
   */
  shareWithinTarget: number | null;
  /** Incidents any unit (ambulance, akuttbil, doctor car) reached (finite firstAnyAtSceneSec). */
  firstUnitReached: number;
  firstUnitMeanSec: number | null;
  firstUnitMedianSec: number | null;
  firstUnitP90Sec: number | null;
  /** Incidents that waited for a free unit (waitForUnitSec > 0). */
  waited: number;
  /** waited / incidents. */
  shareWaited: number | null;
  /** Mean waitForUnitSec over the incidents that waited. */
  meanWaitSec: number | null;
  /** Incidents whose transporting vehicle belongs to another organisation than the area's. */
  crossBorder: number;
  /** crossBorder / incidents with a transporting vehicle. */
  shareCrossBorder: number | null;
}

export interface VehicleKpi {
  /** Seconds after warm-up in each state, VEHICLE_STATES order. */
  stateSec: number[];
  totalSec: number;
  /** All states except offDuty. */
  onDutySec: number;
  /** All states except offDuty and idle. */
  busySec: number;
  /** busySec / onDutySec; null when never on duty. */
  utilisation: number | null;
  /** stateSec / totalSec per state (sums to 1); null when no time was recorded. */
  stateShare: Array<number | null>;
  missions: number;
}

export interface AmkKpi {
  calls: number;
  answeredWithin10s: number;
  /** answeredWithin10s / calls; null with no calls. */
  shareAnsweredWithin10s: number | null;
  lostCalls: number;
  /** operatorBusySec / operatorAvailableSec; null with no operator time. */
  operatorUtilisation: number | null;
}

/** Everything the report needs from one replication; small, so the logs can be dropped. */
export interface ReplicationKpis {
  replication: number;
  seed: number;
  horizonSec: number;
  warmUpSec: number;
  /** [red, yellow, green, all urgencies]. */
  overall: GroupKpi[];
  /** Index area * 3 + urgency. */
  byArea: GroupKpi[];
  /** Index organisation * 3 + urgency (the area's responsible organisation). */
  byOrganisation: GroupKpi[];
  /** Index hourOfDay * 3 + urgency, local hour (0–23) in which the call rang. */
  byHourOfDay: GroupKpi[];
  /** Per vehicle, ScenarioIndex.vehicleIds order. */
  byVehicle: VehicleKpi[];
  /** Sum over the vehicles each organisation owns. */
  vehiclesByOrganisation: VehicleKpi[];
  /** Per AMK, ScenarioIndex.amkIds order. */
  byAmk: AmkKpi[];
  amkTotal: AmkKpi;
}

/** Columns of the incidents after warm-up, compacted. */
interface Included {
  count: number;
  urgency: Uint8Array;
  area: Int32Array;
  organisation: Int32Array;
  hour: Uint8Array;
  outcome: Uint8Array;
  /** Target seconds for red incidents, NaN otherwise. */
  targetSec: Float64Array;
  waitSec: Float64Array;
  crossBorder: Uint8Array;
  hasVehicle: Uint8Array;
  response: Metric;
  firstUnit: Metric;
}

/** A time figure, kept only for the incidents where it exists, sorted ascending. */
interface Metric {
  /** Included-incident positions in ascending order of value. */
  sortedIncident: Int32Array;
  /** Values in the same order. */
  sortedValue: Float64Array;
  /** Value per included incident, NaN where missing. */
  value: Float64Array;
}

const OUTCOME_PENDING = INCIDENT_OUTCOMES.indexOf("pending");
const OUTCOME_LOST = INCIDENT_OUTCOMES.indexOf("lost");
const STATE_OFF_DUTY = VEHICLE_STATES.indexOf("offDuty");
const STATE_IDLE = VEHICLE_STATES.indexOf("idle");
const AREA_CLASS_TARGET = (areaClass: "tettbygd" | "grisgrendt"): number => RED_RESPONSE_TARGET_SEC[areaClass];

function buildMetric(value: Float64Array): Metric {
  const n = value.length;
  let present = 0;
  for (let j = 0; j < n; j++) if (value[j] === value[j]) present++;
  const compactValue = new Float64Array(present);
  const compactIncident = new Int32Array(present);
  let k = 0;
  for (let j = 0; j < n; j++) {
    const v = value[j]!;
    if (v === v) {
      compactValue[k] = v;
      compactIncident[k] = j;
      k++;
    }
  }
  const order = radixArgsort(compactValue);
  const sortedIncident = new Int32Array(present);
  const sortedValue = new Float64Array(present);
  for (let t = 0; t < present; t++) {
    const o = order[t]!;
    sortedIncident[t] = compactIncident[o]!;
    sortedValue[t] = compactValue[o]!;
  }
  return { sortedIncident, sortedValue, value };
}

function selectIncluded(result: ReplicationResult, index: ScenarioIndex, calendar: SimulationCalendar): Included {
  const log = result.incidents;
  const warmUpSec = result.warmUpSec;
  let count = 0;
  for (let i = 0; i < log.count; i++) if (log.inWarmUp[i] === 0 && log.ringSec[i]! >= warmUpSec) count++;
  const included: Omit<Included, "response" | "firstUnit"> = {
    count,
    urgency: new Uint8Array(count),
    area: new Int32Array(count),
    organisation: new Int32Array(count),
    hour: new Uint8Array(count),
    outcome: new Uint8Array(count),
    targetSec: new Float64Array(count),
    waitSec: new Float64Array(count),
    crossBorder: new Uint8Array(count),
    hasVehicle: new Uint8Array(count),
  };
  const targetByArea = index.areaClasses.map(AREA_CLASS_TARGET);
  const response = new Float64Array(count);
  const firstUnit = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < log.count; i++) {
    if (log.inWarmUp[i] !== 0 || !(log.ringSec[i]! >= warmUpSec)) continue;
    const ring = log.ringSec[i]!;
    const area = log.area[i]!;
    const urgency = log.urgency[i]!;
    included.urgency[j] = urgency;
    included.area[j] = area;
    included.organisation[j] = index.areaOrganisation[area]!;
    included.hour[j] = calendar.hourOfWeekAt(ring) % 24;
    included.outcome[j] = log.outcome[i]!;
    included.targetSec[j] = urgency === 0 ? targetByArea[area]! : Number.NaN;
    included.waitSec[j] = log.waitForUnitSec[i]!;
    included.crossBorder[j] = log.crossBorder[i]!;
    included.hasVehicle[j] = log.vehicle[i]! >= 0 ? 1 : 0;
    const atScene = log.atSceneSec[i]!;
    response[j] = Number.isFinite(atScene) ? atScene - ring : Number.NaN;
    const firstAny = log.firstAnyAtSceneSec[i]!;
    firstUnit[j] = Number.isFinite(firstAny) ? firstAny - ring : Number.NaN;
    j++;
  }
  return { ...included, response: buildMetric(response), firstUnit: buildMetric(firstUnit) };
}

interface MetricGroups {
  n: Int32Array;
  sum: Float64Array;
  /** Per group and reported quantile. */
  quantiles: Float64Array;
}

/** Count, sum and exact type-7 quantiles per group, in one pass over the sorted values. */
function metricByGroup(metric: Metric, groupOf: Int32Array, groupCount: number): MetricGroups {
  const n = new Int32Array(groupCount);
  const sum = new Float64Array(groupCount);
  const { sortedIncident, sortedValue } = metric;
  const total = sortedValue.length;
  for (let t = 0; t < total; t++) {
    const g = groupOf[sortedIncident[t]!]!;
    if (g < 0) continue;
    n[g]!++;
    sum[g]! += sortedValue[t]!;
  }
  const q = REPORTED_QUANTILES.length;
  const lowerRank = new Int32Array(groupCount * q).fill(-1);
  const upperRank = new Int32Array(groupCount * q).fill(-1);
  const weight = new Float64Array(groupCount * q);
  for (let g = 0; g < groupCount; g++) {
    if (n[g] === 0) continue;
    for (let k = 0; k < q; k++) {
      const rank = quantileRank(n[g]!, REPORTED_QUANTILES[k]!);
      lowerRank[g * q + k] = rank.lower;
      upperRank[g * q + k] = rank.upper;
      weight[g * q + k] = rank.weight;
    }
  }
  const lowerValue = new Float64Array(groupCount * q);
  const upperValue = new Float64Array(groupCount * q);
  const seen = new Int32Array(groupCount);
  for (let t = 0; t < total; t++) {
    const g = groupOf[sortedIncident[t]!]!;
    if (g < 0) continue;
    const rank = seen[g]!++;
    const v = sortedValue[t]!;
    for (let k = 0; k < q; k++) {
      const slot = g * q + k;
      if (rank === lowerRank[slot]) lowerValue[slot] = v;
      if (rank === upperRank[slot]) upperValue[slot] = v;
    }
  }
  const quantiles = new Float64Array(groupCount * q).fill(Number.NaN);
  for (let slot = 0; slot < groupCount * q; slot++) {
    if (lowerRank[slot]! >= 0) quantiles[slot] = interpolateQuantile(lowerValue[slot]!, upperValue[slot]!, weight[slot]!);
  }
  return { n, sum, quantiles };
}

const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);
const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** Incident figures for every group of one grouping (group id per included incident, −1 = none). */
function groupKpis(data: Included, groupOf: Int32Array, groupCount: number, groupUrgency: (g: number) => number | null): GroupKpi[] {
  const incidents = new Int32Array(groupCount);
  const pending = new Int32Array(groupCount);
  const lost = new Int32Array(groupCount);
  const waited = new Int32Array(groupCount);
  const waitSum = new Float64Array(groupCount);
  const crossBorder = new Int32Array(groupCount);
  const withVehicle = new Int32Array(groupCount);
  const withinTarget = new Int32Array(groupCount);
  for (let j = 0; j < data.count; j++) {
    const g = groupOf[j]!;
    if (g < 0) continue;
    incidents[g]!++;
    const outcome = data.outcome[j]!;
    if (outcome === OUTCOME_PENDING) pending[g]!++;
    else if (outcome === OUTCOME_LOST) lost[g]!++;
    const wait = data.waitSec[j]!;
    if (wait > 0) {
      waited[g]!++;
      waitSum[g]! += wait;
    }
    if (data.hasVehicle[j] === 1) {
      withVehicle[g]!++;
      crossBorder[g]! += data.crossBorder[j]!;
    }
    // NaN target (not red) and NaN response (not reached) both compare false.
    if (data.response.value[j]! <= data.targetSec[j]!) withinTarget[g]!++;
  }
  const response = metricByGroup(data.response, groupOf, groupCount);
  const firstUnit = metricByGroup(data.firstUnit, groupOf, groupCount);
  const q = REPORTED_QUANTILES.length;
  const groups: GroupKpi[] = [];
  for (let g = 0; g < groupCount; g++) {
    const reached = response.n[g]!;
    const firstReached = firstUnit.n[g]!;
    groups.push({
      incidents: incidents[g]!,
      reached,
      pending: pending[g]!,
      lost: lost[g]!,
      responseMeanSec: ratio(response.sum[g]!, reached),
      responseMedianSec: orNull(response.quantiles[g * q]!),
      responseP90Sec: orNull(response.quantiles[g * q + 1]!),
      shareWithinTarget: groupUrgency(g) === 0 ? ratio(withinTarget[g]!, reached) : null,
      firstUnitReached: firstReached,
      firstUnitMeanSec: ratio(firstUnit.sum[g]!, firstReached),
      firstUnitMedianSec: orNull(firstUnit.quantiles[g * q]!),
      firstUnitP90Sec: orNull(firstUnit.quantiles[g * q + 1]!),
      waited: waited[g]!,
      shareWaited: ratio(waited[g]!, incidents[g]!),
      meanWaitSec: ratio(waitSum[g]!, waited[g]!),
      crossBorder: crossBorder[g]!,
      shareCrossBorder: ratio(crossBorder[g]!, withVehicle[g]!),
    });
  }
  return groups;
}

function vehicleKpi(stateSec: number[], missions: number): VehicleKpi {
  let totalSec = 0;
  for (const s of stateSec) totalSec += s;
  const onDutySec = totalSec - stateSec[STATE_OFF_DUTY]!;
  const busySec = onDutySec - stateSec[STATE_IDLE]!;
  return {
    stateSec,
    totalSec,
    onDutySec,
    busySec,
    utilisation: ratio(busySec, onDutySec),
    stateShare: stateSec.map((s) => ratio(s, totalSec)),
    missions,
  };
}

function amkKpi(calls: number, answeredWithin10s: number, lostCalls: number, availableSec: number, busySec: number): AmkKpi {
  return {
    calls,
    answeredWithin10s,
    shareAnsweredWithin10s: ratio(answeredWithin10s, calls),
    lostCalls,
    operatorUtilisation: ratio(busySec, availableSec),
  };
}

/**
 * Computes the KPIs of one replication. Incidents that rang during warm-up (flag inWarmUp, or
 * ringSec < result.warmUpSec) are skipped; vehicle and AMK logs already cover only the time
 * after warm-up. Hours of day are the local hour (calendar) in which the call rang.
 * Linear in the number of incidents apart from two radix sorts.
 */
export function computeReplicationKpis(result: ReplicationResult, index: ScenarioIndex, calendar: SimulationCalendar): ReplicationKpis {
  const data = selectIncluded(result, index, calendar);
  const n = data.count;
  const areaCount = index.areaCodes.length;
  const organisationCount = index.organisationIds.length;

  const byUrgency = new Int32Array(n);
  const all = new Int32Array(n);
  const byArea = new Int32Array(n);
  const byOrganisation = new Int32Array(n);
  const byHour = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const u = data.urgency[j]!;
    byUrgency[j] = u;
    byArea[j] = data.area[j]! * URGENCY_COUNT + u;
    byOrganisation[j] = data.organisation[j]! * URGENCY_COUNT + u;
    byHour[j] = data.hour[j]! * URGENCY_COUNT + u;
  }
  const urgencyOfGroup = (g: number) => g % URGENCY_COUNT;
  const overall = [
    ...groupKpis(data, byUrgency, URGENCY_COUNT, urgencyOfGroup),
    ...groupKpis(data, all, 1, () => null),
  ];

  const stateCount = VEHICLE_STATES.length;
  const vehicleCount = index.vehicleIds.length;
  const byVehicle: VehicleKpi[] = [];
  const organisationStateSec = Array.from({ length: organisationCount }, () => new Array<number>(stateCount).fill(0));
  const organisationMissions = new Array<number>(organisationCount).fill(0);
  for (let v = 0; v < vehicleCount; v++) {
    const stateSec: number[] = [];
    for (let s = 0; s < stateCount; s++) stateSec.push(result.vehicles.stateSec[v * stateCount + s] ?? 0);
    const missions = result.vehicles.missions[v] ?? 0;
    byVehicle.push(vehicleKpi(stateSec, missions));
    const owner = index.vehicleOwner[v]!;
    const ownerStates = organisationStateSec[owner];
    if (ownerStates) {
      for (let s = 0; s < stateCount; s++) ownerStates[s]! += stateSec[s]!;
      organisationMissions[owner]! += missions;
    }
  }
  const vehiclesByOrganisation = organisationStateSec.map((stateSec, o) => vehicleKpi(stateSec, organisationMissions[o]!));

  const amk = result.amk;
  const byAmk: AmkKpi[] = [];
  let calls = 0;
  let within = 0;
  let lostCalls = 0;
  let availableSec = 0;
  let busySec = 0;
  for (let a = 0; a < index.amkIds.length; a++) {
    const kpi = amkKpi(amk.calls[a] ?? 0, amk.answeredWithin10s[a] ?? 0, amk.lostCalls[a] ?? 0, amk.operatorAvailableSec[a] ?? 0, amk.operatorBusySec[a] ?? 0);
    byAmk.push(kpi);
    calls += kpi.calls;
    within += kpi.answeredWithin10s;
    lostCalls += kpi.lostCalls;
    availableSec += amk.operatorAvailableSec[a] ?? 0;
    busySec += amk.operatorBusySec[a] ?? 0;
  }

  return {
    replication: result.replication,
    seed: result.seed,
    horizonSec: result.horizonSec,
    warmUpSec: result.warmUpSec,
    overall,
    byArea: groupKpis(data, byArea, areaCount * URGENCY_COUNT, urgencyOfGroup),
    byOrganisation: groupKpis(data, byOrganisation, organisationCount * URGENCY_COUNT, urgencyOfGroup),
    byHourOfDay: groupKpis(data, byHour, 24 * URGENCY_COUNT, urgencyOfGroup),
    byVehicle,
    vehiclesByOrganisation,
    byAmk,
    amkTotal: amkKpi(calls, within, lostCalls, availableSec, busySec),
  };
}
