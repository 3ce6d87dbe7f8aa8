import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Scenario } from "@akutt/model";
import { AuditLog, type AuditRecord } from "../audit/audit.js";
import { parseLiveEvent } from "../events/parse.js";
import type { Poster, ReceivedEvent } from "../events/received.js";
import { AppendLog } from "../log/append-log.js";
import { AUDIT_FILE, EVENTS_FILE, readEventLog } from "../log/event-log.js";
import { readLines } from "../log/read-lines.js";
import { EventLedger, type OutcomeChange } from "../state/ledger.js";
import type { LiveIncident, LiveStateView, LiveUnit } from "../state/live-state.js";
import { liveScenarioOf, scenarioProblem, type LiveScenario } from "../state/scenario.js";
import { releaseLock, takeLock } from "./lock.js";

/** Events in one post at most. */
export const MAX_EVENTS_PER_POST = 1000;
/**
 * A late event is placed in time order and every event after it is folded again, on the server's
 * event loop; so an event with more than this many received events after its place is refused. A
 * post's fold then replays at most this many events, the post's own and up to CHECKPOINT_EVERY from
 * the checkpoint before (docs/live.md, "Time order"). At the benchmark's 100
 * events a second this is 20 s of lateness; at an AMK's few events a minute, hours.
 */
export const MAX_LATE_EVENTS = 2000;
/**
 * An event stamped more than this ahead of the server's clock is refused: a sender whose clock runs
 * ahead would otherwise move the state's time (asOf, the page's "now") into the future, and every
 * event stamped correctly after it would count as late. Two minutes allow for clocks that are
 * synchronised (NTP) but not exactly.
 */
export const MAX_CLOCK_AHEAD_SEC = 120;

/** The answer to a post: counts, and every refused event with its reason. */
export interface PostResult {
  accepted: number;
  duplicates: number;
  refused: Array<{ id: string; reason: string }>;
  /** Events received earlier whose outcome this post changed (a late event placed before them). */
  changed: OutcomeChange[];
}

/** What changed in the state with one post: the units and incidents (closed ones too) whose record changed. */
export interface LiveDelta {
  asOf: string | null;
  units: LiveUnit[];
  incidents: LiveIncident[];
  changed: OutcomeChange[];
}

export interface LiveServiceOptions {
  scenario: Scenario;
  /** The live folder: events.jsonl, audit.jsonl and the lock. */
  dir: string;
  /** Server clock (tests pass a fixed one). */
  now?: () => Date;
}

/**
 * The live store: the ledger of events, rebuilt from the event log on start, and the logs. Posts
 * are handled one after another: each is checked, folded into a plan, written to the event log and
 * synced, and only then committed and answered.
 */
export class LiveService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(delta: LiveDelta) => void>();
  private nextSeq: number;
  /** What the start found: events read back, and any torn last line cut off (also in the audit log). */
  startNote = "";

  private constructor(
    readonly scenario: Scenario,
    readonly liveScenario: LiveScenario,
    readonly dir: string,
    readonly ledger: EventLedger,
    private readonly events: AppendLog,
    private readonly auditLog: AuditLog,
    private readonly now: () => Date,
  ) {
    this.nextSeq = ledger.entries.reduce((max, entry) => Math.max(max, entry.received.seq), 0) + 1;
  }

  static async open(options: LiveServiceOptions): Promise<LiveService> {
    const now = options.now ?? (() => new Date());
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    await takeLock(options.dir);
    try {
      const liveScenario = liveScenarioOf(options.scenario);
      const eventsPath = join(options.dir, EVENTS_FILE);
      const { received, tornBytes } = await readEventLog(eventsPath, liveScenario);
      const auditTorn = (await readLines(join(options.dir, AUDIT_FILE))).tornBytes;
      const ledger = EventLedger.of(liveScenario, received);
      const service = new LiveService(options.scenario, liveScenario, options.dir, ledger, await AppendLog.open(eventsPath), await AuditLog.open(join(options.dir, AUDIT_FILE)), now);
      const torn = [tornBytes > 0 ? `a torn last line of ${EVENTS_FILE} (${tornBytes} bytes, never acknowledged) was cut off` : "", auditTorn > 0 ? `a torn last line of ${AUDIT_FILE} (${auditTorn} bytes) was cut off` : ""].filter(Boolean).join("; ");
      service.startNote = `${received.length} events read back from ${EVENTS_FILE}${torn ? `; ${torn}` : ""}`;
      await service.audit({ who: "server", amk: null, role: null, method: "START", route: "", status: 0, accepted: received.length, note: `started: ${service.startNote}` });
      return service;
    } catch (error) {
      await releaseLock(options.dir);
      throw error;
    }
  }

  view(): LiveStateView {
    return this.ledger.state.view();
  }

  /** Listens to every committed change; returns the function that stops listening. */
  subscribe(listener: (delta: LiveDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Checks, logs and folds posted events (at most MAX_EVENTS_PER_POST; the caller bounds the list).
   * Refused before the log: events that fail the schema or the privacy check, name what the
   * scenario lacks, reuse an id for a different event, are stamped more than MAX_CLOCK_AHEAD_SEC ahead of the
   * server's clock, or land more than MAX_LATE_EVENTS back. Logged: every other event, then folded
   * in time order, where some may be refused (a transition not allowed, a closed incident). The
   * promise resolves after the log is on disk; if the write fails nothing is committed.
   */
  post(raws: readonly unknown[], by: Poster): Promise<PostResult> {
    const run = this.queue.then(() => this.postNow(raws, by));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async postNow(raws: readonly unknown[], by: Poster): Promise<PostResult> {
    const refused: PostResult["refused"] = [];
    let duplicates = 0;
    const batch: ReceivedEvent[] = [];
    const inBatch = new Map<string, string>();
    const nowMs = this.now().getTime();
    const receivedAt = new Date(nowMs).toISOString();
    raws.forEach((raw, i) => {
      const parsed = parseLiveEvent(raw, i);
      if (!parsed.ok) return refused.push({ id: parsed.id, reason: parsed.reason });
      const { event } = parsed;
      const problem = scenarioProblem(event, this.liveScenario, by);
      if (problem) return refused.push({ id: event.id, reason: problem });
      const text = JSON.stringify(event);
      const earlier = this.ledger.get(event.id)?.received.event;
      const seen = earlier ? JSON.stringify(earlier) : inBatch.get(event.id);
      if (seen !== undefined) {
        if (seen === text) duplicates++;
        else refused.push({ id: event.id, reason: `event id ${event.id} was already used for a different event` });
        return;
      }
      const aheadSec = (Date.parse(event.time) - nowMs) / 1000;
      if (aheadSec > MAX_CLOCK_AHEAD_SEC) return refused.push({ id: event.id, reason: `time ${event.time} is ${aheadSec} s ahead of the server's clock (${receivedAt}); at most ${MAX_CLOCK_AHEAD_SEC} s is allowed: check the sender's clock` });
      const after = this.ledger.entriesAfter(event);
      if (after > MAX_LATE_EVENTS) return refused.push({ id: event.id, reason: `too late: ${after} events received so far lie after its time ${event.time}; an event may land at most ${MAX_LATE_EVENTS} events back` });
      inBatch.set(event.id, text);
      batch.push({ seq: this.nextSeq + batch.length, receivedAt, by: { name: by.name, amk: by.amk }, event });
    });
    const plan = this.ledger.plan(batch);
    await this.events.append(batch);
    this.nextSeq += batch.length;
    const before = this.ledger.state;
    this.ledger.commit(plan);
    let accepted = 0;
    for (const received of batch) {
      const refusal = plan.outcomes.get(received.event.id);
      if (refusal === undefined) accepted++;
      else refused.push({ id: received.event.id, reason: refusal });
    }
    if (batch.length > 0) this.notify(before, plan.changed);
    return { accepted, duplicates, refused, changed: [...plan.changed] };
  }

  /** Appends an audit line (time filled in); resolves once it is on disk. */
  audit(record: Omit<AuditRecord, "time">): Promise<void> {
    return this.auditLog.record({ time: this.now().toISOString(), ...record });
  }

  async close(): Promise<void> {
    await this.queue;
    await this.events.close();
    await this.auditLog.close();
    await releaseLock(this.dir);
  }

  private notify(before: EventLedger["state"], changed: readonly OutcomeChange[]): void {
    if (this.listeners.size === 0) return;
    const after = this.ledger.state;
    const differs = <T>(a: T | undefined, b: T) => a !== b && (a === undefined || JSON.stringify(a) !== JSON.stringify(b));
    const units = [...after.units.values()].filter((unit) => differs(before.units.get(unit.unitId), unit));
    const incidents = [...after.incidents.values()].filter((incident) => differs(before.incidents.get(incident.incidentId), incident));
    if (units.length === 0 && incidents.length === 0 && changed.length === 0) return;
    const delta: LiveDelta = { asOf: after.asOf, units, incidents, changed: [...changed] };
    for (const listener of this.listeners) listener(delta);
  }
}
