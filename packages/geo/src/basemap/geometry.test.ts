import { describe, expect, it } from "vitest";
import { clipRegionToRect, regionContains } from "./clip.js";
import { dissolvePartition } from "./dissolve.js";
import { labelPoint } from "./label-point.js";
import { polygonContains, reversed, signedArea2, type BBox, type Ring } from "./rings.js";
import { simplifyRing } from "./simplify.js";

const square = (x0: number, y0: number, x1: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const area = (polygons: number[][][][]) => polygons.reduce((sum, polygon) => sum + polygon.reduce((s, ring) => s + signedArea2(ring) / 2, 0), 0);
const RECT: BBox = [0.0000013, 0.0000017, 10.0000011, 10.0000019];

describe("clipping a region to a rectangle", () => {
  it("an island inside the box: sea is the box with a hole", () => {
    const sea = clipRegionToRect([reversed(square(4, 4, 6, 6))], RECT, true);
    expect(sea).toHaveLength(1);
    expect(sea[0]).toHaveLength(2);
    expect(area(sea)).toBeCloseTo(100 - 4, 3);
    expect(signedArea2(sea[0]![0]!)).toBeGreaterThan(0);
    expect(signedArea2(sea[0]![1]!)).toBeLessThan(0);
  });

  it("land across the box's west half: sea is the east half, walked round the corners", () => {
    const sea = clipRegionToRect([reversed(square(-5, -5, 5, 15))], RECT, true);
    expect(sea).toHaveLength(1);
    expect(area(sea)).toBeCloseTo(50, 3);
    expect(polygonContains(sea[0]!, 8, 5)).toBe(true);
    expect(polygonContains(sea[0]!, 2, 5)).toBe(false);
  });

  it("a bay: land on three sides leaves one sea piece; two peninsulas crossing the box leave two", () => {
    // A U-shaped land (counter-clockwise) whose opening faces north.
    const u: Ring = [[-5, -5], [15, -5], [15, 15], [7, 15], [7, 3], [3, 3], [3, 15], [-5, 15], [-5, -5]];
    const bay = clipRegionToRect([reversed(u)], RECT, true);
    expect(bay).toHaveLength(1);
    expect(area(bay)).toBeCloseTo(4 * 7, 2);
    const strips = clipRegionToRect([reversed(square(-5, 3, 15, 5)), reversed(square(-5, 7, 15, 9))], RECT, true);
    expect(strips).toHaveLength(3);
    expect(area(strips)).toBeCloseTo(100 - 40, 2);
  });

  it("no crossing: the box is all sea, or all land", () => {
    expect(area(clipRegionToRect([reversed(square(20, 20, 30, 30))], RECT, true))).toBeCloseTo(100, 3);
    expect(clipRegionToRect([reversed(square(-20, -20, 30, 30))], RECT, true)).toEqual([]);
    expect(regionContains([reversed(square(-20, -20, 30, 30))], true, 5, 5)).toBe(false);
  });

  it("a polygon region (not unbounded) is cut to the box", () => {
    const pieces = clipRegionToRect([square(8, 8, 12, 12)], RECT, false);
    expect(pieces).toHaveLength(1);
    expect(area(pieces)).toBeCloseTo(4, 2);
    expect(clipRegionToRect([square(20, 20, 30, 30)], RECT, false)).toEqual([]);
  });
});

describe("dissolving a partition", () => {
  it("joins neighbours along their shared edge and keeps a separate island", () => {
    const rings = dissolvePartition([[square(0, 0, 1, 1)], [square(1, 0, 2, 1)], [square(5, 5, 6, 6)]]);
    expect(rings).toHaveLength(2);
    expect(rings.map((r) => signedArea2(r) / 2).sort()).toEqual([1, 2]);
  });

  it("a ring of neighbours round a hole leaves the hole as a clockwise ring", () => {
    const parts = [square(0, 0, 3, 1), square(0, 2, 3, 3), square(0, 1, 1, 2), square(2, 1, 3, 2)].map((r) => [r]);
    // Split shared edges at the same vertices, as the municipality file has them.
    parts[0]![0] = [[0, 0], [3, 0], [3, 1], [2, 1], [1, 1], [0, 1], [0, 0]];
    parts[1]![0] = [[0, 2], [1, 2], [2, 2], [3, 2], [3, 3], [0, 3], [0, 2]];
    const rings = dissolvePartition(parts);
    expect(rings.map((r) => signedArea2(r) / 2).sort((a, b) => a - b)).toEqual([-1, 9]);
  });
});

describe("simplifying and labelling", () => {
  it("drops points within the tolerance and keeps the corners", () => {
    const wiggly: Ring = [[0, 0], [0.005, 0.00001], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]];
    const simple = simplifyRing(wiggly, 25)!;
    expect(simple).toHaveLength(5);
    expect(simplifyRing(wiggly, 0)).toBe(wiggly);
    expect(simplifyRing(square(0, 0, 0.0001, 0.0001), 25, 10_000)).toBeNull();
  });

  it("puts a label inside a crescent, where the centroid is not", () => {
    const c: Ring = [[0, 0], [1, 0], [1, 0.2], [0.2, 0.2], [0.2, 0.8], [1, 0.8], [1, 1], [0, 1], [0, 0]];
    const [x, y] = labelPoint([c], 10);
    expect(polygonContains([c], x, y)).toBe(true);
    expect(polygonContains([c], 0.55, 0.5)).toBe(false);
  });
});
