import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Location, TravelTimeModel } from "@akutt/model";
import { loadBoundaries } from "../boundaries/boundaries.js";
import { geometryPolygons, PolygonIndex } from "../boundaries/polygon-index.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { DataMissingError, GeoInputError, NoRouteError } from "../errors/geo-errors.js";
import { haversineM, LocalProjection } from "../geometry/distance.js";
import { LandMask } from "../land/land-mask.js";
import { DijkstraSearch } from "../routing/dijkstra.js";
import type { RoutingGraph } from "../routing/routing-graph.js";

export const LAND_GRID_MODEL_NAME = "fallback travel model (land grid, no road network)";

export const landGridOptionsSchema = z.strictObject({
  /** Side of the grid cells (m). Smaller cells follow the coast better and cost more. */
  cellSizeM: z.number().min(100).max(5000).default(500),
  /** Grid-path length × this gives the driving distance. */
  detourFactor: z.number().min(1).default(1.25),
  /** Speeds (km/h) in N1000 built-up areas and elsewhere. */
  speedKmh: z.strictObject({ builtUp: z.number().positive(), rural: z.number().positive() }).default({ builtUp: 35, rural: 60 }),
  /** Margin around the locations' bounding box for detours (m). */
  marginM: z.number().min(0).default(25_000),
});
export type LandGridOptions = z.output<typeof landGridOptionsSchema>;

export interface LandGridTravelModel extends TravelTimeModel {
  /** Normal-driving matrix (s), row-major by location index. */
  readonly matrix: Float32Array;
  readonly cells: { columns: number; rows: number; land: number };
}

/**
 * The last-resort model where no road network is loaded: shortest paths over land cells of the
 * municipality polygons (which follow the coastline), 8-connected, never moving diagonally past water,
 * with a detour factor and speeds by N1000 built-up area. It never drives across water; it also knows
 * no bridges, tunnels or ferries beyond what the polygons join.
 */
export function createLandGridTravelModel(
  spec: { emergencySpeedFactor: number; options: Record<string, unknown> },
  locations: readonly Location[],
  context: { dataDir: string },
): LandGridTravelModel {
  const parsed = landGridOptionsSchema.safeParse(spec.options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GeoInputError(`travel.options.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const options = parsed.data;
  if (!existsSync(join(context.dataDir, DATASET_PATHS.municipalities))) {
    throw new DataMissingError(`the fallback travel model needs the municipality boundaries ${join(context.dataDir, DATASET_PATHS.municipalities)} as its land mask`, DATASET_PATHS.municipalities);
  }
  const land = LandMask.fromBoundaries(loadBoundaries(context.dataDir));
  const builtUp = loadBuiltUp(context.dataDir);
  const n = locations.length;
  if (n === 0) throw new GeoInputError("no locations for the travel model");

  // Grid over the locations' bounding box plus a margin, in a local metric projection.
  const meanLat = locations.reduce((a, l) => a + l.lat, 0) / n;
  const p = new LocalProjection(meanLat);
  const xs = locations.map((l) => p.x(l.lon));
  const ys = locations.map((l) => p.y(l.lat));
  const size = options.cellSizeM;
  const x0 = Math.min(...xs) - options.marginM;
  const y0 = Math.min(...ys) - options.marginM;
  const columns = Math.ceil((Math.max(...xs) + options.marginM - x0) / size) + 1;
  const rows = Math.ceil((Math.max(...ys) + options.marginM - y0) / size) + 1;
  if (columns * rows > 4_000_000) throw new GeoInputError(`the fallback grid would have ${columns * rows} cells; use a larger travel.options.cellSizeM`);
  const cells = columns * rows;
  const isLand = new Uint8Array(cells);
  const secPerM = new Float64Array(cells);
  let landCells = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const lon = p.lon(x0 + (c + 0.5) * size);
      const lat = p.lat(y0 + (r + 0.5) * size);
      const k = r * columns + c;
      if (land.isLand(lon, lat)) {
        isLand[k] = 1;
        landCells++;
        const speed = builtUp?.contains(lon, lat) ? options.speedKmh.builtUp : options.speedKmh.rural;
        secPerM[k] = (options.detourFactor * 3.6) / speed;
      }
    }
  }
  // Each location starts in its own cell, or the nearest land cell if that is water.
  const cellOf = locations.map((l, i) => {
    const c = Math.min(columns - 1, Math.max(0, Math.floor((xs[i]! - x0) / size)));
    const r = Math.min(rows - 1, Math.max(0, Math.floor((ys[i]! - y0) / size)));
    let best = -1;
    let bestD = Infinity;
    for (let radius = 0; radius < 20 && best < 0; radius++) {
      for (let dr = -radius; dr <= radius; dr++)
        for (let dc = -radius; dc <= radius; dc++) {
          if (Math.max(Math.abs(dr), Math.abs(dc)) !== radius) continue;
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= rows || cc >= columns || !isLand[rr * columns + cc]) continue;
          const d = Math.hypot(x0 + (cc + 0.5) * size - xs[i]!, y0 + (rr + 0.5) * size - ys[i]!);
          if (d < bestD) {
            bestD = d;
            best = rr * columns + cc;
          }
        }
    }
    if (best < 0) throw new NoRouteError(`${l.kind} '${l.id}' at ${l.lat.toFixed(5)} N ${l.lon.toFixed(5)} E is more than ${20 * size} m from land`, l.id);
    return best;
  });

  const matrix = new Float32Array(n * n);
  const search = new DijkstraSearch(landGridGraph(rows, columns, isLand, secPerM, size), { trackParents: false });
  const dist = search.distSec;
  const locationCells = [...new Set(cellOf)];
  for (let i = 0; i < n; i++) {
    search.run([{ node: cellOf[i]!, sec: 0 }], locationCells);
    const from = locations[i]!;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const to = locations[j]!;
      let sec = dist[cellOf[j]!]!;
      if (cellOf[i] === cellOf[j]) sec = haversineM(from.lon, from.lat, to.lon, to.lat) * secPerM[cellOf[i]!]!;
      if (!Number.isFinite(sec)) {
        throw new NoRouteError(`the fallback travel model finds no way over land from ${from.kind} '${from.id}' to ${to.kind} '${to.id}' (an island, or a fjord the grid cannot go round within ${options.marginM} m of margin)`, from.id);
      }
      matrix[i * n + j] = sec;
    }
  }
  const factor = spec.emergencySpeedFactor;
  return {
    name: LAND_GRID_MODEL_NAME,
    limitations: [
      "No road network: travel follows land over a grid of the municipality polygons, so it never crosses water, but it knows no roads, bridges, tunnels or ferries (the Oslofjord tunnel and the Moss–Horten ferry do not exist for it).",
      `Grid cells of ${size} m; distance × ${options.detourFactor} detour at ${options.speedKmh.builtUp} km/h in built-up areas and ${options.speedKmh.rural} km/h elsewhere; blue lights × ${factor}.`,
      "Use only where no network is loaded; results are rough.",
    ],
    matrix,
    cells: { columns, rows, land: landCells },
    travelTimeSec(fromLocation: number, toLocation: number, emergency: boolean): number {
      if (fromLocation === toLocation) return 0;
      const base = matrix[fromLocation * n + toLocation];
      if (base === undefined) throw new RangeError(`location index out of range: ${fromLocation} → ${toLocation} (have ${n})`);
      return emergency ? base / factor : base;
    },
  };
}

function loadBuiltUp(dataDir: string): PolygonIndex<true> | null {
  const path = join(dataDir, DATASET_PATHS.n1000BuiltUp);
  if (!existsSync(path)) return null;
  const collection = JSON.parse(readFileSync(path, "utf8")) as { features: Array<{ geometry: { type: string; coordinates: unknown } | null }> };
  return new PolygonIndex(collection.features.flatMap((f) => (f.geometry ? geometryPolygons(f.geometry) : [])).map((rings) => ({ value: true as const, rings })));
}

const MOVES = [
  [0, 1, 1],
  [1, 0, 1],
  [0, -1, 1],
  [-1, 0, 1],
  [1, 1, Math.SQRT2],
  [1, -1, Math.SQRT2],
  [-1, 1, Math.SQRT2],
  [-1, -1, Math.SQRT2],
] as const;

/**
 * The land cells as a routing graph: a cell connects to its 8 neighbours on land, a diagonal only
 * when both side cells are land too (no corner cutting). A move takes the mean of the two cells'
 * seconds per metre over its length.
 */
function landGridGraph(rows: number, columns: number, isLand: Uint8Array, secPerM: Float64Array, sizeM: number): RoutingGraph {
  const cells = rows * columns;
  const heads: number[] = [];
  const weights: number[] = [];
  const firstArc = new Uint32Array(cells + 1);
  for (let k = 0; k < cells; k++) {
    firstArc[k] = heads.length;
    if (!isLand[k]) continue;
    const r = Math.floor(k / columns);
    const c = k - r * columns;
    for (const [dr, dc, factor] of MOVES) {
      const rr = r + dr;
      const cc = c + dc;
      if (rr < 0 || cc < 0 || rr >= rows || cc >= columns) continue;
      const next = rr * columns + cc;
      if (!isLand[next]) continue;
      if (dr !== 0 && dc !== 0 && (!isLand[r * columns + cc] || !isLand[rr * columns + c])) continue;
      heads.push(next);
      weights.push(((secPerM[k]! + secPerM[next]!) / 2) * sizeM * factor);
    }
  }
  firstArc[cells] = heads.length;
  return {
    nodeCount: cells,
    firstArc,
    arcHead: Uint32Array.from(heads),
    arcWeightSec: Float64Array.from(weights),
    arcLink: new Uint32Array(heads.length),
    arcBackward: new Uint8Array(heads.length),
  };
}
