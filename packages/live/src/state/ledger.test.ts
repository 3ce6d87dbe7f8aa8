import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { LiveEvent } from "../events/schema.js";
import { arbitraryEvents, closed, created, received, status, twoAmkScenario } from "../testing/fixture.js";
import { CHECKPOINT_EVERY, EventLedger, RECENT_CHECKPOINTS } from "./ledger.js";

const scenario = twoAmkScenario();
const fold = (events: LiveEvent[]) => EventLedger.of(scenario, received(events));
const refusals = (ledger: EventLedger) => Object.fromEntries(ledger.entries.map((entry) => [entry.received.event.id, entry.refusal ?? "accepted"]));

describe("live state from events", () => {
  it("follows a mission: waiting, assigned, at scene, transporting, free; the incident waits until a unit is alerted", () => {
    const ledger = fold([created("e1", 0, "I1"), status("e2", 2, "A1", "alerted", "I1"), status("e3", 3, "A1", "en-route", "I1"), status("e4", 11, "A1", "at-scene", "I1"), status("e5", 30, "A1", "transporting", "I1")]);
    expect(Object.values(refusals(ledger))).toEqual(["accepted", "accepted", "accepted", "accepted", "accepted"]);
    const incident = ledger.state.incidents.get("I1")!;
    expect(incident).toMatchObject({ units: ["A1"], waitingSince: null, createdAt: "2026-12-02T07:00:00.000Z", firstAlertedAt: "2026-12-02T07:02:00.000Z", firstAtSceneAt: "2026-12-02T07:11:00.000Z" });
    expect(ledger.state.units.get("A1")).toMatchObject({ status: "transporting", incidentId: "I1", statusSince: "2026-12-02T07:30:00.000Z" });
    expect(ledger.state.view().asOf).toBe("2026-12-02T07:30:00.000Z");
  });

  it("keeps since when each unit is free: from leaving its mission or service (not reaching its station), from its first report, null before any", () => {
    const ledger = fold([
      created("c1", 0, "I1"),
      status("a1", 1, "A1", "alerted", "I1"),
      status("a2", 20, "A1", "at-destination", "I1"),
      status("road", 30, "A1", "free-on-road"),
      status("home", 45, "A1", "free-at-station"),
      status("again", 50, "A1", "free-at-station"),
      status("first", 10, "A2", "free-at-station"),
      status("off", 5, "B1", "out-of-service"),
      status("on", 40, "B1", "free-at-station"),
    ]);
    const freeSince = (unitId: string) => ledger.state.units.get(unitId)!.freeSince;
    expect(freeSince("A1")).toBe("2026-12-02T07:30:00.000Z");
    expect(ledger.state.units.get("A1")!.statusSince).toBe("2026-12-02T07:45:00.000Z");
    expect(freeSince("A2")).toBe("2026-12-02T07:10:00.000Z");
    expect(ledger.state.units.get("A2")!.statusSince).toBe("2026-12-02T07:10:00.000Z");
    expect(freeSince("B1")).toBe("2026-12-02T07:40:00.000Z");
    expect([ledger.state.units.get("B2")!.freeSince, ledger.state.units.get("B2")!.statusSince]).toEqual([null, null]);
    // On a mission a unit is not free.
    expect(fold([created("c1", 0, "I1"), status("first", 1, "A1", "free-at-station"), status("a1", 2, "A1", "alerted", "I1")]).state.units.get("A1")!.freeSince).toBeNull();
  });

  it("refuses the impossible with a reason: two scenes, unknown or closed incident, going back, free while transporting", () => {
    const ledger = fold([
      created("c1", 0, "I1"),
      created("c2", 0, "I2"),
      status("a", 1, "A1", "alerted", "I1"),
      status("b", 2, "A1", "at-scene", "I1"),
      status("two-scenes", 3, "A1", "at-scene", "I2"),
      status("unknown", 3, "A2", "alerted", "I9"),
      closed("close2", 4, "I2"),
      status("closed", 5, "A2", "alerted", "I2"),
      status("back", 6, "A1", "en-route", "I1"),
      status("t", 7, "A1", "transporting", "I1"),
      status("free", 8, "A1", "free-on-road"),
      created("again", 9, "I1"),
    ]);
    const outcome = refusals(ledger);
    expect(outcome["two-scenes"]).toBe("unit A1 is at the scene of incident I1; it cannot be at the scene of incident I2 too");
    expect(outcome.unknown).toMatch(/^unit A2 cannot take unknown incident I9/);
    expect(outcome.closed).toMatch(/^unit A2 cannot take incident I2: it was closed at/);
    expect(outcome.back).toBe("unit A1 cannot go back from at-scene to en-route on incident I1");
    expect(outcome.free).toMatch(/transporting a patient \(incident I1\); it reports at destination before it is free/);
    expect(outcome.again).toBe("incident I1 already exists");
    expect(ledger.state.units.get("A1")).toMatchObject({ status: "transporting", incidentId: "I1" });
    expect(ledger.state.units.get("A2")).toMatchObject({ status: "free-at-station", incidentId: null });
  });

  it("a unit leaving an incident before anyone reached the scene makes it wait again from that moment; a diversion moves the unit", () => {
    const ledger = fold([created("c1", 0, "I1"), created("c2", 1, "I2"), status("a", 2, "B1", "alerted", "I1"), status("divert", 5, "B1", "alerted", "I2")]);
    expect(ledger.state.incidents.get("I1")).toMatchObject({ units: [], waitingSince: "2026-12-02T07:05:00.000Z" });
    expect(ledger.state.incidents.get("I2")).toMatchObject({ units: ["B1"], waitingSince: null });
  });

  it("a token of one AMK reports for its own units and for a neighbour's unit it sends to its own incident, not otherwise", () => {
    const oslo = { name: "oslo", amk: "amk-oslo" };
    const events = [created("c1", 0, "I1", "amk-oslo"), created("c2", 0, "V1", "amk-vestre")];
    const ledger = EventLedger.of(scenario, [
      ...received(events),
      ...received([status("cross", 1, "B2", "alerted", "I1"), status("foreign", 1, "B1", "alerted", "V1"), closed("close-foreign", 2, "V1")], oslo).map((r, i) => ({ ...r, seq: 10 + i })),
    ]);
    const outcome = refusals(ledger);
    expect(outcome.cross).toBe("accepted");
    expect(outcome.foreign).toMatch(/^unit B1 is dispatched by AMK amk-vestre and works on no incident of AMK amk-oslo/);
    expect(outcome["close-foreign"]).toBe("incident V1 belongs to AMK amk-vestre; a token of AMK amk-oslo cannot close it");
  });

  it("a late event is placed in order and may change the outcome of later ones (reported as changed)", () => {
    const ledger = fold([created("c1", 0, "I1")]);
    const first = ledger.plan(received([status("early-alert", 5, "A1", "at-scene", "I1")]));
    expect(first.outcomes.get("early-alert")).toMatch(/is free-at-station: it is alerted to incident I1 before it reports at-scene/);
    ledger.commit(first);
    const late = ledger.plan(received([status("late", 2, "A1", "alerted", "I1")]));
    expect(late.outcomes.get("late")).toBeUndefined();
    expect(late.changed).toEqual([{ id: "early-alert", before: expect.stringMatching(/before it reports at-scene/), after: undefined }]);
    ledger.commit(late);
    expect(ledger.get("early-alert")?.refusal).toBeUndefined();
    expect(ledger.state.units.get("A1")).toMatchObject({ status: "at-scene" });
  });

  it("a unit's statuses at one instant are applied in the order that follows its status cycle and accepts them all", () => {
    const ledger = fold([
      created("c1", 0, "I1"),
      created("c2", 0, "I2"),
      // A1 alerted and en route in the same minute; ids sort the other way.
      status("z-alert", 1, "A1", "alerted", "I1"),
      status("a-route", 1, "A1", "en-route", "I1"),
      status("t1", 2, "A1", "at-scene", "I1"),
      status("t2", 3, "A1", "transporting", "I1"),
      status("t3", 4, "A1", "at-destination", "I1"),
      // Free at the destination and at once alerted to the waiting I2.
      status("b-alert", 5, "A1", "alerted", "I2"),
      status("c-free", 5, "A1", "free-on-road"),
      // B1 comes on duty and is alerted in the same minute.
      status("oos", 0, "B1", "out-of-service"),
      status("a-alert", 6, "B1", "alerted", "I1"),
      status("b-duty", 6, "B1", "free-at-station"),
    ]);
    expect(Object.values(refusals(ledger)).every((outcome) => outcome === "accepted")).toBe(true);
    expect(ledger.state.units.get("A1")).toMatchObject({ status: "alerted", incidentId: "I2" });
    expect(ledger.state.units.get("B1")).toMatchObject({ status: "alerted", incidentId: "I1" });
  });

  it("a plan made on an older version cannot be committed", () => {
    const ledger = fold([]);
    const stale = ledger.plan(received([created("c1", 0, "I1")]));
    ledger.commit(ledger.plan(received([created("c2", 0, "I2")])));
    expect(() => ledger.commit(stale)).toThrow(/ledger version/);
  });
});

const eventSet = arbitraryEvents([...scenario.units.values()], [...scenario.zoneIds]);

describe("laws of the fold", () => {
  it("any arrival order and any batching give the same state and the same outcomes as the events in time order", () => {
    fc.assert(
      fc.property(eventSet, fc.array(fc.nat(), { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (events, keys, batchSize) => {
        const inOrder = fold(events);
        // A shuffle from random sort keys, then arrival in batches.
        const shuffled = events.map((event, i) => ({ event, key: keys[i] ?? i })).sort((a, b) => a.key - b.key).map((item) => item.event);
        const ledger = EventLedger.empty(scenario);
        for (let i = 0; i < shuffled.length; i += batchSize) ledger.commit(ledger.plan(received(shuffled.slice(i, i + batchSize))));
        expect(ledger.state.view()).toEqual(inOrder.state.view());
        expect(refusals(ledger)).toEqual(refusals(inOrder));
      }),
      { numRuns: 300 },
    );
  });

  it("with checkpoints thinned far back, late events anywhere still fold as from the start", () => {
    const many: LiveEvent[] = [created("c", 0, "I1")];
    const count = (RECENT_CHECKPOINTS + 12) * CHECKPOINT_EVERY;
    for (let i = 0; i < count; i++) many.push({ id: `p${i}`, type: "unit.position", time: new Date(Date.UTC(2026, 11, 2, 8) + i * 1000).toISOString(), unitId: "A2", lat: 59 + i / 100_000, lon: 10 });
    const ledger = fold(many);
    const late = [status("late1", 1, "A1", "alerted", "I1"), { id: "late2", type: "unit.position", time: new Date(Date.UTC(2026, 11, 2, 8) + (count - 3000) * 1000 + 500).toISOString(), unitId: "A1", lat: 1, lon: 2 } as LiveEvent, { id: "late3", type: "unit.position", time: new Date(Date.UTC(2026, 11, 2, 8) + 100_000).toISOString(), unitId: "B1", lat: 3, lon: 4 } as LiveEvent];
    for (const event of late) ledger.commit(ledger.plan(received([event])));
    expect(ledger.state.view()).toEqual(fold([...many, ...late]).state.view());
    expect(ledger.state.units.get("A1")).toMatchObject({ status: "alerted", lat: 1, lon: 2 });
  });

  it("a late event folds again only the events after its place and at most a checkpoint's spacing before it", () => {
    const position = (id: string, second: number): LiveEvent => ({ id, type: "unit.position", time: new Date(Date.UTC(2026, 11, 2, 8) + second * 1000).toISOString(), unitId: "A2", lat: 59, lon: 10 });
    const count = RECENT_CHECKPOINTS * CHECKPOINT_EVERY + 3000;
    const ledger = fold(Array.from({ length: count }, (_, i) => position(`p${i}`, i)));
    for (const back of [0, 1, 255, 256, 1000, 2000, 5000]) {
      // Half a second before the event `back` places from the end: exactly `back` events lie after it.
      const late = position(`late${back}`, count - back - 0.5);
      expect(ledger.entriesAfter(late)).toBe(back);
      const plan = ledger.plan(received([late]));
      expect(plan.refolded).toBeGreaterThan(back);
      expect(plan.refolded).toBeLessThanOrEqual(back + 1 + CHECKPOINT_EVERY);
    }
  });

  it("checkpoints give the same state as folding from the start when a late event lands far back", () => {
    // Enough events for several checkpoints, then one from the beginning of the morning.
    const many: LiveEvent[] = [created("c", 0, "I1")];
    for (let i = 0; i < 700; i++) many.push({ id: `p${i}`, type: "unit.position", time: `2026-12-02T08:10:${String(i % 60).padStart(2, "0")}.${String(i).padStart(3, "0")}+01:00`, unitId: "A2", lat: 59 + i / 1000, lon: 10 });
    const ledger = fold(many);
    ledger.commit(ledger.plan(received([status("late", 1, "A1", "alerted", "I1")])));
    const direct = fold([...many, status("late", 1, "A1", "alerted", "I1")]);
    expect(ledger.state.view()).toEqual(direct.state.view());
    expect(ledger.state.units.get("A1")).toMatchObject({ status: "alerted" });
  });
});
