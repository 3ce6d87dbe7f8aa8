import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { NetworkFileError } from "../errors/geo-errors.js";
import { buildNetwork, type NetworkClip, type RawLink } from "../network/build-network.js";
import type { RoadNetwork } from "../network/road-network.js";
import { readOsmPbf } from "./pbf-reader.js";

/** Free-flow speeds (km/h) by OSM `highway` value, used where a way has no numeric maxspeed. */
export const OSM_DEFAULT_SPEEDS_KMH: Readonly<Record<string, number>> = {
  motorway: 100,
  motorway_link: 60,
  trunk: 80,
  trunk_link: 50,
  primary: 70,
  primary_link: 40,
  secondary: 60,
  secondary_link: 40,
  tertiary: 50,
  tertiary_link: 30,
  unclassified: 40,
  residential: 30,
  living_street: 10,
  service: 20,
  road: 30,
};

export interface OsmImportOptions {
  speedsKmh?: Record<string, number>;
  /** Use the ways' numeric `maxspeed` (km/h) where given (default true). */
  useMaxspeed?: boolean;
  clip?: NetworkClip;
  progress?: (bytesRead: number, bytesTotal: number) => void;
  name?: string;
}

function onewayOf(tags: Record<string, string>): RawLink["oneway"] {
  const oneway = tags["oneway"];
  if (oneway === "yes" || oneway === "true" || oneway === "1") return "forward";
  if (oneway === "-1" || oneway === "reverse") return "backward";
  if (oneway === "no" || oneway === "false" || oneway === "0") return "no";
  if (tags["junction"] === "roundabout" || tags["highway"] === "motorway" || tags["highway"] === "motorway_link") return "forward";
  return "no";
}

function maxspeedKmh(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(mph)?$/.exec(value.trim());
  if (!match) return undefined;
  const speed = Number(match[1]);
  return match[2] ? speed * 1.609344 : speed;
}

/**
 * Road network from an OSM PBF extract: ways with a car-drivable `highway` value, split into links at
 * junctions (nodes shared by several ways) and way ends; one-way rules from `oneway`, `junction=roundabout`
 * and motorways; speed from `maxspeed` or the class. Access restrictions (`access=no`, `motor_vehicle=no`) drop the way.
 */
export function importOsmPbf(path: string, options: OsmImportOptions = {}): RoadNetwork {
  if (!existsSync(path)) throw new NetworkFileError(path, "no such file");
  const bytes = readFileSync(path);
  const speedsKmh = { ...OSM_DEFAULT_SPEEDS_KMH, ...(options.speedsKmh ?? {}) };
  const useMaxspeed = options.useMaxspeed ?? true;
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };

  // Pass 1: drivable ways and how often each node is used.
  const ways: Array<{ id: number; refs: number[]; roadClass: string; oneway: RawLink["oneway"]; speedKmh: number | undefined }> = [];
  const nodeUse = new Map<number, number>();
  readOsmPbf(path, bytes, {
    way(way) {
      const highway = way.tags["highway"];
      if (!highway || !(highway in speedsKmh)) return;
      const access = way.tags["motor_vehicle"] ?? way.tags["motorcar"] ?? way.tags["access"];
      if (access === "no" || access === "private") {
        skip(`access ${access}`);
        return;
      }
      if (way.refs.length < 2) {
        skip("way with fewer than two nodes");
        return;
      }
      ways.push({ id: way.id, refs: way.refs, roadClass: highway, oneway: onewayOf(way.tags), speedKmh: useMaxspeed ? maxspeedKmh(way.tags["maxspeed"]) : undefined });
      way.refs.forEach((ref, i) => {
        const ends = i === 0 || i === way.refs.length - 1 ? 2 : 1;
        nodeUse.set(ref, (nodeUse.get(ref) ?? 0) + ends);
      });
    },
    ...(options.progress ? { progress: (read: number, total: number) => options.progress!(read / 2, total) } : {}),
  });
  if (ways.length === 0) throw new NetworkFileError(path, "no drivable roads (no ways with a car highway tag)");

  // Pass 2: coordinates of the nodes those ways use.
  const coords = new Map<number, [number, number]>();
  readOsmPbf(path, bytes, {
    node(node) {
      if (nodeUse.has(node.id)) coords.set(node.id, [node.lon, node.lat]);
    },
    ...(options.progress ? { progress: (read: number, total: number) => options.progress!(total / 2 + read / 2, total) } : {}),
  });

  const links: RawLink[] = [];
  for (const way of ways) {
    let start = 0;
    for (let i = 1; i < way.refs.length; i++) {
      const ref = way.refs[i]!;
      if (i < way.refs.length - 1 && (nodeUse.get(ref) ?? 0) < 2) continue;
      const piece = way.refs.slice(start, i + 1);
      start = i;
      const shape = piece.map((r) => coords.get(r));
      if (shape.some((c) => c === undefined)) {
        skip("node missing from the extract");
        continue;
      }
      const points = shape as Array<[number, number]>;
      links.push({
        from: String(piece[0]),
        to: String(piece[piece.length - 1]),
        coords: points,
        roadClass: way.roadClass,
        ...(way.speedKmh !== undefined ? { speedKmh: way.speedKmh } : {}),
        oneway: way.oneway,
      });
    }
  }
  if (links.length === 0) throw new NetworkFileError(path, "no drivable road links");
  return buildNetwork(links, {
    name: options.name ?? `OpenStreetMap road network (${path.split("/").pop()})`,
    sourceKind: "osm-pbf",
    sources: [{ path, sha256: createHash("sha256").update(bytes).digest("hex") }],
    limitations: ["OpenStreetMap roads with speeds from maxspeed or assumed per highway class; turn restrictions and traffic signals are not modelled.", ...(options.clip ? [`Clipped to ${options.clip.label}.`] : [])],
    speedsKmh,
    buildParameters: { useMaxspeed, clip: options.clip?.label ?? null },
    skippedLinks: skipped,
    origin: path,
    ...(options.clip ? { clip: options.clip } : {}),
  });
}
