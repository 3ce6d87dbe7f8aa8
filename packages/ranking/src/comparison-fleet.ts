import { basename, dirname, join } from "node:path";
import { stringify } from "yaml";
import { readScenarioChain, type Scenario } from "@akutt/model";
import { fleetPlanCheck, type FleetIteration, type FleetKeepToday, type FleetKeepVariant, type FleetPlanSimulated, type OptimisedAreaFigures } from "@akutt/analysis";
import { coverageData, fleetOptionsSchema, fleetPlanVehicles, fleetToKeepToday, rosteredOnDuty, type CoverageData, type FleetOptions, type KeepLevelResult, type MipSolutionMemo } from "@akutt/optimise";
import { prepareRun } from "@akutt/runs";
import { busyFractionByHourOfDay, byHourOfWeek, HOURS_PER_DAY } from "./busy-fraction.js";
import { planUnits, TODAY_ID, type UnitRunner } from "./evaluate.js";
import { planSeries, rankPlans, type PlanSeries } from "./rank.js";
import type { UnitResult } from "./units.js";

/**
 * The fleet each alternative needs to keep every area at today's level (comparison.yaml
 * `optimisation.fleet`, docs/optimisation.md "Keeping today's level"): the fleet MIP over the
 * alternative's stations, border rule and owners, with today's expected coverage per area and hour
 * of the week as its targets (fleetToKeepToday), iterated with the simulation as judge:
 *
 * 1. today simulated: its busy fraction q̂_today by hour of the day gives today's coverage (the targets);
 * 2. plan k solved with the busy fraction measured when simulating plan k − 1 (plan 1: q̂_today),
 *    simulated against today on the same seeds;
 * 3. confirmed when all areas together and every focus area are no worse than today; else each
 *    failing area's target closes a further AREA_STEP of its gap to what its stations can reach;
 * 4. after the first confirmed plan, the remaining plans bisect the targets between the last failing
 *    and the last confirmed ones (the coarse step overshoots), q held at the confirmed plan's;
 * 5. until maxIterations plans, or a plan repeats; the answer is the confirmed plan with the fewest hours.
 *
 * Before the first confirmed plan the busy fraction follows the plans (fewer ambulances are busier)
 * and the targets only go up; after it the bisection interval only shrinks. A repeated plan stops it.
 */

/**
 * The step rule (ASSUMPTION): an area that fails in the simulation has its hourly targets raised by
 * AREA_STEP of the gap between them and what its stations can reach at the cap, T ← T + 0.25·(R − T),
 * in every later plan. The measured q follows the plan's load over the whole system; the step
 * answers what one system-wide q averages away (one area's ambulances busier than the rest, or a
 * coverage the 12-minute share does not follow). Toward the reach R, not toward 1: a target above R
 * would send the plan to the cap at every station. 25 %: whole shifts per step, not a doubled fleet.
 */
export const AREA_STEP = 0.25;

/** The spec as comparison.yaml gives it (packages/model's schema, defaults filled in). */
export interface FleetSpec {
  replications: number;
  /** At most this many plans per alternative. */
  maxIterations: number;
  shifts: Array<{ id: string; lengthH: number; startHours: number[] }>;
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
 * The fleet options of the section: the spec's shifts, gap and time limit; at most (the most
 * ambulances on duty at once at any station, today or in a variant) + 2 per station, at least the
 * MIP's default 4; the MIP's other defaults (its busyFraction is not used: q is measured).
 */
export function sectionFleetOptions(spec: FleetSpec, mostAtOneStation: number): FleetOptions {
  return fleetOptionsSchema.parse({
    shifts: spec.shifts,
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

/** Today and every variant with its coverage data over its stations, and the section's fleet options. */
export interface FleetSetup {
  options: FleetOptions;
  today: FleetPlanEntry & { data: CoverageData };
  variants: Array<FleetPlanEntry & { data: CoverageData }>;
  todayHours: number;
}

export async function fleetSetup(today: FleetPlanEntry, variants: FleetPlanEntry[], spec: FleetSpec, paths: { dataDir?: string | undefined; cacheDir?: string | undefined } = {}): Promise<FleetSetup> {
  const defaults = sectionFleetOptions(spec, 0);
  const todayData = await stationCoverage(today.scenario, defaults, paths);
  const withData = [];
  const todayOnDuty = rosteredOnDuty(today.scenario, todayData).flat();
  let most = Math.max(...todayOnDuty);
  for (const entry of variants) {
    const data = await stationCoverage(entry.scenario, defaults, paths);
    most = Math.max(most, ...rosteredOnDuty(entry.scenario, data).flat());
    withData.push({ ...entry, data });
  }
  const todayHours = todayOnDuty.reduce((a, b) => a + b, 0);
  return { options: sectionFleetOptions(spec, most), today: { ...today, data: todayData }, variants: withData, todayHours };
}

/** What the simulation says of one plan. */
export interface PlanVerdict {
  simulated: FleetPlanSimulated;
  keeps: boolean;
  /** The MIP's areas (its demand's area codes) whose targets the step rule raises. */
  raise: string[];
  /** The busy fraction measured in the plan's simulation, by local hour of the day. */
  busyByHourOfDay: number[];
}

/** One round's new plans, keyed, to be simulated together; the verdict of each by key. */
export type PlanChecker = (plans: Array<{ key: string; variant: FleetSetup["variants"][number]; result: KeepLevelResult }>) => Promise<Map<string, PlanVerdict>>;

export type IteratedIteration = FleetIteration & { result: KeepLevelResult };

export interface IteratedVariant {
  variant: FleetSetup["variants"][number];
  iterations: IteratedIteration[];
  confirmedIteration: number | null;
  shownIteration: number | null;
  stop: FleetKeepVariant["stop"];
}

const range = (values: readonly number[]) => ({ lowest: Math.min(...values), highest: Math.max(...values) });
const sameRoster = (a: readonly number[][], b: readonly number[][]) => a.length === b.length && a.every((row, s) => row.length === b[s]!.length && row.every((value, h) => value === b[s]![h]));

/**
 * The iteration (the file's comment, steps 2–5) for every variant of `setup`, the plans of a round
 * simulated together by `check`. `busyTodayByHourOfDay`: q̂_today, 24 values.
 */
export async function iterateFleet(setup: FleetSetup, busyTodayByHourOfDay: readonly number[], maxIterations: number, check: PlanChecker, onProgress?: (message: string) => void): Promise<IteratedVariant[]> {
  if (busyTodayByHourOfDay.length !== HOURS_PER_DAY) throw new RangeError(`today's busy fraction: ${HOURS_PER_DAY} values by hour of the day, got ${busyTodayByHourOfDay.length}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError(`maxIterations must be a whole number of at least 1, got ${maxIterations}`);
  const cap = setup.options.maxBusyFraction;
  const todayWeek = byHourOfWeek(busyTodayByHourOfDay.map((q) => Math.min(cap, q)));
  const states = setup.variants.map((variant) => ({
    variant,
    q: busyTodayByHourOfDay.map((q) => Math.min(cap, q)),
    /** The share of each failing area's gap to its reach that its targets close. */
    gap: new Map<string, number>(),
    /** After the first confirmed plan: the gaps of the last failing plan and of the last confirmed one, bisected. */
    failedGap: new Map<string, number>(),
    confirmedGap: null as Map<string, number> | null,
    best: undefined as IteratedIteration | undefined,
    iterations: [] as IteratedIteration[],
    stop: null as FleetKeepVariant["stop"] | null,
  }));
  const midpoint = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => new Map([...new Set([...a.keys(), ...b.keys()])].map((code) => [code, ((a.get(code) ?? 0) + (b.get(code) ?? 0)) / 2]));
  for (let k = 1; k <= maxIterations; k++) {
    const round: Array<{ key: string; state: (typeof states)[number]; iteration: IteratedIteration }> = [];
    // Alternatives that differ only where the MIP does not look (0(+) and 1 in Asker and Bærum: an
    // owner under the `nearest` rule) pose the same model in a round: it is solved once.
    const solvedModels: MipSolutionMemo = new Map();
    for (const [v, state] of states.entries()) {
      if (state.stop !== null) continue;
      const qWeek = byHourOfWeek(state.q);
      const plan = new Map([...new Set(state.variant.data.demand.map((point) => point.areaCode))].map((code) => [code, qWeek]));
      const result = await fleetToKeepToday(setup.today, state.variant, setup.options, { today: todayWeek, plan }, state.gap, solvedModels);
      const solved = (result.fleet.status === "optimal" || result.fleet.status === "time-limit") && result.fleet.shifts.length > 0;
      const repeatOf = solved ? (state.iterations.find((earlier) => sameRoster(earlier.result.fleet.onDuty, result.fleet.onDuty))?.iteration ?? null) : null;
      const iteration: IteratedIteration = {
        iteration: k,
        status: result.fleet.status,
        solveSec: result.fleet.solveSec,
        planHoursPerWeek: solved ? result.planHours : null,
        busyFraction: range(state.q),
        raisedAreas: [...state.gap].sort(([a], [b]) => a.localeCompare(b)).map(([areaCode, closed]) => ({ areaCode, closed })),
        repeatOf,
        measuredBusyFraction: null,
        simulated: null,
        keeps: null,
        result,
      };
      state.iterations.push(iteration);
      onProgress?.(`fleet MIP for ${state.variant.variantId}, plan ${k}: ${result.fleet.status}, ${result.planHours} ambulance-hours a week (rostered ${result.rosteredHours}) in ${result.fleet.solveSec.toFixed(1)} s${repeatOf !== null ? `, the same as plan ${repeatOf}` : ""}`);
      if (!solved) state.stop = state.best ? "confirmed" : "no-plan";
      // While bisecting, a repeated plan means the steps no longer change the plan: the best confirmed one stands.
      else if (repeatOf !== null) state.stop = state.best ? "confirmed" : "repeated";
      else round.push({ key: `${v}-${k}`, state, iteration });
    }
    if (round.length === 0) break;
    const verdicts = await check(round.map(({ key, state, iteration }) => ({ key, variant: state.variant, result: iteration.result })));
    for (const { key, state, iteration } of round) {
      const verdict = verdicts.get(key);
      if (!verdict) throw new RangeError(`fleet iteration: no verdict for plan ${key}`);
      iteration.simulated = verdict.simulated;
      iteration.keeps = verdict.keeps;
      iteration.measuredBusyFraction = range(verdict.busyByHourOfDay);
      if (verdict.keeps) {
        if (!state.best || iteration.planHoursPerWeek! < state.best.planHoursPerWeek!) state.best = iteration;
        state.confirmedGap = new Map(state.gap);
      } else {
        state.failedGap = new Map(state.gap);
        if (!state.confirmedGap) {
          state.q = verdict.busyByHourOfDay.map((q) => Math.min(cap, q));
          for (const code of verdict.raise) state.gap.set(code, 1 - (1 - (state.gap.get(code) ?? 0)) * (1 - AREA_STEP));
        }
      }
      // Once a plan is confirmed, the steps are bisected between the last failing and the last confirmed
      // targets, q held at the confirmed plan's: a thicker plan measures a lower q, and taking it would
      // thin the next plan twice (tried on Asker and Bærum: 0(+) went 3,084 → 4,596 → 2,832 → 5,472 hours).
      if (state.confirmedGap) state.gap = midpoint(state.failedGap, state.confirmedGap);
      if (k === maxIterations) state.stop = state.best ? "confirmed" : "max-iterations";
    }
  }
  return states.map((state) => {
    const closeness = (iteration: IteratedIteration) => iteration.simulated?.vsToday.shareWithinTarget.mean ?? -Infinity;
    let shown = state.best;
    for (const iteration of state.best ? [] : state.iterations) if (iteration.simulated !== null && (shown === undefined || closeness(iteration) > closeness(shown))) shown = iteration;
    return { variant: state.variant, iterations: state.iterations, confirmedIteration: state.best?.iteration ?? null, shownIteration: shown?.iteration ?? null, stop: state.stop ?? "max-iterations" };
  });
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

interface SimulateOptions {
  seed: number;
  replications: number;
  runner: UnitRunner;
  dataDir?: string | undefined;
  cacheDir?: string | undefined;
}

/** Plans (or today: text null) simulated on the comparison's first seeds with the busy fraction measured, one unit per plan (preparing a plan's travel model costs more than a few replications). */
async function simulateMeasured(base: string, plans: Array<{ id: string; label: string; file: string; text: string | null }>, options: SimulateOptions): Promise<Array<PlanSeries & { areaCodes: string[]; areaNames: string[] }>> {
  const units = planUnits(base, plans, { ...options, parallelism: options.runner.parallelism, unitReplications: options.replications, measureBusy: true });
  const results = (await options.runner.runAll(units, () => undefined)).map((text) => JSON.parse(text) as UnitResult);
  return plans.map((plan) => planSeries(plan.id, plan.label, results.filter((result) => result.planId === plan.id), options.replications));
}

const busyOf = (series: PlanSeries) => busyFractionByHourOfDay(series.replications.map((rep) => rep.busy!));

/** A demand area code of the MIP for each area the check names: a whole (partOf) stands for its parts. */
function mipAreas(scenario: Scenario, codes: readonly string[], demandAreas: ReadonlySet<string>): string[] {
  return [...demandAreas].filter((code) => {
    const area = scenario.areas.find((candidate) => candidate.code === code);
    return codes.includes(code) || (area?.partOf !== undefined && codes.includes(area.partOf.code));
  });
}

/** Runs the section's fleet part: today simulated, then the iteration, the plans of each round simulated in the runner's threads. */
export async function runFleetToKeepToday(
  today: FleetPlanEntry,
  variants: FleetPlanEntry[],
  spec: FleetSpec,
  options: { seed: number; level: number; focusAreas: readonly string[]; runner: UnitRunner; dataDir?: string | undefined; cacheDir?: string | undefined; onProgress?: ((message: string) => void) | undefined },
): Promise<FleetKeepToday> {
  const paths = { dataDir: options.dataDir, cacheDir: options.cacheDir };
  const simulation = { seed: options.seed, replications: spec.replications, runner: options.runner, ...paths };
  const setup = await fleetSetup(today, variants, spec, paths);
  const [todaySeries] = await simulateMeasured(today.file, [{ id: TODAY_ID, label: "Today", file: today.file, text: null }], simulation);
  const busyToday = busyOf(todaySeries!);
  options.onProgress?.(`fleet: today's busy fraction ${Math.min(...busyToday).toFixed(2)}–${Math.max(...busyToday).toFixed(2)} by hour of the day (${spec.replications} replications)`);
  let levels = { overall: options.level, areas: options.level };
  const check: PlanChecker = async (plans) => {
    const inputs = plans.map(({ key, variant, result }) => ({ id: `fleet-${key}`, label: `${variant.variantId} fleet MIP`, file: join(dirname(variant.file), `optimise-fleet-${key}.yaml`), text: fleetPlanOverlay(variant.file, result) }));
    const series = await simulateMeasured(today.file, inputs, simulation);
    options.onProgress?.(`fleet plans: ${series.length * spec.replications} replication runs done`);
    const verdicts = new Map<string, PlanVerdict>();
    plans.forEach(({ key, variant }, i) => {
      // Each plan against today alone: its own question, on the same levels in every round.
      const ranking = rankPlans([todaySeries!, series[i]!], { objective: "share", seed: options.seed, replications: spec.replications, level: options.level });
      levels = { overall: ranking.multipleComparisons.vsToday.level, areas: ranking.multipleComparisons.areas.level };
      const names = new Map(ranking.areas.map((area) => [area.areaCode, area.areaName]));
      const ranked = ranking.plans.find((plan) => plan.id !== TODAY_ID)!;
      const areas: OptimisedAreaFigures[] = ranked.areas.map((area) => ({ areaCode: area.areaCode, areaName: names.get(area.areaCode) ?? area.areaCode, shareWithinTarget: area.shareWithinTarget, responseMedianSec: area.responseMedianSec, vsReference: area.vsToday }));
      const simulated: FleetPlanSimulated = { shareWithinTarget: ranked.shareWithinTarget, responseMedianSec: ranked.responseMedianSec, vsToday: { shareWithinTarget: ranked.vsToday!.shareWithinTarget, responseMedianSec: ranked.vsToday!.responseMedianSec, verdict: ranked.vsToday!.verdict }, areas };
      const verdict = fleetPlanCheck(simulated, options.focusAreas);
      const demandAreas = new Set(variant.data.demand.map((point) => point.areaCode));
      // All areas together worse: every area's target is stepped; else the failing focus areas' (a whole's parts).
      const raise = verdict.overallKeeps ? mipAreas(variant.scenario, verdict.failing, demandAreas) : [...demandAreas];
      verdicts.set(key, { simulated, keeps: verdict.keeps, raise, busyByHourOfDay: busyOf(series[i]!) });
    });
    return verdicts;
  };
  const iterated = await iterateFleet(setup, busyToday, spec.maxIterations, check, options.onProgress);
  const { options: fleetOptions } = setup;
  return {
    todayHoursPerWeek: setup.todayHours,
    busyFractionToday: busyToday,
    areaStep: AREA_STEP,
    maxBusyFraction: fleetOptions.maxBusyFraction,
    maxIterations: spec.maxIterations,
    coverageLevels: fleetOptions.coverageLevels,
    maxVehiclesPerSite: fleetOptions.maxVehiclesPerSite,
    mipRelativeGap: fleetOptions.mipRelativeGap,
    timeLimitSec: fleetOptions.timeLimitSec,
    shifts: fleetOptions.shifts.map((shift) => ({ id: shift.id, lengthH: shift.lengthH, startHours: [...shift.startHours] })),
    replications: spec.replications,
    levels,
    variants: iterated.map(({ variant, iterations, confirmedIteration, shownIteration, stop }) => {
      const shown = iterations.find((iteration) => iteration.iteration === shownIteration);
      const last = iterations[iterations.length - 1]!;
      return {
        variantId: variant.variantId,
        rosteredHoursPerWeek: last.result.rosteredHours,
        iterations: iterations.map(({ result: _result, ...iteration }) => iteration),
        confirmedIteration,
        shownIteration,
        stop,
        stations: shown
          ? shown.result.stations.map((station) => ({ stationId: station.siteId, owner: station.owner, rosteredHoursPerWeek: station.rosteredHours, planHoursPerWeek: station.planHours, fewest: station.planFewest, most: station.planMost, shifts: station.shifts }))
          : [],
        lowered: (shown ?? last).result.lowered,
      };
    }),
  };
}
