import { describe, expect, it } from "vitest";
import { simulateReplication } from "@akutt/engine";
import { createCalendar } from "@akutt/model";
import { prepareTest, testTravel, weekDemo } from "../../../engine/src/testing/fixtures.js";
import { ALL_AMKS, type ReceivedEvent } from "../events/received.js";
import { replayEvents } from "../replay/replay.js";
import { EventLedger } from "../state/ledger.js";
import { liveScenarioOf } from "../state/scenario.js";
import { adviceContext } from "./context.js";
import { recommendUnits } from "./recommend.js";

describe("recommendation on a replayed day", () => {
  it("names first, for every incident the engine dispatched at its decision, the unit the engine sent", () => {
    const scenario = weekDemo();
    const inputs = prepareTest(scenario);
    const calendar = createCalendar(scenario.metadata.start);
    const seed = 11;
    const log = simulateReplication(inputs, seed, 0).incidents;
    const events = replayEvents({ compiled: inputs.compiled, travel: testTravel(scenario), incidents: log, interAmkDelaySec: inputs.dispatch.interAmkDelaySec, startIso: calendar.startIso, seed });
    const ledger = EventLedger.empty(liveScenarioOf(scenario));
    const context = adviceContext(scenario, inputs);
    // Emergency incidents a unit took at the AMK's decision (the others waited and took the first unit freed).
    const dispatched = Array.from({ length: log.count }, (_, i) => i)
      .filter((i) => log.kind[i] === 0 && log.vehicle[i]! >= 0 && log.waitForUnitSec[i] === 0)
      .sort((a, b) => log.decidedSec[a]! - log.decidedSec[b]!);
    let next = 0;
    for (const i of dispatched) {
      const batch: ReceivedEvent[] = [];
      while (next < events.length && events[next]!.simSec < log.decidedSec[i]!) batch.push({ seq: next + 1, receivedAt: calendar.startIso, by: { name: "replay", amk: ALL_AMKS }, event: events[next++]!.event as ReceivedEvent["event"] });
      const plan = ledger.plan(batch);
      expect([...plan.outcomes.values()].filter((refusal) => refusal !== undefined)).toEqual([]);
      ledger.commit(plan);
      // Ties at one station go to the unit free longest: the live state's freeSince, as the engine's.
      const picture = ledger.state.view();
      const at = new Date(Date.parse(calendar.startIso) + log.decidedSec[i]! * 1000).toISOString();
      const incident = picture.incidents.find((candidate) => candidate.incidentId.endsWith(`-i${i}`))!;
      expect([i, recommendUnits(context, picture, incident.incidentId, at).units[0]?.unitId]).toEqual([i, inputs.compiled.index.vehicleIds[log.vehicle[i]!]]);
    }
    expect(dispatched.length).toBeGreaterThan(300);
  });
});
