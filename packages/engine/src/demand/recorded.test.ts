import { createCalendar } from "@akutt/model";
import { describe, expect, it } from "vitest";
import { createRandomStreams, replicationSeed } from "../random/random.js";
import { simulateReplication } from "../simulation/simulation.js";
import { prepareTest, weekDemo } from "../testing/fixtures.js";
import { generateIncidents } from "./demand.js";
import { recordedIncidents } from "./recorded.js";

describe("recorded incidents", () => {
  it("given the incidents the demand would generate, the run is bit-identical to the generated one", () => {
    const scenario = weekDemo();
    const inputs = prepareTest(scenario);
    const generated = generateIncidents(inputs.compiled.demand, createCalendar(scenario.metadata.start), inputs.compiled.horizonSec, createRandomStreams(replicationSeed(7, 0)));
    const given = recordedIncidents(generated.ringSec, generated.zone, generated.urgency, inputs.compiled.zoneCount, 3, inputs.compiled.horizonSec);
    const normal = simulateReplication(inputs, 7, 0);
    const replayed = simulateReplication({ ...inputs, recordedIncidents: given }, 7, 0);
    expect(replayed.incidents.count).toBe(normal.incidents.count);
    expect(Buffer.from(replayed.incidents.atSceneSec.buffer).equals(Buffer.from(normal.incidents.atSceneSec.buffer))).toBe(true);
    expect(Buffer.from(replayed.incidents.freeSec.buffer).equals(Buffer.from(normal.incidents.freeSec.buffer))).toBe(true);
    expect(replayed.eventCount).toBe(normal.eventCount);
  });

  it("replays exactly the incidents given, in their zones and urgencies", () => {
    const inputs = prepareTest(weekDemo());
    const given = recordedIncidents([3600, 7200, 7200, 90_000], [0, 3, 1, 2], [0, 2, 1, 0], inputs.compiled.zoneCount, 3, inputs.compiled.horizonSec);
    const result = simulateReplication({ ...inputs, recordedIncidents: given }, 1, 0);
    const log = result.incidents;
    expect([...log.ringSec.subarray(0, 4)]).toEqual([3600, 7200, 7200, 90_000]);
    expect([...log.zone.subarray(0, 4)]).toEqual([0, 3, 1, 2]);
    expect([...log.urgency.subarray(0, 4)]).toEqual([0, 2, 1, 0]);
  });

  it("refuses a list out of order, outside the run, or with unknown zones or urgencies", () => {
    const zones = 5;
    expect(() => recordedIncidents([10, 5], [0, 0], [0, 0], zones, 3, 100)).toThrow(/ringing order/);
    expect(() => recordedIncidents([100], [0], [0], zones, 3, 100)).toThrow(/outside the run/);
    expect(() => recordedIncidents([Number.NaN], [0], [0], zones, 3, 100)).toThrow(/outside the run/);
    expect(() => recordedIncidents([1], [5], [0], zones, 3, 100)).toThrow(/zone index 5/);
    expect(() => recordedIncidents([1], [0], [3], zones, 3, 100)).toThrow(/urgency index 3/);
    expect(() => recordedIncidents([1, 2], [0], [0, 0], zones, 3, 100)).toThrow(/differ in number/);
  });
});
