import { dirname, resolve } from "node:path";
import type { z } from "zod";
import { ScenarioError, formatPath, type ScenarioIssue } from "../errors/scenario-error.js";
import { scenarioSchema, zonesFileSchema, type HospitalSpec, type ScenarioDocument, type ShiftSpec, type StationSpec, type VehicleType, type ZoneSpec } from "./schema.js";
import { checkReferences } from "./references.js";
import { readScenarioChain, type IssueLocator, type MergedSource } from "./overlay.js";
import { FileAccess, FileAccessError, type ScenarioReadOptions } from "./file-access.js";
import { YamlSource } from "./yaml-source.js";
import { isDataPath, resolveDataPath } from "./data-path.js";
import { resolveDataDir } from "../paths/data-dir.js";
import { CsvZonesError, parseCsvZones, type CsvZonesSpec } from "../zones/csv-zones.js";

/** One physical vehicle after `count` has been expanded. */
export interface VehicleUnit {
  id: string;
  type: VehicleType;
  station: string;
  owner: string;
  /** AMK that dispatches this vehicle. */
  dispatchedBy: string;
  shifts: ShiftSpec[];
  source: string | undefined;
}

/** A place with its position resolved: its own lat/lon, or those of the zone it stands at (`zone`). */
export type Placed<T> = Omit<T, "lat" | "lon"> & { lat: number; lon: number };

/** A scenario checked and resolved: zones read, vehicles expanded, owners and AMKs filled in. */
export interface Scenario extends Omit<ScenarioDocument, "zones" | "vehicles" | "stations" | "standbyPoints" | "destinations"> {
  stations: Array<Placed<StationSpec>>;
  standbyPoints: Array<Placed<StationSpec>>;
  destinations: Array<Placed<HospitalSpec>>;
  /** Absolute path of the scenario file ("" for in-memory scenarios). */
  file: string;
  /** Folder that relative paths in the scenario are read from. */
  baseDir: string;
  zones: ZoneSpec[];
  vehicles: VehicleUnit[];
  /** Absolute paths of every file the scenario was read from: the extends chain (files read from disk), then the zones file. */
  sourceFiles: string[];
  /**
   * For a scenario read with allowedRoots (posted to the server): those folders. The files it names
   * and geography reads later (travel.file, travel.network) are checked against them again when
   * opened (RegularFile), so a link put in place after the load is not followed out of them.
   */
  readRoots?: readonly string[];
  /** Where the zones came from: "inline" or the zones file path. */
  zonesSource: string;
  /** The zones file's provenance (population source per area, method), or {} for inline zones. */
  zonesProvenance: Record<string, unknown>;
}

/** Loads a scenario file, following `extends` to the scenarios it builds on. */
export function loadScenarioFile(path: string, options: ScenarioReadOptions = {}): Scenario {
  const file = resolve(path);
  const access = new FileAccess(options);
  return resolveScenario(readScenarioChain(file, path, undefined, access), dirname(file), file, access);
}

/** Parse and check scenario text; `displayName` is what messages call the file. */
export function parseScenario(text: string, displayName: string, baseDir: string, file = "", options: ScenarioReadOptions = {}): Scenario {
  const access = new FileAccess(options);
  return resolveScenario(readScenarioChain(file || resolve(baseDir, displayName), displayName, text, access), baseDir, file, access);
}

function resolveScenario(source: MergedSource, baseDir: string, file: string, access: FileAccess): Scenario {
  const parsed = scenarioSchema.safeParse(source.value, { reportInput: true });
  if (!parsed.success) throw new ScenarioError(zodIssues(source, parsed.error.issues));
  const document = parsed.data;

  // Paths are relative to the file that wrote them, so an overlay saved elsewhere still finds its base's files.
  const fileIssues: ScenarioIssue[] = [];
  const pathOf = (path: readonly string[], written: string): string => {
    let absolute: string;
    if (isDataPath(written)) {
      // data:<path> is read in place from the data folder, wherever the scenario lies.
      const data = resolveDataPath(written, resolveDataDir(access.options.dataDir));
      if (!data.ok) {
        fileIssues.push(source.issue(path, path.join("."), data.message));
        return written;
      }
      absolute = data.path;
    } else absolute = resolve(source.dirOf(path), written);
    if (access.restricted) {
      const checked = access.check(absolute);
      if (!checked.ok) fileIssues.push(source.issue(path, path.join("."), `cannot use ${written}: ${checked.reason}`));
    }
    return absolute;
  };
  const travel = { ...document.travel };
  if (travel.model === "matrix") travel.file = pathOf(["travel", "file"], travel.file);
  if (travel.model === "network" && travel.network.toLowerCase() !== "n1000") travel.network = pathOf(["travel", "network"], travel.network);
  const zonesPath = Array.isArray(document.zones) ? undefined : pathOf(["zones", "file"], document.zones.file);
  if (fileIssues.length > 0) throw new ScenarioError(fileIssues);

  let zones: ZoneSpec[];
  let zonesSource = "inline";
  let zonesProvenance: Record<string, unknown> = {};
  if (Array.isArray(document.zones)) zones = document.zones;
  else {
    zonesSource = zonesPath!;
    ({ zones, provenance: zonesProvenance } = document.zones.csv ? loadCsvZones(zonesPath!, source, document.zones.file, document.zones.csv, access) : loadZonesFile(zonesPath!, source, document.zones.file, access));
  }

  const issues = checkReferences(document, zones, source);
  if (issues.length > 0) throw new ScenarioError(issues);

  const amkOfOrganisation = new Map<string, string>();
  for (const amk of document.amkCentres) if (!amkOfOrganisation.has(amk.organisation)) amkOfOrganisation.set(amk.organisation, amk.id);
  const stationOwner = new Map(document.stations.map((station) => [station.id, station.owner]));
  const vehicles: VehicleUnit[] = document.vehicles.flatMap((vehicle) => {
    const owner = vehicle.owner ?? stationOwner.get(vehicle.station)!;
    const dispatchedBy = vehicle.dispatchedBy ?? amkOfOrganisation.get(owner)!;
    const ids = vehicle.count === 1 ? [vehicle.id] : Array.from({ length: vehicle.count }, (_, i) => `${vehicle.id}-${i + 1}`);
    return ids.map((id) => ({ id, type: vehicle.type, station: vehicle.station, owner, dispatchedBy, shifts: vehicle.shifts, source: vehicle.source }));
  });

  // A place standing at a zone takes the zone's position (checkReferences made sure the zone exists).
  const zoneById = new Map(zones.map((zone) => [zone.id, zone]));
  const place = <T extends { lat?: number | undefined; lon?: number | undefined; zone?: string | undefined }>(point: T): Omit<T, "lat" | "lon"> & { lat: number; lon: number } => {
    const zone = point.zone === undefined ? undefined : zoneById.get(point.zone);
    return { ...point, lat: zone ? zone.lat : point.lat!, lon: zone ? zone.lon : point.lon! };
  };
  const stations = document.stations.map(place);
  const standbyPoints = document.standbyPoints.map(place);
  const destinations = document.destinations.map(place);

  const sourceFiles = [...source.paths, ...(zonesPath ? [zonesPath] : [])];
  const readRoots = access.allowedRoots;
  return { ...document, stations, standbyPoints, destinations, travel, file, baseDir, zones, vehicles, sourceFiles, zonesSource, zonesProvenance, ...(readRoots ? { readRoots } : {}) };
}

/** The text of the zones file, or a ScenarioError at zones.file saying why it cannot be read (never what it holds). */
function readZonesText(path: string, scenario: IssueLocator, what: string, access: FileAccess): string {
  try {
    return access.readText(path);
  } catch (error) {
    const reason = error instanceof FileAccessError ? ` (${error.reason})` : "";
    throw new ScenarioError([scenario.issue(["zones", "file"], "zones.file", `cannot read ${what}${reason}`)]);
  }
}

function loadZonesFile(path: string, scenario: IssueLocator, reference: string, access: FileAccess): { zones: ZoneSpec[]; provenance: Record<string, unknown> } {
  const text = readZonesText(path, scenario, `the zones file ${reference}`, access);
  try {
    const zonesSource = YamlSource.parse(path, text, access.options.fileLimits);
    const parsed = zonesFileSchema.safeParse(zonesSource.value, { reportInput: true });
    if (!parsed.success) throw new ScenarioError(zodIssues(zonesSource, parsed.error.issues));
    return { zones: parsed.data.zones, provenance: parsed.data.provenance };
  } catch (error) {
    // A restricted reader names the file's problems only by count: they could quote what it holds.
    if (!(error instanceof ScenarioError) || !access.restricted) throw error;
    throw new ScenarioError([scenario.issue(["zones", "file"], "zones.file", `${reference} is not a valid zones file (${error.issues.length} problem${error.issues.length === 1 ? "" : "s"})`)]);
  }
}

function loadCsvZones(path: string, scenario: IssueLocator, reference: string, spec: CsvZonesSpec, access: FileAccess): { zones: ZoneSpec[]; provenance: Record<string, unknown> } {
  const text = readZonesText(path, scenario, `the zones table ${reference}`, access);
  try {
    return { zones: parseCsvZones(text, spec), provenance: { format: "csv", file: reference, crs: spec.crs ?? "EPSG:4326" } };
  } catch (error) {
    if (!(error instanceof CsvZonesError)) throw error;
    // A restricted reader does not quote the file's contents back.
    const detail = access.restricted ? "" : `${error.line !== undefined ? `:${error.line}` : ""}: ${error.message}`;
    throw new ScenarioError([scenario.issue(["zones", "csv"], "zones.csv", `${reference}${detail || " is not a valid zones table"}`)]);
  }
}

/**
 * Zod's issues as located scenario issues (file, line, field). Also used for other YAML inputs
 * (the optimisation options), which name their own reference page.
 */
export function zodIssues(source: IssueLocator, issues: readonly z.core.$ZodIssue[], reference = "docs/scenario-reference.md"): ScenarioIssue[] {
  return issues.flatMap((issue) => {
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => source.issue(path, formatPath([...path, key]), `unknown field "${key}"; expected one of the documented fields (${reference})`, key));
    }
    return [source.issue(path, formatPath(path), describeZodIssue(issue))];
  });
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? `required field is missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${describeValue(issue.input)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}, got ${describeValue(issue.input)}`;
    case "invalid_union": {
      if (issue.errors.length === 0) return issue.message;
      return `does not match any allowed form: ${issue.errors.map((alternative) => alternative.map((inner) => `${formatPath(inner.path) || "value"} ${inner.message}`).join("; ")).join(" | or | ")}`;
    }
    case "too_small":
      return issue.origin === "array" ? `expected at least ${String(issue.minimum)} item(s)` : `expected a value ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}, got ${describeValue(issue.input)}`;
    case "too_big":
      return issue.origin === "array" ? `expected at most ${String(issue.maximum)} item(s)` : `expected a value ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}, got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `"${value}"`;
  return String(value);
}
