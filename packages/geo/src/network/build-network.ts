import { haversineM } from "../geometry/distance.js";
import { GeoInputError } from "../errors/geo-errors.js";
import { LINK_FLAG_BRIDGE, LINK_FLAG_FERRY, LINK_FLAG_NO_JOIN, LINK_FLAG_TUNNEL, type BuildReport, type NetworkMeta, type RoadNetwork } from "./road-network.js";
import { largestStrongComponent } from "./components.js";

/** One link as an importer reads it, before node numbering and component filtering. */
export interface RawLink {
  from: string;
  to: string;
  /** Shape from the `from` node to the `to` node, at least the two end points, [lon, lat]. */
  coords: Array<[number, number]>;
  /** Length in metres; measured from the shape when absent. */
  lengthM?: number;
  roadClass: string;
  /** Speed of this link; else the road class's speed. */
  speedKmh?: number;
  /** Explicit driving times (override speed). */
  forwardSec?: number;
  backwardSec?: number;
  /** "forward": only from → to; "backward": only to → from. */
  oneway: "no" | "forward" | "backward";
  ferry?: boolean;
  tunnel?: boolean;
  bridge?: boolean;
  /** Points may not be joined to this link (motorways, ramps). */
  noJoin?: boolean;
  /** Time not shortened by blue lights (ferry wait and crossing). */
  fixedSec?: number;
}

export interface BuildOptions {
  name: string;
  sourceKind: NetworkMeta["sourceKind"];
  sources: NetworkMeta["sources"];
  limitations: string[];
  speedsKmh: Record<string, number>;
  buildParameters: Record<string, unknown>;
  skippedLinks?: Record<string, number>;
  notes?: string[];
  /** Label for messages, usually the input file. */
  origin: string;
  /** Keep only links with at least one shape point inside. */
  clip?: NetworkClip;
}

/** An area to cut a network to (e.g. the union of some municipalities). */
export interface NetworkClip {
  label: string;
  contains(lon: number, lat: number): boolean;
}

export function shapeLengthM(coords: ReadonlyArray<readonly [number, number]>): number {
  let lengthM = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1]!;
    const b = coords[i]!;
    lengthM += haversineM(a[0], a[1], b[0], b[1]);
  }
  return lengthM;
}

/**
 * Numbers the nodes, computes link times from speeds, keeps the largest strongly connected
 * component (so every kept point can reach every other) and reports what was dropped.
 */
export function buildNetwork(rawLinks: readonly RawLink[], options: BuildOptions): RoadNetwork {
  const skipped: Record<string, number> = { ...(options.skippedLinks ?? {}) };
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const nodeIndex = new Map<string, number>();
  const nodeLonList: number[] = [];
  const nodeLatList: number[] = [];
  const nodeOf = (key: string, lon: number, lat: number): number => {
    let index = nodeIndex.get(key);
    if (index === undefined) {
      index = nodeLonList.length;
      nodeIndex.set(key, index);
      nodeLonList.push(lon);
      nodeLatList.push(lat);
    }
    return index;
  };
  const roadClasses: string[] = [];
  const classIndex = new Map<string, number>();
  const unknownClasses = new Set<string>();

  interface Prepared { from: number; to: number; raw: RawLink; lengthM: number; forwardSec: number; backwardSec: number; fixedSec: number; cls: number }
  const prepared: Prepared[] = [];
  for (const raw of rawLinks) {
    if (options.clip && !raw.coords.some(([lon, lat]) => options.clip!.contains(lon, lat))) {
      skip("outside the clip area");
      continue;
    }
    const first = raw.coords[0];
    const last = raw.coords[raw.coords.length - 1];
    if (!first || !last || raw.coords.length < 2) {
      skip("no geometry");
      continue;
    }
    if (raw.from === raw.to) {
      skip("loop (same start and end node)");
      continue;
    }
    const lengthM = raw.lengthM ?? shapeLengthM(raw.coords);
    if (!Number.isFinite(lengthM) || lengthM < 0) {
      skip("invalid length");
      continue;
    }
    let speedKmh = raw.speedKmh ?? options.speedsKmh[raw.roadClass];
    if (speedKmh === undefined && raw.forwardSec === undefined && raw.backwardSec === undefined && !raw.ferry) {
      unknownClasses.add(raw.roadClass);
      continue;
    }
    speedKmh ??= 1;
    const driveSec = raw.ferry ? 0 : lengthM / (speedKmh / 3.6);
    const forwardSec = raw.oneway === "backward" ? Infinity : (raw.forwardSec ?? driveSec);
    const backwardSec = raw.oneway === "forward" ? Infinity : (raw.backwardSec ?? raw.forwardSec ?? driveSec);
    if (!(forwardSec >= 0) || !(backwardSec >= 0)) {
      skip("invalid time");
      continue;
    }
    let cls = classIndex.get(raw.roadClass);
    if (cls === undefined) {
      cls = roadClasses.length;
      roadClasses.push(raw.roadClass);
      classIndex.set(raw.roadClass, cls);
    }
    prepared.push({
      from: nodeOf(raw.from, first[0], first[1]),
      to: nodeOf(raw.to, last[0], last[1]),
      raw,
      lengthM,
      forwardSec,
      backwardSec,
      fixedSec: raw.fixedSec ?? 0,
      cls,
    });
  }
  if (unknownClasses.size > 0) {
    throw new GeoInputError(
      `${options.origin}: no speed for road class ${[...unknownClasses].map((c) => `'${c}'`).join(", ")}; give a speed or time per link, or a speed for the class (known classes: ${Object.keys(options.speedsKmh).join(", ")})`,
      options.origin,
    );
  }
  if (prepared.length === 0) {
    throw new GeoInputError(options.clip ? `${options.origin}: clipping to ${options.clip.label} leaves no roads` : `${options.origin}: no drivable links`, options.origin);
  }

  const nodeTotal = nodeLonList.length;
  const keep = largestStrongComponent(
    nodeTotal,
    prepared.map((p) => p.from),
    prepared.map((p) => p.to),
    prepared.map((p) => Number.isFinite(p.forwardSec)),
    prepared.map((p) => Number.isFinite(p.backwardSec)),
  );
  const newNode = new Int32Array(nodeTotal).fill(-1);
  let keptNodes = 0;
  for (let i = 0; i < nodeTotal; i++) if (keep.inLargest[i]) newNode[i] = keptNodes++;

  const kept = prepared.filter((p) => keep.inLargest[p.from] && keep.inLargest[p.to]);
  let droppedLengthM = 0;
  let keptLengthM = 0;
  for (const p of prepared) {
    if (keep.inLargest[p.from] && keep.inLargest[p.to]) keptLengthM += p.lengthM;
    else droppedLengthM += p.lengthM;
  }

  const nodeLon = new Float64Array(keptNodes);
  const nodeLat = new Float64Array(keptNodes);
  for (let i = 0; i < nodeTotal; i++) {
    const n = newNode[i]!;
    if (n >= 0) {
      nodeLon[n] = nodeLonList[i]!;
      nodeLat[n] = nodeLatList[i]!;
    }
  }
  const linkTotal = kept.length;
  let shapePoints = 0;
  for (const p of kept) shapePoints += p.raw.coords.length;
  const network: RoadNetwork = {
    meta: {
      formatVersion: 1,
      name: options.name,
      sourceKind: options.sourceKind,
      sources: options.sources,
      limitations: options.limitations,
      roadClasses,
      speedsKmh: options.speedsKmh,
      buildParameters: options.buildParameters,
      build: {} as BuildReport,
    },
    nodeLon,
    nodeLat,
    linkFrom: new Uint32Array(linkTotal),
    linkTo: new Uint32Array(linkTotal),
    linkLengthM: new Float64Array(linkTotal),
    linkForwardSec: new Float64Array(linkTotal),
    linkBackwardSec: new Float64Array(linkTotal),
    linkFixedSec: new Float64Array(linkTotal),
    linkClass: new Uint16Array(linkTotal),
    linkFlags: new Uint8Array(linkTotal),
    shapeOffset: new Uint32Array(linkTotal + 1),
    shapeLon: new Float64Array(shapePoints),
    shapeLat: new Float64Array(shapePoints),
  };
  let s = 0;
  kept.forEach((p, i) => {
    network.linkFrom[i] = newNode[p.from]!;
    network.linkTo[i] = newNode[p.to]!;
    network.linkLengthM[i] = p.lengthM;
    network.linkForwardSec[i] = p.forwardSec;
    network.linkBackwardSec[i] = p.backwardSec;
    network.linkFixedSec[i] = p.fixedSec;
    network.linkClass[i] = p.cls;
    network.linkFlags[i] = (p.raw.ferry ? LINK_FLAG_FERRY : 0) | (p.raw.tunnel ? LINK_FLAG_TUNNEL : 0) | (p.raw.bridge ? LINK_FLAG_BRIDGE : 0) | (p.raw.noJoin ? LINK_FLAG_NO_JOIN : 0);
    network.shapeOffset[i] = s;
    for (const [lon, lat] of p.raw.coords) {
      network.shapeLon[s] = lon;
      network.shapeLat[s] = lat;
      s++;
    }
  });
  network.shapeOffset[linkTotal] = s;
  network.meta.build = {
    inputLinks: rawLinks.length + Object.values(options.skippedLinks ?? {}).reduce((a, b) => a + b, 0),
    skippedLinks: skipped,
    keptLinks: linkTotal,
    keptNodes,
    droppedComponents: keep.componentCount - 1,
    droppedLinks: prepared.length - linkTotal,
    droppedNodes: nodeTotal - keptNodes,
    droppedLengthM,
    keptLengthM,
    notes: options.notes ?? [],
  };
  return network;
}
