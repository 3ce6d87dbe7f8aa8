import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeferredSteps } from "./deferred-steps.js";

type Step = { atSec: number; state: number; row: number; location: number; destination: number };

describe("DeferredSteps", () => {
  it("gives each vehicle's steps back in the order planned, with the next one's time as due, whatever other vehicles do", () => {
    const step = fc.record({ atSec: fc.integer({ min: 0, max: 1e6 }), state: fc.integer({ min: 0, max: 10 }), row: fc.integer({ min: -1, max: 1e6 }), location: fc.integer({ min: -1, max: 5000 }), destination: fc.integer({ min: -1, max: 50 }) });
    const operation = fc.oneof(fc.record({ vehicle: fc.integer({ min: 0, max: 3 }), plan: step }), fc.record({ vehicle: fc.integer({ min: 0, max: 3 }) }));
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (operations) => {
        const steps = new DeferredSteps(4);
        const pending: Step[][] = [[], [], [], []];
        for (const op of operations) {
          const queue = pending[op.vehicle]!;
          if ("plan" in op) {
            // At most two steps wait per vehicle (the simulation never plans a third).
            if (queue.length === 2) continue;
            const { atSec, state, row, location, destination } = op.plan;
            steps.plan(op.vehicle, atSec, state, row, location, destination);
            queue.push(op.plan);
          } else {
            const expected = queue.shift();
            if (expected === undefined) continue;
            steps.take(op.vehicle);
            expect({ atSec: steps.atSec, state: steps.state, row: steps.row, location: steps.location, destination: steps.destination }).toEqual(expected);
          }
          for (let v = 0; v < 4; v++) expect(steps.dueSec(v)).toBe(pending[v]![0]?.atSec ?? Infinity);
        }
      }),
    );
  });

  it("refuses a third pending step", () => {
    const steps = new DeferredSteps(1);
    steps.plan(0, 10, 1, 0);
    steps.plan(0, 20, 2, 0);
    expect(() => steps.plan(0, 30, 3, 0)).toThrow(/more than 2 deferred steps/);
  });
});
