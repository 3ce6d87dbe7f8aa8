import { createHash } from "node:crypto";
import { buildLocations, type Location, type Scenario, type TravelTimeModel } from "@akutt/model";
import {
  CongestionProfile,
  createTravelModel,
  DataMissingError,
  GeoInputError,
  directTripCell,
  directTripSec,
  haversineM,
  joinLocation,
  joinLocations,
  loadLandMask,
  type LandMask,
  LocationRouter,
  NoRouteError,
  SnapIndex,
  openNetworkFor,
  parseNetworkOptions,
  resolveCacheDir,
  resolveDataDir,
  type JoinedPoint,
  type NetworkTravelOptions,
  type RoadNetwork,
} from "@akutt/geo";

export interface DriveTimePoint {
  lat: number;
  lon: number;
}

export interface DriveTimes {
  /** The travel model's name, as reports give it (e.g. "N1000 main-road network, generalised", or a labelled fallback). */
  travelModel: string;
  urgency: "red";
  /** Blue-light driving time from the point to each zone's centre, in scenario order; null where no route exists. */
  zones: Array<[zoneId: string, seconds: number | null]>;
}

export interface DriveTimeOptions {
  dataDir?: string | undefined;
  cacheDir?: string | undefined;
  /**
   * Simulation second (from metadata.start) at which to apply the model's time-of-day congestion,
   * as the engine does for a trip starting then. Absent: free-flow times (no congestion), the
   * fastest the model gives at any time of day.
   */
  simSec?: number | undefined;
}

/** A point that is not a WGS84 position, lies far from the scenario's zones, or cannot reach its road network. */
export class DriveTimeInputError extends Error {
  readonly isUserError = true;
  readonly subject: string;
  constructor(message: string, subject = "point") {
    super(message);
    this.name = "DriveTimeInputError";
    this.subject = subject;
  }
}

/** A point farther than this from every zone centre is refused: it is not a station site for the scenario. */
export const DRIVE_TIME_MAX_DISTANCE_M = 100_000;

/**
 * Blue-light (red urgency) driving times from any point to the centre of every zone, by the
 * scenario's own travel model: the times the engine would use for a unit standing at that point.
 *
 * With a road network the point is joined to the road exactly as a station would be (the same
 * land-aware access link and short direct trips) and one search runs from it; the network, the
 * land mask and the zones' joins are loaded once per scenario content and kept, so a repeated call
 * costs one search. With a straight-line model the times are computed directly. A fixed matrix
 * knows only its own locations, so it answers only for points at a station, standby point or
 * destination of the scenario. Without the road data the labelled fallback is used, as a run would.
 */
export async function driveTimesFrom(scenario: Scenario, point: DriveTimePoint, options: DriveTimeOptions = {}): Promise<DriveTimes> {
  checkPoint(scenario, point);
  if (options.simSec !== undefined && !(Number.isFinite(options.simSec) && options.simSec >= 0)) {
    throw new DriveTimeInputError(`simSec must be a non-negative number of seconds, got ${options.simSec}`, "simSec");
  }
  const dataDir = resolveDataDir(options.dataDir);
  const cacheDir = options.cacheDir ?? resolveCacheDir();
  const source = await sourceFor(scenario, dataDir, cacheDir);
  const seconds = await source.row(point, options.simSec);
  return {
    travelModel: source.name,
    urgency: "red",
    zones: scenario.zones.map((zone, j) => {
      const sec = seconds[j]!;
      return [zone.id, Number.isFinite(sec) ? sec : null];
    }),
  };
}

// ---------------------------------------------------------------------------------------------

/** What one scenario's travel model needs to answer for a new point. */
interface DriveTimeSource {
  name: string;
  /** Emergency times from the point to zone 0…n-1 (Infinity where unreachable). */
  row(point: DriveTimePoint, simSec: number | undefined): Promise<ArrayLike<number>>;
}

const MEMO_LIMIT = 8;
const memo = new Map<string, Promise<DriveTimeSource>>();

/** Sources by the scenario content that decides travel times (a few kept; the oldest is dropped). */
function sourceFor(scenario: Scenario, dataDir: string, cacheDir: string): Promise<DriveTimeSource> {
  // Hashed on every call (about a millisecond for 1,346 zones), so a scenario edited in place is not mistaken for its old self.
  const contentKey = createHash("sha256")
    .update(
      JSON.stringify([
        scenario.travel,
        scenario.baseDir,
        scenario.metadata.start,
        scenario.areas.map((a) => [a.code, a.class]),
        scenario.zones.map((z) => [z.id, z.lat, z.lon, z.area]),
        // Non-network models see every location (straight-line projection, matrix ids, fallback grid).
        scenario.travel.model === "network" ? [] : [scenario.stations, scenario.standbyPoints, scenario.destinations].map((list) => list.map((p) => [p.id, p.lat, p.lon])),
      ]),
    )
    .digest("hex");
  const key = `${contentKey}\u0000${dataDir}\u0000${cacheDir}`;
  let source = memo.get(key);
  if (source) {
    memo.delete(key); // most recently used last
    memo.set(key, source);
    return source;
  }
  source = createSource(scenario, dataDir, cacheDir);
  memo.set(key, source);
  source.catch(() => memo.delete(key));
  while (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  return source;
}

async function createSource(scenario: Scenario, dataDir: string, cacheDir: string): Promise<DriveTimeSource> {
  const spec = scenario.travel;
  if (spec.model === "network") {
    try {
      return networkSource(scenario, spec, dataDir);
    } catch (error) {
      if (!(error instanceof DataMissingError)) throw error;
      // No road data: the run falls back (land grid, else straight lines); do as it does.
    }
  }
  return modelSource(scenario, dataDir, cacheDir);
}

/** The point as the engine would see a station there: its area class from the nearest zone. */
function pointLocation(scenario: Scenario, point: DriveTimePoint): Location {
  const station = { id: "drive-time-point", name: "drive-time point", lat: point.lat, lon: point.lon, owner: "drive-time" };
  const locations = buildLocations({ zones: scenario.zones, areas: scenario.areas, stations: [station], standbyPoints: [], destinations: [] });
  return locations[locations.length - 1]!;
}

/**
 * Road network: the same network, options, land mask, joins and rules as createNetworkTravelModel,
 * for one extra point. The network comes from geo's memo (openNetwork), the zones are joined once.
 */
function networkSource(scenario: Scenario, spec: Extract<Scenario["travel"], { model: "network" }>, dataDir: string): DriveTimeSource {
  const options = parseNetworkOptions(spec.options);
  const { network } = openNetworkFor(spec.network, options, { baseDir: scenario.baseDir, dataDir });
  const land = loadLandMask(dataDir);
  const zones = buildLocations({ ...scenario, stations: [], standbyPoints: [], destinations: [] });
  const snapIndex = new SnapIndex(network);
  const zonePoints = joinLocations(network, zones, options, land, snapIndex).points;
  const congestion = new CongestionProfile(options.congestion, options.simStart ?? scenario.metadata.start);
  const speedFactor = spec.emergencySpeedFactor;
  const n = zones.length;
  return {
    name: network.meta.name,
    async row(point, simSec) {
      const location = pointLocation(scenario, point);
      const joined = joinPoint(network, snapIndex, location, options, land);
      const router = new LocationRouter(network, [...zonePoints, joined], { speedFactor });
      const row = new Float32Array(n + 1);
      router.row(n, row);
      directTrips(row, location, zones, options, land, speedFactor);
      const factor = simSec === undefined || !congestion.active ? 1 : 1 + (congestion.factorAt(simSec) - 1) * options.emergencyCongestionShare;
      return factor === 1 ? row.subarray(0, n) : Array.from(row.subarray(0, n), (sec) => sec * factor);
    },
  };
}

/** The point joined to the road as every other location is (geo's joinLocation), with the snap index built once per network. */
function joinPoint(network: RoadNetwork, index: SnapIndex, location: Location, options: NetworkTravelOptions, land: LandMask | null): JoinedPoint {
  try {
    return joinLocation(network, index, location, options, land).point;
  } catch (error) {
    if (error instanceof NoRouteError) throw new DriveTimeInputError(`the point ${location.lat}, ${location.lon} is more than ${options.maxSnapDistanceM} m from any road of the network`);
    throw error;
  }
}

/** The network model's rule for points close together (geo's directTripSec, over the same grid cells), for the one row from the new point. */
function directTrips(row: Float32Array, from: Location, zones: readonly Location[], options: NetworkTravelOptions, land: LandMask | null, speedFactor: number): void {
  if (options.directMaxM <= 0) return;
  const [a, b] = directTripCell(from, options);
  zones.forEach((to, j) => {
    const [ta, tb] = directTripCell(to, options);
    if (Math.abs(ta - a) <= 1 && Math.abs(tb - b) <= 1) row[j] = directTripSec(from, to, row[j]!, options, land, speedFactor);
  });
}

/**
 * Any other model (straight line, matrix, the fallbacks): the scenario's model over its own
 * locations answers for a point at one of them, exactly as in a run; any other point is added as
 * an extra location to a model built for it (cheap for straight lines; a matrix cannot).
 */
async function modelSource(scenario: Scenario, dataDir: string, cacheDir: string): Promise<DriveTimeSource> {
  const locations = buildLocations(scenario);
  const context = { dataDir, cacheDir };
  const own = await createTravelModel(scenario, locations, context);
  const n = scenario.zones.length;
  const rowOf = (model: TravelTimeModel, from: number, simSec: number | undefined) =>
    Array.from({ length: n }, (_, j) => (simSec === undefined && model.lowerBoundSec ? model.lowerBoundSec(from, j, true) : model.travelTimeSec(from, j, true, simSec ?? 0)));
  return {
    name: own.name,
    async row(point, simSec) {
      const at = locations.findIndex((l) => l.kind !== "zone" && l.lat === point.lat && l.lon === point.lon);
      if (at >= 0) return rowOf(own, at, simSec);
      if (scenario.travel.model === "matrix") {
        throw new DriveTimeInputError(
          `the travel model is the fixed matrix ${scenario.travel.file}, which has times only between the scenario's own locations; drive times are available from its stations, standby points and destinations, not from ${point.lat}, ${point.lon}`,
        );
      }
      const extra = { ...pointLocation(scenario, point), index: locations.length };
      try {
        const model = await createTravelModel(scenario, [...locations, extra], context);
        return rowOf(model, extra.index, simSec);
      } catch (error) {
        if (error instanceof GeoInputError) throw new DriveTimeInputError(`no drive times from ${point.lat}, ${point.lon}: ${error.message}`);
        throw error;
      }
    },
  };
}

function checkPoint(scenario: Scenario, point: DriveTimePoint): void {
  const { lat, lon } = (point ?? {}) as Partial<DriveTimePoint>;
  if (typeof lat !== "number" || typeof lon !== "number" || !Number.isFinite(lat) || !Number.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    throw new DriveTimeInputError(`not a WGS84 point: lat ${String(lat)}, lon ${String(lon)} (expected finite degrees, lat −90…90, lon −180…180)`);
  }
  if (scenario.zones.length === 0) throw new DriveTimeInputError("the scenario has no zones", "scenario");
  let nearestM = Infinity;
  for (const zone of scenario.zones) nearestM = Math.min(nearestM, haversineM(lon, lat, zone.lon, zone.lat));
  if (nearestM > DRIVE_TIME_MAX_DISTANCE_M) {
    throw new DriveTimeInputError(`the point ${lat}, ${lon} is ${Math.round(nearestM / 1000)} km from the nearest zone of the scenario; at most ${DRIVE_TIME_MAX_DISTANCE_M / 1000} km is served`);
  }
}
