import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildLocations, createCalendar, parseScenario, type Scenario, type TravelTimeModel } from "@akutt/model";
import { recordedIncidents } from "../demand/recorded.js";
import type { IncidentLog } from "../result/result.js";
import { prepareSimulation } from "../simulation/run.js";
import { simulateReplication, type SimulationInputs } from "../simulation/simulation.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The shipped demo scenario, with YAML-level edits applied to its text (test-only). */
export function demoScenario(edit: (text: string) => string = (text) => text): Scenario {
  const file = resolve(REPO_ROOT, "scenarios/demo/demo.yaml");
  return parseScenario(edit(readFileSync(file, "utf8")), "demo.yaml", dirname(file), file);
}

/** Crow-flies travel at 40 km/h (60 km/h blue-light): enough geography for engine tests. */
export function testTravel(scenario: Scenario, withLowerBound = true): TravelTimeModel {
  const locations = buildLocations(scenario);
  const travelTimeSec = (from: number, to: number, emergency: boolean) => {
    const a = locations[from]!;
    const b = locations[to]!;
    const dx = (a.lon - b.lon) * 55_600;
    const dy = (a.lat - b.lat) * 111_200;
    return Math.hypot(dx, dy) / (emergency ? 16.7 : 11.1);
  };
  // Half the crow-flies time: a valid but loose bound, as a road network's would be.
  return withLowerBound ? { name: "test crow-flies", limitations: [], travelTimeSec, lowerBoundSec: (from, to, emergency) => travelTimeSec(from, to, emergency) / 2 } : { name: "test crow-flies", limitations: [], travelTimeSec };
}

export function prepareTest(scenario: Scenario, withLowerBound = true): SimulationInputs {
  return prepareSimulation(scenario, testTravel(scenario, withLowerBound), createCalendar(scenario.metadata.start));
}

/** The demo shortened to a week with one warm-up day, for quick engine tests; `edit` then changes its text. */
export function weekDemo(edit: (text: string) => string = (text) => text): Scenario {
  return demoScenario((text) => edit(text.replace("durationDays: 28", "durationDays: 7").replace("warmUpDays: 2", "warmUpDays: 1")));
}

/** An availability section (YAML lines under `availability:`) with every mechanism on: cleaning, breaks, the end-of-shift rule, out of service. */
export const ALL_AVAILABILITY = [
  "  cleaning:",
  "    transported: { probability: 0.5, duration: { kind: lognormal, mean: 15, sd: 5, unit: min } }",
  "    treatedOnScene: { probability: 0.2, duration: { kind: fixed, value: 10, unit: min } }",
  "  breaks: { durationMin: 30, windowStartHours: 3, windowEndHours: 7 }",
  "  endOfShift: { lastMinutes: 30 }",
  "  outOfService: { ratePer1000Hours: 5, duration: { kind: lognormal, mean: 3, sd: 2, unit: h } }",
].join("\n");

/**
 * The demo's incidents replaced by two green calls far apart, at ringSecs: the older in Svelvik, the
 * other in Drammen (Bragernes). Returns the incident log of one run (incident 0 Svelvik, 1 Drammen).
 */
export function twoGreenCallsFarApart(inputs: SimulationInputs, ringSecs: readonly [number, number]): IncidentLog {
  const zones = inputs.compiled.index.zoneIds;
  const given = recordedIncidents([...ringSecs], [zones.indexOf("drm-svelvik"), zones.indexOf("drm-bragernes")], [2, 2], inputs.compiled.zoneCount, 3, inputs.compiled.horizonSec);
  return simulateReplication({ ...inputs, recordedIncidents: given }, 1, 0).incidents;
}
