import type { BasemapLayers } from "@akutt/geo";
import type { AdvicePicture, Forecast, ForecastOptions } from "@akutt/live";
import type { Scenario, ScenarioIssue, ScenarioReadOptions } from "@akutt/model";
import type { complianceRelocation } from "@akutt/optimise";
import type { DriveTimes, projectionOverlayFields } from "@akutt/runs";
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
  /**
   * recordIds: add to each issue in a list of records (vehicles[3]…) the id of that record, for the page to show it in place.
   * landDataDir: also refuse stations and standby points that are not on land (in the sea or a fjord), by the data folder's land mask.
   */
  | { kind: "validate"; text: string; displayName: string; baseDir: string; file: string; read: ScenarioReadOptions; recordIds?: boolean; landDataDir?: string }
  | { kind: "load"; file: string; read: ScenarioReadOptions }
  | { kind: "changes"; parentFile: string; file: string; read: ScenarioReadOptions }
  | { kind: "geojson"; file: string; read: ScenarioReadOptions; dataDir: string }
  | { kind: "roads"; file: string; read: ScenarioReadOptions; dataDir: string }
  | { kind: "basemap"; file: string; read: ScenarioReadOptions; dataDir: string }
  | { kind: "land-check"; dataDir: string; lat: number; lon: number }
  | { kind: "drive-times"; file: string; read: ScenarioReadOptions; dataDir: string; cacheDir: string; from: { lat: number; lon: number } | { station: string } }
  | { kind: "projection"; file: string; read: ScenarioReadOptions; dataDir: string; year: number; alternative?: string | undefined }
  /** scenarioKey: a digest of the scenario, under which the worker keeps its prepared engine inputs. */
  | { kind: "live-forecast"; scenario: Scenario; scenarioKey: string; dataDir: string; cacheDir: string; picture: AdvicePicture; options: ForecastOptions }
  /** The compliance-table MIP on the scenario: one pooled table, or one per owner (packages/optimise scenarioComplianceTables). */
  | { kind: "compliance-table"; file: string; read: ScenarioReadOptions; dataDir: string; cacheDir: string; byOwner: boolean; busyFraction: number };

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
  basemap: BasemapLayers;
  "land-check": { onLand: boolean };
  "drive-times": DriveTimes & { from: { lat: number; lon: number; station: string | null } };
  /** `overlay`: the scenario fields the projection changes (packages/runs projectionOverlayFields). */
  projection: ProjectionSummary & { overlay: ReturnType<typeof projectionOverlayFields> };
  "live-forecast": Forecast;
  /** The relocation policy to set, and per table (owner null when pooled) its rows and the last row's expected coverage share. */
  "compliance-table": { relocation: ReturnType<typeof complianceRelocation>; tables: Array<{ owner: string | null; rows: number; objective: number; lastRowCoverage: number }>; travelModel: string };
}

/** What a projection did, for the page: each area's factors and the notes every output shows. */
export interface ProjectionSummary {
  year: number;
  baseYear: number;
  alternative: { id: string; label: { nb: string; en: string }; perHeadGrowthPerYear: number };
  perHeadMultiplier: number;
  areas: Array<{ areaCode: string; municipality: string; populationBase: number; populationTarget: number; populationRatio: number; ageWeight: number; factor: number }>;
  notes: { nb: string[]; en: string[] };
}

/** A task's answer: a scenario's issues, or a bad input's message, cross the thread boundary as data, not as an Error. */
export type TaskResult<K extends ScenarioTask["kind"]> = { ok: true; value: TaskValue[K] } | { ok: false; issues: ScenarioIssue[] } | { ok: false; badInput: { field: string; message: string } };
