import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISPATCH_TIE_BREAKS, type DispatchSpec, type DispatchTieBreak } from "@akutt/model";
import { VEHICLE_ROLE } from "../compile/compile.js";
import { createRandomStreams } from "../random/random.js";
import { NearestLocations } from "../simulation/nearest-location.js";
import { FREE_STATES, relocationFixture } from "../testing/relocation.js";
import type { DispatchRole, DispatchView, EnRouteView, RelocationPolicy } from "./policies.js";
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

const relocation = relocationFixture();
const { inputs: relocationInputs, context: relocationContext, ambulances, baseLocations, relocationView } = relocation;
const compiledFleet = relocationInputs.compiled.vehicles;
const baseIds = relocationInputs.compiled.baseIds;

/** Every relocation policy in the registry, with a spec a scenario could give it. */
const relocationPolicies: Array<readonly [string, RelocationPolicy]> = Object.keys(policyRegistry.relocation).map((name) => {
  const registry = policyRegistry.relocation;
  switch (name) {
    case "return-home":
      return [name, registry["return-home"]({ name }, relocationContext)] as const;
    case "standby-points":
      return [name, registry["standby-points"]({ name, points: [{ id: "sb-mjondalen" }], coverageSec: 600, maxTravelSec: 1800 }, relocationContext)] as const;
    case "dynamic-mexclp":
      return [name, registry["dynamic-mexclp"]({ name, busyFraction: 0.3, coverageSec: 720 }, relocationContext)] as const;
    case "compliance-table":
      // Row k: the first k bases in turn (repeats once k passes the number of bases).
      return [name, registry["compliance-table"]({ name, table: ambulances.map((_, k) => Array.from({ length: k + 1 }, (_, j) => baseIds[j % baseIds.length]!)) }, relocationContext)] as const;
    default:
      throw new Error(`relocation policy ${name} has no contract-test spec; add one here`);
  }
});
{
  // The compliance table per owner: each organisation with bases gets rows of its own bases for its own ambulances.
  const compiled = relocationInputs.compiled;
  const tables = Object.fromEntries(
    compiled.index.organisationIds.flatMap((owner, o) => {
      const own = baseIds.filter((_, b) => compiled.baseOwner[b] === o);
      const fleet = ambulances.filter((vehicle) => compiledFleet.owner[vehicle] === o).length;
      return own.length === 0 || fleet === 0 ? [] : [[owner, Array.from({ length: fleet }, (_, k) => Array.from({ length: k + 1 }, (_, j) => own[j % own.length]!))]];
    }),
  );
  relocationPolicies.push(["compliance-table (a table per owner)", policyRegistry.relocation["compliance-table"]({ name: "compliance-table", tables }, relocationContext)]);
}

/** Per ambulance: not free, idle at a base, driving to a base, or held (cleaning) at a hospital. */
const fleetState = fc.array(fc.record({ state: fc.constantFrom(...FREE_STATES), base: fc.nat(baseLocations.length - 1) }), { minLength: ambulances.length, maxLength: ambulances.length });

describe.each(relocationPolicies)("relocation policy contract: %s", (_name, policy) => {
  const decision = fc.tuple(fleetState, fc.nat(compiledFleet.count - 1), fc.nat(relocationInputs.compiled.locationCount - 1), fc.integer({ min: 0, max: 7 * 86_400 }));

  it("sends a freed unit to a base or home, and other units than ambulances home", () => {
    fc.assert(
      fc.property(decision, ([states, vehicle, current, simSec]) => {
        const view = relocationView(states.map((entry, k) => (ambulances[k] === vehicle ? { ...entry, state: "busy" } : entry)));
        const chosen = policy.chooseBase(view, vehicle, current, simSec);
        if (compiledFleet.role[vehicle] !== VEHICLE_ROLE.transport) expect(chosen).toBe(compiledFleet.homeLocation[vehicle]);
        else expect(chosen === compiledFleet.homeLocation[vehicle] || baseLocations.includes(chosen)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("decides the same way for the same state (no hidden randomness or state left behind)", () => {
    fc.assert(
      fc.property(decision, fleetState, ([states, vehicle, current, simSec], other) => {
        const view = relocationView(states.map((entry, k) => (ambulances[k] === vehicle ? { ...entry, state: "busy" } : entry)));
        const first = policy.chooseBase(view, vehicle, current, simSec);
        policy.chooseBase(relocationView(other), ambulances[0]!, current, simSec);
        expect(policy.chooseBase(view, vehicle, current, simSec)).toBe(first);
      }),
      { numRuns: 100 },
    );
  });

  it("moves only idle ambulances, each once, to a base or home", () => {
    if (!policy.reposition) return;
    fc.assert(
      fc.property(fleetState, fc.integer({ min: 0, max: 7 * 86_400 }), (states, simSec) => {
        const moves = policy.reposition!(relocationView(states), simSec);
        const moved = new Set<number>();
        for (const [vehicle, location] of moves) {
          const k = ambulances.indexOf(vehicle);
          expect(states[k]!.state).toBe("idle");
          expect(moved.has(vehicle)).toBe(false);
          moved.add(vehicle);
          expect(location === compiledFleet.homeLocation[vehicle] || baseLocations.includes(location)).toBe(true);
          expect(location).not.toBe(baseLocations[states[k]!.base]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
