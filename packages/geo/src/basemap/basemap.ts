import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Flatbush from "flatbush";
import { loadBoundaries, type Area, type Boundaries } from "../boundaries/boundaries.js";
import { geometryPolygons, type PolygonRings } from "../boundaries/polygon-index.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { GeoInputError } from "../errors/geo-errors.js";
import { LocalProjection, projectOnSegment } from "../geometry/distance.js";
import { LandMask } from "../land/land-mask.js";
import { loadMunicipalityTotals } from "../population/tables.js";
import { clipRegionToRect, nudgeBBox } from "./clip.js";
import { dissolvePartition } from "./dissolve.js";
import { labelPoint } from "./label-point.js";
import { bboxesIntersect, orientPolygon, reversed, ringBBox, signedArea2, type BBox, type Ring } from "./rings.js";
import { simplifyRing } from "./simplify.js";

export type BasemapBBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface BasemapAreaFeature {
  type: "Feature";
  properties: { kind: "sea" | "lake" | "builtup" };
  geometry: { type: "Polygon"; coordinates: number[][][] };
}

export interface BasemapPlaceFeature {
  type: "Feature";
  /** `code`: the municipality number; `population`: latest official total (for label priority), when the table is there. */
  properties: { kind: "place"; name: string; rank: "municipality" | "town"; code: string; population?: number };
  geometry: { type: "Point"; coordinates: [number, number] };
}

export type BasemapFeature = BasemapAreaFeature | BasemapPlaceFeature;

export interface BasemapLayers {
  type: "FeatureCollection";
  /** The requested bounding box. */
  bbox: BasemapBBox;
  /** Sea first, then lakes, built-up areas and places: the drawing order. */
  features: BasemapFeature[];
  attribution: string;
  /** What the layers show and what the data cannot show, for the map's legend or an info box. */
  notes: string[];
}

export interface BasemapOptions {
  /** Douglas–Peucker tolerance for sea and built-up outlines (m); default 25, at most 500. */
  toleranceM?: number;
  /** Leave out place names (default: included). */
  places?: boolean;
}

/** A bounding box or point the basemap cannot serve: not finite, out of order, or too large. */
export class BasemapInputError extends GeoInputError {
  constructor(message: string, subject = "bbox") {
    super(message, subject);
    this.name = "BasemapInputError";
  }
}

/** The largest box served: about the size of Innlandet, the largest county of Helse Sør-Øst (5.5° × 2.9°). */
export const BASEMAP_MAX_SPAN_DEG = { lon: 6, lat: 3 } as const;
export const BASEMAP_DEFAULT_TOLERANCE_M = 25;

const DECIMALS = 1e5; // ~1 m: well below the drawing tolerance, and a third off the JSON
/** The counties whose coast the N1000 coastline file holds (Helse Sør-Øst; data README). */
const COAST_DATA_COUNTIES = new Set(["03", "31", "32", "33", "34", "39", "40", "42"]);
/** Land outline vertices farther than this from the N1000 coastline are taken as the national border. */
const COAST_NEAR_M = 1_500;

export const BASEMAP_ATTRIBUTION =
  "© Kartverket: municipality boundaries 2024 (land and sea) and N1000 built-up areas and coastline, CC BY 4.0; population © SSB, CC BY 4.0";

// ---------------------------------------------------------------------------------------------
// Memoised per data folder

interface LandOutline {
  /** Rings of the land (land on the left), simplified. */
  rings: Ring[];
  bboxes: BBox[];
  /** Enclosed non-land rings in the unsimplified land (lakes, if the polygons had them). */
  enclosedWater: number;
}

const rawLandMemo = new Map<string, Ring[]>();
const landMemo = new Map<string, LandOutline>();
const builtUpMemo = new Map<string, Ring[][] | null>();
const coastMemo = new Map<string, CoastIndex | null>();
const labelMemo = new Map<string, Map<string, [number, number]>>();
const populationMemo = new Map<string, Map<string, number> | null>();

function landOutline(dataDir: string, toleranceM: number): LandOutline {
  const key = `${dataDir}\u0000${toleranceM}`;
  const known = landMemo.get(key);
  if (known) return known;
  let raw = rawLandMemo.get(dataDir);
  if (!raw) {
    const boundaries = loadBoundaries(dataDir);
    raw = dissolvePartition([...boundaries.municipalities.values()].flatMap((area) => area.polygons));
    rawLandMemo.set(dataDir, raw);
  }
  const minAreaM2 = (2 * toleranceM) ** 2;
  const rings = raw.map((ring) => simplifyRing(ring, toleranceM, minAreaM2)).filter((ring): ring is Ring => ring !== null);
  const outline = { rings, bboxes: rings.map(ringBBox), enclosedWater: raw.filter((ring) => signedArea2(ring) < 0).length };
  landMemo.set(key, outline);
  return outline;
}

interface FeatureCollectionJson {
  features?: Array<{ geometry?: { type: string; coordinates: unknown } | null }>;
}

function readGeoJson(path: string): FeatureCollectionJson {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as FeatureCollectionJson;
  } catch (error) {
    throw new GeoInputError(`${path}: not valid JSON (${(error as Error).message})`, path);
  }
}

function builtUpPolygons(dataDir: string): Ring[][] | null {
  if (builtUpMemo.has(dataDir)) return builtUpMemo.get(dataDir)!;
  const path = join(dataDir, DATASET_PATHS.n1000BuiltUp);
  const polygons = existsSync(path)
    ? (readGeoJson(path).features ?? []).flatMap((f) => (f.geometry ? geometryPolygons(f.geometry) : [])).map((polygon) => orientPolygon(polygon))
    : null;
  builtUpMemo.set(dataDir, polygons);
  return polygons;
}

/** The N1000 coastline's segments, to tell coast from national border. */
interface CoastIndex {
  index: Flatbush;
  segments: Float64Array; // x0 y0 x1 y1 in degrees
  extent: BBox;
}

function coastIndex(dataDir: string): CoastIndex | null {
  if (coastMemo.has(dataDir)) return coastMemo.get(dataDir)!;
  const path = join(dataDir, DATASET_PATHS.n1000Coastline);
  let result: CoastIndex | null = null;
  if (existsSync(path)) {
    const lines: number[][][] = [];
    for (const f of readGeoJson(path).features ?? []) {
      if (f.geometry?.type === "LineString") lines.push(f.geometry.coordinates as number[][]);
      else if (f.geometry?.type === "MultiLineString") lines.push(...(f.geometry.coordinates as number[][][]));
    }
    const count = lines.reduce((sum, line) => sum + Math.max(0, line.length - 1), 0);
    if (count > 0) {
      const segments = new Float64Array(count * 4);
      const index = new Flatbush(count);
      let k = 0;
      for (const line of lines) {
        for (let i = 0; i + 1 < line.length; i++) {
          const [ax, ay] = line[i] as [number, number];
          const [bx, by] = line[i + 1] as [number, number];
          segments.set([ax, ay, bx, by], k * 4);
          index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
          k++;
        }
      }
      index.finish();
      result = { index, segments, extent: [index.minX, index.minY, index.maxX, index.maxY] };
    }
  }
  coastMemo.set(dataDir, result);
  return result;
}

function nearCoast(coast: CoastIndex, lon: number, lat: number): boolean {
  const projection = new LocalProjection(lat);
  const dLat = COAST_NEAR_M / projection.metresPerDegLat;
  const dLon = COAST_NEAR_M / projection.metresPerDegLon;
  const px = projection.x(lon);
  const py = projection.y(lat);
  for (const i of coast.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
    const s = coast.segments.subarray(i * 4, i * 4 + 4);
    const hit = projectOnSegment(px, py, projection.x(s[0]!), projection.y(s[1]!), projection.x(s[2]!), projection.y(s[3]!));
    if (hit.distanceSq <= COAST_NEAR_M * COAST_NEAR_M) return true;
  }
  return false;
}

function municipalityPopulation(dataDir: string): Map<string, number> | null {
  if (populationMemo.has(dataDir)) return populationMemo.get(dataDir)!;
  let result: Map<string, number> | null = null;
  if (existsSync(join(dataDir, DATASET_PATHS.municipalityTotals))) {
    const totals = loadMunicipalityTotals(dataDir);
    result = new Map();
    for (const [code, years] of totals.byCode) {
      const value = years.get(totals.latestYear);
      if (value !== undefined) result.set(code, value);
    }
  }
  populationMemo.set(dataDir, result);
  return result;
}

/** Label point of a municipality's largest polygon (memoised). */
function municipalityLabel(dataDir: string, area: Area): [number, number] {
  let labels = labelMemo.get(dataDir);
  if (!labels) {
    labels = new Map();
    labelMemo.set(dataDir, labels);
  }
  let point = labels.get(area.code);
  if (!point) {
    point = labelPoint(largestPolygon(area.polygons.map((p) => orientPolygon(p))));
    labels.set(area.code, point);
  }
  return point;
}

function largestPolygon(polygons: readonly PolygonRings[]): PolygonRings {
  let best = polygons[0]!;
  for (const polygon of polygons) if (Math.abs(signedArea2(polygon[0]!)) > Math.abs(signedArea2(best[0]!))) best = polygon;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Checks a bounding box: four finite numbers, ordered, within WGS84 and at most the size of a large county. */
export function checkBasemapBBox(bbox: unknown): BasemapBBox {
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new BasemapInputError(`bbox must be four finite numbers [minLon, minLat, maxLon, maxLat], got ${JSON.stringify(bbox)}`);
  }
  const [minLon, minLat, maxLon, maxLat] = bbox as BasemapBBox;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) throw new BasemapInputError(`bbox ${JSON.stringify(bbox)} is outside WGS84 longitude/latitude`);
  if (!(minLon < maxLon && minLat < maxLat)) throw new BasemapInputError(`bbox ${JSON.stringify(bbox)} is not ordered [minLon, minLat, maxLon, maxLat] with a positive width and height`);
  if (maxLon - minLon > BASEMAP_MAX_SPAN_DEG.lon || maxLat - minLat > BASEMAP_MAX_SPAN_DEG.lat) {
    throw new BasemapInputError(
      `bbox ${JSON.stringify(bbox)} spans ${(maxLon - minLon).toFixed(2)}° × ${(maxLat - minLat).toFixed(2)}°; at most ${BASEMAP_MAX_SPAN_DEG.lon}° of longitude × ${BASEMAP_MAX_SPAN_DEG.lat}° of latitude (about a county) is served`,
    );
  }
  return [minLon, minLat, maxLon, maxLat];
}

/**
 * Whether a point is on land by the same test the road-network model's access links and the
 * land-grid fallback use (`LandMask`: inside a 2024 municipality polygon, which follows the
 * coastline; lakes count as land). The basemap's sea is the complement of the same polygons,
 * simplified for drawing.
 */
export function isOnLand(dataDir: string, lat: number, lon: number): boolean {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    throw new BasemapInputError(`not a WGS84 point: lat ${lat}, lon ${lon}`, "point");
  }
  return LandMask.fromBoundaries(loadBoundaries(dataDir)).isLand(lon, lat); // a view over the boundaries' cached index
}

/**
 * Background layers for a web map from the data folder: sea (the box minus the land of the 2024
 * municipality polygons), built-up areas (N1000) and place names (municipalities at an interior
 * point), as one GeoJSON FeatureCollection clipped to `bbox`. Loads are memoised per data folder.
 */
export function basemapLayers(dataDir: string, bbox: BasemapBBox, options: BasemapOptions = {}): BasemapLayers {
  const box = checkBasemapBBox(bbox);
  const toleranceM = options.toleranceM ?? BASEMAP_DEFAULT_TOLERANCE_M;
  if (!Number.isFinite(toleranceM) || toleranceM < 0 || toleranceM > 500) throw new BasemapInputError(`toleranceM must be between 0 and 500 m, got ${toleranceM}`, "toleranceM");
  const rect = nudgeBBox(box);
  const land = landOutline(dataDir, toleranceM);
  const boundaries = loadBoundaries(dataDir);
  const notes: string[] = [];
  const features: BasemapFeature[] = [];

  const landHere = land.rings.filter((_, i) => bboxesIntersect(land.bboxes[i]!, rect));
  const municipalitiesHere = [...boundaries.municipalities.values()].filter((area) => area.polygons.some((p) => bboxesIntersect(ringBBox(p[0]!), rect)));
  if (municipalitiesHere.length === 0) {
    throw new BasemapInputError(`bbox ${JSON.stringify(bbox)} does not reach any Norwegian municipality, the only land the data hold`);
  }

  // Sea: the region right of the land's rings, i.e. left of them reversed, and everything outside them.
  // Rings entirely outside the box matter only for whether the box lies wholly inside land.
  const seaRings = land.rings.map((ring, i) => (bboxesIntersect(land.bboxes[i]!, rect) ? reversed(ring) : ring));
  let sea = clipRegionToRect(seaRings, rect, true);
  const coast = coastIndex(dataDir);
  if (coast) {
    // Non-land beyond the national border (Sweden) is not sea. A piece is taken as abroad when none
    // of its shore runs near the N1000 coastline and most of it lies where that file is complete
    // (the Helse Sør-Øst counties); elsewhere (fjords of Vestland in a box over Innlandet) it stays sea.
    const shores = sea.map((polygon) => shoreOf(polygon[0]!, rect, coast, boundaries));
    const isAbroad = shores.map((shore) => shore.coastal === 0 && shore.covered > 0.5);
    const abroad = isAbroad.filter(Boolean);
    if (abroad.length > 0) {
      sea = sea.filter((_, i) => !isAbroad[i]);
      notes.push(
        `${abroad.length} area(s) outside Norway are left blank rather than drawn as sea: their edge is the national border, not the N1000 coastline (the data hold no land beyond Norway, and isOnLand is false there).`,
      );
    }
    if (shores.some((shore, i) => !isAbroad[i] && shore.coastal < 0.99 && shore.covered > 0.5)) {
      notes.push("Part of the sea drawn here is bounded by the national border: the data hold no land beyond Norway, so foreign land that joins the sea inside the box is drawn as sea.");
    }
  } else {
    notes.push(`The N1000 coastline (${DATASET_PATHS.n1000Coastline}) is missing from the data folder, so everything outside Norway's municipalities is drawn as sea, land abroad included.`);
  }
  for (const polygon of sea) pushPolygon(features, "sea", polygon);

  if (land.enclosedWater === 0) {
    notes.push(
      "No lakes: the municipality polygons include lakes as land (Mjøsa, Tyrifjorden, Bogstadvannet are inside them) and the data folder has no lake dataset, so no lakes are drawn and a point in a lake counts as on land, as it does for the travel models.",
    );
  }

  const builtUp = builtUpPolygons(dataDir);
  if (builtUp) {
    for (const polygon of builtUp) {
      if (!bboxesIntersect(ringBBox(polygon[0]!), rect)) continue;
      const simplified = polygon.map((ring) => simplifyRing(ring, toleranceM)).filter((ring): ring is Ring => ring !== null);
      if (simplified.length === 0 || signedArea2(simplified[0]!) <= 0) continue;
      for (const piece of clipRegionToRect(simplified, rect, false)) pushPolygon(features, "builtup", piece);
    }
    notes.push(
      "Built-up areas are Kartverket's N1000 'Tettbebyggelse' polygons (1:1 000 000); the file holds only 202 of the source's 1,191 areas (the rest have no geometry), so smaller built-up areas such as Sætre are missing.",
    );
  } else notes.push(`No built-up areas: ${DATASET_PATHS.n1000BuiltUp} is missing from the data folder.`);

  if (options.places !== false) {
    const population = municipalityPopulation(dataDir);
    const bboxAreaDeg = (rect[2] - rect[0]) * (rect[3] - rect[1]);
    for (const area of municipalitiesHere) {
      let point = municipalityLabel(dataDir, area);
      if (!inRect(point, rect)) {
        // Only part of the municipality is in view: label the largest part that is, if it is not a sliver.
        const pieces = area.polygons.flatMap((polygon) => clipRegionToRect(orientPolygon(polygon), rect, false));
        if (pieces.length === 0) continue;
        const piece = largestPolygon(pieces);
        if (Math.abs(signedArea2(piece[0]!)) / 2 < bboxAreaDeg * 0.01) continue;
        point = labelPoint(piece);
      }
      const people = population?.get(area.code);
      features.push({
        type: "Feature",
        properties: { kind: "place", name: area.name, rank: "municipality", code: area.code, ...(people !== undefined ? { population: people } : {}) },
        geometry: { type: "Point", coordinates: [round(point[0]), round(point[1])] },
      });
    }
    notes.push(
      "Place names are municipality names only, placed at an interior point of the municipality (or of its part in view): the N1000 built-up areas carry no names and the data folder has no gazetteer, so no town names are shown.",
    );
  }
  notes.push(
    `Coastlines are simplified to ${toleranceM} m for drawing; within about that distance of the shore the drawn sea and isOnLand (unsimplified polygons, medium generalisation) may disagree.`,
  );
  return { type: "FeatureCollection", bbox: box, features, attribution: BASEMAP_ATTRIBUTION, notes };
}

// ---------------------------------------------------------------------------------------------

function inRect(p: [number, number], rect: BBox): boolean {
  return p[0] > rect[0] && p[0] < rect[2] && p[1] > rect[1] && p[1] < rect[3];
}

function round(v: number): number {
  return Math.round(v * DECIMALS) / DECIMALS;
}

function pushPolygon(features: BasemapFeature[], kind: "sea" | "lake" | "builtup", polygon: PolygonRings): void {
  const rings: number[][][] = [];
  for (const ring of polygon) {
    const out: number[][] = [];
    for (const p of ring) {
      const q = [round(p[0]!), round(p[1]!)];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    if (out.length >= 4) rings.push(out);
    else if (rings.length === 0) return; // the outer ring collapsed
  }
  if (rings.length > 0) features.push({ type: "Feature", properties: { kind }, geometry: { type: "Polygon", coordinates: rings } });
}

/**
 * A sea ring's shore (its length not along the box's edge): the share that runs near the N1000
 * coastline, and the share the coastline file covers (it holds the coast of the Helse Sør-Øst
 * counties + 1 km; a shore vertex is a vertex of the municipality polygons, as simplification keeps
 * a subset of them, so the municipality it belongs to says which county it is in).
 */
function shoreOf(ring: Ring, rect: BBox, coast: CoastIndex, boundaries: Boundaries): { coastal: number; covered: number } {
  const onEdge = (p: number[]) => p[0] === rect[0] || p[0] === rect[2] || p[1] === rect[1] || p[1] === rect[3];
  let shore = 0;
  let coastal = 0;
  let covered = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    if (onEdge(a) && onEdge(b)) continue;
    const midLon = (a[0]! + b[0]!) / 2;
    const midLat = (a[1]! + b[1]!) / 2;
    const projection = new LocalProjection(midLat);
    const length = Math.hypot((b[0]! - a[0]!) * projection.metresPerDegLon, (b[1]! - a[1]!) * projection.metresPerDegLat);
    shore += length;
    if (nearCoast(coast, midLon, midLat)) coastal += length;
    const vertex = onEdge(a) ? b : a;
    const county = boundaries.municipalityIndex.find(vertex[0]!, vertex[1]!)?.countyCode;
    if (county !== undefined && COAST_DATA_COUNTIES.has(county)) covered += length;
  }
  return shore === 0 ? { coastal: 1, covered: 1 } : { coastal: coastal / shore, covered: covered / shore };
}
