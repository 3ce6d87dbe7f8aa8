import type { EventQueue } from "../events/event-queue.js";
import type { RandomSource } from "../random/random.js";

/**
 * The AMK's Poisson arrival streams (background calls, the study area's calls that send no unit,
 * tasks), kept out of the event queue: each stream holds only its next arrival, under the sequence
 * number its event would have had when pushed, and the simulation loop takes the earliest stream
 * when it comes before the queue's next event by (time, sequence). The order of everything is then
 * exactly as if each arrival were an event, while the heap no longer carries these ~100,000 events
 * a year (each a push and a pop through the whole heap).
 */
export class ArrivalStreams {
  /** Per stream: the event kind and subject its owner handles the arrival as. */
  readonly kinds: Uint8Array;
  readonly subjects: Int32Array;
  /** Per stream: its next arrival (Infinity when none is left before its end) and that arrival's sequence number. */
  private readonly times: Float64Array;
  private readonly sequences: Float64Array;
  private readonly perHour: Float64Array[];
  private readonly randoms: RandomSource[];
  private readonly startSecs: Float64Array;
  private readonly endSecs: Float64Array;
  private readonly queue: EventQueue;
  private readonly hourOfWeekByHour: ArrayLike<number>;
  private readonly horizonSec: number;
  /** The earliest stream by (time, sequence): its index (−1 when none), time and sequence number. */
  earliest = -1;
  nextSec = Infinity;
  nextSequence = Infinity;

  constructor(
    streams: ReadonlyArray<{ kind: number; subject: number; perHour: Float64Array; random: RandomSource; startSec?: number; endSec: number }>,
    queue: EventQueue,
    hourOfWeekByHour: ArrayLike<number>,
    horizonSec: number,
  ) {
    this.kinds = Uint8Array.from(streams, (s) => s.kind);
    this.subjects = Int32Array.from(streams, (s) => s.subject);
    this.times = new Float64Array(streams.length).fill(Infinity);
    this.sequences = new Float64Array(streams.length).fill(Infinity);
    this.perHour = streams.map((s) => s.perHour);
    this.randoms = streams.map((s) => s.random);
    this.startSecs = Float64Array.from(streams, (s) => s.startSec ?? 0);
    this.endSecs = Float64Array.from(streams, (s) => s.endSec);
    this.queue = queue;
    this.hourOfWeekByHour = hourOfWeekByHour;
    this.horizonSec = horizonSec;
  }

  /** Draws every stream's first arrival after its start, in stream order (which fixes their sequence numbers). */
  start(): void {
    for (let k = 0; k < this.startSecs.length; k++) this.scheduleNext(k, this.startSecs[k]!);
  }

  /**
   * Draws the stream's next arrival after `fromSec`; the rate is constant within each simulated hour
   * (by local hour of week), so an exponential amount of "rate time" is spent hour by hour, which is
   * exact for a piecewise-constant rate. None at or after the stream's end: the stream then waits no more.
   */
  scheduleNext(stream: number, fromSec: number): void {
    const perHour = this.perHour[stream]!;
    let remaining = -Math.log(this.randoms[stream]!.next());
    let t = fromSec;
    const end = Math.min(this.endSecs[stream]!, this.horizonSec);
    let next = Infinity;
    while (t < end) {
      const hour = Math.floor(t / 3600);
      const hourEnd = Math.min(end, (hour + 1) * 3600);
      const ratePerSec = perHour[this.hourOfWeekByHour[hour]!]! / 3600;
      if (ratePerSec > 0) {
        const needSec = remaining / ratePerSec;
        if (t + needSec < hourEnd) {
          next = t + needSec;
          break;
        }
        remaining -= ratePerSec * (hourEnd - t);
      }
      t = hourEnd;
    }
    this.times[stream] = next;
    // The sequence number is taken only when the event would have been pushed, so every other event's stays the same.
    this.sequences[stream] = next === Infinity ? Infinity : this.queue.reserveSequences(1);
    this.findEarliest();
  }

  /** A handful of streams (a few per AMK): a scan is cheaper than any heap. */
  private findEarliest(): void {
    let best = -1;
    let bestSec = Infinity;
    let bestSequence = Infinity;
    for (let k = 0; k < this.times.length; k++) {
      const time = this.times[k]!;
      if (time < bestSec || (time === bestSec && time !== Infinity && this.sequences[k]! < bestSequence)) {
        best = k;
        bestSec = time;
        bestSequence = this.sequences[k]!;
      }
    }
    this.earliest = best;
    this.nextSec = bestSec;
    this.nextSequence = bestSequence;
  }
}
