import type { ZoneSpec } from "../scenario/schema.js";

/**
 * Zones from a CSV table read in place (e.g. a benchmark's list of postal-code areas): one zone per
 * row, with the columns the scenario names. Coordinates are WGS 84 (EPSG:4326: x = longitude,
 * y = latitude) or Dutch RD New (EPSG:28992, metres), converted to WGS 84.
 */
export interface CsvZonesSpec {
  /** Column of the zone id. */
  id: string;
  /** Columns of the coordinates: longitude and latitude, or easting and northing. */
  x: string;
  y: string;
  crs?: "EPSG:4326" | "EPSG:28992" | undefined;
  /** Column of the demand weight (any non-negative numbers, e.g. shares of the population). */
  weight?: string | undefined;
  /** Column of the population. */
  population?: string | undefined;
  /** Column of the area code, or `areaCode` for one area for every zone. */
  area?: string | undefined;
  areaCode?: string | undefined;
}

export class CsvZonesError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
    this.name = "CsvZonesError";
  }
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Zones from CSV text (header row, comma-separated, no quoting; a byte-order mark is ignored). */
export function parseCsvZones(text: string, spec: CsvZonesSpec): ZoneSpec[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((cell) => cell.trim());
  const column = (name: string | undefined, what: string): number | undefined => {
    if (name === undefined) return undefined;
    const k = header.indexOf(name);
    if (k < 0) throw new CsvZonesError(`no column "${name}" (${what}) in the header; columns: ${header.map((h) => `"${h}"`).join(", ")}`, 1);
    return k;
  };
  if ((spec.area === undefined) === (spec.areaCode === undefined)) throw new CsvZonesError("give exactly one of area (a column) or areaCode (one area for every zone)", undefined);
  const idColumn = column(spec.id, "id")!;
  const xColumn = column(spec.x, "x")!;
  const yColumn = column(spec.y, "y")!;
  const weightColumn = column(spec.weight, "weight");
  const populationColumn = column(spec.population, "population");
  const areaColumn = column(spec.area, "area");
  const rd = spec.crs === "EPSG:28992";
  const zones: ZoneSpec[] = [];
  for (let n = 2; n <= lines.length; n++) {
    const line = lines[n - 1]!.trim();
    if (line === "") continue;
    const cells = line.split(",").map((cell) => cell.trim());
    const number = (k: number, what: string, nonNegative = false): number => {
      const value = Number(cells[k]);
      if (cells[k] === undefined || cells[k] === "" || !Number.isFinite(value) || (nonNegative && value < 0)) throw new CsvZonesError(`${what} must be a ${nonNegative ? "non-negative " : ""}number, got "${cells[k] ?? ""}"`, n);
      return value;
    };
    const id = cells[idColumn] ?? "";
    if (!ID.test(id)) throw new CsvZonesError(`zone id "${id}" is not an id of letters, digits, '-', '_', '.' or ':'`, n);
    const x = number(xColumn, spec.x);
    const y = number(yColumn, spec.y);
    const [lat, lon] = rd ? rdNewToWgs84(x, y) : [y, x];
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) throw new CsvZonesError(`coordinates (${x}, ${y}) are not a position on Earth in ${spec.crs ?? "EPSG:4326"}`, n);
    const zone: ZoneSpec = { id, area: areaColumn === undefined ? spec.areaCode! : (cells[areaColumn] ?? ""), lat, lon };
    if (populationColumn !== undefined) zone.population = number(populationColumn, spec.population!, true);
    if (weightColumn !== undefined) zone.weight = number(weightColumn, spec.weight!, true);
    zones.push(zone);
  }
  if (zones.length === 0) throw new CsvZonesError("no zones: the table has no rows", undefined);
  return zones;
}

// Schreutelkamp and Strang van Hees, "Benaderingsformules voor de transformatie tussen RD- en
// WGS84-kaartcoördinaten" (2001): within about a metre of the full datum transformation in the
// Netherlands (0.3 m from PROJ's EPSG:28992 → EPSG:4326 at the test points in csv-zones.test.ts).
const K: Array<[number, number, number]> = [
  [0, 1, 3235.65389], [2, 0, -32.58297], [0, 2, -0.2475], [2, 1, -0.84978], [0, 3, -0.0655], [2, 2, -0.01709],
  [1, 0, -0.00738], [4, 0, 0.0053], [2, 3, -0.00039], [4, 1, 0.00033], [1, 1, -0.00012],
];
const L: Array<[number, number, number]> = [
  [1, 0, 5260.52916], [1, 1, 105.94684], [1, 2, 2.45656], [3, 0, -0.81885], [1, 3, 0.05594], [3, 1, -0.05607],
  [0, 1, 0.01199], [3, 2, -0.00256], [1, 4, 0.00128], [0, 2, 0.00022], [2, 0, -0.00022], [5, 0, 0.00026],
];

/** Dutch RD New (Amersfoort / RD New, EPSG:28992) metres → WGS 84 [latitude, longitude]. */
export function rdNewToWgs84(x: number, y: number): [number, number] {
  const dx = (x - 155000) * 1e-5;
  const dy = (y - 463000) * 1e-5;
  let lat = 0;
  for (const [p, q, k] of K) lat += k * dx ** p * dy ** q;
  let lon = 0;
  for (const [p, q, l] of L) lon += l * dx ** p * dy ** q;
  return [52.1551744 + lat / 3600, 5.38720621 + lon / 3600];
}
