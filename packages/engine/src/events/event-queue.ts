/**
 * Binary min-heap of events ordered by (time, sequence): ties are broken by scheduling order,
 * so runs are deterministic. Struct-of-arrays storage keeps the hot loop free of allocation.
 */
export class EventQueue {
  // The heap holds only each event's time and its slot; the rest of the event sits in the slot,
  // written once at push and read once at pop, so sifting moves two arrays instead of five.
  private times: Float64Array;
  private slots: Int32Array;
  private sequences: Float64Array;
  private kinds: Uint8Array;
  private subjects: Int32Array;
  private versions: Int32Array;
  /** Slots not in use, as a stack. */
  private freeSlots: Int32Array;
  private freeCount: number;
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
    this.slots = new Int32Array(initialCapacity);
    this.sequences = new Float64Array(initialCapacity);
    this.kinds = new Uint8Array(initialCapacity);
    this.subjects = new Int32Array(initialCapacity);
    this.versions = new Int32Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
    for (let k = 0; k < initialCapacity; k++) this.freeSlots[k] = initialCapacity - 1 - k;
    this.freeCount = initialCapacity;
  }

  get size(): number {
    return this.length;
  }

  peekTime(): number {
    return this.length > 0 ? this.times[0]! : Infinity;
  }

  /** Sequence number of the earliest event (Infinity when empty); with peekTime, its place in the order. */
  peekSequence(): number {
    return this.length > 0 ? this.sequences[this.slots[0]!]! : Infinity;
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
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.sequences[slot] = sequence;
    this.kinds[slot] = kind;
    this.subjects[slot] = subject;
    this.versions[slot] = version;
    let i = this.length++;
    const times = this.times;
    const slots = this.slots;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && this.sequences[slots[parent]!]! < sequence)) break;
      times[i] = parentTime;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    slots[i] = slot;
  }

  /** Removes the earliest event into the public fields; returns false when empty. */
  pop(): boolean {
    if (this.length === 0) return false;
    const times = this.times;
    const slots = this.slots;
    const top = slots[0]!;
    this.time = times[0]!;
    this.sequence = this.sequences[top]!;
    this.kind = this.kinds[top]!;
    this.subject = this.subjects[top]!;
    this.version = this.versions[top]!;
    this.freeSlots[this.freeCount++] = top;
    const last = --this.length;
    if (last === 0) return true;
    const time = times[last]!;
    const slot = slots[last]!;
    const sequences = this.sequences;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let childTime = times[child]!;
      const right = child + 1;
      if (right < last) {
        const rightTime = times[right]!;
        if (rightTime < childTime || (rightTime === childTime && sequences[slots[right]!]! < sequences[slots[child]!]!)) {
          child = right;
          childTime = rightTime;
        }
      }
      if (time < childTime || (time === childTime && sequences[slot]! < sequences[slots[child]!]!)) break;
      times[i] = childTime;
      slots[i] = slots[child]!;
      i = child;
    }
    times[i] = time;
    slots[i] = slot;
    return true;
  }

  /** Every event still in the queue, in no particular order; for reading a simulation's state (snapshot/). */
  forEachPending(visit: (time: number, kind: number, subject: number, version: number) => void): void {
    for (let i = 0; i < this.length; i++) {
      const slot = this.slots[i]!;
      visit(this.times[i]!, this.kinds[slot]!, this.subjects[slot]!, this.versions[slot]!);
    }
  }

  private grow(): void {
    const old = this.times.length;
    const capacity = old * 2;
    const grown = <T extends Float64Array | Uint8Array | Int32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.times = grown(this.times, (n) => new Float64Array(n));
    this.slots = grown(this.slots, (n) => new Int32Array(n));
    this.sequences = grown(this.sequences, (n) => new Float64Array(n));
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.subjects = grown(this.subjects, (n) => new Int32Array(n));
    this.versions = grown(this.versions, (n) => new Int32Array(n));
    // Every slot is in use when the queue grows; the new ones are free.
    this.freeSlots = new Int32Array(capacity);
    for (let k = 0; k < old; k++) this.freeSlots[k] = capacity - 1 - k;
    this.freeCount = old;
  }
}
