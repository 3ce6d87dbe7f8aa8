import { URGENCIES, buildLocations, locationIndexById, type Scenario } from "@akutt/model";
import type { PreparedRun } from "@akutt/runs";
import type { SitingOptions } from "../options.js";

/**
 * The data every coverage model needs, taken from a prepared scenario exactly as the engine sees
 * it: demand per zone from the compiled demand (the same rates the simulation draws incidents
 * from), candidate sites, and the response time from each site to each zone.
 *
 * Response time = mean AMK call handling (answer → unit alerted) of the zone's AMK for red calls
 * + mean red activation (turn-out) + blue-light drive time, free-flow (the travel model's lower
 * bound, i.e. without time-of-day congestion). This is the engine's own estimate when it picks a
 * unit (activation mean + drive, simulation.ts) plus the AMK handling that its response time
 * (call ringing → at scene) includes. The wait for an AMK operator to answer is left out: it
 * depends on load, not on where vehicles stand.
 */

export type SiteKind = "station" | "standby" | "zone";

export interface DemandPoint {
  readonly zoneId: string;
  readonly areaCode: string;
  readonly areaClass: "tettbygd" | "grisgrendt";
  /** Organisation responsible for the zone's area. */
  readonly organisation: string;
  /** Share of all demand (the weights sum to 1): incidents per hour, mean over the week, normalised. */
  readonly weight: number;
  /** Incidents per hour, mean over the week (the chosen urgencies). */
  readonly ratePerHour: number;
  readonly thresholdSec: number;
  /** Mean AMK handling + activation included in every response time to this zone. */
  readonly delaySec: number;
}

export interface CandidateSite {
  readonly id: string;
  readonly kind: SiteKind;
  /** Owning organisation (trust): the station's or standby point's owner; a zone's is its area's responsible organisation. */
  readonly owner: string;
  /** Ambulances stationed there in the scenario (0 for standby points and zones). */
  readonly currentVehicles: number;
  /** WGS 84 position (a zone's centre; a place standing at a zone, the zone's). */
  readonly lat: number;
  readonly lon: number;
}

export interface CoverageData {
  readonly demand: readonly DemandPoint[];
  readonly sites: readonly CandidateSite[];
  /** Response time in seconds from site s to demand point i at [s * demand.length + i]; Infinity = no route. */
  readonly responseSec: Float64Array;
  /**
   * For each demand point, the sites that cover it: response within its threshold and allowed by
   * the border rule. Sorted by site index.
   */
  readonly coveringSites: readonly Int32Array[];
  /** Demand profile by local hour of week (168 values, mean 1) of the chosen urgencies, weighted by their rates. */
  readonly profileByHourOfWeek: Float64Array;
  readonly borderRule: "nearest" | "own-first" | "own-only";
  readonly ownFirstMarginSec: number;
  readonly travelModel: string;
  /** The scenario's number of ambulances (the default fleet). */
  readonly ambulances: number;
}

export class OptimiseInputError extends Error {
  readonly isUserError = true;
  override readonly name = "OptimiseInputError";
}

/** The options coverageData reads (siting and fleet options share them). */
export type CoverageOptions = Pick<SitingOptions, "thresholdMin" | "borderRule" | "demand"> & {
  candidates?: SitingOptions["candidates"];
  driveDirection?: SitingOptions["driveDirection"];
  areas?: SitingOptions["areas"];
};

/** Whether a zone's area is among `areas` (by its own code or its whole's); all when empty. */
function areaFilter(scenario: Scenario, areas: readonly string[]): (areaCode: string) => boolean {
  if (areas.length === 0) return () => true;
  const known = new Set(scenario.areas.flatMap((area) => [area.code, ...(area.partOf ? [area.partOf.code] : [])]));
  for (const code of areas) if (!known.has(code)) throw new OptimiseInputError(`areas: unknown area "${code}" (areas: ${[...known].join(", ")})`);
  const wanted = new Set(areas);
  const partOf = new Map(scenario.areas.map((area) => [area.code, area.partOf?.code]));
  return (areaCode) => wanted.has(areaCode) || (partOf.get(areaCode) !== undefined && wanted.has(partOf.get(areaCode)!));
}

/** Candidate sites: stations, standby points and zones as the options say, each id once (a station standing at a zone is that station). */
function candidateSites(scenario: Scenario, candidates: SitingOptions["candidates"], inAreas: (areaCode: string) => boolean): Array<CandidateSite & { locationId: string }> {
  const positions = new Map(buildLocations(scenario).flatMap((location) => [location.id, ...(location.aliases ?? [])].map((id) => [id, { lat: location.lat, lon: location.lon }] as const)));
  const ambulancesAt = new Map<string, number>();
  for (const vehicle of scenario.vehicles) if (vehicle.type === "ambulance") ambulancesAt.set(vehicle.station, (ambulancesAt.get(vehicle.station) ?? 0) + 1);
  const organisationOfArea = new Map(scenario.areas.map((area) => [area.code, area.responsibleOrganisation]));
  const sites: Array<CandidateSite & { locationId: string }> = [];
  const taken = new Set<string>();
  const add = (site: Omit<CandidateSite, "lat" | "lon"> & { locationId: string }) => {
    if (taken.has(site.id)) return;
    taken.add(site.id);
    sites.push({ ...site, ...positions.get(site.locationId)! });
  };
  if (candidates.stations) for (const s of scenario.stations) add({ id: s.id, kind: "station", owner: s.owner, currentVehicles: ambulancesAt.get(s.id) ?? 0, locationId: s.id });
  if (candidates.standbyPoints) for (const s of scenario.standbyPoints) add({ id: s.id, kind: "standby", owner: s.owner, currentVehicles: 0, locationId: s.id });
  if (candidates.zones !== "none") {
    const zoneById = new Map(scenario.zones.map((zone) => [zone.id, zone]));
    // A station or standby point standing at a zone is already that place: the zone adds nothing.
    const zonesTaken = new Set([...scenario.stations, ...scenario.standbyPoints].flatMap((s) => (s.zone !== undefined && taken.has(s.id) ? [s.zone] : [])));
    const ids = candidates.zones === "all" ? scenario.zones.filter((zone) => inAreas(zone.area)).map((zone) => zone.id) : candidates.zones;
    for (const zoneId of ids) {
      const zone = zoneById.get(zoneId);
      if (zone === undefined) throw new OptimiseInputError(`candidates.zones: unknown zone "${zoneId}"`);
      if (zonesTaken.has(zoneId)) continue;
      add({ id: zoneId, kind: "zone", owner: organisationOfArea.get(zone.area)!, currentVehicles: 0, locationId: zoneId });
    }
  }
  if (sites.length === 0) throw new OptimiseInputError("no candidate sites: switch on stations, standbyPoints or zones in candidates");
  return sites;
}

export function coverageData(prepared: PreparedRun, options: CoverageOptions): CoverageData {
  const { scenario, travel } = prepared;
  const compiled = prepared.inputs.compiled;
  const red = URGENCIES.indexOf("red");
  const urgencies = options.demand === "red" ? [red] : URGENCIES.map((_, u) => u);
  const dispatch = scenario.policies.dispatch;
  const borderRule = options.borderRule === "scenario" ? dispatch.crossBorder : options.borderRule;
  const ownFirstMarginSec = borderRule === "own-first" ? dispatch.ownFirstMarginSec : 0;

  // The engine's location of every id (zones first; a place standing at a zone is an alias of it).
  const locationOf = locationIndexById(buildLocations(scenario));
  const inAreas = areaFilter(scenario, options.areas ?? []);
  const sites = candidateSites(scenario, options.candidates ?? { stations: true, standbyPoints: true, zones: "none" }, inAreas);

  const areaByCode = new Map(scenario.areas.map((area) => [area.code, area]));
  const zonePoints: Array<{ z: number; point: Omit<DemandPoint, "weight"> }> = [];
  let totalRate = 0;
  scenario.zones.forEach((zone, z) => {
    let ratePerHour = 0;
    for (const u of urgencies) ratePerHour += compiled.demand.ratePerHourByZone[u]![z]!;
    if (!(ratePerHour > 0) || !inAreas(zone.area)) return; // zones without demand change no objective
    const area = areaByCode.get(zone.area)!;
    const thresholdSec = (area.class === "tettbygd" ? options.thresholdMin.tettbygd : options.thresholdMin.grisgrendt) * 60;
    const delaySec = compiled.amk.callHandling[compiled.zoneAmk[z]!]![red]!.meanSec + compiled.activation[red]!.meanSec;
    totalRate += ratePerHour;
    zonePoints.push({ z, point: { zoneId: zone.id, areaCode: area.code, areaClass: area.class, organisation: area.responsibleOrganisation, ratePerHour, thresholdSec, delaySec } });
  });
  if (zonePoints.length === 0) throw new OptimiseInputError("the scenario has no demand in any zone");
  const demand: DemandPoint[] = zonePoints.map(({ point }) => ({ ...point, weight: point.ratePerHour / totalRate }));

  const n = demand.length;
  const responseSec = new Float64Array(sites.length * n);
  const reverse = options.driveDirection === "zone-to-site";
  sites.forEach((site, s) => {
    const from = locationOf.get(site.locationId);
    if (from === undefined) throw new Error(`no location for site ${site.id}`);
    zonePoints.forEach(({ z }, i) => {
      const [a, b] = reverse ? [z, from] : [from, z];
      const driveSec = travel.lowerBoundSec ? travel.lowerBoundSec(a, b, true) : travel.travelTimeSec(a, b, true, 0);
      responseSec[s * n + i] = demand[i]!.delaySec + driveSec;
    });
  });

  const coveringSites = demand.map((point, i) => {
    const list: number[] = [];
    sites.forEach((site, s) => {
      const own = site.owner === point.organisation;
      const slackSec = borderRule === "nearest" || own ? 0 : borderRule === "own-first" ? ownFirstMarginSec : Infinity;
      if (responseSec[s * n + i]! + slackSec <= point.thresholdSec) list.push(s);
    });
    return Int32Array.from(list);
  });

  const profileByHourOfWeek = new Float64Array(168);
  const urgencyRates = urgencies.map((u) => compiled.demand.ratePerHourByZone[u]!.reduce((sum, rate) => sum + rate, 0));
  const rateSum = urgencyRates.reduce((a, b) => a + b, 0);
  urgencies.forEach((u, k) => {
    const share = urgencyRates[k]! / rateSum;
    for (let h = 0; h < 168; h++) profileByHourOfWeek[h] = profileByHourOfWeek[h]! + share * compiled.demand.profile[u]![h]!;
  });

  return {
    demand,
    sites: sites.map(({ locationId: _, ...site }) => site),
    responseSec,
    coveringSites,
    profileByHourOfWeek,
    borderRule,
    ownFirstMarginSec,
    travelModel: travel.name,
    ambulances: scenario.vehicles.filter((vehicle) => vehicle.type === "ambulance").length,
  };
}
