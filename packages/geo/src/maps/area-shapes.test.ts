import { join } from "node:path";
import { latLngToCell } from "h3-js";
import { describe, expect, it } from "vitest";
import { loadBoundaries } from "../boundaries/boundaries.js";
import { findRepoRoot } from "../data/data-dir.js";
import { areaShapes } from "./area-shapes.js";

describe("area shapes for maps", () => {
  const boundaries = loadBoundaries(join(findRepoRoot(), "../shared/data"));

  it("uses official boundaries for real codes and H3 zone cells for split areas", () => {
    const cell = latLngToCell(59.7, 10.45, 8);
    const zones = [{ id: `3203-${cell}`, area: "320302", lat: 59.7, lon: 10.45 }, { id: "plain-id", area: "999999", lat: 59.7, lon: 10.4 }];
    const shapes = areaShapes(["3201", "030106", "320302", "999999"], zones, boundaries);
    expect(shapes.features.map((feature) => [feature.properties.areaCode, feature.properties.source])).toEqual([
      ["3201", "boundary"],
      ["030106", "boundary"],
      ["320302", "zones"],
    ]);
    const hexagon = shapes.features[2]!.geometry.coordinates[0]![0]!;
    expect(hexagon).toHaveLength(7);
    expect(hexagon[0]).toEqual(hexagon[6]);
  });
});
