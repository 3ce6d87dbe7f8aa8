import type { RoutingGraph } from "./routing-graph.js";

/** A starting node and the time already spent reaching it. */
export interface Seed {
  node: number;
  sec: number;
}

/**
 * One-to-all shortest travel times (Dijkstra with a 4-ary heap of typed arrays and lazy deletion:
 * a stale heap entry is recognised by its key being above the node's distance, so no settled flags).
 * The search object is reused between runs; only the nodes touched by a run are reset.
 */
export class DijkstraSearch {
  readonly distSec: Float64Array;
  /** Arc by which each node was reached in the last run; -1 for seeds and unreached nodes. */
  readonly parentArc: Int32Array;
  private touched: Uint32Array;
  private readonly isTarget: Uint8Array;
  private touchedCount = 0;
  private heapKey: Float64Array;
  private heapNode: Uint32Array;
  private heapSize = 0;

  /** `trackParents: false` skips recording the tree's arcs: faster when only times are wanted. */
  constructor(
    private readonly graph: RoutingGraph,
    private readonly options: { trackParents: boolean } = { trackParents: true },
  ) {
    const n = graph.nodeCount;
    this.distSec = new Float64Array(n).fill(Infinity);
    this.parentArc = new Int32Array(n).fill(-1);
    this.touched = new Uint32Array(n);
    this.isTarget = new Uint8Array(n);
    this.heapKey = new Float64Array(Math.max(16, n));
    this.heapNode = new Uint32Array(Math.max(16, n));
  }

  /** Runs from the seeds; stops early once every node in `stopAfter` is settled (when given). */
  run(seeds: readonly Seed[], stopAfter?: readonly number[]): void {
    this.reset();
    const { distSec, parentArc } = this;
    const trackParents = this.options.trackParents;
    const { firstArc, arcHead, arcWeightSec } = this.graph;
    for (const seed of seeds) {
      if (seed.sec < distSec[seed.node]!) {
        if (distSec[seed.node] === Infinity) this.touched[this.touchedCount++] = seed.node;
        distSec[seed.node] = seed.sec;
        parentArc[seed.node] = -1;
        this.push(seed.sec, seed.node);
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
    if (stopAfter) for (const target of stopAfter) isTarget[target] = 0;
  }

  private reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const v = this.touched[i]!;
      this.distSec[v] = Infinity;
      this.parentArc[v] = -1;
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
      const last = Math.min(first + 4, size);
      for (let c = first + 1; c < last; c++) {
        if (keys[c]! < childKey) {
          child = c;
          childKey = keys[c]!;
        }
      }
      if (childKey >= key) break;
      keys[i] = keys[child]!;
      nodes[i] = nodes[child]!;
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }
}
