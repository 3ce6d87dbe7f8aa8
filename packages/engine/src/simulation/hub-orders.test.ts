import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TravelTimeModel } from "@akutt/model";
import { HubOrders } from "./hub-orders.js";

/** Travel times from a table: location i to zone z takes table[i][z] seconds (any double ≥ 0). */
function tableModel(table: number[][]): TravelTimeModel {
  const sec = (from: number, to: number) => table[from]![to]!;
  return { name: "table", limitations: [], travelTimeSec: sec, lowerBoundSec: sec, timeInvariant: true };
}

describe("HubOrders", () => {
  it("lists every hub per zone by its bound, each bound a 32-bit float never above the travel model's", () => {
    const seconds = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), fc.array(seconds, { minLength: 40 * 5, maxLength: 40 * 5 }), (hubCount, zoneCount, flat) => {
        // Locations 0 … zoneCount − 1 are the zones; the hubs are the next hubCount locations.
        const table = Array.from({ length: zoneCount + hubCount }, (_, from) => Array.from({ length: zoneCount }, (_, zone) => flat[(from * zoneCount + zone) % flat.length]!));
        const hubs = Array.from({ length: hubCount }, (_, k) => zoneCount + k);
        const orders = new HubOrders(tableModel(table), hubs, zoneCount);
        for (let zone = 0; zone < zoneCount; zone++) {
          const head = orders.headFor(zone, false);
          const offset = orders.headOffset(zone, false);
          const row = orders.fullRow(zone, false);
          expect(row.length).toBe(2 * hubCount);
          const seen = new Set<number>();
          for (let k = 0; k < hubCount; k++) {
            const bound = row[2 * k]!;
            const hub = row[2 * k + 1]!;
            seen.add(hub);
            const exact = table[orders.hubLocations[hub]!]![zone]!;
            expect(bound).toBeLessThanOrEqual(exact);
            expect(Math.fround(bound)).toBe(bound);
            // The nearest float below: the next float up is above the exact bound.
            if (bound < exact) expect(exact - bound).toBeLessThanOrEqual(Math.max(2 ** -149, exact * 2 ** -23));
            if (k > 0) expect(bound).toBeGreaterThanOrEqual(row[2 * k - 2]!);
            if (2 * k < orders.headLength) expect([head[offset + 2 * k], head[offset + 2 * k + 1]]).toEqual([bound, hub]);
          }
          expect(seen.size).toBe(hubCount);
        }
      }),
      { numRuns: 200 },
    );
  });
});
