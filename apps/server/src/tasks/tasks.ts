/**
 * The worker side of scenario tasks: parsing, loading, checking and map layers, which can take
 * seconds on a large scenario (or on hostile text) and so never run on the server's event loop.
 */
import { statSync } from "node:fs";
import { BasemapInputError, basemapLayers, isOnLand } from "@akutt/geo";
import { DriveTimeInputError, driveTimesFrom, prepareRun, ProjectionInputError, projectionOverlayFields, projectScenario } from "@akutt/runs";
import { adviceContext, forecastNext, type AdviceContext } from "@akutt/live";
import { ComplianceError, complianceRelocation, scenarioComplianceTables } from "@akutt/optimise";
import { loadScenarioFile, parseScenario, readScenarioChain, ScenarioError, textIn, type Scenario, type ScenarioIssue, type ScenarioReadOptions } from "@akutt/model";
import { scenarioGeoJson } from "../geojson.js";
import { scenarioBbox, scenarioRoads } from "../roads.js";
import { scenarioChanges } from "../scenarios/changes.js";
import type { LoadedScenario, ScenarioTask, TaskResult, VehicleGroup } from "./task-types.js";

/**
 * HiGHS's limit on a compliance table asked for over the web: below the task pool's 20 s, so a MIP too
 * large for the server ends with a clear "time-limit, not optimal" answer (400) instead of its
 * worker being killed (503); `akutt optimise compliance --time-limit` has no such bound.
 */
const COMPLIANCE_TIME_LIMIT_SEC = 12;

export async function runTask(task: ScenarioTask): Promise<TaskResult<ScenarioTask["kind"]>> {
  try {
    return { ok: true, value: await perform(task) };
  } catch (error) {
    if (error instanceof DriveTimeInputError || error instanceof BasemapInputError) return { ok: false, badInput: { field: `body.${error.subject}`, message: error.message } };
    // The scenario's own projection.baseYear is a scenario problem, not the request's: it names the field in the scenario.
    if (error instanceof ProjectionInputError) return { ok: false, badInput: { field: error.subject === "baseYear" ? "scenario.projection.baseYear" : `body.${error.subject}`, message: error.message } };
    // No table can be made (an owner with ambulances but no base, no optimum in time): the request's to change.
    if (error instanceof ComplianceError) return { ok: false, badInput: { field: "body", message: error.message } };
    if (!(error instanceof ScenarioError)) throw error;
    const issues = task.kind === "validate" && task.recordIds ? withRecordIds(error.issues, task) : [...error.issues];
    return { ok: false, issues };
  }
}

/** A scenario issue with the id of the record its field points at (`vehicles[3].shifts[1]` → the vehicle record's id). */
export interface RecordIssue extends ScenarioIssue {
  record?: { list: string; id: string; index: number };
}

/**
 * Adds to each issue whose field starts with a list of records (`vehicles[3]…`) the id of that
 * record in the merged scenario, so the page can show the message next to the right vehicle,
 * station or standby point (indices count the merged list, not the overlay's).
 */
function withRecordIds(issues: readonly ScenarioIssue[], task: ScenarioTask & { kind: "validate" }): RecordIssue[] {
  let merged: Record<string, unknown>;
  try {
    merged = readScenarioChain(task.file || task.displayName, task.displayName, task.text, task.read).value as Record<string, unknown>;
  } catch {
    return [...issues];
  }
  return issues.map((issue) => {
    const match = /^(vehicles|stations|standbyPoints|destinations)\[(\d+)\]/.exec(issue.field);
    if (!match) return issue;
    const list = merged[match[1]!];
    const record = Array.isArray(list) ? (list[Number(match[2])] as Record<string, unknown> | undefined) : undefined;
    return typeof record?.id === "string" ? { ...issue, record: { list: match[1]!, id: record.id, index: Number(match[2]) } } : issue;
  });
}

async function perform(task: ScenarioTask) {
  switch (task.kind) {
    case "validate": {
      const scenario = parseScenario(task.text, task.displayName, task.baseDir, task.file, task.read);
      if (task.landDataDir) refuseWater(scenario, task);
      return { name: scenario.metadata.name, areas: scenario.areas.length, zones: scenario.zones.length, stations: scenario.stations.length, vehicles: scenario.vehicles.length };
    }
    case "load":
      return load(task.file, task.read);
    case "changes":
      return scenarioChanges(readScenarioChain(task.parentFile, task.parentFile, undefined, task.read).value, readScenarioChain(task.file, task.file, undefined, task.read).value);
    case "geojson": {
      const { scenario, vehicleGroups } = load(task.file, task.read);
      return scenarioGeoJson(scenario, vehicleGroups, task.dataDir);
    }
    case "roads":
      return scenarioRoads(load(task.file, task.read).scenario, task.dataDir);
    case "basemap": {
      const bbox = scenarioBbox(load(task.file, task.read).scenario);
      if (!bbox) throw new BasemapInputError("the scenario has no points to draw a map around", "bbox");
      return basemapLayers(task.dataDir, bbox);
    }
    case "land-check":
      return { onLand: isOnLand(task.dataDir, task.lat, task.lon) };
    case "drive-times": {
      const { scenario } = load(task.file, task.read);
      let from: { lat: number; lon: number; station: string | null };
      if ("station" in task.from) {
        const id = task.from.station;
        const place = [...scenario.stations, ...scenario.standbyPoints].find((candidate) => candidate.id === id);
        if (!place) throw new DriveTimeInputError(`no station or standby point "${id}" in this scenario`, "station");
        from = { lat: place.lat, lon: place.lon, station: place.id };
      } else from = { ...task.from, station: null };
      return { ...(await driveTimesFrom(scenario, from, { dataDir: task.dataDir, cacheDir: task.cacheDir })), from };
    }
    case "compliance-table": {
      const { scenario } = load(task.file, task.read);
      const made = await scenarioComplianceTables(await prepareRun(scenario, { dataDir: task.dataDir, cacheDir: task.cacheDir }), { byOwner: task.byOwner, busyFraction: task.busyFraction, timeLimitSec: COMPLIANCE_TIME_LIMIT_SEC });
      const tables = made.compliance.kind === "pooled" ? [{ owner: null, result: made.compliance.result }] : made.compliance.tables;
      return {
        relocation: complianceRelocation(made.compliance),
        tables: tables.map(({ owner, result }) => ({ owner, rows: result.table.length, objective: result.objective, lastRowCoverage: result.expectedCoverageShare.at(-1) ?? 0 })),
        travelModel: made.notes.travelModel,
      };
    }
    case "projection": {
      const { scenario } = load(task.file, task.read);
      const result = projectScenario(scenario, { year: task.year, alternative: task.alternative, dataDir: task.dataDir, locator: readScenarioChain(task.file, task.file, undefined, task.read) });
      const label = { nb: textIn(result.alternative.label, "nb"), en: textIn(result.alternative.label, "en") };
      return {
        year: result.year,
        baseYear: result.baseYear,
        alternative: { id: result.alternative.id, label, perHeadGrowthPerYear: result.alternative.perHeadGrowthPerYear },
        perHeadMultiplier: result.perHeadMultiplier,
        areas: result.areas.map(({ areaCode, municipality, populationBase, populationTarget, populationRatio, ageWeight, factor }) => ({ areaCode, municipality, populationBase, populationTarget, populationRatio, ageWeight, factor })),
        notes: result.notes,
        overlay: projectionOverlayFields(result.patch),
      };
    }
    case "live-forecast":
      return forecastNext(await liveAdvice(task), task.picture, task.options);
  }
}

/** The live scenario's engine inputs, prepared once per worker (the travel model is the slow part). */
let liveAdviceCache: { key: string; context: Promise<AdviceContext> } | undefined;

function liveAdvice(task: ScenarioTask & { kind: "live-forecast" }): Promise<AdviceContext> {
  if (liveAdviceCache?.key !== task.scenarioKey) {
    const context = prepareRun(task.scenario, { dataDir: task.dataDir, cacheDir: task.cacheDir }).then((run) => adviceContext(task.scenario, run.inputs));
    liveAdviceCache = { key: task.scenarioKey, context };
  }
  return liveAdviceCache.context;
}

/** Stations and standby points must stand on land: one dragged into the fjord is refused where it was written. */
function refuseWater(scenario: Scenario, task: ScenarioTask & { kind: "validate" }): void {
  let wet: Array<{ list: "stations" | "standbyPoints"; index: number; id: string }>;
  try {
    wet = (["stations", "standbyPoints"] as const).flatMap((list) =>
      scenario[list].flatMap((place, index) => (isOnLand(task.landDataDir!, place.lat, place.lon) ? [] : [{ list, index, id: place.id }])),
    );
  } catch {
    return; // no boundary data: the land check is skipped, as the travel model's own checks remain
  }
  if (wet.length === 0) return;
  const source = readScenarioChain(task.file || task.displayName, task.displayName, task.text, task.read);
  throw new ScenarioError(
    wet.map(({ list, index, id }) =>
      source.issue([list, index, "lat"], `${list}[${index}]`, `"${id}" is not on land (it lies in the sea or a fjord by the municipality boundaries); move it onto land`),
    ),
  );
}

/** The last few loads, kept while their files are unchanged: the map, the editor and a run's check all load the same scenario. */
const recent = new Map<string, { stamp: string; loaded: LoadedScenario }>();

function load(file: string, read: ScenarioReadOptions): LoadedScenario {
  // Keyed by file: the read options only ever widen (variants are added; a parent cannot be deleted), and the stamp catches edits.
  const key = file;
  const hit = recent.get(key);
  if (hit && hit.stamp === stampOf(hit.loaded.scenario)) return hit.loaded;
  const scenario = loadScenarioFile(file, read);
  const loaded = { scenario, vehicleGroups: vehicleGroups(file, scenario, read) };
  recent.delete(key);
  recent.set(key, { stamp: stampOf(scenario), loaded });
  while (recent.size > 8) recent.delete(recent.keys().next().value!);
  return loaded;
}

function stampOf(scenario: Scenario): string {
  return scenario.sourceFiles.map((path) => `${path}@${modifiedMs(path)}`).join(",");
}

function modifiedMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function vehicleGroups(file: string, scenario: Scenario, read: ScenarioReadOptions): VehicleGroup[] {
  const merged = readScenarioChain(file, file, undefined, read).value as { vehicles?: Array<Record<string, unknown>> };
  return (merged.vehicles ?? []).map((raw) => {
    const id = String(raw.id);
    const unit = scenario.vehicles.find((candidate) => candidate.id === id || candidate.id === `${id}-1`);
    return { id, type: String(raw.type), station: String(raw.station), count: typeof raw.count === "number" ? raw.count : 1, shifts: unit?.shifts ?? [] };
  });
}
