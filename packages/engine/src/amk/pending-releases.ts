/**
 * Operators' releases (end of a call or task) held back from the event queue, per AMK. A release
 * while no work waits only lowers the busy count, which nothing reads before the AMK is next
 * touched; so such a release keeps the sequence number it would have had in the queue and is applied
 * when the AMK is next touched (or pushed into the queue under that number once work waits). The
 * order of everything else is then exactly as if it had been an event.
 */
export class PendingReleases {
  private readonly times: Float64Array[];
  private readonly sequences: Float64Array[];
  private readonly counts: Int32Array;

  constructor(amks: number) {
    this.times = Array.from({ length: amks }, () => new Float64Array(16));
    this.sequences = Array.from({ length: amks }, () => new Float64Array(16));
    this.counts = new Int32Array(amks);
  }

  count(amk: number): number {
    return this.counts[amk]!;
  }

  /** Adds a release; each AMK's list is kept sorted latest first, so the earliest is at the end. */
  add(amk: number, timeSec: number, sequence: number): void {
    let n = this.counts[amk]!;
    if (n === this.times[amk]!.length) this.grow(amk);
    const times = this.times[amk]!;
    const sequences = this.sequences[amk]!;
    while (n > 0 && (times[n - 1]! < timeSec || (times[n - 1] === timeSec && sequences[n - 1]! < sequence))) {
      times[n] = times[n - 1]!;
      sequences[n] = sequences[n - 1]!;
      n--;
    }
    times[n] = timeSec;
    sequences[n] = sequence;
    this.counts[amk]!++;
  }

  /** Whether the AMK's earliest release comes before the event at (timeSec, sequence) in the queue's order. */
  earliestBefore(amk: number, timeSec: number, sequence: number): boolean {
    const n = this.counts[amk]!;
    if (n === 0) return false;
    const time = this.times[amk]![n - 1]!;
    return time < timeSec || (time === timeSec && this.sequences[amk]![n - 1]! < sequence);
  }

  /** Removes the AMK's earliest release; returns its time. */
  takeEarliest(amk: number): number {
    const n = --this.counts[amk]!;
    return this.times[amk]![n]!;
  }

  /** Sequence number of the release takeEarliest would remove. */
  earliestSequence(amk: number): number {
    return this.sequences[amk]![this.counts[amk]! - 1]!;
  }

  private grow(amk: number): void {
    const times = new Float64Array(this.times[amk]!.length * 2);
    const sequences = new Float64Array(times.length);
    times.set(this.times[amk]!);
    sequences.set(this.sequences[amk]!);
    this.times[amk] = times;
    this.sequences[amk] = sequences;
  }
}
