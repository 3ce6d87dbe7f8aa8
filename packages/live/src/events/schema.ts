import { z } from "zod";
import { URGENCIES } from "@akutt/model";

/**
 * The live event contract (docs/live.md; TEAM contract of issue 12). Every event is a strict object:
 * unknown fields are refused, strings are bounded codes without spaces (so no free text fits), times
 * are ISO-8601 with an offset (an instant, never a local time that is ambiguous in the autumn).
 */

/**
 * Unit statuses, the Definisjonskatalog's list as the issue names it (ledig på stasjon, ledig på
 * vei, alarmert, på vei, på stedet, transporterer, ankommet levering, ute av tjeneste).
 */
export const UNIT_STATUSES = ["free-at-station", "free-on-road", "alerted", "en-route", "at-scene", "transporting", "at-destination", "out-of-service"] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** Statuses of a unit on a mission: these name the incident (`incidentId` required); the others must not. */
export const MISSION_STATUSES = ["alerted", "en-route", "at-scene", "transporting", "at-destination"] as const satisfies readonly UnitStatus[];
export type MissionStatus = (typeof MISSION_STATUSES)[number];
export const isMissionStatus = (status: UnitStatus): status is MissionStatus => (MISSION_STATUSES as readonly string[]).includes(status);
/** A unit free for a new mission: at its station or on the road. */
export const isFreeStatus = (status: UnitStatus): boolean => status === "free-at-station" || status === "free-on-road";

export const EVENT_TYPES = ["incident.created", "incident.closed", "unit.status", "unit.position"] as const;
export type LiveEventType = (typeof EVENT_TYPES)[number];

/** Longest id, unit id, incident id, zone id or AMK id. */
export const MAX_ID_LENGTH = 64;
/** An id: letters, digits and . _ : - (no spaces, so it cannot carry a name or a sentence). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** A NIMN criterion code (Norsk indeks for medisinsk nødhjelp), e.g. "10.01" or "A.2"; a code, never text. */
export const NIMN_CRITERION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.]{0,11}$/;

const id = (what: string) => z.string().min(1).max(MAX_ID_LENGTH).regex(ID_PATTERN, `${what}: letters, digits and . _ : - only, starting with a letter or digit`);
const time = z.iso.datetime({ offset: true, message: "an ISO-8601 time with an offset, e.g. 2026-12-02T17:05:00+01:00 or …Z" });
const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);

export const eventIdSchema = id("event id");

export const locationSchema = z.union([z.strictObject({ zoneId: id("zone id") }), z.strictObject({ lat, lon })]);
export type LiveLocation = z.infer<typeof locationSchema>;

export const incidentCreatedSchema = z.strictObject({
  id: eventIdSchema,
  type: z.literal("incident.created"),
  time,
  incidentId: id("incident id"),
  amk: id("AMK id"),
  urgency: z.enum(URGENCIES),
  nimnCriterion: z.string().regex(NIMN_CRITERION_PATTERN, "a NIMN criterion code such as 10.01").optional(),
  location: locationSchema,
}).describe("A new incident (hendelse) at an AMK: urgency, optional NIMN criterion, and where: a zone of the scenario or a coordinate");

export const incidentClosedSchema = z.strictObject({
  id: eventIdSchema,
  type: z.literal("incident.closed"),
  time,
  incidentId: id("incident id"),
}).describe("The incident is over at the AMK");

export const unitStatusSchema = z
  .strictObject({
    id: eventIdSchema,
    type: z.literal("unit.status"),
    time,
    unitId: id("unit id"),
    status: z.enum(UNIT_STATUSES),
    incidentId: id("incident id").optional(),
  })
  .describe("A unit's status; alerted, en-route, at-scene, transporting and at-destination name the incident (incidentId), the others must not")
  .superRefine((event, context) => {
    const mission = isMissionStatus(event.status);
    if (mission && event.incidentId === undefined) context.addIssue({ code: "custom", path: ["incidentId"], message: `status ${event.status} names the incident the unit works on` });
    if (!mission && event.incidentId !== undefined) context.addIssue({ code: "custom", path: ["incidentId"], message: `status ${event.status} has no incident` });
  });

export const unitPositionSchema = z.strictObject({
  id: eventIdSchema,
  type: z.literal("unit.position"),
  time,
  unitId: id("unit id"),
  lat,
  lon,
}).describe("A unit's position (WGS84)");

export const liveEventSchema = z.discriminatedUnion("type", [incidentCreatedSchema, incidentClosedSchema, unitStatusSchema, unitPositionSchema]);

export type IncidentCreated = z.infer<typeof incidentCreatedSchema>;
export type IncidentClosed = z.infer<typeof incidentClosedSchema>;
export type UnitStatusEvent = z.infer<typeof unitStatusSchema>;
export type UnitPosition = z.infer<typeof unitPositionSchema>;
export type LiveEvent = z.infer<typeof liveEventSchema>;

/** The events as JSON Schema (for the OpenAPI document): what `liveEventSchema` checks, except the incidentId rule of statuses, which the description states. */
export const LIVE_EVENT_JSON_SCHEMA: Record<string, unknown> = (() => {
  const { $schema: _, ...schema } = z.toJSONSchema(liveEventSchema, { io: "input" }) as Record<string, unknown>;
  return schema;
})();
