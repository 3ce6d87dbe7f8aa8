import { describe, expect, it } from "vitest";
import { nearestCapableDestination } from "./destination.js";
import type { DestinationView } from "./policies.js";

const destinations = [
  { id: "a", location: 10, legevakt: false, capabilities: new Set(["general"]) },
  { id: "b", location: 20, legevakt: false, capabilities: new Set(["general", "pci"]) },
  { id: "lv", location: 30, legevakt: true, capabilities: new Set<string>() },
];
const need = { legevakt: false, capability: "general", areaCode: "0301" };

/** A view whose drive to destination a is slower than to b after `switchSec`, counting the times it is asked. */
function view(switchSec: number, invariantTravel?: object): DestinationView & { asked: number } {
  const v = {
    destinations,
    asked: 0,
    travelSec(from: number, to: number, _emergency: boolean, simSec: number): number {
      v.asked++;
      const aFirst = simSec < switchSec;
      return Math.abs(from - to) + (to === 10 ? (aFirst ? 0 : 100) : 50);
    },
    ...(invariantTravel ? { invariantTravel } : {}),
  };
  return v;
}

describe("nearestCapableDestination", () => {
  it("under a time-invariant travel model chooses once per origin and drive kind, and the choice is the one it would compute", () => {
    const policy = nearestCapableDestination();
    const travel = {};
    const cached = view(Infinity, travel);
    const fresh = view(Infinity);
    for (const from of [0, 15, 25, 0, 15, 25]) {
      for (const emergency of [false, true]) expect(policy.choose(cached, from, need, emergency, 0)).toBe(policy.choose(fresh, from, need, emergency, 0));
    }
    // Three origins × two drive kinds, two general hospitals each: asked 12 times, never again.
    expect(cached.asked).toBe(12);
    // Without a capable hospital the nearest general one, kept like any other choice.
    expect(policy.choose(cached, 25, { legevakt: false, capability: "burns", areaCode: "0301" }, false, 0)).toBe(0);
    expect(policy.choose(cached, 25, { legevakt: false, capability: "burns", areaCode: "0301" }, false, 0)).toBe(0);
    expect(cached.asked).toBe(14);
    // No suitable destination at all (−1) is kept too.
    const onlyLegevakt = { ...view(Infinity, travel), destinations: destinations.slice(2) };
    expect(policy.choose(onlyLegevakt, 0, need, false, 0)).toBe(-1);
    expect(policy.choose(onlyLegevakt, 0, need, false, 0)).toBe(-1);
  });

  it("chooses by each patient's own need when needs alternate (pci, general, legevakt, pci)", () => {
    const policy = nearestCapableDestination();
    const cached = view(Infinity, {});
    const pci = { legevakt: false, capability: "pci", areaCode: "0301" };
    const legevakt = { legevakt: true, capability: "general", areaCode: "0301" };
    // From 10, a (general only) is nearest; b is the only pci hospital; lv the only legevakt.
    const expected = [
      [pci, 1],
      [need, 0],
      [legevakt, 2],
      [pci, 1],
      [need, 0],
    ] as const;
    for (const [patientNeed, destination] of expected) expect(policy.choose(cached, 10, patientNeed, false, 0)).toBe(destination);
  });

  it("asks the travel model every time when its times depend on the time of day", () => {
    const policy = nearestCapableDestination();
    const timeOfDay = view(1000);
    expect(policy.choose(timeOfDay, 0, need, false, 0)).toBe(0);
    expect(policy.choose(timeOfDay, 0, need, false, 2000)).toBe(1);
  });

  it("starts its choices afresh under another travel model", () => {
    const policy = nearestCapableDestination();
    expect(policy.choose(view(Infinity, {}), 0, need, false, 0)).toBe(0);
    expect(policy.choose(view(-Infinity, {}), 0, need, false, 0)).toBe(1);
  });
});
