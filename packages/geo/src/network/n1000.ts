import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { DATASET_PATHS } from "../data/datasets.js";
import { requireDataset } from "../data/data-dir.js";
import { GeoInputError } from "../errors/geo-errors.js";
import { geometryPolygons, PolygonIndex } from "../boundaries/polygon-index.js";
import { haversineM } from "../geometry/distance.js";
import { buildNetwork, type NetworkClip, type RawLink } from "./build-network.js";
import { cutAtQuays, KNOWN_FERRY_CROSSINGS, knownFerriesByLink, knownFerriesParameter, knownFerryFixedSec, type KnownFerryCrossing } from "./ferries.js";
import type { RoadNetwork } from "./road-network.js";
import { DEFAULT_N1000_PROFILE, N1000_PROFILES } from "./profiles.js";

export const N1000_NETWORK_NAME = "N1000 main-road network, generalised";

export const N1000_LIMITATIONS: readonly string[] = [
  "Kartverket N1000 (1:1,000,000): main and county roads only; most municipal roads and all streets are missing, so zones are joined to the nearest main road by an access link at a local speed.",
  "Road lines are generalised (±500 m); lengths are shorter than the real roads, so times are optimistic on winding roads.",
  "No speed limits, one-way streets, turn restrictions or ferry timetables in the data: speeds are assumed per road category and type; ferries take a crossing time plus an expected wait (from published timetables for Svelvik–Verket, Moss–Horten and Randsfjorden, else an assumed speed and wait), the same at every hour.",
  "Congestion only as time-of-day factors given in the scenario options.",
];

/** N1000_LIMITATIONS in bokmål, line for line, for the bokmål reports. */
export const N1000_LIMITATIONS_NB: readonly string[] = [
  "Kartverket N1000 (1:1 000 000): bare europa-, riks- og fylkesveger; de fleste kommunale veger og alle gater mangler, så sonene knyttes til nærmeste hovedveg med en tilkoblingslenke i lokal fart.",
  "Veglinjene er generaliserte (±500 m); lengdene er kortere enn de virkelige vegene, så kjøretidene blir optimistiske på svingete veger.",
  "Dataene har ingen fartsgrenser, enveiskjøringer, svingeforbud eller fergeruter: farten er antatt etter vegkategori og vegtype; ferger tar en overfartstid pluss forventet ventetid (fra publiserte ruter for Svelvik–Verket, Moss–Horten og Randsfjorden, ellers antatt fart og ventetid), lik hele døgnet.",
  "Kø bare som tid-på-døgnet-faktorer gitt i scenarioets innstillinger.",
];

/** A network's limitation line in bokmål: the N1000 lines by their twin; any other line as written. */
export function networkLimitationNb(line: string): string {
  const i = N1000_LIMITATIONS.indexOf(line);
  return i >= 0 ? N1000_LIMITATIONS_NB[i]! : line;
}

/** Assumed free-flow speeds (km/h) of normal driving by N1000 road class. */
export const N1000_DEFAULT_SPEEDS_KMH: Readonly<Record<string, number>> = {
  "E-motorveg": 100,
  "R-motorveg": 100,
  "E-motortrafikkveg": 85,
  "R-motortrafikkveg": 85,
  E: 75,
  R: 70,
  F: 65,
  K: 50,
  P: 40,
};

export interface N1000Options {
  speedsKmh?: Record<string, number>;
  /** Cap for non-motorway links whose middle lies in an N1000 built-up area (km/h). 0 disables. */
  urbanSpeedCapKmh?: number;
  /** Cap for motorways and motor roads (motorveg, motortrafikkveg) whose middle lies in a built-up area (km/h). 0 disables. */
  urbanMotorwaySpeedCapKmh?: number;
  ferrySpeedKmh?: number;
  /** Average wait for the ferry, added to every crossing (s). */
  ferryWaitSec?: number;
  /** Ferry ends not on a road node are joined to the nearest road node within this distance (m). */
  ferrySnapMaxM?: number;
  /** Crossings with their own crossing time and wait (default KNOWN_FERRY_CROSSINGS, ferries.ts); the rest take the options above. */
  knownFerries?: readonly KnownFerryCrossing[];
  clip?: NetworkClip;
}

/** Build defaults; the urban caps are the default profile's (profiles.ts). */
export const N1000_DEFAULTS = {
  urbanSpeedCapKmh: N1000_PROFILES[DEFAULT_N1000_PROFILE].urbanSpeedCapKmh,
  urbanMotorwaySpeedCapKmh: N1000_PROFILES[DEFAULT_N1000_PROFILE].urbanMotorwaySpeedCapKmh,
  ferrySpeedKmh: 22,
  ferryWaitSec: 900,
  ferrySnapMaxM: 600,
} as const;

interface N1000Feature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: Array<[number, number]> } | null;
}

export function n1000RoadClass(properties: Record<string, unknown>): string {
  const category = String(properties["vegkategori"] ?? "");
  const motorway = properties["motorvegtype"];
  if ((category === "E" || category === "R") && (motorway === "motorveg" || motorway === "motortrafikkveg")) return `${category}-${motorway}`;
  return category;
}

function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The default network: N1000 road links and car ferries of Helse Sør-Øst from the data directory. */
export function importN1000(dataDir: string, options: N1000Options = {}): RoadNetwork {
  const roadsPath = requireDataset(dataDir, DATASET_PATHS.n1000Roads, "the default N1000 road network");
  const roadsText = readFileSync(roadsPath);
  const collection = JSON.parse(roadsText.toString("utf8")) as { features?: N1000Feature[] };
  if (!Array.isArray(collection.features)) throw new GeoInputError(`${roadsPath}: expected a GeoJSON FeatureCollection of road links`, roadsPath);
  const speedsKmh = { ...N1000_DEFAULT_SPEEDS_KMH, ...(options.speedsKmh ?? {}) };
  const urbanCap = options.urbanSpeedCapKmh ?? N1000_DEFAULTS.urbanSpeedCapKmh;
  const urbanMotorwayCap = options.urbanMotorwaySpeedCapKmh ?? N1000_DEFAULTS.urbanMotorwaySpeedCapKmh;
  const ferrySpeedKmh = options.ferrySpeedKmh ?? N1000_DEFAULTS.ferrySpeedKmh;
  const ferryWaitSec = options.ferryWaitSec ?? N1000_DEFAULTS.ferryWaitSec;
  const ferrySnapMaxM = options.ferrySnapMaxM ?? N1000_DEFAULTS.ferrySnapMaxM;
  const knownFerries = options.knownFerries ?? KNOWN_FERRY_CROSSINGS;
  const knownByLink = knownFerriesByLink(knownFerries);
  const knownFound = new Set<string>();

  const sources: Array<{ path: string; sha256: string }> = [{ path: DATASET_PATHS.n1000Roads, sha256: sha256(roadsText) }];
  let builtUp: PolygonIndex<true> | null = null;
  if (urbanCap > 0 || urbanMotorwayCap > 0) {
    const builtUpPath = requireDataset(dataDir, DATASET_PATHS.n1000BuiltUp, "urban speeds of the N1000 network (set urbanSpeedCapKmh: 0 to do without)");
    const builtUpText = readFileSync(builtUpPath);
    sources.push({ path: DATASET_PATHS.n1000BuiltUp, sha256: sha256(builtUpText) });
    const areas = JSON.parse(builtUpText.toString("utf8")) as { features: N1000Feature[] };
    builtUp = new PolygonIndex(
      areas.features.flatMap((f) => (f.geometry ? geometryPolygons(f.geometry as { type: string; coordinates: unknown }) : [])).map((rings) => ({ value: true as const, rings })),
    );
  }

  const skipped: Record<string, number> = {};
  const roads: RawLink[] = [];
  const ferries: N1000Feature[] = [];
  let urbanCapped = 0;
  let urbanMotorwaysCapped = 0;
  for (const feature of collection.features) {
    const type = feature.properties["typeVeg"];
    if (type === "bilferje") {
      ferries.push(feature);
      continue;
    }
    if (type !== "enkelBilveg") {
      const reason = `not for cars (typeVeg ${String(type)})`;
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      continue;
    }
    if (!feature.geometry || feature.geometry.type !== "LineString") {
      skipped["no line geometry"] = (skipped["no line geometry"] ?? 0) + 1;
      continue;
    }
    const coords = feature.geometry.coordinates;
    const roadClass = n1000RoadClass(feature.properties);
    let speedKmh = speedsKmh[roadClass];
    if (builtUp && speedKmh !== undefined) {
      const motorway = roadClass.includes("-");
      const cap = motorway ? urbanMotorwayCap : urbanCap;
      const mid = coords[Math.floor(coords.length / 2)];
      if (cap > 0 && speedKmh > cap && mid && builtUp.contains(mid[0], mid[1])) {
        speedKmh = cap;
        if (motorway) urbanMotorwaysCapped++;
        else urbanCapped++;
      }
    }
    const medium = feature.properties["medium"];
    const road: RawLink = {
      from: String(feature.properties["from_node"]),
      to: String(feature.properties["to_node"]),
      coords,
      lengthM: Number(feature.properties["length_m"]),
      roadClass,
      ...(speedKmh !== undefined ? { speedKmh } : {}),
      oneway: "no",
      tunnel: medium === "U",
      bridge: medium === "L",
    };
    // A ferry that N1000 draws as a road over the water (Svelvik–Verket) is cut at its quays.
    const crossing = knownByLink.get(Number(feature.properties["link_id"]));
    if (crossing?.quays) knownFound.add(crossing.id);
    roads.push(...(crossing?.quays ? cutAtQuays(road, crossing) : [road]));
  }

  // Ferry ends: join each end that is not a road node to the nearest road node within reach.
  const roadNodes = new Map<string, [number, number]>();
  for (const road of roads) {
    roadNodes.set(road.from, road.coords[0]!);
    roadNodes.set(road.to, road.coords[road.coords.length - 1]!);
  }
  const nearestRoadNode = (lon: number, lat: number): { key: string; coord: [number, number]; distanceM: number } | null => {
    let best: { key: string; coord: [number, number]; distanceM: number } | null = null;
    for (const [key, coord] of roadNodes) {
      const d = haversineM(lon, lat, coord[0], coord[1]);
      if (!best || d < best.distanceM) best = { key, coord, distanceM: d };
    }
    return best;
  };
  const notes: string[] = [];
  let ferriesKept = 0;
  for (const ferry of ferries) {
    if (!ferry.geometry || ferry.geometry.type !== "LineString") continue;
    const coords = [...ferry.geometry.coordinates];
    let from = String(ferry.properties["from_node"]);
    let to = String(ferry.properties["to_node"]);
    let joinedM = 0;
    let joinable = true;
    for (const end of ["from", "to"] as const) {
      const key = end === "from" ? from : to;
      if (roadNodes.has(key)) continue;
      const point = end === "from" ? coords[0]! : coords[coords.length - 1]!;
      const near = nearestRoadNode(point[0], point[1]);
      if (!near || near.distanceM > ferrySnapMaxM) {
        joinable = false;
        break;
      }
      joinedM += near.distanceM;
      if (end === "from") {
        from = near.key;
        coords.unshift(near.coord);
      } else {
        to = near.key;
        coords.push(near.coord);
      }
    }
    const label = `ferry ${String(ferry.properties["vegkategori"] ?? "")}${String(ferry.properties["vegnummer"] ?? "")}`;
    if (!joinable) {
      notes.push(`${label} (link ${String(ferry.properties["link_id"])}) skipped: an end is more than ${ferrySnapMaxM} m from any road`);
      skipped["ferry end far from roads"] = (skipped["ferry end far from roads"] ?? 0) + 1;
      continue;
    }
    if (joinedM > 0) notes.push(`${label} (link ${String(ferry.properties["link_id"])}): ends joined to the road over ${Math.round(joinedM)} m`);
    const lengthM = Number(ferry.properties["length_m"]) + joinedM;
    const known = knownByLink.get(Number(ferry.properties["link_id"]));
    if (known) knownFound.add(known.id);
    roads.push({ from, to, coords, lengthM, roadClass: "ferje", oneway: "no", ferry: true, fixedSec: known ? knownFerryFixedSec(known) : lengthM / (ferrySpeedKmh / 3.6) + ferryWaitSec });
    ferriesKept++;
  }
  for (const c of knownFerries) notes.push(knownFound.has(c.id) ? `ferry ${c.name} (link ${c.n1000LinkId}): ${c.crossingSec} s crossing + ${c.waitSec} s wait from the timetable table, not the default speed and wait` : `ferry ${c.name}: link ${c.n1000LinkId} not in the data, not applied`);
  notes.push(`${urbanCapped} non-motorway links in N1000 built-up areas capped at ${urbanCap} km/h`);
  if (urbanMotorwayCap > 0) notes.push(`${urbanMotorwaysCapped} motorway and motor-road links in N1000 built-up areas capped at ${urbanMotorwayCap} km/h`);
  notes.push(`${ferriesKept} car ferries at ${ferrySpeedKmh} km/h plus ${ferryWaitSec} s wait`);
  return buildNetwork(roads, {
    name: N1000_NETWORK_NAME,
    sourceKind: "n1000",
    sources,
    limitations: [...N1000_LIMITATIONS],
    speedsKmh,
    buildParameters: { urbanSpeedCapKmh: urbanCap, ...(urbanMotorwayCap > 0 ? { urbanMotorwaySpeedCapKmh: urbanMotorwayCap } : {}), ferrySpeedKmh, ferryWaitSec, ferrySnapMaxM, clip: options.clip?.label ?? null, knownFerries: knownFerriesParameter(knownFerries) },
    ...(options.clip ? { clip: options.clip } : {}),
    skippedLinks: skipped,
    notes,
    origin: roadsPath,
  });
}
