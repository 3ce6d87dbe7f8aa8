import { describe, expect, it } from "vitest";
import { VEHICLE_STATES, type ReplicationResult } from "../result/result.js";
import { OUTCOME_LOST, simulateReplication } from "../simulation/simulation.js";
import type { SimulationInputs } from "../simulation/simulation.js";
import { ALL_AVAILABILITY, prepareTest, twoGreenCallsFarApart, weekDemo } from "../testing/fixtures.js";
import { committedIncidents, expectDeterministic, expectNoVehicleOnTwoIncidents, expectSameOnSceneTimes } from "../testing/laws.js";

const DAY_SEC = 86_400;
const STATES = VEHICLE_STATES.length;
const CLEANING = VEHICLE_STATES.indexOf("cleaning");
const ON_BREAK = VEHICLE_STATES.indexOf("onBreak");
const OUT_OF_SERVICE = VEHICLE_STATES.indexOf("outOfService");
const OFF_DUTY = VEHICLE_STATES.indexOf("offDuty");
const RED = 0;

/** The demo for a week (one day of warm-up) with an availability section appended. */
function demo(availability: string | undefined, edit: (text: string) => string = (text) => text): SimulationInputs {
  return prepareTest(
    weekDemo((text) => {
      const short = edit(text);
      return availability === undefined ? short : `${short}\navailability:\n${availability}\n`;
    }),
  );
}

const busier = (factor: number) => (text: string) =>
  text.replace("red: { per1000PerYear: 43.5 }", `red: { per1000PerYear: ${43.5 * factor} }`).replace("yellow: { per1000PerYear: 58 }", `yellow: { per1000PerYear: ${58 * factor} }`).replace("green: { per1000PerYear: 43.5 }", `green: { per1000PerYear: ${43.5 * factor} }`);

function stateTotal(result: ReplicationResult, state: number): number {
  let sum = 0;
  for (let v = 0; v < result.vehicles.missions.length; v++) sum += result.vehicles.stateSec[v * STATES + state]!;
  return sum;
}

const total = (counts: Int32Array | undefined) => (counts ?? new Int32Array(0)).reduce((a, b) => a + b, 0);

function meanWaitSec(result: ReplicationResult): number {
  const log = result.incidents;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < log.count; i++) {
    if (log.inWarmUp[i] === 1) continue;
    sum += log.waitForUnitSec[i]!;
    count++;
  }
  return sum / count;
}

describe("availability switched off", () => {
  it("is not created without the section, and an empty section changes nothing", () => {
    const without = simulateReplication(demo(undefined), 7, 0);
    const empty = simulateReplication(demo("  crewChanges: ['07:00', '19:00']"), 7, 0);
    expect(without.availability).toBeUndefined();
    expect(empty.incidents).toEqual(without.incidents);
    expect(empty.vehicles).toEqual(without.vehicles);
    for (const state of [CLEANING, ON_BREAK, OUT_OF_SERVICE]) expect(stateTotal(without, state)).toBe(0);
  });

  it("keeps the emergency incidents' own random numbers when switched on (common random numbers)", () => {
    const without = simulateReplication(demo(undefined), 5, 0).incidents;
    const withAll = simulateReplication(demo(ALL_AVAILABILITY), 5, 0).incidents;
    expect(withAll.ringSec).toEqual(without.ringSec);
    expect(withAll.urgency).toEqual(without.urgency);
    expectSameOnSceneTimes(without, withAll);
  });
});

describe("cleaning after a mission", () => {
  it("makes incidents wait longer for a unit, and its time is cleanings × duration", () => {
    const cleaning = (probability: number) =>
      `  cleaning:\n    transported: { probability: ${probability}, duration: { kind: fixed, value: 30, unit: min } }\n    treatedOnScene: { probability: 0, duration: { kind: fixed, value: 10, unit: min } }`;
    const none = simulateReplication(demo(cleaning(0), busier(3)), 2, 0);
    const always = simulateReplication(demo(cleaning(1), busier(3)), 2, 0);
    expect(meanWaitSec(always)).toBeGreaterThan(meanWaitSec(none) * 1.2);
    expect(total(none.availability?.cleanings)).toBe(0);
    const cleanings = total(always.availability?.cleanings);
    expect(cleanings).toBeGreaterThan(50);
    // Cleanings that straddle the counting window's edges put part of their time outside it.
    expect(stateTotal(always, CLEANING) / 1800).toBeGreaterThan(cleanings - 10);
    expect(stateTotal(always, CLEANING) / 1800).toBeLessThan(cleanings + 10);
  });

  it("logs when each transporting unit was ready again: the mission's end, or the cleaning's end after it", () => {
    const result = simulateReplication(
      demo(`  cleaning:\n    transported: { probability: 0.5, duration: { kind: fixed, value: 25, unit: min } }\n    treatedOnScene: { probability: 0, duration: { kind: fixed, value: 10, unit: min } }`),
      4,
      0,
    );
    const log = result.incidents;
    const readySec = result.availability!.readySec;
    const gaps = new Map<string, number>();
    let ready = 0;
    for (let i = 0; i < log.count; i++) {
      if (!Number.isFinite(readySec[i])) continue;
      ready++;
      expect(log.vehicle[i]).toBeGreaterThanOrEqual(0);
      const gapSec = readySec[i]! - log.freeSec[i]!;
      if (log.destination[i]! < 0) expect(gapSec).toBe(0);
      const key = gapSec === 0 ? "none" : Math.abs(gapSec - 1500) < 1e-6 ? "cleaned" : `other ${gapSec}`;
      gaps.set(key, (gaps.get(key) ?? 0) + 1);
    }
    // Every finished mission has a ready time; cleanings are exactly the counted ones (warm-up included here).
    expect(ready).toBe([...log.freeSec].filter((sec, i) => Number.isFinite(sec) && log.vehicle[i]! >= 0).length);
    expect([...gaps.keys()].sort()).toEqual(["cleaned", "none"]);
    expect(gaps.get("cleaned")).toBeGreaterThanOrEqual(total(result.availability!.cleanings));
  });

  it("at the station: the unit drives home first, and is not found by dispatch meanwhile", () => {
    const atStation = simulateReplication(
      demo(`  cleaning:\n    transported: { probability: 1, duration: { kind: fixed, value: 20, unit: min } }\n    treatedOnScene: { probability: 1, duration: { kind: fixed, value: 20, unit: min } }\n    where: station`),
      4,
      0,
    );
    const cleanings = total(atStation.availability?.cleanings);
    // The drive home is part of the cleaning time, so it is more than the cleanings alone.
    expect(stateTotal(atStation, CLEANING)).toBeGreaterThan((cleanings + 5) * 1200);
  });

  it("interruptible by red: only red calls take a unit mid-cleaning", () => {
    const inputs = demo(
      `  cleaning:\n    transported: { probability: 1, duration: { kind: fixed, value: 60, unit: min } }\n    treatedOnScene: { probability: 1, duration: { kind: fixed, value: 60, unit: min } }\n    interruptibleByRed: true`,
      busier(2),
    );
    const result = simulateReplication(inputs, 9, 0);
    expect(total(result.availability?.cleaningsInterrupted)).toBeGreaterThan(0);
    const blocked = simulateReplication(demo(`  cleaning:\n    transported: { probability: 1, duration: { kind: fixed, value: 60, unit: min } }\n    treatedOnScene: { probability: 1, duration: { kind: fixed, value: 60, unit: min } }`, busier(2)), 9, 0);
    expect(total(blocked.availability?.cleaningsInterrupted)).toBe(0);
  });
});

describe("meal breaks", () => {
  const breaks = (extra = "") => `  breaks: { durationMin: 30, windowStartHours: 3, windowEndHours: 7${extra} }`;

  it("are all taken when units are rarely busy, 30 minutes each", () => {
    const result = simulateReplication(demo(breaks(), busier(0.05)), 3, 0);
    const log = result.availability!;
    // Round-the-clock units: two 12-hour crews a day; the day units: one 12-hour shift on weekdays.
    expect(total(log.breaksTaken)).toBeGreaterThan(6 * 2 * 7);
    expect(total(log.breaksSkipped)).toBe(0);
    const breakSec = stateTotal(result, ON_BREAK);
    expect(breakSec).toBeLessThanOrEqual(total(log.breaksTaken) * 1800 + 1e-6);
    expect(breakSec).toBeGreaterThan((total(log.breaksTaken) - total(log.breaksInterrupted) - 2) * 1800);
  });

  it("are taken only inside the window (hours 3 to 7 of each crew shift)", () => {
    const result = simulateReplication(demo(breaks(), busier(0.05)), 3, 0);
    // Breaks start 3–7 h into a crew shift and last 30 min: none between 15:30 (the 08–20 day crew's
    // latest end) and 22:00 (the night crew's earliest start), checked through the vehicle-time window.
    const outside = prepareTest(
      weekDemo((text) => `${busier(0.05)(text)}\nreport: { utilisation: { fromHour: 39.5, toHour: 46 } }\navailability:\n${breaks()}\n`),
    );
    const late = simulateReplication(outside, 3, 0);
    expect(stateTotal(late, ON_BREAK)).toBe(0);
    expect(stateTotal(result, ON_BREAK)).toBeGreaterThan(0);
  });

  it("are skipped and counted when units are busy through the window; red calls interrupt them", () => {
    const result = simulateReplication(demo(breaks(), busier(6)), 3, 0);
    expect(total(result.availability?.breaksSkipped)).toBeGreaterThan(0);
    expect(total(result.availability?.breaksInterrupted)).toBeGreaterThan(0);
    const strict = simulateReplication(demo(breaks(", interruptibleByRed: false"), busier(6)), 3, 0);
    expect(total(strict.availability?.breaksInterrupted)).toBe(0);
  });
});

describe("end-of-shift rule", () => {
  const lastMinutes = 45;
  const inputs = demo(`  endOfShift: { lastMinutes: ${lastMinutes} }`, busier(3));
  const results = [0, 1].map((r) => simulateReplication(inputs, 13, r));
  const index = inputs.compiled.index;

  /** Minutes before the end of the vehicle's crew shift at simSec (the demo starts at local midnight in winter time). */
  function minutesToCrewEnd(vehicle: number, simSec: number): number {
    const minuteOfDay = (simSec % DAY_SEC) / 60;
    // The day units' own shift ends at 20:00; round-the-clock units change crews at 07:00 and 19:00 (the default).
    const ends = index.vehicleIds[vehicle]!.startsWith("drm-day") ? [20 * 60] : [7 * 60, 19 * 60];
    return Math.min(...ends.map((end) => (end - minuteOfDay + 24 * 60) % (24 * 60)));
  }

  it("gives no unit a new non-red mission in the last N minutes of its crew shift, but does give red ones", () => {
    let redsInWindow = 0;
    for (const result of results) {
      for (const { incident, vehicle, committedSec } of committedIncidents(result.incidents)) {
        const left = minutesToCrewEnd(vehicle, committedSec);
        if (left > 0 && left < lastMinutes) {
          expect(result.incidents.urgency[incident]).toBe(RED);
          redsInWindow++;
        }
      }
    }
    expect(redsInWindow).toBeGreaterThan(0);
    expect(results.reduce((sum, r) => sum + total(r.availability?.endOfShiftRefusals), 0)).toBeGreaterThan(0);
  });

  it("still serves the refused incidents afterwards (nothing is lost)", () => {
    for (const result of results) expect(result.incidents.outcome.filter((o) => o === OUTCOME_LOST).length).toBe(0);
  });

  it("hands the incidents that waited to the nearest of the units freed at the crew change, not unit by unit in vehicle order", () => {
    // Two green calls in the rule's window before the 07:00 crew change, with every unit idle at its
    // station: the older one in Svelvik, the other in Drammen. In vehicle order a Drammen unit comes
    // first and would be sent to Svelvik; the AMK sends Svelvik's own unit there instead.
    const quiet = demo(`  endOfShift: { lastMinutes: ${lastMinutes} }`);
    const day2At = (hour: number, minute: number) => 2 * DAY_SEC + hour * 3600 + minute * 60;
    const log = twoGreenCallsFarApart(quiet, [day2At(6, 30), day2At(6, 31)]);
    const vehicleIds = quiet.compiled.index.vehicleIds;
    for (const incident of [0, 1]) expect(log.alertedSec[incident]).toBe(day2At(7, 0));
    expect(vehicleIds[log.vehicle[0]!]).toMatch(/^svelvik-amb/);
    expect(vehicleIds[log.vehicle[1]!]).toMatch(/^drm-amb/);
  });
});

describe("out of service", () => {
  it("takes about rate × duration of the on-duty time", () => {
    // 40 per 1,000 h with 1.5 h each: expected share λd / (1 + λd) ≈ 5.7 % of on-duty time.
    const inputs = demo("  outOfService: { ratePer1000Hours: 40, duration: { kind: fixed, value: 1.5, unit: h } }", busier(0.3));
    let outSec = 0;
    let onDutySec = 0;
    let episodes = 0;
    for (let r = 0; r < 4; r++) {
      const result = simulateReplication(inputs, 17, r);
      outSec += stateTotal(result, OUT_OF_SERVICE);
      for (let v = 0; v < result.vehicles.missions.length; v++) {
        let sum = 0;
        for (let s = 0; s < STATES; s++) if (s !== OFF_DUTY) sum += result.vehicles.stateSec[v * STATES + s]!;
        onDutySec += sum;
      }
      episodes += total(result.availability?.outOfService);
    }
    const expected = (0.04 * 1.5) / (1 + 0.04 * 1.5);
    expect(outSec / onDutySec).toBeGreaterThan(expected * 0.7);
    expect(outSec / onDutySec).toBeLessThan(expected * 1.3);
    expect(outSec / 5400).toBeCloseTo(episodes, -1);
  });

  it("keeps a unit that breaks down on its way back out of service for the whole repair", () => {
    // Fixed 1.5 h repairs: every episode counted is 5,400 s out of service, but for a repair cut by the
    // horizon (none in this run). Before the fix a unit hit on its way back became idle when its drive
    // would have ended and was dispatched while still broken: here 16,596 s short.
    const inputs = demo("  outOfService: { ratePer1000Hours: 200, duration: { kind: fixed, value: 1.5, unit: h } }", busier(2));
    const result = simulateReplication(inputs, 23, 0);
    const episodes = total(result.availability?.outOfService);
    expect(episodes).toBeGreaterThan(50);
    const missingSec = episodes * 5400 - stateTotal(result, OUT_OF_SERVICE);
    expect(missingSec).toBeGreaterThanOrEqual(-1e-6);
    expect(missingSec).toBeLessThan(5400);
  });
});

describe("laws with every mechanism on", () => {
  const inputs = demo(ALL_AVAILABILITY, busier(2));

  it("accounts for every vehicle-second after warm-up in exactly one state", () => {
    const result = simulateReplication(inputs, 99, 0);
    for (let v = 0; v < inputs.compiled.vehicles.count; v++) {
      let sum = 0;
      for (let s = 0; s < STATES; s++) sum += result.vehicles.stateSec[v * STATES + s]!;
      expect(sum).toBeCloseTo(result.horizonSec - result.warmUpSec, 3);
    }
    expect(stateTotal(result, CLEANING)).toBeGreaterThan(0);
    expect(stateTotal(result, ON_BREAK)).toBeGreaterThan(0);
  });

  it("never has a vehicle on two incidents at once", () => {
    expectNoVehicleOnTwoIncidents(simulateReplication(inputs, 98, 0));
  });

  it("is deterministic: the same seed gives identical logs", () => {
    expectDeterministic(inputs, ["incidents", "vehicles", "availability"], { maxReplication: 5, numRuns: 4 });
  });
});
