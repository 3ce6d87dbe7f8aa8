import type { RoutingGraph } from "./routing-graph.js";

/** A starting node and the time already spent reaching it. */
export interface Seed {
  node: number;
  sec: number;
}

/**
 * One-to-all shortest travel times (Dijkstra with a binary heap of typed arrays and lazy deletion).
 * The search object is reused between runs; only the nodes touched by a run are reset.
 */
export class DijkstraSearch {
  readonly distSec: Float64Array;
  /** Arc by which each node was reached in the last run; -1 for seeds and unreached nodes. */
  readonly parentArc: Int32Array;
  private readonly settled: Uint8Array;
  private touched: Uint32Array;
  private touchedCount = 0;
  private heapKey: Float64Array;
  private heapNode: Uint32Array;
  private heapSize = 0;

  constructor(private readonly graph: RoutingGraph) {
    const n = graph.nodeCount;
    this.distSec = new Float64Array(n).fill(Infinity);
    this.parentArc = new Int32Array(n).fill(-1);
    this.settled = new Uint8Array(n);
    this.touched = new Uint32Array(n);
    this.heapKey = new Float64Array(Math.max(16, n));
    this.heapNode = new Uint32Array(Math.max(16, n));
  }

  /** Runs from the seeds; stops early once every node in `stopAfter` is settled (when given). */
  run(seeds: readonly Seed[], stopAfter?: readonly number[]): void {
    this.reset();
    const { distSec, parentArc, settled } = this;
    const { firstArc, arcHead, arcWeightSec } = this.graph;
    for (const seed of seeds) {
      if (seed.sec < distSec[seed.node]!) {
        if (distSec[seed.node] === Infinity) this.touched[this.touchedCount++] = seed.node;
        distSec[seed.node] = seed.sec;
        parentArc[seed.node] = -1;
        this.push(seed.sec, seed.node);
      }
    }
    let remaining = stopAfter ? new Set(stopAfter) : null;
    if (remaining && remaining.size === 0) remaining = null;
    while (this.heapSize > 0) {
      const key = this.heapKey[0]!;
      const node = this.heapNode[0]!;
      this.pop();
      if (settled[node] || key > distSec[node]!) continue;
      settled[node] = 1;
      if (remaining) {
        remaining.delete(node);
        if (remaining.size === 0) break;
      }
      const end = firstArc[node + 1]!;
      for (let a = firstArc[node]!; a < end; a++) {
        const head = arcHead[a]!;
        const candidate = key + arcWeightSec[a]!;
        if (candidate < distSec[head]!) {
          if (distSec[head] === Infinity) this.touched[this.touchedCount++] = head;
          distSec[head] = candidate;
          parentArc[head] = a;
          this.push(candidate, head);
        }
      }
    }
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
      const parent = (i - 1) >> 1;
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
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && keys[right]! < keys[child]!) child = right;
      if (keys[child]! >= key) break;
      keys[i] = keys[child]!;
      nodes[i] = nodes[child]!;
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }
}
