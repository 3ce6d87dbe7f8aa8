import { existsSync } from "node:fs";
import { join } from "node:path";
import { readCsv } from "../csv/read-csv.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { requireDataset } from "../data/data-dir.js";

/** Official totals per area and year (municipalities in 2024 borders, Oslo city districts). */
export interface PopulationTotals {
  /** population by code, then by year */
  byCode: Map<string, Map<number, number>>;
  latestYear: number;
  path: string;
}

function totalsFrom(path: string): PopulationTotals {
  const table = readCsv(path);
  const [iCode, iYear, iPop] = [table.column("code"), table.column("year"), table.column("population")];
  const byCode = new Map<string, Map<number, number>>();
  let latestYear = 0;
  for (const row of table.rows) {
    const code = row[iCode]!;
    const year = Number(row[iYear]);
    const years = byCode.get(code) ?? new Map<number, number>();
    years.set(year, Number(row[iPop]));
    byCode.set(code, years);
    if (year > latestYear) latestYear = year;
  }
  return { byCode, latestYear, path };
}

export function loadMunicipalityTotals(dataDir: string): PopulationTotals {
  return totalsFrom(requireDataset(dataDir, DATASET_PATHS.municipalityTotals, "municipality population totals"));
}

/** SSB's projected population per municipality (2024 borders), 2025–2050, one alternative (shared/data README). */
export function loadMunicipalityProjection(dataDir: string): PopulationTotals {
  return totalsFrom(requireDataset(dataDir, DATASET_PATHS.municipalityProjection, "the population projection"));
}

export function loadDistrictTotals(dataDir: string): PopulationTotals {
  return totalsFrom(requireDataset(dataDir, DATASET_PATHS.osloDistrictTotals, "Oslo city-district population totals"));
}

/** Population by single-year age (0–105, 105 = 105+) for one area and year (2022 or 2026). */
export function populationByAge(dataDir: string, code: string, year: 2022 | 2026): { byAge: number[]; total: number; path: string } | null {
  const relative =
    code.length === 6
      ? year === 2022
        ? DATASET_PATHS.osloDistrictAge2022
        : DATASET_PATHS.osloDistrictAge2026
      : year === 2022
        ? DATASET_PATHS.municipalityAge2022
        : DATASET_PATHS.municipalityAge2026;
  const path = join(dataDir, relative);
  if (!existsSync(path)) return null;
  const table = readCsv(path);
  const [iCode, iAge, iPop] = [table.column("code"), table.column("age"), table.column("population")];
  const byAge = new Array<number>(106).fill(0);
  let found = false;
  for (const row of table.rows) {
    if (row[iCode] !== code) continue;
    found = true;
    byAge[Number(row[iAge])]! += Number(row[iPop]);
  }
  if (!found) return null;
  return { byAge, total: byAge.reduce((a, b) => a + b, 0), path: relative };
}

/** Scaling of the 2015 250 m grid to the newest year, per municipality. */
export function loadGridScaling(dataDir: string): Map<string, { grid2015Sum: number; population2026: number; factor: number }> {
  const table = readCsv(requireDataset(dataDir, DATASET_PATHS.gridScaling, "scaling the 2015 population grid"));
  const [iCode, iSum, iPop, iFactor] = [table.column("code"), table.column("grid_2015_sum"), table.column("population_2026"), table.column("factor_grid2015_to_2026")];
  return new Map(table.rows.map((r) => [r[iCode]!, { grid2015Sum: Number(r[iSum]), population2026: Number(r[iPop]), factor: Number(r[iFactor]) }]));
}
