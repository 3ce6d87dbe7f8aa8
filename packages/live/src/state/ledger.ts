import { MISSION_STATUSES, UNIT_STATUSES, type LiveEvent } from "../events/schema.js";
import type { ReceivedEvent } from "../events/received.js";
import { LiveState } from "./live-state.js";
import type { LiveScenario } from "./scenario.js";

/** A received event in the ledger: accepted (`refusal` undefined) or refused, as decided by the fold in time order. */
export interface LedgerEntry {
  readonly received: ReceivedEvent;
  readonly refusal: string | undefined;
  readonly timeMs: number;
}

/** An event whose outcome changed because an earlier event (in time) arrived late. */
export interface OutcomeChange {
  id: string;
  /** The refusal before (undefined: it was accepted). */
  before: string | undefined;
  after: string | undefined;
}

/** The ledger as it would be with a batch added; nothing changes until `commit`. */
export interface LedgerPlan {
  /** The ledger version (its entries) the plan was made from. */
  readonly base: readonly LedgerEntry[];
  readonly entries: readonly LedgerEntry[];
  readonly checkpoints: readonly Checkpoint[];
  readonly state: LiveState;
  /** Refusal (or undefined: accepted) of each event of the batch, by event id. */
  readonly outcomes: ReadonlyMap<string, string | undefined>;
  /** Events received before whose outcome the batch changed. */
  readonly changed: readonly OutcomeChange[];
  /** The entries the batch added or whose outcome changed. */
  readonly updated: readonly LedgerEntry[];
}

interface Checkpoint {
  /** The state before entries[index]. */
  readonly index: number;
  readonly state: LiveState;
}

/** A copy of the state is kept every this many events, so a late event refolds only from the copy before it. */
export const CHECKPOINT_EVERY = 256;

const TYPE_ORDER: Readonly<Record<LiveEvent["type"], number>> = { "incident.created": 0, "unit.status": 1, "unit.position": 2, "incident.closed": 3 };
/** Among statuses at the same instant, the mission's own order first, then free and out of service (a unit at destination that reports free in the same second). */
const STATUS_ORDER = new Map<string, number>([...MISSION_STATUSES, ...UNIT_STATUSES.filter((status) => !(MISSION_STATUSES as readonly string[]).includes(status))].map((status, i) => [status, i]));

/**
 * The order events are applied in, from their content only (so any arrival order folds the same):
 * time; at the same instant incidents are created first and closed last, a unit's statuses follow
 * the mission's order; then the event id.
 */
export function compareEvents(a: LiveEvent, aMs: number, b: LiveEvent, bMs: number): number {
  if (aMs !== bMs) return aMs - bMs;
  const type = TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
  if (type !== 0) return type;
  if (a.type === "unit.status" && b.type === "unit.status") {
    const status = STATUS_ORDER.get(a.status)! - STATUS_ORDER.get(b.status)!;
    if (status !== 0) return status;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const compareEntries = (a: LedgerEntry, b: LedgerEntry) => compareEvents(a.received.event, a.timeMs, b.received.event, b.timeMs);

/**
 * Every received event in time order with its outcome, and the state they fold to. The state is a
 * function of the set of events alone: a late event is placed in order and the events after it are
 * folded again (from the nearest checkpoint), which may change their outcomes (reported as `changed`).
 */
export class EventLedger {
  private readonly byId = new Map<string, LedgerEntry>();
  private entriesNow: readonly LedgerEntry[] = [];
  private checkpoints: readonly Checkpoint[];
  private stateNow: LiveState;

  private constructor(readonly scenario: LiveScenario) {
    this.stateNow = LiveState.initial(scenario);
    this.checkpoints = [{ index: 0, state: this.stateNow.clone() }];
  }

  static empty(scenario: LiveScenario): EventLedger {
    return new EventLedger(scenario);
  }

  /** The ledger of events read back from the log (in any order). */
  static of(scenario: LiveScenario, received: readonly ReceivedEvent[]): EventLedger {
    const ledger = new EventLedger(scenario);
    if (received.length > 0) ledger.commit(ledger.plan(received));
    return ledger;
  }

  /** The state folded from the accepted events. Read only: it changes only through `commit`. */
  get state(): LiveState {
    return this.stateNow;
  }

  get entries(): readonly LedgerEntry[] {
    return this.entriesNow;
  }

  get(id: string): LedgerEntry | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.entriesNow.length;
  }

  /** The ledger with `batch` (events with ids not in it, distinct) added; nothing changes until `commit`. */
  plan(batch: readonly ReceivedEvent[]): LedgerPlan {
    const entries = this.entriesNow;
    const added = batch.map((received): LedgerEntry => ({ received, refusal: undefined, timeMs: Date.parse(received.event.time) })).sort(compareEntries);
    const merged: LedgerEntry[] = [];
    let start = -1;
    for (let i = 0, j = 0; i < entries.length || j < added.length; ) {
      if (j < added.length && (i >= entries.length || compareEntries(added[j]!, entries[i]!) < 0)) {
        if (start < 0) start = merged.length;
        merged.push(added[j++]!);
      } else merged.push(entries[i++]!);
    }
    if (start < 0) return { base: entries, entries, checkpoints: this.checkpoints, state: this.stateNow, outcomes: new Map(), changed: [], updated: [] };

    // The last checkpoint at or before the first new event; later ones are stale.
    let keep = 0;
    while (keep + 1 < this.checkpoints.length && this.checkpoints[keep + 1]!.index <= start) keep++;
    const checkpoints = this.checkpoints.slice(0, keep + 1);
    const from = checkpoints[keep]!;
    const state = from.state.clone();
    const isNew = new Set(batch.map((received) => received.event.id));
    const outcomes = new Map<string, string | undefined>();
    const changed: OutcomeChange[] = [];
    const updated: LedgerEntry[] = [];
    for (let i = from.index; i < merged.length; i++) {
      if (i > from.index && i % CHECKPOINT_EVERY === 0) checkpoints.push({ index: i, state: state.clone() });
      const entry = merged[i]!;
      const refusal = state.apply(entry.received);
      const id = entry.received.event.id;
      if (isNew.has(id)) outcomes.set(id, refusal);
      else if (refusal !== entry.refusal) changed.push({ id, before: entry.refusal, after: refusal });
      if (isNew.has(id) || refusal !== entry.refusal) {
        merged[i] = { ...entry, refusal };
        updated.push(merged[i]!);
      }
    }
    return { base: entries, entries: merged, checkpoints, state, outcomes, changed, updated };
  }

  /** Makes a plan of this ledger (and of no later version of it) the ledger's content. */
  commit(plan: LedgerPlan): void {
    if (plan.base !== this.entriesNow) throw new Error("a ledger plan is committed on the ledger version it was made from");
    if (plan.entries === this.entriesNow) return;
    for (const entry of plan.updated) this.byId.set(entry.received.event.id, entry);
    this.entriesNow = plan.entries;
    this.checkpoints = plan.checkpoints;
    this.stateNow = plan.state;
  }
}
