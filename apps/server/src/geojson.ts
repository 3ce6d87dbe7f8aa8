import { areaShapes, loadBoundaries, type Boundaries } from "@akutt/geo";
import type { Scenario } from "@akutt/model";
import type { VehicleGroup } from "./tasks/task-types.js";

type Geometry = { type: "Point"; coordinates: [number, number] } | { type: "MultiPolygon"; coordinates: number[][][][] };
export interface MapFeature {
  type: "Feature";
  id?: number;
  properties: Record<string, string | number | boolean | null>;
  geometry: Geometry;
}
export interface MapCollection {
  type: "FeatureCollection";
  features: MapFeature[];
  /** Set when the boundary data could not be read: areas are then drawn only where zones are H3 cells. */
  note: string | null;
}

/** Boundaries are read once per data directory. */
const boundaryCache = new Map<string, Boundaries | Error>();
function boundaries(dataDir: string): Boundaries | Error {
  let cached = boundaryCache.get(dataDir);
  if (!cached) {
    try {
      cached = loadBoundaries(dataDir);
    } catch (error) {
      cached = error instanceof Error ? error : new Error(String(error));
    }
    boundaryCache.set(dataDir, cached);
  }
  return cached;
}

/**
 * Everything the map draws for a scenario, as one GeoJSON collection told apart by `kind`:
 * area (municipality / city-district polygons, or H3 zone cells), zone, station (with its
 * vehicles), standby and hospital points.
 */
export function scenarioGeoJson(scenario: Scenario, groups: VehicleGroup[], dataDir: string): MapCollection {
  const features: MapFeature[] = [];
  const areaName = new Map(scenario.areas.map((area) => [area.code, area.name]));
  const loaded = boundaries(dataDir);
  let note: string | null = null;
  const codes = scenario.areas.map((area) => area.code);
  const shapes = loaded instanceof Error ? emptyShapes() : areaShapes(codes, scenario.zones, loaded);
  if (loaded instanceof Error) note = `boundaries not available: ${loaded.message}`;
  for (const shape of shapes.features) {
    const area = scenario.areas.find((candidate) => candidate.code === shape.properties.areaCode);
    features.push({
      type: "Feature",
      properties: { kind: "area", areaCode: shape.properties.areaCode, name: areaName.get(shape.properties.areaCode) ?? shape.properties.areaCode, areaClass: area?.class ?? null, organisation: area?.responsibleOrganisation ?? null },
      geometry: shape.geometry,
    });
  }
  for (const zone of scenario.zones) {
    features.push({ type: "Feature", properties: { kind: "zone", id: zone.id, areaCode: zone.area, population: zone.population ?? null }, geometry: point(zone.lon, zone.lat) });
  }
  for (const station of scenario.stations) {
    const vehicles = groups.filter((group) => group.station === station.id);
    features.push({
      type: "Feature",
      properties: { kind: "station", id: station.id, name: station.name ?? station.id, owner: station.owner, vehicles: vehicles.reduce((sum, group) => sum + group.count, 0) },
      geometry: point(station.lon, station.lat),
    });
  }
  for (const standby of scenario.standbyPoints) {
    features.push({ type: "Feature", properties: { kind: "standby", id: standby.id, name: standby.name ?? standby.id, owner: standby.owner }, geometry: point(standby.lon, standby.lat) });
  }
  for (const destination of scenario.destinations) {
    features.push({ type: "Feature", properties: { kind: "hospital", id: destination.id, name: destination.name ?? destination.id, destinationKind: destination.kind ?? "hospital" }, geometry: point(destination.lon, destination.lat) });
  }
  features.forEach((feature, i) => (feature.id = i));
  return { type: "FeatureCollection", features, note };
}

function point(lon: number, lat: number): Geometry {
  return { type: "Point", coordinates: [lon, lat] };
}

function emptyShapes(): ReturnType<typeof areaShapes> {
  return { type: "FeatureCollection", features: [] };
}
