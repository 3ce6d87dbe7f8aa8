import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ScenarioIndex } from "@akutt/engine";
import { computeReplicationKpis, type ReplicationKpis } from "../kpi/replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex, type IncidentRow } from "../testing/fixtures.js";
import { buildComparison, comparisonToJson } from "./build.js";
import { SECONDS_PER_YEAR, type ComparisonInput, type ComparisonVariantInput } from "./types.js";

const calendar = fakeCalendar();
const WEEK = 7 * 86400;

/** Deterministic pseudo-random incidents for replication r (area index 0 = 3201/ous, 1 = 3312/vv). */
function rowsFor(r: number, count = 60): IncidentRow[] {
  let state = (r + 1) * 2654435761;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const rows: IncidentRow[] = [];
  for (let i = 0; i < count; i++) {
    const area = next() < 0.5 ? 0 : 1;
    const urgency = Math.floor(next() * 3);
    const vehicle = next() < 0.8 ? area : 1 - area;
    rows.push({ area, urgency, ringSec: Math.floor(next() * WEEK), responseSec: 200 + Math.floor(next() * 1300), vehicle, crossBorder: vehicle !== area });
  }
  return rows;
}

const STATES_ON_DUTY_DAY = [WEEK - 86400, 86400 - 7200, 1800, 1800, 1800, 1800, 0, 0];

function kpisFor(index: ScenarioIndex, rows: (r: number) => IncidentRow[], replications = 5, vehicleStateSec?: number[][]): ReplicationKpis[] {
  return Array.from({ length: replications }, (_, r) =>
    computeReplicationKpis(
      replicationResult(rows(r), { replication: r, seed: 100 + r, horizonSec: WEEK, vehicleStateSec: vehicleStateSec ?? [STATES_ON_DUTY_DAY, STATES_ON_DUTY_DAY], missions: [3, 2] }),
      index,
      calendar,
    ),
  );
}

function variant(id: string, index: ScenarioIndex, kpis: ReplicationKpis[], extra: Partial<ComparisonVariantInput> = {}): ComparisonVariantInput {
  return { id, label: id === "today" ? "Today" : `Alt. ${id}`, description: `${id} description`, index, kpis, stationsByOrganisation: { ous: 2, vv: 1 }, amkOrganisation: { "amk-oslo": "ous" }, ...extra };
}

function input(baseline: ComparisonVariantInput, alternatives: ComparisonVariantInput[], extra: Partial<ComparisonInput> = {}): ComparisonInput {
  return {
    name: "Test comparison",
    seed: 100,
    travelModel: { name: "straight-line", limitations: ["ignores roads"] },
    baseline,
    alternatives,
    focusAreas: ["3312", "3201"],
    relevantDifferenceSec: 60,
    ...extra,
  };
}

const shifted = (rows: IncidentRow[], sec: number) => rows.map((row) => ({ ...row, responseSec: row.responseSec === undefined ? undefined : row.responseSec + sec }));

describe("buildComparison", () => {
  const index = scenarioIndex();
  const today = kpisFor(index, rowsFor);

  it("variant = baseline + 60 s gives Δ = 60 with zero-width intervals", () => {
    const alt = kpisFor(index, (r) => shifted(rowsFor(r), 60));
    const report = buildComparison(input(variant("today", index, today), [variant("slow", index, alt)]));
    for (const row of report.areas) {
      const d = row.differences[0]!.differences;
      expect(d.responseMedianSec).toMatchObject({ mean: 60, ciLow: 60, ciHigh: 60, halfWidth: 0, n: 5, excludesZero: true, tighterThanRelevant: true });
      expect(d.responseP90Sec.mean).toBe(60);
      expect(d.responseP90Sec.halfWidth).toBe(0);
    }
    const red = report.overall[0]!;
    expect(red.differences[0]!.differences.responseMedianSec.mean).toBe(60);
    // Shares within 12 min can only fall when every response is a minute longer.
    expect(red.differences[0]!.differences.shareWithin12Min.mean!).toBeLessThanOrEqual(0);
    expect(report.precision.figures[0]).toMatchObject({ figure: "responseMedianSec", widestHalfWidthSec: 0, sufficient: true, replicationsSuggested: null });
  });

  it("paired differences equal the mean of per-replication differences (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -120, max: 120 }), { minLength: 3, maxLength: 3 }), (shifts) => {
        const alt = kpisFor(index, (r) => shifted(rowsFor(r), shifts[r]!), 3);
        const base = today.slice(0, 3);
        const report = buildComparison(input(variant("today", index, base), [variant("x", index, alt)]));
        const expected = (shifts[0]! + shifts[1]! + shifts[2]!) / 3;
        const d = report.overall[0]!.differences[0]!.differences.responseMedianSec;
        expect(d.mean).toBeCloseTo(expected, 5);
        expect(d.ciLow!).toBeLessThanOrEqual(d.mean! + 1e-9);
        expect(d.ciHigh!).toBeGreaterThanOrEqual(d.mean! - 1e-9);
      }),
      { numRuns: 20 },
    );
  });

  it("matches areas and organisations by code, not by position", () => {
    const reversed: ScenarioIndex = {
      ...index,
      areaCodes: ["3312", "3201"],
      areaNames: ["Lier", "Bærum"],
      areaClasses: ["grisgrendt", "tettbygd"],
      areaOrganisation: Int32Array.from([0, 1]),
      organisationIds: ["vv", "ous"],
      organisationNames: ["Vestre Viken", "Oslo universitetssykehus"],
      vehicleIds: ["B1", "A1"],
      vehicleOwner: Int32Array.from([0, 1]),
      vehicleStation: ["lier", "baerum"],
    };
    // Same incidents, re-indexed: area 0 ↔ 1, vehicle 0 ↔ 1.
    const remap = (r: number) => rowsFor(r).map((row) => ({ ...row, area: 1 - row.area!, vehicle: 1 - row.vehicle! }));
    const alt = kpisFor(reversed, remap);
    const report = buildComparison(input(variant("today", index, today), [variant("reordered", reversed, alt)]));
    expect(report.areas.map((row) => `${row.areaCode}:${row.urgency}`)).toEqual(["3312:red", "3312:yellow", "3312:green", "3201:red", "3201:yellow", "3201:green"]);
    for (const row of report.areas) {
      expect(row.variants[1]!.figures).toEqual(row.variants[0]!.figures);
      expect(row.variants[1]!.organisationId).toBe(row.variants[0]!.organisationId);
      expect(row.differences[0]!.differences.responseMedianSec).toMatchObject({ mean: 0, halfWidth: 0, excludesZero: false });
    }
    expect(report.organisations.map((o) => o.organisationId)).toEqual(["ous", "vv"]);
    for (const o of report.organisations) {
      const [a, b] = o.variants;
      expect(b!.figures.crossBorderGiven).toEqual(a!.figures.crossBorderGiven);
      expect(b!.figures.crossBorderReceived).toEqual(a!.figures.crossBorderReceived);
      expect(b!.figures.redResponseMedianSec).toEqual(a!.figures.redResponseMedianSec);
      expect(b!.figures.responsibleAreas).toEqual(a!.figures.responsibleAreas);
    }
  });

  it("counts cross-border missions in each direction", () => {
    const report = buildComparison(input(variant("today", index, today), [variant("same", index, today)]));
    const rows = rowsFor(0);
    const ousGiven = rows.filter((r) => r.area === 1 && r.vehicle === 0).length;
    const ousReceived = rows.filter((r) => r.area === 0 && r.vehicle === 1).length;
    const ous = report.organisations[0]!.variants[0]!.figures;
    const first = buildComparison(input(variant("today", index, today.slice(0, 1)), [variant("same", index, today.slice(0, 1))]));
    expect(first.organisations[0]!.variants[0]!.figures.crossBorderGiven.mean).toBe(ousGiven);
    expect(first.organisations[0]!.variants[0]!.figures.crossBorderReceived.mean).toBe(ousReceived);
    expect(first.crossBorder[0]!.flows).toHaveLength(2);
    expect(first.crossBorder[0]!.flows[0]).toMatchObject({ responsibleOrganisationId: "ous", vehicleOwnerId: "vv", missions: { mean: ousReceived } });
    expect(ous.crossBorderGiven.n).toBe(5);
  });

  it("handles a trust with no vehicles in one variant and a trust only an alternative has", () => {
    // Alternative: OUS owns both vehicles; a new trust "nytt" exists but owns nothing and no area.
    const alternativeIndex: ScenarioIndex = {
      ...index,
      organisationIds: ["ous", "vv", "nytt"],
      organisationNames: ["Oslo universitetssykehus", "Vestre Viken", "Nytt foretak"],
      vehicleOwner: Int32Array.from([0, 0]),
    };
    const alt = kpisFor(alternativeIndex, (r) => rowsFor(r).map((row) => ({ ...row, crossBorder: row.area === 1 })));
    const report = buildComparison(
      input(variant("today", index, today), [variant("alt", alternativeIndex, alt, { stationsByOrganisation: { ous: 3 } })], {
        costs: { currency: "NOK", ambulanceHour: 1000, stationYear: 1_000_000, amkOperatorHour: 500, source: "test" },
      }),
    );
    expect(report.organisations.map((o) => o.organisationId)).toEqual(["ous", "vv", "nytt"]);
    const vv = report.organisations[1]!;
    const vvAlt = vv.variants[1]!.figures;
    expect(vvAlt.vehicles).toBe(0);
    expect(vvAlt.ambulanceUtilisation).toEqual({ mean: null, ciLow: null, ciHigh: null, n: 0 });
    expect(vvAlt.ambulanceHoursPerYear.mean).toBe(0);
    expect(vvAlt.stations).toBe(0);
    expect(vvAlt.crossBorderGiven.mean).toBe(0);
    // VV lost its only ambulance: one vehicle's on-duty hours per year.
    const hoursPerYear = ((86400 - 0) / 3600) * (SECONDS_PER_YEAR / WEEK);
    expect(vv.variants[0]!.figures.ambulanceHoursPerYear.mean).toBeCloseTo(hoursPerYear, 5);
    expect(vv.differences[0]!.differences.ambulanceHoursPerYear.mean).toBeCloseTo(-hoursPerYear, 5);
    expect(vv.differences[0]!.differences.ambulanceUtilisation.n).toBe(0);
    const nytt = report.organisations[2]!;
    expect(nytt.variants[0]!.present).toBe(false);
    expect(nytt.variants[1]!.present).toBe(true);
    expect(nytt.variants[1]!.figures.responsibleAreas).toEqual([]);
    expect(nytt.variants[0]!.figures.incidents.mean).toBe(0);
    // Every VV-area mission in the alternative is served by OUS.
    expect(vvAlt.crossBorderReceived.mean).toBeGreaterThan(0);
    // Costs: both ambulances are OUS's; stations 3 vs 3; AMK operator-hours from 7200 s per week.
    const amkHours = 2 * (SECONDS_PER_YEAR / WEEK);
    expect(report.costs!.variants[0]!.ambulanceHoursPerYear).toBeCloseTo(2 * hoursPerYear, 5);
    expect(report.costs!.variants[1]!.ambulanceHoursPerYear).toBeCloseTo(2 * hoursPerYear, 5);
    expect(report.costs!.variants[0]!.amkOperatorHoursPerYear).toBeCloseTo(amkHours, 5);
    expect(report.costs!.variants[0]!.total).toBeCloseTo(2 * hoursPerYear * 1000 + 3_000_000 + amkHours * 500, 3);
    expect(report.costs!.variants[1]!.differenceFromBaseline).toBeCloseTo(0, 5);
    expect(report.organisations[0]!.variants[1]!.figures.costPerYear!.ambulanceHours).toBeCloseTo(2 * hoursPerYear * 1000, 3);
    expect(report.organisations[0]!.variants[0]!.figures.amkOperatorHoursPerYear!.mean).toBeCloseTo(amkHours, 5);
    expect(report.organisations[1]!.variants[0]!.figures.amkOperatorHoursPerYear!.mean).toBe(0);
  });

  it("keeps areas only one variant has, with present = false elsewhere", () => {
    const bigger: ScenarioIndex = {
      ...index,
      areaCodes: [...index.areaCodes, "030106"],
      areaNames: [...index.areaNames, "Ullern"],
      areaClasses: [...index.areaClasses, "tettbygd"],
      areaOrganisation: Int32Array.from([0, 1, 0]),
    };
    const alt = kpisFor(bigger, (r) => [...rowsFor(r), { area: 2, urgency: 0, ringSec: 10, responseSec: 400, vehicle: 0 }]);
    const report = buildComparison(input(variant("today", index, today), [variant("bigger", bigger, alt)], { focusAreas: ["030106", "9999"] }));
    expect(report.focusAreas).toEqual(["030106"]);
    const ullern = report.areas[0]!;
    expect(ullern).toMatchObject({ areaCode: "030106", areaName: "Ullern", focus: true, urgency: "red", targetSec: 720 });
    expect(ullern.variants[0]!.present).toBe(false);
    expect(ullern.variants[0]!.organisationId).toBeNull();
    expect(ullern.variants[1]!.figures.responseMedianSec.mean).toBe(400);
    expect(ullern.differences[0]!.differences.responseMedianSec.n).toBe(0);
  });

  it("reports precision: the widest half-width and the replications that would suffice", () => {
    const alt = kpisFor(index, (r) => shifted(rowsFor(r), r * 50));
    const report = buildComparison(input(variant("today", index, today), [variant("noisy", index, alt)], { relevantDifferenceSec: 10 }));
    const median = report.precision.figures[0]!;
    expect(median.widestHalfWidthSec!).toBeGreaterThan(10);
    expect(median.sufficient).toBe(false);
    expect(median.replicationsSuggested!).toBeGreaterThan(5);
    expect(median.at).not.toBeNull();
  });

  it("checks that replications are paired", () => {
    const other = today.map((k) => ({ ...k, seed: k.seed + 1 }));
    expect(() => buildComparison(input(variant("today", index, today), [variant("x", index, other)]))).toThrow(/not paired/);
    expect(() => buildComparison(input(variant("today", index, today), [variant("x", index, today.slice(1))]))).toThrow(/replications/);
    expect(() => buildComparison(input(variant("today", index, today), [variant("today", index, today)]))).toThrow(/duplicate/);
  });

  it("catchments: change against the baseline per organisation", () => {
    const report = buildComparison(
      input(variant("today", index, today), [variant("alt2", index, today)], {
        catchments: [
          { organisationId: "vv", variantId: "alt2", areaCodes: ["3312", "3201", "3203"], population: 1_850_000, areaKm2: 185 },
          { organisationId: "vv", variantId: "today", areaCodes: ["3312"], population: 1_000_000, areaKm2: 100 },
          { organisationId: "ous", variantId: "today", areaCodes: ["3201"], population: 1_000, areaKm2: 0 },
        ],
        catchmentNote: "Land area from the municipality polygons",
      }),
    );
    expect(report.catchments!.rows.map((r) => `${r.organisationId}/${r.variantId}`)).toEqual(["ous/today", "vv/today", "vv/alt2"]);
    expect(report.catchments!.rows[2]).toMatchObject({ populationChange: 0.85, areaChange: 0.85 });
    expect(report.catchments!.rows[1]).toMatchObject({ populationChange: 0, areaChange: 0 });
    expect(report.catchments!.rows[0]!.areaChange).toBeNull();
  });

  it("sensitivity: paired red figures per focus area and overall", () => {
    const alt = kpisFor(index, (r) => shifted(rowsFor(r), 30), 3);
    const report = buildComparison(
      input(variant("today", index, today), [variant("alt2", index, today)], {
        sensitivity: [{ group: "interAmkDelaySec", settingLabel: "2 min", settingValue: 120, variantId: "alt2", baselineIndex: index, baselineKpis: today.slice(0, 3), variantIndex: index, variantKpis: alt }],
      }),
    );
    const row = report.sensitivity[0]!;
    expect(row).toMatchObject({ group: "interAmkDelaySec", settingValue: 120, replications: 3 });
    expect(row.areas.map((a) => a.areaCode)).toEqual(["3312", "3201", "all"]);
    for (const area of row.areas) expect(area.differences.responseMedianSec).toMatchObject({ mean: 30, halfWidth: 0 });
  });

  it("gives byte-identical JSON for equal input, without NaN, in the documented key order", () => {
    const alt = kpisFor(index, (r) => shifted(rowsFor(r), 45));
    const make = () => comparisonToJson(buildComparison(input(variant("today", index, today), [variant("alt", index, alt)], { costs: { currency: "NOK", ambulanceHour: 1, stationYear: 2, amkOperatorHour: 3, source: "x" } })));
    const a = make();
    expect(make()).toBe(a);
    expect(a).not.toMatch(/NaN|Infinity/);
    expect(a.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(a) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      "format",
      "formatVersion",
      "comparison",
      "run",
      "travelModel",
      "populationSources",
      "definitions",
      "variants",
      "focusAreas",
      "precision",
      "overall",
      "areas",
      "organisations",
      "crossBorder",
      "amk",
      "costs",
      "catchments",
      "sensitivity",
      "factorial",
      "fleetNeeded",
      "optimisation",
      "projections",
    ]);
    // Numbers are rounded to at most 6 decimals.
    for (const match of a.matchAll(/-?\d+\.(\d+)/g)) expect(match[1]!.length).toBeLessThanOrEqual(6);
  });
});

describe("factorial decomposition (organisation × resources × measures)", () => {
  const index = scenarioIndex();
  const today = kpisFor(index, rowsFor);
  // Shifting every response of replication r by s(r) seconds shifts that replication's median by exactly s(r).
  const shiftedBy = (shift: (r: number) => number) => kpisFor(index, (r) => shifted(rowsFor(r), shift(r)));
  const organisation = (r: number) => 30 + 7 * r;
  const resources = (r: number) => -20 - 5 * r;
  const interaction = (r: number) => 3 * r;

  it("attributes the alternative's difference to each factor control and leaves the interaction as the remainder", () => {
    const report = buildComparison(
      input(variant("today", index, today), [variant("2", index, shiftedBy((r) => organisation(r) + resources(r) + interaction(r)))], {
        factorial: [
          {
            variantId: "2",
            baselineIndex: index,
            baselineKpis: today,
            alternativeIndex: index,
            alternativeKpis: shiftedBy((r) => organisation(r) + resources(r) + interaction(r)),
            factors: [
              { factor: "organisation", file: "factor-2-organisation.yaml", index, kpis: shiftedBy(organisation) },
              { factor: "resources", file: "alt-2-resources-today.yaml", index, kpis: shiftedBy(resources) },
            ],
          },
        ],
      }),
    );
    const row = report.factorial[0]!;
    expect(row).toMatchObject({ variantId: "2", replications: 5, factorFiles: { organisation: "factor-2-organisation.yaml", resources: "alt-2-resources-today.yaml" } });
    // Focus areas in focus order, then the whole scenario.
    expect(row.areas.map((area) => area.areaCode)).toEqual(["3312", "3201", "all"]);
    const mean = (f: (r: number) => number) => [0, 1, 2, 3, 4].reduce((sum, r) => sum + f(r), 0) / 5;
    for (const area of row.areas) {
      expect(area.total.responseMedianSec.mean).toBeCloseTo(mean((r) => organisation(r) + resources(r) + interaction(r)), 6);
      expect(area.factors.organisation!.responseMedianSec.mean).toBeCloseTo(mean(organisation), 6);
      expect(area.factors.resources!.responseMedianSec.mean).toBeCloseTo(mean(resources), 6);
      expect(area.factors.measures).toBeNull();
      expect(area.remainder.responseMedianSec.mean).toBeCloseTo(mean(interaction), 6);
      // Each part has its own paired interval: the per-replication spread of 7r gives a non-zero one.
      expect(area.factors.organisation!.responseMedianSec.halfWidth!).toBeGreaterThan(0);
      // The parts add up to the total, also for the share within 12 min.
      const sum = area.factors.organisation!.shareWithin12Min.mean! + area.factors.resources!.shareWithin12Min.mean! + area.remainder.shareWithin12Min.mean!;
      expect(sum).toBeCloseTo(area.total.shareWithin12Min.mean!, 5); // each part is rounded to 6 decimals
    }
  });

  it("total = Σ factor effects + remainder, each the mean of its per-replication differences (property)", () => {
    const shifts = fc.array(fc.integer({ min: -120, max: 120 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(shifts, shifts, shifts, (organisationShift, measuresShift, alternativeShift) => {
        const base = today.slice(0, 3);
        const by = (shift: number[]) => kpisFor(index, (r) => shifted(rowsFor(r), shift[r]!), 3);
        const alternative = by(alternativeShift);
        const report = buildComparison(
          input(variant("today", index, base), [variant("1", index, alternative)], {
            factorial: [{ variantId: "1", baselineIndex: index, baselineKpis: base, alternativeIndex: index, alternativeKpis: alternative, factors: [{ factor: "organisation", file: "o.yaml", index, kpis: by(organisationShift) }, { factor: "measures", file: "m.yaml", index, kpis: by(measuresShift) }] }],
          }),
        );
        const mean = (xs: number[]) => (xs[0]! + xs[1]! + xs[2]!) / 3;
        for (const area of report.factorial[0]!.areas) {
          expect(area.total.responseMedianSec.mean).toBeCloseTo(mean(alternativeShift), 5);
          expect(area.factors.organisation!.responseMedianSec.mean).toBeCloseTo(mean(organisationShift), 5);
          expect(area.factors.measures!.responseMedianSec.mean).toBeCloseTo(mean(measuresShift), 5);
          expect(area.factors.resources).toBeNull();
          expect(area.remainder.responseMedianSec.mean).toBeCloseTo(mean(alternativeShift) - mean(organisationShift) - mean(measuresShift), 5);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("a purely additive alternative leaves a zero remainder with a zero-width interval", () => {
    const alternative = shiftedBy((r) => organisation(r) + resources(r));
    const report = buildComparison(
      input(variant("today", index, today), [variant("3", index, alternative)], {
        factorial: [{ variantId: "3", baselineIndex: index, baselineKpis: today, alternativeIndex: index, alternativeKpis: alternative, factors: [{ factor: "organisation", file: "o.yaml", index, kpis: shiftedBy(organisation) }, { factor: "resources", file: "r.yaml", index, kpis: shiftedBy(resources) }] }],
      }),
    );
    for (const area of report.factorial[0]!.areas) expect(area.remainder.responseMedianSec).toMatchObject({ mean: 0, halfWidth: 0 });
  });

  it("refuses controls that are not paired with the baseline", () => {
    const other = Array.from({ length: 5 }, (_, r) => ({ ...today[r]!, seed: 999 + r }));
    expect(() =>
      buildComparison(input(variant("today", index, today), [variant("2", index, today)], { factorial: [{ variantId: "2", baselineIndex: index, baselineKpis: today, alternativeIndex: index, alternativeKpis: today, factors: [{ factor: "measures", file: "m.yaml", index, kpis: other }] }] })),
    ).toThrow(/not paired/);
  });
});
