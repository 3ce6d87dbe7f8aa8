import type { CoverageData } from "../coverage/coverage.js";
import { OptimiseInputError } from "../coverage/coverage.js";
import { solveWithHighs, type MipSolutionMemo, type SolveStatus } from "../mip/highs.js";
import type { LinearTerm, MipConstraint, MipModel, MipVariable } from "../mip/model.js";
import type { FleetOptions } from "../options.js";

/**
 * Fleet and shifts (docs/optimisation.md): how many crews start which shift at which station on
 * which day, so that every area's expected coverage reaches its target in every hour of the week,
 * at least cost. Hours are local hours of the week, 0 = Monday 00–01, as the demand profile's.
 *
 *   n_{s,p,d,a} ∈ ℤ≥0   crews starting shift pattern p at station s on day d at hour a
 *   A_{s,h} = Σ n over the shifts covering hour h (a shift from 24d+a lasts L_p hours, wrapping at the week's end)
 *   A_{s,h} ≤ cap
 *   q_{area,h} = min(maxBusyFraction, busyFraction · profile_h), or given per area and hour (e.g. measured in a simulation)
 *   Σ_k z_{g,h,k} ≤ Σ_{s∈N_g} A_{s,h},  0 ≤ z ≤ 1,  k = 1…K_g
 *   Σ_{g∈area} w_g Σ_k (1−q) q^(k−1) z_{g,h,k} ≥ target_{area,h} · W_area,  q = q_{area,h},   for every area and hour
 *   minimise costPerAmbulanceHour · Σ L_p · n
 * Groups g: demand points of one area with the same covering stations (exact reduction).
 */

export const HOURS_PER_WEEK = 168;

export interface ShiftStart {
  readonly siteId: string;
  readonly shiftId: string;
  /** 0 = Monday. */
  readonly day: number;
  readonly startHour: number;
  readonly lengthH: number;
  readonly crews: number;
}

export interface FleetResult {
  readonly status: SolveStatus;
  /** costPerAmbulanceHour × ambulance-hours per week. */
  readonly cost: number;
  readonly ambulanceHoursPerWeek: number;
  readonly shifts: readonly ShiftStart[];
  /** Ambulances on duty at each site in each hour of the week [site][hour]. */
  readonly onDuty: readonly number[][];
  /**
   * Each area's lowest expected coverage over the week's hours in the plan (all levels counted),
   * its target, and the most it can reach in its worst hour (every station at the cap): when that
   * is below the target the problem is infeasible for that area. With targets by hour (solveFleet's
   * `targetsByHour`) `target` is the one of the lowest hour, and `lowestMargin` the least coverage −
   * target over the week's hours (≥ 0 when the plan meets every hour's target).
   */
  readonly areas: ReadonlyArray<{ areaCode: string; target: number; lowestCoverage: number; lowestHour: number; attainable: number; lowestMargin: number }>;
  readonly mip: MipModel;
  readonly solveSec: number;
}

interface ShiftInstance {
  site: number;
  shiftId: string;
  day: number;
  startHour: number;
  lengthH: number;
  variable: string;
}

function busyFractionByHour(data: CoverageData, options: FleetOptions): number[] {
  return Array.from(data.profileByHourOfWeek, (profile) => Math.min(options.maxBusyFraction, options.busyFraction * profile));
}

/**
 * Each area's busy fraction in each hour of the week [area code → 168 values], given instead of
 * busyFraction × the demand profile: the comparison measures it in a simulation of the plan before
 * (docs/optimisation.md "Keeping today's level"). Every area with demand needs its 168 values.
 */
export type FleetBusyFractions = ReadonlyMap<string, ArrayLike<number>>;

/** q(area, hour): the given busy fractions, else the options' busyFraction × the hour's demand profile, the same for every area. */
function busyFractionOf(data: CoverageData, options: FleetOptions, busy?: FleetBusyFractions): (areaCode: string, hour: number) => number {
  if (!busy) {
    const q = busyFractionByHour(data, options);
    return (_, hour) => q[hour]!;
  }
  for (const code of new Set(data.demand.map((point) => point.areaCode))) {
    const values = busy.get(code);
    if (values === undefined || values.length !== HOURS_PER_WEEK) throw new OptimiseInputError(`busy fractions: area ${code} needs ${HOURS_PER_WEEK} hourly values`);
    for (let h = 0; h < HOURS_PER_WEEK; h++) if (!(values[h]! >= 0 && values[h]! < 1)) throw new OptimiseInputError(`busy fractions: area ${code}, hour ${h}: a share from 0 to below 1, got ${values[h]}`);
  }
  return (areaCode, hour) => busy.get(areaCode)![hour]!;
}

/**
 * Each area's expected-coverage target for each hour of the week: `targetsByHour` when given (e.g.
 * today's coverage, to keep an alternative at today's level hour by hour), else the options' target
 * or areaTargets, the same in every hour.
 */
export type FleetTargets = ReadonlyMap<string, ArrayLike<number>>;

function areaTargets(data: CoverageData, options: FleetOptions, targetsByHour?: FleetTargets): Map<string, ArrayLike<number>> {
  const areas = new Set(data.demand.map((point) => point.areaCode));
  if (targetsByHour) {
    for (const code of areas) {
      const targets = targetsByHour.get(code);
      if (targets === undefined || targets.length !== HOURS_PER_WEEK) throw new OptimiseInputError(`targets by hour: area ${code} needs ${HOURS_PER_WEEK} hourly targets`);
      for (let h = 0; h < HOURS_PER_WEEK; h++) if (!(targets[h]! >= 0 && targets[h]! < 1)) throw new OptimiseInputError(`targets by hour: area ${code}, hour ${h}: a share from 0 to below 1, got ${targets[h]}`);
    }
    return new Map([...areas].map((code) => [code, targetsByHour.get(code)!]));
  }
  for (const code of Object.keys(options.areaTargets)) if (!areas.has(code)) throw new OptimiseInputError(`areaTargets: "${code}" is not an area with demand (areas: ${[...areas].join(", ")})`);
  return new Map([...areas].map((code) => [code, new Float64Array(HOURS_PER_WEEK).fill(options.areaTargets[code] ?? options.target)]));
}

export function buildFleetModel(data: CoverageData, options: FleetOptions, targetsByHour?: FleetTargets, busy?: FleetBusyFractions): { mip: MipModel; instances: ShiftInstance[] } {
  const ids = new Set<string>();
  for (const shift of options.shifts) {
    if (ids.has(shift.id)) throw new OptimiseInputError(`shifts: id "${shift.id}" is used twice`);
    ids.add(shift.id);
  }
  const instances: ShiftInstance[] = [];
  const variables: MipVariable[] = [];
  const objective: LinearTerm[] = [];
  data.sites.forEach((_, s) => {
    options.shifts.forEach((shift, p) => {
      for (let day = 0; day < 7; day++) {
        for (const startHour of new Set(shift.startHours)) {
          const variable = `n_${s}_${p}_${day}_${startHour}`;
          instances.push({ site: s, shiftId: shift.id, day, startHour, lengthH: shift.lengthH, variable });
          variables.push({ name: variable, type: "integer", lower: 0, upper: options.maxVehiclesPerSite });
          objective.push({ variable, coefficient: options.costPerAmbulanceHour * shift.lengthH });
        }
      }
    });
  });
  // A_{s,h} as the list of shift variables covering (s, h).
  const covering: LinearTerm[][][] = data.sites.map(() => Array.from({ length: HOURS_PER_WEEK }, () => []));
  for (const instance of instances) {
    for (let j = 0; j < instance.lengthH; j++) covering[instance.site]![(instance.day * 24 + instance.startHour + j) % HOURS_PER_WEEK]!.push({ variable: instance.variable, coefficient: 1 });
  }
  const constraints: MipConstraint[] = [];
  data.sites.forEach((_, s) => {
    for (let h = 0; h < HOURS_PER_WEEK; h++) constraints.push({ name: `cap_${s}_${h}`, sense: "<=", rhs: options.maxVehiclesPerSite, terms: covering[s]![h]! });
  });

  const targets = areaTargets(data, options, targetsByHour);
  const q = busyFractionOf(data, options, busy);
  const areaWeight = new Map<string, number>();
  const groups = new Map<string, { area: string; sites: Int32Array; weight: number }>();
  data.demand.forEach((point, i) => {
    areaWeight.set(point.areaCode, (areaWeight.get(point.areaCode) ?? 0) + point.weight);
    const sites = data.coveringSites[i]!;
    if (sites.length === 0) return;
    const key = `${point.areaCode}|${sites.join(",")}`;
    const group = groups.get(key);
    if (group) group.weight += point.weight;
    else groups.set(key, { area: point.areaCode, sites, weight: point.weight });
  });
  const groupList = [...groups.values()];
  for (const [area, target] of targets) {
    const members = groupList.map((group, g) => ({ group, g })).filter(({ group }) => group.area === area);
    if (members.length === 0) throw new OptimiseInputError(`area ${area}: no station reaches any of its demand within the threshold, so no fleet meets its target`);
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      const qh = q(area, h);
      const coverage: LinearTerm[] = [];
      for (const { group, g } of members) {
        const levels = Math.min(options.coverageLevels, group.sites.length * options.maxVehiclesPerSite);
        const z: LinearTerm[] = [];
        for (let k = 1; k <= levels; k++) {
          const name = `z_${g}_${h}_${k}`;
          variables.push({ name, type: "continuous", lower: 0, upper: 1 });
          z.push({ variable: name, coefficient: 1 });
          coverage.push({ variable: name, coefficient: group.weight * (1 - qh) * qh ** (k - 1) });
        }
        const reach = Array.from(group.sites).flatMap((s) => covering[s]![h]!.map((t) => ({ variable: t.variable, coefficient: -1 })));
        constraints.push({ name: `lev_${g}_${h}`, sense: "<=", rhs: 0, terms: mergeTerms([...z, ...reach]) });
      }
      constraints.push({ name: `target_${members[0]!.g}_${h}`, sense: ">=", rhs: target[h]! * areaWeight.get(area)!, terms: coverage });
    }
  }
  const legend = [
    `Fleet and shifts: minimise ambulance-hours × ${options.costPerAmbulanceHour}; every area's expected coverage ≥ its target in every hour of the week${targetsByHour ? " (targets by area and hour)" : ""}${busy ? " (busy fractions by area and hour)" : ""}`,
    ...instances.filter((instance) => instance.day === 0).map((instance) => `${instance.variable.replace(/_0_(\d+)$/, "_<day>_$1")} = crews starting ${instance.shiftId} (${instance.lengthH} h) at ${instance.startHour}:00 at ${data.sites[instance.site]!.id}`),
  ];
  return { mip: { name: "fleet", sense: "minimize", objective, variables, constraints, legend }, instances };
}

/** Terms with the same variable added up (a shift covering two stations of a group appears once per station). */
function mergeTerms(terms: LinearTerm[]): LinearTerm[] {
  const sum = new Map<string, number>();
  for (const t of terms) sum.set(t.variable, (sum.get(t.variable) ?? 0) + t.coefficient);
  return [...sum].filter(([, c]) => c !== 0).map(([variable, coefficient]) => ({ variable, coefficient }));
}

/**
 * Expected coverage of each area in each hour for ambulances on duty [site][hour]: all levels
 * counted, or only the first `levels` (1 − q^min(levels, n)), as the MIP counts them.
 */
export function coverageByAreaHour(data: CoverageData, onDuty: readonly number[][], busyFractionAt: (hour: number, areaCode: string) => number, levels = Infinity): Map<string, Float64Array> {
  const result = new Map<string, Float64Array>();
  const areaWeight = new Map<string, number>();
  for (const point of data.demand) areaWeight.set(point.areaCode, (areaWeight.get(point.areaCode) ?? 0) + point.weight);
  for (const code of areaWeight.keys()) result.set(code, new Float64Array(HOURS_PER_WEEK));
  data.demand.forEach((point, i) => {
    const row = result.get(point.areaCode)!;
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      let count = 0;
      for (const s of data.coveringSites[i]!) count += onDuty[s]![h]!;
      row[h] = row[h]! + (point.weight * (1 - busyFractionAt(h, point.areaCode) ** Math.min(levels, count))) / areaWeight.get(point.areaCode)!;
    }
  });
  return result;
}


/** `memo`: solutions of models solved before (solveWithHighs), reused when this one is the same. */
export async function solveFleet(data: CoverageData, options: FleetOptions, targetsByHour?: FleetTargets, busy?: FleetBusyFractions, memo?: MipSolutionMemo): Promise<FleetResult> {
  const { mip, instances } = buildFleetModel(data, options, targetsByHour, busy);
  const solution = await solveWithHighs(mip, { timeLimitSec: options.timeLimitSec, mipRelativeGap: options.mipRelativeGap }, memo);
  const onDuty = data.sites.map(() => new Array<number>(HOURS_PER_WEEK).fill(0));
  const shifts: ShiftStart[] = [];
  let ambulanceHoursPerWeek = 0;
  if (solution.values.size > 0) {
    for (const instance of instances) {
      const crews = solution.values.get(instance.variable) ?? 0;
      if (crews === 0) continue;
      shifts.push({ siteId: data.sites[instance.site]!.id, shiftId: instance.shiftId, day: instance.day, startHour: instance.startHour, lengthH: instance.lengthH, crews });
      ambulanceHoursPerWeek += crews * instance.lengthH;
      for (let j = 0; j < instance.lengthH; j++) {
        const h = (instance.day * 24 + instance.startHour + j) % HOURS_PER_WEEK;
        onDuty[instance.site]![h] = onDuty[instance.site]![h]! + crews;
      }
    }
  }
  const q = busyFractionOf(data, options, busy);
  const targets = areaTargets(data, options, targetsByHour);
  const byArea = coverageByAreaHour(data, onDuty, (h, area) => q(area, h));
  const atCap = coverageByAreaHour(data, data.sites.map(() => new Array<number>(HOURS_PER_WEEK).fill(options.maxVehiclesPerSite)), (h, area) => q(area, h));
  const areas = [...byArea].map(([areaCode, hours]) => {
    let lowestHour = 0;
    hours.forEach((value, h) => {
      if (value < hours[lowestHour]!) lowestHour = h;
    });
    const target = targets.get(areaCode)!;
    let lowestMargin = Infinity;
    let attainable = Infinity;
    const cap = atCap.get(areaCode)!;
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      lowestMargin = Math.min(lowestMargin, hours[h]! - target[h]!);
      attainable = Math.min(attainable, cap[h]!);
    }
    return { areaCode, target: target[lowestHour]!, lowestCoverage: hours[lowestHour]!, lowestHour, attainable, lowestMargin };
  });
  return { status: solution.status, cost: solution.objective, ambulanceHoursPerWeek, shifts, onDuty, areas, mip, solveSec: solution.solveSec };
}
