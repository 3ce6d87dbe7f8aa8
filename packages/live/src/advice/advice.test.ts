import { describe, expect, it } from "vitest";
import { openSnapshot, rankUnits, type SimulationInputs } from "@akutt/engine";
import type { Scenario } from "@akutt/model";
import { prepareTest, weekDemo } from "../../../engine/src/testing/fixtures.js";
import { adviceContext, COVERAGE_THRESHOLD_SEC } from "./context.js";
import { coverageNow } from "./coverage.js";
import { forecastNext } from "./forecast.js";
import { moveUpAdvice } from "./move-up.js";
import { PictureError, pictureSnapshot, type AdviceIncident, type AdvicePicture, type AdviceUnit } from "./picture.js";
import { recommendUnits } from "./recommend.js";

/** The week demo with Lier answered by an AMK of its own, which alone dispatches Lier's ambulance (90 s to ask it). */
const twoAmks = (text: string) =>
  text
    .replace('areas: ["3301", "3312"]', 'areas: ["3301"]')
    .replace(
      "\n# ASSUMPTION: station positions",
      `  - id: amk-lier
    name: "AMK Lier"
    organisation: vv
    areas: ["3312"]
    operators:
      - { days: all, start: "07:00", end: "23:00", count: 2 }
      - { days: all, start: "23:00", end: "07:00", count: 1 }
    callHandling:
      red: { kind: lognormal, mean: 75, sd: 40, unit: s }
      yellow: { kind: lognormal, mean: 150, sd: 80, unit: s }
      green: { kind: lognormal, mean: 240, sd: 120, unit: s }

# ASSUMPTION: station positions`,
    )
    .replace("{ id: lier-amb, type: ambulance, station: st-lier }", "{ id: lier-amb, type: ambulance, station: st-lier, dispatchedBy: amk-lier }")
    .replace("crossBorder: nearest", "crossBorder: nearest\n    interAmkDelaySec: 90");

function setup(edit: (text: string) => string = (text) => text): { scenario: Scenario; inputs: SimulationInputs; context: ReturnType<typeof adviceContext> } {
  const scenario = weekDemo(edit);
  const inputs = prepareTest(scenario);
  return { scenario, inputs, context: adviceContext(scenario, inputs) };
}

const { scenario, inputs, context } = setup(twoAmks);
const startMs = Date.parse(inputs.calendar.startIso);
/** An instant `hours` after the scenario's start. */
const at = (hours: number) => new Date(startMs + hours * 3_600_000).toISOString();
const NOW = 3 * 24 + 10;

function freeUnits(): AdviceUnit[] {
  return inputs.compiled.index.vehicleIds.map((unitId) => ({ unitId, status: "free-at-station", incidentId: null, statusSince: null, freeSince: null, lat: 0, lon: 0, positionTime: null }));
}

function incident(incidentId: string, zoneId: string, urgency: AdviceIncident["urgency"] = "red", amk = "amk-vv"): AdviceIncident {
  return { incidentId, amk, urgency, location: { zoneId }, createdAt: at(NOW - 0.1), units: [], firstAtSceneAt: null };
}

/** Units listed busy (at the scene of their own incident), the rest free at their stations. */
function picture(busy: string[] = [], extra: AdviceIncident[] = []): AdvicePicture {
  const units = freeUnits().map((unit) => (busy.includes(unit.unitId) ? { ...unit, status: "at-scene" as const, incidentId: `busy-${unit.unitId}`, statusSince: at(NOW - 0.2) } : unit));
  const busyIncidents = busy.map((unitId) => ({ ...incident(`busy-${unitId}`, "drm-stromso"), units: [unitId], firstAtSceneAt: at(NOW - 0.2) }));
  return { asOf: at(NOW), units, incidents: [...busyIncidents, ...extra] };
}

describe("live picture → engine snapshot", () => {
  it("places free units at their stations, busy ones on their incidents, and queues incidents without an ambulance", () => {
    const { snapshot, incidentIds } = pictureSnapshot(context, picture(["drm-amb-1"], [incident("new", "lier-tranby")]));
    expect(snapshot.timeSec).toBe(NOW * 3600);
    expect(snapshot.units[0]).toMatchObject({ state: "atScene", incident: incidentIds.indexOf("busy-drm-amb-1"), role: "transport" });
    // A unit that has reported nothing counts as free since before any other.
    expect(snapshot.units[1]).toEqual({ state: "idle", location: inputs.compiled.vehicles.homeLocation[1], freeSinceSec: -Infinity });
    expect(snapshot.waiting).toEqual([incidentIds.indexOf("new")]);
  });

  it("lets a unit finish its mission when its incident was closed before it reported free", () => {
    const live = picture(["drm-amb-1"]);
    const closed = { ...live, incidents: live.incidents.filter((incident) => incident.incidentId !== "busy-drm-amb-1") };
    const { snapshot } = pictureSnapshot(context, closed);
    expect(snapshot.units[0]).toMatchObject({ state: "atScene", role: "transport" });
    expect(snapshot.waiting).toEqual([]);
  });

  it("moves a moment outside the scenario's week by whole weeks into it, keeping the hour of the week", () => {
    const later = { ...picture(), asOf: at(NOW + 24 * 7 * 5) };
    expect(pictureSnapshot(context, later).snapshot.timeSec).toBe(NOW * 3600);
  });

  it("refuses a picture with no events and an incident in a zone the scenario lacks", () => {
    expect(() => pictureSnapshot(context, { ...picture(), asOf: null })).toThrow(PictureError);
    expect(() => pictureSnapshot(context, picture([], [incident("x", "nowhere")]))).toThrow(/zone is not in the scenario/);
  });
});

describe("recommendation for a new incident", () => {
  it("puts the engine's own dispatch choice first, ranks the rest by ETA and names the inter-AMK step", () => {
    const live = picture(["drm-amb-1", "drm-amb-2"], [incident("I1", "lier-tranby", "red", "amk-lier")]);
    const advice = recommendUnits(context, live, "I1");
    const { snapshot } = pictureSnapshot(context, live, { queue: false });
    const zone = inputs.compiled.index.zoneIds.indexOf("lier-tranby");
    const engine = rankUnits(inputs, snapshot, { zone, urgency: 0 });
    expect(advice.units[0]!.unitId).toBe(inputs.compiled.index.vehicleIds[engine.chosen]);
    // Busy units are not offered; Lier's own ambulance is nearest to Tranby and needs no other AMK.
    expect(advice.units.map((unit) => unit.unitId)).not.toContain("drm-amb-1");
    expect(advice.units[0]).toMatchObject({ unitId: "lier-amb", amk: "amk-lier", owner: "vv", status: "free-at-station", interAmk: null });
    const drammen = advice.units.find((unit) => unit.unitId === "drm-amb-3")!;
    expect(drammen.interAmk).toEqual({ from: "amk-lier", to: "amk-vv", delaySec: 90 });
    for (let k = 2; k < advice.units.length; k++) expect(advice.units[k]!.etaSec).toBeGreaterThanOrEqual(advice.units[k - 1]!.etaSec);
  });

  it("sends the next unit when the nearest is busy, and offers none when all are", () => {
    const live = picture(["lier-amb"], [incident("I1", "lier-tranby", "red", "amk-lier")]);
    expect(recommendUnits(context, live, "I1").units[0]!.amk).toBe("amk-vv");
    const ambulances = inputs.compiled.index.vehicleIds.filter((id) => id !== "legebil-626");
    expect(recommendUnits(context, picture(ambulances, [incident("I1", "lier-tranby")]), "I1").units).toEqual([]);
    expect(() => recommendUnits(context, live, "nope")).toThrow(/no open incident nope/);
  });
});

describe("coverage now", () => {
  it("equals a direct computation: population of zones within 12 min blue-light of a free ambulance, per area", () => {
    const busy = ["lier-amb", "drm-amb-1"];
    const figures = coverageNow(context, picture(busy));
    const { compiled, travel } = inputs;
    const free = compiled.index.vehicleIds.flatMap((id, v) => (busy.includes(id) || id === "legebil-626" ? [] : [compiled.vehicles.homeLocation[v]!]));
    for (const [a, areaCode] of compiled.index.areaCodes.entries()) {
      let population = 0;
      let covered = 0;
      scenario.zones.forEach((zone, z) => {
        if (compiled.zoneArea[z] !== a) return;
        population += zone.population!;
        if (free.some((location) => travel.travelTimeSec(location, z, true, 0) <= COVERAGE_THRESHOLD_SEC)) covered += zone.population!;
      });
      expect(figures.areas.find((area) => area.areaCode === areaCode)!.share).toBeCloseTo(covered / population, 12);
    }
    expect(figures.weightedBy).toBe("population");
    // With every ambulance busy nothing is covered.
    const ambulances = inputs.compiled.index.vehicleIds.filter((id) => id !== "legebil-626");
    expect(coverageNow(context, picture(ambulances)).total).toBe(0);
    expect(figures.total).toBeGreaterThan(0);
  });
});

describe("move-up advice", () => {
  it("moves an idle ambulance where dynamic MEXCLP sends it, each move scored by the coverage it adds", () => {
    // Lier's and Svelvik's ambulances busy: Drammen's idle ambulances should fill in.
    const live = picture(["lier-amb", "svelvik-amb"]);
    const advice = moveUpAdvice(context, live);
    expect(advice.policy).toBe("dynamic-mexclp");
    expect(advice.moves.length).toBeGreaterThan(0);
    for (const move of advice.moves) {
      expect(move.fromLocationId).toBe("st-drammen");
      expect(move.toLocationId).not.toBe("st-drammen");
    }
    // Gains add up: each is what its move adds after the ones before it.
    const sum = advice.moves.reduce((total, move) => total + move.coverageGain, 0);
    expect(advice.coverageAfter.total - advice.coverageNow.total).toBeCloseTo(sum, 12);
    expect(advice.moves[0]!.coverageGain).toBeGreaterThan(0);
    expect(advice.coverageAfter.total).toBeGreaterThan(advice.coverageNow.total);
    // Expected coverage (what the policy maximises): every MEXCLP move adds to it, and the gains add up.
    const expectedSum = advice.moves.reduce((total, move) => total + move.expectedCoverageGain, 0);
    expect(advice.expectedCoverage.after - advice.expectedCoverage.now).toBeCloseTo(expectedSum, 12);
    for (const move of advice.moves) expect(move.expectedCoverageGain).toBeGreaterThanOrEqual(-1e-12);
    expect(advice.expectedCoverage.after).toBeGreaterThan(advice.expectedCoverage.now);
    expect(advice.expectedCoverage).toMatchObject({ busyFraction: 0.3, thresholdSec: COVERAGE_THRESHOLD_SEC });
    // The first move is dynamic MEXCLP's own choice for that unit on the state now.
    const view = openSnapshot(context.moveUpInputs, pictureSnapshot(context, live).snapshot);
    const first = advice.moves[0]!;
    expect(inputs.compiled.baseIds[inputs.compiled.baseLocations.indexOf(view.relocationTarget(inputs.compiled.index.vehicleIds.indexOf(first.unitId)))]).toBe(first.toLocationId);
  });

  it("scores expected coverage by MEXCLP's formula: a zone reached by k free units counts its red rate × (1 − q^k)", () => {
    const model = context.expectedCoverage.model;
    const q = context.expectedCoverage.busyFraction;
    const red = inputs.compiled.demand.ratePerHourByZone[0]!;
    const base = inputs.compiled.baseLocations[0]!;
    const reached = new Set(model.coveredFrom(base));
    const share = (k: number) => red.reduce((sum, rate, z) => sum + rate * (reached.has(z) ? 1 - q ** k : 0), 0) / red.reduce((sum, rate) => sum + rate, 0);
    expect(model.expectedShare([], q)).toBe(0);
    expect(model.expectedShare([base], q)).toBeCloseTo(share(1), 12);
    expect(model.expectedShare([base, base, base], q)).toBeCloseTo(share(3), 12);
    // A second unit on the same base adds (1 − q)·q of what the first added: worth something, never as much.
    const second = model.expectedShare([base, base], q) - model.expectedShare([base], q);
    expect(second).toBeCloseTo(q * model.expectedShare([base], q), 12);
  });

  it("takes the busy fraction and threshold of the scenario's own dynamic MEXCLP", () => {
    const own = setup((text) => text.replace(/relocation: \{[^}]*\}/, "relocation: { name: dynamic-mexclp, busyFraction: 0.5, coverageSec: 600 }"));
    expect(own.scenario.policies.relocation.name).toBe("dynamic-mexclp");
    expect(own.context.expectedCoverage).toMatchObject({ busyFraction: 0.5, thresholdSec: 600 });
  });

  it("advises nothing when every ambulance stands where the policy wants it", () => {
    expect(moveUpAdvice(context, picture()).moves.every((move) => move.coverageGain <= 0)).toBe(true);
  });
});

describe("next-hour forecast", () => {
  const options = { minutes: 60, replications: 20, seed: 5 };

  it("is deterministic and gives probabilities and coverage in [0, 1] with intervals around them", () => {
    const a = forecastNext(context, picture(), options);
    expect(forecastNext(context, picture(), options)).toEqual(a);
    expect(a.areas.map((area) => area.areaCode)).toEqual(["3301", "3312"]);
    for (const area of a.areas) {
      for (const figure of [area.redWaitProbability, area.coverage]) {
        if (figure.estimate === null) continue;
        expect(figure.estimate).toBeGreaterThanOrEqual(0);
        expect(figure.estimate).toBeLessThanOrEqual(1);
        if (figure.ciLow !== null) expect(figure.ciLow).toBeLessThanOrEqual(figure.estimate);
        if (figure.ciHigh !== null) expect(figure.ciHigh).toBeGreaterThanOrEqual(figure.estimate);
      }
    }
  });

  it("sees more red calls wait and less coverage when every ambulance is busy now", () => {
    const many = { ...options, replications: 100 };
    const calm = forecastNext(context, picture(), many);
    const ambulances = inputs.compiled.index.vehicleIds.filter((id) => id !== "legebil-626");
    const busy = forecastNext(context, picture(ambulances), many);
    const drammen = (forecast: typeof calm) => forecast.areas.find((area) => area.areaCode === "3301")!;
    expect(drammen(busy).coverage.estimate!).toBeLessThan(drammen(calm).coverage.estimate!);
    expect(drammen(busy).redWaitProbability.estimate!).toBeGreaterThan(drammen(calm).redWaitProbability.estimate ?? 0);
  });
});
