/**
 * Where a replication takes its per-incident columns (the incident log, generated calls, the
 * mechanisms' per-incident state): half a million incidents make some 80 MB of typed arrays.
 *
 * Fresh arrays (FRESH_COLUMNS) are the default. A ColumnPool hands the same memory to the next
 * replication instead: on this kind of machine touching fresh pages costs more than the whole
 * generation of a year's calls, so a caller that reduces each replication to figures before the
 * next one starts (comparisons, rankings, the bench) runs faster with one pool per thread.
 *
 * Every column is filled with the given value before it is handed out, so a replication's result
 * never depends on what an earlier one left behind: pooled or fresh, the same seed gives the same result.
 */
export interface ColumnSource {
  float64(key: string, length: number, fill: number): Float64Array;
  int32(key: string, length: number, fill: number): Int32Array;
  uint8(key: string, length: number, fill: number): Uint8Array;
  /** A column of `length` under `key` that starts with `old`'s values (a column that ran out of room); the rest is unspecified. */
  grown<T extends Float64Array | Int32Array | Uint8Array>(key: string, old: T, length: number): T;
}

/** Room for a Poisson count with mean `expected`: a margin of ten standard deviations and then some, so a column of generated rows almost never grows. */
export function columnCapacity(expected: number): number {
  return Math.max(16, Math.ceil(expected * 1.1 + 10 * Math.sqrt(expected) + 16));
}

type Column = Float64Array | Int32Array | Uint8Array;
type ColumnType<T extends Column> = { new (length: number): T };

// TypedArray.fill, not a loop: one loop over three element types is megamorphic and measured ten
// times slower here (Node 20) than fill, which writes memory in bulk.
function fillColumn<T extends Column>(column: T, value: number): T {
  column.fill(value);
  return column;
}

function freshColumn<T extends Column>(type: ColumnType<T>, length: number, value: number): T {
  const column = new type(length);
  return value === 0 ? column : fillColumn(column, value);
}

function copyInto<T extends Column>(old: T, next: T): T {
  next.set(old as never);
  return next;
}

/** New arrays for every replication: results stay valid for as long as the caller holds them. */
export const FRESH_COLUMNS: ColumnSource = {
  float64: (_key, length, fill) => freshColumn(Float64Array, length, fill),
  int32: (_key, length, fill) => freshColumn(Int32Array, length, fill),
  uint8: (_key, length, fill) => freshColumn(Uint8Array, length, fill),
  grown: (_key, old, length) => copyInto(old, new (old.constructor as ColumnType<typeof old>)(length)),
};

/**
 * Columns reused from one replication to the next. A result's columns are views into the pool:
 * they hold the replication's values until the next replication run with the same pool, so reduce
 * or copy a result before starting the next one. One pool per thread; never share it between runs
 * that overlap.
 */
export class ColumnPool implements ColumnSource {
  private readonly backing = new Map<string, Column>();

  float64(key: string, length: number, fill: number): Float64Array {
    return fillColumn(this.take(key, Float64Array, length), fill);
  }

  int32(key: string, length: number, fill: number): Int32Array {
    return fillColumn(this.take(key, Int32Array, length), fill);
  }

  uint8(key: string, length: number, fill: number): Uint8Array {
    return fillColumn(this.take(key, Uint8Array, length), fill);
  }

  grown<T extends Column>(key: string, old: T, length: number): T {
    // Always new memory: `old` may be a view of the key's current backing.
    const next = copyInto(old, new (old.constructor as ColumnType<T>)(length));
    this.backing.set(key, next);
    return next;
  }

  /** Bytes the pool holds. */
  get byteLength(): number {
    let bytes = 0;
    for (const column of this.backing.values()) bytes += column.byteLength;
    return bytes;
  }

  private take<T extends Column>(key: string, type: ColumnType<T>, length: number): T {
    const held = this.backing.get(key);
    if (held !== undefined && !(held instanceof type)) throw new Error(`column ${key} was taken before as ${held.constructor.name}`);
    if (held !== undefined && held.length >= length) return held.subarray(0, length) as T;
    // Some room to spare: replications differ in their number of incidents.
    const column = new type(Math.ceil(length * 1.05) + 16);
    this.backing.set(key, column);
    return column.subarray(0, length) as T;
  }
}
