import { cellToLatLng, latLngToCell, polygonToCells } from "h3-js";
import { areaLookup, type Area } from "../boundaries/boundaries.js";
import { GeoInputError } from "../errors/geo-errors.js";
import { areaPopulation, type PopulationProvenance } from "../population/area-population.js";
import { ssbCorner, ssbIdOf, type GridCell } from "../population/grid-cells.js";

export type ZoneMethod = { kind: "h3"; resolution: number } | { kind: "ssb-grid"; cellSizeM: number };

export interface ZoneRecord {
  id: string;
  area: string;
  lat: number;
  lon: number;
  population: number;
}

/** The zones file (format `zonesFileSchema` of @akutt/model): version 1, zones, provenance. */
export interface ZonesFile {
  version: 1;
  zones: ZoneRecord[];
  provenance: {
    generatedBy: string;
    method: string;
    rule: string;
    areas: Record<string, PopulationProvenance & { zones: number }>;
    attribution: string[];
  };
}

export const POPULATION_ATTRIBUTION = [
  "© Statistisk sentralbyrå (SSB): population tables 07459/10826 and statistical population grids, CC BY 4.0 (modified: aggregated, scaled)",
  "© Kartverket: municipality boundaries, CC BY 4.0",
  "© Oslo kommune: city-district division",
];

/**
 * Demand zones for the given areas. Every inhabited grid cell (SSB 100/250/1000 m) goes to the zone
 * of its centre: an H3 hexagon or an SSB grid cell of the chosen size, kept apart per area, so a hexagon
 * on a border gives one zone per area. A zone's point is the inhabited cell nearest to the zone's
 * population-weighted centre, so it lies on land where people live. Populations are rounded to whole
 * persons so that each area adds up exactly to its official total.
 */
export function buildZones(dataDir: string, areas: readonly Area[], method: ZoneMethod): ZonesFile {
  if (areas.length === 0) throw new GeoInputError("no areas given for the zones");
  checkOverlap(areas);
  if (method.kind === "h3" && !(Number.isInteger(method.resolution) && method.resolution >= 5 && method.resolution <= 11)) {
    throw new GeoInputError(`H3 resolution ${method.resolution} is outside 5–11 (7 ≈ 5 km², 8 ≈ 0.74 km², 9 ≈ 0.1 km²)`);
  }
  if (method.kind === "ssb-grid" && ![100, 250, 500, 1000, 2000, 5000].includes(method.cellSizeM)) {
    throw new GeoInputError(`SSB grid cell size ${method.cellSizeM} m is not one of 100, 250, 500, 1000, 2000, 5000`);
  }
  const zones: ZoneRecord[] = [];
  const provenance: ZonesFile["provenance"]["areas"] = {};
  for (const area of areas) {
    const { cells, provenance: source } = areaPopulation(dataDir, area);
    const areaZones = cells.length > 0 ? zonesFromCells(area, cells, method) : zonesFromTotal(area, source.population, method);
    roundToTotal(areaZones, source.population);
    const kept = areaZones.filter((z) => z.population > 0);
    zones.push(...kept);
    provenance[area.code] = { ...source, zones: kept.length };
  }
  return {
    version: 1,
    zones,
    provenance: {
      generatedBy: "akutt zones build",
      method: method.kind === "h3" ? `H3 hexagons, resolution ${method.resolution}` : `SSB grid cells of ${method.cellSizeM} m`,
      rule: "each inhabited population-grid cell goes to the zone containing its centre, per area; zone point = inhabited cell nearest the population-weighted centre; populations rounded to whole persons adding up to the official total",
      areas: provenance,
      attribution: POPULATION_ATTRIBUTION,
    },
  };
}

function checkOverlap(areas: readonly Area[]): void {
  const codes = new Set(areas.map((a) => a.code));
  if (codes.size !== areas.length) throw new GeoInputError("an area code is given twice");
  for (const area of areas) {
    if (area.kind === "city-district" && codes.has("0301")) {
      throw new GeoInputError(`area ${area.code} (${area.name}) lies inside 0301 Oslo: give either Oslo or its districts, not both`, area.code);
    }
  }
}

function zonesFromCells(area: Area, cells: readonly GridCell[], method: ZoneMethod): ZoneRecord[] {
  const groups = new Map<string, GridCell[]>();
  for (const cell of cells) {
    let key: string;
    if (method.kind === "h3") key = latLngToCell(cell.lat, cell.lon, method.resolution);
    else if (cell.sizeM >= method.cellSizeM) key = `ssb${cell.sizeM}-${cell.ssbId}`;
    else {
      const corner = ssbCorner(cell.ssbId);
      key = `ssb${method.cellSizeM}-${ssbIdOf(corner.x + cell.sizeM / 2, corner.y + cell.sizeM / 2, method.cellSizeM)}`;
    }
    const list = groups.get(key);
    if (list) list.push(cell);
    else groups.set(key, [cell]);
  }
  const zones: ZoneRecord[] = [];
  for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const total = members.reduce((a, c) => a + c.population, 0);
    let lat = 0;
    let lon = 0;
    for (const c of members) {
      lat += (c.lat * c.population) / (total || 1);
      lon += (c.lon * c.population) / (total || 1);
    }
    if (total === 0) {
      lat = members[0]!.lat;
      lon = members[0]!.lon;
    }
    const cosLat = Math.cos((lat * Math.PI) / 180);
    let point = members[0]!;
    let best = Infinity;
    for (const c of members) {
      const d = ((c.lon - lon) * cosLat) ** 2 + (c.lat - lat) ** 2;
      if (d < best) {
        best = d;
        point = c;
      }
    }
    zones.push({ id: `${area.code}-${key}`, area: area.code, lat: point.lat, lon: point.lon, population: total });
  }
  return zones;
}

/** Total only: the H3 cells (or a coarse H3 stand-in for grid sizes) whose centres are in the area, evenly. */
function zonesFromTotal(area: Area, population: number, method: ZoneMethod): ZoneRecord[] {
  const resolution = method.kind === "h3" ? method.resolution : method.cellSizeM <= 250 ? 10 : method.cellSizeM <= 1000 ? 8 : 7;
  const hexes = new Set<string>();
  for (const rings of area.polygons) for (const h of polygonToCells(rings, resolution, true)) hexes.add(h);
  if (hexes.size === 0) {
    throw new GeoInputError(`area ${area.code} (${area.name}) has no population grid and is smaller than one zone at this resolution; choose a finer one`, area.code);
  }
  const lookup = areaLookup([area]);
  const inside = [...hexes].sort().filter((h) => {
    const [lat, lon] = cellToLatLng(h);
    return lookup.contains(lon, lat);
  });
  return inside.map((h) => {
    const [lat, lon] = cellToLatLng(h);
    return { id: `${area.code}-${h}`, area: area.code, lat: round5(lat), lon: round5(lon), population: population / inside.length };
  });
}

/** Largest-remainder rounding to whole persons with the exact total. */
function roundToTotal(zones: ZoneRecord[], total: number): void {
  const target = Math.round(total);
  const floors = zones.map((z) => Math.floor(z.population));
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = zones.map((z, i) => ({ i, r: z.population - Math.floor(z.population) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i]! += 1;
    missing--;
  }
  zones.forEach((z, i) => {
    z.population = floors[i]!;
  });
}

function round5(x: number): number {
  return Math.round(x * 100_000) / 100_000;
}
