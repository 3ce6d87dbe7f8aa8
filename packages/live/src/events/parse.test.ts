import { describe, expect, it } from "vitest";
import { parseLiveEvent } from "./parse.js";

const incident = { id: "e1", type: "incident.created", time: "2026-12-02T08:00:00+01:00", incidentId: "I-1", amk: "amk-oslo", urgency: "red", nimnCriterion: "10.01", location: { zoneId: "z1" } };

describe("parsing a posted event", () => {
  it("accepts the four event types of the contract", () => {
    for (const event of [
      incident,
      { ...incident, location: { lat: 59.9, lon: 10.7 } },
      { id: "e2", type: "incident.closed", time: "2026-12-02T07:30:00Z", incidentId: "I-1" },
      { id: "e3", type: "unit.status", time: "2026-12-02T07:30:00Z", unitId: "A1", status: "alerted", incidentId: "I-1" },
      { id: "e4", type: "unit.status", time: "2026-12-02T07:30:00Z", unitId: "A1", status: "free-on-road" },
      { id: "e5", type: "unit.position", time: "2026-12-02T07:30:00.250Z", unitId: "A1", lat: 59.9, lon: 10.7 },
    ]) expect(parseLiveEvent(event, 0)).toEqual({ ok: true, event });
  });

  it("refuses identity numbers anywhere, in any spelling, without quoting them", () => {
    for (const [event, field] of [
      [{ ...incident, incidentId: "01019012480" }, "incidentId"],
      [{ ...incident, id: "010190-12480" }, "id"],
      [{ ...incident, nimnCriterion: 1019012480 }, "nimnCriterion"], // 01019012480 as a number
      [{ id: "e9", type: "unit.position", time: "2026-12-02T07:30:00Z", unitId: "A1", lat: 59.9, lon: 10.7, x: 1019012480 }, "x"],
      [{ ...incident, extra: { deeper: ["pas 010190 12480"] } }, "extra.deeper.0"],
    ] as const) {
      const parsed = parseLiveEvent(event, 3);
      expect(parsed).toMatchObject({ ok: false, reason: `${field} holds what looks like a national identity number (fødselsnummer); events carry no patient identifiers` });
      expect(JSON.stringify(parsed)).not.toMatch(/12480/);
    }
    // The event's id is not reported when it is the identifier itself.
    expect(parseLiveEvent({ ...incident, id: "01019012480" }, 3)).toMatchObject({ id: "#3" });
  });

  it("refuses name, contact and free-text fields by their name, and text where a code belongs", () => {
    expect(parseLiveEvent({ ...incident, pasientnavn: "x" }, 0)).toMatchObject({ ok: false, id: "e1", reason: "pasientnavn is no field of the event contract: events carry no names, contact details or free text" });
    expect(parseLiveEvent({ ...incident, location: { zoneId: "z1", comment: "x" } }, 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/^location.comment is no field/) });
    expect(parseLiveEvent({ ...incident, incidentId: "Ola Nordmann" }, 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid event: incidentId: incident id: letters, digits/) });
    expect(parseLiveEvent({ ...incident, nimnCriterion: "brystsmerter hos eldre mann" }, 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/nimnCriterion/) });
  });

  it("refuses local times, unknown fields, missing or extra incidents on statuses, and bad coordinates", () => {
    const refused = (event: unknown) => {
      const parsed = parseLiveEvent(event, 7);
      expect(parsed.ok).toBe(false);
      return parsed.ok ? "" : parsed.reason;
    };
    expect(refused({ ...incident, time: "2026-12-02T08:00:00" })).toMatch(/time: an ISO-8601 time with an offset/);
    expect(refused({ ...incident, colour: "red" })).toMatch(/invalid event/);
    expect(refused({ id: "e", type: "unit.status", time: "2026-12-02T07:30:00Z", unitId: "A1", status: "at-scene" })).toMatch(/incidentId: status at-scene names the incident/);
    expect(refused({ id: "e", type: "unit.status", time: "2026-12-02T07:30:00Z", unitId: "A1", status: "free-at-station", incidentId: "I" })).toMatch(/incidentId: status free-at-station has no incident/);
    expect(refused({ id: "e", type: "unit.position", time: "2026-12-02T07:30:00Z", unitId: "A1", lat: 91, lon: 10 })).toMatch(/lat/);
    expect(refused({ id: "e", type: "unit.teleport", time: "2026-12-02T07:30:00Z" })).toMatch(/type/);
    expect(refused([incident])).toMatch(/invalid event/);
    expect(refused({ ...incident, id: "x".repeat(65) })).toMatch(/id/);
    expect(parseLiveEvent({ ...incident, id: "x".repeat(65) }, 7)).toMatchObject({ id: "#7" });
  });
});
