import { describe, expect, it } from "vitest";
import type { Location } from "@akutt/model";
import { resolveDataDir } from "../data/data-dir.js";
import { haversineM } from "../geometry/distance.js";
import { createLandGridTravelModel, LAND_GRID_MODEL_NAME } from "./land-grid-model.js";

const dataDir = resolveDataDir();
const POINTS = [
  { id: "saetre", lat: 59.68, lon: 10.524 },
  { id: "drammen", lat: 59.749, lon: 10.198 },
  { id: "drobak", lat: 59.663, lon: 10.629 },
  { id: "asker", lat: 59.8339, lon: 10.4353 },
];
const locations: Location[] = POINTS.map((p, index) => ({ index, id: p.id, kind: "zone", lat: p.lat, lon: p.lon, areaClass: "tettbygd" }));

describe("land-grid fallback travel model", () => {
  const model = createLandGridTravelModel({ emergencySpeedFactor: 1.25, options: {} }, locations, { dataDir });
  const crowKm = (i: number, j: number) => haversineM(POINTS[i]!.lon, POINTS[i]!.lat, POINTS[j]!.lon, POINTS[j]!.lat) / 1000;

  it("is labelled as the fallback and says what it lacks", () => {
    expect(model.name).toBe(LAND_GRID_MODEL_NAME);
    expect(model.name).toMatch(/fallback travel model/);
    expect(model.limitations.join(" ")).toMatch(/never crosses water/);
  });

  it("goes from Sætre to Drammen round by land: longer than the line across the water would allow", () => {
    const sec = model.travelTimeSec(0, 1, false, 0);
    // At most 60 km/h: the straight 19.8 km would take ~20 min with the detour; round by land takes longer.
    expect(sec / 60).toBeGreaterThan((crowKm(0, 1) * 1.25) / 60 * 60);
    expect(sec / 60).toBeLessThan(90);
  });

  it("does not swim the Oslofjord from Sætre to Drøbak: with no tunnel it must go round through Oslo", () => {
    const sec = model.travelTimeSec(0, 2, false, 0);
    // 6 km across the water; by land round the fjord's head at Oslo it is well over 80 km.
    expect(crowKm(0, 2)).toBeLessThan(7);
    expect(sec / 60).toBeGreaterThan(80);
  });

  it("is symmetric, zero on the diagonal, and faster with blue lights", () => {
    for (let i = 0; i < POINTS.length; i++) {
      expect(model.travelTimeSec(i, i, false, 0)).toBe(0);
      for (let j = 0; j < POINTS.length; j++) {
        if (i !== j) expect(model.travelTimeSec(i, j, false, 0)).toBeCloseTo(model.travelTimeSec(j, i, false, 0), 0);
      }
    }
    expect(model.travelTimeSec(3, 1, true, 0)).toBeCloseTo(model.travelTimeSec(3, 1, false, 0) / 1.25, 3);
  });
});
