import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBoundaries } from "../boundaries/boundaries.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { resolveDataDir } from "../data/data-dir.js";
import { LandMask } from "../land/land-mask.js";
import { basemapLayers, BasemapInputError, isOnLand, type BasemapBBox, type BasemapLayers } from "./basemap.js";
import { polygonContains } from "./rings.js";

const dataDir = resolveDataDir();
const hasData = existsSync(join(dataDir, DATASET_PATHS.municipalities));
if (!hasData) console.warn(`basemap tests skipped: no municipality boundaries at ${join(dataDir, DATASET_PATHS.municipalities)} (set AKUTT_DATA_DIR to the shared data folder)`);

/** The bounding box of scenarios/asker-baerum's zones (Asker, Bærum, Ullern, Vestre Aker, Drammen, Lier and their neighbours). */
const ASKER_BAERUM: BasemapBBox = [9.95263, 59.52763, 10.79831, 60.00991];

function inKind(layers: BasemapLayers, kind: "sea" | "builtup", lon: number, lat: number): boolean {
  return layers.features.some((f) => f.properties.kind === kind && f.geometry.type === "Polygon" && polygonContains(f.geometry.coordinates, lon, lat));
}

describe.skipIf(!hasData)("basemap layers from the shared data", () => {
  const layers = hasData ? basemapLayers(dataDir, ASKER_BAERUM) : (null as unknown as BasemapLayers);

  it("puts a point in the Oslofjord at sea, both by isOnLand and in the drawn sea", () => {
    expect(isOnLand(dataDir, 59.85, 10.6)).toBe(false);
    expect(inKind(layers, "sea", 10.6, 59.85)).toBe(true);
  });

  it("puts Sandvika and Bærum sykehus on land, outside the drawn sea", () => {
    for (const [lat, lon] of [[59.89, 10.52], [59.8995, 10.5135]] as const) {
      expect(isOnLand(dataDir, lat, lon)).toBe(true);
      expect(inKind(layers, "sea", lon, lat)).toBe(false);
    }
  });

  it("agrees with the LandMask the travel models use, point for point", () => {
    const mask = LandMask.fromBoundaries(loadBoundaries(dataDir));
    for (let i = 0; i < 200; i++) {
      const lon = ASKER_BAERUM[0] + ((i * 0.618034) % 1) * (ASKER_BAERUM[2] - ASKER_BAERUM[0]);
      const lat = ASKER_BAERUM[1] + ((i * 0.414214) % 1) * (ASKER_BAERUM[3] - ASKER_BAERUM[1]);
      expect(isOnLand(dataDir, lat, lon)).toBe(mask.isLand(lon, lat));
    }
  });

  it("names Asker, Bærum and Oslo at points inside each municipality, on land", () => {
    const places = layers.features.filter((f) => f.properties.kind === "place");
    const boundaries = loadBoundaries(dataDir);
    for (const name of ["Asker", "Bærum", "Oslo"]) {
      const place = places.find((f) => f.properties.kind === "place" && f.properties.name === name);
      expect(place, name).toBeDefined();
      if (place?.properties.kind !== "place" || place.geometry.type !== "Point") continue;
      expect(place.properties.rank).toBe("municipality");
      const [lon, lat] = place.geometry.coordinates;
      expect(boundaries.municipalityIndex.find(lon, lat)?.name).toBe(name);
      expect(inKind(layers, "sea", lon, lat)).toBe(false);
      expect(place.properties.population).toBeGreaterThan(50_000);
    }
  });

  it("keeps land and sea as isOnLand has them for points well away from the coast, at 25 m and at 200 m simplification", () => {
    const coarse = basemapLayers(dataDir, ASKER_BAERUM, { toleranceM: 200, places: false });
    for (const [drawn, marginM] of [[layers, 300], [coarse, 600]] as const) {
      let checked = 0;
      let sea = 0;
      const steps = 60;
      for (let i = 0; i < steps; i++) {
        for (let j = 0; j < steps; j++) {
          const lon = ASKER_BAERUM[0] + ((i + 0.5) / steps) * (ASKER_BAERUM[2] - ASKER_BAERUM[0]);
          const lat = ASKER_BAERUM[1] + ((j + 0.5) / steps) * (ASKER_BAERUM[3] - ASKER_BAERUM[1]);
          const land = isOnLand(dataDir, lat, lon);
          // "Well away from the coast": land or sea all round, on a circle of the margin's radius.
          const dLat = marginM / 111_200;
          const dLon = dLat / Math.cos((lat * Math.PI) / 180);
          let clear = true;
          for (let k = 0; k < 16 && clear; k++) {
            const a = (k / 16) * 2 * Math.PI;
            if (isOnLand(dataDir, lat + dLat * Math.sin(a), lon + dLon * Math.cos(a)) !== land) clear = false;
          }
          if (!clear) continue;
          checked++;
          if (!land) sea++;
          expect(inKind(drawn, "sea", lon, lat), `${lat.toFixed(5)}, ${lon.toFixed(5)}`).toBe(!land);
        }
      }
      expect(checked).toBeGreaterThan(2500);
      expect(sea).toBeGreaterThan(200);
    }
  });

  it("is a small GeoJSON with polygons and points of the documented kinds, attribution and notes", () => {
    const bytes = Buffer.byteLength(JSON.stringify(layers));
    expect(bytes).toBeLessThan(2_000_000);
    for (const f of layers.features) {
      if (f.properties.kind === "place") expect(f.geometry.type).toBe("Point");
      else {
        expect(["sea", "lake", "builtup"]).toContain(f.properties.kind);
        expect(f.geometry.type).toBe("Polygon");
        for (const ring of f.geometry.coordinates as number[][][]) expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
    }
    expect(layers.features.some((f) => f.properties.kind === "builtup")).toBe(true);
    expect(inKind(layers, "builtup", 10.52, 59.89)).toBe(true); // Sandvika
    expect(layers.attribution).toMatch(/Kartverket.*CC BY 4\.0/);
    expect(layers.notes.join(" ")).toMatch(/No lakes/);
    expect(layers.notes.join(" ")).toMatch(/no town names/);
  });

  it("leaves Sweden blank rather than drawing it as sea", () => {
    const trysil = basemapLayers(dataDir, [12.0, 61.0, 12.9, 61.5]);
    expect(isOnLand(dataDir, 61.2, 12.8)).toBe(false); // Sweden, east of Trysil
    expect(inKind(trysil, "sea", 12.8, 61.2)).toBe(false);
    expect(trysil.notes.join(" ")).toMatch(/outside Norway/);
  });

  it("rejects a bounding box that is not finite, not ordered, too large or off the map, with a typed error", () => {
    const bad: unknown[] = [
      [Number.NaN, 59.5, 10.8, 60],
      [10.8, 59.5, 9.9, 60],
      [9.9, 60, 10.8, 59.5],
      [10, 59, 10, 60],
      [4, 58, 12, 62],
      [9.9, 59.5, 10.8],
      "9.9,59.5,10.8,60",
      [0, 0, 1, 1],
      [9.9, 59.5, 10.8, 95],
    ];
    for (const bbox of bad) expect(() => basemapLayers(dataDir, bbox as BasemapBBox), JSON.stringify(bbox)).toThrow(BasemapInputError);
    expect(() => isOnLand(dataDir, Number.NaN, 10)).toThrow(BasemapInputError);
    expect(() => isOnLand(dataDir, 59.9, 200)).toThrow(BasemapInputError);
    expect(() => basemapLayers(dataDir, ASKER_BAERUM, { toleranceM: -1 })).toThrow(BasemapInputError);
  });
});
