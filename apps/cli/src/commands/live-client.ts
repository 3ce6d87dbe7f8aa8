import { UsageError } from "../io/user-error.js";

/** The live API's answer to POST /api/live/events (docs/live.md). */
export interface LiveAck {
  accepted: number;
  duplicates: number;
  refused: Array<{ id: string; reason: string }>;
}

export interface PostOptions {
  /** Tries for one batch when the server cannot be reached or answers 429/5xx. */
  attempts: number;
  /** Wait before the second try; doubled for each further one. */
  firstBackoffMs: number;
  /** Per request. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
}

export const DEFAULT_POST_OPTIONS: PostOptions = {
  attempts: 5,
  firstBackoffMs: 250,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  fetch: (...args) => fetch(...args),
};

/** The server's `error` text, bounded, for a refusal message; never the whole body. */
async function serverReason(response: Response): Promise<string> {
  const text = (await response.text().catch(() => "")).slice(0, 2000);
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const reason = typeof body.error === "string" ? body.error : typeof body.message === "string" ? body.message : "";
    return reason.slice(0, 200);
  } catch {
    return "";
  }
}

function isAck(value: unknown): value is LiveAck {
  const ack = value as Partial<LiveAck> | null;
  return (
    typeof ack === "object" &&
    ack !== null &&
    typeof ack.accepted === "number" &&
    typeof ack.duplicates === "number" &&
    Array.isArray(ack.refused) &&
    ack.refused.every((entry) => typeof entry === "object" && entry !== null && typeof entry.id === "string" && typeof entry.reason === "string")
  );
}

/**
 * Posts one batch of events to `${server}/api/live/events` with the bearer token (none: a local server
 * started without tokens). Retries what may
 * pass later (no connection, timeout, 429, 5xx) with a doubling pause; a wrong token, a viewer's
 * token, a server without the live API and a refused batch are user errors at once.
 */
export async function postEvents(server: URL, token: string | undefined, events: readonly unknown[], options: PostOptions = DEFAULT_POST_OPTIONS): Promise<LiveAck> {
  const url = new URL("api/live/events", server.href.endsWith("/") ? server : new URL(`${server.href}/`));
  let lastProblem = "";
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await options.sleep(options.firstBackoffMs * 2 ** (attempt - 2));
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: "POST",
        headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), "content-type": "application/json" },
        body: JSON.stringify(events),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause;
      lastProblem = typeof cause?.code === "string" ? cause.code : error instanceof Error && error.name === "TimeoutError" ? `no answer within ${options.timeoutMs / 1000} s` : "no connection";
      continue;
    }
    if (response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      if (!isAck(body)) throw new UsageError(`${server.origin} answered POST /api/live/events with something that is not the live API's acknowledgement; is it an Akutt server started with --live?`);
      return body;
    }
    if (response.status === 401) throw new UsageError(`the live server at ${server.origin} refused the token (401): check --token`);
    if (response.status === 403) throw new UsageError(`the token may not post events at ${server.origin} (403): a viewer token cannot, use a dispatcher token`);
    if (response.status === 404) throw new UsageError(`no live API at ${server.origin} (404 for /api/live/events): start the server with akutt serve --live SCENARIO`);
    if (response.status === 429 || response.status >= 500) {
      lastProblem = `HTTP ${response.status}`;
      await response.body?.cancel();
      continue;
    }
    const reason = await serverReason(response);
    throw new UsageError(`the live server at ${server.origin} refused a batch of ${events.length} events (HTTP ${response.status})${reason === "" ? "" : `: ${reason}`}`);
  }
  throw new UsageError(`cannot reach the live server at ${server.origin} after ${options.attempts} tries (${lastProblem})`);
}

export interface PaceClock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface ReplayProgress {
  sent: number;
  accepted: number;
  duplicates: number;
  refusedCount: number;
  /** The first 1,000 refusals, for the summary. */
  refused: Array<{ id: string; reason: string }>;
}

/**
 * Sends events in time order at `speed` simulated seconds per wall second: an event at simSec goes
 * when (simSec − fromSec) / speed seconds have passed since the start (events before fromSec, the
 * state at the start, go at once). Each batch holds the events due, at most maxBatch; speed Infinity
 * sends everything as fast as the server acknowledges.
 */
export async function paceEvents(
  events: ReadonlyArray<{ simSec: number; event: unknown }>,
  options: { fromSec: number; speed: number; maxBatch: number; clock: PaceClock; send: (batch: unknown[]) => Promise<LiveAck>; onBatch?: (progress: ReplayProgress, simSec: number) => void },
): Promise<ReplayProgress> {
  const progress: ReplayProgress = { sent: 0, accepted: 0, duplicates: 0, refusedCount: 0, refused: [] };
  const startMs = options.clock.now();
  const dueAtMs = (simSec: number) => startMs + (Math.max(0, simSec - options.fromSec) * 1000) / options.speed;
  let next = 0;
  while (next < events.length) {
    const waitMs = dueAtMs(events[next]!.simSec) - options.clock.now();
    if (waitMs > 0) await options.clock.sleep(waitMs);
    const nowMs = options.clock.now();
    let end = next + 1;
    while (end < events.length && end - next < options.maxBatch && dueAtMs(events[end]!.simSec) <= nowMs) end++;
    const batch = events.slice(next, end).map(({ event }) => event);
    const ack = await options.send(batch);
    progress.sent += batch.length;
    progress.accepted += ack.accepted;
    progress.duplicates += ack.duplicates;
    progress.refusedCount += ack.refused.length;
    // Bounded: the reasons are summarised at the end, a few examples suffice.
    for (const refusal of ack.refused) if (progress.refused.length < 1000) progress.refused.push(refusal);
    options.onBatch?.(progress, events[end - 1]!.simSec);
    next = end;
  }
  return progress;
}
