import type { RoadNetwork } from "../network/road-network.js";
import { DijkstraSearch, type Seed } from "./dijkstra.js";
import { buildRoutingGraph, type CostProfile, type RoutingGraph } from "./routing-graph.js";
import type { LinkPosition } from "./snap.js";

/** A point joined to the network: its position on a link and the time of its access link. */
export interface JoinedPoint {
  position: LinkPosition;
  /** Time from the point to its position on the road (and back), normal driving. */
  accessSec: number;
}

/**
 * Shortest travel times between points joined to the network, for one cost profile. A point
 * enters the network at its link position and can drive to either end of the link the link's
 * directions allow; two points on the same link can also drive straight along it.
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

  private accessSec(point: JoinedPoint): number {
    return point.accessSec / this.profile.speedFactor;
  }

  pointsJoined(): readonly JoinedPoint[] {
    return this.points;
  }

  /** Nodes a point can reach first, and when. */
  entries(point: JoinedPoint): Seed[] {
    const { link, fraction } = point.position;
    const access = this.accessSec(point);
    const seeds: Seed[] = [];
    const toEnd = this.partSec(link, false, 1 - fraction);
    if (Number.isFinite(toEnd)) seeds.push({ node: this.network.linkTo[link]!, sec: access + toEnd });
    const toStart = this.partSec(link, true, fraction);
    if (Number.isFinite(toStart)) seeds.push({ node: this.network.linkFrom[link]!, sec: access + toStart });
    return seeds;
  }

  /** Nodes from which a point can be reached, and the time still to go from each. */
  exits(point: JoinedPoint): Seed[] {
    const { link, fraction } = point.position;
    const access = this.accessSec(point);
    const seeds: Seed[] = [];
    const fromStart = this.partSec(link, false, fraction);
    if (Number.isFinite(fromStart)) seeds.push({ node: this.network.linkFrom[link]!, sec: fromStart + access });
    const fromEnd = this.partSec(link, true, 1 - fraction);
    if (Number.isFinite(fromEnd)) seeds.push({ node: this.network.linkTo[link]!, sec: fromEnd + access });
    return seeds;
  }

  /** Time driving straight along a shared link from one point to another (Infinity if not on the same link or against a one-way). */
  sameLinkSec(from: number, to: number): number {
    const source = this.points[from]!;
    const target = this.points[to]!;
    if (source.position.link !== target.position.link) return Infinity;
    const link = source.position.link;
    const delta = target.position.fraction - source.position.fraction;
    const along = delta >= 0 ? this.partSec(link, false, delta) : this.partSec(link, true, -delta);
    return this.accessSec(source) + along + this.accessSec(target);
  }

  /** Time from the network to point `target` given the current search's distances. */
  private arrivalSec(source: JoinedPoint, target: JoinedPoint): number {
    const { link, fraction } = target.position;
    const dist = this.search.distSec;
    let best = Infinity;
    const viaStart = dist[this.network.linkFrom[link]!]! + this.partSec(link, false, fraction);
    if (viaStart < best) best = viaStart;
    const viaEnd = dist[this.network.linkTo[link]!]! + this.partSec(link, true, 1 - fraction);
    if (viaEnd < best) best = viaEnd;
    if (source.position.link === link) {
      const delta = fraction - source.position.fraction;
      const along = delta >= 0 ? this.partSec(link, false, delta) : this.partSec(link, true, -delta);
      const direct = this.accessSec(source) + along;
      if (direct < best) best = direct;
    }
    return best + this.accessSec(target);
  }

  /** Both end nodes of every point's link: a row's search can stop once they are all settled. */
  private pointLinkNodes: number[] | undefined;

  /** Travel times from point `from` to every point (Infinity where unreachable). */
  row(from: number, out: Float32Array | Float64Array = new Float64Array(this.points.length)): Float32Array | Float64Array {
    const source = this.points[from]!;
    // On a regional network (N1000 covers all of Helse Sør-Øst) a scenario's points sit in a small
    // part of it, so stopping when their links are reached saves most of each search.
    this.pointLinkNodes ??= [...new Set(this.points.flatMap((point) => [this.network.linkFrom[point.position.link]!, this.network.linkTo[point.position.link]!]))];
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
    const { link, fraction } = target.position;
    const dist = this.search.distSec;
    const viaStart = dist[this.network.linkFrom[link]!]! + this.partSec(link, false, fraction);
    const viaEnd = dist[this.network.linkTo[link]!]! + this.partSec(link, true, 1 - fraction);
    let node = viaStart <= viaEnd ? this.network.linkFrom[link]! : this.network.linkTo[link]!;
    const links: Array<{ link: number; backward: boolean }> = [{ link, backward: viaStart > viaEnd }];
    for (;;) {
      const arc = this.search.parentArc[node]!;
      if (arc < 0) break;
      const backward = this.graph.arcBackward[arc] === 1;
      const l = this.graph.arcLink[arc]!;
      links.push({ link: l, backward });
      node = backward ? this.network.linkTo[l]! : this.network.linkFrom[l]!;
    }
    links.push({ link: source.position.link, backward: false });
    links.reverse();
    return { sec, links };
  }
}
