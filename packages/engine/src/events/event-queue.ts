/**
 * Binary min-heap of events ordered by (time, sequence): ties are broken by scheduling order,
 * so runs are deterministic. Struct-of-arrays storage keeps the hot loop free of allocation.
 */
export class EventQueue {
  private times: Float64Array;
  private sequences: Float64Array;
  private kinds: Uint8Array;
  private subjects: Int32Array;
  private versions: Int32Array;
  private length = 0;
  private nextSequence = 0;

  /** Fields of the event last returned by pop(). */
  time = 0;
  kind = 0;
  subject = 0;
  version = 0;
  /** Scheduling order of the event last returned by pop(): with `time`, its place among all events. */
  sequence = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.sequences = new Float64Array(initialCapacity);
    this.kinds = new Uint8Array(initialCapacity);
    this.subjects = new Int32Array(initialCapacity);
    this.versions = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.length;
  }

  peekTime(): number {
    return this.length > 0 ? this.times[0]! : Infinity;
  }

  push(time: number, kind: number, subject: number, version = 0): void {
    this.pushReserved(time, kind, subject, version, this.nextSequence++);
  }

  /**
   * Takes `count` sequence numbers now for events pushed later with pushReserved: they then order
   * among equal-time events exactly as if they had been pushed now, without sitting in the heap
   * meanwhile (a smaller heap makes every push and pop cheaper). Returns the first number.
   */
  reserveSequences(count: number): number {
    const first = this.nextSequence;
    this.nextSequence += count;
    return first;
  }

  /** Pushes an event under a sequence number from reserveSequences. */
  pushReserved(time: number, kind: number, subject: number, version: number, sequence: number): void {
    if (this.length === this.times.length) this.grow();
    let i = this.length++;
    const times = this.times;
    const sequences = this.sequences;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && sequences[parent]! < sequence)) break;
      this.move(parent, i);
      i = parent;
    }
    times[i] = time;
    sequences[i] = sequence;
    this.kinds[i] = kind;
    this.subjects[i] = subject;
    this.versions[i] = version;
  }

  /** Removes the earliest event into the public fields; returns false when empty. */
  pop(): boolean {
    if (this.length === 0) return false;
    this.time = this.times[0]!;
    this.sequence = this.sequences[0]!;
    this.kind = this.kinds[0]!;
    this.subject = this.subjects[0]!;
    this.version = this.versions[0]!;
    const last = --this.length;
    if (last === 0) return true;
    const time = this.times[last]!;
    const sequence = this.sequences[last]!;
    const kind = this.kinds[last]!;
    const subject = this.subjects[last]!;
    const version = this.versions[last]!;
    const times = this.times;
    const sequences = this.sequences;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last && (times[right]! < times[child]! || (times[right] === times[child] && sequences[right]! < sequences[child]!))) child = right;
      const childTime = times[child]!;
      if (time < childTime || (time === childTime && sequence < sequences[child]!)) break;
      this.move(child, i);
      i = child;
    }
    times[i] = time;
    sequences[i] = sequence;
    this.kinds[i] = kind;
    this.subjects[i] = subject;
    this.versions[i] = version;
    return true;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.sequences[to] = this.sequences[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.subjects[to] = this.subjects[from]!;
    this.versions[to] = this.versions[from]!;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const grown = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.times = grown(this.times, (n) => new Float64Array(n));
    this.sequences = grown(this.sequences, (n) => new Float64Array(n));
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.subjects = grown(this.subjects, (n) => new Int32Array(n));
    this.versions = grown(this.versions, (n) => new Int32Array(n));
  }
}
