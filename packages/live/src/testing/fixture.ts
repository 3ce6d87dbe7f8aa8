import fc from "fast-check";
import { MISSION_STATUSES, UNIT_STATUSES, type LiveEvent, type UnitStatus } from "../events/schema.js";
import { ALL_AMKS, type Poster, type ReceivedEvent } from "../events/received.js";
import type { LiveScenario, LiveUnitSpec } from "../state/scenario.js";

/** Two AMKs with two units each and three zones: enough for the border cases of the tests. */
export function twoAmkScenario(): LiveScenario {
  const unit = (unitId: string, amk: string, owner: string, stationId: string, stationLat: number, stationLon: number): [string, LiveUnitSpec] => [unitId, { unitId, type: "ambulance", owner, amk, stationId, stationLat, stationLon }];
  return {
    units: new Map([unit("A1", "amk-oslo", "ous", "s-oslo", 59.93, 10.75), unit("A2", "amk-oslo", "ous", "s-oslo", 59.93, 10.75), unit("B1", "amk-vestre", "vvhf", "s-drammen", 59.74, 10.2), unit("B2", "amk-vestre", "vvhf", "s-asker", 59.83, 10.43)]),
    zoneIds: new Set(["z1", "z2", "z3"]),
    amkIds: new Set(["amk-oslo", "amk-vestre"]),
  };
}

export const EVERYONE: Poster = { name: "test", amk: ALL_AMKS };

/** Wraps events as received ones (arrival order = list order). */
export function received(events: readonly LiveEvent[], by: Poster = EVERYONE): ReceivedEvent[] {
  return events.map((event, i) => ({ seq: i + 1, receivedAt: "2026-12-02T17:00:00.000Z", by, event }));
}

/** Builders for readable tests: `at(minute)` is a time on one morning, with an offset. */
export const at = (minute: number, second = 0) => `2026-12-02T08:${String(minute).padStart(2, "0")}:${String(second).padStart(2, "0")}+01:00`;
export const created = (id: string, minute: number, incidentId: string, amk = "amk-oslo", zoneId = "z1"): LiveEvent => ({ id, type: "incident.created", time: at(minute), incidentId, amk, urgency: "red", location: { zoneId } });
export const closed = (id: string, minute: number, incidentId: string): LiveEvent => ({ id, type: "incident.closed", time: at(minute), incidentId });
export const status = (id: string, minute: number, unitId: string, to: UnitStatus, incidentId?: string): LiveEvent => ({ id, type: "unit.status", time: at(minute), unitId, status: to, ...(incidentId === undefined ? {} : { incidentId }) });

/**
 * Random event sets over the given units (each with its AMK), zones and four incidents: creations,
 * closures, statuses (with an incident for mission statuses), positions, all within 20 minutes so
 * many share an instant. Most status changes are impossible in the order drawn, so both outcomes occur.
 */
export function arbitraryEvents(units: ReadonlyArray<{ unitId: string; amk: string }>, zoneIds: readonly string[], maxLength = 60): fc.Arbitrary<LiveEvent[]> {
  return fc
    .array(
      fc.record({
        kind: fc.constantFrom("created", "closed", "status", "status", "status", "position"),
        minute: fc.integer({ min: 0, max: 20 }),
        incident: fc.constantFrom("I1", "I2", "I3", "I4"),
        unit: fc.constantFrom(...units),
        zone: fc.constantFrom(...zoneIds),
        status: fc.constantFrom(...UNIT_STATUSES),
      }),
      { maxLength, size: "max" },
    )
    .map((steps) =>
      steps.map((step, i): LiveEvent => {
        const id = `e${i}`;
        if (step.kind === "created") return created(id, step.minute, step.incident, step.unit.amk, step.zone);
        if (step.kind === "closed") return closed(id, step.minute, step.incident);
        if (step.kind === "position") return { id, type: "unit.position", time: at(step.minute), unitId: step.unit.unitId, lat: 59.9, lon: 10.7 };
        return status(id, step.minute, step.unit.unitId, step.status, (MISSION_STATUSES as readonly string[]).includes(step.status) ? step.incident : undefined);
      }),
    );
}
