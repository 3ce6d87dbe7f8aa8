import { WEEKDAYS, weeklyIntervals, type Scenario } from "@akutt/model";
import type { CoverageData } from "../coverage/coverage.js";
import { OptimiseInputError } from "../coverage/coverage.js";
import type { MipSolutionMemo } from "../mip/highs.js";
import type { FleetOptions } from "../options.js";
import { HOURS_PER_WEEK, solveFleet, type FleetBusyFractions, type FleetResult } from "./fleet.js";

/**
 * The fleet an alternative needs to keep every area at today's level (docs/optimisation.md "Keeping
 * today's level"): today's rostered ambulances give each area's expected coverage in each hour of the
 * week (the fleet MIP's own coverage model, counting the same levels); those are the targets of the
 * alternative's fleet MIP, over the alternative's stations and border rule. Where the alternative
 * cannot reach an hour's target even with `maxVehiclesPerSite` at every station (its own-first rule
 * keeps another trust's station from counting), the target is lowered to what it can reach and the
 * shortfall is reported.
 */

/** Hours of the week a vehicle is on duty by its shifts (none: round the clock), local hours from Monday 00; a part hour counts its share. */
export function onDutyByHourOfWeek(vehicle: Scenario["vehicles"][number]): Float64Array {
  const row = new Float64Array(HOURS_PER_WEEK);
  if (vehicle.shifts.length === 0) return row.fill(1);
  for (const shift of vehicle.shifts) {
    for (const [startMin, endMin] of weeklyIntervals(shift)) {
      for (let h = Math.floor(startMin / 60); h * 60 < endMin; h++) {
        const overlapMin = Math.min(endMin, (h + 1) * 60) - Math.max(startMin, h * 60);
        if (overlapMin > 0) row[h] = row[h]! + overlapMin / 60;
      }
    }
  }
  return row;
}

/** Ambulances on duty at each site (a station) in each local hour of the week, from the scenario's ambulances and shifts; a part hour counts its share. */
export function rosteredOnDuty(scenario: Scenario, data: CoverageData): number[][] {
  const siteIndex = new Map(data.sites.map((site, s) => [site.id, s]));
  const onDuty = data.sites.map(() => new Array<number>(HOURS_PER_WEEK).fill(0));
  for (const vehicle of scenario.vehicles) {
    if (vehicle.type !== "ambulance") continue;
    const s = siteIndex.get(vehicle.station);
    if (s === undefined) throw new OptimiseInputError(`ambulance ${vehicle.id}: its station ${vehicle.station} is not among the fleet MIP's sites`);
    const row = onDuty[s]!;
    onDutyByHourOfWeek(vehicle).forEach((value, h) => (row[h] = row[h]! + value));
  }
  return onDuty;
}

const sumHours = (onDuty: readonly number[][]): number => onDuty.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);

export interface StationPlan {
  siteId: string;
  owner: string;
  /** Ambulance-hours a week: the alternative's roster, the MIP's plan. */
  rosteredHours: number;
  planHours: number;
  /** Most and fewest ambulances on duty in an hour of the week in the plan. */
  planMost: number;
  planFewest: number;
  /** Crews starting each shift pattern at each start hour, summed over the week: "d12 07:00 × 7". */
  shifts: Array<{ shiftId: string; startHour: number; lengthH: number; crewsPerWeek: number }>;
}

export interface KeepLevelResult {
  fleet: FleetResult;
  /** Ambulance-hours a week: today's roster, the alternative's roster, and the MIP's plan for the alternative. */
  todayHours: number;
  rosteredHours: number;
  planHours: number;
  stations: StationPlan[];
  /** Areas whose target had to be lowered in some hours (unreachable at the cap): the largest cut, in share of demand, and in how many hours. */
  lowered: Array<{ areaCode: string; largestCut: number; hours: number }>;
}

/**
 * Busy fractions measured in simulations (the options' busyFraction is not used): today's, by hour
 * of the week (168 values), for today's coverage (the targets); the plan's, by area and hour, for the
 * alternative's coverage.
 */
export interface KeepLevelBusyFractions {
  today: ArrayLike<number>;
  plan: FleetBusyFractions;
}

/**
 * Solves the fleet MIP for `variant` with today's hourly coverage as the targets. `today` and
 * `variant` are coverage data over stations only, from the same options (threshold, demand), each
 * with its own scenario's border rule; their demand must be the same zones.
 *
 * Each zone keeps today's expected coverage (today's roster at today's q, the first coverageLevels
 * L counted), or, when that is above what the alternative can reach there (1 − q_plan^min(L, cap ·
 * its stations in reach): a busier q lowers the ceiling of the L levels counted), that reach — so a
 * zone that today has L or more ambulances in reach keeps L, and a busier plan is not pushed to the
 * cap everywhere by a ceiling no fleet can pass. An area's target is the sum over its zones (T), its
 * reach R; `closeGap` (0 ≤ g < 1, by area) raises it to T + g·(R − T), the comparison's step rule.
 * Where T is below today's coverage the report names the area, the largest cut and the hours.
 * `memo`: as solveFleet's.
 */
export async function fleetToKeepToday(today: { scenario: Scenario; data: CoverageData }, variant: { scenario: Scenario; data: CoverageData }, options: FleetOptions, busy: KeepLevelBusyFractions, closeGap?: ReadonlyMap<string, number>, memo?: MipSolutionMemo): Promise<KeepLevelResult> {
  const sameDemand = today.data.demand.length === variant.data.demand.length && today.data.demand.every((point, i) => point.zoneId === variant.data.demand[i]!.zoneId && point.areaCode === variant.data.demand[i]!.areaCode);
  if (!sameDemand) throw new OptimiseInputError("today and the alternative have different demand zones or areas: the alternative's targets are today's coverage per area, so both need the same");
  if (busy.today.length !== HOURS_PER_WEEK) throw new OptimiseInputError(`today's busy fractions: ${HOURS_PER_WEEK} hourly values needed, got ${busy.today.length}`);
  const q = busy.today;
  const planQ = (h: number, area: string) => busy.plan.get(area)?.[h] ?? q[h]!;
  const todayOnDuty = rosteredOnDuty(today.scenario, today.data);
  const rostered = rosteredOnDuty(variant.scenario, variant.data);
  const levels = options.coverageLevels;
  // Per area and hour, Σ weight × (today's coverage, kept coverage, reach), then ÷ the area's weight.
  const sums = new Map<string, { weight: number; today: Float64Array; kept: Float64Array; reach: Float64Array }>();
  today.data.demand.forEach((point, i) => {
    const sum = sums.get(point.areaCode) ?? { weight: 0, today: new Float64Array(HOURS_PER_WEEK), kept: new Float64Array(HOURS_PER_WEEK), reach: new Float64Array(HOURS_PER_WEEK) };
    sums.set(point.areaCode, sum);
    sum.weight += point.weight;
    const inReachAtCap = Math.min(levels, options.maxVehiclesPerSite * variant.data.coveringSites[i]!.length);
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      let count = 0;
      for (const s of today.data.coveringSites[i]!) count += todayOnDuty[s]![h]!;
      // Today's coverage counted as the MIP counts it (its first L levels), so today's roster meets today's targets exactly.
      const coverage = 1 - q[h]! ** Math.min(levels, count);
      const reach = 1 - planQ(h, point.areaCode) ** inReachAtCap;
      sum.today[h] = sum.today[h]! + point.weight * coverage;
      sum.kept[h] = sum.kept[h]! + point.weight * Math.min(coverage, reach);
      sum.reach[h] = sum.reach[h]! + point.weight * reach;
    }
  });
  const targets = new Map<string, Float64Array>();
  const lowered: KeepLevelResult["lowered"] = [];
  for (const [areaCode, sum] of sums) {
    const gap = closeGap?.get(areaCode) ?? 0;
    if (!(gap >= 0 && gap < 1)) throw new OptimiseInputError(`area ${areaCode}: the share of the gap to close must be from 0 to below 1, got ${gap}`);
    const target = new Float64Array(HOURS_PER_WEEK);
    let largestCut = 0;
    let hours = 0;
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      const todayLevel = sum.today[h]! / sum.weight;
      const kept = sum.kept[h]! / sum.weight;
      const reach = sum.reach[h]! / sum.weight;
      // A hair below, so that today's own roster is feasible despite rounding in the solver.
      target[h] = Math.max(0, kept + gap * (reach - kept) - 1e-9);
      if (kept < todayLevel - 1e-9) {
        hours++;
        largestCut = Math.max(largestCut, todayLevel - kept);
      }
    }
    targets.set(areaCode, target);
    if (hours > 0) lowered.push({ areaCode, largestCut, hours });
  }
  const fleet = await solveFleet(variant.data, options, targets, busy.plan, memo);
  const stations: StationPlan[] = variant.data.sites.map((site, s) => {
    const plan = fleet.onDuty[s] ?? [];
    const shifts = new Map<string, StationPlan["shifts"][number]>();
    for (const shift of fleet.shifts) {
      if (shift.siteId !== site.id) continue;
      const key = `${shift.shiftId}|${shift.startHour}`;
      const entry = shifts.get(key) ?? { shiftId: shift.shiftId, startHour: shift.startHour, lengthH: shift.lengthH, crewsPerWeek: 0 };
      entry.crewsPerWeek += shift.crews;
      shifts.set(key, entry);
    }
    return {
      siteId: site.id,
      owner: site.owner,
      rosteredHours: rostered[s]!.reduce((a, b) => a + b, 0),
      planHours: plan.reduce((a, b) => a + b, 0),
      planMost: plan.length > 0 ? Math.max(...plan) : 0,
      planFewest: plan.length > 0 ? Math.min(...plan) : 0,
      shifts: [...shifts.values()].sort((a, b) => a.shiftId.localeCompare(b.shiftId) || a.startHour - b.startHour),
    };
  });
  return { fleet, todayHours: sumHours(todayOnDuty), rosteredHours: sumHours(rostered), planHours: fleet.ambulanceHoursPerWeek, stations, lowered };
}

/** A plan's crews as scenario vehicle records: per station, pattern and start hour, crew k works the days that need at least k crews. */
export function fleetPlanVehicles(fleet: FleetResult, stationDefaults: ReadonlyMap<string, { dispatchedBy?: string | undefined; owner?: string | undefined }>): Array<{ id: string; type: "ambulance"; station: string; owner?: string; dispatchedBy?: string; shifts: Array<{ days: "all" | Array<(typeof WEEKDAYS)[number]>; start: string; end: string }> }> {
  const groups = new Map<string, { siteId: string; shiftId: string; startHour: number; lengthH: number; crewsByDay: number[] }>();
  for (const shift of fleet.shifts) {
    const key = `${shift.siteId}|${shift.shiftId}|${shift.startHour}`;
    const group = groups.get(key) ?? { siteId: shift.siteId, shiftId: shift.shiftId, startHour: shift.startHour, lengthH: shift.lengthH, crewsByDay: new Array<number>(7).fill(0) };
    group.crewsByDay[shift.day] = group.crewsByDay[shift.day]! + shift.crews;
    groups.set(key, group);
  }
  const clock = (hour: number) => `${String(hour % 24).padStart(2, "0")}:00`;
  const vehicles: ReturnType<typeof fleetPlanVehicles> = [];
  for (const group of [...groups.values()].sort((a, b) => a.siteId.localeCompare(b.siteId) || a.shiftId.localeCompare(b.shiftId) || a.startHour - b.startHour)) {
    const defaults = stationDefaults.get(group.siteId) ?? {};
    for (let k = 1; k <= Math.max(...group.crewsByDay); k++) {
      const days = WEEKDAYS.filter((_, d) => group.crewsByDay[d]! >= k);
      vehicles.push({
        id: `fleet-${group.siteId}-${group.shiftId}-${clock(group.startHour).slice(0, 2)}-${k}`,
        type: "ambulance",
        station: group.siteId,
        ...(defaults.owner !== undefined ? { owner: defaults.owner } : {}),
        ...(defaults.dispatchedBy !== undefined ? { dispatchedBy: defaults.dispatchedBy } : {}),
        shifts: [{ days: days.length === 7 ? "all" : days, start: clock(group.startHour), end: clock(group.startHour + group.lengthH) }],
      });
    }
  }
  return vehicles;
}
