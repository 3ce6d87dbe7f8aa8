import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISPATCH_TIE_BREAKS, type DispatchSpec, type DispatchTieBreak } from "@akutt/model";
import { createRandomStreams } from "../random/random.js";
import type { DispatchRole, DispatchView } from "./policies.js";
import { policyRegistry } from "./registry.js";
import { priorityFcfsWaiting } from "./waiting.js";

/** Every dispatch policy in the registry, with each parameter set a scenario can give it. */
const dispatchPolicies = (["nearest", "own-first", "own-only"] as const).flatMap((crossBorder) =>
  DISPATCH_TIE_BREAKS.flatMap((tieBreak) =>
    Object.entries(policyRegistry.dispatch).map(([name, factory]) => {
      const spec: DispatchSpec = { name: name as "nearest-eta", crossBorder, ownFirstMarginSec: 60, interAmkDelaySec: 0, firstResponderForRed: true, tieBreak };
      return [`${name} (${crossBorder}, ties: ${tieBreak})`, factory(spec), tieBreak] as const;
    }),
  ),
);

const fleet = fc.array(fc.record({ available: fc.boolean(), eligible: fc.boolean(), own: fc.boolean(), etaSec: fc.integer({ min: 0, max: 3600 }), freeSinceSec: fc.integer({ min: 0, max: 5 }) }), { maxLength: 12 });

/** Tie-break numbers: a stream per incident and role, as the engine gives them. */
const tieStreams = createRandomStreams(7);

function viewOf(vehicles: Array<{ available: boolean; eligible: boolean; own: boolean; etaSec: number; freeSinceSec: number }>, reversed = false): DispatchView {
  const order = vehicles.map((_, v) => v);
  if (reversed) order.reverse();
  const candidates = order.filter((v) => vehicles[v]!.available && vehicles[v]!.eligible);
  return {
    candidates: (_incident: number, _role: DispatchRole) => ({
      count: candidates.length,
      vehicle: Int32Array.from(candidates),
      etaSec: Float64Array.from(candidates, (v) => vehicles[v]!.etaSec),
      own: Uint8Array.from(candidates, (v) => (vehicles[v]!.own ? 1 : 0)),
      freeSinceSec: Float64Array.from(candidates, (v) => vehicles[v]!.freeSinceSec),
    }),
    tieBreakRandom: (incident: number, role: DispatchRole) => tieStreams.stream(role === "transport" ? 16 : 17, incident),
  };
}

describe.each(dispatchPolicies)("dispatch policy contract: %s", (_name, policy) => {
  it("sends only an available, eligible vehicle, and sends one whenever one exists", () => {
    fc.assert(
      fc.property(fleet, (vehicles) => {
        const chosen = policy.select(viewOf(vehicles), 0, "transport");
        const anyCandidate = vehicles.some((vehicle) => vehicle.available && vehicle.eligible);
        if (!anyCandidate) expect(chosen).toBe(-1);
        else {
          expect(chosen).toBeGreaterThanOrEqual(0);
          expect(vehicles[chosen]!.available && vehicles[chosen]!.eligible).toBe(true);
        }
      }),
    );
  });

  it("does not depend on the order of the available list", () => {
    fc.assert(
      fc.property(fleet, (vehicles) => {
        expect(policy.select(viewOf(vehicles, true), 0, "transport")).toBe(policy.select(viewOf(vehicles), 0, "transport"));
      }),
    );
  });

  it("picks the fastest among the candidates of the organisation it settles on", () => {
    fc.assert(
      fc.property(fleet, (vehicles) => {
        const chosen = policy.select(viewOf(vehicles), 0, "transport");
        if (chosen < 0) return;
        const sameGroup = vehicles.filter((vehicle) => vehicle.available && vehicle.eligible && (policy.name.includes("(nearest)") || vehicle.own === vehicles[chosen]!.own));
        expect(vehicles[chosen]!.etaSec).toBe(Math.min(...sameGroup.map((vehicle) => vehicle.etaSec)));
      }),
    );
  });
});

describe.each(dispatchPolicies)("dispatch tie-break: %s", (_name, policy, tieBreak) => {
  const station = [
    { available: true, eligible: true, own: true, etaSec: 300, freeSinceSec: 50 },
    { available: true, eligible: true, own: true, etaSec: 300, freeSinceSec: 10 },
    { available: true, eligible: true, own: true, etaSec: 300, freeSinceSec: 30 },
    { available: true, eligible: true, own: true, etaSec: 301, freeSinceSec: 0 },
  ];
  const expected: Record<DispatchTieBreak, string> = { "free-longest": "the unit free longest", "lowest-index": "the unit listed first", random: "a seeded uniform draw" };

  it(`sends ${expected[tieBreak]} among equally fast ones`, () => {
    const chosen = Array.from({ length: 300 }, (_, incident) => policy.select(viewOf(station), incident, "transport"));
    if (tieBreak === "free-longest") expect(new Set(chosen)).toEqual(new Set([1]));
    else if (tieBreak === "lowest-index") expect(new Set(chosen)).toEqual(new Set([0]));
    else {
      // Every tied unit, never the slower one, about a third of the time each; the same incident always gets the same unit.
      for (const unit of [0, 1, 2]) expect(chosen.filter((v) => v === unit).length).toBeGreaterThan(70);
      expect(chosen).not.toContain(3);
      expect(Array.from({ length: 300 }, (_, incident) => policy.select(viewOf(station, true), incident, "transport"))).toEqual(chosen);
    }
  });
});

describe("priority-fcfs waiting queue", () => {
  it("serves red before yellow before green, first come first served within", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 50 }), (urgencies) => {
        const queue = priorityFcfsWaiting(false).createQueue();
        urgencies.forEach((urgency, incident) => queue.add(incident, urgency));
        const served: number[] = [];
        for (let next = queue.takeFor(() => true); next >= 0; next = queue.takeFor(() => true)) served.push(next);
        const expected = urgencies.map((urgency, incident) => ({ urgency, incident })).sort((a, b) => a.urgency - b.urgency || a.incident - b.incident).map((entry) => entry.incident);
        expect(served).toEqual(expected);
        expect(queue.size).toBe(0);
      }),
    );
  });

  it("skips incidents the vehicle may not serve and keeps them waiting", () => {
    const queue = priorityFcfsWaiting(false).createQueue();
    queue.add(0, 0);
    queue.add(1, 2);
    expect(queue.takeFor((incident) => incident === 1)).toBe(1);
    expect(queue.waiting()).toEqual([0]);
  });
});
