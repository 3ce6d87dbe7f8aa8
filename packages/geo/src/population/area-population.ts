import type { Area } from "../boundaries/boundaries.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { loadGrid1km2015, loadGrid250m2015, loadOsloGrid100m2015, type GridCell } from "./grid-cells.js";
import { loadDistrictTotals, loadGridScaling, loadMunicipalityTotals, populationByAge } from "./tables.js";

/** Where an area's population came from; written into every zones file and report. */
export interface PopulationProvenance {
  code: string;
  name: string;
  kind: Area["kind"];
  /** Official population of the area in `populationYear` (what the zones add up to). */
  population: number;
  populationYear: number;
  /** How the population is spread over the area. */
  spatialSource: string;
  spatialDataset: string | null;
  spatialYear: number | null;
  /** Factor applied to the grid to reach the official total. */
  scaleFactor: number | null;
  totalsDataset: string;
  /** Population by age in `populationYear` is available from this dataset (for age-specific demand). */
  ageDataset: string | null;
}

export interface AreaPopulation {
  area: Area;
  /** Inhabited cells with population scaled to `populationYear`; empty when only the total is known. */
  cells: GridCell[];
  provenance: PopulationProvenance;
}

/**
 * The best population source for an area: Oslo's 100 m grid for city districts; the 250 m grid
 * (Helse Sør-Øst) for municipalities, else the national 1 km grid; each scaled to the newest official
 * total. Where no grid covers the area, only the total is known and it is spread over land evenly.
 */
export function areaPopulation(dataDir: string, area: Area): AreaPopulation {
  if (area.kind === "city-district") {
    const totals = loadDistrictTotals(dataDir);
    const year = totals.latestYear;
    const population = totals.byCode.get(area.code)?.get(year) ?? 0;
    const cells = loadOsloGrid100m2015(dataDir).filter((c) => c.area === area.code);
    const sum = cells.reduce((a, c) => a + c.population, 0);
    const factor = sum > 0 ? population / sum : 1;
    return {
      area,
      cells: cells.map((c) => ({ ...c, population: c.population * factor })),
      provenance: {
        code: area.code,
        name: area.name,
        kind: area.kind,
        population,
        populationYear: year,
        spatialSource: "SSB 100 m population grid, Oslo, 1 Jan 2015, scaled to the district total",
        spatialDataset: DATASET_PATHS.osloGrid100m2015,
        spatialYear: 2015,
        scaleFactor: round4(factor),
        totalsDataset: DATASET_PATHS.osloDistrictTotals,
        ageDataset: populationByAge(dataDir, area.code, 2026) ? DATASET_PATHS.osloDistrictAge2026 : null,
      },
    };
  }
  const totals = loadMunicipalityTotals(dataDir);
  const year = totals.latestYear;
  const population = totals.byCode.get(area.code)?.get(year) ?? 0;
  const ageDataset = populationByAge(dataDir, area.code, 2026) ? DATASET_PATHS.municipalityAge2026 : null;
  const base = { code: area.code, name: area.name, kind: area.kind, population, populationYear: year, totalsDataset: DATASET_PATHS.municipalityTotals, ageDataset };
  const cells250 = loadGrid250m2015(dataDir).filter((c) => c.area === area.code);
  if (cells250.length > 0) {
    const sum = cells250.reduce((a, c) => a + c.population, 0);
    const scaling = loadGridScaling(dataDir).get(area.code);
    // The scaling table's factor is official 2026 / grid 2015; recompute from the totals so the zones add up exactly.
    const factor = population / sum;
    return {
      area,
      cells: cells250.map((c) => ({ ...c, population: c.population * factor })),
      provenance: {
        ...base,
        spatialSource: `SSB 250 m population grid, Helse Sør-Øst, 1 Jan 2015, scaled to the municipality total${scaling ? ` (scaling table factor ${scaling.factor})` : ""}`,
        spatialDataset: DATASET_PATHS.grid250m2015,
        spatialYear: 2015,
        scaleFactor: round4(factor),
      },
    };
  }
  const cells1km = loadGrid1km2015(dataDir).filter((c) => c.area === area.code);
  if (cells1km.length > 0) {
    const sum = cells1km.reduce((a, c) => a + c.population, 0);
    const factor = population / sum;
    return {
      area,
      cells: cells1km.map((c) => ({ ...c, population: c.population * factor })),
      provenance: { ...base, spatialSource: "SSB 1 km population grid, Norway, 1 Jan 2015, scaled to the municipality total", spatialDataset: DATASET_PATHS.grid1km2015, spatialYear: 2015, scaleFactor: round4(factor) },
    };
  }
  return {
    area,
    cells: [],
    provenance: { ...base, spatialSource: "municipality total only, spread evenly over land", spatialDataset: null, spatialYear: null, scaleFactor: null },
  };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
