import Flatbush from "flatbush";
import inside from "point-in-polygon-hao";

/** One polygon: outer ring then holes, each ring a closed list of [lon, lat]. */
export type PolygonRings = number[][][];

export interface IndexedPolygon<T> {
  value: T;
  rings: PolygonRings;
}

/**
 * Point-in-polygon lookup over many polygons: a Flatbush index of their bounding boxes, then an
 * exact ray test (point-in-polygon-hao). Points on a boundary count as inside.
 */
export class PolygonIndex<T> {
  private readonly index: Flatbush | null;
  constructor(readonly polygons: readonly IndexedPolygon<T>[]) {
    if (polygons.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(polygons.length);
    for (const polygon of polygons) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const point of polygon.rings[0] ?? []) {
        const x = point[0] ?? 0;
        const y = point[1] ?? 0;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
      index.add(minX, minY, maxX, maxY);
    }
    index.finish();
    this.index = index;
  }

  /** The value of the first polygon containing the point, or undefined. */
  find(lon: number, lat: number): T | undefined {
    if (!this.index) return undefined;
    for (const i of this.index.search(lon, lat, lon, lat)) {
      const polygon = this.polygons[i];
      if (polygon && inside([lon, lat], polygon.rings) !== false) return polygon.value;
    }
    return undefined;
  }

  contains(lon: number, lat: number): boolean {
    return this.find(lon, lat) !== undefined;
  }

  /** Bounding box of all polygons: [minLon, minLat, maxLon, maxLat]. */
  bounds(): [number, number, number, number] {
    if (!this.index) return [0, 0, 0, 0];
    return [this.index.minX, this.index.minY, this.index.maxX, this.index.maxY];
  }
}

/** Splits a GeoJSON Polygon or MultiPolygon geometry into polygons. */
export function geometryPolygons(geometry: { type: string; coordinates: unknown }): PolygonRings[] {
  if (geometry.type === "Polygon") return [geometry.coordinates as PolygonRings];
  if (geometry.type === "MultiPolygon") return geometry.coordinates as PolygonRings[];
  return [];
}
