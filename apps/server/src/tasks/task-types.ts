import type { Scenario, ScenarioIssue, ScenarioReadOptions } from "@akutt/model";
import type { MapCollection } from "../geojson.js";
import type { RoadCollection } from "../roads.js";
import type { ScenarioChange } from "../scenarios/changes.js";

/** A vehicle record as written (before `count` is expanded), with its resolved shifts. */
export interface VehicleGroup {
  id: string;
  type: string;
  station: string;
  count: number;
  shifts: Scenario["vehicles"][number]["shifts"];
}

/** Work that parses, loads or computes on scenarios: run in worker threads, never on the server's event loop. */
export type ScenarioTask =
  /** recordIds: add to each issue in a list of records (vehicles[3]…) the id of that record, for the page to show it in place. */
  | { kind: "validate"; text: string; displayName: string; baseDir: string; file: string; read: ScenarioReadOptions; recordIds?: boolean }
  | { kind: "load"; file: string; read: ScenarioReadOptions }
  | { kind: "changes"; parentFile: string; file: string; read: ScenarioReadOptions }
  | { kind: "geojson"; file: string; read: ScenarioReadOptions; dataDir: string }
  | { kind: "roads"; file: string; read: ScenarioReadOptions; dataDir: string };

export interface LoadedScenario {
  scenario: Scenario;
  vehicleGroups: VehicleGroup[];
}

export interface TaskValue {
  validate: { name: string; areas: number; zones: number; stations: number; vehicles: number };
  load: LoadedScenario;
  changes: ScenarioChange[];
  geojson: MapCollection;
  roads: RoadCollection;
}

/** A task's answer: a scenario's issues cross the thread boundary as data, not as an Error. */
export type TaskResult<K extends ScenarioTask["kind"]> = { ok: true; value: TaskValue[K] } | { ok: false; issues: ScenarioIssue[] };
