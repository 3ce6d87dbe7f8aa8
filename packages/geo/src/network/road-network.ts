/**
 * A road network ready for routing: nodes with coordinates and links between them. A link is one
 * road piece between two junctions; it can be driven forward (from → to), backward, or both, each with
 * its own time. Ferry crossings carry a fixed time that blue lights do not shorten.
 */

export const LINK_FLAG_FERRY = 1;
export const LINK_FLAG_TUNNEL = 2;
export const LINK_FLAG_BRIDGE = 4;
/** Points are not joined to this link (motorways, ramps, motor roads: no doors open onto them). */
export const LINK_FLAG_NO_JOIN = 8;

export interface BuildReport {
  /** Links read from the source before any filtering. */
  inputLinks: number;
  /** Links the import skipped (not drivable, bad data), by reason. */
  skippedLinks: Record<string, number>;
  /** Links kept in the largest strongly connected component. */
  keptLinks: number;
  keptNodes: number;
  /** Components other than the largest, and what they held. */
  droppedComponents: number;
  droppedLinks: number;
  droppedNodes: number;
  droppedLengthM: number;
  keptLengthM: number;
  notes: string[];
}

export interface NetworkMeta {
  formatVersion: 1;
  /** Label shown in reports, e.g. "N1000 main-road network, generalised". */
  name: string;
  sourceKind: "n1000" | "edge-list" | "nvdb" | "osm-pbf";
  sources: Array<{ path: string; sha256: string }>;
  limitations: string[];
  /** Road-class names; a link's class is an index into this list. */
  roadClasses: string[];
  /** Free-flow speeds used at build time, by road class. */
  speedsKmh: Record<string, number>;
  /** Parameters of the build that change the result (hashed into cache keys). */
  buildParameters: Record<string, unknown>;
  build: BuildReport;
}

export interface RoadNetwork {
  meta: NetworkMeta;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  linkFrom: Uint32Array;
  linkTo: Uint32Array;
  linkLengthM: Float64Array;
  /** Driving time from → to at free flow; Infinity where that direction is closed. */
  linkForwardSec: Float64Array;
  /** Driving time to → from at free flow; Infinity where that direction is closed. */
  linkBackwardSec: Float64Array;
  /** Time not scaled by emergency driving (ferry crossing and waiting); added in either direction. */
  linkFixedSec: Float64Array;
  linkClass: Uint16Array;
  linkFlags: Uint8Array;
  /** Shape of link i is shapeLon/Lat[shapeOffset[i] .. shapeOffset[i+1]), end points included. */
  shapeOffset: Uint32Array;
  shapeLon: Float64Array;
  shapeLat: Float64Array;
}

export function nodeCount(network: RoadNetwork): number {
  return network.nodeLon.length;
}

export function linkCount(network: RoadNetwork): number {
  return network.linkFrom.length;
}
