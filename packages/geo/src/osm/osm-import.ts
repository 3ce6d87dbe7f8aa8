import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { NetworkFileError } from "../errors/geo-errors.js";
import { buildNetwork, shapeLengthM, type BuildOptions, type NetworkClip, type RawLink } from "../network/build-network.js";
import type { RoadNetwork } from "../network/road-network.js";
import { readOsmPbf } from "./pbf-reader.js";

/**
 * Free-flow speeds (km/h) by OSM `highway` value, used where a way has no usable `maxspeed`. They follow the
 * Norwegian rules (50 km/h in built-up areas, 80 elsewhere unless signed) and what is signed on such roads in the
 * Oslo extract: trunk and primary roads there are mostly 50–70, residential streets 30. `living_street` and
 * `pedestrian` (the latter only where cars are explicitly allowed) are walking pace ("gangfart", taken as 7 km/h).
 */
export const OSM_DEFAULT_SPEEDS_KMH: Readonly<Record<string, number>> = {
  motorway: 90,
  motorway_link: 50,
  trunk: 70,
  trunk_link: 40,
  primary: 60,
  primary_link: 40,
  secondary: 50,
  secondary_link: 40,
  tertiary: 50,
  tertiary_link: 30,
  unclassified: 40,
  residential: 30,
  living_street: 7,
  service: 20,
  road: 30,
  pedestrian: 7,
};

/** Highway values a car may use unless access tags say otherwise (`pedestrian` needs an explicit car access tag). */
const CAR_HIGHWAYS = new Set(Object.keys(OSM_DEFAULT_SPEEDS_KMH).filter((h) => h !== "pedestrian"));

/** Classes points are never joined to (nobody's door is on a motorway or a ramp); `motorroad=yes` ways too. */
const NO_JOIN_HIGHWAYS = new Set(["motorway", "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link"]);

/** Access values that close a way to ordinary cars. Everything else (yes, destination, permissive, customers, designated, …) is open. */
const CLOSED_ACCESS = new Set(["no", "private", "delivery", "agricultural", "forestry", "permit", "military", "use_sidepath"]);
const OPEN_ACCESS = new Set(["yes", "designated", "permissive", "destination", "customers", "official", "discouraged"]);

/** `service=*` values whose ways are left out: lanes inside car parks and drive-through lanes are not through roads. */
const DROPPED_SERVICE = new Set(["parking_aisle", "drive-through"]);

/** Barrier nodes that stop a car (unless the node's own access tags open it). Gates are taken as passable. */
const BLOCKING_BARRIERS = new Set([
  "bollard",
  "block",
  "jersey_barrier",
  "cycle_barrier",
  "motorcycle_barrier",
  "log",
  "bus_trap",
  "chain",
  "debris",
  "planter",
  "rope",
  "spikes",
  "turnstile",
  "stile",
  "kissing_gate",
  "full-height_turnstile",
]);

/** Average delay per traffic-signal node passed (s, normal driving; blue lights shorten it like driving). */
export const OSM_TRAFFIC_SIGNAL_DELAY_SEC = 8;

/** Walking pace ("gangfart") for `maxspeed=walk` and Norwegian living streets (km/h). */
const WALK_KMH = 7;

/** Bumped when the import rules change (part of the network's identity). */
export const OSM_IMPORT_RULES_VERSION = 2;

export interface OsmImportOptions {
  speedsKmh?: Record<string, number>;
  /** Use the ways' `maxspeed` where given (default true). */
  useMaxspeed?: boolean;
  /** Delay per traffic-signal node passed, in seconds (default OSM_TRAFFIC_SIGNAL_DELAY_SEC; 0 = none). */
  trafficSignalDelaySec?: number;
  /**
   * Keep ways and barriers closed to cars but open to emergency vehicles or buses (`emergency=yes`, `psv`/`bus`
   * yes/designated, `highway=emergency_access`): blue-light ambulances may use bus roads and gates. Default false
   * (the network is for normal driving, which blue-light driving only speeds up).
   */
  emergencyRoutes?: boolean;
  clip?: NetworkClip;
  progress?: (bytesRead: number, bytesTotal: number) => void;
  name?: string;
}

/**
 * `maxspeed` in km/h, or undefined when absent or not a number this reader accepts (then the class default is
 * used). Accepted: a number ("50", "50.5") with an optional unit "km/h", "kmh", "kph", "km/t" or "mph"; Norwegian
 * implicit values "NO:urban" (50), "NO:rural" (80), "NO:motorway" (80: no statutory motorway limit, motorways are
 * signed), "NO:living_street"/"NO:pedestrian" and "walk" (walking pace, 7); several values separated by ";"
 * (the lowest). "none", "signals", "variable" and other countries' implicit values give undefined.
 */
export function parseMaxspeedKmh(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let best: number | undefined;
  for (const part of value.split(";")) {
    const kmh = parseOneMaxspeed(part.trim());
    if (kmh !== undefined && (best === undefined || kmh < best)) best = kmh;
  }
  return best;
}

function parseOneMaxspeed(value: string): number | undefined {
  const numeric = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|km\/t|mph)?$/i.exec(value);
  if (numeric) {
    const speed = Number(numeric[1]);
    if (!(speed > 0)) return undefined;
    return numeric[2]?.toLowerCase() === "mph" ? speed * 1.609344 : speed;
  }
  switch (value.toLowerCase()) {
    case "no:urban":
      return 50;
    case "no:rural":
    case "no:motorway":
      return 80;
    case "no:living_street":
    case "no:pedestrian":
    case "walk":
      return WALK_KMH;
    default:
      return undefined;
  }
}

/** Driving directions from `oneway`, `junction=roundabout|circular` and motorways; null for reversible/alternating ways. */
export function osmOneway(tags: Readonly<Record<string, string>>): RawLink["oneway"] | null {
  const oneway = tags["oneway"];
  if (oneway === "yes" || oneway === "true" || oneway === "1") return "forward";
  if (oneway === "-1" || oneway === "reverse") return "backward";
  if (oneway === "no" || oneway === "false" || oneway === "0") return "no";
  if (oneway === "reversible" || oneway === "alternating") return null;
  const junction = tags["junction"];
  if (junction === "roundabout" || junction === "circular" || tags["highway"] === "motorway" || tags["highway"] === "motorway_link") return "forward";
  return "no";
}

/** Car access from the most specific of motorcar, motor_vehicle, vehicle and access. */
function carAccess(tags: Readonly<Record<string, string>>): string | undefined {
  return tags["motorcar"] ?? tags["motor_vehicle"] ?? tags["vehicle"] ?? tags["access"];
}

function emergencyOpen(tags: Readonly<Record<string, string>>): boolean {
  return [tags["emergency"], tags["psv"], tags["bus"]].some((v) => v !== undefined && OPEN_ACCESS.has(v));
}

/** Why a way is left out, or null if cars (or, with emergencyRoutes, emergency vehicles) may drive it. */
export function osmWayExclusion(tags: Readonly<Record<string, string>>, emergencyRoutes = false): string | null {
  const highway = tags["highway"];
  if (highway === undefined) return "no highway tag";
  const access = carAccess(tags);
  if (highway === "pedestrian") {
    if (access === undefined || !OPEN_ACCESS.has(access)) return "highway=pedestrian (not for cars)";
  } else if (highway === "emergency_access" || highway === "busway") {
    if (!emergencyRoutes) return `highway=${highway} (emergency vehicles or buses only)`;
  } else if (!CAR_HIGHWAYS.has(highway)) {
    return `highway=${highway} (not for cars)`;
  }
  if (tags["area"] === "yes") return "area=yes (a square or car park outline, not a road)";
  const service = tags["service"];
  if (highway === "service" && service !== undefined && DROPPED_SERVICE.has(service)) return `service=${service} (inside car parks)`;
  if (access !== undefined && CLOSED_ACCESS.has(access)) {
    if (emergencyRoutes && emergencyOpen(tags)) return null;
    if (emergencyOpen(tags)) return `no car access (${access}), bus or emergency only`;
    return `no car access (${access})`;
  }
  if (tags["oneway"] === "reversible" || tags["oneway"] === "alternating") return `oneway=${tags["oneway"]} (direction changes by time)`;
  return null;
}

interface KeptWay {
  id: number;
  refs: number[];
  roadClass: string;
  oneway: RawLink["oneway"];
  forwardKmh: number;
  backwardKmh: number;
  tunnel: boolean;
  bridge: boolean;
  noJoin: boolean;
}

/** Traffic-signal directions relative to the way: both, or only along / against its node order. */
type SignalDirection = "both" | "forward" | "backward";

/**
 * Road network from an OSM PBF extract. Ways a car may use (see `osmWayExclusion`) are split into links at
 * junctions (nodes shared by kept ways), at blocking barriers (which then join nothing) and in the middle of
 * closed ways; directions from `oneway`, roundabouts and motorways; speed from `maxspeed` (`maxspeed:forward` /
 * `:backward` per direction) or the class default; plus a fixed delay per traffic signal passed. Tunnels and
 * bridges are flagged; points are not joined to motorways, ramps, motor roads or tunnels. What was left out is
 * counted by reason (ways) in the build report.
 */
export function importOsmPbf(path: string, options: OsmImportOptions = {}): RoadNetwork {
  const { links, build } = readOsmLinks(path, options);
  return buildNetwork(links, build);
}

/** The raw links of an OSM extract and the build options for them (importOsmPbf without the build). */
export function readOsmLinks(path: string, options: OsmImportOptions = {}): { links: RawLink[]; build: BuildOptions } {
  if (!existsSync(path)) throw new NetworkFileError(path, "no such file");
  const bytes = readFileSync(path);
  const speedsKmh = { ...OSM_DEFAULT_SPEEDS_KMH, ...(options.speedsKmh ?? {}) };
  const useMaxspeed = options.useMaxspeed ?? true;
  const signalDelaySec = options.trafficSignalDelaySec ?? OSM_TRAFFIC_SIGNAL_DELAY_SEC;
  const emergencyRoutes = options.emergencyRoutes ?? false;
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[`ways: ${reason}`] = (skipped[`ways: ${reason}`] ?? 0) + 1;
  };
  const stats = { ways: 0, maxspeedTagged: 0, maxspeedUnparsed: new Map<string, number>(), oneway: 0, onewayImplied: 0, tunnels: 0, bridges: 0 };

  // Pass 1: drivable ways and how often each node is used.
  const ways: KeptWay[] = [];
  const nodeUse = new Map<number, number>();
  readOsmPbf(path, bytes, {
    way(way) {
      const tags = way.tags;
      const reason = osmWayExclusion(tags, emergencyRoutes);
      if (reason !== null) {
        if (reason !== "no highway tag") skip(reason);
        return;
      }
      if (way.refs.length < 2) {
        skip("fewer than two nodes");
        return;
      }
      const highway = tags["highway"]!;
      const roadClass = highway in speedsKmh ? highway : "road";
      const oneway = osmOneway(tags) ?? "no";
      const classKmh = speedsKmh[roadClass] ?? speedsKmh["road"] ?? 30;
      const tagged = useMaxspeed ? parseMaxspeedKmh(tags["maxspeed"]) : undefined;
      if (useMaxspeed && tags["maxspeed"] !== undefined) {
        if (tagged !== undefined) stats.maxspeedTagged++;
        else stats.maxspeedUnparsed.set(tags["maxspeed"], (stats.maxspeedUnparsed.get(tags["maxspeed"]) ?? 0) + 1);
      }
      const forwardKmh = (useMaxspeed ? parseMaxspeedKmh(tags["maxspeed:forward"]) : undefined) ?? tagged ?? classKmh;
      const backwardKmh = (useMaxspeed ? parseMaxspeedKmh(tags["maxspeed:backward"]) : undefined) ?? tagged ?? classKmh;
      const tunnel = tags["tunnel"] !== undefined && !["no", "culvert", "building_passage"].includes(tags["tunnel"]);
      const bridge = tags["bridge"] !== undefined && tags["bridge"] !== "no";
      stats.ways++;
      if (oneway !== "no") {
        stats.oneway++;
        if (tags["oneway"] === undefined) stats.onewayImplied++;
      }
      if (tunnel) stats.tunnels++;
      if (bridge) stats.bridges++;
      ways.push({ id: way.id, refs: way.refs, roadClass, oneway, forwardKmh, backwardKmh, tunnel, bridge, noJoin: NO_JOIN_HIGHWAYS.has(highway) || tags["motorroad"] === "yes" });
      way.refs.forEach((ref, i) => {
        const ends = i === 0 || i === way.refs.length - 1 ? 2 : 1;
        nodeUse.set(ref, (nodeUse.get(ref) ?? 0) + ends);
      });
    },
    ...(options.progress ? { progress: (read: number, total: number) => options.progress!(read / 2, total) } : {}),
  });
  if (ways.length === 0) throw new NetworkFileError(path, "no drivable roads (no ways with a car highway tag)");

  // Pass 2: coordinates of the nodes those ways use, blocking barriers and traffic signals among them.
  const coords = new Map<number, [number, number]>();
  const blocking = new Set<number>();
  const signals = new Map<number, SignalDirection>();
  let barriersPassable = 0;
  readOsmPbf(path, bytes, {
    nodeTags: true,
    node(node) {
      if (!nodeUse.has(node.id)) return;
      coords.set(node.id, [node.lon, node.lat]);
      const tags = node.tags;
      if (!tags) return;
      const barrier = tags["barrier"];
      if (barrier !== undefined) {
        const access = carAccess(tags);
        const closedByTag = access !== undefined && CLOSED_ACCESS.has(access);
        const openByTag = access !== undefined && OPEN_ACCESS.has(access);
        const blocks = (BLOCKING_BARRIERS.has(barrier) && !openByTag) || closedByTag;
        if (blocks && !(emergencyRoutes && emergencyOpen(tags))) blocking.add(node.id);
        else barriersPassable++;
      }
      if (tags["highway"] === "traffic_signals" && signalDelaySec > 0) {
        const direction = tags["traffic_signals:direction"] ?? tags["direction"];
        signals.set(node.id, direction === "forward" ? "forward" : direction === "backward" ? "backward" : "both");
      }
    },
    ...(options.progress ? { progress: (read: number, total: number) => options.progress!(total / 2 + read / 2, total) } : {}),
  });

  const links: RawLink[] = [];
  let cutAtMissingNodes = 0;
  let signalPasses = 0;
  for (const way of ways) {
    // Runs of nodes present in the extract (a way cut by the extract's edge keeps its inside part).
    const runs: number[][] = [];
    let run: number[] = [];
    for (const ref of way.refs) {
      if (coords.has(ref)) run.push(ref);
      else {
        if (run.length > 0) runs.push(run);
        run = [];
      }
    }
    if (run.length > 0) runs.push(run);
    if (runs.length !== 1 || runs[0]!.length !== way.refs.length) cutAtMissingNodes++;
    for (const refs of runs) {
      if (refs.length < 2) continue;
      // Cut at junctions and blocking barriers; a piece that would start and end at one node (a closed way, a
      // turning loop) is cut once more in its middle, so it is kept as two links rather than dropped as a loop.
      const cuts = [0];
      for (let i = 1; i < refs.length; i++) {
        if (i < refs.length - 1 && (nodeUse.get(refs[i]!) ?? 0) < 2 && !blocking.has(refs[i]!)) continue;
        const from = cuts[cuts.length - 1]!;
        if (refs[from] === refs[i] && i - from >= 2) cuts.push(from + Math.floor((i - from) / 2));
        cuts.push(i);
      }
      for (let c = 1; c < cuts.length; c++) {
        const pieceStart = cuts[c - 1]!;
        const piece = refs.slice(pieceStart, cuts[c]! + 1);
        const shape = piece.map((r) => coords.get(r)!);
        const lengthM = shapeLengthM(shape);
        let forwardSec = lengthM / (way.forwardKmh / 3.6);
        let backwardSec = lengthM / (way.backwardKmh / 3.6);
        for (let k = 0; k < piece.length; k++) {
          const direction = signals.get(piece[k]!);
          if (direction === undefined) continue;
          // A signal is passed on arrival: at the far end going forward, at the near end going backward, anywhere between both ways.
          const forward = k > 0 && (direction === "both" || direction === "forward");
          const backward = k < piece.length - 1 && (direction === "both" || direction === "backward");
          if (forward) forwardSec += signalDelaySec;
          if (backward) backwardSec += signalDelaySec;
          if (forward || backward) signalPasses++;
        }
        const first = piece[0]!;
        const last = piece[piece.length - 1]!;
        // A blocking barrier at an end joins nothing: each link gets its own copy of the node.
        const key = (ref: number, end: string) => (blocking.has(ref) ? `barrier ${ref} way ${way.id} at ${pieceStart} ${end}` : String(ref));
        links.push({
          from: key(first, "from"),
          to: key(last, "to"),
          coords: shape,
          lengthM,
          roadClass: way.roadClass,
          forwardSec,
          backwardSec,
          oneway: way.oneway,
          ...(way.tunnel ? { tunnel: true } : {}),
          ...(way.bridge ? { bridge: true } : {}),
          ...(way.noJoin ? { noJoin: true } : {}),
        });
      }
    }
  }
  if (links.length === 0) throw new NetworkFileError(path, "no drivable road links");
  const unparsed = [...stats.maxspeedUnparsed].sort((a, b) => b[1] - a[1]);
  const notes = [
    `${stats.ways} ways kept; maxspeed used on ${stats.maxspeedTagged}, class defaults on the rest${unparsed.length > 0 ? ` (maxspeed not understood, class default used: ${unparsed.map(([v, n]) => `"${v}" ${n}`).join(", ")})` : ""}`,
    `${stats.oneway} one-way ways (${stats.onewayImplied} implied by roundabouts or motorways); ${stats.tunnels} tunnels, ${stats.bridges} bridges`,
    `${blocking.size} barrier nodes that stop cars (bollards, blocks, …) cut their ways; ${barriersPassable} passable barriers (gates, toll booths, kerbs)`,
    `${signals.size} traffic-signal nodes, ${signalDelaySec} s each time one is passed (${signalPasses} link directions carry a delay)`,
    ...(cutAtMissingNodes > 0 ? [`${cutAtMissingNodes} ways cut where their nodes are missing from the extract`] : []),
    ...(emergencyRoutes ? ["bus roads, emergency-access ways and gates open to emergency vehicles are kept (emergency routes)"] : []),
  ];
  const build: BuildOptions = {
    name: options.name ?? `OpenStreetMap road network (${path.split("/").pop()})`,
    sourceKind: "osm-pbf",
    sources: [{ path, sha256: createHash("sha256").update(bytes).digest("hex") }],
    limitations: [
      `OpenStreetMap roads (© OpenStreetMap contributors, ODbL 1.0) driven at the speed limit (maxspeed, or assumed per highway class) plus ${signalDelaySec} s per traffic signal; no turn restrictions, turn delays or congestion.`,
      emergencyRoutes ? "Bus roads and emergency-only passages are open to every trip (emergency routes)." : "Bus roads and emergency-only passages are left out, so blue-light routes through them are not found.",
      ...(options.clip ? [`Clipped to ${options.clip.label}.`] : []),
    ],
    speedsKmh,
    buildParameters: { useMaxspeed, trafficSignalDelaySec: signalDelaySec, emergencyRoutes, rules: OSM_IMPORT_RULES_VERSION, clip: options.clip?.label ?? null },
    skippedLinks: skipped,
    notes,
    origin: path,
    ...(options.clip ? { clip: options.clip } : {}),
  };
  return { links, build };
}
