import { describe, expect, it } from "vitest";
import { CongestionProfile, congestionPeriodSchema, secondsSinceMonday } from "./congestion.js";

describe("CongestionProfile", () => {
  const rush = congestionPeriodSchema.parse({ from: "07:00", to: "09:00", factor: 1.4 });
  it("applies the factor in the period on weekdays only", () => {
    const profile = new CongestionProfile([rush], "2025-01-06T00:00"); // a Monday
    expect(profile.factorAt(6.99 * 3600)).toBe(1);
    expect(profile.factorAt(7.5 * 3600)).toBeCloseTo(1.4, 5);
    expect(profile.factorAt(9 * 3600)).toBe(1);
    expect(profile.factorAt(5 * 86400 + 8 * 3600)).toBe(1); // Saturday
    expect(profile.factorAt(7 * 86400 + 8 * 3600)).toBeCloseTo(1.4, 5); // next Monday
  });
  it("takes the simulation start into account", () => {
    const profile = new CongestionProfile([rush], "2025-01-07T06:00"); // Tuesday 06:00
    expect(profile.factorAt(1.5 * 3600)).toBeCloseTo(1.4, 5);
    expect(profile.factorAt(0)).toBe(1);
  });
  it("requires a start when periods are given", () => {
    expect(() => new CongestionProfile([rush], undefined)).toThrow(/simStart/);
    expect(new CongestionProfile([], undefined).factorAt(123)).toBe(1);
  });
  it("counts seconds from Monday", () => {
    expect(secondsSinceMonday("2025-01-06T00:00")).toBe(0);
    expect(secondsSinceMonday("2025-01-12T23:59")).toBe(6 * 86400 + 23 * 3600 + 59 * 60);
  });
});
