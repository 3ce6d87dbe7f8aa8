import { TRANSPORT_MISSIONS, type DistributionSpec, type ProfileSpec, type Scenario, type TransportMission, type TransportsSpec, type VehicleType } from "@akutt/model";
import { HOURS_PER_YEAR } from "../compile/year.js";
import { createSampler, type Sampler } from "../distributions/distributions.js";

/** Mission classes as indices into TRANSPORT_MISSIONS; one bit each in a vehicle's mission mask. */
export const MISSION_URGENT_TRANSFER = TRANSPORT_MISSIONS.indexOf("urgent-transfer");
export const MISSION_MONITORED_TRANSFER = TRANSPORT_MISSIONS.indexOf("monitored-transfer");
export const MISSION_TRANSFER = TRANSPORT_MISSIONS.indexOf("transfer");
export const MISSION_BOOKED = TRANSPORT_MISSIONS.indexOf("booked");

/**
 * Which transport missions each vehicle type may take when the scenario does not say: an
 * ambulance everything; a sick-transport vehicle (BEON, "hvit bil": no monitoring crew) booked
 * transports and transfers of patients who need no monitoring; akuttbil and doctor car carry no
 * patients. Emergencies (113) keep the core rule in compile.ts.
 */
export const DEFAULT_VEHICLE_MISSIONS: Record<VehicleType, readonly TransportMission[]> = {
  ambulance: TRANSPORT_MISSIONS,
  "sick-transport": ["transfer", "booked"],
  akuttbil: [],
  "doctor-car": [],
};

/** An ambulance takes booked work only if this many other ambulances of its AMK stay free (ASSUMPTION, see docs). */
export const DEFAULT_MIN_FREE_AMBULANCES = 2;
export const DEFAULT_URGENT_SHARE = 0.2;
export const DEFAULT_MONITORED_SHARE = 0.5;
export const DEFAULT_HOME_SHARE = 0.5;
export const DEFAULT_TRANSFER_WINDOW_MIN = 120;
export const DEFAULT_BOOKED_WINDOW_MIN = 60;
/** Loading at the pickup and handover at the end: 15 min on average (ASSUMPTION, see docs). */
export const DEFAULT_LOADING: DistributionSpec = { kind: "lognormal", mean: 15, sd: 7, unit: "min" };
export const DEFAULT_HANDOVER: DistributionSpec = { kind: "lognormal", mean: 15, sd: 7, unit: "min" };
/**
 * Booked work happens in the daytime on weekdays: outpatient appointments and discharges
 * (ASSUMPTION; no public hourly series). Weights per local hour and per weekday (Monday first).
 */
export const DEFAULT_BOOKED_PROFILE: ProfileSpec = {
  hourOfDay: [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.2, 0.6, 1, 1, 1, 1, 1, 1, 1, 1, 0.7, 0.4, 0.4, 0.3, 0.2, 0.2, 0.1, 0.05],
  dayOfWeek: [1, 1, 1, 1, 1, 0.25, 0.25],
};

/** One arrival process of transport requests: urgent transfers of a route, booked transfers of a route, or booked transports. */
export interface TransportProcess {
  /** Route index for transfers, -1 for booked transports. */
  route: number;
  urgent: boolean;
  ratePerHour: number;
  /** Hour-of-week multipliers with mean 1. */
  profile: Float64Array;
}

export interface CompiledTransferRoute {
  fromLocation: number;
  /** The zone the sending hospital stands at, or the nearest one: where the transfer counts in reports. */
  fromZone: number;
  toLocation: number;
  toDestination: number;
  /** Urgency of the urgent ones: 0 red, 1 yellow. */
  urgentUrgency: number;
  monitoredShare: number;
  windowSec: number;
  loading: Sampler;
  handover: Sampler;
}

export interface CompiledBooked {
  /** Requests per hour per zone before the profile. */
  ratePerHourByZone: Float64Array;
  /** Destination indices the trips may use (the nearest is taken). */
  destinations: Int32Array;
  homeShare: number;
  windowSec: number;
  loading: Sampler;
  handover: Sampler;
}

export interface CompiledTransports {
  processes: TransportProcess[];
  routes: CompiledTransferRoute[];
  booked: CompiledBooked | undefined;
  /** Bit m set: the vehicle may take mission class m (TRANSPORT_MISSIONS order). */
  vehicleMissions: Uint8Array;
  /** 1 for vehicles of type ambulance: the units whose readiness the AMK protects. */
  isAmbulance: Uint8Array;
  minFreeAmbulances: number;
}


/**
 * The transports section in the shape the module wants. `zonePerYear` spreads a rate over the
 * zones as the emergency demand does; `destinationIndex` and `locationOf` come from compile.ts.
 */
export function compileTransports(
  scenario: Scenario,
  spec: TransportsSpec,
  locationOf: Map<string, number>,
  zonePerYear: (rate: NonNullable<TransportsSpec["booked"]>["rate"]) => Float64Array,
  normaliseProfile: (spec: ProfileSpec | undefined) => Float64Array,
): CompiledTransports {
  const destinationIndex = new Map(scenario.destinations.map((destination, d) => [destination.id, d]));
  const sampler = (own: DistributionSpec | undefined, shared: DistributionSpec | undefined, fallback: DistributionSpec, label: string) => createSampler(own ?? shared ?? fallback, label);
  const defaultProfile = normaliseProfile(spec.profile ?? DEFAULT_BOOKED_PROFILE);
  const flat = normaliseProfile(undefined);
  const processes: TransportProcess[] = [];
  const routes = spec.transfers.map((route, r): CompiledTransferRoute => {
    const urgentShare = route.urgentShare ?? DEFAULT_URGENT_SHARE;
    const perHour = route.perYear / HOURS_PER_YEAR;
    // Urgent transfers follow acute admissions round the clock; booked ones the daytime profile.
    if (urgentShare > 0) processes.push({ route: r, urgent: true, ratePerHour: perHour * urgentShare, profile: flat });
    if (urgentShare < 1) processes.push({ route: r, urgent: false, ratePerHour: perHour * (1 - urgentShare), profile: route.profile ? normaliseProfile(route.profile) : defaultProfile });
    return {
      fromLocation: locationOf.get(route.from)!,
      fromZone: zoneOfPlace(scenario, locationOf.get(route.from)!, route.from),
      toLocation: locationOf.get(route.to)!,
      toDestination: destinationIndex.get(route.to)!,
      urgentUrgency: route.urgentUrgency === "red" ? 0 : 1,
      monitoredShare: route.monitoredShare ?? DEFAULT_MONITORED_SHARE,
      windowSec: (route.windowMin ?? DEFAULT_TRANSFER_WINDOW_MIN) * 60,
      loading: sampler(route.loading, spec.loading, DEFAULT_LOADING, `transports.transfers[${r}].loading`),
      handover: sampler(route.handover, spec.handover, DEFAULT_HANDOVER, `transports.transfers[${r}].handover`),
    };
  });
  let booked: CompiledBooked | undefined;
  if (spec.booked) {
    const perYear = zonePerYear(spec.booked.rate);
    const ratePerHourByZone = perYear.map((value) => value / HOURS_PER_YEAR);
    const total = ratePerHourByZone.reduce((sum, rate) => sum + rate, 0);
    const hospitals = spec.booked.destinations ?? scenario.destinations.filter((destination) => destination.kind === "hospital").map((destination) => destination.id);
    booked = {
      ratePerHourByZone,
      destinations: Int32Array.from(hospitals, (id) => destinationIndex.get(id)!),
      homeShare: spec.booked.homeShare ?? DEFAULT_HOME_SHARE,
      windowSec: (spec.booked.windowMin ?? DEFAULT_BOOKED_WINDOW_MIN) * 60,
      loading: sampler(spec.booked.loading, spec.loading, DEFAULT_LOADING, "transports.booked.loading"),
      handover: sampler(spec.booked.handover, spec.handover, DEFAULT_HANDOVER, "transports.booked.handover"),
    };
    if (total > 0) processes.push({ route: -1, urgent: false, ratePerHour: total, profile: spec.booked.profile ? normaliseProfile(spec.booked.profile) : defaultProfile });
  }
  const vehicleMissions = new Uint8Array(scenario.vehicles.length);
  const isAmbulance = new Uint8Array(scenario.vehicles.length);
  scenario.vehicles.forEach((vehicle, v) => {
    const allowed = spec.vehicleMissions?.[vehicle.type] ?? DEFAULT_VEHICLE_MISSIONS[vehicle.type];
    for (const mission of allowed) vehicleMissions[v]! |= 1 << TRANSPORT_MISSIONS.indexOf(mission);
    isAmbulance[v] = vehicle.type === "ambulance" ? 1 : 0;
  });
  return { processes, routes, booked, vehicleMissions, isAmbulance, minFreeAmbulances: spec.minFreeAmbulances ?? DEFAULT_MIN_FREE_AMBULANCES };
}

/** A place's zone: the zone itself when the place stands at one (shared location), else the nearest zone. */
function zoneOfPlace(scenario: Scenario, location: number, id: string): number {
  if (location < scenario.zones.length) return location;
  const place = scenario.destinations.find((destination) => destination.id === id)!;
  const cosLat = Math.cos((place.lat * Math.PI) / 180);
  let best = 0;
  let bestDistance = Infinity;
  scenario.zones.forEach((zone, z) => {
    const dx = (zone.lon - place.lon) * cosLat;
    const dy = zone.lat - place.lat;
    if (dx * dx + dy * dy < bestDistance) {
      bestDistance = dx * dx + dy * dy;
      best = z;
    }
  });
  return best;
}
