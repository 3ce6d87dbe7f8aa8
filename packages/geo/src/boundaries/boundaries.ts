import { readFileSync } from "node:fs";
import { DATASET_PATHS } from "../data/datasets.js";
import { requireDataset } from "../data/data-dir.js";
import { GeoInputError, UnknownAreaError } from "../errors/geo-errors.js";
import { geometryPolygons, PolygonIndex, type PolygonRings } from "./polygon-index.js";

export type AreaKind = "municipality" | "city-district";

/** A municipality (4-digit code, 2024 structure) or an Oslo city district (6-digit code). */
export interface Area {
  code: string;
  name: string;
  kind: AreaKind;
  /** County code for municipalities; "03" for Oslo districts. */
  countyCode: string;
  polygons: PolygonRings[];
}

export interface Boundaries {
  municipalities: Map<string, Area>;
  districts: Map<string, Area>;
  /** Lookup of the municipality containing a point. */
  municipalityIndex: PolygonIndex<Area>;
  /** Lookup of the Oslo city district containing a point. */
  districtIndex: PolygonIndex<Area>;
}

interface FeatureCollection {
  type: string;
  features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }>;
}

function readCollection(path: string): FeatureCollection {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new GeoInputError(`${path}: not valid JSON (${(error as Error).message})`, path);
  }
  const collection = json as FeatureCollection;
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new GeoInputError(`${path}: expected a GeoJSON FeatureCollection`, path);
  }
  return collection;
}

function areasFrom(path: string, kind: AreaKind, codeKey: string, nameKey: string, countyKey: string | null): Area[] {
  return readCollection(path).features.map((feature, i) => {
    const code = feature.properties[codeKey];
    const name = feature.properties[nameKey];
    if (typeof code !== "string" || typeof name !== "string" || !feature.geometry) {
      throw new GeoInputError(`${path}: feature ${i} lacks '${codeKey}', '${nameKey}' or a geometry`, path);
    }
    const county = countyKey ? feature.properties[countyKey] : "03";
    return { code, name, kind, countyCode: typeof county === "string" ? county : code.slice(0, 2), polygons: geometryPolygons(feature.geometry) };
  });
}

function indexOf(areas: Area[]): PolygonIndex<Area> {
  return new PolygonIndex(areas.flatMap((area) => area.polygons.map((rings) => ({ value: area, rings }))));
}

const cache = new Map<string, Boundaries>();

/** Municipality (2024) and Oslo city-district boundaries from the data directory; cached per directory. */
export function loadBoundaries(dataDir: string): Boundaries {
  const cached = cache.get(dataDir);
  if (cached) return cached;
  const municipalityList = areasFrom(requireDataset(dataDir, DATASET_PATHS.municipalities, "municipality boundaries"), "municipality", "kommunenummer", "kommunenavn", "fylkesnummer");
  const districtList = areasFrom(requireDataset(dataDir, DATASET_PATHS.osloDistricts, "Oslo city-district boundaries"), "city-district", "bydelskode", "bydelsnavn", null);
  const boundaries: Boundaries = {
    municipalities: new Map(municipalityList.map((a) => [a.code, a])),
    districts: new Map(districtList.map((a) => [a.code, a])),
    municipalityIndex: indexOf(municipalityList),
    districtIndex: indexOf(districtList),
  };
  cache.set(dataDir, boundaries);
  return boundaries;
}

/** The area for a code: 4 digits a municipality, 6 digits an Oslo city district. */
export function getArea(boundaries: Boundaries, code: string): Area {
  const area = code.length === 6 ? boundaries.districts.get(code) : boundaries.municipalities.get(code);
  if (!area) {
    const known = code.length === 6 ? `Oslo city districts are 030101–030117 (${boundaries.districts.size} known)` : `expected a 2024 municipality code such as 3203 (Asker) or a 6-digit Oslo district code such as 030106`;
    throw new UnknownAreaError(code, known);
  }
  return area;
}

/** Parses a comma-separated list of area codes, checking each. */
export function parseAreaCodes(boundaries: Boundaries, list: string): Area[] {
  const codes = list.split(",").map((c) => c.trim()).filter((c) => c.length > 0);
  if (codes.length === 0) throw new GeoInputError("no area codes given (expected e.g. 3203,3201,030106)");
  return codes.map((code) => getArea(boundaries, code));
}

/** A lookup for points within the given areas: Oslo districts take precedence over Oslo as a whole. */
export function areaLookup(areas: readonly Area[]): PolygonIndex<Area> {
  const districts = areas.filter((a) => a.kind === "city-district");
  const municipalities = areas.filter((a) => a.kind === "municipality");
  return indexOf([...districts, ...municipalities]);
}
