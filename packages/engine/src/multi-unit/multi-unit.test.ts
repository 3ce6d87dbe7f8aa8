import { describe, expect, it } from "vitest";
import { VEHICLE_STATES, type ReplicationResult } from "../result/result.js";
import { prepareTest, weekDemo } from "../testing/fixtures.js";
import { expectDeterministic } from "../testing/laws.js";
import { simulateReplication } from "../simulation/simulation.js";

const PROFILE_LINE = "    dayOfWeek: [1, 1, 1, 1, 1.05, 1.1, 1.1]\n";

/** The demo over 7 days (1 warm-up), calls only in the first 6 so every mission finishes; `demand` adds lines under demand. */
function demo(demand = "", edit: (text: string) => string = (text) => text) {
  return prepareTest(
    weekDemo((text) => edit(text.replace(PROFILE_LINE, `${PROFILE_LINE}  window: { endHour: 144 }\n${demand}`))),
  );
}

const TWO_UNITS = "  multiUnit:\n    red: { units: { \"2\": 0.5, \"3\": 0.2 } }\n    yellow: { units: { \"2\": 0.3 } }\n    extraTransportProbability: 0.4\n";
const JOINT = "  jointOperations:\n    share: { red: 1 }\n    extraOnScene: { kind: fixed, value: 30, unit: min }\n";

const busySec = (result: ReplicationResult) => {
  const states = VEHICLE_STATES.length;
  let sum = 0;
  for (let k = 0; k < result.vehicles.stateSec.length; k++) {
    const state = k % states;
    if (state !== VEHICLE_STATES.indexOf("offDuty") && state !== VEHICLE_STATES.indexOf("idle")) sum += result.vehicles.stateSec[k]!;
  }
  return sum;
};
const meanWaitSec = (result: ReplicationResult) => result.incidents.waitForUnitSec.reduce((sum, wait) => sum + wait, 0) / result.incidents.count;
const missions = (result: ReplicationResult) => result.vehicles.missions.reduce((sum, n) => sum + n, 0);

describe("multi-unit incidents and joint operations", () => {
  const off = demo();
  const multi = demo(TWO_UNITS);
  const seeds = [3, 4, 5];
  const offResults = seeds.map((seed) => simulateReplication(off, seed, 0));
  const multiResults = seeds.map((seed) => simulateReplication(multi, seed, 0));

  it("is not created when the scenario does not ask, and changes nothing when every incident needs one unit", () => {
    expect(off.compiled.multiUnit).toBeUndefined();
    expect(offResults[0]!.multiUnit).toBeUndefined();
    const empty = simulateReplication(demo("  multiUnit: {}\n"), 3, 0);
    expect(empty.multiUnit).toBeDefined();
    expect(empty.incidents).toEqual(offResults[0]!.incidents);
    expect(empty.vehicles).toEqual(offResults[0]!.vehicles);
  });

  it("a share of two- and three-unit incidents raises utilisation, missions and waits", () => {
    for (let k = 0; k < seeds.length; k++) {
      const a = offResults[k]!;
      const b = multiResults[k]!;
      expect(b.multiUnit!.extraUnits.count).toBeGreaterThan(0);
      expect(busySec(b)).toBeGreaterThan(busySec(a));
      expect(missions(b)).toBeGreaterThan(missions(a));
    }
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean(multiResults.map(meanWaitSec))).toBeGreaterThan(mean(offResults.map(meanWaitSec)));
  });

  it("keeps the response time the first ambulance's: the last unit arrives no earlier, and single-unit incidents' last unit is the first", () => {
    for (const result of multiResults) {
      const log = result.incidents;
      const mu = result.multiUnit!;
      let multiReached = 0;
      for (let i = 0; i < log.count; i++) {
        const all = mu.allAtSceneSec[i]!;
        if (mu.unitsNeeded[i] === 1) {
          if (Number.isFinite(log.atSceneSec[i]!)) expect(all).toBe(log.atSceneSec[i]);
          continue;
        }
        if (!Number.isFinite(all)) continue;
        multiReached++;
        expect(all).toBeGreaterThanOrEqual(log.atSceneSec[i]!);
      }
      expect(multiReached).toBeGreaterThan(0);
      for (let r = 0; r < mu.extraUnits.count; r++) {
        const i = mu.extraUnits.incident[r]!;
        expect(mu.extraUnits.vehicle[r]).not.toBe(log.vehicle[i]);
        if (Number.isFinite(mu.extraUnits.atSceneSec[r]!)) expect(log.firstAnyAtSceneSec[i]).toBeLessThanOrEqual(mu.extraUnits.atSceneSec[r]!);
      }
    }
  });

  it("sends each extra, or cancels it when the first unit has left the scene; none is sent after that", () => {
    // Three ambulances at most in the demo's quiet hours and 3-unit shares make extras wait.
    const scarce = demo("  multiUnit:\n    red: { units: { \"3\": 0.6 } }\n    yellow: { units: { \"3\": 0.6 } }\n    green: { units: { \"3\": 0.6 } }\n");
    let cancelled = 0;
    for (const seed of seeds) {
      const result = simulateReplication(scarce, seed, 0);
      const log = result.incidents;
      const mu = result.multiUnit!;
      const sent = new Int32Array(log.count);
      for (let r = 0; r < mu.extraUnits.count; r++) {
        const i = mu.extraUnits.incident[r]!;
        sent[i]!++;
        const left = log.leftSceneSec[i]!;
        if (Number.isFinite(left)) expect(mu.extraUnits.dispatchedSec[r]).toBeLessThanOrEqual(left);
      }
      for (let i = 0; i < log.count; i++) {
        cancelled += mu.extrasCancelled[i]!;
        // Every call rang by day 6 of 7, so every first unit has left the scene: nothing still waits.
        expect(sent[i]! + mu.extrasCancelled[i]!).toBe(mu.unitsNeeded[i]! - 1);
        if (mu.extrasCancelled[i]! > 0) expect(Number.isNaN(mu.allAtSceneSec[i]!)).toBe(true);
      }
    }
    expect(cancelled).toBeGreaterThan(0);
  });

  it("never has a vehicle on two incidents at once, and every sent unit becomes free (conservation)", () => {
    for (const result of multiResults) {
      const log = result.incidents;
      const mu = result.multiUnit!;
      const busy = new Map<number, Array<[number, number]>>();
      const add = (vehicle: number, start: number, end: number) => busy.set(vehicle, [...(busy.get(vehicle) ?? []), [start, end]]);
      for (let i = 0; i < log.count; i++) {
        if (log.vehicle[i]! >= 0) add(log.vehicle[i]!, log.decidedSec[i]! + log.waitForUnitSec[i]!, log.freeSec[i]!);
      }
      for (let r = 0; r < mu.extraUnits.count; r++) {
        expect(Number.isFinite(mu.extraUnits.freeSec[r]!)).toBe(true);
        add(mu.extraUnits.vehicle[r]!, mu.extraUnits.dispatchedSec[r]!, mu.extraUnits.freeSec[r]!);
      }
      for (const intervals of busy.values()) {
        intervals.sort((a, b) => a[0] - b[0]);
        for (let k = 1; k < intervals.length; k++) expect(intervals[k]![0]).toBeGreaterThanOrEqual(intervals[k - 1]![1]);
      }
      // Missions: each first ambulance, first responder and extra of an incident after warm-up, once.
      let expected = 0;
      for (let i = 0; i < log.count; i++) {
        if (log.inWarmUp[i] === 1) continue;
        if (log.vehicle[i]! >= 0) expected++;
        if (log.firstResponder[i]! >= 0) expected++;
      }
      for (let r = 0; r < mu.extraUnits.count; r++) if (log.inWarmUp[mu.extraUnits.incident[r]!] === 0) expected++;
      expect(missions(result)).toBe(expected);
    }
  });

  it("lengthens every ambulance's on-scene time at a joint operation by the drawn extra time", () => {
    const joint = simulateReplication(demo(JOINT), 3, 0);
    const base = offResults[0]!;
    const a = base.incidents;
    const b = joint.incidents;
    let compared = 0;
    for (let i = 0; i < a.count; i++) {
      if (a.urgency[i] !== 0 || !Number.isFinite(a.leftSceneSec[i]!) || !Number.isFinite(b.leftSceneSec[i]!)) continue;
      // The same on-scene draw (common random numbers) plus 30 minutes.
      expect(b.leftSceneSec[i]! - b.atSceneSec[i]!).toBeCloseTo(a.leftSceneSec[i]! - a.atSceneSec[i]! + 1800, 6);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
    expect(joint.multiUnit!.joint.filter((flag, i) => flag === 1 && b.urgency[i] !== 0).length).toBe(0);
    expect(busySec(joint)).toBeGreaterThan(busySec(base));
  });

  it("holds every unit back before it enters the scene of a joint operation", () => {
    const held = simulateReplication(demo("  jointOperations:\n    share: { yellow: 1 }\n    extraOnScene: { kind: fixed, value: 0, unit: min }\n    holdBack: { kind: fixed, value: 10, unit: min }\n"), 3, 0);
    const log = held.incidents;
    let yellow = 0;
    for (let i = 0; i < log.count; i++) {
      if (log.urgency[i] !== 1 || !Number.isFinite(log.atSceneSec[i]!)) continue;
      expect(log.atSceneSec[i]! - log.departedSec[i]!).toBeGreaterThanOrEqual(600);
      yellow++;
    }
    expect(yellow).toBeGreaterThan(50);
  });

  it("is deterministic: the same seed gives identical multi-unit logs", () => {
    const both = demo(TWO_UNITS + JOINT.replace("share: { red: 1 }", "share: { red: 0.2, yellow: 0.05 }"));
    expectDeterministic(both, ["multiUnit", "incidents", "vehicles"], { maxReplication: 3, numRuns: 4 });
  });

  it("draws each incident's needs from its own streams: the same in scenarios with other fleets, and the incidents unchanged (common random numbers)", () => {
    const smallerFleet = demo(TWO_UNITS + JOINT, (text) => text.replace("count: 5 }", "count: 2 }"));
    const a = simulateReplication(demo(TWO_UNITS + JOINT), 7, 0);
    const b = simulateReplication(smallerFleet, 7, 0);
    const none = simulateReplication(off, 7, 0);
    expect(b.multiUnit!.unitsNeeded).toEqual(a.multiUnit!.unitsNeeded);
    expect(b.multiUnit!.joint).toEqual(a.multiUnit!.joint);
    expect(a.incidents.ringSec).toEqual(none.incidents.ringSec);
    expect(a.incidents.urgency).toEqual(none.incidents.urgency);
    const red = (result: ReplicationResult) => result.multiUnit!.unitsNeeded.filter((units, i) => result.incidents.urgency[i] === 0 && units > 1).length / result.incidents.urgency.filter((u) => u === 0).length;
    expect(red(a)).toBeGreaterThan(0.6);
    expect(red(a)).toBeLessThan(0.8);
  });
});
