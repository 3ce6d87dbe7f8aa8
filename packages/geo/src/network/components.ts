/**
 * Strongly connected components (iterative Kosaraju) of a graph given as links that may be
 * drivable forward, backward or both. Returns which nodes belong to the largest component
 * (by node count; ties go to the component found first).
 */
export function largestStrongComponent(
  nodeTotal: number,
  from: readonly number[],
  to: readonly number[],
  forwardOpen: readonly boolean[],
  backwardOpen: readonly boolean[],
): { inLargest: Uint8Array; componentCount: number; largestSize: number } {
  // Directed arcs in CSR form, forward and reversed.
  const arcFrom: number[] = [];
  const arcTo: number[] = [];
  for (let i = 0; i < from.length; i++) {
    if (forwardOpen[i]) {
      arcFrom.push(from[i]!);
      arcTo.push(to[i]!);
    }
    if (backwardOpen[i]) {
      arcFrom.push(to[i]!);
      arcTo.push(from[i]!);
    }
  }
  const csr = (tails: number[], heads: number[]) => {
    const first = new Uint32Array(nodeTotal + 1);
    for (const t of tails) first[t + 1]! += 1;
    for (let i = 0; i < nodeTotal; i++) first[i + 1]! += first[i]!;
    const fill = first.slice(0, nodeTotal);
    const head = new Uint32Array(heads.length);
    for (let i = 0; i < tails.length; i++) head[fill[tails[i]!]!++] = heads[i]!;
    return { first, head };
  };
  const fwd = csr(arcFrom, arcTo);
  const rev = csr(arcTo, arcFrom);

  // Pass 1: post-order of an iterative DFS on the forward graph.
  const visited = new Uint8Array(nodeTotal);
  const order = new Uint32Array(nodeTotal);
  let orderLength = 0;
  const stackNode = new Uint32Array(nodeTotal);
  const stackArc = new Uint32Array(nodeTotal);
  for (let root = 0; root < nodeTotal; root++) {
    if (visited[root]) continue;
    let depth = 0;
    stackNode[0] = root;
    stackArc[0] = fwd.first[root]!;
    visited[root] = 1;
    while (depth >= 0) {
      const node = stackNode[depth]!;
      const arc = stackArc[depth]!;
      if (arc < fwd.first[node + 1]!) {
        stackArc[depth] = arc + 1;
        const next = fwd.head[arc]!;
        if (!visited[next]) {
          visited[next] = 1;
          depth++;
          stackNode[depth] = next;
          stackArc[depth] = fwd.first[next]!;
        }
      } else {
        order[orderLength++] = node;
        depth--;
      }
    }
  }
  // Pass 2: DFS on the reversed graph in reverse post-order labels the components.
  const component = new Int32Array(nodeTotal).fill(-1);
  let componentCount = 0;
  let largest = -1;
  let largestSize = 0;
  const stack = new Uint32Array(nodeTotal);
  for (let k = nodeTotal - 1; k >= 0; k--) {
    const root = order[k]!;
    if (component[root] !== -1) continue;
    let size = 0;
    let top = 0;
    stack[top++] = root;
    component[root] = componentCount;
    while (top > 0) {
      const node = stack[--top]!;
      size++;
      for (let a = rev.first[node]!; a < rev.first[node + 1]!; a++) {
        const next = rev.head[a]!;
        if (component[next] === -1) {
          component[next] = componentCount;
          stack[top++] = next;
        }
      }
    }
    if (size > largestSize) {
      largestSize = size;
      largest = componentCount;
    }
    componentCount++;
  }
  const inLargest = new Uint8Array(nodeTotal);
  for (let i = 0; i < nodeTotal; i++) if (component[i] === largest) inLargest[i] = 1;
  return { inLargest, componentCount, largestSize };
}
