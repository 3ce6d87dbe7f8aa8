import { URGENCIES, buildLocations, dutyIntervals, locationIndexById, type ProfileSpec, type RateSpec, type Scenario, type SimulationCalendar, type Urgency } from "@akutt/model";
import { compileAvailability, type CompiledAvailability } from "../availability/compile.js";
import { createSampler, type Sampler } from "../distributions/distributions.js";
import type { ScenarioIndex } from "../result/result.js";
import { compileMultiUnit, type CompiledMultiUnit } from "../multi-unit/compile.js";
import { compileTransports, type CompiledTransports } from "../transports/compile-transports.js";
import { compileAmk, type CompiledAmk } from "../amk/compile-amk.js";

import { HOURS_PER_YEAR } from "./year.js";

export { HOURS_PER_YEAR };

/** Vehicle roles derived from the type: who transports, who only responds first, who takes green only. */
export const VEHICLE_ROLE = { transport: 1, firstResponse: 2, greenOnly: 4 } as const;

export interface CompiledDemand {
  /** Incidents per hour per zone, [urgency][zone], before the profile. */
  ratePerHourByZone: Float64Array[];
  /** Profile multipliers per hour of week with mean 1, [urgency][hourOfWeek]. */
  profile: Float64Array[];
  /** Calls ring only in [windowStartSec, windowEndSec) (demand.window); the whole run by default. */
  windowStartSec: number;
  windowEndSec: number;
}

export interface CompiledDestination {
  id: string;
  location: number;
  legevakt: boolean;
  capabilities: Set<string>;
  handover: Sampler;
}

export interface CompiledPatientPath {
  treatedOnSceneProbability: number;
  legevaktProbability: number;
  /** Capabilities with cumulative probabilities; the remainder needs "general". */
  capabilities: string[];
  cumulative: number[];
}

/** The scenario in the shape the event loop wants: dense indices, samplers and time-lines. */
export interface CompiledScenario {
  index: ScenarioIndex;
  horizonSec: number;
  warmUpSec: number;
  /** Vehicle time is counted in [countFromSec, countToSec] (report.utilisation); default warm-up end … horizon. */
  countFromSec: number;
  countToSec: number;
  zoneCount: number;
  locationCount: number;
  /** WGS 84 position of every location (buildLocations order), for the nearest-location en-route policy. */
  locationPoints: Array<{ lat: number; lon: number }>;
  zoneArea: Int32Array;
  zoneAmk: Int32Array;
  zoneOrganisation: Int32Array;
  demand: CompiledDemand;
  amk: CompiledAmk;
  vehicles: {
    count: number;
    role: Uint8Array;
    homeLocation: Int32Array;
    owner: Int32Array;
    amk: Int32Array;
    duty: Array<Array<[number, number]>>;
  };
  destinations: CompiledDestination[];
  standbyLocationById: Map<string, number>;
  /** Locations where units wait for work: stations and standby points. */
  baseLocations: Int32Array;
  /** Id and owning organisation of each entry of baseLocations. */
  baseIds: string[];
  baseOwner: Int32Array;
  patientPaths: CompiledPatientPath[];
  activation: Sampler[];
  onScene: Sampler[];
  /** demand.multiUnit and demand.jointOperations; undefined when the scenario has neither. */
  multiUnit: CompiledMultiUnit | undefined;
  /** Transfers and booked transports (scenario `transports`); absent when the section is. */
  transports?: CompiledTransports;
  /** Cleaning, breaks, end-of-shift rule and out of service; undefined when the scenario has no availability section. */
  availability: CompiledAvailability | undefined;
}

export function compileScenario(scenario: Scenario, calendar: SimulationCalendar): CompiledScenario {
  const horizonSec = scenario.metadata.durationDays * 86_400;
  const warmUpSec = scenario.metadata.warmUpDays * 86_400;
  const locations = buildLocations(scenario);
  const locationOf = locationIndexById(locations);

  const organisationIds = scenario.organisations.map((organisation) => organisation.id);
  const organisationIndex = new Map(organisationIds.map((id, i) => [id, i]));
  const areaCodes = scenario.areas.map((area) => area.code);
  const areaIndex = new Map(areaCodes.map((code, i) => [code, i]));
  const amkIds = scenario.amkCentres.map((amk) => amk.id);
  const amkIndex = new Map(amkIds.map((id, i) => [id, i]));
  const amkOfArea = new Map<string, number>();
  scenario.amkCentres.forEach((amk, i) => amk.areas.forEach((code) => amkOfArea.set(code, i)));

  const zoneCount = scenario.zones.length;
  const zoneArea = new Int32Array(zoneCount);
  const zoneAmk = new Int32Array(zoneCount);
  const zoneOrganisation = new Int32Array(zoneCount);
  scenario.zones.forEach((zone, z) => {
    const area = areaIndex.get(zone.area)!;
    zoneArea[z] = area;
    zoneAmk[z] = amkOfArea.get(zone.area)!;
    zoneOrganisation[z] = organisationIndex.get(scenario.areas[area]!.responsibleOrganisation)!;
  });

  const vehicleCount = scenario.vehicles.length;
  const role = new Uint8Array(vehicleCount);
  const homeLocation = new Int32Array(vehicleCount);
  const owner = new Int32Array(vehicleCount);
  const vehicleAmk = new Int32Array(vehicleCount);
  const duty: Array<Array<[number, number]>> = [];
  scenario.vehicles.forEach((vehicle, v) => {
    role[v] =
      vehicle.type === "ambulance" ? VEHICLE_ROLE.transport
      : vehicle.type === "sick-transport" ? VEHICLE_ROLE.transport | VEHICLE_ROLE.greenOnly
      : VEHICLE_ROLE.firstResponse;
    homeLocation[v] = locationOf.get(vehicle.station)!;
    owner[v] = organisationIndex.get(vehicle.owner)!;
    vehicleAmk[v] = amkIndex.get(vehicle.dispatchedBy)!;
    duty.push(dutyIntervals(vehicle.shifts, calendar, horizonSec));
  });

  const operatorChanges = scenario.amkCentres.map((amk) => {
    const deltas: Array<[number, number]> = [];
    for (const shift of amk.operators) {
      for (const [start, end] of dutyIntervals([shift], calendar, horizonSec)) {
        deltas.push([start, shift.count]);
        if (end < horizonSec) deltas.push([end, -shift.count]);
      }
    }
    deltas.sort((a, b) => a[0] - b[0]);
    const changes: Array<[number, number]> = [[0, 0]];
    let count = 0;
    for (const [time, delta] of deltas) {
      count += delta;
      const last = changes[changes.length - 1]!;
      if (last[0] === time) last[1] = count;
      else changes.push([time, count]);
    }
    return changes;
  });

  // Wholes (partOf) become extra areas after the real ones. A whole is tettbygd if any part is (the
  // Hdir rule: a municipality is tettbygd if any of it lies in a large tettsted).
  const wholes = new Map<string, { name: string; class: "tettbygd" | "grisgrendt" }>();
  for (const area of scenario.areas) {
    if (!area.partOf) continue;
    const known = wholes.get(area.partOf.code);
    const areaClass = known?.class === "tettbygd" || area.class === "tettbygd" ? "tettbygd" : "grisgrendt";
    wholes.set(area.partOf.code, { name: area.partOf.name, class: areaClass });
  }
  const wholeCodes = [...wholes.keys()];
  const index: ScenarioIndex = {
    zoneIds: scenario.zones.map((zone) => zone.id),
    areaCodes: [...areaCodes, ...wholeCodes],
    areaParent: Int32Array.from([...scenario.areas.map((area) => (area.partOf ? areaCodes.length + wholeCodes.indexOf(area.partOf.code) : -1)), ...wholeCodes.map(() => -1)]),
    areaNames: [...scenario.areas.map((area) => area.name), ...wholeCodes.map((code) => wholes.get(code)!.name)],
    areaClasses: [...scenario.areas.map((area) => area.class), ...wholeCodes.map((code) => wholes.get(code)!.class)],
    // A whole may span trusts (Asker today), so it has no responsible organisation of its own: -1.
    areaOrganisation: Int32Array.from([...scenario.areas.map((area) => organisationIndex.get(area.responsibleOrganisation)!), ...wholeCodes.map(() => -1)]),
    organisationIds,
    organisationNames: scenario.organisations.map((organisation) => organisation.name),
    amkIds,
    amkNames: scenario.amkCentres.map((amk) => amk.name),
    vehicleIds: scenario.vehicles.map((vehicle) => vehicle.id),
    vehicleTypes: scenario.vehicles.map((vehicle) => vehicle.type),
    vehicleOwner: owner,
    vehicleStation: scenario.vehicles.map((vehicle) => vehicle.station),
    destinationIds: scenario.destinations.map((destination) => destination.id),
    urgencies: URGENCIES,
  };

  const transports = scenario.transports ? compileTransports(scenario, scenario.transports, locationOf, (rate) => ratePerYearByZone(scenario, rate), normaliseProfile) : undefined;
  const demand = compileDemand(scenario, horizonSec);
  return {
    ...(transports ? { transports } : {}),
    index,
    horizonSec,
    warmUpSec,
    countFromSec: Math.max(warmUpSec, (scenario.report?.utilisation?.fromHour ?? 0) * 3600),
    countToSec: Math.min(horizonSec, scenario.report?.utilisation?.toHour === undefined ? horizonSec : scenario.report.utilisation.toHour * 3600),
    zoneCount,
    locationCount: locations.length,
    locationPoints: locations.map((location) => ({ lat: location.lat, lon: location.lon })),
    zoneArea,
    zoneAmk,
    zoneOrganisation,
    demand,
    amk: compileAmk(scenario.amkCentres, {
      calendar,
      horizonSec,
      operatorChanges,
      zoneAmk,
      ratePerHourByZone: demand.ratePerHourByZone,
      profile: demand.profile,
      windowStartSec: demand.windowStartSec,
      windowEndSec: demand.windowEndSec,
      defaultProfile: normaliseProfile(scenario.demand.profile),
      normaliseProfile,
    }),
    vehicles: { count: vehicleCount, role, homeLocation, owner, amk: vehicleAmk, duty },
    destinations: scenario.destinations.map((destination, d) => ({
      id: destination.id,
      location: locationOf.get(destination.id)!,
      legevakt: destination.kind === "legevakt",
      capabilities: new Set(destination.capabilities),
      handover: createSampler(destination.handover, `destinations[${d}].handover`),
    })),
    standbyLocationById: new Map(scenario.standbyPoints.map((point) => [point.id, locationOf.get(point.id)!])),
    baseLocations: Int32Array.from([...scenario.stations, ...scenario.standbyPoints], (point) => locationOf.get(point.id)!),
    baseIds: [...scenario.stations, ...scenario.standbyPoints].map((point) => point.id),
    baseOwner: Int32Array.from([...scenario.stations, ...scenario.standbyPoints], (point) => organisationIndex.get(point.owner)!),
    patientPaths: URGENCIES.map((urgency) => {
      const spec = scenario.patientPaths[urgency];
      const capabilities = Object.keys(spec.capabilityProbabilities).sort();
      let sum = 0;
      const cumulative = capabilities.map((capability) => (sum += spec.capabilityProbabilities[capability]!));
      return { treatedOnSceneProbability: spec.treatedOnSceneProbability, legevaktProbability: spec.legevaktProbability, capabilities, cumulative };
    }),
    activation: URGENCIES.map((urgency) => createSampler(scenario.times.activation[urgency], `times.activation.${urgency}`)),
    onScene: URGENCIES.map((urgency) => createSampler(scenario.times.onScene[urgency], `times.onScene.${urgency}`)),
    multiUnit: compileMultiUnit(scenario),
    availability: compileAvailability(scenario, calendar, horizonSec),
  };
}

function compileDemand(scenario: Scenario, horizonSec: number): CompiledDemand {
  const populationByArea = new Map<string, number>();
  const weightByArea = new Map<string, number>();
  for (const zone of scenario.zones) {
    populationByArea.set(zone.area, (populationByArea.get(zone.area) ?? 0) + (zone.population ?? 0));
    weightByArea.set(zone.area, (weightByArea.get(zone.area) ?? 0) + zoneWeight(zone));
  }
  const areaPopulation = (code: string) => {
    const fromZones = populationByArea.get(code) ?? 0;
    return fromZones > 0 ? fromZones : (scenario.areas.find((area) => area.code === code)?.population ?? 0);
  };
  const growth = scenario.demand.growthFactor;

  const ratePerHourByZone = URGENCIES.map((urgency) => {
    const rates = new Float64Array(scenario.zones.length);
    // An area override is spread over its own zones; the global rate over all zones not overridden.
    const overridden = new Set(Object.entries(scenario.demand.areaRates).filter(([, r]) => r[urgency] !== undefined).map(([code]) => code));
    const globalRate = scenario.demand.rates[urgency];
    const globalZonesWeight = scenario.zones.reduce((sum, zone) => (overridden.has(zone.area) ? sum : sum + zoneWeight(zone)), 0);
    scenario.zones.forEach((zone, z) => {
      const weight = zoneWeight(zone);
      const areaWeight = weightByArea.get(zone.area) ?? 0;
      const override = scenario.demand.areaRates[zone.area]?.[urgency];
      let perYear: number;
      if (override) perYear = areaShareOfRate(override, areaPopulation(zone.area), areaWeight > 0 ? weight / areaWeight : 0);
      else perYear = perYearForZone(globalRate, weight, globalZonesWeight, areaPopulation(zone.area), areaWeight);
      rates[z] = (perYear * growth) / HOURS_PER_YEAR;
    });
    return rates;
  });

  const profile = URGENCIES.map((urgency) => normaliseProfile(scenario.demand.profileByUrgency?.[urgency] ?? scenario.demand.profile));
  const window = scenario.demand.window;
  const windowStartSec = window ? window.startHour * 3600 : 0;
  const windowEndSec = window ? Math.min(horizonSec, window.endHour * 3600) : horizonSec;
  return { ratePerHourByZone, profile, windowStartSec, windowEndSec };
}

/** A rate over the whole scenario spread over its zones as demand.rates are (per year per zone, no growth factor). */
function ratePerYearByZone(scenario: Scenario, rate: RateSpec): Float64Array {
  const populationByArea = new Map<string, number>();
  const weightByArea = new Map<string, number>();
  let totalWeight = 0;
  for (const zone of scenario.zones) {
    populationByArea.set(zone.area, (populationByArea.get(zone.area) ?? 0) + (zone.population ?? 0));
    weightByArea.set(zone.area, (weightByArea.get(zone.area) ?? 0) + zoneWeight(zone));
    totalWeight += zoneWeight(zone);
  }
  return Float64Array.from(scenario.zones, (zone) => {
    const fromZones = populationByArea.get(zone.area) ?? 0;
    const areaPopulation = fromZones > 0 ? fromZones : (scenario.areas.find((area) => area.code === zone.area)?.population ?? 0);
    return perYearForZone(rate, zoneWeight(zone), totalWeight, areaPopulation, weightByArea.get(zone.area) ?? 0);
  });
}

function zoneWeight(zone: { weight?: number | undefined; population?: number | undefined }): number {
  return zone.weight ?? zone.population ?? 1;
}

function areaShareOfRate(rate: RateSpec, areaPopulation: number, shareOfArea: number): number {
  const areaPerYear = "perYear" in rate ? rate.perYear : (rate.per1000PerYear * areaPopulation) / 1000;
  return areaPerYear * shareOfArea;
}

function perYearForZone(rate: RateSpec, weight: number, globalZonesWeight: number, areaPopulation: number, areaWeight: number): number {
  if ("perYear" in rate) return globalZonesWeight > 0 ? (rate.perYear * weight) / globalZonesWeight : 0;
  // Per 1,000 inhabitants: each area's expected count follows its population, spread over its zones by weight.
  return areaWeight > 0 ? ((rate.per1000PerYear * areaPopulation) / 1000) * (weight / areaWeight) : 0;
}

export function normaliseProfile(spec: ProfileSpec | undefined): Float64Array {
  const values = new Float64Array(168);
  if (!spec) values.fill(1);
  else if ("hourOfWeek" in spec) spec.hourOfWeek.forEach((value, h) => (values[h] = value));
  else {
    for (let day = 0; day < 7; day++) {
      for (let hour = 0; hour < 24; hour++) values[day * 24 + hour] = spec.hourOfDay[hour]! * (spec.dayOfWeek?.[day] ?? 1);
    }
  }
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / 168;
  for (let h = 0; h < 168; h++) values[h] = values[h]! / mean;
  return values;
}

export type { Urgency };
