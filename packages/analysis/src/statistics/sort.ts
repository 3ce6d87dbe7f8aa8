/**
 * Stable LSD radix argsort of float64 keys: returns the positions of `keys` in ascending order
 * (ties keep their input order). Linear time; several times faster than a comparator sort on
 * hundreds of thousands of values, which matters because every KPI group needs exact
 * quantiles. NaN must not be present.
 *
 * Each double is mapped to an unsigned 64-bit key whose order equals numeric order (flip the
 * sign bit of non-negative values, all bits of negative ones), then sorted by four 16-bit digits,
 * skipping digits that are equal across all keys.
 */
export function radixArgsort(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  // Little-endian platforms (all that Node supports): word 2i is the low half of key i.
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const low = bits[2 * i]!;
    const high = bits[2 * i + 1]!;
    if (high & 0x80000000) {
      lo[i] = ~low >>> 0;
      hi[i] = ~high >>> 0;
    } else {
      lo[i] = low;
      hi[i] = (high | 0x80000000) >>> 0;
    }
    order[i] = i;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let order2 = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(word[i]! >>> shift) & 0xffff]!++;
    // Skip a digit that is the same for every key.
    if (n > 0 && counts[(word[0]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const d = (word[i]! >>> shift) & 0xffff;
      const target = counts[d]!++;
      lo2[target] = lo[i]!;
      hi2[target] = hi[i]!;
      order2[target] = order[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [order, order2] = [order2, order];
  }
  return order;
}
