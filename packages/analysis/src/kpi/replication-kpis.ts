import type { ReportSpec, SimulationCalendar } from "@akutt/model";
import { INCIDENT_OUTCOMES, VEHICLE_STATES, type ReplicationResult, type ScenarioIndex } from "@akutt/engine";
import { interpolateQuantile, quantileRank } from "../statistics/descriptive.js";
import { radixSortWithPayload } from "../statistics/sort.js";
import { ScratchPool } from "../statistics/scratch.js";
import { RED_RESPONSE_TARGET_SEC, YELLOW_RESPONSE_TARGET_SEC } from "./targets.js";
import { computeTransportKpis, type TransportKpis } from "./transport-kpis.js";
import { amkAnswerKpis, type AmkAnswerKpi } from "./amk-answer.js";
import { computeMultiUnitKpis, type MultiUnitKpi } from "./multi-unit-kpis.js";

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
   * Red and yellow: share of reached incidents with response ≤ the target of the incident's urgency
   * and area class (red 720 s tettbygd / 1500 s grisgrendt; yellow 1800 s / 2400 s, kpi/targets.ts).
   * Null for green and mixed-urgency groups.
   */
  shareWithinTarget: number | null;
  /**
   * Every urgency (and the all-urgency group): share of reached incidents with response ≤ 720 s
   * (12 min, boundary within), whatever the area class. Null when no incident was reached. The red
   * 12-minute figure equals shareWithinTarget in tettbygd areas; in grisgrendt areas it is stricter.
   */
  shareWithin12Min: number | null;
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
  /** report.responsePercentiles: the response time at each percentile, in the order asked. */
  responsePercentilesSec?: Array<number | null>;
  /** report.responseThresholdsMin: share of reached incidents with response ≤ each threshold, in the order asked. */
  shareWithinThresholds?: Array<number | null>;
  /** report.queueFigures: mean wait for a free unit over all incidents (0 for those that did not wait). */
  meanWaitAllSec?: number | null;
}

export interface VehicleKpi {
  /** Seconds after warm-up in each state, VEHICLE_STATES order. */
  stateSec: number[];
  totalSec: number;
  /** All states except offDuty. */
  onDutySec: number;
  /**
   * The mission states, alerted … returning (returning only when report.utilisation.includeReturn
   * is not false): on-duty time that is neither idle nor unavailable.
   */
  busySec: number;
  /** On duty but unable to take a job: cleaning, on a break or out of service (the availability states). */
  unavailableSec: number;
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
  /** Operator-seconds staffed after warm-up (sum over operators), the basis of operator-hours. */
  operatorAvailableSec: number;
  /** Operator-seconds spent handling calls after warm-up. */
  operatorBusySec: number;
  /** report.queueFigures: mean seconds from ring to answer over the answered calls. */
  meanAnswerDelaySec?: number | null;
  /** report.queueFigures: share of calls not answered the moment they rang (waited, lost, or still waiting at the end). */
  shareAnswerDelayed?: number | null;
}

/** Unavailable time and its events for the vehicles of one station and type, in the counting window. */
export interface AvailabilityGroupKpi {
  station: string;
  vehicleType: string;
  vehicles: number;
  onDutySec: number;
  cleaningSec: number;
  onBreakSec: number;
  outOfServiceSec: number;
  cleanings: number;
  cleaningsInterrupted: number;
  breaksTaken: number;
  breaksInterrupted: number;
  breaksSkipped: number;
  outOfService: number;
  endOfShiftRefusals: number;
}

export interface AvailabilityKpis {
  /** Length of the vehicle-time counting window (seconds), the period every figure covers. */
  countedSec: number;
  /** Station × vehicle type groups in order of first appearance in the fleet. */
  byStationAndType: AvailabilityGroupKpi[];
  /** All vehicles together (station and vehicleType "all"). */
  total: AvailabilityGroupKpi;
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
  /** 113 answer times and occupancy per AMK (then all AMKs) × whole day and shift period; see amkAnswerKpis. */
  amkAnswer: AmkAnswerKpi[];
  /**
   * Missions (incidents after warm-up with a transporting vehicle) by the organisation responsible
   * for the incident's area × the organisation owning the transporting vehicle × urgency, index
   * `(responsible * O + owner) * 3 + urgency` with O = ScenarioIndex.organisationIds.length.
   * The diagonal (responsible = owner) holds a trust's own missions; the rest are cross-border
   * missions in each direction. Vehicles whose owner index is out of range are not counted.
   */
  missionsByResponsibleAndOwner: number[];
  /** Transfers and booked transports (kinds 1–2), only when the scenario has them; every figure above is over emergencies (kind 0). */
  transports?: TransportKpis;
  /** Only when the scenario has an availability section. */
  availability?: AvailabilityKpis;
  /** Multi-unit incidents and joint operations; only when the scenario has them. */
  multiUnit?: MultiUnitKpi;
}

/** 12 minutes: the threshold of the "share within 12 min" figure every urgency reports. */
export const WITHIN_12_MIN_SEC = 720;

/**
 * Working buffers for one replication at a time, reused across calls (see ScratchPool):
 * allocating tens of megabytes per replication would cost more than the computation.
 */
const pool = new ScratchPool();

const OUTCOME_PENDING = INCIDENT_OUTCOMES.indexOf("pending");
const OUTCOME_LOST = INCIDENT_OUTCOMES.indexOf("lost");
const STATE_OFF_DUTY = VEHICLE_STATES.indexOf("offDuty");
const STATE_IDLE = VEHICLE_STATES.indexOf("idle");
const STATE_RETURNING = VEHICLE_STATES.indexOf("returning");
/** The availability module's states come last: cleaning, onBreak, outOfService. */
export const FIRST_UNAVAILABLE_STATE = VEHICLE_STATES.indexOf("cleaning");

/** The report options the KPIs depend on, in seconds and fractions (from the scenario's `report`). */
interface KpiOptions {
  thresholdsSec: number[];
  /** Fractions in (0, 1), in the order asked. */
  percentiles: number[];
  includeReturn: boolean;
  queueFigures: boolean;
  /** Whether the optional fields exist at all (absent options leave GroupKpi exactly as before). */
  hasThresholds: boolean;
  hasPercentiles: boolean;
}

function kpiOptions(spec: ReportSpec | undefined): KpiOptions {
  return {
    thresholdsSec: (spec?.responseThresholdsMin ?? []).map((min) => min * 60),
    percentiles: (spec?.responsePercentiles ?? []).map((p) => p / 100),
    includeReturn: spec?.utilisation?.includeReturn ?? true,
    queueFigures: spec?.queueFigures ?? false,
    hasThresholds: spec?.responseThresholdsMin !== undefined,
    hasPercentiles: spec?.responsePercentiles !== undefined,
  };
}

/**
 * Every included incident belongs to up to MEMBERSHIPS groups in one global group space:
 * overall by urgency, overall (all urgencies), area × urgency, organisation × urgency,
 * hour × urgency, and the area × urgency of the whole its area is part of (-1 when none). All follow from the incident's cell (area, local hour, urgency), so the
 * pass over the log only updates per-cell counters and the sorted time values carry their cell;
 * a small cell → groups table then spreads both to the groups. This keeps the hot loops free
 * of random access to large arrays.
 */
const MEMBERSHIPS = 6;

interface GroupLayout {
  overall: number;
  all: number;
  area: number;
  organisation: number;
  hour: number;
  total: number;
  cells: number;
  /** Global group of each cell's memberships, [cell * MEMBERSHIPS + m]. */
  cellGroups: Int32Array;
}

const cellOf = (area: number, hour: number, urgency: number) => (area * 24 + hour) * URGENCY_COUNT + urgency;

function groupLayout(index: ScenarioIndex): GroupLayout {
  const areaCount = index.areaCodes.length;
  const organisationCount = index.organisationIds.length;
  const overall = 0;
  const all = overall + URGENCY_COUNT;
  const area = all + 1;
  const organisation = area + areaCount * URGENCY_COUNT;
  const hour = organisation + organisationCount * URGENCY_COUNT;
  const cells = areaCount * 24 * URGENCY_COUNT;
  const cellGroups = new Int32Array(cells * MEMBERSHIPS);
  for (let a = 0; a < areaCount; a++) {
    const o = index.areaOrganisation[a]!;
    // A whole (partOf) has no organisation and no incidents of its own: its parts' cells count for it.
    if (o === -1 && index.areaParent.includes(a)) continue;
    if (!(o >= 0 && o < organisationCount)) throw new RangeError(`area ${index.areaCodes[a]} has no valid organisation index (${o})`);
    for (let h = 0; h < 24; h++) {
      for (let u = 0; u < URGENCY_COUNT; u++) {
        const base = cellOf(a, h, u) * MEMBERSHIPS;
        cellGroups[base] = overall + u;
        cellGroups[base + 1] = all;
        cellGroups[base + 2] = area + a * URGENCY_COUNT + u;
        cellGroups[base + 3] = organisation + o * URGENCY_COUNT + u;
        cellGroups[base + 4] = hour + h * URGENCY_COUNT + u;
        // The whole the area is part of (partOf), if any: its row counts the incidents of all its parts.
        const parent = index.areaParent?.[a] ?? -1;
        cellGroups[base + 5] = parent >= 0 ? area + parent * URGENCY_COUNT + u : -1;
      }
    }
  }
  return { overall, all, area, organisation, hour, total: hour + 24 * URGENCY_COUNT, cells, cellGroups };
}

/** Counters per cell or per group. */
class Counters {
  readonly incidents: Int32Array;
  readonly pending: Int32Array;
  readonly lost: Int32Array;
  readonly waited: Int32Array;
  readonly waitSum: Float64Array;
  readonly withVehicle: Int32Array;
  readonly crossBorder: Int32Array;
  readonly withinTarget: Int32Array;
  readonly within12: Int32Array;
  readonly responseN: Int32Array;
  readonly responseSum: Float64Array;
  readonly firstN: Int32Array;
  readonly firstSum: Float64Array;
  /** [index * thresholds + k]: reached incidents with response ≤ threshold k. */
  readonly withinThreshold: Int32Array;
  constructor(
    size: number,
    readonly thresholds = 0,
  ) {
    this.incidents = new Int32Array(size);
    this.pending = new Int32Array(size);
    this.lost = new Int32Array(size);
    this.waited = new Int32Array(size);
    this.waitSum = new Float64Array(size);
    this.withVehicle = new Int32Array(size);
    this.crossBorder = new Int32Array(size);
    this.withinTarget = new Int32Array(size);
    this.within12 = new Int32Array(size);
    this.responseN = new Int32Array(size);
    this.responseSum = new Float64Array(size);
    this.firstN = new Int32Array(size);
    this.firstSum = new Float64Array(size);
    this.withinThreshold = new Int32Array(size * thresholds);
  }

  /** Adds cell c's counters to group g. */
  addInto(target: Counters, c: number, g: number): void {
    target.incidents[g]! += this.incidents[c]!;
    target.pending[g]! += this.pending[c]!;
    target.lost[g]! += this.lost[c]!;
    target.waited[g]! += this.waited[c]!;
    target.waitSum[g]! += this.waitSum[c]!;
    target.withVehicle[g]! += this.withVehicle[c]!;
    target.crossBorder[g]! += this.crossBorder[c]!;
    target.withinTarget[g]! += this.withinTarget[c]!;
    target.within12[g]! += this.within12[c]!;
    target.responseN[g]! += this.responseN[c]!;
    target.responseSum[g]! += this.responseSum[c]!;
    target.firstN[g]! += this.firstN[c]!;
    target.firstSum[g]! += this.firstSum[c]!;
    for (let k = 0; k < this.thresholds; k++) target.withinThreshold[g * this.thresholds + k]! += this.withinThreshold[c * this.thresholds + k]!;
  }
}

interface Accumulators extends Counters {
  /** Per group × reported quantile, NaN for empty groups. */
  responseQuantile: Float64Array;
  firstQuantile: Float64Array;
}

/**
 * Exact type-7 quantiles per group from values sorted ascending, each carrying its cell: one
 * pass; every group picks the values at its target ranks (ascending, so one comparison per
 * membership and value).
 */
function quantilesByGroup(sortedValue: Float64Array, sortedCell: Uint32Array, layout: GroupLayout, groupN: Int32Array, quantiles: readonly number[] = REPORTED_QUANTILES): Float64Array {
  const groupCount = layout.total;
  const q = quantiles.length;
  const slots = 2 * q; // lower and upper rank per quantile
  // Wanted ranks per group in ascending order, with the slot (quantile k: 2k lower, 2k + 1 upper) each fills.
  const rank = new Int32Array(groupCount * slots).fill(-1);
  const slotOf = new Uint8Array(groupCount * slots);
  const weight = new Float64Array(groupCount * q);
  const next = new Int32Array(groupCount).fill(slots);
  const wanted: Array<{ rank: number; slot: number }> = [];
  for (let g = 0; g < groupCount; g++) {
    if (groupN[g] === 0) continue;
    wanted.length = 0;
    for (let k = 0; k < q; k++) {
      const r = quantileRank(groupN[g]!, quantiles[k]!);
      wanted.push({ rank: r.lower, slot: 2 * k }, { rank: r.upper, slot: 2 * k + 1 });
      weight[g * q + k] = r.weight;
    }
    wanted.sort((a, b) => a.rank - b.rank || a.slot - b.slot);
    wanted.forEach((w, k) => {
      rank[g * slots + k] = w.rank;
      slotOf[g * slots + k] = w.slot;
    });
    next[g] = 0;
  }
  const value = new Float64Array(groupCount * slots);
  const seen = new Int32Array(groupCount);
  const { cellGroups } = layout;
  const total = sortedValue.length;
  for (let t = 0; t < total; t++) {
    const base = sortedCell[t]! * MEMBERSHIPS;
    const v = sortedValue[t]!;
    for (let m = 0; m < MEMBERSHIPS; m++) {
      const g = cellGroups[base + m]!;
      if (g < 0) continue;
      const r = seen[g]!++;
      let k = next[g]!;
      while (k < slots && rank[g * slots + k] === r) {
        value[g * slots + slotOf[g * slots + k]!] = v;
        k++;
      }
      next[g] = k;
    }
  }
  const out = new Float64Array(groupCount * q).fill(Number.NaN);
  for (let g = 0; g < groupCount; g++) {
    if (groupN[g] === 0) continue;
    for (let k = 0; k < q; k++) out[g * q + k] = interpolateQuantile(value[g * slots + 2 * k]!, value[g * slots + 2 * k + 1]!, weight[g * q + k]!);
  }
  return out;
}

/** One pass over the incident log into per-cell counters, then one radix sort and one walk per time figure. */
function accumulate(result: ReplicationResult, index: ScenarioIndex, calendar: SimulationCalendar, layout: GroupLayout, missionsByPair: number[], options: KpiOptions): Accumulators {
  const log = result.incidents;
  const warmUpSec = result.warmUpSec;
  const thresholdsSec = options.thresholdsSec;
  const thresholdCount = thresholdsSec.length;
  const cell = new Counters(layout.cells, thresholdCount);
  const withinThreshold = cell.withinThreshold;
  const n = log.count;
  const responseValue = pool.float64("response.value", n);
  const responseCell = pool.uint32("response.cell", n);
  const firstValue = pool.float64("first.value", n);
  const firstCell = pool.uint32("first.cell", n);
  // Index area * 3 + urgency; green has no target (Infinity never counts, and its share is reported as null).
  const targetByAreaUrgency = Float64Array.from({ length: index.areaClasses.length * URGENCY_COUNT }, (_, k) => {
    const areaClass = index.areaClasses[Math.floor(k / URGENCY_COUNT)]!;
    const u = k % URGENCY_COUNT;
    return u === 0 ? RED_RESPONSE_TARGET_SEC[areaClass] : u === 1 ? YELLOW_RESPONSE_TARGET_SEC[areaClass] : Infinity;
  });
  const areaCount = index.areaCodes.length;
  const organisationCount = index.organisationIds.length;
  const vehicleOwner = index.vehicleOwner;
  const areaOrganisation = index.areaOrganisation;
  const { incidents, pending, lost, waited, waitSum, withVehicle, crossBorder, withinTarget, within12, responseN, responseSum, firstN, firstSum } = cell;
  let responseCount = 0;
  let firstCount = 0;
  for (let i = 0; i < n; i++) {
    const ring = log.ringSec[i]!;
    // Transfers and booked transports (kind 1–2) have their own figures (transport-kpis.ts).
    if (log.inWarmUp[i] !== 0 || !(ring >= warmUpSec) || log.kind[i] !== 0) continue;
    const area = log.area[i]!;
    const u = log.urgency[i]!;
    if (!(area >= 0 && area < areaCount) || u >= URGENCY_COUNT) throw new RangeError(`incident ${i} has area ${area} and urgency ${u} outside the scenario index`);
    const c = cellOf(area, calendar.hourOfWeekAt(ring) % 24, u);
    incidents[c]!++;
    const outcome = log.outcome[i]!;
    if (outcome === OUTCOME_PENDING) pending[c]!++;
    else if (outcome === OUTCOME_LOST) lost[c]!++;
    const wait = log.waitForUnitSec[i]!;
    if (wait > 0) {
      waited[c]!++;
      waitSum[c]! += wait;
    }
    const vehicle = log.vehicle[i]!;
    if (vehicle >= 0) {
      withVehicle[c]!++;
      crossBorder[c]! += log.crossBorder[i]!;
      const owner = vehicleOwner[vehicle] ?? -1;
      if (owner >= 0 && owner < organisationCount) missionsByPair[(areaOrganisation[area]! * organisationCount + owner) * URGENCY_COUNT + u]!++;
    }
    const atScene = log.atSceneSec[i]!;
    if (Number.isFinite(atScene)) {
      const response = atScene - ring;
      responseN[c]!++;
      responseSum[c]! += response;
      if (response <= targetByAreaUrgency[area * URGENCY_COUNT + u]!) withinTarget[c]!++;
      if (response <= WITHIN_12_MIN_SEC) within12[c]!++;
      for (let k = 0; k < thresholdCount; k++) if (response <= thresholdsSec[k]!) withinThreshold[c * thresholdCount + k]!++;
      responseValue[responseCount] = response;
      responseCell[responseCount++] = c;
    }
    const firstAny = log.firstAnyAtSceneSec[i]!;
    if (Number.isFinite(firstAny)) {
      const first = firstAny - ring;
      firstN[c]!++;
      firstSum[c]! += first;
      firstValue[firstCount] = first;
      firstCell[firstCount++] = c;
    }
  }
  const groups = new Counters(layout.total, thresholdCount);
  for (let c = 0; c < layout.cells; c++) {
    if (incidents[c] === 0) continue;
    for (let m = 0; m < MEMBERSHIPS; m++) {
      const g = layout.cellGroups[c * MEMBERSHIPS + m]!;
      if (g >= 0) cell.addInto(groups, c, g);
    }
  }
  const response = radixSortWithPayload(responseValue.subarray(0, responseCount), responseCell.subarray(0, responseCount), pool);
  const responseQuantile = quantilesByGroup(response.keys, response.payload, layout, groups.responseN, [...REPORTED_QUANTILES, ...options.percentiles]);
  const first = radixSortWithPayload(firstValue.subarray(0, firstCount), firstCell.subarray(0, firstCount), pool);
  const firstQuantile = quantilesByGroup(first.keys, first.payload, layout, groups.firstN);
  return Object.assign(groups, { responseQuantile, firstQuantile });
}

const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);
const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** GroupKpi objects for global groups [from, from + count). */
function groupKpis(acc: Accumulators, from: number, count: number, hasTarget: (offset: number) => boolean, options: KpiOptions): GroupKpi[] {
  const q = REPORTED_QUANTILES.length;
  const rq = q + options.percentiles.length;
  const thresholds = options.thresholdsSec.length;
  const groups: GroupKpi[] = [];
  for (let offset = 0; offset < count; offset++) {
    const g = from + offset;
    const reached = acc.responseN[g]!;
    const firstReached = acc.firstN[g]!;
    const kpi: GroupKpi = {
      incidents: acc.incidents[g]!,
      reached,
      pending: acc.pending[g]!,
      lost: acc.lost[g]!,
      responseMeanSec: ratio(acc.responseSum[g]!, reached),
      responseMedianSec: orNull(acc.responseQuantile[g * rq]!),
      responseP90Sec: orNull(acc.responseQuantile[g * rq + 1]!),
      shareWithinTarget: hasTarget(offset) ? ratio(acc.withinTarget[g]!, reached) : null,
      shareWithin12Min: ratio(acc.within12[g]!, reached),
      firstUnitReached: firstReached,
      firstUnitMeanSec: ratio(acc.firstSum[g]!, firstReached),
      firstUnitMedianSec: orNull(acc.firstQuantile[g * q]!),
      firstUnitP90Sec: orNull(acc.firstQuantile[g * q + 1]!),
      waited: acc.waited[g]!,
      shareWaited: ratio(acc.waited[g]!, acc.incidents[g]!),
      meanWaitSec: ratio(acc.waitSum[g]!, acc.waited[g]!),
      crossBorder: acc.crossBorder[g]!,
      shareCrossBorder: ratio(acc.crossBorder[g]!, acc.withVehicle[g]!),
    };
    if (options.hasPercentiles) kpi.responsePercentilesSec = options.percentiles.map((_, k) => orNull(acc.responseQuantile[g * rq + q + k]!));
    if (options.hasThresholds) kpi.shareWithinThresholds = options.thresholdsSec.map((_, k) => ratio(acc.withinThreshold[g * thresholds + k]!, reached));
    if (options.queueFigures) kpi.meanWaitAllSec = ratio(acc.waitSum[g]!, acc.incidents[g]!);
    groups.push(kpi);
  }
  return groups;
}

function vehicleKpi(stateSec: number[], missions: number, includeReturn = true): VehicleKpi {
  let totalSec = 0;
  for (const s of stateSec) totalSec += s;
  const onDutySec = totalSec - stateSec[STATE_OFF_DUTY]!;
  let unavailableSec = 0;
  for (let s = FIRST_UNAVAILABLE_STATE; s < stateSec.length; s++) unavailableSec += stateSec[s]!;
  // Alert to free, with the drive back (today's definition) or without it; unavailable time is not busy.
  const notBusySec = stateSec[STATE_IDLE]! + unavailableSec;
  const busySec = includeReturn ? onDutySec - notBusySec : onDutySec - notBusySec - stateSec[STATE_RETURNING]!;
  return {
    stateSec,
    totalSec,
    onDutySec,
    busySec,
    unavailableSec,
    utilisation: ratio(busySec, onDutySec),
    stateShare: stateSec.map((s) => ratio(s, totalSec)),
    missions,
  };
}

const STATE_CLEANING = VEHICLE_STATES.indexOf("cleaning");
const STATE_ON_BREAK = VEHICLE_STATES.indexOf("onBreak");
const STATE_OUT_OF_SERVICE = VEHICLE_STATES.indexOf("outOfService");

function emptyAvailabilityGroup(station: string, vehicleType: string): AvailabilityGroupKpi {
  return { station, vehicleType, vehicles: 0, onDutySec: 0, cleaningSec: 0, onBreakSec: 0, outOfServiceSec: 0, cleanings: 0, cleaningsInterrupted: 0, breaksTaken: 0, breaksInterrupted: 0, breaksSkipped: 0, outOfService: 0, endOfShiftRefusals: 0 };
}

/** Sums the availability figures per station and vehicle type; undefined when the run had no availability module. */
function availabilityKpis(result: ReplicationResult, index: ScenarioIndex, byVehicle: VehicleKpi[]): AvailabilityKpis | undefined {
  const log = result.availability;
  if (!log) return undefined;
  const groups = new Map<string, AvailabilityGroupKpi>();
  const total = emptyAvailabilityGroup("all", "all");
  byVehicle.forEach((kpi, v) => {
    const station = index.vehicleStation[v]!;
    const vehicleType = index.vehicleTypes[v]!;
    const key = `${station}\u0000${vehicleType}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = emptyAvailabilityGroup(station, vehicleType)));
    for (const target of [group, total]) {
      target.vehicles++;
      target.onDutySec += kpi.onDutySec;
      target.cleaningSec += kpi.stateSec[STATE_CLEANING]!;
      target.onBreakSec += kpi.stateSec[STATE_ON_BREAK]!;
      target.outOfServiceSec += kpi.stateSec[STATE_OUT_OF_SERVICE]!;
      target.cleanings += log.cleanings[v]!;
      target.cleaningsInterrupted += log.cleaningsInterrupted[v]!;
      target.breaksTaken += log.breaksTaken[v]!;
      target.breaksInterrupted += log.breaksInterrupted[v]!;
      target.breaksSkipped += log.breaksSkipped[v]!;
      target.outOfService += log.outOfService[v]!;
      target.endOfShiftRefusals += log.endOfShiftRefusals[v]!;
    }
  });
  return { countedSec: byVehicle[0]?.totalSec ?? 0, byStationAndType: [...groups.values()], total };
}

function amkKpi(calls: number, answeredWithin10s: number, lostCalls: number, availableSec: number, busySec: number): AmkKpi {
  return {
    calls,
    answeredWithin10s,
    shareAnsweredWithin10s: ratio(answeredWithin10s, calls),
    lostCalls,
    operatorUtilisation: ratio(busySec, availableSec),
    operatorAvailableSec: availableSec,
    operatorBusySec: busySec,
  };
}

/**
 * Computes the KPIs of one replication. Incidents that rang during warm-up (flag inWarmUp, or
 * ringSec < result.warmUpSec) are skipped; vehicle and AMK logs already cover only the time
 * after warm-up. Hours of day are the local hour (calendar) in which the call rang.
 * Linear in the number of incidents apart from two radix sorts.
 */
export function computeReplicationKpis(result: ReplicationResult, index: ScenarioIndex, calendar: SimulationCalendar, reportOptions?: ReportSpec): ReplicationKpis {
  const options = kpiOptions(reportOptions);
  const areaCount = index.areaCodes.length;
  const organisationCount = index.organisationIds.length;
  const layout = groupLayout(index);
  const missionsByResponsibleAndOwner = new Array<number>(organisationCount * organisationCount * URGENCY_COUNT).fill(0);
  const acc = accumulate(result, index, calendar, layout, missionsByResponsibleAndOwner, options);
  // Red and yellow have targets; green does not.
  const hasTarget = (offset: number) => offset % URGENCY_COUNT !== 2;
  const overall = [...groupKpis(acc, layout.overall, URGENCY_COUNT, hasTarget, options), ...groupKpis(acc, layout.all, 1, () => false, options)];

  const stateCount = VEHICLE_STATES.length;
  const vehicleCount = index.vehicleIds.length;
  const byVehicle: VehicleKpi[] = [];
  const organisationStateSec = Array.from({ length: organisationCount }, () => new Array<number>(stateCount).fill(0));
  const organisationMissions = new Array<number>(organisationCount).fill(0);
  for (let v = 0; v < vehicleCount; v++) {
    const stateSec: number[] = [];
    for (let s = 0; s < stateCount; s++) stateSec.push(result.vehicles.stateSec[v * stateCount + s] ?? 0);
    const missions = result.vehicles.missions[v] ?? 0;
    byVehicle.push(vehicleKpi(stateSec, missions, options.includeReturn));
    const owner = index.vehicleOwner[v]!;
    const ownerStates = organisationStateSec[owner];
    if (ownerStates) {
      for (let s = 0; s < stateCount; s++) ownerStates[s]! += stateSec[s]!;
      organisationMissions[owner]! += missions;
    }
  }
  const vehiclesByOrganisation = organisationStateSec.map((stateSec, o) => vehicleKpi(stateSec, organisationMissions[o]!, options.includeReturn));
  const availability = availabilityKpis(result, index, byVehicle);

  const amk = result.amk;
  const answerDelays = options.queueFigures ? answerDelaysByAmk(result, index.amkIds.length) : undefined;
  const byAmk: AmkKpi[] = [];
  let calls = 0;
  let within = 0;
  let lostCalls = 0;
  let availableSec = 0;
  let busySec = 0;
  for (let a = 0; a < index.amkIds.length; a++) {
    const kpi = amkKpi(amk.calls[a] ?? 0, amk.answeredWithin10s[a] ?? 0, amk.lostCalls[a] ?? 0, amk.operatorAvailableSec[a] ?? 0, amk.operatorBusySec[a] ?? 0);
    if (answerDelays) Object.assign(kpi, answerDelays.figures(a, a + 1));
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
    byArea: groupKpis(acc, layout.area, areaCount * URGENCY_COUNT, hasTarget, options),
    byOrganisation: groupKpis(acc, layout.organisation, organisationCount * URGENCY_COUNT, hasTarget, options),
    byHourOfDay: groupKpis(acc, layout.hour, 24 * URGENCY_COUNT, hasTarget, options),
    byVehicle,
    vehiclesByOrganisation,
    byAmk,
    amkAnswer: amkAnswerKpis(result.amk, index.amkIds.length, result.horizonSec - result.warmUpSec),
    amkTotal: answerDelays ? Object.assign(amkKpi(calls, within, lostCalls, availableSec, busySec), answerDelays.figures(0, index.amkIds.length)) : amkKpi(calls, within, lostCalls, availableSec, busySec),
    missionsByResponsibleAndOwner,
    ...transportsOf(result, index),
    ...(availability ? { availability } : {}),
    ...(result.multiUnit ? { multiUnit: computeMultiUnitKpis(result)! } : {}),
  };
}

function transportsOf(result: ReplicationResult, index: ScenarioIndex): { transports?: TransportKpis } {
  const transports = computeTransportKpis(result, index);
  return transports ? { transports } : {};
}

/**
 * Ring → answer per AMK over the calls that rang after warm-up: the mean delay over answered calls,
 * and the share of calls not answered at once (delayed, lost at a full queue, or never answered).
 */
function answerDelaysByAmk(result: ReplicationResult, amkCount: number) {
  const log = result.incidents;
  const calls = new Float64Array(amkCount);
  const answered = new Float64Array(amkCount);
  const immediate = new Float64Array(amkCount);
  const delaySum = new Float64Array(amkCount);
  for (let i = 0; i < log.count; i++) {
    const ring = log.ringSec[i]!;
    if (log.inWarmUp[i] !== 0 || !(ring >= result.warmUpSec) || log.kind[i] !== 0) continue;
    const a = log.amk[i]!;
    if (!(a >= 0 && a < amkCount)) continue;
    calls[a]!++;
    const answer = log.answeredSec[i]!;
    if (!Number.isFinite(answer)) continue;
    answered[a]!++;
    const delay = answer - ring;
    delaySum[a]! += delay;
    if (delay <= 0) immediate[a]!++;
  }
  return {
    figures(from: number, to: number): { meanAnswerDelaySec: number | null; shareAnswerDelayed: number | null } {
      let c = 0;
      let n = 0;
      let now = 0;
      let sum = 0;
      for (let a = from; a < to; a++) {
        c += calls[a]!;
        n += answered[a]!;
        now += immediate[a]!;
        sum += delaySum[a]!;
      }
      return { meanAnswerDelaySec: ratio(sum, n), shareAnswerDelayed: c > 0 ? (c - now) / c : null };
    },
  };
}
