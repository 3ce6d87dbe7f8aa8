import { buildLocations, createCalendar, type AvailabilitySpec, type Scenario } from "@akutt/model";
import { prepareSimulation, type SimulationInputs } from "@akutt/engine";
import { createStraightLineTravelModel } from "@akutt/geo";

export interface SyntheticRegionOptions {
  name: string;
  /** Zones on a square grid of side `gridSide`. */
  gridSide: number;
  /** Spacing between zone centres in degrees of latitude (longitude is scaled for 60° N). */
  spacingDeg: number;
  stationsSide: number;
  vehiclesPerStation: number;
  hospitals: number;
  amkCentres: number;
  incidentsPerYear: number;
  durationDays: number;
  /**
   * Transfers and booked transports (scenario `transports`): transfers a year spread over routes
   * from each hospital to the next, booked transports a year over all zones, and one weekday
   * sick-transport vehicle per this many stations. Absent: none.
   */
  transports?: { transfersPerYear: number; bookedPerYear: number; stationsPerSickTransport: number };
  /**
   * Give every AMK the rest of its 113 workload (amkCentres[].callTypes, telephoneGuidance,
   * background, otherWork) at the Asker and Bærum scenario's shares: a third of 113 calls send no
   * unit, a quarter of red calls get telephone guidance, a follow-up per mission, orders; and a
   * background of a quarter of the region's own calls (the region is Helse Sør-Øst's size, so most
   * of its AMKs' areas lie inside it).
   */
  amkWorkload?: boolean;
  /** Unavailable time (cleaning, breaks, end-of-shift rule, out of service); absent: off. */
  availability?: AvailabilitySpec;
  /** Multi-unit incidents and joint operations at the Asker and Bærum scenario's shares; absent: on. */
  multiUnit?: boolean;
}

/** The Asker and Bærum scenario's unavailable-time values (scenarios/asker-baerum/base.yaml), for benchmarks. */
export const REALISTIC_AVAILABILITY: AvailabilitySpec = {
  cleaning: {
    transported: { probability: 0.4, duration: { kind: "lognormal", mean: 15, sd: 7, unit: "min" } },
    treatedOnScene: { probability: 0.1, duration: { kind: "lognormal", mean: 10, sd: 5, unit: "min" } },
    where: "mission-end",
    interruptibleByRed: false,
  },
  breaks: { durationMin: 30, minShiftHours: 8, windowStartHours: 3, windowEndHours: 8, interruptibleByRed: true },
  endOfShift: { lastMinutes: 30 },
  outOfService: { ratePer1000Hours: 1, duration: { kind: "lognormal", mean: 4, sd: 3, unit: "h" } },
  crewChanges: ["07:00", "19:00"],
  vehicleTypes: {},
};

/** A region made up for benchmarks: a grid of zones, stations and hospitals, several AMKs and trusts. */
export function syntheticRegion(options: SyntheticRegionOptions): Scenario {
  const { gridSide, spacingDeg } = options;
  const lonScale = 2; // degrees of longitude are about half as long at 60° N
  const organisations = Array.from({ length: options.amkCentres }, (_, k) => ({ id: `org${k}`, name: `Trust ${k}` }));
  const areaCount = options.amkCentres * 4;
  const areas = Array.from({ length: areaCount }, (_, k) => ({
    code: String(9000 + k),
    name: `Area ${k}`,
    class: (k % 3 === 0 ? "grisgrendt" : "tettbygd") as "tettbygd" | "grisgrendt",
    responsibleOrganisation: `org${Math.floor(k / 4)}`,
    population: undefined,
    source: undefined,
  }));
  const zones = [];
  for (let row = 0; row < gridSide; row++) {
    for (let column = 0; column < gridSide; column++) {
      const band = Math.min(areaCount - 1, Math.floor((column / gridSide) * areaCount));
      zones.push({ id: `z${row}-${column}`, area: String(9000 + band), lat: 59 + row * spacingDeg, lon: 9 + column * spacingDeg * lonScale, population: 100 + ((row * 7919 + column * 104729) % 900), weight: undefined });
    }
  }
  const stations = [];
  const step = gridSide / options.stationsSide;
  for (let i = 0; i < options.stationsSide; i++) {
    for (let j = 0; j < options.stationsSide; j++) {
      const column = (j + 0.5) * step;
      const band = Math.min(areaCount - 1, Math.floor((column / gridSide) * areaCount));
      stations.push({ id: `st${i}-${j}`, name: `Station ${i}-${j}`, lat: 59 + (i + 0.5) * step * spacingDeg, lon: 9 + column * spacingDeg * lonScale, owner: `org${Math.floor(band / 4)}`, source: undefined });
    }
  }
  const amkOfOrganisation = (owner: string) => `amk${owner.slice(3)}`;
  const vehicles: Scenario["vehicles"] = stations.flatMap((station) =>
    Array.from({ length: options.vehiclesPerStation }, (_, k) => ({ id: `${station.id}-amb${k}`, type: "ambulance" as const, station: station.id, owner: station.owner, dispatchedBy: amkOfOrganisation(station.owner), shifts: [], source: undefined })),
  );
  const transports = options.transports;
  if (transports) {
    stations.forEach((station, s) => {
      if (s % transports.stationsPerSickTransport !== 0) return;
      vehicles.push({ id: `${station.id}-sick`, type: "sick-transport", station: station.id, owner: station.owner, dispatchedBy: amkOfOrganisation(station.owner), shifts: [{ days: "weekdays", start: "08:00", end: "16:00" }], source: undefined });
    });
  }
  const destinations = Array.from({ length: options.hospitals }, (_, k) => ({
    id: `h${k}`,
    name: `Hospital ${k}`,
    kind: "hospital" as const,
    lat: 59 + ((k * 37) % gridSide) * spacingDeg,
    lon: 9 + ((k * 53) % gridSide) * spacingDeg * lonScale,
    capabilities: ["general"],
    handover: { kind: "lognormal" as const, mean: 20, sd: 10, unit: "min" as const },
    source: undefined,
  }));
  const perYear = options.incidentsPerYear;
  const lognormal = (mean: number) => ({ kind: "lognormal" as const, mean, sd: mean / 2, unit: "s" as const });
  return {
    version: 1,
    file: "",
    baseDir: "",
    sourceFiles: [],
    zonesSource: "synthetic",
    zonesProvenance: {},
    metadata: { name: options.name, description: "synthetic benchmark region", sources: [], start: "2025-01-06T00:00", durationDays: options.durationDays, warmUpDays: 0 },
    organisations,
    areas,
    zones,
    demand: {
      rates: { red: { perYear: perYear * 0.3 }, yellow: { perYear: perYear * 0.4 }, green: { perYear: perYear * 0.3 } },
      areaRates: {},
      profile: { hourOfDay: [0.5, 0.4, 0.4, 0.3, 0.3, 0.4, 0.6, 0.9, 1.1, 1.3, 1.4, 1.4, 1.4, 1.3, 1.3, 1.3, 1.3, 1.2, 1.2, 1.1, 1.0, 0.9, 0.8, 0.6] },
      profileByUrgency: undefined,
      growthFactor: 1,
      // Multi-unit incidents and joint operations at the Asker and Bærum scenario's shares, so the benchmark carries their cost.
      ...(options.multiUnit === false
        ? {}
        : {
            multiUnit: { red: { units: { "2": 0.06, "3": 0.01 } }, yellow: { units: { "2": 0.02 } }, green: undefined, extraTransportProbability: 0.5, source: undefined },
            jointOperations: { share: { red: 0.07, yellow: 0.05, green: 0.02 }, extraOnScene: { kind: "lognormal" as const, mean: 15, sd: 10, unit: "min" as const }, holdBack: undefined, source: undefined },
          }),
    },
    amkCentres: organisations.map((organisation, k) => ({
      id: `amk${k}`,
      name: `AMK ${k}`,
      organisation: organisation.id,
      areas: areas.filter((area) => area.responsibleOrganisation === organisation.id).map((area) => area.code),
      operators: [{ days: "all" as const, start: "00:00", end: "24:00", count: 12 }],
      callHandling: { red: lognormal(75), yellow: lognormal(150), green: lognormal(240) },
      maxQueue: undefined,
      ...(options.amkWorkload ? amkWorkload(options.incidentsPerYear / options.amkCentres) : {}),
    })),
    stations,
    standbyPoints: [],
    vehicles,
    destinations,
    patientPaths: {
      red: { treatedOnSceneProbability: 0.1, legevaktProbability: 0, capabilityProbabilities: {} },
      yellow: { treatedOnSceneProbability: 0.15, legevaktProbability: 0, capabilityProbabilities: {} },
      green: { treatedOnSceneProbability: 0.1, legevaktProbability: 0, capabilityProbabilities: {} },
    },
    times: {
      activation: { red: lognormal(60), yellow: lognormal(120), green: lognormal(300) },
      onScene: { red: lognormal(1200), yellow: lognormal(1080), green: lognormal(900) },
    },
    travel: { model: "straight-line", detourFactor: 1.3, speedKmhByAreaClass: { tettbygd: 50, grisgrendt: 70 }, emergencySpeedFactor: 1.2, overheadSec: 30 },
    policies: {
      dispatch: { name: "nearest-eta", crossBorder: "own-first", ownFirstMarginSec: 120, interAmkDelaySec: 60, firstResponderForRed: false },
      waiting: { name: "priority-fcfs", whenNoneFree: "queue" },
      relocation: { name: "return-home" },
      destination: { name: "nearest-capable" },
    },
    ...(transports
      ? {
          transports: {
            // Each hospital sends to its nearest other hospital (a local hospital to the next larger one).
            transfers: destinations.map((from) => ({ from: from.id, to: nearestOther(destinations, from).id, perYear: transports.transfersPerYear / options.hospitals })),
            booked: { rate: { perYear: transports.bookedPerYear } },
          },
        }
      : {}),
    ...(options.availability ? { availability: options.availability } : {}),
  };
}

function nearestOther<T extends { id: string; lat: number; lon: number }>(places: T[], from: T): T {
  let best = places.find((place) => place !== from)!;
  for (const place of places) {
    if (place === from) continue;
    if (Math.hypot(place.lat - from.lat, (place.lon - from.lon) / 2) < Math.hypot(best.lat - from.lat, (best.lon - from.lon) / 2)) best = place;
  }
  return best;
}

/** One AMK's 113 calls that send no unit, its background and its other work, for `dispatchCallsPerYear` incidents. */
function amkWorkload(dispatchCallsPerYear: number): Pick<Scenario["amkCentres"][number], "callTypes" | "telephoneGuidance" | "background" | "otherWork"> {
  const seconds = (mean: number) => ({ kind: "lognormal" as const, mean, sd: mean / 2, unit: "s" as const });
  // Dispatch calls are 66.3 % of the region's own 113 calls, as in scenarios/asker-baerum/base.yaml.
  const ownCallsPerYear = dispatchCallsPerYear / 0.663;
  return {
    callTypes: {
      advice: { share: 0.17, talk: seconds(240), source: undefined },
      referral: { share: 0.1, talk: seconds(120), source: undefined },
      abandoned: { share: 0.067, talk: seconds(20), source: undefined },
    },
    telephoneGuidance: { redShare: 0.25, duration: seconds(240), source: undefined },
    background: { callsPerYear: ownCallsPerYear / 4, profile: undefined, source: undefined },
    // Booked orders at the base scenario's 21.2 per 1,000 against its 106.5 incidents per 1,000.
    otherWork: { missionFollowUp: seconds(60), tasks: [{ id: "orders", perYear: (dispatchCallsPerYear * 21.2) / 106.5, duration: seconds(180), profile: undefined, source: undefined }], source: undefined },
  };
}

/** The large region's zones, stations, vehicles, hospitals and AMKs, with and without the mechanisms. */
const LARGE_REGION_PLACES = { gridSide: 45, spacingDeg: 0.06, stationsSide: 10, vehiclesPerStation: 3, hospitals: 16, amkCentres: 5 } as const;

/**
 * The bench's large region: Helse Sør-Øst's size, 500,000 missions a year as before issue 9, of which
 * transfers ≈ 9 % and booked transports ≈ 11 %, as in scenarios/asker-baerum (README "Urgency mix"):
 * some of the work is transports, not more work. The AMKs' whole workload and unavailable time
 * (cleaning, meal breaks, the end-of-shift rule, out of service) at Asker and Bærum's values.
 */
export function largeBenchRegion(durationDays: number): Scenario {
  return syntheticRegion({
    ...LARGE_REGION_PLACES,
    name: "synthetic Helse Sør-Øst size",
    incidentsPerYear: 400_000,
    durationDays,
    transports: { transfersPerYear: 45_000, bookedPerYear: 55_000, stationsPerSickTransport: 10 },
    amkWorkload: true,
    availability: REALISTIC_AVAILABILITY,
  });
}

/**
 * The same region as it was before the workload mechanisms (issue 9): 500,000 emergency incidents a
 * year and nothing else, so the bench shows what the mechanisms cost against the floor.
 */
export function largeBenchRegionWithoutMechanisms(durationDays: number): Scenario {
  return syntheticRegion({ ...LARGE_REGION_PLACES, name: "synthetic Helse Sør-Øst size, without the workload mechanisms", incidentsPerYear: 500_000, durationDays, multiUnit: false });
}

/** Simulation inputs for a bench scenario: every bench region uses the straight-line travel model. */
export function benchInputs(scenario: Scenario): SimulationInputs {
  if (scenario.travel.model !== "straight-line") throw new Error("benchmarks use the straight-line model");
  return prepareSimulation(scenario, createStraightLineTravelModel(scenario.travel, buildLocations(scenario)), createCalendar(scenario.metadata.start));
}
