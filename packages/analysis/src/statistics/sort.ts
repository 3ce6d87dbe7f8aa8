import { ScratchPool } from "./scratch.js";

const DIGIT_BITS = 11;
const DIGIT_COUNT = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGIT_COUNT - 1;
const PASSES = 6; // 6 × 11 = 66 ≥ 64 bits

const defaultPool = new ScratchPool();

function digit(lo: number, hi: number, shift: number): number {
  if (shift + DIGIT_BITS <= 32) return (lo >>> shift) & DIGIT_MASK;
  if (shift >= 32) return (hi >>> (shift - 32)) & DIGIT_MASK;
  return ((lo >>> shift) | (hi << (32 - shift))) & DIGIT_MASK;
}

/**
 * Stable LSD radix argsort of float64 keys: returns the positions of `keys` in ascending order
 * (ties keep their input order). Linear time, so that every KPI group can have exact quantiles
 * without a comparator sort per group. NaN must not be present.
 *
 * Each double is mapped to an unsigned 64-bit key whose order equals numeric order (set the
 * sign bit of non-negative values, flip all bits of negative ones), then sorted by six 11-bit
 * digits (small histograms stay in cache), skipping digits that are equal for all keys — for
 * response times in seconds the top digits usually are.
 *
 * The returned array is a view into a reused buffer when `pool` is given (valid until the
 * next call with the same pool); without a pool it is a fresh array.
 */
export function radixArgsort(keys: Float64Array, pool?: ScratchPool): Uint32Array {
  const scratch = pool ?? defaultPool;
  const identity = scratch.uint32("radix.identity", keys.length);
  for (let i = 0; i < identity.length; i++) identity[i] = i;
  const { payload } = radixSortWithPayload(keys, identity, scratch);
  return pool ? payload : payload.slice();
}

/**
 * Sorts float64 keys ascending (stable) and carries a uint32 payload along, e.g. the record
 * each key belongs to. Returns views into `pool` buffers, valid until the pool is reused:
 * `keys` sorted and `payload` in the same order. The inputs are not modified.
 */
export function radixSortWithPayload(keys: Float64Array, payloadIn: Uint32Array, pool: ScratchPool): { keys: Float64Array; payload: Uint32Array } {
  const n = keys.length;
  if (payloadIn.length !== n) throw new RangeError("keys and payload differ in length");
  const scratch = pool;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  let lo = scratch.uint32("radix.lo", n);
  let hi = scratch.uint32("radix.hi", n);
  let order = scratch.uint32("radix.order", n);
  let lo2 = scratch.uint32("radix.lo2", n);
  let hi2 = scratch.uint32("radix.hi2", n);
  let order2 = scratch.uint32("radix.order2", n);
  const histograms = scratch.uint32("radix.histograms", PASSES * DIGIT_COUNT);
  histograms.fill(0);
  // Little-endian platforms (all that Node supports): word 2i is the low half of key i.
  for (let i = 0; i < n; i++) {
    let low = bits[2 * i]!;
    let high = bits[2 * i + 1]!;
    if (high & 0x80000000) {
      low = ~low >>> 0;
      high = ~high >>> 0;
    } else {
      high = (high | 0x80000000) >>> 0;
    }
    lo[i] = low;
    hi[i] = high;
    order[i] = payloadIn[i]!;
    histograms[low & DIGIT_MASK]!++;
    histograms[DIGIT_COUNT + ((low >>> 11) & DIGIT_MASK)]!++;
    histograms[2 * DIGIT_COUNT + (((low >>> 22) | (high << 10)) & DIGIT_MASK)]!++;
    histograms[3 * DIGIT_COUNT + ((high >>> 1) & DIGIT_MASK)]!++;
    histograms[4 * DIGIT_COUNT + ((high >>> 12) & DIGIT_MASK)]!++;
    histograms[5 * DIGIT_COUNT + ((high >>> 23) & DIGIT_MASK)]!++;
  }
  // Digit d of a key: bits [11d, 11d + 11) of the 64-bit value hi:lo.
  for (let pass = 0; pass < PASSES; pass++) {
    const base = pass * DIGIT_COUNT;
    const shift = pass * DIGIT_BITS;
    if (n === 0 || histograms[base + digit(lo[0]!, hi[0]!, shift)] === n) continue;
    let sum = 0;
    for (let d = 0; d < DIGIT_COUNT; d++) {
      const c = histograms[base + d]!;
      histograms[base + d] = sum;
      sum += c;
    }
    if (shift + DIGIT_BITS <= 32) {
      for (let i = 0; i < n; i++) {
        const l = lo[i]!;
        const target = histograms[base + ((l >>> shift) & DIGIT_MASK)]!++;
        lo2[target] = l;
        hi2[target] = hi[i]!;
        order2[target] = order[i]!;
      }
    } else if (shift >= 32) {
      const highShift = shift - 32;
      for (let i = 0; i < n; i++) {
        const h = hi[i]!;
        const target = histograms[base + ((h >>> highShift) & DIGIT_MASK)]!++;
        lo2[target] = lo[i]!;
        hi2[target] = h;
        order2[target] = order[i]!;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const l = lo[i]!;
        const h = hi[i]!;
        const target = histograms[base + (((l >>> shift) | (h << (32 - shift))) & DIGIT_MASK)]!++;
        lo2[target] = l;
        hi2[target] = h;
        order2[target] = order[i]!;
      }
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [order, order2] = [order2, order];
  }
  // Undo the key transform into a float64 output buffer.
  const sorted = scratch.float64("radix.sorted", n);
  const sortedBits = new Uint32Array(sorted.buffer, sorted.byteOffset, n * 2);
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    if (h & 0x80000000) {
      sortedBits[2 * i] = lo[i]!;
      sortedBits[2 * i + 1] = h & 0x7fffffff;
    } else {
      sortedBits[2 * i] = ~lo[i]! >>> 0;
      sortedBits[2 * i + 1] = ~h >>> 0;
    }
  }
  return { keys: sorted, payload: order };
}
