import { getArea, type Area, type Boundaries } from "../boundaries/boundaries.js";
import { LocalProjection } from "../geometry/distance.js";
import type { PopulationTotals } from "../population/tables.js";

/** Population and area of a set of municipalities and city districts: a trust's catchment. */
export interface CatchmentFigures {
  areaCodes: string[];
  population: number;
  populationYear: number;
  /** Polygon area in km²: municipalities are clipped to the coastline; Oslo city districts include sea. */
  areaKm2: number;
  /** Codes whose polygons include sea (Oslo city districts), so their area is overstated. */
  areaIncludesSea: string[];
}

/** Planar area of a polygon with holes, in km², on a local projection (accurate to well under 1 %). */
export function polygonAreaKm2(area: Area): number {
  let totalM2 = 0;
  for (const polygon of area.polygons) {
    const outer = polygon[0];
    if (!outer || outer.length === 0) continue;
    const projection = new LocalProjection(outer.reduce((sum, point) => sum + (point[1] ?? 0), 0) / outer.length);
    polygon.forEach((ring, r) => {
      let twiceArea = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = [projection.x(ring[i]![0]!), projection.y(ring[i]![1]!)];
        const [xj, yj] = [projection.x(ring[j]![0]!), projection.y(ring[j]![1]!)];
        twiceArea += xj * yi - xi * yj;
      }
      totalM2 += (r === 0 ? 1 : -1) * Math.abs(twiceArea / 2);
    });
  }
  return totalM2 / 1e6;
}

/** Sums population (latest year) and area over area codes; a code given twice counts once. */
export function catchmentFigures(codes: readonly string[], boundaries: Boundaries, municipalityTotals: PopulationTotals, districtTotals: PopulationTotals): CatchmentFigures {
  const unique = [...new Set(codes)];
  let population = 0;
  let areaKm2 = 0;
  const year = Math.min(municipalityTotals.latestYear, districtTotals.latestYear);
  const areaIncludesSea: string[] = [];
  for (const code of unique) {
    const area = getArea(boundaries, code);
    const totals = code.length === 6 ? districtTotals : municipalityTotals;
    population += totals.byCode.get(code)?.get(year) ?? 0;
    areaKm2 += polygonAreaKm2(area);
    if (area.kind === "city-district") areaIncludesSea.push(code);
  }
  return { areaCodes: unique, population, populationYear: year, areaKm2, areaIncludesSea };
}
