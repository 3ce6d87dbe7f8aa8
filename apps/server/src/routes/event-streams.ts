/** Open progress streams allowed at once by default: enough for a planning team's tabs, far below the socket limit. */
export const DEFAULT_MAX_EVENT_STREAMS = 64;

/**
 * Counts open server-sent event streams. A stream holds its socket (and a keep-alive timer) until
 * its job ends, which may take minutes; without a cap, a client opening streams in a loop would
 * exhaust sockets and memory while every request is small and authorised.
 */
export class EventStreamLimit {
  private open = 0;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxEventStreams must be a positive integer, got ${max}`);
  }

  get openCount(): number {
    return this.open;
  }

  /** Takes a slot, or returns undefined when all are taken; the release function is idempotent. */
  acquire(): (() => void) | undefined {
    if (this.open >= this.max) return undefined;
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
    };
  }
}
