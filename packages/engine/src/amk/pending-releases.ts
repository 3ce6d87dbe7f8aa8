/**
 * One AMK's operators' releases (end of a call or task) held back from the event queue. A release
 * while no work waits only lowers the busy count, which nothing reads before the AMK is next
 * touched; so such a release keeps the sequence number it would have had in the queue and is applied
 * when the AMK is next touched (or pushed into the queue under that number once work waits). The
 * order of everything else is then exactly as if it had been an event.
 */
export class PendingReleases {
  /** Sorted latest first, so the earliest is at the end. */
  private times = new Float64Array(16);
  private sequences = new Float64Array(16);
  count = 0;

  add(timeSec: number, sequence: number): void {
    let n = this.count;
    if (n === this.times.length) this.grow();
    const times = this.times;
    const sequences = this.sequences;
    while (n > 0 && (times[n - 1]! < timeSec || (times[n - 1] === timeSec && sequences[n - 1]! < sequence))) {
      times[n] = times[n - 1]!;
      sequences[n] = sequences[n - 1]!;
      n--;
    }
    times[n] = timeSec;
    sequences[n] = sequence;
    this.count++;
  }

  /** Whether the earliest release comes before the event at (timeSec, sequence) in the queue's order. */
  earliestBefore(timeSec: number, sequence: number): boolean {
    const n = this.count;
    if (n === 0) return false;
    const time = this.times[n - 1]!;
    return time < timeSec || (time === timeSec && this.sequences[n - 1]! < sequence);
  }

  /** Removes the earliest release; returns its time. */
  takeEarliest(): number {
    return this.times[--this.count]!;
  }

  /** Sequence number of the release takeEarliest would remove. */
  earliestSequence(): number {
    return this.sequences[this.count - 1]!;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const sequences = new Float64Array(times.length);
    times.set(this.times);
    sequences.set(this.sequences);
    this.times = times;
    this.sequences = sequences;
  }
}
