import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CoverageData } from "../coverage/coverage.js";
import { fleetOptionsSchema, type FleetOptions } from "../options.js";
import { cbcAvailable, sameObjective, solveWithCbc } from "../testing/cbc.js";
import { HOURS_PER_WEEK, solveFleet } from "./fleet.js";

/** Stations × zones by hand: covering[i] = the stations within reach of zone i; zones in areas. */
function data(covering: number[][], weights: number[], areas: string[], stations: number, profile: number[] = [1]): CoverageData {
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    demand: weights.map((w, i) => ({ zoneId: `z${i}`, areaCode: areas[i]!, areaClass: "tettbygd", organisation: "t", weight: w / total, ratePerHour: w, thresholdSec: 720, delaySec: 0 })),
    sites: Array.from({ length: stations }, (_, s) => ({ id: `s${s}`, kind: "station", owner: "t", currentVehicles: 0, lat: 60, lon: 10 })),
    responseSec: new Float64Array(stations * weights.length),
    coveringSites: covering.map((sites) => Int32Array.from(sites)),
    profileByHourOfWeek: Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => profile[h % profile.length]!),
    borderRule: "nearest",
    ownFirstMarginSec: 0,
    travelModel: "by hand",
    ambulances: 0,
  };
}

const options = (input: Record<string, unknown>): FleetOptions => fleetOptionsSchema.parse(input);

describe("fleet and shifts on instances solved by hand", () => {
  it("one station, one zone, q = 0.5, target 0.7: two ambulances every hour (1 − 0.5² = 0.75; one gives 0.5) = 336 ambulance-hours", async () => {
    for (const shifts of [[{ id: "d12", lengthH: 12, startHours: [7, 19] }], [{ id: "e8", lengthH: 8, startHours: [7, 15, 23] }]]) {
      const result = await solveFleet(data([[0]], [1], ["A"], 1), options({ shifts, busyFraction: 0.5, target: 0.7, costPerAmbulanceHour: 2 }));
      expect(result.status).toBe("optimal");
      expect(result.ambulanceHoursPerWeek).toBe(336);
      expect(result.cost).toBeCloseTo(672, 9);
      expect(result.onDuty[0]!.every((count) => count === 2)).toBe(true);
      expect(result.areas[0]!.lowestCoverage).toBeCloseTo(0.75, 12);
    }
  });

  it("busier hours need more: with 12-hour day shifts from 7 and the busy fraction doubled by day, the days need 3", async () => {
    // profile 1.6 for 07–19, 0.4 otherwise (q = 0.4 and 0.1 at busyFraction 0.25): target 0.9 needs
    // 1 − 0.4^n ≥ 0.9 → n = 3 by day, 1 − 0.1^n ≥ 0.9 → n = 1 by night: (3 + 1) · 12 h · 7 days = 336.
    const profile = Array.from({ length: 24 }, (_, h) => (h >= 7 && h < 19 ? 1.6 : 0.4));
    const result = await solveFleet(data([[0]], [1], ["A"], 1, profile), options({ shifts: [{ id: "d12", lengthH: 12, startHours: [7, 19] }], busyFraction: 0.25, target: 0.9 }));
    expect(result.ambulanceHoursPerWeek).toBe(336);
    expect(result.onDuty[0]![8]).toBe(3);
    expect(result.onDuty[0]![20]).toBe(1);
  });

  it("a target no fleet can reach within the caps is infeasible", async () => {
    const result = await solveFleet(data([[0]], [1], ["A"], 1), options({ busyFraction: 0.5, target: 0.99, maxVehiclesPerSite: 3 }));
    expect(result.status).toBe("infeasible");
  });

  it("targets by hour: 0.75 by day (07–19) needs two at q = 0.5, 0.5 by night one: (2 + 1) · 12 h · 7 days = 252; CBC agrees", async () => {
    const targets = new Map([["A", Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => (h % 24 >= 7 && h % 24 < 19 ? 0.75 : 0.5))]]);
    const result = await solveFleet(data([[0]], [1], ["A"], 1), options({ shifts: [{ id: "d12", lengthH: 12, startHours: [7, 19] }], busyFraction: 0.5 }), targets);
    expect(result.status).toBe("optimal");
    expect(result.ambulanceHoursPerWeek).toBe(252);
    expect(result.onDuty[0]![8]).toBe(2);
    expect(result.onDuty[0]![20]).toBe(1);
    expect(result.areas[0]!.lowestMargin).toBeCloseTo(0, 12);
    if (cbcAvailable()) for (const format of ["lp", "mps"] as const) expect(sameObjective(solveWithCbc(result.mip, format).objective, result.cost)).toBe(true);
    await expect(solveFleet(data([[0]], [1], ["A"], 1), options({}), new Map([["B", new Float64Array(HOURS_PER_WEEK)]]))).rejects.toThrow(/area A needs 168 hourly targets/);
  });

  it.skipIf(!cbcAvailable())("CBC finds the same least cost from the .lp and .mps files", async () => {
    const result = await solveFleet(data([[0], [0, 1]], [2, 1], ["A", "B"], 2), options({ busyFraction: 0.4, target: 0.8, areaTargets: { B: 0.9 } }));
    expect(result.status).toBe("optimal");
    for (const format of ["lp", "mps"] as const) expect(sameObjective(solveWithCbc(result.mip, format).objective, result.cost)).toBe(true);
  });
});

/**
 * With one-hour shifts starting at every hour the week splits into independent hours, so the
 * optimum is Σ_h (fewest ambulances meeting every area's target in hour h), found by enumeration.
 */
describe("fleet MIP = hour-by-hour enumeration when shifts are one hour long", () => {
  it("random small instances", async () => {
    const instances = fc.record({
      stations: fc.integer({ min: 1, max: 3 }),
      zones: fc.integer({ min: 1, max: 3 }),
      reach: fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
      weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
      twoAreas: fc.boolean(),
      profile: fc.array(fc.constantFrom(0.5, 1, 1.5), { minLength: 3, maxLength: 3 }),
      target: fc.constantFrom(0.5, 0.7, 0.8),
      busyFraction: fc.constantFrom(0.2, 0.4),
    });
    await fc.assert(
      fc.asyncProperty(instances, async (r) => {
        const covering = Array.from({ length: r.zones }, (_, i) => Array.from({ length: r.stations }, (_, s) => s).filter((s) => r.reach[i]![s]));
        const areas = Array.from({ length: r.zones }, (_, i) => (r.twoAreas && i > 0 ? "B" : "A"));
        const cap = 3;
        const input = data(covering, r.weights.slice(0, r.zones), areas, r.stations, r.profile);
        const o = options({ shifts: [{ id: "h1", lengthH: 1, startHours: Array.from({ length: 24 }, (_, h) => h) }], maxVehiclesPerSite: cap, coverageLevels: 9, busyFraction: r.busyFraction, target: r.target });
        // Enumerate per distinct busy fraction (the hours repeat the 3-hour profile).
        const fewest = new Map<number, number | undefined>();
        for (const level of new Set(r.profile)) {
          const q = Math.min(o.maxBusyFraction, o.busyFraction * level);
          let best: number | undefined;
          const counts = new Array<number>(r.stations).fill(0);
          const visit = (s: number): void => {
            if (s === r.stations) {
              const byArea = new Map<string, [number, number]>();
              input.demand.forEach((point, i) => {
                const n = covering[i]!.reduce((sum, k) => sum + counts[k]!, 0);
                const [covered, total] = byArea.get(point.areaCode) ?? [0, 0];
                byArea.set(point.areaCode, [covered + point.weight * (1 - q ** n), total + point.weight]);
              });
              if ([...byArea.values()].every(([covered, total]) => covered >= o.target * total - 1e-12)) {
                const vehicles = counts.reduce((a, b) => a + b, 0);
                if (best === undefined || vehicles < best) best = vehicles;
              }
              return;
            }
            for (let v = 0; v <= cap; v++) {
              counts[s] = v;
              visit(s + 1);
            }
          };
          visit(0);
          fewest.set(level, best);
        }
        const expected = Array.from({ length: HOURS_PER_WEEK }, (_, h) => fewest.get(r.profile[h % 3]!));
        const unreachableArea = [...new Set(areas)].some((area) => areas.every((a, i) => a !== area || covering[i]!.length === 0));
        if (unreachableArea) {
          await expect(solveFleet(input, o)).rejects.toThrow(/no station reaches any of its demand/);
          return;
        }
        const result = await solveFleet(input, o);
        if (expected.some((value) => value === undefined)) expect(result.status).toBe("infeasible");
        else {
          expect(result.status).toBe("optimal");
          expect(result.ambulanceHoursPerWeek).toBe(expected.reduce((a, b) => a! + b!, 0));
        }
      }),
      { numRuns: 15, seed: 1112 },
    );
  });
});
