type TypedArrayConstructor = Float64ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Uint8ArrayConstructor;

/**
 * Reusable typed-array buffers. Allocating (and first touching) fresh multi-megabyte typed
 * arrays costs more than the arithmetic on them, so hot paths that run once per replication
 * borrow named buffers here; each grows to the largest size asked for and is then reused.
 * Contents are NOT cleared between uses: callers must write before they read.
 * Not re-entrant for the same name; single-threaded JavaScript makes that easy to keep.
 */
export class ScratchPool {
  private readonly buffers = new Map<string, Float64Array | Int32Array | Uint32Array | Uint8Array>();

  private take<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(name: string, length: number, type: TypedArrayConstructor): T {
    const existing = this.buffers.get(name);
    if (existing && existing.constructor === type && existing.length >= length) return existing.subarray(0, length) as T;
    const capacity = Math.max(length, Math.ceil((existing?.length ?? 0) * 1.5));
    const created = new type(capacity);
    this.buffers.set(name, created);
    return created.subarray(0, length) as T;
  }

  float64(name: string, length: number): Float64Array {
    return this.take<Float64Array>(name, length, Float64Array);
  }
  int32(name: string, length: number): Int32Array {
    return this.take<Int32Array>(name, length, Int32Array);
  }
  uint32(name: string, length: number): Uint32Array {
    return this.take<Uint32Array>(name, length, Uint32Array);
  }
  uint8(name: string, length: number): Uint8Array {
    return this.take<Uint8Array>(name, length, Uint8Array);
  }
}
