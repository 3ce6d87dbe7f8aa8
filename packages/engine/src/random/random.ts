/**
 * Counter-based random numbers: every draw is a pure function of (seed, stream, index, counter).
 * That gives independent streams per replication and purpose, and common random numbers between
 * scenarios: incident 1234's on-scene time is drawn from the same numbers whatever else differs.
 */

/** A sequence of uniform numbers in (0, 1). */
export interface RandomSource {
  next(): number;
}

/** Independent reproducible streams keyed by purpose and index (e.g. the incident number). */
export interface RandomStreams {
  readonly seed: number;
  /** A fresh source for (purpose, index); the same key always yields the same sequence. */
  stream(purpose: number, index: number): RandomSource;
  /** Re-key an existing source without allocating (hot paths). */
  rekey(source: KeyedRandomSource, purpose: number, index: number): void;
}

/**
 * Stream purposes; new ones get new numbers, never reuse one. The per-incident purposes (10–17:
 * call handling, activation, on scene, patient path, handover, first-responder activation, and the
 * random dispatch tie-break for the transporting unit and the first responder) are in
 * simulation/simulation.ts; availability's (30–32: defect times and repair durations per vehicle,
 * cleaning per incident) in availability/availability.ts; the transports module's per-transport
 * purposes (40–49) in transports/transports.ts; the AMK's (20–29 and 60–69) in amk/amk-centres.ts.
 */
export const STREAM = {
  arrivals: 1,
  /** Transfer and booked-transport requests (transports/generate.ts), apart from the 113 arrivals. */
  transportRequests: 2,
} as const;

// murmur3's 32-bit finaliser: a bijective avalanche mix; good statistical quality when chained.
function fmix32(value: number): number {
  return mix32(value) >>> 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** The half of a stream's key that depends on seed and purpose only. */
function purposeKey(seed: number, purpose: number): number {
  const seedLow = seed >>> 0;
  const seedHigh = Math.floor(seed / TWO_POW_32) >>> 0;
  return fmix32(fmix32(seedLow ^ 0x9e3779b9) ^ Math.imul(purpose + 1, 0x632be5ab) ^ seedHigh);
}

/** Purposes below this have their key half kept per set of streams (all of the engine's are). */
const KEPT_PURPOSES = 128;

export class KeyedRandomSource implements RandomSource {
  // The key halves as signed 32-bit integers (fmix32's bits, read as int32): every step of next()
  // then stays in 32-bit integer arithmetic, where unsigned halves would make V8 add and convert in
  // floating point. The bits, and so every draw, are the same.
  private keyHigh = 0;
  private keyLow = 0;
  private counter = 0;

  constructor(seed: number, purpose: number, index: number) {
    this.setKey(seed, purpose, index);
  }

  setKey(seed: number, purpose: number, index: number): void {
    this.setIndex(purposeKey(seed, purpose), index);
  }

  /**
   * setKey with the (seed, purpose) half of the key already mixed (purposeKey, as a signed or an
   * unsigned 32-bit integer: the same bits): the hot paths re-key per incident.
   */
  setIndex(keyHigh: number, index: number): void {
    this.keyHigh = keyHigh | 0;
    // mix32, not fmix32, of the index: the XOR reads only the 32 bits, which are the same.
    this.keyLow = mix32(keyHigh ^ mix32(index) ^ Math.imul(Math.floor(index / TWO_POW_32) + 7, 0x1b873593));
    this.counter = 0;
  }

  /**
   * Uniform in the open interval (0, 1) with 53 random bits:
   * a = mix32(mix32(keyLow ^ c·φ) + keyHigh), b = mix32(mix32(keyHigh ^ (c + k)·m) + keyLow + a),
   * and toOpenUnit of a's top 27 and b's top 26 bits. The four mix32 steps are written out: as
   * calls they made next() 503 bytes of bytecode to V8's inliner (its own 184, four mix32 of 71,
   * toOpenUnit 35), so a caller that draws twice, such as the patient path,
   * used up its inlining budget of 920 and called mix32 instead (5 calls a mission in the bench),
   * boxing each result outside the small-integer range. Same bits as before: −1.6 % instructions
   * per replication of the bench's large region.
   */
  next(): number {
    const c = this.counter++;
    let a = this.keyLow ^ Math.imul(c, 0x9e3779b1);
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    a = ((a ^ (a >>> 16)) + this.keyHigh) | 0;
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    a ^= a >>> 16;
    let b = this.keyHigh ^ Math.imul((c + 0x6a09e667) | 0, 0x85ebca77);
    b ^= b >>> 16;
    b = Math.imul(b, 0x85ebca6b);
    b ^= b >>> 13;
    b = Math.imul(b, 0xc2b2ae35);
    b = ((((b ^ (b >>> 16)) + this.keyLow) | 0) + a) | 0;
    b ^= b >>> 16;
    b = Math.imul(b, 0x85ebca6b);
    b ^= b >>> 13;
    b = Math.imul(b, 0xc2b2ae35);
    b ^= b >>> 16;
    return toOpenUnit((a >>> 5) * 67108864 + (b >>> 6));
  }
}

/** murmur3's 32-bit finaliser on a signed 32-bit integer, its result read as one (fmix32 reads the same bits as unsigned). */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The largest double below 1. */
const BELOW_ONE = 1 - 2 ** -53;

/**
 * 53 random bits (an integer 0 … 2^53 − 1) as a number strictly inside (0, 1): the middle of its
 * 2^-53 cell. The top cell's middle, 1 − 2^-54, would round to exactly 1 (a normal drawn by
 * inversion would then be infinite), so it becomes the largest double below 1.
 */
export function toOpenUnit(bits53: number): number {
  return Math.min((bits53 + 0.5) / TWO_POW_53, BELOW_ONE);
}

export function createRandomStreams(seed: number): RandomStreams {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  // Every kept purpose's key half, mixed once and held as int32, so a key read back is an integer, never a double.
  const keys = Int32Array.from({ length: KEPT_PURPOSES }, (_, purpose) => purposeKey(seed, purpose));
  return {
    seed,
    stream: (purpose, index) => new KeyedRandomSource(seed, purpose, index),
    rekey: (source, purpose, index) => {
      if (purpose >= 0 && purpose < KEPT_PURPOSES) source.setIndex(keys[purpose]!, index);
      else source.setKey(seed, purpose, index);
    },
  };
}

/** Seed of replication r derived from a base seed, so replications are independent and reproducible. */
export function replicationSeed(baseSeed: number, replication: number): number {
  const high = fmix32(fmix32(baseSeed >>> 0) ^ Math.imul(replication + 1, 0x27d4eb2d));
  const low = fmix32(high ^ fmix32(Math.floor(baseSeed / TWO_POW_32) + replication));
  return (high & 0x1fffff) * TWO_POW_32 + low;
}
