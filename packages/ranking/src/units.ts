import { dirname, relative } from "node:path";
import { createHash } from "node:crypto";
import { loadScenarioFile, parseScenario, POSTED_YAML_LIMITS, type Scenario, type ScenarioReadOptions } from "@akutt/model";
import { computeReplicationKpis, URGENCY_COUNT, type GroupKpi } from "@akutt/analysis";
import { ColumnPool, simulateReplication } from "@akutt/engine";
import { HOURS_PER_WEEK, onDutyByHourOfWeek } from "@akutt/optimise";
import { prepareRun, type PreparedRun } from "@akutt/runs";
import { busySample, type BusySample } from "./busy-fraction.js";

/**
 * The smallest piece of a ranking that runs on its own: replications [fromReplication,
 * toReplication) of one plan. Replication r of every plan uses the same seed stream (seed, r), so
 * the pieces can run anywhere, in any order, in threads or on other machines, and give the same
 * figures (common random numbers, as `akutt compare`).
 */
export interface EvaluationUnit {
  /** Absolute path of the base scenario (today's system). */
  base: string;
  planId: string;
  /** Absolute path the overlay is, or would be, saved at (its `extends` is relative to it); the base's own path for today. */
  planFile: string;
  /** The overlay's YAML text; null: the base scenario itself (today). */
  overlay: string | null;
  seed: number;
  fromReplication: number;
  toReplication: number;
  dataDir?: string | undefined;
  cacheDir?: string | undefined;
  /** Also measure the ambulances' busy fraction by hour of the day (busy-fraction.ts; the fleet iteration's q). */
  measureBusy?: boolean | undefined;
}

/** Red-incident figures of one group (an area, or all areas) in one replication. */
export interface RedFigures {
  incidents: number;
  reached: number;
  /** Share of reached red incidents within the area class's target (12 min tettbygd, 25 min grisgrendt). */
  shareWithinTarget: number | null;
  responseMedianSec: number | null;
}

/** What a ranking keeps of one replication of one plan: small, so it crosses threads and Redis cheaply. */
export interface PlanReplication {
  replication: number;
  seed: number;
  overall: RedFigures;
  /** In the order of UnitResult.areaCodes. */
  areas: RedFigures[];
  /** Only when the unit asked for it (measureBusy). */
  busy?: BusySample;
}

export interface UnitResult {
  planId: string;
  areaCodes: string[];
  areaNames: string[];
  replications: PlanReplication[];
}

/** A ranked plan's overlay is read with the bounds of text posted to the server. */
export const OVERLAY_READ: ScenarioReadOptions = { textLimits: POSTED_YAML_LIMITS };

/** Loads the scenario of a unit's plan: the base, or the base with the overlay on it. */
export function loadPlanScenario(unit: Pick<EvaluationUnit, "base" | "planId" | "planFile" | "overlay" | "dataDir">, read: ScenarioReadOptions = {}): Scenario {
  const options = { ...OVERLAY_READ, ...read, dataDir: unit.dataDir };
  if (unit.overlay === null) return loadScenarioFile(unit.base, options);
  // Messages name the plan's file as the user would write it (relative to the working folder when inside it).
  const shown = relative(process.cwd(), unit.planFile);
  return parseScenario(unit.overlay, shown.startsWith("..") || shown === "" ? unit.planFile : shown, dirname(unit.planFile), unit.planFile, options);
}

function red(group: GroupKpi | undefined): RedFigures {
  return {
    incidents: group?.incidents ?? 0,
    reached: group?.reached ?? 0,
    shareWithinTarget: group?.shareWithinTarget ?? null,
    responseMedianSec: group?.responseMedianSec ?? null,
  };
}

/**
 * A thread or a queue worker runs many units of the same few plans: the prepared run (travel
 * matrix, compiled scenario) of the last plans is kept, keyed by the plan's content.
 */
const prepared = new Map<string, Promise<PreparedRun>>();
const KEEP_PREPARED = 4;

function preparedFor(unit: EvaluationUnit, read: ScenarioReadOptions): Promise<PreparedRun> {
  const key = createHash("sha256").update(JSON.stringify([unit.base, unit.planFile, unit.overlay, unit.dataDir ?? null, unit.cacheDir ?? null])).digest("hex");
  let hit = prepared.get(key);
  if (hit) {
    prepared.delete(key);
    prepared.set(key, hit);
    return hit;
  }
  hit = Promise.resolve().then(() => prepareRun(loadPlanScenario(unit, read), { dataDir: unit.dataDir, cacheDir: unit.cacheDir }));
  // A failed load is not kept: the next unit reports the same problem afresh.
  hit.catch(() => prepared.delete(key));
  prepared.set(key, hit);
  while (prepared.size > KEEP_PREPARED) prepared.delete(prepared.keys().next().value!);
  return hit;
}

/** Ambulances on duty in each local hour of the week by the plan's shifts. */
function ambulancesOnDuty(run: PreparedRun): Float64Array {
  const total = new Float64Array(HOURS_PER_WEEK);
  for (const vehicle of run.scenario.vehicles) {
    if (vehicle.type === "ambulance") onDutyByHourOfWeek(vehicle).forEach((value, h) => (total[h] = total[h]! + value));
  }
  return total;
}

/** Runs one unit and returns its result as JSON text: the same text whether it ran in a thread or on a queue worker. */
export async function evaluateUnit(unit: EvaluationUnit, read: ScenarioReadOptions = {}): Promise<string> {
  const run = await preparedFor(unit, read);
  const index = run.inputs.compiled.index;
  // Every area of the index: the scenario's areas, then the wholes some of them are part of.
  const areaCount = index.areaCodes.length;
  const onDuty = unit.measureBusy ? ambulancesOnDuty(run) : undefined;
  const replications: PlanReplication[] = [];
  // Each replication is reduced to figures before the next starts, so the next reuses its columns.
  const columns = new ColumnPool();
  for (let r = unit.fromReplication; r < unit.toReplication; r++) {
    const result = simulateReplication(run.inputs, unit.seed, r, columns);
    const kpis = computeReplicationKpis(result, index, run.calendar, run.scenario.report);
    replications.push({
      replication: kpis.replication,
      seed: kpis.seed,
      overall: red(kpis.overall[0]),
      areas: Array.from({ length: areaCount }, (_, a) => red(kpis.byArea[a * URGENCY_COUNT])),
      ...(onDuty ? { busy: busySample(result, index, run.calendar, onDuty) } : {}),
    });
  }
  const result: UnitResult = { planId: unit.planId, areaCodes: index.areaCodes.slice(0, areaCount), areaNames: index.areaNames.slice(0, areaCount), replications };
  return JSON.stringify(result);
}
