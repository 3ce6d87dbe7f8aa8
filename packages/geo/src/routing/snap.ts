import Flatbush from "flatbush";
import { haversineM, LocalProjection, projectOnSegment } from "../geometry/distance.js";
import { LINK_FLAG_FERRY, LINK_FLAG_NO_JOIN, LINK_FLAG_TUNNEL, type RoadNetwork } from "../network/road-network.js";

const NOT_JOINABLE = LINK_FLAG_FERRY | LINK_FLAG_TUNNEL | LINK_FLAG_NO_JOIN;

/** Where a point joins the network: a position on a link. */
export interface LinkPosition {
  link: number;
  /** Share of the link's length from its `from` node, 0..1. */
  fraction: number;
  /** Straight distance from the point to that position (m). */
  distanceM: number;
  lon: number;
  lat: number;
}

/**
 * Nearest-link search over the segments of every link that a vehicle can join (not ferries, not
 * tunnels, not links flagged LINK_FLAG_NO_JOIN such as OSM motorways and ramps). Coordinates are projected to metres around the network's mean latitude.
 */
export class SnapIndex {
  private readonly index: Flatbush | null;
  private readonly segmentLink: Uint32Array;
  private readonly segmentStart: Uint32Array;
  /** Length along the link up to each shape point (m, planar). */
  private readonly alongM: Float64Array;
  private readonly linkShapeLengthM: Float64Array;
  private readonly projection: LocalProjection;

  constructor(private readonly network: RoadNetwork) {
    const { shapeOffset, shapeLon, shapeLat, linkFlags } = network;
    const links = network.linkFrom.length;
    let latSum = 0;
    for (let i = 0; i < network.nodeLat.length; i++) latSum += network.nodeLat[i]!;
    this.projection = new LocalProjection(network.nodeLat.length > 0 ? latSum / network.nodeLat.length : 60);
    const p = this.projection;
    this.alongM = new Float64Array(shapeLon.length);
    this.linkShapeLengthM = new Float64Array(links);
    let segments = 0;
    for (let l = 0; l < links; l++) {
      const start = shapeOffset[l]!;
      const end = shapeOffset[l + 1]!;
      let along = 0;
      this.alongM[start] = 0;
      for (let s = start + 1; s < end; s++) {
        along += Math.hypot(p.x(shapeLon[s]!) - p.x(shapeLon[s - 1]!), p.y(shapeLat[s]!) - p.y(shapeLat[s - 1]!));
        this.alongM[s] = along;
      }
      this.linkShapeLengthM[l] = along;
      if ((linkFlags[l]! & NOT_JOINABLE) === 0) segments += Math.max(0, end - start - 1);
    }
    this.segmentLink = new Uint32Array(segments);
    this.segmentStart = new Uint32Array(segments);
    if (segments === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(segments);
    let k = 0;
    for (let l = 0; l < links; l++) {
      if ((linkFlags[l]! & NOT_JOINABLE) !== 0) continue;
      for (let s = shapeOffset[l]!; s + 1 < shapeOffset[l + 1]!; s++) {
        const ax = p.x(shapeLon[s]!);
        const ay = p.y(shapeLat[s]!);
        const bx = p.x(shapeLon[s + 1]!);
        const by = p.y(shapeLat[s + 1]!);
        index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
        this.segmentLink[k] = l;
        this.segmentStart[k] = s;
        k++;
      }
    }
    index.finish();
    this.index = index;
  }

  /** Up to `count` nearest links within `maxDistanceM`, nearest first, one position per link. */
  nearest(lon: number, lat: number, count: number, maxDistanceM: number): LinkPosition[] {
    if (!this.index) return [];
    const p = this.projection;
    const px = p.x(lon);
    const py = p.y(lat);
    const best = new Map<number, { distanceSq: number; segment: number; fraction: number; x: number; y: number }>();
    // Boxes come nearest-first; stop once the box distance exceeds the count-th best exact distance.
    const { shapeLon, shapeLat } = this.network;
    const candidates = this.index.neighbors(px, py, Math.max(64, count * 16), maxDistanceM * 1.01);
    for (const k of candidates) {
      const s = this.segmentStart[k]!;
      const link = this.segmentLink[k]!;
      const hit = projectOnSegment(px, py, p.x(shapeLon[s]!), p.y(shapeLat[s]!), p.x(shapeLon[s + 1]!), p.y(shapeLat[s + 1]!));
      const previous = best.get(link);
      if (!previous || hit.distanceSq < previous.distanceSq) best.set(link, { distanceSq: hit.distanceSq, segment: s, fraction: hit.fraction, x: hit.x, y: hit.y });
    }
    const positions: LinkPosition[] = [];
    for (const [link, hit] of best) {
      const alongStart = this.alongM[hit.segment]!;
      const alongEnd = this.alongM[hit.segment + 1]!;
      const total = this.linkShapeLengthM[link]!;
      const along = alongStart + hit.fraction * (alongEnd - alongStart);
      const snapLon = p.lon(hit.x);
      const snapLat = p.lat(hit.y);
      const distanceM = haversineM(lon, lat, snapLon, snapLat);
      if (distanceM <= maxDistanceM) positions.push({ link, fraction: total > 0 ? along / total : 0, distanceM, lon: snapLon, lat: snapLat });
    }
    positions.sort((a, b) => a.distanceM - b.distanceM || a.link - b.link);
    return positions.slice(0, count);
  }
}
