import Flatbush from "flatbush";

/** Farthest an incident place may lie from a zone centroid and still belong to that zone. */
export const MAX_ZONE_DISTANCE_M = 3_000;
const M_PER_DEG_LAT = 111_320;

/**
 * Nearest zone centroid for a coordinate: for a scenario's H3 zones that is the zone whose hexagon
 * holds the point (a regular hexagon grid is the Voronoi diagram of its centres); for other zone
 * sets, the nearest centre. Points farther than MAX_ZONE_DISTANCE_M from every centroid are outside.
 */
export class ZoneLocator {
  private readonly index: Flatbush;
  private readonly cosLat: number;

  constructor(private readonly zones: ReadonlyArray<{ id: string; lat: number; lon: number }>) {
    if (zones.length === 0) throw new Error("no zones to locate in");
    const meanLat = zones.reduce((sum, zone) => sum + zone.lat, 0) / zones.length;
    // Longitude scaled by cos(latitude) so index distances are in (latitude) degrees over the region.
    this.cosLat = Math.cos((meanLat * Math.PI) / 180);
    this.index = new Flatbush(zones.length);
    for (const zone of zones) this.index.add(zone.lon * this.cosLat, zone.lat);
    this.index.finish();
  }

  /** Zone id, or undefined outside every zone. */
  zoneAt(lat: number, lon: number): string | undefined {
    const [nearest] = this.index.neighbors(lon * this.cosLat, lat, 1, MAX_ZONE_DISTANCE_M / M_PER_DEG_LAT);
    return nearest === undefined ? undefined : this.zones[nearest]?.id;
  }
}
