import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Location, TravelTimeModel } from "@akutt/model";
import { loadBoundaries } from "../boundaries/boundaries.js";
import { cacheKey, matrixCachePath, readMatrixCache, writeMatrixCache } from "../cache/matrix-cache.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { GeoInputError, NoRouteError } from "../errors/geo-errors.js";
import { haversineM } from "../geometry/distance.js";
import { LandMask } from "../land/land-mask.js";
import { LocationRouter, type JoinedPoint } from "../routing/location-router.js";
import { buildContractionHierarchy, chManyToMany } from "../routing/contraction-hierarchy.js";
import { SnapIndex } from "../routing/snap.js";
import { CongestionProfile, congestionPeriodSchema } from "./congestion.js";
import { openNetwork, type OpenedNetwork } from "./open-network.js";
import { DEFAULT_N1000_PROFILE, N1000_PROFILE_NAMES, N1000_PROFILES, profileValidationLine, profileValidationLineNb, type N1000ProfileName } from "./profiles.js";
import { networkLimitationNb } from "./n1000.js";
import { ferryStraits } from "./ferries.js";
import type { RoadNetwork } from "./road-network.js";

const positive = z.number().finite().positive();

/**
 * `travel.options` of a scenario with `model: network`. Every field is optional; defaults are documented in
 * docs/geography.md. The profile (default: the calibrated one) gives the urban caps and access-link rules; a field
 * given here overrides it.
 */
export const networkTravelOptionsSchema = z.strictObject({
  /** Named parameter set: "n1000-calibrated-osm-2019" (default) or "n1000-2026-assumed" (before calibration). */
  profile: z.enum(N1000_PROFILE_NAMES).default(DEFAULT_N1000_PROFILE),
  /** Free-flow speeds by road class (km/h), overriding the network's defaults. */
  speedsKmh: z.record(z.string(), positive).optional(),
  /** N1000: speed cap for non-motorway links in built-up areas (km/h); 0 disables. */
  urbanSpeedCapKmh: z.number().min(0).optional(),
  /** N1000: speed cap for motorways and motor roads in built-up areas (km/h); 0 disables. */
  urbanMotorwaySpeedCapKmh: z.number().min(0).optional(),
  /** N1000: ferry speed (km/h) and average wait (s), and how far a ferry end may be from a road (m). */
  ferrySpeedKmh: positive.optional(),
  ferryWaitSec: z.number().min(0).optional(),
  ferrySnapMaxM: z.number().min(0).optional(),
  /** Speed on the access link from a point to the nearest road, by the point's area class (km/h). */
  accessSpeedKmh: z.strictObject({ tettbygd: positive, grisgrendt: positive }).optional(),
  /** Access-link length = straight distance × this. */
  accessDetourFactor: z.number().min(1).optional(),
  /** Roads a point is joined to: the nearest and the next-nearest on the same shore, each by its own access link (1 = nearest only). */
  accessCandidates: z.number().int().min(1).max(12).optional(),
  /** A point farther than this from every road is an error (m). */
  maxSnapDistanceM: positive.default(20_000),
  /** An access link may cross at most this much water (m); otherwise the next-nearest road is tried. */
  maxAccessWaterM: z.number().min(0).default(300),
  /** Points closer than this may also drive straight to each other at access speed (m), if the line stays on land. */
  directMaxM: z.number().min(0).optional(),
  /** Time-of-day factors on travel times. */
  congestion: z.array(congestionPeriodSchema).default([]),
  /** Share of a congestion factor's delay that blue-light driving suffers (0 = none, 1 = all). */
  emergencyCongestionShare: z.number().min(0).max(1).default(0.5),
  /** Local date-time at simulation second 0; needed for congestion (the scenario's metadata.start). */
  simStart: z.string().optional(),
  /** Keep the matrix in the cache folder (default true). */
  cache: z.boolean().default(true),
  /** Matrix algorithm: one Dijkstra per location, contraction hierarchies, or "auto" (CH on large networks with many locations). */
  algorithm: z.enum(["auto", "dijkstra", "ch"]).default("auto"),
});
type ParsedOptions = z.output<typeof networkTravelOptionsSchema>;
/** The options with the profile's values filled in where the scenario gives none. */
export type NetworkTravelOptions = Omit<ParsedOptions, "accessSpeedKmh" | "accessDetourFactor" | "accessCandidates" | "directMaxM" | "urbanSpeedCapKmh" | "urbanMotorwaySpeedCapKmh"> & {
  profile: N1000ProfileName;
  accessSpeedKmh: { tettbygd: number; grisgrendt: number };
  accessDetourFactor: number;
  accessCandidates: number;
  directMaxM: number;
  urbanSpeedCapKmh: number;
  urbanMotorwaySpeedCapKmh: number;
};

export interface NetworkTravelSpec {
  network: string;
  emergencySpeedFactor: number;
  options: Record<string, unknown>;
}

export interface NetworkTravelContext {
  /** Folder of the scenario file (relative network paths start here). */
  baseDir: string;
  dataDir: string;
  cacheDir: string;
  /** The scenario's metadata.start, for congestion by time of day. */
  simStartLocal?: string;
  /** Called as matrix rows are computed (rows done, rows in all, both profiles counted). */
  onProgress?: (done: number, total: number) => void;
  /** A posted scenario's allowed folders (Scenario.readRoots): a network file it names must lie in them when opened. */
  readRoots?: readonly string[];
}

/** How one location was joined to the road network. */
export interface SnapReport {
  id: string;
  kind: Location["kind"];
  /** Straight distance to the road (m). */
  snapDistanceM: number;
  /** Time on the access link, normal driving (s). */
  accessSec: number;
  roadClass: string;
  /** Metres of the access link over water (by the municipality polygons); within maxAccessWaterM unless `note` says otherwise. */
  waterM: number;
  note?: string;
}

export interface NetworkTravelModel extends TravelTimeModel {
  readonly network: RoadNetwork;
  readonly snaps: readonly SnapReport[];
  /** Whether the matrix came from the disk cache. */
  readonly fromCache: boolean;
  readonly cacheFile: string | null;
  /** Free-flow matrices (s), row-major by location index: [normal, emergency]. */
  readonly matrices: readonly [Float32Array, Float32Array];
  /** Links of the fastest route (for maps and tests). */
  route(fromLocation: number, toLocation: number, emergency: boolean): { sec: number; links: Array<{ link: number; backward: boolean }> };
}

export function parseNetworkOptions(options: Record<string, unknown>): NetworkTravelOptions {
  const parsed = networkTravelOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? ["travel", "options", ...issue.path.map(String)].join(".") : "travel.options";
    throw new GeoInputError(`${path}: ${issue?.message ?? "invalid"}`, path);
  }
  const o = parsed.data;
  const profile = N1000_PROFILES[o.profile];
  return {
    ...o,
    accessSpeedKmh: o.accessSpeedKmh ?? { ...profile.accessSpeedKmh },
    accessDetourFactor: o.accessDetourFactor ?? profile.accessDetourFactor,
    accessCandidates: o.accessCandidates ?? profile.accessCandidates,
    directMaxM: o.directMaxM ?? profile.directMaxM,
    urbanSpeedCapKmh: o.urbanSpeedCapKmh ?? profile.urbanSpeedCapKmh,
    urbanMotorwaySpeedCapKmh: o.urbanMotorwaySpeedCapKmh ?? profile.urbanMotorwaySpeedCapKmh,
  };
}

type AccessOptions = Pick<NetworkTravelOptions, "accessSpeedKmh" | "accessDetourFactor" | "maxSnapDistanceM" | "maxAccessWaterM"> & { accessCandidates?: number };

/** Joins every location to the network with a land-aware access link (`index`: a snap index of `network` built earlier, to reuse). */
export function joinLocations(network: RoadNetwork, locations: readonly Location[], options: AccessOptions, land: LandMask | null, index = new SnapIndex(network)): { points: JoinedPoint[]; snaps: SnapReport[] } {
  const points: JoinedPoint[] = [];
  const snaps: SnapReport[] = [];
  for (const location of locations) {
    const { point, snap } = joinLocation(network, index, location, options, land);
    points.push(point);
    snaps.push(snap);
  }
  return { points, snaps };
}

/**
 * Joins one location: the nearest road within reach; if the access link to it would cross more
 * water than allowed, the nearest road on the same shore. With `accessCandidates` k > 1 the point also
 * gets access links to the next-nearest roads on the same shore, up to k in all, each at its own
 * length: a route uses whichever is fastest (the nearest road may be a dead end or lead the wrong way).
 * Throws NoRouteError when no road is in reach.
 */
export function joinLocation(network: RoadNetwork, index: SnapIndex, location: Location, options: AccessOptions, land: LandMask | null): { point: JoinedPoint; snap: SnapReport } {
  const candidates = index.nearest(location.lon, location.lat, 12, options.maxSnapDistanceM);
  const nearest = candidates[0];
  if (!nearest) {
    throw new NoRouteError(
      `${location.kind} '${location.id}' at ${location.lat.toFixed(5)} N ${location.lon.toFixed(5)} E is more than ${options.maxSnapDistanceM} m from any road of the network "${network.meta.name}"`,
      location.id,
    );
  }
  let chosen = nearest;
  let waterM = land ? land.waterLengthM(location.lon, location.lat, nearest.lon, nearest.lat) : 0;
  let note: string | undefined;
  if (land && waterM > options.maxAccessWaterM) {
    const dry = candidates.map((c) => ({ c, w: land.waterLengthM(location.lon, location.lat, c.lon, c.lat) })).find((x) => x.w <= options.maxAccessWaterM);
    if (dry) {
      chosen = dry.c;
      waterM = dry.w;
      note = `nearest road (${Math.round(nearest.distanceM)} m) is across water; joined to a road on the same shore`;
    } else {
      note = `every road within reach is across ${Math.round(waterM)} m of water or more; joined to the nearest anyway`;
    }
  }
  const speedKmh = options.accessSpeedKmh[location.areaClass];
  const secOf = (distanceM: number) => (distanceM * options.accessDetourFactor) / (speedKmh / 3.6);
  const accessSec = secOf(chosen.distanceM);
  const more: Array<{ position: (typeof candidates)[number]; accessSec: number }> = [];
  const wanted = (options.accessCandidates ?? 1) - 1;
  for (const c of candidates) {
    if (more.length >= wanted) break;
    if (c === chosen) continue;
    // A second access to the same spot (two links meeting at a node) adds nothing.
    if ([chosen, ...more.map((m) => m.position)].some((t) => haversineM(t.lon, t.lat, c.lon, c.lat) < 1)) continue;
    if (land && land.waterLengthM(location.lon, location.lat, c.lon, c.lat) > options.maxAccessWaterM) continue;
    more.push({ position: c, accessSec: secOf(c.distanceM) });
  }
  return {
    point: { position: chosen, accessSec, ...(more.length > 0 ? { more } : {}) },
    snap: {
      id: location.id,
      kind: location.kind,
      snapDistanceM: chosen.distanceM,
      accessSec,
      roadClass: network.meta.roadClasses[network.linkClass[chosen.link]!] ?? "?",
      waterM,
      ...(note ? { note } : {}),
    },
  };
}

/** Opens the network a network travel spec names, with the build options its `options` give. */
export function openNetworkFor(name: string, options: NetworkTravelOptions, context: { baseDir: string; dataDir: string; readRoots?: readonly string[] }): OpenedNetwork {
  return openNetwork(name, context, {
    ...(options.speedsKmh ? { speedsKmh: options.speedsKmh } : {}),
    urbanSpeedCapKmh: options.urbanSpeedCapKmh,
    urbanMotorwaySpeedCapKmh: options.urbanMotorwaySpeedCapKmh,
    ...(options.ferrySpeedKmh !== undefined ? { ferrySpeedKmh: options.ferrySpeedKmh } : {}),
    ...(options.ferryWaitSec !== undefined ? { ferryWaitSec: options.ferryWaitSec } : {}),
    ...(options.ferrySnapMaxM !== undefined ? { ferrySnapMaxM: options.ferrySnapMaxM } : {}),
  });
}

/** The land mask from the data folder's municipality boundaries, or null when they are missing (access links then go unchecked). */
export function loadLandMask(dataDir: string): LandMask | null {
  if (!existsSync(join(dataDir, DATASET_PATHS.municipalities))) return null;
  return LandMask.fromBoundaries(loadBoundaries(dataDir)).withBarriers(ferryStraits());
}

/**
 * Travel times on a road network for the scenario's locations: "n1000" (default), a built .akn
 * network or an edge list. Builds (or loads from the cache) the full matrices for normal and
 * blue-light driving; queries apply time-of-day congestion.
 */
export function createNetworkTravelModel(spec: NetworkTravelSpec, locations: readonly Location[], context: NetworkTravelContext): NetworkTravelModel {
  const options = parseNetworkOptions(spec.options);
  if (!(spec.emergencySpeedFactor >= 1)) throw new GeoInputError(`travel.emergencySpeedFactor must be at least 1 (got ${spec.emergencySpeedFactor})`);
  const congestion = new CongestionProfile(options.congestion, options.simStart ?? context.simStartLocal);
  const opened = openNetworkFor(spec.network, options, context);
  const { network } = opened;
  const land = loadLandMask(context.dataDir);
  const { points, snaps } = joinLocations(network, locations, options, land);
  const n = locations.length;
  const profiles = [{ speedFactor: 1 }, { speedFactor: spec.emergencySpeedFactor }];

  const key = cacheKey({
    network: opened.identity,
    points: locations.map((l) => [l.id, l.lat, l.lon, l.areaClass]),
    access: [options.accessSpeedKmh, options.accessDetourFactor, options.maxSnapDistanceM, options.maxAccessWaterM, options.directMaxM, options.accessCandidates, land !== null, land === null ? [] : ferryStraits()],
    emergencySpeedFactor: spec.emergencySpeedFactor,
  });
  const cacheFile = options.cache ? matrixCachePath(context.cacheDir, key) : null;
  let matrices = cacheFile ? readMatrixCache(cacheFile, key, n, 2) : null;
  const fromCache = matrices !== null;
  const routers = profiles.map((profile) => new LocationRouter(network, points, profile));
  if (!matrices) {
    const useCh = options.algorithm === "ch" || (options.algorithm === "auto" && network.nodeLon.length > 50_000 && n > 200);
    matrices = routers.map((router, p) => {
      const matrix = useCh ? chMatrix(router, points.length) : new Float32Array(n * n);
      if (!useCh) {
        for (let i = 0; i < n; i++) {
          router.row(i, matrix.subarray(i * n, (i + 1) * n));
          if (context.onProgress && (i % 16 === 15 || i === n - 1)) context.onProgress(p * n + i + 1, 2 * n);
        }
      } else context.onProgress?.((p + 1) * n, 2 * n);
      applyDirectTrips(matrix, locations, options, land, profiles[p]!.speedFactor);
      return matrix;
    });
    for (let i = 0; i < n; i++) {
      const row = matrices[0]!.subarray(i * n, (i + 1) * n);
      const j = row.findIndex((v) => !Number.isFinite(v));
      if (j >= 0) {
        throw new NoRouteError(`no route on "${network.meta.name}" from ${locations[i]!.kind} '${locations[i]!.id}' to ${locations[j]!.kind} '${locations[j]!.id}' (one-way streets leave one of them cut off)`, locations[i]!.id);
      }
    }
    if (cacheFile) writeMatrixCache(cacheFile, key, n, matrices);
  }
  const [normal, emergency] = matrices as [Float32Array, Float32Array];
  const emergencyShare = options.emergencyCongestionShare;
  const maxSnap = snaps.reduce((m, s) => Math.max(m, s.snapDistanceM), 0);
  const profile = N1000_PROFILES[options.profile];
  const limitations = [
    ...network.meta.limitations,
    `Points are joined to the ${options.accessCandidates > 1 ? `${options.accessCandidates} nearest roads` : "nearest road"} by access links at ${options.accessSpeedKmh.tettbygd}/${options.accessSpeedKmh.grisgrendt} km/h (tettbygd/grisgrendt) × ${options.accessDetourFactor} detour; the longest access link to the nearest road here is ${Math.round(maxSnap)} m.`,
    ...(network.meta.sourceKind === "n1000" ? [profileUsedLine(options), profileValidationLine(profile)] : []),
    ...(land ? [] : ["Access links were not checked against the coastline (municipality boundaries missing from the data directory)."]),
    `Blue-light driving: ${spec.emergencySpeedFactor}× road speeds (ferries excepted).`,
  ];
  const decimal = (x: number) => String(x).replace(".", ",");
  const limitationsNb = [
    ...network.meta.limitations.map(networkLimitationNb),
    `Punktene knyttes til ${options.accessCandidates > 1 ? `de ${options.accessCandidates} nærmeste vegene` : "nærmeste veg"} med tilkoblingslenker i ${options.accessSpeedKmh.tettbygd}/${options.accessSpeedKmh.grisgrendt} km/t (tettbygd/grisgrendt) × ${decimal(options.accessDetourFactor)} for omveier; den lengste tilkoblingslenken til nærmeste veg er her ${Math.round(maxSnap)} m.`,
    ...(network.meta.sourceKind === "n1000" ? [profileUsedLine(options, "nb"), profileValidationLineNb(profile)] : []),
    ...(land ? [] : ["Tilkoblingslenkene ble ikke kontrollert mot kystlinjen (kommunegrensene mangler i datamappen)."]),
    `Utrykningskjøring: ${decimal(spec.emergencySpeedFactor)} × vegfarten (unntatt ferger).`,
  ];
  return {
    name: network.meta.name,
    limitations,
    limitationsNb,
    network,
    snaps,
    fromCache,
    cacheFile,
    matrices: [normal, emergency],
    travelTimeSec(fromLocation: number, toLocation: number, isEmergency: boolean, simSec: number): number {
      if (fromLocation === toLocation) return 0;
      const base = (isEmergency ? emergency : normal)[fromLocation * n + toLocation];
      if (base === undefined) throw new RangeError(`location index out of range: ${fromLocation} → ${toLocation} (have ${n})`);
      if (!congestion.active) return base;
      const factor = congestion.factorAt(simSec);
      return base * (isEmergency ? 1 + (factor - 1) * emergencyShare : factor);
    },
    // Congestion factors are at least 1, so free-flow times bound every time of day from below.
    lowerBoundSec(fromLocation: number, toLocation: number, isEmergency: boolean): number {
      return fromLocation === toLocation ? 0 : (isEmergency ? emergency : normal)[fromLocation * n + toLocation]!;
    },
    route(fromLocation: number, toLocation: number, isEmergency: boolean) {
      return routers[isEmergency ? 1 : 0]!.route(fromLocation, toLocation);
    },
  };
}

/** Which profile the run used, and whether the scenario changed any of its values. */
function profileUsedLine(options: NetworkTravelOptions, language: "nb" | "en" = "en"): string {
  const profile = N1000_PROFILES[options.profile];
  const changed = (
    [
      ["urbanSpeedCapKmh", options.urbanSpeedCapKmh !== profile.urbanSpeedCapKmh],
      ["urbanMotorwaySpeedCapKmh", options.urbanMotorwaySpeedCapKmh !== profile.urbanMotorwaySpeedCapKmh],
      ["accessSpeedKmh", options.accessSpeedKmh.tettbygd !== profile.accessSpeedKmh.tettbygd || options.accessSpeedKmh.grisgrendt !== profile.accessSpeedKmh.grisgrendt],
      ["accessDetourFactor", options.accessDetourFactor !== profile.accessDetourFactor],
      ["accessCandidates", options.accessCandidates !== profile.accessCandidates],
      ["directMaxM", options.directMaxM !== profile.directMaxM],
      ["speedsKmh", options.speedsKmh !== undefined],
    ] as const
  )
    .filter(([, c]) => c)
    .map(([n]) => n);
  if (language === "nb") return `Reisetidsprofil ${profile.name}: ${profile.descriptionNb}${changed.length > 0 ? ` Scenarioet overstyrer ${changed.join(", ")}, så kontrollen nedenfor gjelder bare delvis.` : ""}`;
  return `Travel-model profile ${profile.name}: ${profile.description}${changed.length > 0 ? ` The scenario overrides ${changed.join(", ")}, so the check below applies only in part.` : ""}`;
}

/** The whole matrix by contraction hierarchies (same times as Dijkstra; faster for many points on big networks). */
function chMatrix(router: LocationRouter, n: number): Float32Array {
  const ch = buildContractionHierarchy(router.graph);
  const points = Array.from({ length: n }, (_, i) => i);
  const joined = router.pointsJoined();
  const times = chManyToMany(ch, joined.map((p) => router.entries(p)), joined.map((p) => router.exits(p)));
  const matrix = new Float32Array(n * n);
  for (const i of points) {
    for (const j of points) matrix[i * n + j] = i === j ? 0 : Math.min(times[i * n + j]!, router.sameLinkSec(i, j));
  }
  return matrix;
}

/** Points close together may drive straight to each other at access speed when the line stays on land. */
function applyDirectTrips(matrix: Float32Array, locations: readonly Location[], options: NetworkTravelOptions, land: LandMask | null, speedFactor: number): void {
  if (options.directMaxM <= 0) return;
  const n = locations.length;
  const buckets = new Map<string, number[]>();
  const cellOf = (l: Location) => directTripCell(l, options);
  locations.forEach((l, i) => {
    const [a, b] = cellOf(l);
    const k = `${a}:${b}`;
    const list = buckets.get(k) ?? [];
    list.push(i);
    buckets.set(k, list);
  });
  for (let i = 0; i < n; i++) {
    const from = locations[i]!;
    const [a, b] = cellOf(from);
    for (let da = -1; da <= 1; da++) {
      for (let db = -1; db <= 1; db++) {
        for (const j of buckets.get(`${a + da}:${b + db}`) ?? []) {
          if (j !== i) matrix[i * n + j] = directTripSec(from, locations[j]!, matrix[i * n + j]!, options, land, speedFactor);
        }
      }
    }
  }
}

/** The grid cell direct trips are looked for in: pairs in the same or a neighbouring cell are tried. */
export function directTripCell(location: { lat: number; lon: number }, options: Pick<NetworkTravelOptions, "directMaxM">): readonly [number, number] {
  const cellDeg = options.directMaxM / 111_000;
  return [Math.floor(location.lat / cellDeg), Math.floor(location.lon / (cellDeg * 2))];
}

/** The time from `from` to `to`: a straight drive at access speed if they are close, the line stays on land and it beats `routedSec`; else `routedSec`. */
export function directTripSec(from: Location, to: Location, routedSec: number, options: NetworkTravelOptions, land: LandMask | null, speedFactor: number): number {
  const distanceM = haversineM(from.lon, from.lat, to.lon, to.lat);
  if (distanceM > options.directMaxM) return routedSec;
  const speedKmh = Math.min(options.accessSpeedKmh[from.areaClass], options.accessSpeedKmh[to.areaClass]);
  const directSec = (distanceM * options.accessDetourFactor) / (speedKmh / 3.6) / speedFactor;
  if (directSec >= routedSec) return routedSec;
  if (land && land.waterLengthM(from.lon, from.lat, to.lon, to.lat) > options.maxAccessWaterM) return routedSec;
  return directSec;
}
