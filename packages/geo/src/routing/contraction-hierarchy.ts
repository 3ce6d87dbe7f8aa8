import type { RoutingGraph } from "./routing-graph.js";

/**
 * Contraction hierarchies (Geisberger et al. 2008) for many-to-many travel-time matrices.
 * Nodes are contracted one by one in order of a lazily updated priority (edge difference plus
 * contracted neighbours); a shortcut u→x replaces u→v→x unless a witness path, found by a local
 * Dijkstra limited to `witnessSettleLimit` nodes, is as short. Limiting the witness search can only add
 * superfluous shortcuts, never lose a shortest path, so queries stay exact.
 * Matrices use the bucket method: backward upward searches from every target fill buckets; forward
 * upward searches from every source scan them.
 */
export interface ContractionHierarchy {
  nodeCount: number;
  rank: Uint32Array;
  /** Upward arcs (to higher rank) in CSR form, forward direction. */
  upFirst: Uint32Array;
  upHead: Uint32Array;
  upWeight: Float64Array;
  /** Upward arcs of the reversed graph: for node v, arcs u→v with rank(u) > rank(v), stored as v ⇐ u. */
  downFirst: Uint32Array;
  downHead: Uint32Array;
  downWeight: Float64Array;
  shortcuts: number;
}

export interface ContractionOptions {
  witnessSettleLimit?: number;
  onProgress?: (contracted: number, total: number) => void;
}

class MinHeap {
  keys: number[] = [];
  values: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  clear(): void {
    this.keys.length = 0;
    this.values.length = 0;
  }
  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      keys[i] = keys[p]!;
      values[i] = values[p]!;
      i = p;
    }
    keys[i] = key;
    values[i] = value;
  }
  peekKey(): number {
    return this.keys[0]!;
  }
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0]!;
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
        if (keys[c]! >= lastKey) break;
        keys[i] = keys[c]!;
        values[i] = values[c]!;
        i = c;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

export function buildContractionHierarchy(graph: RoutingGraph, options: ContractionOptions = {}): ContractionHierarchy {
  const n = graph.nodeCount;
  const settleLimit = options.witnessSettleLimit ?? 60;
  // Dynamic adjacency: out and in lists per node (head, weight interleaved would be faster; clarity first).
  const outHead: number[][] = Array.from({ length: n }, () => []);
  const outW: number[][] = Array.from({ length: n }, () => []);
  const inHead: number[][] = Array.from({ length: n }, () => []);
  const inW: number[][] = Array.from({ length: n }, () => []);
  const addArc = (u: number, x: number, w: number): boolean => {
    const heads = outHead[u]!;
    for (let k = 0; k < heads.length; k++) {
      if (heads[k] === x) {
        if (w < outW[u]![k]!) {
          outW[u]![k] = w;
          const ins = inHead[x]!;
          for (let j = 0; j < ins.length; j++) if (ins[j] === u) inW[x]![j] = w;
        }
        return false;
      }
    }
    heads.push(x);
    outW[u]!.push(w);
    inHead[x]!.push(u);
    inW[x]!.push(w);
    return true;
  };
  for (let v = 0; v < n; v++) {
    for (let a = graph.firstArc[v]!; a < graph.firstArc[v + 1]!; a++) {
      const x = graph.arcHead[a]!;
      if (x !== v) addArc(v, x, graph.arcWeightSec[a]!);
    }
  }

  const contracted = new Uint8Array(n);
  const deletedNeighbours = new Uint32Array(n);
  const dist = new Float64Array(n).fill(Infinity);
  const touched: number[] = [];
  const heap = new MinHeap();

  /** Local Dijkstra from u avoiding v and contracted nodes, up to `limit` cost and `settleLimit` settled nodes. */
  const witness = (u: number, v: number, limit: number, maxSettled: number) => {
    for (const t of touched) dist[t] = Infinity;
    touched.length = 0;
    heap.clear();
    dist[u] = 0;
    touched.push(u);
    heap.push(0, u);
    let settled = 0;
    while (heap.size > 0) {
      const d = heap.peekKey();
      const node = heap.pop();
      if (d > dist[node]!) continue;
      if (d > limit || ++settled > maxSettled) break;
      const heads = outHead[node]!;
      const ws = outW[node]!;
      for (let k = 0; k < heads.length; k++) {
        const x = heads[k]!;
        if (x === v || contracted[x]) continue;
        const nd = d + ws[k]!;
        if (nd < dist[x]!) {
          if (dist[x] === Infinity) touched.push(x);
          dist[x] = nd;
          heap.push(nd, x);
        }
      }
    }
  };

  /** Shortcuts needed to contract v (added when `apply`), counted. */
  const contract = (v: number, apply: boolean, maxSettled: number): number => {
    let count = 0;
    const ins = inHead[v]!;
    const insW = inW[v]!;
    const outs = outHead[v]!;
    const outsW = outW[v]!;
    let maxOut = 0;
    for (let j = 0; j < outs.length; j++) if (!contracted[outs[j]!] && outsW[j]! > maxOut) maxOut = outsW[j]!;
    for (let i = 0; i < ins.length; i++) {
      const u = ins[i]!;
      if (contracted[u]) continue;
      const wu = insW[i]!;
      witness(u, v, wu + maxOut, maxSettled);
      for (let j = 0; j < outs.length; j++) {
        const x = outs[j]!;
        if (x === u || contracted[x]) continue;
        const via = wu + outsW[j]!;
        if (dist[x]! <= via) continue;
        count++;
        if (apply) addArc(u, x, via);
      }
    }
    return count;
  };

  const degree = (v: number) => {
    let d = 0;
    for (const x of inHead[v]!) if (!contracted[x]) d++;
    for (const x of outHead[v]!) if (!contracted[x]) d++;
    return d;
  };
  const priority = (v: number) => contract(v, false, Math.min(settleLimit, 20)) * 2 - degree(v) + deletedNeighbours[v]!;

  const queue = new MinHeap();
  for (let v = 0; v < n; v++) queue.push(priority(v), v);
  const rank = new Uint32Array(n);
  let next = 0;
  let shortcuts = 0;
  while (queue.size > 0) {
    const v = queue.pop();
    if (contracted[v]) continue;
    const p = priority(v);
    if (queue.size > 0 && p > queue.peekKey()) {
      queue.push(p, v);
      continue;
    }
    shortcuts += contract(v, true, settleLimit);
    contracted[v] = 1;
    rank[v] = next++;
    for (const x of inHead[v]!) if (!contracted[x]) deletedNeighbours[x]!++;
    for (const x of outHead[v]!) if (!contracted[x]) deletedNeighbours[x]!++;
    if (options.onProgress && next % 4096 === 0) options.onProgress(next, n);
  }

  // Split every arc (original or shortcut) into the upward forward graph and the upward backward graph.
  const upCount = new Uint32Array(n + 1);
  const downCount = new Uint32Array(n + 1);
  for (let u = 0; u < n; u++) {
    for (const x of outHead[u]!) {
      if (rank[x]! > rank[u]!) upCount[u + 1]!++;
      else downCount[x + 1]!++;
    }
  }
  for (let v = 0; v < n; v++) {
    upCount[v + 1]! += upCount[v]!;
    downCount[v + 1]! += downCount[v]!;
  }
  const upHead = new Uint32Array(upCount[n]!);
  const upWeight = new Float64Array(upCount[n]!);
  const downHead = new Uint32Array(downCount[n]!);
  const downWeight = new Float64Array(downCount[n]!);
  const upFill = upCount.slice(0, n);
  const downFill = downCount.slice(0, n);
  for (let u = 0; u < n; u++) {
    const heads = outHead[u]!;
    const ws = outW[u]!;
    for (let k = 0; k < heads.length; k++) {
      const x = heads[k]!;
      if (rank[x]! > rank[u]!) {
        const i = upFill[u]!++;
        upHead[i] = x;
        upWeight[i] = ws[k]!;
      } else {
        const i = downFill[x]!++;
        downHead[i] = u;
        downWeight[i] = ws[k]!;
      }
    }
  }
  return { nodeCount: n, rank, upFirst: upCount, upHead, upWeight, downFirst: downCount, downHead, downWeight, shortcuts };
}

/** Upward Dijkstra in one of the two CH graphs; calls visit(node, dist) for every settled node. */
class UpwardSearch {
  private readonly dist: Float64Array;
  private readonly touched: Uint32Array;
  private touchedCount = 0;
  private readonly heap = new MinHeap();
  constructor(
    private readonly first: Uint32Array,
    private readonly head: Uint32Array,
    private readonly weight: Float64Array,
    n: number,
  ) {
    this.dist = new Float64Array(n).fill(Infinity);
    this.touched = new Uint32Array(n);
  }
  run(seeds: ReadonlyArray<{ node: number; sec: number }>, visit: (node: number, sec: number) => void): void {
    const { dist, heap, first, head, weight } = this;
    for (let i = 0; i < this.touchedCount; i++) dist[this.touched[i]!] = Infinity;
    this.touchedCount = 0;
    heap.clear();
    for (const s of seeds) {
      if (s.sec < dist[s.node]!) {
        if (dist[s.node] === Infinity) this.touched[this.touchedCount++] = s.node;
        dist[s.node] = s.sec;
        heap.push(s.sec, s.node);
      }
    }
    while (heap.size > 0) {
      const d = heap.peekKey();
      const v = heap.pop();
      if (d > dist[v]!) continue;
      visit(v, d);
      for (let a = first[v]!; a < first[v + 1]!; a++) {
        const x = head[a]!;
        const nd = d + weight[a]!;
        if (nd < dist[x]!) {
          if (dist[x] === Infinity) this.touched[this.touchedCount++] = x;
          dist[x] = nd;
          heap.push(nd, x);
        }
      }
    }
  }
}

/**
 * Many-to-many shortest times: result[s * targets.length + t]. Each source and target is a list of
 * seeds (node, seconds already spent), so points on links can enter the network at either end.
 */
export function chManyToMany(
  ch: ContractionHierarchy,
  sources: ReadonlyArray<ReadonlyArray<{ node: number; sec: number }>>,
  targets: ReadonlyArray<ReadonlyArray<{ node: number; sec: number }>>,
): Float64Array {
  const n = ch.nodeCount;
  const result = new Float64Array(sources.length * targets.length).fill(Infinity);
  // Buckets in CSR form after collecting (node, target, sec) triples.
  const bucketNode: number[] = [];
  const bucketTarget: number[] = [];
  const bucketSec: number[] = [];
  const backward = new UpwardSearch(ch.downFirst, ch.downHead, ch.downWeight, n);
  targets.forEach((seeds, t) => {
    backward.run(seeds, (node, sec) => {
      bucketNode.push(node);
      bucketTarget.push(t);
      bucketSec.push(sec);
    });
  });
  const first = new Uint32Array(n + 1);
  for (const v of bucketNode) first[v + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const fill = first.slice(0, n);
  const entryTarget = new Uint32Array(bucketNode.length);
  const entrySec = new Float64Array(bucketNode.length);
  for (let i = 0; i < bucketNode.length; i++) {
    const k = fill[bucketNode[i]!]!++;
    entryTarget[k] = bucketTarget[i]!;
    entrySec[k] = bucketSec[i]!;
  }
  const forward = new UpwardSearch(ch.upFirst, ch.upHead, ch.upWeight, n);
  const width = targets.length;
  sources.forEach((seeds, s) => {
    const row = s * width;
    forward.run(seeds, (node, sec) => {
      for (let k = first[node]!; k < first[node + 1]!; k++) {
        const total = sec + entrySec[k]!;
        const cell = row + entryTarget[k]!;
        if (total < result[cell]!) result[cell] = total;
      }
    });
  });
  return result;
}
