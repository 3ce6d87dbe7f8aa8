import { describe, expect, it } from "vitest";
import { createCalendar } from "@akutt/model";
import { OUTCOME_SERVED, simulateReplication } from "@akutt/engine";
import { prepareTest, testTravel, weekDemo } from "../../../engine/src/testing/fixtures.js";
import { parseLiveEvent } from "../events/parse.js";
import { ALL_AMKS, type ReceivedEvent } from "../events/received.js";
import { EventLedger } from "../state/ledger.js";
import { liveScenarioOf, scenarioProblem } from "../state/scenario.js";
import { replayEvents, type ReplayEvent, type TimedReplayEvent } from "./replay.js";

const scenario = weekDemo();
const inputs = prepareTest(scenario);
const calendar = createCalendar(scenario.metadata.start);
const result = simulateReplication(inputs, 11, 0);
const replayInput = { compiled: inputs.compiled, travel: testTravel(scenario), incidents: result.incidents, interAmkDelaySec: inputs.dispatch.interAmkDelaySec, startIso: calendar.startIso, seed: 11 };
const all = replayEvents(replayInput);

const BUSY = new Set(["alerted", "en-route", "at-scene", "transporting", "at-destination"]);
// Which status may follow which for one unit; the free and out-of-service statuses end a mission.
const NEXT: Record<string, ReadonlySet<string>> = {
  "free-at-station": new Set(["alerted", "out-of-service", "free-on-road"]),
  "free-on-road": new Set(["alerted", "free-at-station", "out-of-service"]),
  alerted: new Set(["en-route"]),
  "en-route": new Set(["at-scene"]),
  "at-scene": new Set(["transporting", "free-on-road", "free-at-station", "out-of-service"]),
  transporting: new Set(["at-destination"]),
  "at-destination": new Set(["free-on-road", "free-at-station", "out-of-service"]),
  "out-of-service": new Set(["free-at-station", "free-on-road", "alerted"]),
};

function statuses(events: TimedReplayEvent[]): Array<Extract<ReplayEvent, { type: "unit.status" }>> {
  return events.flatMap(({ event }) => (event.type === "unit.status" ? [event] : []));
}

describe("replayEvents", () => {
  it("gives unique ids, ISO times in order and the same events for the same run", () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(new Set(all.map(({ event }) => event.id)).size).toBe(all.length);
    for (let k = 1; k < all.length; k++) expect(all[k]!.simSec).toBeGreaterThanOrEqual(all[k - 1]!.simSec);
    for (const { simSec, event } of all) expect(Date.parse(event.time)).toBe(Date.parse(calendar.startIso) + Math.round(simSec * 1000));
    expect(replayEvents(replayInput)).toEqual(all);
  });

  it("posts only events the live API accepts: each passes the validator and the fold in time order refuses none", () => {
    const live = liveScenarioOf(scenario);
    const by = { name: "replay", amk: ALL_AMKS };
    const received: ReceivedEvent[] = all.map(({ event }, k) => {
      const parsed = parseLiveEvent(JSON.parse(JSON.stringify(event)), k);
      if (!parsed.ok) throw new Error(`${parsed.id}: ${parsed.reason}`);
      expect(scenarioProblem(parsed.event, live, by)).toBeUndefined();
      return { seq: k + 1, receivedAt: "2026-12-02T17:00:00.000Z", by, event: parsed.event };
    });
    const ledger = EventLedger.of(live, received);
    const refused = ledger.entries.filter((entry) => entry.refusal !== undefined).map((entry) => `${entry.received.event.id}: ${entry.refusal}`);
    expect(refused).toEqual([]);
    // The folded state agrees with the last status the replay gave each unit.
    const lastStatus = new Map(statuses(all).map((event) => [event.unitId, event.status]));
    for (const unit of ledger.state.view().units) expect(unit.status).toBe(lastStatus.get(unit.unitId));
  });

  it("sends units only to open incidents, one at a time, through the statuses in their order", () => {
    const open = new Set<string>();
    const current = new Map<string, { status: string; incidentId: string | undefined }>();
    for (const { event } of all) {
      if (event.type === "incident.created") open.add(event.incidentId);
      else if (event.type === "incident.closed") {
        expect(open.delete(event.incidentId)).toBe(true);
        // No unit still busy with a closed incident.
        for (const unit of current.values()) if (BUSY.has(unit.status)) expect(unit.incidentId).not.toBe(event.incidentId);
      } else if (event.type === "unit.status") {
        if (BUSY.has(event.status)) {
          expect(event.incidentId).toBeDefined();
          expect(open.has(event.incidentId!)).toBe(true);
        } else expect(event.incidentId).toBeUndefined();
        const before = current.get(event.unitId);
        if (before !== undefined) {
          expect(NEXT[before.status]!.has(event.status), `${event.unitId}: ${before.status} → ${event.status}`).toBe(true);
          if (event.status !== "alerted" && BUSY.has(event.status)) expect(event.incidentId).toBe(before.incidentId);
        }
        current.set(event.unitId, { status: event.status, incidentId: event.incidentId });
      }
    }
    expect(current.size).toBe(inputs.compiled.vehicles.count);
  });

  it("puts every served incident's ambulance at the scene when the engine did, having alerted it when the engine took it", () => {
    const log = result.incidents;
    const byKey = new Map(statuses(all).map((event) => [`${event.unitId}/${event.incidentId}/${event.status}`, event]));
    let served = 0;
    for (let row = 0; row < log.count; row++) {
      if (log.outcome[row] !== OUTCOME_SERVED || log.kind[row] !== 0) continue;
      served++;
      const unitId = inputs.compiled.index.vehicleIds[log.vehicle[row]!]!;
      const atScene = byKey.get(`${unitId}/r11-i${row}/at-scene`);
      const alerted = byKey.get(`${unitId}/r11-i${row}/alerted`);
      expect(Date.parse(atScene!.time)).toBe(Date.parse(calendar.startIso) + Math.round(log.atSceneSec[row]! * 1000));
      expect(Date.parse(alerted!.time)).toBe(Date.parse(calendar.startIso) + Math.round((log.decidedSec[row]! + log.waitForUnitSec[row]!) * 1000));
    }
    expect(served).toBeGreaterThan(100);
  });

  it("starts a window with the state then: each unit's statuses since its mission began or it went free, its position, the incidents still open", () => {
    const fromSec = calendar.simSecAtLocal(2, 0);
    const toSec = calendar.simSecAtLocal(3, 0);
    const day = replayEvents({ ...replayInput, window: { fromSec, toSec } });
    const firstInside = day.findIndex(({ simSec }) => simSec >= fromSec);
    const prefix = day.slice(0, firstInside);
    expect(day.slice(firstInside).every(({ simSec }) => simSec >= fromSec && simSec < toSec)).toBe(true);
    const prefixUnits = statuses(prefix).map((event) => event.unitId);
    expect(new Set(prefixUnits).size).toBe(inputs.compiled.vehicles.count);
    // Each unit's first status in the prefix is one a unit free at its station may report.
    const first = new Map<string, string>();
    for (const event of statuses(prefix)) if (!first.has(event.unitId)) first.set(event.unitId, event.status);
    for (const status of first.values()) expect(["alerted", "free-at-station", "free-on-road", "out-of-service"]).toContain(status);
    // The window is the whole run's events cut at its ends, with the same ids.
    const ids = new Set(all.map(({ event }) => event.id));
    expect(day.every(({ event }) => ids.has(event.id))).toBe(true);
    expect(day.slice(firstInside).map(({ event }) => event.id)).toEqual(all.filter(({ simSec }) => simSec >= fromSec && simSec < toSec).map(({ event }) => event.id));
    // Every unit busy at the start refers to an incident created in the prefix.
    const created = new Set(prefix.flatMap(({ event }) => (event.type === "incident.created" ? [event.incidentId] : [])));
    for (const event of statuses(prefix)) if (event.incidentId !== undefined) expect(created.has(event.incidentId)).toBe(true);
  });
});
