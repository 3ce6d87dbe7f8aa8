import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FreeUnitIndex } from "./free-unit-index.js";

const VEHICLES = 6;
// Locations 0–3 are hubs 0–3; locations 4 and 5 are no hub (a unit there is always asked).
const hubOf = Int32Array.from([0, 1, 2, 3, -1, -1]);

type Operation = { kind: "add"; vehicle: number; first: number; second: number } | { kind: "remove"; vehicle: number } | { kind: "restrict"; vehicle: number; bits: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), vehicle: fc.integer({ min: 0, max: VEHICLES - 1 }), first: fc.integer({ min: 0, max: 5 }), second: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant("remove" as const), vehicle: fc.integer({ min: 0, max: VEHICLES - 1 }) }),
  fc.record({ kind: fc.constant("restrict" as const), vehicle: fc.integer({ min: 0, max: VEHICLES - 1 }), bits: fc.integer({ min: 0, max: 3 }) }),
);

describe("FreeUnitIndex", () => {
  it("counts the filed units without a restriction through any sequence of filing, removal and restriction changes", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const restriction = new Uint8Array(VEHICLES);
        const index = new FreeUnitIndex(hubOf, 4, VEHICLES, restriction);
        const filed = new Set<number>();
        for (const op of operations) {
          if (op.kind === "add") {
            // The simulation files a unit only when it is not filed (a state change removes it first).
            if (filed.has(op.vehicle)) continue;
            index.add(op.vehicle, op.first, op.second);
            filed.add(op.vehicle);
          } else if (op.kind === "remove") {
            index.remove(op.vehicle);
            filed.delete(op.vehicle);
          } else {
            const wasZero = restriction[op.vehicle] === 0;
            restriction[op.vehicle] = op.bits;
            // Availability reports only a change between none and some.
            if (wasZero !== (op.bits === 0)) index.restrictionChanged(op.vehicle);
          }
          const expected = [...filed].filter((vehicle) => restriction[vehicle] === 0).length;
          expect(index.unrestrictedCount).toBe(expected);
        }
      }),
    );
  });

  it("files a unit between two hubs under both, and a unit off the hubs as always asked", () => {
    const index = new FreeUnitIndex(hubOf, 4, VEHICLES, new Uint8Array(VEHICLES));
    index.add(2, 1, 3);
    index.add(4, 0, 5);
    expect([index.countAtHub[1], index.countAtHub[3], index.countAtHub[0]]).toEqual([1, 1, 0]);
    expect(index.unitsAtHub[1 * VEHICLES]).toBe(2);
    expect(index.alwaysAskedCount).toBe(1);
    expect(index.alwaysAsked(0)).toBe(4);
    index.remove(2);
    expect([index.countAtHub[1], index.countAtHub[3]]).toEqual([0, 0]);
    expect(index.unrestrictedCount).toBe(1);
  });
});
