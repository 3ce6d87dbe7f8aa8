import { basename, dirname, join } from "node:path";
import { stringify } from "yaml";
import { readScenarioChain, type Scenario } from "@akutt/model";
import type { FleetKeepToday, FleetKeepVariant, OptimisedAreaFigures } from "@akutt/analysis";
import { coverageData, fleetOptionsSchema, fleetPlanVehicles, fleetToKeepToday, rosteredOnDuty, type CoverageData, type FleetOptions, type KeepLevelResult } from "@akutt/optimise";
import { prepareRun } from "@akutt/runs";
import { simulatePlans, TODAY_ID, type PlanInput, type UnitRunner } from "./evaluate.js";
import { rankPlans } from "./rank.js";

/**
 * The fleet each alternative needs to keep every area at today's level (comparison.yaml
 * `optimisation.fleet`, docs/optimisation.md "Keeping today's level"): the fleet MIP over the
 * alternative's stations, border rule and owners, with today's expected coverage per area and hour
 * of the week as its targets (fleetToKeepToday); then every plan simulated against today on the
 * comparison's first seeds (common random numbers), ranked with Bonferroni-adjusted paired intervals.
 */

/** The spec as comparison.yaml gives it (packages/model's schema, defaults filled in). */
export interface FleetSpec {
  replications: number;
  shifts: Array<{ id: string; lengthH: number; startHours: number[] }>;
  busyFraction: number;
  mipRelativeGap: number;
  timeLimitSec: number;
  /** The MIP's coverage levels (default: the fleet MIP's, 6). */
  coverageLevels?: number | undefined;
}

export interface FleetPlanEntry {
  variantId: string;
  file: string;
  scenario: Scenario;
}

/** Room for the plan above the largest station of today or the variant: two more ambulances at once. */
const HEADROOM_VEHICLES = 2;

/**
 * The fleet options of the section: the spec's shifts, busy fraction, gap and time limit; at most
 * (the most ambulances on duty at once at any station, today or in a variant) + 2 per station, at
 * least the MIP's default 4; the MIP's other defaults.
 */
export function sectionFleetOptions(spec: FleetSpec, mostAtOneStation: number): FleetOptions {
  return fleetOptionsSchema.parse({
    shifts: spec.shifts,
    busyFraction: spec.busyFraction,
    mipRelativeGap: spec.mipRelativeGap,
    timeLimitSec: spec.timeLimitSec,
    ...(spec.coverageLevels !== undefined ? { coverageLevels: spec.coverageLevels } : {}),
    maxVehiclesPerSite: Math.max(fleetOptionsSchema.parse({}).maxVehiclesPerSite, Math.ceil(mostAtOneStation) + HEADROOM_VEHICLES),
  });
}

/** Crews work from stations: standby points and zones are no fleet sites. */
const STATIONS_ONLY = { stations: true, standbyPoints: false, zones: "none" } as const;

async function stationCoverage(scenario: Scenario, options: FleetOptions, paths: { dataDir?: string | undefined; cacheDir?: string | undefined }): Promise<CoverageData> {
  return coverageData(await prepareRun(scenario, paths), { ...options, candidates: STATIONS_ONLY });
}

/** Solves the fleet MIP of every variant (today's first, as the reference) with today's hourly coverage as targets. */
export async function fleetPlans(today: FleetPlanEntry, variants: FleetPlanEntry[], spec: FleetSpec, paths: { dataDir?: string | undefined; cacheDir?: string | undefined } = {}): Promise<{ options: FleetOptions; todayHours: number; plans: Array<{ entry: FleetPlanEntry; result: KeepLevelResult }> }> {
  const defaults = sectionFleetOptions(spec, 0);
  const todayData = await stationCoverage(today.scenario, defaults, paths);
  const data = [];
  let most = Math.max(...rosteredOnDuty(today.scenario, todayData).flat());
  for (const entry of variants) {
    const variantData = await stationCoverage(entry.scenario, defaults, paths);
    most = Math.max(most, ...rosteredOnDuty(entry.scenario, variantData).flat());
    data.push({ entry, data: variantData });
  }
  const options = sectionFleetOptions(spec, most);
  const plans = [];
  for (const { entry, data: variantData } of data) plans.push({ entry, result: await fleetToKeepToday({ scenario: today.scenario, data: todayData }, { scenario: entry.scenario, data: variantData }, options) });
  const todayHours = rosteredOnDuty(today.scenario, todayData).flat().reduce((a, b) => a + b, 0);
  return { options, todayHours, plans };
}

/**
 * The plan as an overlay on the variant's file: every ambulance record of the variant removed, the
 * plan's crews added at their stations (with the dispatching AMK and owner a station's ambulances
 * had, so Sætre stays dispatched as in the variant). Other vehicle types stay as they are.
 */
export function fleetPlanOverlay(file: string, result: KeepLevelResult): string {
  const merged = readScenarioChain(file, basename(file)).value as { vehicles?: Array<{ id: string; type: string; station: string; owner?: string; dispatchedBy?: string }> };
  const ambulances = (merged.vehicles ?? []).filter((vehicle) => vehicle.type === "ambulance");
  const defaults = new Map<string, { owner?: string; dispatchedBy?: string }>();
  for (const vehicle of ambulances) {
    if (!defaults.has(vehicle.station)) defaults.set(vehicle.station, { ...(vehicle.owner !== undefined ? { owner: vehicle.owner } : {}), ...(vehicle.dispatchedBy !== undefined ? { dispatchedBy: vehicle.dispatchedBy } : {}) });
  }
  const vehicles = [...ambulances.map((vehicle) => ({ id: vehicle.id, remove: true })), ...fleetPlanVehicles(result.fleet, defaults)];
  return `extends: ${JSON.stringify(basename(file))}\n${stringify({ vehicles })}`;
}

/** Runs the section's fleet part: the MIPs, then the plans simulated against today in the runner's threads. */
export async function runFleetToKeepToday(
  today: FleetPlanEntry,
  variants: FleetPlanEntry[],
  spec: FleetSpec,
  options: { seed: number; level: number; runner: UnitRunner; dataDir?: string | undefined; cacheDir?: string | undefined; onProgress?: ((message: string) => void) | undefined },
): Promise<FleetKeepToday> {
  const paths = { dataDir: options.dataDir, cacheDir: options.cacheDir };
  const { options: fleetOptions, todayHours, plans } = await fleetPlans(today, variants, spec, paths);
  for (const { entry, result } of plans) options.onProgress?.(`fleet MIP for ${entry.variantId}: ${result.fleet.status}, ${result.planHours} ambulance-hours a week (rostered ${result.rosteredHours}) in ${result.fleet.solveSec.toFixed(1)} s`);
  const planId = (i: number) => `fleet-${i}`;
  const solved = plans.flatMap((plan, i) => (plan.result.fleet.shifts.length > 0 && (plan.result.fleet.status === "optimal" || plan.result.fleet.status === "time-limit") ? [{ ...plan, i }] : []));
  const inputs: PlanInput[] = solved.map(({ entry, result, i }) => ({ id: planId(i), label: `${entry.variantId} fleet MIP`, file: join(dirname(entry.file), `optimise-fleet-${i}.yaml`), text: fleetPlanOverlay(entry.file, result) }));
  const simulated = new Map<string, NonNullable<FleetKeepVariant["simulated"]>>();
  let levels = { overall: options.level, areas: options.level };
  if (inputs.length > 0) {
    const series = await simulatePlans(today.file, inputs, { seed: options.seed, replications: spec.replications, runner: options.runner, unitReplications: spec.replications, ...paths });
    options.onProgress?.(`fleet plans: ${series.length * spec.replications} replication runs done`);
    const ranking = rankPlans(series, { objective: "share", seed: options.seed, replications: spec.replications, level: options.level });
    levels = { overall: ranking.multipleComparisons.vsToday.level, areas: ranking.multipleComparisons.areas.level };
    const names = new Map(ranking.areas.map((area) => [area.areaCode, area.areaName]));
    for (const ranked of ranking.plans) {
      if (ranked.id === TODAY_ID || ranked.vsToday === null) continue;
      const areas: OptimisedAreaFigures[] = ranked.areas.map((area) => ({ areaCode: area.areaCode, areaName: names.get(area.areaCode) ?? area.areaCode, shareWithinTarget: area.shareWithinTarget, responseMedianSec: area.responseMedianSec, vsReference: area.vsToday }));
      simulated.set(ranked.id, {
        shareWithinTarget: ranked.shareWithinTarget,
        responseMedianSec: ranked.responseMedianSec,
        vsToday: { shareWithinTarget: ranked.vsToday.shareWithinTarget, responseMedianSec: ranked.vsToday.responseMedianSec, verdict: ranked.vsToday.verdict },
        areas,
      });
    }
  }
  return {
    todayHoursPerWeek: todayHours,
    busyFraction: fleetOptions.busyFraction,
    coverageLevels: fleetOptions.coverageLevels,
    maxVehiclesPerSite: fleetOptions.maxVehiclesPerSite,
    mipRelativeGap: fleetOptions.mipRelativeGap,
    timeLimitSec: fleetOptions.timeLimitSec,
    shifts: fleetOptions.shifts.map((shift) => ({ id: shift.id, lengthH: shift.lengthH, startHours: [...shift.startHours] })),
    replications: spec.replications,
    levels,
    variants: plans.map(({ entry, result }, i) => ({
      variantId: entry.variantId,
      status: result.fleet.status,
      solveSec: result.fleet.solveSec,
      rosteredHoursPerWeek: result.rosteredHours,
      planHoursPerWeek: result.fleet.status === "optimal" || result.fleet.status === "time-limit" ? result.planHours : null,
      stations: result.stations.map((station) => ({ stationId: station.siteId, owner: station.owner, rosteredHoursPerWeek: station.rosteredHours, planHoursPerWeek: station.planHours, fewest: station.planFewest, most: station.planMost, shifts: station.shifts })),
      lowered: result.lowered,
      simulated: simulated.get(planId(i)) ?? null,
    })),
  };
}
