import { describe, expect, it } from "vitest";
import { demoScenario, prepareTest } from "../testing/fixtures.js";
import { simulateReplication } from "./simulation.js";

/** The demo for a week: five round-the-clock ambulances share the Drammen station, so ties are common. */
const shortDemo = (extra: (text: string) => string = (t) => t) =>
  demoScenario((text) => extra(text.replace("durationDays: 28", "durationDays: 7").replace("warmUpDays: 2", "warmUpDays: 1")));

describe("dispatch tie-break option", () => {
  const missionsOf = (tieBreak: string | undefined) => {
    const inputs = prepareTest(shortDemo((text) => (tieBreak ? text.replace("crossBorder: nearest", `crossBorder: nearest\n    tieBreak: ${tieBreak}`) : text)));
    const result = simulateReplication(inputs, 12, 0);
    const ids = inputs.compiled.index.vehicleIds;
    return [1, 2, 3, 4, 5].map((k) => result.vehicles.missions[ids.indexOf(`drm-amb-${k}`)]!);
  };

  it("free-longest (the default) shares a station's work; lowest-index loads the first-listed unit; random shares it by lot", () => {
    const byDefault = missionsOf(undefined);
    expect(missionsOf("free-longest")).toEqual(byDefault);
    const lowest = missionsOf("lowest-index");
    const random = missionsOf("random");
    const spread = (m: number[]) => Math.max(...m) / Math.min(...m);
    // The first-listed ambulance goes whenever it is free: far more missions than the fifth.
    expect(lowest[0]!).toBeGreaterThan(2 * lowest[4]!);
    expect(spread(byDefault)).toBeLessThan(1.5);
    expect(spread(random)).toBeLessThan(spread(lowest));
    expect(random).not.toEqual(byDefault);
    // Reproducible: the draw comes from a stream keyed by seed and incident.
    expect(missionsOf("random")).toEqual(random);
  });
});

describe("normal (non-blue-light) speed factor", () => {
  const run = (factor: number | undefined) => {
    const inputs = prepareTest(shortDemo((text) => (factor === undefined ? text : text.replace("  emergencySpeedFactor: 1.2", `  emergencySpeedFactor: 1.2\n  normalSpeedFactor: ${factor}`))));
    return { inputs, result: simulateReplication(inputs, 5, 0) };
  };

  it("slows returns and yellow and green drives and leaves blue-light drives alone", () => {
    const base = run(undefined);
    const slow = run(0.5);
    expect(run(1).result.incidents).toEqual(base.result.incidents);
    const { travel } = slow.inputs;
    const model = base.inputs.travel;
    expect(travel.travelTimeSec(11, 0, true, 0)).toBe(model.travelTimeSec(11, 0, true, 0));
    expect(travel.travelTimeSec(11, 0, false, 0)).toBeCloseTo(2 * model.travelTimeSec(11, 0, false, 0), 9);
    expect(travel.lowerBoundSec!(11, 0, false)).toBeCloseTo(2 * model.lowerBoundSec!(11, 0, false), 9);
    // Per incident, the drive to the scene: red ones as fast as before, the others twice as long on average.
    const meanDrive = (log: typeof base.result.incidents, red: boolean) => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < log.count; i++) {
        if ((log.urgency[i] === 0) !== red || Number.isNaN(log.atSceneSec[i]!)) continue;
        sum += log.atSceneSec[i]! - log.departedSec[i]!;
        n++;
      }
      return sum / n;
    };
    expect(meanDrive(slow.result.incidents, true) / meanDrive(base.result.incidents, true)).toBeLessThan(1.25);
    expect(meanDrive(slow.result.incidents, false) / meanDrive(base.result.incidents, false)).toBeGreaterThan(1.6);
    const returning = (r: typeof base.result) => {
      const states = r.vehicles.stateSec.length / base.inputs.compiled.vehicles.count;
      let sum = 0;
      for (let v = 0; v < base.inputs.compiled.vehicles.count; v++) sum += r.vehicles.stateSec[v * states + 7]!;
      return sum;
    };
    expect(returning(slow.result) / returning(base.result)).toBeGreaterThan(1.7);
  });
});

describe("shifted and truncated task times", () => {
  it("keeps every red on-scene time inside [min, max] and moves it by the shift", () => {
    const onScene = (replace: string) => {
      const inputs = prepareTest(shortDemo((text) => text.replace("red: { kind: gamma, mean: 22, sd: 10, unit: min }", replace)));
      const log = simulateReplication(inputs, 6, 0).incidents;
      const times: number[] = [];
      for (let i = 0; i < log.count; i++) if (log.urgency[i] === 0 && !Number.isNaN(log.leftSceneSec[i]!)) times.push(log.leftSceneSec[i]! - log.atSceneSec[i]!);
      return { times, meanSec: inputs.compiled.onScene[0]!.meanSec };
    };
    const plain = onScene("red: { kind: gamma, mean: 22, sd: 10, unit: min }");
    const cut = onScene("red: { kind: gamma, mean: 22, sd: 10, unit: min, shift: -5, min: 4, max: 20 }");
    expect(Math.max(...plain.times)).toBeGreaterThan(20 * 60);
    expect(Math.min(...cut.times)).toBeGreaterThanOrEqual(4 * 60 - 1e-6);
    expect(Math.max(...cut.times)).toBeLessThanOrEqual(20 * 60 + 1e-6);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(cut.times)).toBeLessThan(mean(plain.times) - 4 * 60);
    // The exact mean of the conditional distribution, which the dispatch ETA uses for activation times.
    expect(Math.abs(mean(cut.times) - cut.meanSec)).toBeLessThan(30);
  });
});

describe("arrival window", () => {
  it("rings calls only inside the window, at the same rate, and lets the run go on until their missions end", () => {
    const withWindow = prepareTest(shortDemo((text) => text.replace("  profile:\n    hourOfDay", "  window: { startHour: 30, endHour: 66 }\n  profile:\n    hourOfDay")));
    const without = prepareTest(shortDemo());
    const a = simulateReplication(withWindow, 3, 0);
    const b = simulateReplication(without, 3, 0);
    const ring = a.incidents.ringSec;
    expect(a.incidents.count).toBeGreaterThan(50);
    expect(Math.min(...ring)).toBeGreaterThanOrEqual(30 * 3600);
    expect(Math.max(...ring)).toBeLessThan(66 * 3600);
    // The same rate inside the window: about 36 of the week's 168 hours' calls (Poisson noise allowed).
    const inside = [...b.incidents.ringSec].filter((t) => t >= 30 * 3600 && t < 66 * 3600).length;
    expect(Math.abs(a.incidents.count - inside)).toBeLessThan(4 * Math.sqrt(inside));
    // Every call is served: the run goes on after the window.
    expect([...a.incidents.outcome].every((outcome) => outcome === 0)).toBe(true);
    expect(Math.max(...a.incidents.freeSec.filter((t) => !Number.isNaN(t)))).toBeGreaterThan(66 * 3600);
  });
});

describe("en-route policy (where a returning unit is dispatched from)", () => {
  const withPolicy = (name: string | undefined, withLowerBound = true) =>
    prepareTest(shortDemo((text) => (name ? text.replace("  relocation: { name: return-home }", `  relocation: { name: return-home }\n  enRoute: { name: ${name} }`) : text)), withLowerBound);

  it("blend is the default; nearest-location changes the dispatches of returning units and gives the same results with and without the pruned search", () => {
    const byDefault = simulateReplication(withPolicy(undefined), 14, 0);
    expect(simulateReplication(withPolicy("blend"), 14, 0).incidents).toEqual(byDefault.incidents);
    const nearest = simulateReplication(withPolicy("nearest-location"), 14, 0);
    expect(nearest.incidents.atSceneSec).not.toEqual(byDefault.incidents.atSceneSec);
    const full = simulateReplication(withPolicy("nearest-location", false), 14, 0);
    expect(full.incidents).toEqual(nearest.incidents);
    expect(full.vehicles).toEqual(nearest.vehicles);
  });
});

describe("counting window for vehicle time (report.utilisation)", () => {
  it("accounts vehicle states only inside the window; without it, from warm-up to the end", () => {
    const inputs = prepareTest(shortDemo((text) => `${text}\nreport:\n  utilisation: { fromHour: 30, toHour: 60 }\n`));
    const result = simulateReplication(inputs, 2, 0);
    const plain = simulateReplication(prepareTest(shortDemo()), 2, 0);
    const states = result.vehicles.stateSec.length / inputs.compiled.vehicles.count;
    for (let v = 0; v < inputs.compiled.vehicles.count; v++) {
      let total = 0;
      for (let s = 0; s < states; s++) total += result.vehicles.stateSec[v * states + s]!;
      expect(total).toBeCloseTo(30 * 3600, 3);
    }
    // The simulation itself is the same: only the accounting differs.
    expect(result.incidents).toEqual(plain.incidents);
  });
});

describe("places standing at a zone", () => {
  it("base the vehicles at the zone's location, so a unit there reaches that zone's incidents at once", () => {
    const inputs = prepareTest(
      shortDemo((text) => text.replace('{ id: st-lier, name: "Lier ambulansestasjon", lat: 59.7880, lon: 10.2450, owner: vv }', "{ id: st-lier, name: Lier ambulansestasjon, zone: lier-lierbyen, owner: vv }")),
    );
    const zone = inputs.compiled.index.zoneIds.indexOf("lier-lierbyen");
    const lierAmb = inputs.compiled.index.vehicleIds.indexOf("lier-amb");
    expect(inputs.compiled.vehicles.homeLocation[lierAmb]).toBe(zone);
    expect(inputs.compiled.locationCount).toBe(inputs.compiled.zoneCount + 2 + 3);
    const log = simulateReplication(inputs, 9, 0).incidents;
    let fromHome = 0;
    for (let i = 0; i < log.count; i++) {
      if (log.vehicle[i] !== lierAmb || log.zone[i] !== zone || Number.isNaN(log.atSceneSec[i]!)) continue;
      if (log.atSceneSec[i] === log.departedSec[i]) fromHome++;
    }
    expect(fromHome).toBeGreaterThan(0);
  });
});
