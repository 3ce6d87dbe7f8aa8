import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../result/result.js";
import { prepareTest, twoGreenCallsFarApart, weekDemo } from "../testing/fixtures.js";
import { committedIncidents, expectDeterministic, expectNoVehicleOnTwoIncidents, expectSameOnSceneTimes } from "../testing/laws.js";
import { OUTCOME_LOST, OUTCOME_PENDING, OUTCOME_SERVED, simulateReplication } from "./simulation.js";

describe("simulation laws", () => {
  const inputs = prepareTest(weekDemo());

  it("is deterministic: the same seed gives identical logs", () => {
    expectDeterministic(inputs, ["incidents", "vehicles", "amk"], { maxReplication: 5, numRuns: 5 });
  });

  it("gives different replications different incidents", () => {
    const a = simulateReplication(inputs, 1, 0);
    const b = simulateReplication(inputs, 1, 1);
    expect(a.incidents.ringSec).not.toEqual(b.incidents.ringSec);
  });

  const results: ReplicationResult[] = [0, 1, 2].map((r) => simulateReplication(inputs, 99, r));

  it("conserves incidents: each is served, still pending at the end, or lost", () => {
    for (const result of results) {
      const log = result.incidents;
      for (let i = 0; i < log.count; i++) {
        const outcome = log.outcome[i]!;
        expect([OUTCOME_SERVED, OUTCOME_PENDING, OUTCOME_LOST]).toContain(outcome);
        if (outcome === OUTCOME_SERVED) expect(log.atSceneSec[i]).toBeGreaterThanOrEqual(log.ringSec[i]!);
        else expect(Number.isNaN(log.atSceneSec[i]!)).toBe(true);
      }
      // With a queue and no call limit nothing is lost, and only a few are still in progress at the end.
      const pending = log.outcome.filter((o) => o === OUTCOME_PENDING).length;
      expect(log.outcome.filter((o) => o === OUTCOME_LOST).length).toBe(0);
      expect(pending).toBeLessThan(0.02 * log.count);
    }
  });

  it("never lets time run backwards along an incident's chain", () => {
    for (const result of results) {
      const log = result.incidents;
      const chain = [log.ringSec, log.answeredSec, log.decidedSec, log.alertedSec, log.departedSec, log.atSceneSec, log.leftSceneSec, log.atDestinationSec, log.freeSec];
      for (let i = 0; i < log.count; i++) {
        let previous = -Infinity;
        for (const points of chain) {
          const t = points[i]!;
          if (Number.isNaN(t)) continue;
          expect(t).toBeGreaterThanOrEqual(previous);
          previous = t;
        }
        if (!Number.isNaN(log.atSceneSec[i]!)) expect(log.firstAnyAtSceneSec[i]).toBeLessThanOrEqual(log.atSceneSec[i]!);
        expect(log.ringSec[i]).toBeLessThan(result.horizonSec);
      }
    }
  });

  it("never has a vehicle on two incidents at once", () => {
    for (const result of results) expectNoVehicleOnTwoIncidents(result);
  });

  it("only dispatches vehicles that are on duty", () => {
    const duty = inputs.compiled.vehicles.duty;
    for (const result of results) {
      for (const { vehicle, committedSec } of committedIncidents(result.incidents)) {
        expect(duty[vehicle]!.some(([start, end]) => committedSec >= start && committedSec <= end)).toBe(true);
      }
    }
  });

  it("accounts for every vehicle-second after warm-up in exactly one state", () => {
    for (const result of results) {
      const states = result.vehicles.stateSec.length / inputs.compiled.vehicles.count;
      for (let v = 0; v < inputs.compiled.vehicles.count; v++) {
        let total = 0;
        for (let s = 0; s < states; s++) total += result.vehicles.stateSec[v * states + s]!;
        expect(total).toBeCloseTo(result.horizonSec - result.warmUpSec, 3);
      }
    }
  });
});

describe("common random numbers", () => {
  it("gives two scenarios with the same demand the same incidents and the same on-scene draws", () => {
    const base = prepareTest(weekDemo());
    const smallerFleet = prepareTest(weekDemo((text) => text.replace("count: 5 }", "count: 2 }")));
    const a = simulateReplication(base, 5, 0).incidents;
    const b = simulateReplication(smallerFleet, 5, 0).incidents;
    expect(b.ringSec).toEqual(a.ringSec);
    expect(b.zone).toEqual(a.zone);
    expect(b.urgency).toEqual(a.urgency);
    expectSameOnSceneTimes(a, b);
  });
});

describe("shifts", () => {
  it("takes day-shift vehicles off duty at night", () => {
    const inputs = prepareTest(weekDemo());
    const result = simulateReplication(inputs, 3, 0);
    const dayVehicle = inputs.compiled.index.vehicleIds.indexOf("drm-day-1");
    const offDutyIndex = 0;
    const states = result.vehicles.stateSec.length / inputs.compiled.vehicles.count;
    const offSec = result.vehicles.stateSec[dayVehicle * states + offDutyIndex]!;
    // 08–20 on weekdays: at least half the week is off duty.
    expect(offSec / (result.horizonSec - result.warmUpSec)).toBeGreaterThan(0.5);
    const allDay = inputs.compiled.index.vehicleIds.indexOf("drm-amb-1");
    expect(result.vehicles.stateSec[allDay * states + offDutyIndex]).toBe(0);
  });

  it("hands the incidents that waited to the nearest of the crews starting together, not crew by crew in vehicle order", () => {
    // Every ambulance on duty 08–20 only: two green calls at 07:30, the older in Svelvik, the other in
    // Drammen, wait for the 08:00 start. In vehicle order a Drammen crew starts first and would be
    // sent to Svelvik; the AMK sends Svelvik's own crew there instead.
    const day = 'shifts: [{ days: all, start: "08:00", end: "20:00" }]';
    const inputs = prepareTest(
      weekDemo((text) =>
        text
          .replace("{ id: drm-amb, type: ambulance, station: st-drammen, count: 5 }", `{ id: drm-amb, type: ambulance, station: st-drammen, count: 5, ${day} }`)
          .replace("{ id: lier-amb, type: ambulance, station: st-lier }", `{ id: lier-amb, type: ambulance, station: st-lier, ${day} }`)
          .replace("{ id: svelvik-amb, type: ambulance, station: st-svelvik }", `{ id: svelvik-amb, type: ambulance, station: st-svelvik, ${day} }`),
      ),
    );
    const at = (hour: number, minute: number) => 2 * 86_400 + hour * 3600 + minute * 60;
    const log = twoGreenCallsFarApart(inputs, [at(7, 30), at(7, 31)]);
    const vehicleIds = inputs.compiled.index.vehicleIds;
    for (const incident of [0, 1]) expect(log.alertedSec[incident]).toBe(at(8, 0));
    expect(vehicleIds[log.vehicle[0]!]).toMatch(/^svelvik-amb/);
    expect(vehicleIds[log.vehicle[1]!]).toMatch(/^drm-amb/);
  });
});

describe("cross-border dispatch with two organisations", () => {
  // Lier becomes the responsibility of a second trust that runs its own AMK and owns the Lier ambulance.
  const twoTrusts = (crossBorder: string, delaySec: number, withLowerBound = true) =>
    prepareTest(
      weekDemo((text) =>
        text
          .replace('  - { id: vv, name: "Vestre Viken HF" }', '  - { id: vv, name: "Vestre Viken HF" }\n  - { id: other, name: "Other HF" }')
          .replace('class: tettbygd, responsibleOrganisation: vv, population: 28797', 'class: tettbygd, responsibleOrganisation: other, population: 28797')
          .replace('    areas: ["3301", "3312"]', '    areas: ["3301"]')
          .replace("# ASSUMPTION: station positions", `  - id: amk-other\n    name: "AMK Other"\n    organisation: other\n    areas: ["3312"]\n    operators: [{ days: all, start: "00:00", end: "24:00", count: 2 }]\n    callHandling:\n      red: { kind: lognormal, mean: 75, sd: 40, unit: s }\n      yellow: { kind: lognormal, mean: 150, sd: 80, unit: s }\n      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n\n# ASSUMPTION: station positions`)
          .replace('{ id: st-lier, name: "Lier ambulansestasjon", lat: 59.7880, lon: 10.2450, owner: vv }', '{ id: st-lier, name: "Lier ambulansestasjon", lat: 59.7880, lon: 10.2450, owner: other }')
          .replace("crossBorder: nearest", `crossBorder: ${crossBorder}\n    interAmkDelaySec: ${delaySec}\n    ownFirstMarginSec: 90`),
      ),
      withLowerBound,
    );

  function crossBorderShare(crossBorder: string, delaySec: number): { share: number; meanAlertDelaySec: number } {
    const inputs = twoTrusts(crossBorder, delaySec);
    const log = simulateReplication(inputs, 11, 0).incidents;
    let cross = 0;
    let served = 0;
    let delaySum = 0;
    for (let i = 0; i < log.count; i++) {
      if (log.vehicle[i]! < 0) continue;
      served++;
      if (log.crossBorder[i]) {
        cross++;
        delaySum += log.alertedSec[i]! - log.decidedSec[i]! - log.waitForUnitSec[i]!;
      }
    }
    return { share: cross / served, meanAlertDelaySec: cross > 0 ? delaySum / cross : 0 };
  }

  it("sends fewer units across the border under own-first and own-only than under nearest", () => {
    const nearest = crossBorderShare("nearest", 0).share;
    const ownFirst = crossBorderShare("own-first", 0).share;
    const ownOnly = crossBorderShare("own-only", 0).share;
    expect(nearest).toBeGreaterThan(0.05);
    expect(ownFirst).toBeLessThanOrEqual(nearest);
    expect(ownOnly).toBeLessThan(ownFirst);
  });

  it.each(["nearest", "own-first", "own-only"])("gives exactly the same results with and without the pruned dispatch search (%s)", (crossBorder) => {
    const pruned = simulateReplication(twoTrusts(crossBorder, 60, true), 21, 0);
    const full = simulateReplication(twoTrusts(crossBorder, 60, false), 21, 0);
    expect(pruned.incidents.crossBorder.some((flag) => flag === 1)).toBe(true);
    expect(pruned.incidents).toEqual(full.incidents);
    expect(pruned.vehicles).toEqual(full.vehicles);
  });

  it("alerts units from another AMK only after the coordination delay", () => {
    const { meanAlertDelaySec } = crossBorderShare("own-only", 120);
    expect(meanAlertDelaySec).toBeCloseTo(120, 6);
  });
});

describe("first responders", () => {
  it("come back from an incident that is lost for want of an ambulance", () => {
    const inputs = prepareTest(weekDemo((text) => text.replace("waiting: { name: priority-fcfs }", "waiting: { name: priority-fcfs, whenNoneFree: lost }").replace("count: 5 }", "count: 1 }")));
    const log = simulateReplication(inputs, 4, 0).incidents;
    const legebil = inputs.compiled.index.vehicleIds.indexOf("legebil-626");
    const lostWithResponder = [...Array(log.count).keys()].filter((i) => log.outcome[i] === OUTCOME_LOST && log.firstResponder[i] === legebil);
    expect(lostWithResponder.length).toBeGreaterThan(0);
    const firstLost = lostWithResponder[0]!;
    const laterMissions = [...Array(log.count).keys()].filter((i) => i > firstLost && log.firstResponder[i] === legebil);
    expect(laterMissions.length).toBeGreaterThan(5);
  });
});

describe("destination policies", () => {
  it("area-hospital sends patients with no special need to their area's hospital, others to the nearest capable", () => {
    const inputs = prepareTest(weekDemo((text) => text.replace("destination: { name: nearest-capable }", 'destination: { name: area-hospital, hospitals: { "3312": rikshospitalet } }')));
    const log = simulateReplication(inputs, 8, 0).incidents;
    const index = inputs.compiled.index;
    const lier = index.areaCodes.indexOf("3312");
    const drammen = index.areaCodes.indexOf("3301");
    const destinationsOf = (area: number) => new Set([...Array(log.count).keys()].filter((i) => log.area[i] === area && log.destination[i]! >= 0).map((i) => index.destinationIds[log.destination[i]!]));
    expect(destinationsOf(lier)).toEqual(new Set(["rikshospitalet", "drammen-legevakt"]));
    expect(destinationsOf(drammen)).toEqual(new Set(["drammen-sykehus", "rikshospitalet", "drammen-legevakt"]));
  });
});
