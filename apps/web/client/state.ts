/**
 * What the page holds: the scenario on screen, the planner's unsaved edits to it, and the latest run
 * and comparison. Views read and change it; `overlay.ts` turns the edits into a variant.
 */
import type { Collection, ComparisonResult, Entry, Group, Issue, Job, LatLon, Place, RunResult, ScenarioView, Shift, StaffedShift, Relocation } from "./types.js";

export interface NewStation extends LatLon {
  id: string;
  name: string;
}
/** A vehicle record the planner added (at an existing or a new station). */
export interface NewVehicle {
  id: string;
  type: string;
  station: string;
  count: number;
}
export interface RelocationForm {
  name: Relocation["name"];
  /** standby-points: a point is covered when a free unit is within this; never drive further than maxTravelSec. */
  coverageSec: number;
  maxTravelSec: number;
  points: Array<{ id: string; use: boolean; from: string; to: string }>;
  /** dynamic-mexclp and compliance-table: the busy fraction q (default 0.3). */
  busyFraction: number;
  /** dynamic-mexclp: a zone is covered from a base within this blue-light drive (default 720 s). */
  mexclpCoverageSec: number;
  /** compliance-table: where the table comes from: the scenario's own, or made by the server's MIP (pooled or per owner). */
  complianceSource: "scenario" | "pooled" | "by-owner";
  /** compliance-table: the table to save (undefined until made, or when the source or q changed). */
  compliance: { table?: string[][]; tables?: Record<string, string[][]> } | undefined;
}

export interface Edits {
  moved: Map<string, LatLon>;
  addedStations: NewStation[];
  /** Changed counts of the scenario's vehicle records (0 removes the record). */
  counts: Map<string, number>;
  /** Edited shifts by vehicle record id ([] = around the clock). */
  shiftEdits: Map<string, Shift[]>;
  newVehicles: NewVehicle[];
  standbyMoved: Map<string, LatLon>;
  standbyAdded: Place[];
  relocation: RelocationForm;
  dispatch: { crossBorder: string; interAmkDelaySec: number };
  growthFactor: number;
  /** Edited operator shifts by AMK centre id. */
  operators: Map<string, StaffedShift[]>;
  /** Edited capabilities by destination id. */
  capabilities: Map<string, string[]>;
}

export interface IssueNote {
  shift: number | null;
  text: string;
}

interface State {
  entries: Entry[];
  /** The scenario on screen; saves and runs go to this one. */
  view: ScenarioView | undefined;
  geo: Collection | undefined;
  edits: Edits;
  selected: string | undefined;
  selectedStandby: string | undefined;
  editingShifts: string | undefined;
  /** Loader messages from the last refused save, by vehicle record id. */
  vehicleIssues: Map<string, IssueNote[]>;
  /** Loader messages from the last refused save that belong to no vehicle. */
  otherIssues: Issue[];
  lastRun: { job: Job; scenarioId: string; result: RunResult } | undefined;
  lastComparison: { job: Job; result: ComparisonResult } | undefined;
}

export function emptyEdits(view?: ScenarioView): Edits {
  const base = view?.scenario.policies.relocation;
  const used = base?.name === "standby-points" ? (base.points ?? []) : [];
  return {
    moved: new Map(),
    addedStations: [],
    counts: new Map((view?.vehicleGroups ?? []).map((group) => [group.id, group.count])),
    shiftEdits: new Map(),
    newVehicles: [],
    standbyMoved: new Map(),
    standbyAdded: [],
    relocation: {
      name: base?.name ?? "return-home",
      coverageSec: base?.name === "standby-points" ? (base.coverageSec ?? 300) : 300,
      maxTravelSec: base?.maxTravelSec ?? 1800,
      busyFraction: base?.busyFraction ?? 0.3,
      mexclpCoverageSec: base?.name === "dynamic-mexclp" ? (base.coverageSec ?? 720) : 720,
      complianceSource: base?.name === "compliance-table" ? "scenario" : "pooled",
      compliance: base?.name === "compliance-table" ? (base.tables ? { tables: base.tables } : { table: base.table ?? [] }) : undefined,
      points: [
        ...used.map((point) => ({ id: point.id, use: true, from: point.hours?.[0] ?? "", to: point.hours?.[1] ?? "" })),
        ...(view?.scenario.standbyPoints ?? []).filter((sp) => !used.some((point) => point.id === sp.id)).map((sp) => ({ id: sp.id, use: false, from: "", to: "" })),
      ],
    },
    dispatch: { crossBorder: view?.scenario.policies.dispatch.crossBorder ?? "nearest", interAmkDelaySec: view?.scenario.policies.dispatch.interAmkDelaySec ?? 0 },
    growthFactor: view?.scenario.demand.growthFactor ?? 1,
    operators: new Map(),
    capabilities: new Map(),
  };
}

export const S: State = {
  entries: [],
  view: undefined,
  geo: undefined,
  edits: emptyEdits(),
  selected: undefined,
  selectedStandby: undefined,
  editingShifts: undefined,
  vehicleIssues: new Map(),
  otherIssues: [],
  lastRun: undefined,
  lastComparison: undefined,
};

/** The stations with the planner's moves and additions. */
export function allStations(): Place[] {
  const view = S.view;
  if (!view) return [];
  const owner = view.scenario.stations[0]?.owner ?? "";
  return [...view.scenario.stations.map((s) => ({ ...s, ...(S.edits.moved.get(s.id) ?? {}) })), ...S.edits.addedStations.map((s) => ({ ...s, owner }))];
}

/** The standby points with the planner's moves and additions. */
export function allStandby(): Place[] {
  const view = S.view;
  if (!view) return [];
  return [...view.scenario.standbyPoints.map((point) => ({ ...point, ...(S.edits.standbyMoved.get(point.id) ?? {}) })), ...S.edits.standbyAdded];
}

/** The vehicle records of a station: the scenario's and the ones the planner added. */
export function stationGroups(station: string): Group[] {
  const view = S.view;
  if (!view) return [];
  return [...view.vehicleGroups.filter((g) => g.station === station), ...S.edits.newVehicles.filter((v) => v.station === station).map((v) => ({ id: v.id, type: v.type, station: v.station, count: v.count, shifts: [] }))];
}

/** Every vehicle id in use, records and the ids their counts expand to (id-1 … id-N). */
export function takenVehicleIds(): Set<string> {
  const taken = new Set<string>();
  for (const group of [...(S.view?.vehicleGroups ?? []), ...S.edits.newVehicles]) {
    taken.add(group.id);
    for (let k = 1; k <= Math.max(1, group.count); k++) taken.add(`${group.id}-${k}`);
  }
  return taken;
}
