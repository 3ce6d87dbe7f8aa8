import { URGENCIES, type Urgency } from "@akutt/model";
import { HOURS_PER_YEAR } from "@akutt/engine";
import { dirichletShrink } from "./shrink.js";

export const HOURS_OF_WEEK = 168;

/**
 * Recorded incidents counted per urgency, scenario zone and local hour of week (0 = Monday 00–01),
 * with how many hours of each hour of week the counted period held.
 */
export interface DemandCounts {
  /** Area code of each scenario zone, in the scenario's zone order. */
  zoneAreas: readonly string[];
  /** The scenario's own zone weights (weight, else population, else 1), the prior for the zone shares. */
  priorZoneWeights: ArrayLike<number>;
  /** Per urgency (URGENCIES order), counts at [zone · 168 + hourOfWeek]. */
  counts: readonly [Float64Array, Float64Array, Float64Array];
  /** Hours of each hour of week in the period (DST nights give 0 or 2 of an hour). */
  exposureHours: ArrayLike<number>;
}

/**
 * Demand in the form the scenario schema holds: λ(zone, hour of week, urgency) =
 * R(area, urgency) / HOURS_PER_YEAR × w(zone) / Σ_{zones of the area} w × p_urgency(hour of week),
 * with p of mean 1 over the week (the engine's own compileDemand). See docs/calibration.md.
 */
export interface FittedDemand {
  /** Incidents a year per area and urgency; the model's expected count over the period equals the recorded one. */
  areaPerYear: Map<string, Record<Urgency, number>>;
  /** Recorded incidents per area and urgency. */
  areaCounts: Map<string, Record<Urgency, number>>;
  /** Per urgency, 168 values of mean 1. */
  profileByUrgency: Record<Urgency, Float64Array>;
  /** Per zone, the smoothed share within its area times the area's prior weight (so agreement with the prior keeps the prior's numbers). */
  zoneWeights: Float64Array;
  /** Prior weight α of each smoothing (see shrink.ts): per area for the zone shares, per urgency for the hours, and for the pooled hours. */
  alpha: { zonesByArea: Map<string, number>; hoursByUrgency: Record<Urgency, number>; pooledHours: number };
  /** What the supported form cannot hold (total-variation distances of the raw shares; they include sampling noise). */
  loss: {
    /** Largest over urgencies: zone shares of that urgency against the zone shares of all urgencies. */
    zoneByUrgency: number;
    /** Largest over areas with at least LOSS_MIN_INCIDENTS: the area's hour-of-week shares against all areas'. */
    hourByArea: number;
  };
  periodHours: number;
}

/** Areas with fewer incidents are left out of the hour-by-area loss figure (their noise would dominate it). */
export const LOSS_MIN_INCIDENTS = 1000;

/**
 * Fits the multiplicative zone × hour-of-week × urgency model with empirical-Bayes smoothing:
 * 1. pooled hour-of-week shares (all urgencies) shrunk toward the exposure (a flat rate);
 * 2. each urgency's hour-of-week shares shrunk toward the pooled ones; the profile is share / exposure;
 * 3. each area's zone shares (all urgencies and hours) shrunk toward the scenario's zone weights;
 * 4. each area's rate per urgency scaled so the model's expected count over the period is the recorded count.
 */
export function fitDemand(input: DemandCounts): FittedDemand {
  const zoneCount = input.zoneAreas.length;
  if (input.priorZoneWeights.length !== zoneCount) throw new RangeError("one prior weight per zone is needed");
  if (input.exposureHours.length !== HOURS_OF_WEEK) throw new RangeError("exposure must have 168 hours of week");
  for (const counts of input.counts) if (counts.length !== zoneCount * HOURS_OF_WEEK) throw new RangeError("counts must have zones × 168 cells per urgency");
  let periodHours = 0;
  for (let h = 0; h < HOURS_OF_WEEK; h++) {
    if (!(input.exposureHours[h]! > 0)) throw new RangeError(`hour of week ${h} does not occur in the period: a period of at least one week is needed`);
    periodHours += input.exposureHours[h]!;
  }

  const hourCounts = URGENCIES.map(() => new Float64Array(HOURS_OF_WEEK));
  const zoneCounts = URGENCIES.map(() => new Float64Array(zoneCount));
  URGENCIES.forEach((_, u) => {
    const counts = input.counts[u]!;
    for (let z = 0; z < zoneCount; z++) {
      for (let h = 0; h < HOURS_OF_WEEK; h++) {
        const n = counts[z * HOURS_OF_WEEK + h]!;
        const hours = hourCounts[u]!;
        const zones = zoneCounts[u]!;
        hours[h] = hours[h]! + n;
        zones[z] = zones[z]! + n;
      }
    }
  });
  const pooledHourCounts = sumArrays(hourCounts, HOURS_OF_WEEK);
  const pooledHours = dirichletShrink(pooledHourCounts, input.exposureHours);
  const profileByUrgency = {} as Record<Urgency, Float64Array>;
  const hoursByUrgency = {} as Record<Urgency, number>;
  URGENCIES.forEach((urgency, u) => {
    const shrunk = dirichletShrink(hourCounts[u]!, pooledHours.shares);
    hoursByUrgency[urgency] = shrunk.alpha;
    const profile = new Float64Array(HOURS_OF_WEEK);
    let sum = 0;
    for (let h = 0; h < HOURS_OF_WEEK; h++) sum += profile[h] = shrunk.shares[h]! / input.exposureHours[h]!;
    for (let h = 0; h < HOURS_OF_WEEK; h++) profile[h] = (profile[h]! * HOURS_OF_WEEK) / sum;
    profileByUrgency[urgency] = profile;
  });

  const areas = [...new Set(input.zoneAreas)];
  const zonesOf = new Map(areas.map((area) => [area, [] as number[]]));
  input.zoneAreas.forEach((area, z) => zonesOf.get(area)!.push(z));
  const pooledZoneCounts = sumArrays(zoneCounts, zoneCount);
  const zoneWeights = new Float64Array(zoneCount);
  const zonesByArea = new Map<string, number>();
  const areaPerYear = new Map<string, Record<Urgency, number>>();
  const areaCounts = new Map<string, Record<Urgency, number>>();
  for (const area of areas) {
    const zones = zonesOf.get(area)!;
    const prior = zones.map((z) => input.priorZoneWeights[z]!);
    const shrunk = dirichletShrink(zones.map((z) => pooledZoneCounts[z]!), prior);
    zonesByArea.set(area, shrunk.alpha);
    const priorTotal = prior.reduce((sum, weight) => sum + weight, 0);
    // Keeps the prior's scale (population) where it has one, so the weights read as "people".
    const scale = priorTotal > 0 ? priorTotal : zones.length;
    zones.forEach((z, i) => (zoneWeights[z] = shrunk.shares[i]! * scale));
    const counts = {} as Record<Urgency, number>;
    const perYear = {} as Record<Urgency, number>;
    URGENCIES.forEach((urgency, u) => {
      let n = 0;
      for (const z of zones) n += zoneCounts[u]![z]!;
      counts[urgency] = n;
      // Expected count over the period = R / HOURS_PER_YEAR × Σ_h exposure_h p_h; set it equal to n.
      let exposureWeighted = 0;
      for (let h = 0; h < HOURS_OF_WEEK; h++) exposureWeighted += input.exposureHours[h]! * profileByUrgency[urgency][h]!;
      perYear[urgency] = (n * HOURS_PER_YEAR) / exposureWeighted;
    });
    areaCounts.set(area, counts);
    areaPerYear.set(area, perYear);
  }

  return {
    areaPerYear,
    areaCounts,
    profileByUrgency,
    zoneWeights,
    alpha: { zonesByArea, hoursByUrgency, pooledHours: pooledHours.alpha },
    loss: { zoneByUrgency: zoneByUrgencyLoss(zoneCounts, pooledZoneCounts), hourByArea: hourByAreaLoss(input, zonesOf, pooledHourCounts) },
    periodHours,
  };
}

function sumArrays(arrays: Float64Array[], length: number): Float64Array {
  const sum = new Float64Array(length);
  for (const array of arrays) for (let i = 0; i < length; i++) sum[i] = sum[i]! + array[i]!;
  return sum;
}

/** ½ Σ |a/Σa − b/Σb|; 0 when either is empty. */
export function totalVariation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < a.length; i++) {
    sumA += a[i]!;
    sumB += b[i]!;
  }
  if (sumA === 0 || sumB === 0) return 0;
  let distance = 0;
  for (let i = 0; i < a.length; i++) distance += Math.abs(a[i]! / sumA - b[i]! / sumB);
  return distance / 2;
}

function zoneByUrgencyLoss(zoneCounts: Float64Array[], pooled: Float64Array): number {
  return Math.max(...zoneCounts.map((counts) => totalVariation(counts, pooled)));
}

function hourByAreaLoss(input: DemandCounts, zonesOf: Map<string, number[]>, pooledHourCounts: Float64Array): number {
  let worst = 0;
  for (const zones of zonesOf.values()) {
    const hours = new Float64Array(HOURS_OF_WEEK);
    for (const counts of input.counts) for (const z of zones) for (let h = 0; h < HOURS_OF_WEEK; h++) hours[h] = hours[h]! + counts[z * HOURS_OF_WEEK + h]!;
    if (hours.reduce((sum, n) => sum + n, 0) >= LOSS_MIN_INCIDENTS) worst = Math.max(worst, totalVariation(hours, pooledHourCounts));
  }
  return worst;
}
