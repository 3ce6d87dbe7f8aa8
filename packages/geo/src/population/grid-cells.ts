import { readCsv } from "../csv/read-csv.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { requireDataset } from "../data/data-dir.js";

/** One inhabited cell of an SSB statistical grid. */
export interface GridCell {
  /** SSB id: 7 digits x + 2,000,000 and 7 digits y of the lower-left corner in EPSG:25833. */
  ssbId: string;
  /** Cell size (m). */
  sizeM: number;
  lon: number;
  lat: number;
  /** Municipality (2024) or Oslo district code the cell is assigned to. */
  area: string;
  population: number;
}

/** Lower-left corner in EPSG:25833 (m) from an SSB grid id. */
export function ssbCorner(ssbId: string): { x: number; y: number } {
  return { x: Number(ssbId.slice(0, 7)) - 2_000_000, y: Number(ssbId.slice(7, 14)) };
}

/** SSB id of the cell of size `sizeM` that contains corner (x, y). */
export function ssbIdOf(x: number, y: number, sizeM: number): string {
  const cx = Math.floor(x / sizeM) * sizeM;
  const cy = Math.floor(y / sizeM) * sizeM;
  return `${String(cx + 2_000_000).padStart(7, "0")}${String(cy).padStart(7, "0")}`;
}

const cache = new Map<string, GridCell[]>();

function load(dataDir: string, relative: string, neededFor: string, idColumn: string, areaColumn: string, sizeM: number): GridCell[] {
  const key = `${dataDir}|${relative}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const table = readCsv(requireDataset(dataDir, relative, neededFor));
  const [iId, iLon, iLat, iArea, iPop] = [table.column(idColumn), table.column("lon"), table.column("lat"), table.column(areaColumn), table.column("population")];
  const cells = table.rows.map((r) => ({ ssbId: r[iId]!, sizeM, lon: Number(r[iLon]), lat: Number(r[iLat]), area: r[iArea] ?? "", population: Number(r[iPop]) }));
  cache.set(key, cells);
  return cells;
}

/** SSB 250 m grid, 1 Jan 2015, Helse Sør-Øst; cells assigned to 2024 municipalities. */
export function loadGrid250m2015(dataDir: string): GridCell[] {
  return load(dataDir, DATASET_PATHS.grid250m2015, "population on the 250 m grid", "ssbid_250m", "kommune_2024", 250);
}

/** SSB 1 km grid, 1 Jan 2015, all Norway. */
export function loadGrid1km2015(dataDir: string): GridCell[] {
  return load(dataDir, DATASET_PATHS.grid1km2015, "population on the 1 km grid", "ssbid_1000m", "kommune_2024", 1000);
}

/** SSB 100 m grid, 1 Jan 2015, Oslo; cells assigned to city districts (blank for 6 cells outside them). */
export function loadOsloGrid100m2015(dataDir: string): GridCell[] {
  return load(dataDir, DATASET_PATHS.osloGrid100m2015, "Oslo population on the 100 m grid", "ssbid_100m", "bydelskode", 100);
}
