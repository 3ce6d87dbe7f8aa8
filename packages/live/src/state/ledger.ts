import type { LiveEvent, UnitStatus } from "../events/schema.js";
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
  /** Entries folded to make the plan (from the checkpoint before the first new event): its cost. */
  readonly refolded: number;
}

interface Checkpoint {
  /** The state before entries[index]. */
  readonly index: number;
  readonly state: LiveState;
}

/** A copy of the state is kept every this many events, so a late event refolds only from the copy before it. */
export const CHECKPOINT_EVERY = 256;
/**
 * Checkpoints kept at full density at the end of the ledger (where late events land); further back
 * they are thinned (see `thinned`). Each copy holds every incident, so keeping them all would grow
 * with the square of the events.
 */
export const RECENT_CHECKPOINTS = 32;
const THINNING_FACTOR = 8;

const TYPE_ORDER: Readonly<Record<LiveEvent["type"], number>> = { "incident.created": 0, "unit.status": 1, "unit.position": 2, "incident.closed": 3 };
/**
 * Status cycle of a unit, for statuses it reports at the same instant: from its status before that
 * instant, the order that follows the cycle (at destination → free → out of service → … → alerted)
 * is tried first.
 */
const STATUS_CYCLE: readonly UnitStatus[] = ["alerted", "en-route", "at-scene", "transporting", "at-destination", "free-on-road", "free-at-station", "out-of-service"];
/** More statuses of one unit at one instant than this are applied in cycle order only (no search over orders). */
const MAX_ORDER_SEARCH = 4;

/**
 * The order of the ledger, from the events' content only (so any arrival order folds the same):
 * time; at the same instant incidents are created first, then unit statuses, positions, and
 * closures last; then the event id. Statuses of one unit at one instant are applied in the order
 * `applyInstant` chooses.
 */
export function compareEvents(a: LiveEvent, aMs: number, b: LiveEvent, bMs: number): number {
  if (aMs !== bMs) return aMs - bMs;
  const type = TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
  if (type !== 0) return type;
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
    if (added.length === 0) return { base: entries, entries, checkpoints: this.checkpoints, state: this.stateNow, outcomes: new Map(), changed: [], updated: [], refolded: 0 };
    // Entries before the first new one stay as they are; the rest are merged.
    const start = this.placeOf(added[0]!.received.event, added[0]!.timeMs);
    const merged: LedgerEntry[] = entries.slice(0, start);
    for (let i = start, j = 0; i < entries.length || j < added.length; ) {
      if (j < added.length && (i >= entries.length || compareEntries(added[j]!, entries[i]!) < 0)) merged.push(added[j++]!);
      else merged.push(entries[i++]!);
    }

    // The last checkpoint before the first new event (checkpoints sit at the start of an instant's
    // statuses; the new event may join the statuses of the instant just before it); later ones are stale.
    let keep = 0;
    while (keep + 1 < this.checkpoints.length && this.checkpoints[keep + 1]!.index < start) keep++;
    const checkpoints = this.checkpoints.slice(0, keep + 1);
    const from = checkpoints[keep]!;
    const state = from.state.clone();
    const isNew = new Set(batch.map((received) => received.event.id));
    const outcomes = new Map<string, string | undefined>();
    const changed: OutcomeChange[] = [];
    const updated: LedgerEntry[] = [];
    for (let i = from.index, lastCheckpoint = from.index; i < merged.length; ) {
      if (Math.floor(i / CHECKPOINT_EVERY) > Math.floor(lastCheckpoint / CHECKPOINT_EVERY)) {
        checkpoints.push({ index: i, state: state.clone() });
        lastCheckpoint = i;
      }
      const end = instantEnd(merged, i);
      const refusals = applyInstant(state, merged.slice(i, end));
      for (let k = i; k < end; k++) {
        const entry = merged[k]!;
        const refusal = refusals[k - i];
        const id = entry.received.event.id;
        if (isNew.has(id)) outcomes.set(id, refusal);
        else if (refusal !== entry.refusal) changed.push({ id, before: entry.refusal, after: refusal });
        if (isNew.has(id) || refusal !== entry.refusal) {
          merged[k] = { ...entry, refusal };
          updated.push(merged[k]!);
        }
      }
      i = end;
    }
    return { base: entries, entries: merged, checkpoints: thinned(checkpoints, merged.length), state, outcomes, changed, updated, refolded: merged.length - from.index };
  }

  /** How many entries lie after the place `event` would take in time order: what a plan adding it folds again, less its checkpoint's distance. */
  entriesAfter(event: LiveEvent): number {
    return this.entriesNow.length - this.placeOf(event, Date.parse(event.time));
  }

  /** Index at which an event goes: after every entry that precedes it in time order. */
  private placeOf(event: LiveEvent, timeMs: number): number {
    const entries = this.entriesNow;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareEvents(event, timeMs, entries[middle]!.received.event, entries[middle]!.timeMs) < 0) high = middle;
      else low = middle + 1;
    }
    return low;
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

/**
 * The checkpoints to keep: the first (the empty state), all within RECENT_CHECKPOINTS ×
 * CHECKPOINT_EVERY events of the end, and further back those on every 8th block, then every 64th,
 * and so on as the distance from the end passes 8, 64, … times that window. The rule only ever drops
 * a checkpoint as it ages, so the spacing stays geometric while events are appended: a late event
 * refolds a number of events proportional to how far back it lands, and some 30 copies are kept per
 * factor 8 of ledger length.
 */
function thinned(checkpoints: Checkpoint[], length: number): Checkpoint[] {
  const recent = RECENT_CHECKPOINTS * CHECKPOINT_EVERY;
  return checkpoints.filter((checkpoint, i) => {
    const fromEnd = length - checkpoint.index;
    if (i === 0 || fromEnd <= recent) return true;
    const level = Math.floor(Math.log(fromEnd / recent) / Math.log(THINNING_FACTOR)) + 1;
    return Math.floor(checkpoint.index / CHECKPOINT_EVERY) % THINNING_FACTOR ** level === 0;
  });
}

/** End (exclusive) of the run of entries applied together from `start`: the unit statuses of one instant, or the one entry. */
function instantEnd(entries: readonly LedgerEntry[], start: number): number {
  const first = entries[start]!;
  if (first.received.event.type !== "unit.status") return start + 1;
  let end = start + 1;
  while (end < entries.length && entries[end]!.timeMs === first.timeMs && entries[end]!.received.event.type === "unit.status") end++;
  return end;
}

/**
 * Applies entries that form one instant's run; returns each one's refusal. A unit's statuses at one
 * instant (a unit free and alerted again in the same second) are applied in the first order, by the
 * status cycle from the unit's status before, in which all are accepted; if none, in cycle order.
 * Units are taken in id order; the chosen order depends only on the events and the state, so the
 * fold stays a function of the set of events.
 */
function applyInstant(state: LiveState, entries: readonly LedgerEntry[]): Array<string | undefined> {
  if (entries.length === 1) return [state.apply(entries[0]!.received)];
  const byUnit = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const event = entry.received.event as Extract<LiveEvent, { type: "unit.status" }>;
    byUnit.set(event.unitId, [...(byUnit.get(event.unitId) ?? []), i]);
  });
  const refusals: Array<string | undefined> = new Array(entries.length);
  for (const unitId of [...byUnit.keys()].sort()) {
    const indices = byUnit.get(unitId)!;
    const before = state.units.get(unitId)!.status;
    const position = (i: number) => (STATUS_CYCLE.indexOf((entries[i]!.received.event as Extract<LiveEvent, { type: "unit.status" }>).status) - STATUS_CYCLE.indexOf(before) + STATUS_CYCLE.length) % STATUS_CYCLE.length;
    indices.sort((a, b) => position(a) - position(b) || a - b);
    const orders = indices.length > 1 && indices.length <= MAX_ORDER_SEARCH ? permutations(indices) : [indices];
    let chosen = orders[0]!;
    for (const order of orders.length > 1 ? orders : []) {
      if (state.acceptsAll(order.map((i) => entries[i]!.received))) {
        chosen = order;
        break;
      }
    }
    for (const i of chosen) refusals[i] = state.apply(entries[i]!.received);
  }
  return refusals;
}

/** All orders of a short list, the list's own order first, then in lexicographic order of positions. */
function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
