import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBoundaries } from "../boundaries/boundaries.js";
import { findRepoRoot } from "../data/data-dir.js";
import { loadDistrictTotals, loadMunicipalityTotals } from "../population/tables.js";
import { catchmentFigures } from "./catchments.js";

const dataDir = join(findRepoRoot(), "../shared/data");

describe("catchment figures", () => {
  const boundaries = loadBoundaries(dataDir);
  const municipalities = loadMunicipalityTotals(dataDir);
  const districts = loadDistrictTotals(dataDir);

  it("sums 2026 population and area of Asker and Bærum", () => {
    const figures = catchmentFigures(["3201", "3203", "3201"], boundaries, municipalities, districts);
    expect(figures.populationYear).toBe(2026);
    expect(figures.population).toBe(133_228 + 101_509);
    // Bærum 192 km² and Asker 376 km² of land (SSB); the medium-generalised polygons are close.
    expect(figures.areaKm2).toBeGreaterThan(500);
    expect(figures.areaKm2).toBeLessThan(650);
    expect(figures.areaIncludesSea).toEqual([]);
  });

  it("flags Oslo city districts, whose polygons include sea", () => {
    const figures = catchmentFigures(["030106"], boundaries, municipalities, districts);
    expect(figures.areaIncludesSea).toEqual(["030106"]);
    expect(figures.population).toBeGreaterThan(30_000);
  });
});
