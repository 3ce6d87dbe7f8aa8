import type { RoadNetwork } from "../network/road-network.js";
import { DijkstraSearch, type Seed } from "./dijkstra.js";
import { buildRoutingGraph, type CostProfile, type RoutingGraph } from "./routing-graph.js";
import type { LinkPosition } from "./snap.js";

/** One way onto the network: a position on a link and the time of the access link to it. */
export interface Access {
  position: LinkPosition;
  /** Time from the point to its position on the road (and back), normal driving. */
  accessSec: number;
}

/**
 * A point joined to the network: its position on a link and the time of its access link (the nearest road), and
 * optionally further access links to other nearby roads (`more`); a route may start or end on any of them.
 */
export interface JoinedPoint extends Access {
  more?: readonly Access[];
}

function accessesOf(point: JoinedPoint): readonly Access[] {
  return point.more && point.more.length > 0 ? [point, ...point.more] : [point];
}

/**
 * Shortest travel times between points joined to the network, for one cost profile. A point
 * enters the network at its link position (or at any of its further access positions) and can
 * drive to either end of the link the link's directions allow; two points on the same link can
 * also drive straight along it.
 */
export class LocationRouter {
  readonly graph: RoutingGraph;
  private readonly search: DijkstraSearch;

  constructor(
    private readonly network: RoadNetwork,
    private readonly points: readonly JoinedPoint[],
    private readonly profile: CostProfile,
  ) {
    this.graph = buildRoutingGraph(network, profile);
    this.search = new DijkstraSearch(this.graph);
  }

  private partSec(link: number, backward: boolean, share: number): number {
    const driveSec = backward ? this.network.linkBackwardSec[link]! : this.network.linkForwardSec[link]!;
    if (!Number.isFinite(driveSec)) return Infinity;
    return share * (driveSec / this.profile.speedFactor + this.network.linkFixedSec[link]!);
  }

  private accessSec(access: Access): number {
    return access.accessSec / this.profile.speedFactor;
  }

  pointsJoined(): readonly JoinedPoint[] {
    return this.points;
  }

  /** Nodes a point can reach first, and when. */
  entries(point: JoinedPoint): Seed[] {
    const seeds: Seed[] = [];
    for (const a of accessesOf(point)) {
      const { link, fraction } = a.position;
      const access = this.accessSec(a);
      const toEnd = this.partSec(link, false, 1 - fraction);
      if (Number.isFinite(toEnd)) seeds.push({ node: this.network.linkTo[link]!, sec: access + toEnd });
      const toStart = this.partSec(link, true, fraction);
      if (Number.isFinite(toStart)) seeds.push({ node: this.network.linkFrom[link]!, sec: access + toStart });
    }
    return seeds;
  }

  /** Nodes from which a point can be reached, and the time still to go from each. */
  exits(point: JoinedPoint): Seed[] {
    const seeds: Seed[] = [];
    for (const a of accessesOf(point)) {
      const { link, fraction } = a.position;
      const access = this.accessSec(a);
      const fromStart = this.partSec(link, false, fraction);
      if (Number.isFinite(fromStart)) seeds.push({ node: this.network.linkFrom[link]!, sec: fromStart + access });
      const fromEnd = this.partSec(link, true, 1 - fraction);
      if (Number.isFinite(fromEnd)) seeds.push({ node: this.network.linkTo[link]!, sec: fromEnd + access });
    }
    return seeds;
  }

  /** Time driving along one link from access `a` to access `b` (Infinity unless on the same link and allowed), access links included. */
  private alongSec(a: Access, b: Access): number {
    if (a.position.link !== b.position.link) return Infinity;
    const link = a.position.link;
    const delta = b.position.fraction - a.position.fraction;
    const along = delta >= 0 ? this.partSec(link, false, delta) : this.partSec(link, true, -delta);
    return this.accessSec(a) + along + this.accessSec(b);
  }

  /** Time driving straight along a shared link from one point to another (Infinity if not on the same link or against a one-way). */
  sameLinkSec(from: number, to: number): number {
    let best = Infinity;
    for (const a of accessesOf(this.points[from]!)) for (const b of accessesOf(this.points[to]!)) best = Math.min(best, this.alongSec(a, b));
    return best;
  }

  /** Time from the network onto one access of a target, given the current search's distances (access link excluded). */
  private arrivalAt(b: Access): { sec: number; viaStart: boolean } {
    const { link, fraction } = b.position;
    const dist = this.search.distSec;
    const viaStart = dist[this.network.linkFrom[link]!]! + this.partSec(link, false, fraction);
    const viaEnd = dist[this.network.linkTo[link]!]! + this.partSec(link, true, 1 - fraction);
    return viaStart <= viaEnd ? { sec: viaStart, viaStart: true } : { sec: viaEnd, viaStart: false };
  }

  /** Time from the network to point `target` given the current search's distances. */
  private arrivalSec(source: JoinedPoint, target: JoinedPoint): number {
    let best = Infinity;
    const sources = accessesOf(source);
    for (const b of accessesOf(target)) {
      const via = this.arrivalAt(b).sec + this.accessSec(b);
      if (via < best) best = via;
      for (const a of sources) {
        const direct = this.alongSec(a, b);
        if (direct < best) best = direct;
      }
    }
    return best;
  }

  /** Both end nodes of every point's link: a row's search can stop once they are all settled. */
  private pointLinkNodes: number[] | undefined;

  /** Travel times from point `from` to every point (Infinity where unreachable). */
  row(from: number, out: Float32Array | Float64Array = new Float64Array(this.points.length)): Float32Array | Float64Array {
    const source = this.points[from]!;
    // On a regional network (N1000 covers all of Helse Sør-Øst) a scenario's points sit in a small
    // part of it, so stopping when their links are reached saves most of each search.
    this.pointLinkNodes ??= [...new Set(this.points.flatMap((point) => accessesOf(point).flatMap((a) => [this.network.linkFrom[a.position.link]!, this.network.linkTo[a.position.link]!])))];
    this.search.run(this.entries(source), this.pointLinkNodes);
    for (let j = 0; j < this.points.length; j++) out[j] = j === from ? 0 : this.arrivalSec(source, this.points[j]!);
    return out;
  }

  /** The links of the fastest route from point `from` to point `to`, in driving order, with the time. */
  route(from: number, to: number): { sec: number; links: Array<{ link: number; backward: boolean }> } {
    const source = this.points[from]!;
    const target = this.points[to]!;
    this.search.run(this.entries(source));
    const sec = from === to ? 0 : this.arrivalSec(source, target);
    // The target access the best route arrives by, or a drive along one shared link.
    let best: { b: Access; viaStart: boolean; sec: number } | null = null;
    for (const b of accessesOf(target)) {
      const at = this.arrivalAt(b);
      const total = at.sec + this.accessSec(b);
      if (!best || total < best.sec) best = { b, viaStart: at.viaStart, sec: total };
    }
    for (const a of accessesOf(source)) {
      for (const b of accessesOf(target)) {
        if (this.alongSec(a, b) < best!.sec) return { sec, links: [{ link: a.position.link, backward: b.position.fraction < a.position.fraction }] };
      }
    }
    const { link } = best!.b.position;
    let node = best!.viaStart ? this.network.linkFrom[link]! : this.network.linkTo[link]!;
    const links: Array<{ link: number; backward: boolean }> = [{ link, backward: !best!.viaStart }];
    for (;;) {
      const arc = this.search.parentArc[node]!;
      if (arc < 0) break;
      const backward = this.graph.arcBackward[arc] === 1;
      const l = this.graph.arcLink[arc]!;
      links.push({ link: l, backward });
      node = backward ? this.network.linkTo[l]! : this.network.linkFrom[l]!;
    }
    // The source access whose link leads to the first node at the time the search gave it.
    const first = accessesOf(source).find((a) => {
      const l = a.position.link;
      const seedSec = this.search.distSec[node]!;
      const access = this.accessSec(a);
      return (
        (this.network.linkTo[l] === node && Math.abs(access + this.partSec(l, false, 1 - a.position.fraction) - seedSec) < 1e-6) ||
        (this.network.linkFrom[l] === node && Math.abs(access + this.partSec(l, true, a.position.fraction) - seedSec) < 1e-6)
      );
    });
    links.push({ link: (first ?? source).position.link, backward: false });
    links.reverse();
    return { sec, links };
  }
}
