import { holdsFodselsnummer, IDENTIFYING_HEADER } from "@akutt/warehouse/privacy";
import { eventIdSchema, ID_PATTERN, liveEventSchema, MAX_ID_LENGTH, type LiveEvent } from "./schema.js";

/** An event as posted, checked: the event, or why it is refused and the id to report it under. */
export type ParsedEvent = { ok: true; event: LiveEvent } | { ok: false; id: string; reason: string };

/** Nesting of a valid event is at most 3 (event → location → lat); anything deeper is refused unread. */
const MAX_DEPTH = 4;

/**
 * Checks one posted event: first for patient identifiers (a field named like a name, contact detail
 * or free text; any value holding a fødselsnummer), then against the strict schema. `index` is its
 * place in the posted list, used as its name when it has no usable id. Reasons never quote values.
 */
export function parseLiveEvent(raw: unknown, index: number): ParsedEvent {
  const id = reportedId(raw, index);
  const privacy = identifierProblem(raw, "", 0);
  if (privacy) return { ok: false, id, reason: privacy };
  const parsed = liveEventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.length ? issue.path.map(String).map(safeName).join(".") : "event"}: ${issue.message}`);
  return { ok: false, id, reason: `invalid event: ${issues.join("; ")}` };
}

/** The event's own id when it is a valid one that is no identity number, else its place in the list. */
function reportedId(raw: unknown, index: number): string {
  const value = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>).id : undefined;
  return eventIdSchema.safeParse(value).success && !holdsFodselsnummer(value as string) ? (value as string) : `#${index}`;
}

/** A field name as it may appear in a reason: only when it is a plain code, so a reason never carries text a client wrote. */
function safeName(name: string): string {
  return name.length <= MAX_ID_LENGTH && ID_PATTERN.test(name) ? name : "(field)";
}

function identifierProblem(value: unknown, path: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return "invalid event: nested deeper than an event can be";
  if (typeof value === "string") return holdsFodselsnummer(value) ? `${path || "event"} holds what looks like a national identity number (fødselsnummer); events carry no patient identifiers` : undefined;
  // A number loses an identity number's leading zero (born on days 1–9): read it padded to 11 digits too.
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 && holdsFodselsnummer(String(value).padStart(11, "0")) ? `${path || "event"} holds what looks like a national identity number (fødselsnummer); events carry no patient identifiers` : undefined;
  if (value === null || typeof value !== "object") return undefined;
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const field = path ? `${path}.${safeName(key)}` : safeName(key);
    if (!Array.isArray(value) && IDENTIFYING_HEADER.test(key)) return `${field} is no field of the event contract: events carry no names, contact details or free text`;
    const problem = identifierProblem(item, field, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
