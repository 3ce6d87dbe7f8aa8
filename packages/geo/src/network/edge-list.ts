import { createHash } from "node:crypto";
import { readRegularFileText, RegularFileError } from "@akutt/model";
import { readCsv } from "../csv/read-csv.js";
import { GeoInputError, NetworkFileError } from "../errors/geo-errors.js";
import { buildNetwork, type BuildOptions, type NetworkClip, type RawLink } from "./build-network.js";
import type { RoadNetwork } from "./road-network.js";

/**
 * Plain edge lists: one row per road link, so that NVDB and other sources come in the same way.
 *
 * CSV columns: `from`, `to` (node ids), `from_lon`, `from_lat`, `to_lon`, `to_lat`, `length_m`, and
 * either `speed_kmh` or `time_s` (optional `time_back_s`), optional `oneway` (`no`/`yes`/`-1`, also
 * NVDB's `B`/`FT`/`TF`), `road_class`, `ferry` (`yes`/`no`), `fixed_s`.
 * GeoJSON: LineString features whose properties use the same names (coordinates give the shape), or
 * NVDB Ruteplan's own fields (`FromNodeID`, `ToNodeID`, `ONEWAY`, `FT_MINUTES`, `TF_MINUTES`, `METER_ORG`, `VEGTYPE`).
 */

export const DEFAULT_EDGE_LIST_SPEEDS_KMH: Readonly<Record<string, number>> = {
  motorway: 100,
  trunk: 80,
  primary: 70,
  secondary: 60,
  tertiary: 50,
  unclassified: 40,
  residential: 30,
  service: 20,
  E: 80,
  R: 70,
  F: 60,
  K: 40,
  P: 30,
  S: 30,
  default: 40,
};

export interface EdgeListOptions {
  speedsKmh?: Record<string, number>;
  name?: string;
  limitations?: string[];
  clip?: NetworkClip;
  /** A posted scenario's allowed folders (Scenario.readRoots): the file must lie in them when opened. */
  readRoots?: readonly string[];
}

/** Largest edge list read (a county's NVDB links as GeoJSON run to a few hundred MB). */
const MAX_EDGE_LIST_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/** The edge list's text through one checked handle (RegularFile): a regular file, bounded, inside readRoots if given. */
function readEdgeList(path: string, options: EdgeListOptions): string {
  try {
    return readRegularFileText(path, { maxBytes: MAX_EDGE_LIST_BYTES, allowedRoots: options.readRoots });
  } catch (error) {
    if (error instanceof RegularFileError) throw new NetworkFileError(path, error.reason);
    throw error;
  }
}

function parseOneway(value: string | undefined, where: string): RawLink["oneway"] {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "no" || v === "false" || v === "0" || v === "b") return "no";
  if (v === "yes" || v === "true" || v === "1" || v === "ft") return "forward";
  if (v === "-1" || v === "reverse" || v === "tf") return "backward";
  if (v === "n") return "no"; // NVDB: N = closed both ways is not drivable; treated by the caller
  throw new GeoInputError(`${where}: oneway '${value}' is not one of no, yes, -1, B, FT, TF`, where);
}

function finiteOrUndefined(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

function edgeListMeta(path: string, text: string | Buffer, options: EdgeListOptions, kind: "edge-list" | "nvdb"): BuildOptions {
  return {
    name: options.name ?? (kind === "nvdb" ? `NVDB Ruteplan network (${path})` : `road network from edge list ${path}`),
    sourceKind: kind,
    sources: [{ path, sha256: createHash("sha256").update(text).digest("hex") }],
    limitations: options.limitations ?? ["Speeds and one-way rules as given in the edge list; turn restrictions are not modelled."],
    speedsKmh: { ...DEFAULT_EDGE_LIST_SPEEDS_KMH, ...(options.speedsKmh ?? {}) },
    buildParameters: { clip: options.clip?.label ?? null },
    origin: path,
    ...(options.clip ? { clip: options.clip } : {}),
  };
}

export function importEdgeListCsv(path: string, options: EdgeListOptions = {}): RoadNetwork {
  const text = readEdgeList(path, options);
  const table = readCsv(path, text);
  const col = (name: string) => (table.hasColumn(name) ? table.column(name) : -1);
  const iFrom = table.column("from");
  const iTo = table.column("to");
  const coords = ["from_lon", "from_lat", "to_lon", "to_lat"].map((c) => table.column(c));
  const iLength = col("length_m");
  const iSpeed = col("speed_kmh");
  const iTime = col("time_s");
  const iTimeBack = col("time_back_s");
  const iOneway = col("oneway");
  const iClass = col("road_class");
  const iFerry = col("ferry");
  const iFixed = col("fixed_s");
  const links: RawLink[] = [];
  table.rows.forEach((row, r) => {
    const where = `${path}:${r + 2}`;
    const [a, b, c, d] = coords.map((i) => Number(row[i]));
    if (![a, b, c, d].every((v) => Number.isFinite(v))) throw new GeoInputError(`${where}: coordinates must be numbers`, path);
    const lengthM = iLength >= 0 ? finiteOrUndefined(row[iLength]) : undefined;
    const speedKmh = iSpeed >= 0 ? finiteOrUndefined(row[iSpeed]) : undefined;
    const timeSec = iTime >= 0 ? finiteOrUndefined(row[iTime]) : undefined;
    const timeBackSec = iTimeBack >= 0 ? finiteOrUndefined(row[iTimeBack]) : undefined;
    for (const [label, v] of [["length_m", lengthM], ["speed_kmh", speedKmh], ["time_s", timeSec], ["time_back_s", timeBackSec]] as const) {
      if (v !== undefined && !(v >= 0)) throw new GeoInputError(`${where}: ${label} must be a non-negative number`, path);
    }
    const ferry = iFerry >= 0 && /^(yes|true|1)$/i.test(row[iFerry] ?? "");
    const fixed = iFixed >= 0 ? finiteOrUndefined(row[iFixed]) : undefined;
    links.push({
      from: row[iFrom] ?? "",
      to: row[iTo] ?? "",
      coords: [[a!, b!], [c!, d!]],
      ...(lengthM !== undefined ? { lengthM } : {}),
      roadClass: iClass >= 0 && row[iClass] ? row[iClass]! : "default",
      ...(speedKmh !== undefined ? { speedKmh } : {}),
      ...(timeSec !== undefined ? { forwardSec: timeSec } : {}),
      ...(timeBackSec !== undefined ? { backwardSec: timeBackSec } : {}),
      oneway: parseOneway(iOneway >= 0 ? row[iOneway] : undefined, where),
      ferry,
      ...(fixed !== undefined ? { fixedSec: fixed } : {}),
    });
  });
  if (links.length === 0) throw new NetworkFileError(path, "no links (the file has only a header)");
  return buildNetwork(links, edgeListMeta(path, text, options, "edge-list"));
}

interface LineFeature {
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

export function importEdgeListGeoJson(path: string, options: EdgeListOptions = {}): RoadNetwork {
  const text = readEdgeList(path, options);
  let json: { type?: string; features?: LineFeature[] };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new NetworkFileError(path, `not valid JSON (${(error as Error).message})`);
  }
  if (json.type !== "FeatureCollection" || !Array.isArray(json.features)) throw new NetworkFileError(path, "expected a GeoJSON FeatureCollection of LineStrings");
  const first = json.features[0]?.properties ?? {};
  const nvdb = "FromNodeID" in first && "ToNodeID" in first;
  const links: RawLink[] = [];
  const skippedLinks: Record<string, number> = {};
  json.features.forEach((feature, i) => {
    const where = `${path}: feature ${i}`;
    const p = feature.properties ?? {};
    if (!feature.geometry || feature.geometry.type !== "LineString") throw new GeoInputError(`${where}: expected a LineString geometry`, path);
    const coords = feature.geometry.coordinates as Array<[number, number]>;
    const shape = coords.map((c) => [c[0], c[1]] as [number, number]);
    if (nvdb) {
      const oneway = String(p["ONEWAY"] ?? "B").toUpperCase();
      if (oneway === "N") {
        skippedLinks["closed to traffic (ONEWAY N)"] = (skippedLinks["closed to traffic (ONEWAY N)"] ?? 0) + 1;
        return;
      }
      const ft = Number(p["FT_MINUTES"]) * 60;
      const tf = Number(p["TF_MINUTES"]) * 60;
      links.push({
        from: String(p["FromNodeID"]),
        to: String(p["ToNodeID"]),
        coords: shape,
        lengthM: Number(p["METER_ORG"] ?? p["SHAPE_Length"]),
        roadClass: String(p["VEGTYPE"] ?? "default"),
        ...(Number.isFinite(ft) ? { forwardSec: ft } : {}),
        ...(Number.isFinite(tf) ? { backwardSec: tf } : {}),
        oneway: parseOneway(oneway, where),
      });
      return;
    }
    const num = (key: string) => (p[key] === undefined || p[key] === null ? undefined : Number(p[key]));
    const lengthM = num("length_m");
    const speedKmh = num("speed_kmh");
    const timeSec = num("time_s");
    const timeBackSec = num("time_back_s");
    const fixed = num("fixed_s");
    links.push({
      from: String(p["from"] ?? ""),
      to: String(p["to"] ?? ""),
      coords: shape,
      ...(lengthM !== undefined ? { lengthM } : {}),
      roadClass: String(p["road_class"] ?? "default"),
      ...(speedKmh !== undefined ? { speedKmh } : {}),
      ...(timeSec !== undefined ? { forwardSec: timeSec } : {}),
      ...(timeBackSec !== undefined ? { backwardSec: timeBackSec } : {}),
      oneway: parseOneway(p["oneway"] === undefined || p["oneway"] === null ? undefined : String(p["oneway"]), where),
      ferry: p["ferry"] === true || p["ferry"] === "yes",
      ...(fixed !== undefined ? { fixedSec: fixed } : {}),
    });
  });
  if (links.length === 0) throw new NetworkFileError(path, "no drivable links");
  return buildNetwork(links, { ...edgeListMeta(path, text, options, nvdb ? "nvdb" : "edge-list"), skippedLinks });
}

/** Edge list by file extension (.csv, or .geojson/.json). */
export function importEdgeListFile(path: string, options: EdgeListOptions = {}): RoadNetwork {
  return path.toLowerCase().endsWith(".csv") ? importEdgeListCsv(path, options) : importEdgeListGeoJson(path, options);
}
