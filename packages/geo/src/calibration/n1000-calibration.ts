import type { Location } from "@akutt/model";
import { loadBoundaries } from "../boundaries/boundaries.js";
import { DATASET_PATHS } from "../data/datasets.js";
import { requireDataset } from "../data/data-dir.js";
import { haversineM } from "../geometry/distance.js";
import { LandMask } from "../land/land-mask.js";
import { importN1000 } from "../network/n1000.js";
import type { RoadNetwork } from "../network/road-network.js";
import { importOsmPbf } from "../osm/osm-import.js";
import { loadOsloGrid100m2015, type GridCell } from "../population/grid-cells.js";
import { SnapIndex } from "../routing/snap.js";
import { fitLogRatios, meanSquaredLogRatio, ratioSummary, type FitParameter, type RatioSummary } from "./fit.js";
import { PairTimes } from "./pair-times.js";
import { N1000_PROFILES, PROFILE_VALIDATION_SAMPLE, type N1000Profile } from "../network/profiles.js";

/**
 * Calibration of the N1000 travel model against the detailed OpenStreetMap network of central and eastern Oslo
 * (2019): random origin–destination pairs where people live, stratified by distance, timed on both networks;
 * the N1000 model's parameters fitted by least squares on log ratios with bounds, cross-validated between the
 * western and eastern halves of the area. The method and the resulting table are in docs/geography.md.
 */

/** The N1000 model's parameters that the Oslo data can identify. */
export interface N1000CalibratedParameters {
  /** Cap for non-motorway links in N1000 built-up areas (km/h). */
  urbanSpeedCapKmh: number;
  /** Cap for motorways and motor roads in N1000 built-up areas (km/h); 0 = none. */
  urbanMotorwaySpeedCapKmh: number;
  /** Access-link speed for points in tettbygd areas (km/h), at the access detour factor. */
  accessSpeedTettbygdKmh: number;
  /** Points closer than this may drive straight to each other at access speed (m). */
  directMaxM: number;
}

/** Fixed parts of the model during the fit (not identifiable from Oslo data, or structural). */
export const CALIBRATION_FIXED = { accessDetourFactor: 1.3, accessSpeedGrisgrendtKmh: 50, maxSnapDistanceM: 20_000, maxAccessWaterM: 300 } as const;

/** The OSM reference's own access link for the last metres from a point to the street (points are at most coverM from one). */
export const OSM_REFERENCE_ACCESS = { accessSpeedKmh: { tettbygd: 30, grisgrendt: 50 }, accessDetourFactor: 1.3 } as const;

export const CALIBRATION_BANDS_KM: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 2],
  [2, 5],
  [5, 10],
];

export interface CalibrationOptions {
  dataDir: string;
  /** Seed of the point and pair draws. */
  seed?: number;
  /** Points drawn, population-weighted. */
  points?: number;
  /** Pairs per distance band and half (west, east, and across). */
  pairsPerBand?: number;
  /** A populated 100 m cell is covered when a joinable OSM road lies within this distance of its centre (m). */
  coverM?: number;
  /** A cell is in the calibration area when every populated cell within this distance is covered (m). */
  bufferM?: number;
  /** Starting point of the fit and "before" of the table (default: the n1000-2026-assumed profile). */
  before?: N1000CalibratedParameters;
  /** Roads each point is joined to, before and after (the model's accessCandidates; default: the two profiles'). */
  accessCandidatesBefore?: number;
  accessCandidates?: number;
  onProgress?: (message: string) => void;
}

export interface CalibrationArea {
  cells: GridCell[];
  population: number;
  /** Longitude that splits the area's population in two (the west and east halves). */
  splitLon: number;
  /** Populated Oslo cells in the extract's box that were left out (not covered, or near a gap). */
  excludedCells: number;
}

/**
 * The part of the OSM extract where the detailed network can stand in for the real one: populated 100 m cells of
 * SSB's 2015 Oslo grid whose own centre, and every populated cell's within `bufferM`, has a joinable OSM road within
 * `coverM`. Trips between such places should not need roads the extract lacks.
 */
export function calibrationArea(dataDir: string, osm: RoadNetwork, coverM = 150, bufferM = 1000): CalibrationArea {
  const index = new SnapIndex(osm);
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i < osm.nodeLon.length; i++) {
    minLon = Math.min(minLon, osm.nodeLon[i]!);
    maxLon = Math.max(maxLon, osm.nodeLon[i]!);
    minLat = Math.min(minLat, osm.nodeLat[i]!);
    maxLat = Math.max(maxLat, osm.nodeLat[i]!);
  }
  const margin = bufferM / 50_000;
  const cells = loadOsloGrid100m2015(dataDir).filter((c) => c.population > 0 && c.lon > minLon - 2 * margin && c.lon < maxLon + 2 * margin && c.lat > minLat - margin && c.lat < maxLat + margin);
  const covered = cells.map((c) => index.nearest(c.lon, c.lat, 1, coverM).length > 0);
  // Buckets of bufferM to find the populated cells near each.
  const cellDeg = bufferM / 111_000;
  const bucket = (lon: number, lat: number) => `${Math.floor(lat / cellDeg)}:${Math.floor(lon / (2 * cellDeg))}`;
  const buckets = new Map<string, number[]>();
  cells.forEach((c, i) => {
    const k = bucket(c.lon, c.lat);
    const list = buckets.get(k) ?? [];
    list.push(i);
    buckets.set(k, list);
  });
  const inside: GridCell[] = [];
  cells.forEach((c, i) => {
    if (!covered[i]) return;
    const a = Math.floor(c.lat / cellDeg);
    const b = Math.floor(c.lon / (2 * cellDeg));
    for (let da = -1; da <= 1; da++)
      for (let db = -1; db <= 1; db++)
        for (const j of buckets.get(`${a + da}:${b + db}`) ?? []) {
          if (!covered[j] && haversineM(c.lon, c.lat, cells[j]!.lon, cells[j]!.lat) <= bufferM) return;
        }
    inside.push(c);
  });
  const population = inside.reduce((s, c) => s + c.population, 0);
  const byLon = [...inside].sort((x, y) => x.lon - y.lon);
  let acc = 0;
  let splitLon = byLon[0]?.lon ?? 0;
  for (const c of byLon) {
    acc += c.population;
    if (acc >= population / 2) {
      splitLon = c.lon;
      break;
    }
  }
  const inBox = cells.filter((c) => c.lon >= minLon && c.lon <= maxLon && c.lat >= minLat && c.lat <= maxLat).length;
  return { cells: inside, population, splitLon, excludedCells: inBox - inside.length };
}

/** A small, seeded generator (Park–Miller), so the sample is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = Math.max(1, Math.floor(seed) % 2147483647);
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

export type Half = "west" | "east" | "across";

export interface CalibrationSample {
  points: Location[];
  from: Int32Array;
  to: Int32Array;
  /** Distance band index of each pair (CALIBRATION_BANDS_KM). */
  band: Int8Array;
  half: Half[];
}

/**
 * `count` points drawn in proportion to population from the area's cells, each placed uniformly in its 100 m cell
 * (kept if on land); then, for each half (both ends west of the split, both east, or one each) and each distance
 * band, up to `perBand` ordered pairs drawn without replacement from all pairs of distinct points.
 */
export function drawSample(area: CalibrationArea, land: LandMask | null, seed: number, count: number, perBand: number): CalibrationSample {
  const random = seededRandom(seed);
  const cumulative: number[] = [];
  let total = 0;
  for (const c of area.cells) cumulative.push((total += c.population));
  const points: Location[] = [];
  let attempts = 0;
  while (points.length < count && attempts++ < count * 20) {
    const r = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    const cell = area.cells[lo]!;
    const lat = cell.lat + ((random() - 0.5) * 100) / 111_320;
    const lon = cell.lon + ((random() - 0.5) * 100) / (111_320 * Math.cos((cell.lat * Math.PI) / 180));
    if (land && !land.isLand(lon, lat)) continue;
    points.push({ index: points.length, id: `p${points.length}`, kind: "zone", lat, lon, areaClass: "tettbygd" });
  }
  const halfOf = (p: Location) => (p.lon < area.splitLon ? "west" : "east");
  const candidates = new Map<string, Array<[number, number]>>();
  for (let i = 0; i < points.length; i++)
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      const a = points[i]!;
      const b = points[j]!;
      const km = haversineM(a.lon, a.lat, b.lon, b.lat) / 1000;
      const band = CALIBRATION_BANDS_KM.findIndex(([lo, hi]) => km >= lo && km < hi);
      if (band < 0) continue;
      const half: Half = halfOf(a) === halfOf(b) ? halfOf(a) : "across";
      const key = `${half}:${band}`;
      const list = candidates.get(key) ?? [];
      list.push([i, j]);
      candidates.set(key, list);
    }
  const from: number[] = [];
  const to: number[] = [];
  const bands: number[] = [];
  const halves: Half[] = [];
  for (const half of ["west", "east", "across"] as const) {
    CALIBRATION_BANDS_KM.forEach((_, band) => {
      const list = candidates.get(`${half}:${band}`) ?? [];
      // Partial Fisher–Yates: the first perBand of a random permutation.
      const take = Math.min(perBand, list.length);
      for (let k = 0; k < take; k++) {
        const m = k + Math.floor(random() * (list.length - k));
        [list[k], list[m]] = [list[m]!, list[k]!];
        from.push(list[k]![0]);
        to.push(list[k]![1]);
        bands.push(band);
        halves.push(half);
      }
    });
  }
  return { points, from: Int32Array.from(from), to: Int32Array.from(to), band: Int8Array.from(bands), half: halves };
}

export interface BandRow {
  band: string;
  pairs: number;
  before: RatioSummary;
  after: RatioSummary;
}

export interface CalibrationResult {
  area: { cells: number; population: number; splitLon: number; excludedCells: number };
  sample: { points: number; pairs: number; pairsByHalf: Record<Half, number>; maxOsmSnapM: number; meanOsmSnapM: number };
  before: N1000CalibratedParameters;
  accessCandidatesBefore: number;
  accessCandidates: number;
  fitted: N1000CalibratedParameters;
  fit: { startLoss: number; loss: number; evaluations: number; atBound: Record<keyof N1000CalibratedParameters, boolean> };
  /** Before/after on all pairs, by band and overall. */
  table: BandRow[];
  /** Cross-validation: fitted on one half, measured on the other. */
  crossValidation: Array<{ fittedOn: "west" | "east"; testedOn: "east" | "west"; parameters: N1000CalibratedParameters; rows: BandRow[] }>;
  /** Seconds spent. */
  timings: { osmImportSec: number; n1000ImportSec: number; referenceSec: number; fitSec: number; totalSec: number };
}

export const CALIBRATION_PARAMETERS: ReadonlyArray<FitParameter & { name: keyof N1000CalibratedParameters }> = [
  { name: "urbanSpeedCapKmh", lower: 20, upper: 80, start: 50 },
  { name: "urbanMotorwaySpeedCapKmh", lower: 40, upper: 110, start: 100 },
  { name: "accessSpeedTettbygdKmh", lower: 8, upper: 60, start: 30 },
  { name: "directMaxM", lower: 0, upper: 4000, start: 2000, scale: "linear" },
];

/** The calibrated parameters of a profile. */
export function profileParameters(profile: N1000Profile): N1000CalibratedParameters {
  return {
    urbanSpeedCapKmh: profile.urbanSpeedCapKmh,
    urbanMotorwaySpeedCapKmh: profile.urbanMotorwaySpeedCapKmh > 0 ? profile.urbanMotorwaySpeedCapKmh : 100,
    accessSpeedTettbygdKmh: profile.accessSpeedKmh.tettbygd,
    directMaxM: profile.directMaxM,
  };
}

function asParameters(theta: readonly number[]): N1000CalibratedParameters {
  const [urbanSpeedCapKmh, urbanMotorwaySpeedCapKmh, accessSpeedTettbygdKmh, directMaxM] = theta as [number, number, number, number];
  return { urbanSpeedCapKmh, urbanMotorwaySpeedCapKmh, accessSpeedTettbygdKmh, directMaxM };
}

function asTheta(p: N1000CalibratedParameters): number[] {
  return [p.urbanSpeedCapKmh, p.urbanMotorwaySpeedCapKmh, p.accessSpeedTettbygdKmh, p.directMaxM];
}

/** Rounds fitted values to what a person would write down: speeds to whole km/h, distances to 50 m. */
export function roundParameters(p: N1000CalibratedParameters): N1000CalibratedParameters {
  return {
    urbanSpeedCapKmh: Math.round(p.urbanSpeedCapKmh),
    urbanMotorwaySpeedCapKmh: Math.round(p.urbanMotorwaySpeedCapKmh),
    accessSpeedTettbygdKmh: Math.round(p.accessSpeedTettbygdKmh),
    directMaxM: Math.round(p.directMaxM / 50) * 50,
  };
}

function rows(predictedBefore: Float64Array, predictedAfter: Float64Array, observed: Float64Array, band: Int8Array, keep: (k: number) => boolean): BandRow[] {
  const pick = (values: Float64Array, filter: (k: number) => boolean) => {
    const out: number[] = [];
    for (let k = 0; k < values.length; k++) if (filter(k)) out.push(values[k]!);
    return out;
  };
  const result: BandRow[] = [];
  const make = (label: string, filter: (k: number) => boolean) => {
    const obs = pick(observed, filter);
    result.push({ band: label, pairs: obs.length, before: ratioSummary(pick(predictedBefore, filter), obs), after: ratioSummary(pick(predictedAfter, filter), obs) });
  };
  CALIBRATION_BANDS_KM.forEach(([lo, hi], b) => make(`${lo}–${hi} km`, (k) => keep(k) && band[k] === b));
  make("all", keep);
  return result;
}

/** The sample, the reference times on OSM and a predictor of N1000 times for any parameters: everything but the fits. */
export interface PreparedCalibration {
  area: CalibrationArea;
  sample: CalibrationSample;
  observed: Float64Array;
  osmSnapM: number[];
  predict(p: N1000CalibratedParameters, accessCandidates: number): Float64Array;
  timings: { osmImportSec: number; n1000ImportSec: number; referenceSec: number };
}

export function prepareCalibration(options: Pick<CalibrationOptions, "dataDir" | "seed" | "points" | "pairsPerBand" | "coverM" | "bufferM" | "onProgress">): PreparedCalibration {
  const say = options.onProgress ?? (() => {});
  const dataDir = options.dataDir;
  let t = performance.now();
  const osm = importOsmPbf(requireDataset(dataDir, DATASET_PATHS.osmOsloEast, "the calibration against OpenStreetMap"));
  const osmImportSec = (performance.now() - t) / 1000;
  const land = LandMask.fromBoundaries(loadBoundaries(dataDir));
  const area = calibrationArea(dataDir, osm, options.coverM ?? 150, options.bufferM ?? 1000);
  say(`calibration area: ${area.cells.length} populated 100 m cells, ${area.population} persons (2015); split at ${area.splitLon.toFixed(4)} E`);
  const sample = drawSample(area, land, options.seed ?? PROFILE_VALIDATION_SAMPLE.seed, options.points ?? PROFILE_VALIDATION_SAMPLE.points, options.pairsPerBand ?? PROFILE_VALIDATION_SAMPLE.pairsPerBand);
  say(`${sample.points.length} points, ${sample.from.length} pairs`);

  t = performance.now();
  const access = { maxSnapDistanceM: CALIBRATION_FIXED.maxSnapDistanceM, maxAccessWaterM: CALIBRATION_FIXED.maxAccessWaterM };
  const osmTimes = new PairTimes(osm, sample.points, sample.from, sample.to, land, { ...access, directMaxBoundM: 0, accessCandidates: 1 });
  const observed = osmTimes.times({ network: osm, accessSpeedKmh: { ...OSM_REFERENCE_ACCESS.accessSpeedKmh }, accessDetourFactor: OSM_REFERENCE_ACCESS.accessDetourFactor, directMaxM: 0 });
  const referenceSec = (performance.now() - t) / 1000;

  t = performance.now();
  const networks = new Map<string, RoadNetwork>();
  const networkFor = (urbanSpeedCapKmh: number, urbanMotorwaySpeedCapKmh: number): RoadNetwork => {
    const key = `${urbanSpeedCapKmh}:${urbanMotorwaySpeedCapKmh}`;
    let network = networks.get(key);
    if (!network) {
      network = importN1000(dataDir, { urbanSpeedCapKmh, urbanMotorwaySpeedCapKmh });
      if (networks.size >= 12) networks.delete(networks.keys().next().value!);
      networks.set(key, network);
    }
    return network;
  };
  const base = networkFor(50, 0);
  const n1000ImportSec = (performance.now() - t) / 1000;
  const pairTimes = new Map<number, PairTimes>();
  const timesFor = (accessCandidates: number) => {
    let times = pairTimes.get(accessCandidates);
    if (!times) {
      times = new PairTimes(base, sample.points, sample.from, sample.to, land, { ...access, directMaxBoundM: CALIBRATION_PARAMETERS[3]!.upper, accessCandidates });
      pairTimes.set(accessCandidates, times);
    }
    return times;
  };
  return {
    area,
    sample,
    observed,
    osmSnapM: osmTimes.snapDistanceM(),
    predict: (p, accessCandidates) =>
      timesFor(accessCandidates).times({
        network: networkFor(p.urbanSpeedCapKmh, p.urbanMotorwaySpeedCapKmh),
        accessSpeedKmh: { tettbygd: p.accessSpeedTettbygdKmh, grisgrendt: CALIBRATION_FIXED.accessSpeedGrisgrendtKmh },
        accessDetourFactor: CALIBRATION_FIXED.accessDetourFactor,
        directMaxM: p.directMaxM,
      }),
    timings: { osmImportSec, n1000ImportSec, referenceSec },
  };
}

/** A profile's figures on a prepared sample: all pairs, and the median by band (as stored in the profile's validation). */
export function profileCheck(prepared: PreparedCalibration, profile: N1000Profile): { all: RatioSummary; medianByBand: number[] } {
  const predicted = predictProfile(prepared, profile);
  const all = ratioSummary(predicted, prepared.observed);
  const medianByBand = CALIBRATION_BANDS_KM.map((_, b) => {
    const ks = [...prepared.observed.keys()].filter((k) => prepared.sample.band[k] === b);
    return ratioSummary(ks.map((k) => predicted[k]!), ks.map((k) => prepared.observed[k]!)).medianRatio;
  });
  return { all, medianByBand };
}

function predictProfile(prepared: PreparedCalibration, profile: N1000Profile): Float64Array {
  return prepared.predict(profileParameters(profile), profile.accessCandidates);
}

/** Runs the whole calibration: area, sample, reference times on OSM, fit on all pairs, and the two cross-validation fits. */
export function calibrateN1000(options: CalibrationOptions): CalibrationResult {
  const started = performance.now();
  const say = options.onProgress ?? (() => {});
  const before = options.before ?? profileParameters(N1000_PROFILES["n1000-2026-assumed"]);
  const candidatesBefore = options.accessCandidatesBefore ?? N1000_PROFILES["n1000-2026-assumed"].accessCandidates;
  const candidates = options.accessCandidates ?? N1000_PROFILES["n1000-calibrated-osm-2019"].accessCandidates;
  const prepared = prepareCalibration(options);
  const { sample, observed, area } = prepared;
  const predict = (p: N1000CalibratedParameters) => prepared.predict(p, candidates);
  const subset = (keep: (k: number) => boolean) => {
    const ks: number[] = [];
    for (let k = 0; k < sample.from.length; k++) if (keep(k)) ks.push(k);
    return ks;
  };
  const fitOn = (keep: (k: number) => boolean, label: string) => {
    const ks = subset(keep);
    const obs = Float64Array.from(ks, (k) => observed[k]!);
    const fitStarted = performance.now();
    const parameters = CALIBRATION_PARAMETERS.map((p, i) => ({ ...p, start: asTheta(before)[i]! }));
    const result = fitLogRatios(
      parameters,
      (theta) => {
        const all = predict(asParameters(theta));
        return Float64Array.from(ks, (k) => all[k]!);
      },
      obs,
    );
    say(`fit on ${label} (${ks.length} pairs): loss ${result.startLoss.toFixed(4)} → ${result.loss.toFixed(4)} in ${result.evaluations} trials, ${((performance.now() - fitStarted) / 1000).toFixed(1)} s`);
    return result;
  };

  const t = performance.now();
  const all = fitOn(() => true, "all pairs");
  const fitted = roundParameters(asParameters(all.theta));
  const predictedBefore = prepared.predict(before, candidatesBefore);
  const predictedAfter = predict(fitted);
  const crossValidation: CalibrationResult["crossValidation"] = [];
  for (const [fittedOn, testedOn] of [
    ["west", "east"],
    ["east", "west"],
  ] as const) {
    const fit = fitOn((k) => sample.half[k] === fittedOn, `the ${fittedOn} half`);
    const parameters = roundParameters(asParameters(fit.theta));
    crossValidation.push({ fittedOn, testedOn, parameters, rows: rows(predictedBefore, predict(parameters), observed, sample.band, (k) => sample.half[k] === testedOn) });
  }
  const fitSec = (performance.now() - t) / 1000;
  const pairsByHalf = { west: 0, east: 0, across: 0 };
  for (const h of sample.half) pairsByHalf[h]++;
  const names = CALIBRATION_PARAMETERS.map((p) => p.name);
  return {
    area: { cells: area.cells.length, population: area.population, splitLon: area.splitLon, excludedCells: area.excludedCells },
    sample: {
      points: sample.points.length,
      pairs: sample.from.length,
      pairsByHalf,
      maxOsmSnapM: Math.max(...prepared.osmSnapM),
      meanOsmSnapM: prepared.osmSnapM.reduce((a, b) => a + b, 0) / prepared.osmSnapM.length,
    },
    before,
    accessCandidatesBefore: candidatesBefore,
    accessCandidates: candidates,
    fitted,
    fit: {
      startLoss: all.startLoss,
      loss: meanSquaredLogRatio(predictedAfter, observed),
      evaluations: all.evaluations,
      atBound: Object.fromEntries(names.map((n, i) => [n, all.atBound[i]!])) as Record<keyof N1000CalibratedParameters, boolean>,
    },
    table: rows(predictedBefore, predictedAfter, observed, sample.band, () => true),
    crossValidation,
    timings: { ...prepared.timings, fitSec, totalSec: (performance.now() - started) / 1000 },
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const ratio = (x: number) => x.toFixed(2);

function bandTable(title: string, bandRows: BandRow[], beforeLabel: string, afterLabel: string): string[] {
  const lines = [
    title,
    `  ${"distance".padEnd(9)} ${"pairs".padStart(5)}   ${beforeLabel.padEnd(32)} ${afterLabel}`,
    `  ${"".padEnd(9)} ${"".padStart(5)}   ${"median  IQR          ±20 %".padEnd(32)} median  IQR          ±20 %`,
  ];
  const cell = (s: RatioSummary) => `${ratio(s.medianRatio).padStart(6)}  ${`${ratio(s.q25)}–${ratio(s.q75)}`.padEnd(11)}  ${pct(s.within20).padStart(5)}`;
  for (const r of bandRows) lines.push(`  ${r.band.padEnd(9)} ${String(r.pairs).padStart(5)}   ${cell(r.before).padEnd(32)} ${cell(r.after)}`);
  return lines;
}

/** The calibration as text: parameters before and after, the table by distance band, the cross-validation. */
export function formatCalibration(result: CalibrationResult): string {
  const p = (x: N1000CalibratedParameters) =>
    `urban cap ${x.urbanSpeedCapKmh} km/h, urban motorway cap ${x.urbanMotorwaySpeedCapKmh > 0 ? `${x.urbanMotorwaySpeedCapKmh} km/h` : "none"}, access ${x.accessSpeedTettbygdKmh} km/h (tettbygd, × ${CALIBRATION_FIXED.accessDetourFactor}), direct trips up to ${x.directMaxM} m`;
  const bounds = Object.entries(result.fit.atBound).filter(([, b]) => b).map(([n]) => n);
  const lines = [
    "Calibration of the N1000 model against OpenStreetMap (central and eastern Oslo, 2019); ratio = N1000 time / OSM time, normal driving",
    `  area: ${result.area.cells} populated 100 m cells (${result.area.population} persons in 2015) with OSM roads all round; split west/east at ${result.area.splitLon.toFixed(4)} E`,
    `  sample: ${result.sample.points} points by population, ${result.sample.pairs} pairs (${result.sample.pairsByHalf.west} west, ${result.sample.pairsByHalf.east} east, ${result.sample.pairsByHalf.across} across); OSM snap mean ${Math.round(result.sample.meanOsmSnapM)} m, max ${Math.round(result.sample.maxOsmSnapM)} m`,
    `  before: ${p(result.before)}; joined to ${result.accessCandidatesBefore} nearest road${result.accessCandidatesBefore > 1 ? "s" : ""}`,
    `  fitted: ${p(result.fitted)}; joined to ${result.accessCandidates} nearest road${result.accessCandidates > 1 ? "s" : ""}${bounds.length > 0 ? ` (at a bound: ${bounds.join(", ")})` : ""}`,
    `  loss (mean squared log ratio): ${result.fit.startLoss.toFixed(4)} → ${result.fit.loss.toFixed(4)} in ${result.fit.evaluations} trials`,
    "",
    ...bandTable("All pairs, before and after", result.table, "before", "after (fitted on all pairs)"),
  ];
  for (const cv of result.crossValidation) {
    lines.push("", ...bandTable(`Cross-validation: fitted on the ${cv.fittedOn} half (${p(cv.parameters)}), measured on the ${cv.testedOn} half`, cv.rows, "before", `after (fitted on the ${cv.fittedOn})`));
  }
  const t = result.timings;
  lines.push("", `  time: OSM import ${t.osmImportSec.toFixed(1)} s, N1000 import ${t.n1000ImportSec.toFixed(1)} s, reference times ${t.referenceSec.toFixed(1)} s, fits ${t.fitSec.toFixed(1)} s, total ${t.totalSec.toFixed(1)} s`);
  return `${lines.join("\n")}\n`;
}

