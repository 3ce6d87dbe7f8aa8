import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { haversineM, LocalProjection, projectOnSegment } from "./distance.js";

describe("haversineM", () => {
  it("measures one degree of latitude as about 111.2 km", () => {
    expect(haversineM(10, 59, 10, 60)).toBeCloseTo(111_195, -1);
  });
  it("Oslo S to Drammen is about 36 km as the crow flies", () => {
    const d = haversineM(10.7522, 59.9111, 10.2045, 59.7439);
    expect(d).toBeGreaterThan(34_000);
    expect(d).toBeLessThan(37_000);
  });
  it("is symmetric and zero on the diagonal", () => {
    fc.assert(
      fc.property(fc.double({ min: 4, max: 13, noNaN: true }), fc.double({ min: 57, max: 63, noNaN: true }), fc.double({ min: 4, max: 13, noNaN: true }), fc.double({ min: 57, max: 63, noNaN: true }), (a, b, c, d) => {
        expect(haversineM(a, b, c, d)).toBeCloseTo(haversineM(c, d, a, b), 6);
        expect(haversineM(a, b, a, b)).toBe(0);
      }),
    );
  });
});

describe("LocalProjection", () => {
  it("agrees with haversine within 0.5 % over 30 km near its reference latitude", () => {
    const p = new LocalProjection(59.8);
    const dx = p.x(10.6) - p.x(10.2);
    const dy = p.y(59.9) - p.y(59.7);
    const planar = Math.hypot(dx, dy);
    expect(Math.abs(planar / haversineM(10.2, 59.7, 10.6, 59.9) - 1)).toBeLessThan(0.005);
  });
});

describe("projectOnSegment", () => {
  it("clamps to the end points and finds the perpendicular foot", () => {
    expect(projectOnSegment(5, 3, 0, 0, 10, 0)).toMatchObject({ fraction: 0.5, distanceSq: 9, x: 5, y: 0 });
    expect(projectOnSegment(-4, 3, 0, 0, 10, 0)).toMatchObject({ fraction: 0, distanceSq: 25 });
    expect(projectOnSegment(14, 0, 0, 0, 10, 0)).toMatchObject({ fraction: 1, distanceSq: 16 });
  });
});
