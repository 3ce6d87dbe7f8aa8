import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createCalendar, parseScenario, type Scenario } from "@akutt/model";
import { compileScenario } from "@akutt/engine";
import { findRepoRoot } from "@akutt/geo";
import { areaFactors, meanRelativeRate, projectDemand, projectWorkload, withDemandPatch, workloadFactors, type AreaProjectionInput, type DemandPatch } from "./demand-factors.js";

const demoDir = resolve(findRepoRoot(), "scenarios/demo");
const demoText = readFileSync(join(demoDir, "demo.yaml"), "utf8");
const demo = parseScenario(demoText, "demo.yaml", demoDir);

/** The demo with transfers, booked transports (per 1,000) and AMK background calls and other-work tasks. */
const withWorkloadText = `${demoText.replace('    areas: ["3301", "3312"]\n', '    areas: ["3301", "3312"]\n    background: { callsPerYear: 40000 }\n    otherWork: { tasks: [{ id: orders, perYear: 6000, duration: { kind: fixed, value: 3, unit: min } }] }\n')}
transports:
  transfers:
    - { from: drammen-sykehus, to: rikshospitalet, perYear: 900, urgentShare: 0.3 }
    - { from: rikshospitalet, to: drammen-sykehus, perYear: 700 }
  booked: { rate: { per1000PerYear: 25 } }
`;
const withWorkload = parseScenario(withWorkloadText, "demo.yaml", demoDir);

/** Demand and workload projected with the given area factors and per-head growth (age weights 1 unless given). */
function projectAll(scenario: Scenario, factors: ReadonlyMap<string, number>, perHead: number, ageWeights: ReadonlyMap<string, number> = new Map()): DemandPatch {
  const areas = [...factors].map(([areaCode, factor]) => ({ areaCode, factor, populationRatio: factor / (ageWeights.get(areaCode) ?? 1) }));
  return { ...projectDemand(scenario, factors, perHead), workload: projectWorkload(scenario, workloadFactors(scenario, areas, perHead)) };
}

/** Expected incidents per hour in each zone, summed over urgencies, as the engine compiles them. */
function zoneRates(scenario: Scenario): number[] {
  const compiled = compileScenario(scenario, createCalendar(scenario.metadata.start, scenario.metadata.timeZone));
  return scenario.zones.map((_, z) => compiled.demand.ratePerHourByZone.reduce((sum, rates) => sum + rates[z]!, 0));
}

/** The overlay's rates are rounded to 8 significant digits. */
const expectClose = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-7 * Math.abs(expected));

const ages = (people: Record<number, number>) => Array.from({ length: 106 }, (_, age) => people[age] ?? 0);
const flat = [{ fromAge: 0, relativeRate: 1 }];
const olderFiveTimes = [
  { fromAge: 0, relativeRate: 1 },
  { fromAge: 67, relativeRate: 5 },
];

describe("projected demand", () => {
  it("with flat age rates, each municipality's demand is today's times its population ratio (law, any ratios and age structures)", () => {
    const today = zoneRates(demo);
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }), fc.array(fc.nat(5000), { minLength: 106, maxLength: 106 }), (drammen, lier, byAge) => {
        const inputs: AreaProjectionInput[] = [
          { areaCode: "3301", byAge, populationBase: 1000, populationTarget: 1000 * drammen, scenarioPopulation: 106013 },
          { areaCode: "3312", byAge: ages({ 30: 10, 90: 5 }), populationBase: 1000, populationTarget: 1000 * lier, scenarioPopulation: 28797 },
        ];
        const factors = areaFactors(inputs, flat);
        expect(factors.map((factor) => factor.ageWeight)).toEqual([1, 1]);
        const projected = zoneRates(withDemandPatch(demo, projectDemand(demo, new Map(factors.map((factor) => [factor.areaCode, factor.factor])), 1)));
        demo.zones.forEach((zone, z) => {
          const ratio = zone.area === "3301" ? drammen : lier;
          expectClose(projected[z]!, today[z]! * ratio);
        });
      }),
      { numRuns: 30 },
    );
  });

  it("also when the scenario's rates are a yearly count for the whole scenario, and with per-head growth", () => {
    const counted = structuredClone(demo);
    counted.demand.rates = { red: { perYear: 5000 }, yellow: { perYear: 4000 }, green: { perYear: 3000 } };
    const today = zoneRates(counted);
    const projected = zoneRates(withDemandPatch(counted, projectDemand(counted, new Map([["3301", 1.1], ["3312", 1.3]]), 1.2)));
    counted.zones.forEach((zone, z) => expectClose(projected[z]!, today[z]! * (zone.area === "3301" ? 1.1 : 1.3) * 1.2));
  });

  it("age weighting moves demand towards the older of two areas and keeps the base-year total", () => {
    // Two areas of equal size today: one of 30-year-olds, one of 80-year-olds.
    const young: AreaProjectionInput = { areaCode: "3301", byAge: ages({ 30: 1000 }), populationBase: 1000, populationTarget: 1000, scenarioPopulation: 1000 };
    const old: AreaProjectionInput = { areaCode: "3312", byAge: ages({ 80: 1000 }), populationBase: 1000, populationTarget: 1000, scenarioPopulation: 1000 };
    const [youngFactor, oldFactor] = areaFactors([young, old], olderFiveTimes);
    // Mean rate 1 and 5, scenario mean 3: weights 1/3 and 5/3.
    expect(youngFactor!.ageWeight).toBeCloseTo(1 / 3, 12);
    expect(oldFactor!.ageWeight).toBeCloseTo(5 / 3, 12);

    const twoZones = structuredClone(demo);
    twoZones.zones = [
      { id: "young", area: "3301", lat: 59.74, lon: 10.2, population: 1000 },
      { id: "old", area: "3312", lat: 59.79, lon: 10.24, population: 1000 },
    ];
    const [todayYoung, todayOld] = zoneRates(twoZones);
    const [projectedYoung, projectedOld] = zoneRates(withDemandPatch(twoZones, projectDemand(twoZones, new Map([["3301", youngFactor!.factor], ["3312", oldFactor!.factor]]), 1)));
    expect(projectedOld!).toBeGreaterThan(todayOld!);
    expect(projectedYoung!).toBeLessThan(todayYoung!);
    expectClose(projectedOld! / projectedYoung!, 5);
    expectClose(projectedYoung! + projectedOld!, todayYoung! + todayOld!);
  });

  it("the mean rate per head of a population weights each age by its group's rate", () => {
    expect(meanRelativeRate(ages({ 10: 3, 66: 1, 67: 1, 105: 1 }), olderFiveTimes)).toBeCloseTo((3 + 1 + 5 + 5) / 6, 12);
    expect(meanRelativeRate(ages({}), olderFiveTimes)).toBe(0);
  });
});

describe("projected workload besides 113 emergencies", () => {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  it("transports, AMK background calls and other-work tasks grow by the stated factor: the projected emergency incidents over today's (law)", () => {
    expect(withWorkload.transports?.transfers).toHaveLength(2);
    const today = sum(zoneRates(withWorkload));
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.8, max: 2, noNaN: true }), (drammen, lier, perHead) => {
        const patch = projectAll(withWorkload, new Map([["3301", drammen], ["3312", lier]]), perHead);
        const projected = withDemandPatch(withWorkload, patch);
        const factor = patch.workload!.factors.transports;
        // The engine's own count of emergency incidents, today and projected.
        expectClose(factor, sum(zoneRates(projected)) / today);
        projected.transports!.transfers.forEach((route, i) => expectClose(route.perYear, withWorkload.transports!.transfers[i]!.perYear * factor));
        const booked = projected.transports!.booked!.rate;
        expectClose("per1000PerYear" in booked ? booked.per1000PerYear : NaN, 25 * factor);
        // The AMK answers both areas and the age weights are 1, so its factor is the same.
        expectClose(patch.workload!.factors.amk["amk-vv"]!, factor);
        expectClose(projected.amkCentres[0]!.background!.callsPerYear, 40000 * factor);
        expectClose(projected.amkCentres[0]!.otherWork!.tasks[0]!.perYear, 6000 * factor);
      }),
      { numRuns: 15 },
    );
  });

  it("with flat age rates and one population ratio for every area, the factor is the population ratio times per-head growth", () => {
    const patch = projectAll(withWorkload, new Map([["3301", 1.25], ["3312", 1.25]]), 1.1);
    expect(patch.workload!.factors.transports).toBeCloseTo(1.25 * 1.1, 12);
    expect(patch.workload!.factors.amk["amk-vv"]).toBeCloseTo(1.25 * 1.1, 12);
  });

  it("an AMK's factor is the population ratio of its own areas' municipalities, without the age weights", () => {
    const lierOnly = structuredClone(withWorkload);
    lierOnly.amkCentres[0]!.areas = ["3312"];
    // Lier: population ratio 1.4, age weight 1.2.
    const patch = projectAll(lierOnly, new Map([["3301", 1.1], ["3312", 1.4 * 1.2]]), 1.05, new Map([["3312", 1.2]]));
    expect(patch.workload!.factors.amk["amk-vv"]).toBeCloseTo(1.4 * 1.05, 12);
    expect(patch.workload!.factors.transports).toBeGreaterThan(1.1 * 1.05);
    expect(patch.workload!.factors.transports).toBeLessThan(1.4 * 1.2 * 1.05);
  });

  it("nothing else in the scenario changes", () => {
    const projected = withDemandPatch(withWorkload, projectAll(withWorkload, new Map([["3301", 1.3], ["3312", 0.9]]), 1.2));
    // Put back the projected fields: the rest must be today's.
    projected.demand.areaRates = withWorkload.demand.areaRates;
    projected.demand.growthFactor = withWorkload.demand.growthFactor;
    projected.transports!.transfers.forEach((route, i) => (route.perYear = withWorkload.transports!.transfers[i]!.perYear));
    projected.transports!.booked!.rate = withWorkload.transports!.booked!.rate;
    projected.amkCentres[0]!.background!.callsPerYear = 40000;
    projected.amkCentres[0]!.otherWork!.tasks[0]!.perYear = 6000;
    expect(projected).toEqual(withWorkload);
  });

  it("a scenario without transports or AMK background gets none", () => {
    const projected = withDemandPatch(demo, projectAll(demo, new Map([["3301", 1.3], ["3312", 0.9]]), 1.2));
    expect(projected.transports).toBeUndefined();
    expect(projected.amkCentres).toEqual(demo.amkCentres);
  });
});
