import { z } from "zod";
import { liveEventSchema, MAX_ID_LENGTH } from "../events/schema.js";
import type { ReceivedEvent } from "../events/received.js";
import { scenarioProblem, type LiveScenario } from "../state/scenario.js";
import { readLines } from "./read-lines.js";

/** File names in the live folder (--live-dir). */
export const EVENTS_FILE = "events.jsonl";
export const AUDIT_FILE = "audit.jsonl";

const receivedSchema = z.strictObject({
  seq: z.number().int().positive(),
  receivedAt: z.iso.datetime(),
  by: z.strictObject({ name: z.string().min(1).max(MAX_ID_LENGTH), amk: z.string().min(1).max(MAX_ID_LENGTH) }),
  event: liveEventSchema,
});

/** The event log cannot be read back: a damaged line (not the last), or events the scenario does not know. */
export class LiveLogError extends Error {
  readonly isUserError = true;
  constructor(message: string) {
    super(message);
    this.name = "LiveLogError";
  }
}

/**
 * Reads the events log back (docs/live.md, "Log and recovery"): every line one received event, as
 * written before it was acknowledged. A torn last line is cut off (it was never acknowledged); any
 * other damage, or an event for a unit, zone or AMK the scenario lacks (the log of another
 * scenario), stops the start with the line named.
 */
export async function readEventLog(path: string, scenario: LiveScenario): Promise<{ received: ReceivedEvent[]; tornBytes: number }> {
  const { lines, tornBytes } = await readLines(path);
  const received: ReceivedEvent[] = [];
  const ids = new Set<string>();
  lines.forEach((line, i) => {
    const where = `${path}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new LiveLogError(`${where}: not a JSON line; the event log is damaged (move it away to start an empty one)`);
    }
    const parsed = receivedSchema.safeParse(value);
    if (!parsed.success) throw new LiveLogError(`${where}: not a received event (${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`).join("; ")}); the event log is damaged`);
    const record = parsed.data;
    if (ids.has(record.event.id)) throw new LiveLogError(`${where}: event id ${record.event.id} is in the log twice; the event log is damaged`);
    ids.add(record.event.id);
    const problem = scenarioProblem(record.event, scenario, record.by);
    if (problem) throw new LiveLogError(`${where}: ${problem}; the log was written with another scenario: start with that scenario or another --live-dir`);
    received.push(record);
  });
  return { received, tornBytes };
}
