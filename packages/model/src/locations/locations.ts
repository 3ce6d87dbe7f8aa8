import type { AreaClass } from "../scenario/schema.js";
import type { Scenario } from "../scenario/load.js";

export type LocationKind = "zone" | "station" | "standby" | "destination";

/** A point that vehicles travel between. Zones come first, so a zone's index is its location index. */
export interface Location {
  index: number;
  id: string;
  kind: LocationKind;
  lat: number;
  lon: number;
  /** Area class used for speeds: the zone's area, or the area of the nearest zone for other points. */
  areaClass: AreaClass;
  /** Ids of the stations, standby points and destinations that stand at this zone (`zone:`) and share its index. */
  aliases?: string[];
}

/**
 * The one indexing of points shared by the engine and every travel-time model:
 * zones, then stations, then standby points, then destinations, each in scenario order. A station,
 * standby point or destination that stands at a zone (`zone:`) is no point of its own: its id is an
 * alias of the zone's location (so a zone-based travel matrix needs no row for it).
 */
export function buildLocations(scenario: Pick<Scenario, "zones" | "stations" | "standbyPoints" | "destinations" | "areas">): Location[] {
  const classOfArea = new Map(scenario.areas.map((area) => [area.code, area.class]));
  const locations: Location[] = [];
  for (const zone of scenario.zones) {
    locations.push({ index: locations.length, id: zone.id, kind: "zone", lat: zone.lat, lon: zone.lon, areaClass: classOfArea.get(zone.area) ?? "tettbygd" });
  }
  const nearestZoneClass = (lat: number, lon: number): AreaClass => {
    let best: AreaClass = "tettbygd";
    let bestDistance = Infinity;
    const cosLat = Math.cos((lat * Math.PI) / 180);
    for (const zone of scenario.zones) {
      const dx = (zone.lon - lon) * cosLat;
      const dy = zone.lat - lat;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = classOfArea.get(zone.area) ?? "tettbygd";
      }
    }
    return best;
  };
  const zoneIndex = new Map(scenario.zones.map((zone, z) => [zone.id, z]));
  const add = (kind: LocationKind, points: ReadonlyArray<{ id: string; lat: number; lon: number; zone?: string | undefined }>) => {
    for (const point of points) {
      const atZone = point.zone === undefined ? undefined : zoneIndex.get(point.zone);
      if (atZone !== undefined) {
        (locations[atZone]!.aliases ??= []).push(point.id);
        continue;
      }
      locations.push({ index: locations.length, id: point.id, kind, lat: point.lat, lon: point.lon, areaClass: nearestZoneClass(point.lat, point.lon) });
    }
  };
  add("station", scenario.stations);
  add("standby", scenario.standbyPoints);
  add("destination", scenario.destinations);
  return locations;
}

/** Location index of every id: each location's own id and its aliases (places standing at a zone). */
export function locationIndexById(locations: readonly Location[]): Map<string, number> {
  const indexOf = new Map<string, number>();
  for (const location of locations) {
    indexOf.set(location.id, location.index);
    for (const alias of location.aliases ?? []) indexOf.set(alias, location.index);
  }
  return indexOf;
}
