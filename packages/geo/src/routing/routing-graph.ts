import type { RoadNetwork } from "../network/road-network.js";

/**
 * A directed graph in compressed sparse row form with one weight per arc, for one cost profile
 * (normal or blue-light driving). Arc weights are seconds.
 */
export interface RoutingGraph {
  nodeCount: number;
  /** Arcs of node v are firstArc[v] .. firstArc[v+1]. */
  firstArc: Uint32Array;
  arcHead: Uint32Array;
  arcWeightSec: Float64Array;
  /** The link an arc runs along, and whether it runs against the link's direction (1). */
  arcLink: Uint32Array;
  arcBackward: Uint8Array;
}

export interface CostProfile {
  /** Driving times are divided by this (blue-light driving); fixed times (ferries) are not. */
  speedFactor: number;
}

/** Time to drive link `link` in one direction under a profile; Infinity if closed. */
export function linkTimeSec(network: RoadNetwork, link: number, backward: boolean, profile: CostProfile): number {
  const driveSec = backward ? network.linkBackwardSec[link]! : network.linkForwardSec[link]!;
  if (!Number.isFinite(driveSec)) return Infinity;
  return driveSec / profile.speedFactor + network.linkFixedSec[link]!;
}

/** Builds the forward graph (`reverse` false) or the reversed graph (arcs point from head to tail). */
export function buildRoutingGraph(network: RoadNetwork, profile: CostProfile, reverse = false): RoutingGraph {
  const nodeTotal = network.nodeLon.length;
  const links = network.linkFrom.length;
  const degree = new Uint32Array(nodeTotal + 1);
  for (let l = 0; l < links; l++) {
    const from = network.linkFrom[l]!;
    const to = network.linkTo[l]!;
    if (Number.isFinite(network.linkForwardSec[l]!)) degree[(reverse ? to : from) + 1]! += 1;
    if (Number.isFinite(network.linkBackwardSec[l]!)) degree[(reverse ? from : to) + 1]! += 1;
  }
  for (let v = 0; v < nodeTotal; v++) degree[v + 1]! += degree[v]!;
  const firstArc = degree;
  const arcs = firstArc[nodeTotal]!;
  const fill = firstArc.slice(0, nodeTotal);
  const arcHead = new Uint32Array(arcs);
  const arcWeightSec = new Float64Array(arcs);
  const arcLink = new Uint32Array(arcs);
  const arcBackward = new Uint8Array(arcs);
  const add = (tail: number, head: number, weight: number, link: number, backward: number) => {
    const a = fill[tail]!++;
    arcHead[a] = head;
    arcWeightSec[a] = weight;
    arcLink[a] = link;
    arcBackward[a] = backward;
  };
  for (let l = 0; l < links; l++) {
    const from = network.linkFrom[l]!;
    const to = network.linkTo[l]!;
    const forward = linkTimeSec(network, l, false, profile);
    const backward = linkTimeSec(network, l, true, profile);
    if (Number.isFinite(forward)) {
      if (reverse) add(to, from, forward, l, 0);
      else add(from, to, forward, l, 0);
    }
    if (Number.isFinite(backward)) {
      if (reverse) add(from, to, backward, l, 1);
      else add(to, from, backward, l, 1);
    }
  }
  return { nodeCount: nodeTotal, firstArc, arcHead, arcWeightSec, arcLink, arcBackward };
}
