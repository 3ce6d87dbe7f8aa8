import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISPATCH_TIE_BREAKS, type DispatchSpec, type DispatchTieBreak } from "@akutt/model";
import { createRandomStreams } from "../random/random.js";
import { NearestLocations } from "../simulation/nearest-location.js";
import type { DispatchRole, DispatchView, EnRouteView } from "./policies.js";
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

/** Every en-route policy (where a returning unit is dispatched from) in the registry. */
const enRoutePolicies = Object.entries(policyRegistry.enRoute).map(([name, factory]) => [name, factory({ name } as never)] as const);

/** Random places and travel times to one scene; positions in degrees around Drammen. */
const places = fc.array(fc.record({ lat: fc.double({ min: 59.6, max: 59.9, noNaN: true }), lon: fc.double({ min: 10.0, max: 10.5, noNaN: true }), toSceneSec: fc.integer({ min: 0, max: 3600 }) }), { minLength: 2, maxLength: 15 });

function enRouteView(points: Array<{ lat: number; lon: number; toSceneSec: number }>): EnRouteView {
  const nearest = new NearestLocations(points);
  return { travelToScene: (from) => points[from]!.toSceneSec, nearestLocationAlong: (from, to, fraction) => nearest.along(from, to, fraction) };
}

describe.each(enRoutePolicies)("en-route policy contract: %s", (_name, policy) => {
  const trip = places.chain((points) => fc.tuple(fc.constant(points), fc.nat(points.length - 1), fc.nat(points.length - 1), fc.double({ min: 0, max: 1, noNaN: true })));

  it("dispatches from the origin at the start of the trip and from the target at its end", () => {
    fc.assert(
      fc.property(trip, ([points, from, to]) => {
        const view = enRouteView(points);
        expect(policy.travelSec(view, from, to, 0)).toBe(points[from]!.toSceneSec);
        expect(policy.travelSec(view, from, to, 1)).toBe(points[to]!.toSceneSec);
      }),
    );
  });

  it("gives a finite, non-negative time that depends only on its inputs", () => {
    fc.assert(
      fc.property(trip, ([points, from, to, fraction]) => {
        const sec = policy.travelSec(enRouteView(points), from, to, fraction);
        expect(Number.isFinite(sec) && sec >= 0).toBe(true);
        expect(policy.travelSec(enRouteView(points), from, to, fraction)).toBe(sec);
      }),
    );
  });

  it("is never faster than the faster end when it says so (the dispatch search prunes by the ends)", () => {
    fc.assert(
      fc.property(trip, ([points, from, to, fraction]) => {
        if (!policy.boundedByEnds) return;
        const sec = policy.travelSec(enRouteView(points), from, to, fraction);
        expect(sec).toBeGreaterThanOrEqual(Math.min(points[from]!.toSceneSec, points[to]!.toSceneSec) - 1e-9);
        expect(sec).toBeLessThanOrEqual(Math.max(points[from]!.toSceneSec, points[to]!.toSceneSec) + 1e-9);
      }),
    );
  });
});

describe("nearest-location en-route rule", () => {
  it("drives from the location nearest to the straight-line position", () => {
    fc.assert(
      fc.property(places, fc.double({ min: 0, max: 1, noNaN: true }), (points, fraction) => {
        const nearest = new NearestLocations(points);
        const chosen = nearest.along(0, 1, fraction);
        const cos = Math.cos((points.reduce((sum, p) => sum + p.lat, 0) / points.length) * (Math.PI / 180));
        const at = { lat: points[0]!.lat + fraction * (points[1]!.lat - points[0]!.lat), lon: points[0]!.lon + fraction * (points[1]!.lon - points[0]!.lon) };
        const d = (p: { lat: number; lon: number }) => Math.hypot((p.lon - at.lon) * cos, p.lat - at.lat);
        for (const point of points) expect(d(points[chosen]!)).toBeLessThanOrEqual(d(point) + 1e-9);
        const policy = policyRegistry.enRoute["nearest-location"]({ name: "nearest-location" });
        expect(policy.travelSec(enRouteView(points), 0, 1, fraction)).toBe(points[chosen]!.toSceneSec);
      }),
    );
  });

  it("is not bounded by the ends: a unit passing the scene is dispatched from beside it", () => {
    // Origin and base far apart, the scene's zone half-way between them.
    const points = [
      { lat: 59.6, lon: 10.0, toSceneSec: 900 },
      { lat: 59.8, lon: 10.0, toSceneSec: 900 },
      { lat: 59.7, lon: 10.0, toSceneSec: 0 },
    ];
    expect(policyRegistry.enRoute["nearest-location"]({ name: "nearest-location" }).travelSec(enRouteView(points), 0, 1, 0.5)).toBe(0);
    expect(policyRegistry.enRoute.blend({ name: "blend" }).travelSec(enRouteView(points), 0, 1, 0.5)).toBe(900);
  });
});
