import type { RoutingGraph } from "./routing-graph.js";

/** A starting node and the time already spent reaching it. */
export interface Seed {
  node: number;
  sec: number;
}

/** Bucket queues wider than this many buckets are not worth their memory; the heap is used instead. */
const MAX_BUCKETS = 1 << 22;

/**
 * One-to-all shortest travel times. The search object is reused between runs; only the nodes
 * touched by a run are reset.
 *
 * Two exact queues:
 * - a bucket queue (Dial's algorithm) when every arc takes at least some time w > 0: with
 *   buckets w wide, every node in the lowest non-empty bucket already has its final time, because
 *   improving it would need a path through an arc of at least w from an earlier bucket. Push and
 *   pop are O(1), so a search is close to linear in the arcs it looks at;
 * - otherwise a 4-ary heap of typed arrays with lazy deletion (a stale entry has a key above the
 *   node's time).
 */
export class DijkstraSearch {
  readonly distSec: Float64Array;
  /** Arc by which each node was reached in the last run; -1 for seeds and unreached nodes. */
  readonly parentArc: Int32Array;
  private touched: Uint32Array;
  private touchedCount = 0;
  private readonly isTarget: Uint8Array;
  private readonly settled: Uint8Array;
  private heapKey: Float64Array;
  private heapNode: Uint32Array;
  private heapSize = 0;
  /** Bucket width (the shortest arc time) and the number of buckets in the cyclic window; 0 when the heap is used. */
  private readonly bucketWidthSec: number;
  private readonly bucketCount: number;
  private bucketHead: Int32Array | undefined;
  private entryNext: Int32Array;
  private entryNode: Uint32Array;

  /**
   * `trackParents: false` skips recording the tree's arcs: faster when only times are wanted.
   * `queue: "heap"` forces the heap (for tests; "auto" picks buckets where they are exact).
   */
  constructor(
    private readonly graph: RoutingGraph,
    private readonly options: { trackParents: boolean; queue?: "auto" | "heap" } = { trackParents: true },
  ) {
    const n = graph.nodeCount;
    this.distSec = new Float64Array(n).fill(Infinity);
    this.parentArc = new Int32Array(n).fill(-1);
    this.touched = new Uint32Array(n);
    this.isTarget = new Uint8Array(n);
    this.settled = new Uint8Array(n);
    this.heapKey = new Float64Array(Math.max(16, n));
    this.heapNode = new Uint32Array(Math.max(16, n));
    let minArcSec = Infinity;
    let maxArcSec = 0;
    for (const weight of graph.arcWeightSec) {
      if (weight < minArcSec) minArcSec = weight;
      if (weight > maxArcSec) maxArcSec = weight;
    }
    const buckets = Math.ceil(maxArcSec / minArcSec) + 2;
    const useBuckets = options.queue !== "heap" && minArcSec > 0 && Number.isFinite(maxArcSec) && buckets <= MAX_BUCKETS;
    this.bucketWidthSec = useBuckets ? minArcSec : 0;
    this.bucketCount = useBuckets ? buckets : 0;
    this.entryNext = new Int32Array(useBuckets ? Math.max(16, n) : 0);
    this.entryNode = new Uint32Array(useBuckets ? Math.max(16, n) : 0);
  }

  /** Runs from the seeds; stops early once every node in `stopAfter` is settled (when given). */
  run(seeds: readonly Seed[], stopAfter?: readonly number[]): void {
    this.reset();
    const { distSec, parentArc } = this;
    for (const seed of seeds) {
      if (seed.sec < distSec[seed.node]!) {
        if (distSec[seed.node] === Infinity) this.touched[this.touchedCount++] = seed.node;
        distSec[seed.node] = seed.sec;
        parentArc[seed.node] = -1;
      }
    }
    // Targets are flagged in a reusable array: a Set lookup per settled node would cost more than the search.
    let remaining = 0;
    const isTarget = this.isTarget;
    if (stopAfter) {
      for (const target of stopAfter) {
        if (isTarget[target] === 0) {
          isTarget[target] = 1;
          remaining++;
        }
      }
    }
    // The bucket window must hold every pending time at once: seeds spread wider than it use the heap.
    let minSeedSec = Infinity;
    let maxSeedSec = -Infinity;
    for (const seed of seeds) {
      minSeedSec = Math.min(minSeedSec, seed.sec);
      maxSeedSec = Math.max(maxSeedSec, seed.sec);
    }
    const bucketsFit = this.bucketCount > 0 && (seeds.length === 0 || maxSeedSec - minSeedSec < (this.bucketCount - 2) * this.bucketWidthSec);
    if (bucketsFit) this.runBuckets(seeds, remaining);
    else this.runHeap(seeds, remaining);
    if (stopAfter) for (const target of stopAfter) isTarget[target] = 0;
  }

  private runHeap(seeds: readonly Seed[], remaining: number): void {
    const { distSec, parentArc, isTarget } = this;
    const trackParents = this.options.trackParents;
    const { firstArc, arcHead, arcWeightSec } = this.graph;
    for (const seed of seeds) if (distSec[seed.node] === seed.sec) this.push(seed.sec, seed.node);
    const stopping = remaining > 0;
    while (this.heapSize > 0) {
      const key = this.heapKey[0]!;
      const node = this.heapNode[0]!;
      this.pop();
      if (key > distSec[node]!) continue;
      if (stopping && isTarget[node] === 1) {
        isTarget[node] = 2;
        if (--remaining === 0) break;
      }
      const end = firstArc[node + 1]!;
      for (let a = firstArc[node]!; a < end; a++) {
        const head = arcHead[a]!;
        const candidate = key + arcWeightSec[a]!;
        if (candidate < distSec[head]!) {
          if (distSec[head] === Infinity) this.touched[this.touchedCount++] = head;
          distSec[head] = candidate;
          if (trackParents) parentArc[head] = a;
          this.push(candidate, head);
        }
      }
    }
  }

  private runBuckets(seeds: readonly Seed[], remaining: number): void {
    const { distSec, parentArc, isTarget, settled } = this;
    const trackParents = this.options.trackParents;
    const { firstArc, arcHead, arcWeightSec } = this.graph;
    const width = this.bucketWidthSec;
    const count = this.bucketCount;
    const head = (this.bucketHead ??= new Int32Array(count).fill(-1));
    let entries = 0;
    let pending = 0;
    const file = (node: number, bucket: number) => {
      if (entries === this.entryNode.length) {
        const next = new Int32Array(entries * 2);
        next.set(this.entryNext);
        const nodes = new Uint32Array(entries * 2);
        nodes.set(this.entryNode);
        this.entryNext = next;
        this.entryNode = nodes;
      }
      const slot = bucket % count;
      this.entryNode[entries] = node;
      this.entryNext[entries] = head[slot]!;
      head[slot] = entries++;
      pending++;
    };
    let current = Infinity;
    for (const seed of seeds) current = Math.min(current, Math.floor(seed.sec / width));
    for (const seed of seeds) if (distSec[seed.node] === seed.sec) file(seed.node, Math.floor(seed.sec / width));
    const stopping = remaining > 0;
    search: while (pending > 0) {
      const slot = current % count;
      let entry = head[slot]!;
      head[slot] = -1;
      while (entry >= 0) {
        const node = this.entryNode[entry]!;
        entry = this.entryNext[entry]!;
        pending--;
        if (settled[node] === 1) continue;
        settled[node] = 1;
        if (stopping && isTarget[node] === 1) {
          isTarget[node] = 2;
          if (--remaining === 0) break search;
        }
        const time = distSec[node]!;
        const end = firstArc[node + 1]!;
        for (let a = firstArc[node]!; a < end; a++) {
          const next = arcHead[a]!;
          const candidate = time + arcWeightSec[a]!;
          if (candidate < distSec[next]!) {
            if (distSec[next] === Infinity) this.touched[this.touchedCount++] = next;
            distSec[next] = candidate;
            if (trackParents) parentArc[next] = a;
            // Always a later bucket: rounding must not file it in the one being emptied.
            const bucket = Math.floor(candidate / width);
            file(next, bucket > current ? bucket : current + 1);
          }
        }
      }
      current++;
    }
    // An early stop leaves entries behind: clear every bucket they can be in.
    if (pending > 0) head.fill(-1);
  }

  private reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const v = this.touched[i]!;
      this.distSec[v] = Infinity;
      this.parentArc[v] = -1;
      this.settled[v] = 0;
    }
    this.touchedCount = 0;
    this.heapSize = 0;
  }

  private push(key: number, node: number): void {
    if (this.heapSize === this.heapKey.length) {
      const keys = new Float64Array(this.heapKey.length * 2);
      keys.set(this.heapKey);
      const nodes = new Uint32Array(this.heapNode.length * 2);
      nodes.set(this.heapNode);
      this.heapKey = keys;
      this.heapNode = nodes;
    }
    let i = this.heapSize++;
    const keys = this.heapKey;
    const nodes = this.heapNode;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const parentKey = keys[parent]!;
      if (parentKey <= key) break;
      keys[i] = parentKey;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  private pop(): void {
    const keys = this.heapKey;
    const nodes = this.heapNode;
    const size = --this.heapSize;
    if (size === 0) return;
    const key = keys[size]!;
    const node = nodes[size]!;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= size) break;
      let child = first;
      let childKey = keys[first]!;
      const last = first + 4 < size ? first + 4 : size;
      for (let c = first + 1; c < last; c++) {
        if (keys[c]! < childKey) {
          child = c;
          childKey = keys[c]!;
        }
      }
      if (childKey >= key) break;
      keys[i] = childKey;
      nodes[i] = nodes[child]!;
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }
}
