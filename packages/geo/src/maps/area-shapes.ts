import { cellToBoundary, isValidCell } from "h3-js";
import type { ZoneSpec } from "@akutt/model";
import type { Boundaries } from "../boundaries/boundaries.js";

/** A GeoJSON feature for drawing an area on a map; `areaCode` holds the scenario's area code. */
export interface AreaShape {
  type: "Feature";
  properties: { areaCode: string; source: "boundary" | "zones" };
  geometry: { type: "MultiPolygon"; coordinates: number[][][][] };
}

export interface AreaShapeCollection {
  type: "FeatureCollection";
  features: AreaShape[];
}

/**
 * Shapes for a scenario's areas: the official boundary where the code is a municipality or Oslo
 * city district, otherwise (areas a scenario splits further, such as former Røyken and Hurum)
 * the union of the area's H3 zone cells, when the zone ids end in an H3 index as `akutt zones
 * build` writes them. Areas with neither are left out and drawn as "no data".
 */
export function areaShapes(areaCodes: readonly string[], zones: readonly ZoneSpec[], boundaries: Boundaries): AreaShapeCollection {
  const features: AreaShape[] = [];
  for (const code of areaCodes) {
    const official = boundaries.municipalities.get(code) ?? boundaries.districts.get(code);
    if (official) {
      features.push({ type: "Feature", properties: { areaCode: code, source: "boundary" }, geometry: { type: "MultiPolygon", coordinates: official.polygons } });
      continue;
    }
    const cells = zones.filter((zone) => zone.area === code).map((zone) => zone.id.split("-").pop() ?? "").filter((cell) => isValidCell(cell));
    if (cells.length === 0) continue;
    // GeoJSON order: [lon, lat], ring already closed.
    const polygons = cells.map((cell) => [cellToBoundary(cell, true)]);
    features.push({ type: "Feature", properties: { areaCode: code, source: "zones" }, geometry: { type: "MultiPolygon", coordinates: polygons } });
  }
  return { type: "FeatureCollection", features };
}
