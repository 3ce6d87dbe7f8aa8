import type { ScenarioIssue } from "../errors/scenario-error.js";
import { findOverlappingShifts } from "../calendar/shifts.js";
import { NORWEGIAN_AREA_CODE, URGENCIES, type DistributionSpec, type ProfileSpec, type ScenarioDocument, type ZoneSpec } from "./schema.js";
import type { IssueLocator } from "./overlay.js";
import { checkTransports } from "./transports-checks.js";

/** Checks that need more than one field: references between sections, shifts, demand and paths. */
export function checkReferences(document: ScenarioDocument, zones: readonly ZoneSpec[], source: IssueLocator): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const at = (path: PropertyKey[], field: string, message: string) => issues.push(source.issue(path, field, message));

  const organisations = new Set<string>();
  document.organisations.forEach((organisation, i) => {
    if (organisations.has(organisation.id)) at(["organisations", i, "id"], `organisations[${i}].id`, `duplicate organisation id "${organisation.id}"`);
    organisations.add(organisation.id);
  });
  const listOf = (set: Set<string>) => [...set].map((value) => `"${value}"`).join(", ");

  // Norwegian scenarios (the default) keep their strict area codes; other countries use their own.
  const norwegian = (document.metadata.country ?? "NO") === "NO";
  const norwegianCode = "a 4-digit municipality code or a 6-digit city-district code, as a quoted string (metadata.country is NO; set it for a scenario in another country)";
  const areas = new Set<string>();
  document.areas.forEach((area, i) => {
    if (norwegian && !NORWEGIAN_AREA_CODE.test(area.code)) at(["areas", i, "code"], `areas[${i}].code`, norwegianCode);
    if (norwegian && area.partOf && !NORWEGIAN_AREA_CODE.test(area.partOf.code)) at(["areas", i, "partOf", "code"], `areas[${i}].partOf.code`, norwegianCode);
    if (areas.has(area.code)) at(["areas", i, "code"], `areas[${i}].code`, `duplicate area code "${area.code}"`);
    areas.add(area.code);
    if (!organisations.has(area.responsibleOrganisation)) {
      at(["areas", i, "responsibleOrganisation"], `areas[${i}].responsibleOrganisation`, `unknown organisation "${area.responsibleOrganisation}"; expected one of ${listOf(organisations)}`);
    }
  });

  const parentNames = new Map<string, string>();
  document.areas.forEach((area, i) => {
    if (!area.partOf) return;
    const path = ["areas", i, "partOf"];
    if (areas.has(area.partOf.code)) at([...path, "code"], `areas[${i}].partOf.code`, `"${area.partOf.code}" is itself an area of the scenario; partOf names a whole that is not listed`);
    const known = parentNames.get(area.partOf.code);
    if (known !== undefined && known !== area.partOf.name) at([...path, "name"], `areas[${i}].partOf.name`, `"${area.partOf.code}" is called "${known}" elsewhere`);
    parentNames.set(area.partOf.code, area.partOf.name);
  });

  // Zones, stations, standby points and destinations share one id space: travel matrices refer to them by id.
  const locationIds = new Set<string>();
  const claimLocationId = (path: PropertyKey[], field: string, value: string) => {
    if (locationIds.has(value)) at(path, field, `duplicate location id "${value}" (zones, stations, standby points and destinations share one id space)`);
    locationIds.add(value);
  };
  const zonesInline = Array.isArray(document.zones);
  zones.forEach((zone, i) => {
    const path: PropertyKey[] = zonesInline ? ["zones", i] : ["zones", "file"];
    claimLocationId([...path, "id"], `zones[${i}].id`, zone.id);
    if (!areas.has(zone.area)) at([...path, "area"], `zones[${i}].area`, `unknown area "${zone.area}"; expected an area code listed under areas`);
  });

  const amkIds = new Set<string>();
  const dispatcherOfArea = new Map<string, string>();
  document.amkCentres.forEach((amk, i) => {
    if (amkIds.has(amk.id)) at(["amkCentres", i, "id"], `amkCentres[${i}].id`, `duplicate AMK id "${amk.id}"`);
    amkIds.add(amk.id);
    if (!organisations.has(amk.organisation)) at(["amkCentres", i, "organisation"], `amkCentres[${i}].organisation`, `unknown organisation "${amk.organisation}"; expected one of ${listOf(organisations)}`);
    amk.areas.forEach((code, j) => {
      if (!areas.has(code)) at(["amkCentres", i, "areas", j], `amkCentres[${i}].areas[${j}]`, `unknown area "${code}"`);
      const other = dispatcherOfArea.get(code);
      if (other !== undefined) at(["amkCentres", i, "areas", j], `amkCentres[${i}].areas[${j}]`, `area "${code}" is already dispatched by AMK "${other}"; each area has exactly one AMK`);
      dispatcherOfArea.set(code, amk.id);
    });
    amk.operators.forEach((shift, j) => {
      if (shift.start === shift.end) {
        at(["amkCentres", i, "operators", j], `amkCentres[${i}].operators[${j}]`, "empty shift: start and end are the same time");
      }
    });
    for (const urgency of URGENCIES) checkDistribution(amk.callHandling[urgency], ["amkCentres", i, "callHandling", urgency], at);
    checkAmkWorkload(amk, ["amkCentres", i], `amkCentres[${i}]`, at);
  });
  for (const code of areas) {
    if (!dispatcherOfArea.has(code)) {
      const index = document.areas.findIndex((area) => area.code === code);
      at(["areas", index], `areas[${index}]`, `area "${code}" is dispatched by no AMK; list it under one amkCentres[].areas`);
    }
  }

  // A station, standby point or destination is either a point of its own (lat and lon) or stands at a zone.
  const zoneIds = new Set(zones.map((zone) => zone.id));
  const checkPlace = (section: "stations" | "standbyPoints" | "destinations", i: number, place: { lat?: number | undefined; lon?: number | undefined; zone?: string | undefined }) => {
    if (place.zone !== undefined) {
      if (!zoneIds.has(place.zone)) at([section, i, "zone"], `${section}[${i}].zone`, `unknown zone "${place.zone}"`);
    } else if (place.lat === undefined || place.lon === undefined) {
      at([section, i], `${section}[${i}]`, "give lat and lon, or the zone the place stands at (zone)");
    }
  };
  document.stations.forEach((station, i) => checkPlace("stations", i, station));
  document.standbyPoints.forEach((point, i) => checkPlace("standbyPoints", i, point));
  document.destinations.forEach((destination, i) => checkPlace("destinations", i, destination));
  if (document.metadata.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: document.metadata.timeZone });
    } catch {
      at(["metadata", "timeZone"], "metadata.timeZone", `unknown time zone "${document.metadata.timeZone}"; expected an IANA name such as Europe/Oslo or Europe/Amsterdam`);
    }
  }

  const stations = new Map<string, string>();
  document.stations.forEach((station, i) => {
    claimLocationId(["stations", i, "id"], `stations[${i}].id`, station.id);
    stations.set(station.id, station.owner);
    if (!organisations.has(station.owner)) at(["stations", i, "owner"], `stations[${i}].owner`, `unknown organisation "${station.owner}"`);
  });
  const standbyPoints = new Set<string>();
  document.standbyPoints.forEach((point, i) => {
    claimLocationId(["standbyPoints", i, "id"], `standbyPoints[${i}].id`, point.id);
    standbyPoints.add(point.id);
    if (!organisations.has(point.owner)) at(["standbyPoints", i, "owner"], `standbyPoints[${i}].owner`, `unknown organisation "${point.owner}"`);
  });

  const amkOrganisations = new Set(document.amkCentres.map((amk) => amk.organisation));
  const vehicleIds = new Set<string>();
  document.vehicles.forEach((vehicle, i) => {
    const base = ["vehicles", i];
    if (vehicleIds.has(vehicle.id)) at([...base, "id"], `vehicles[${i}].id`, `duplicate vehicle id "${vehicle.id}"`);
    vehicleIds.add(vehicle.id);
    const stationOwner = stations.get(vehicle.station);
    if (stationOwner === undefined) at([...base, "station"], `vehicles[${i}].station`, `unknown station "${vehicle.station}"; expected one of ${listOf(new Set(stations.keys()))}`);
    const owner = vehicle.owner ?? stationOwner;
    if (vehicle.owner !== undefined && !organisations.has(vehicle.owner)) at([...base, "owner"], `vehicles[${i}].owner`, `unknown organisation "${vehicle.owner}"`);
    if (vehicle.dispatchedBy !== undefined) {
      if (!amkIds.has(vehicle.dispatchedBy)) at([...base, "dispatchedBy"], `vehicles[${i}].dispatchedBy`, `unknown AMK "${vehicle.dispatchedBy}"; expected one of ${listOf(amkIds)}`);
    } else if (owner !== undefined && organisations.has(owner) && !amkOrganisations.has(owner)) {
      at(base, `vehicles[${i}].dispatchedBy`, `organisation "${owner}" runs no AMK, so say which AMK dispatches this vehicle`);
    }
    vehicle.shifts.forEach((shift, j) => {
      if (shift.start === shift.end) at([...base, "shifts", j], `vehicles[${i}].shifts[${j}]`, `empty shift: start and end are both ${shift.start}; for a 24-hour shift write start 00:00, end 24:00`);
    });
    const overlap = findOverlappingShifts(vehicle.shifts.filter((shift) => shift.start !== shift.end));
    if (overlap) {
      const [first, second] = overlap;
      at([...base, "shifts", second], `vehicles[${i}].shifts[${second}]`, first === second ? "shift overlaps itself in the week (longer than its repeat)" : `shift overlaps shifts[${first}]; a vehicle can be on one shift at a time`);
    }
  });

  const capabilities = new Set<string>();
  let hasLegevakt = false;
  let hasHospital = false;
  document.destinations.forEach((destination, i) => {
    claimLocationId(["destinations", i, "id"], `destinations[${i}].id`, destination.id);
    if (destination.kind === "legevakt") hasLegevakt = true;
    else {
      hasHospital = true;
      destination.capabilities.forEach((capability) => capabilities.add(capability));
    }
    checkDistribution(destination.handover, ["destinations", i, "handover"], at);
  });

  for (const urgency of URGENCIES) {
    const pathSpec = document.patientPaths[urgency];
    const base = ["patientPaths", urgency];
    if (pathSpec.treatedOnSceneProbability + pathSpec.legevaktProbability > 1 + 1e-12) {
      at(base, `patientPaths.${urgency}`, "treatedOnSceneProbability + legevaktProbability must not exceed 1");
    }
    if (pathSpec.legevaktProbability > 0 && !hasLegevakt) at([...base, "legevaktProbability"], `patientPaths.${urgency}.legevaktProbability`, "patients go to legevakt but no destination has kind: legevakt");
    const hospitalShare = 1 - pathSpec.treatedOnSceneProbability - pathSpec.legevaktProbability;
    if (hospitalShare > 1e-12 && !hasHospital) at(base, `patientPaths.${urgency}`, "patients are transported to hospital but no destination has kind: hospital");
    let capabilityTotal = 0;
    for (const [capability, probability] of Object.entries(pathSpec.capabilityProbabilities)) {
      capabilityTotal += probability;
      if (!capabilities.has(capability)) at([...base, "capabilityProbabilities", capability], `patientPaths.${urgency}.capabilityProbabilities.${capability}`, `no hospital offers capability "${capability}"`);
    }
    if (capabilityTotal > 1 + 1e-12) at([...base, "capabilityProbabilities"], `patientPaths.${urgency}.capabilityProbabilities`, "probabilities add up to more than 1");
    if (hospitalShare > 1e-12 && capabilityTotal < 1 - 1e-12 && !capabilities.has("general")) {
      at(base, `patientPaths.${urgency}`, 'some patients need a "general" hospital but no hospital lists capability "general"');
    }
    checkDistribution(document.times.activation[urgency], ["times", "activation", urgency], at);
    checkDistribution(document.times.onScene[urgency], ["times", "onScene", urgency], at);
  }

  // Demand: rates must be usable and not all zero.
  const zonePopulationByArea = new Map<string, number>();
  for (const zone of zones) zonePopulationByArea.set(zone.area, (zonePopulationByArea.get(zone.area) ?? 0) + (zone.population ?? 0));
  let anyDemand = false;
  const populationOf = (code: string) => (zonePopulationByArea.get(code) ?? 0) > 0 || (document.areas.find((area) => area.code === code)?.population ?? 0) > 0;
  for (const urgency of URGENCIES) {
    const rate = document.demand.rates[urgency];
    if (("perYear" in rate ? rate.perYear : rate.per1000PerYear) > 0) anyDemand = true;
    if ("per1000PerYear" in rate && rate.per1000PerYear > 0) {
      const lacking = document.areas.find((area) => document.demand.areaRates[area.code]?.[urgency] === undefined && !populationOf(area.code));
      if (lacking) at(["demand", "rates", urgency], `demand.rates.${urgency}`, `per1000PerYear needs population, but area "${lacking.code}" has none on its zones or on the area`);
    }
  }
  for (const [code, overrides] of Object.entries(document.demand.areaRates)) {
    if (!areas.has(code)) at(["demand", "areaRates", code], `demand.areaRates.${code}`, `unknown area "${code}"`);
    for (const urgency of URGENCIES) {
      const rate = overrides[urgency];
      if (rate && ("perYear" in rate ? rate.perYear : rate.per1000PerYear) > 0) anyDemand = true;
      if (rate && "per1000PerYear" in rate && rate.per1000PerYear > 0 && areas.has(code) && !populationOf(code)) {
        at(["demand", "areaRates", code, urgency], `demand.areaRates.${code}.${urgency}`, `per1000PerYear needs population, but area "${code}" has none on its zones or on the area`);
      }
    }
  }
  if (!anyDemand) at(["demand", "rates"], "demand.rates", "empty demand: every rate is zero, so nothing would happen");
  const totalWeight = zones.reduce((sum, zone) => sum + (zone.weight ?? zone.population ?? 1), 0);
  if (totalWeight <= 0) at(["zones"], "zones", "empty demand: every zone has weight and population 0");
  const profiles: Array<[PropertyKey[], ProfileSpec | undefined]> = [
    [["demand", "profile"], document.demand.profile],
    ...URGENCIES.map((urgency): [PropertyKey[], ProfileSpec | undefined] => [["demand", "profileByUrgency", urgency], document.demand.profileByUrgency?.[urgency]]),
  ];
  for (const [path, profile] of profiles) {
    if (!profile) continue;
    const parts: Array<[string, number[]]> = "hourOfWeek" in profile ? [["hourOfWeek", profile.hourOfWeek]] : [["hourOfDay", profile.hourOfDay], ...(profile.dayOfWeek ? [["dayOfWeek", profile.dayOfWeek] as [string, number[]]] : [])];
    for (const [name, values] of parts) {
      if (values.every((value) => value === 0)) at([...path, name], `${path.map(String).join(".")}.${name}`, "empty demand profile: every weight is zero, so no incident would ever happen");
    }
  }

  if (document.metadata.warmUpDays >= document.metadata.durationDays) {
    at(["metadata", "warmUpDays"], "metadata.warmUpDays", `warm-up (${document.metadata.warmUpDays} days) must be shorter than the duration (${document.metadata.durationDays} days)`);
  }
  if (Number.isNaN(Date.parse(`${document.metadata.start}Z`))) at(["metadata", "start"], "metadata.start", `not a real date: "${document.metadata.start}"`);
  const counting = document.report?.utilisation;
  if (counting) {
    const runHours = document.metadata.durationDays * 24;
    const from = counting.fromHour ?? document.metadata.warmUpDays * 24;
    const to = counting.toHour ?? runHours;
    if (counting.fromHour !== undefined && counting.fromHour < document.metadata.warmUpDays * 24) {
      at(["report", "utilisation", "fromHour"], "report.utilisation.fromHour", `fromHour (${counting.fromHour}) is inside the warm-up (${document.metadata.warmUpDays * 24} hours), which is never counted`);
    } else if (counting.toHour !== undefined && counting.toHour > runHours) {
      at(["report", "utilisation", "toHour"], "report.utilisation.toHour", `toHour (${counting.toHour}) is after the end of the run (${runHours} hours)`);
    } else if (to <= from) at(["report", "utilisation", "toHour"], "report.utilisation.toHour", `the counting window must end after it starts (${from} … ${to} hours)`);
  }
  const window = document.demand.window;
  if (window) {
    if (window.endHour <= window.startHour) at(["demand", "window", "endHour"], "demand.window.endHour", `endHour (${window.endHour}) must be after startHour (${window.startHour})`);
    else if (window.endHour > document.metadata.durationDays * 24) {
      at(["demand", "window", "endHour"], "demand.window.endHour", `endHour (${window.endHour}) is after the end of the run (${document.metadata.durationDays * 24} hours); calls can only ring within the run`);
    } else if (window.endHour <= document.metadata.warmUpDays * 24) {
      at(["demand", "window", "endHour"], "demand.window.endHour", `every call would ring in the warm-up (${document.metadata.warmUpDays * 24} hours), so nothing would be counted`);
    }
  }

  // Every fact cites a source listed in metadata.sources.
  const sourceIds = new Set(document.metadata.sources.map((source) => source.id));
  const checkSource = (section: "areas" | "stations" | "standbyPoints" | "vehicles" | "destinations") => {
    (document[section] as Array<{ source?: string | undefined }>).forEach((item, i) => {
      if (item.source !== undefined && !sourceIds.has(item.source)) {
        at([section, i, "source"], `${section}[${i}].source`, `unknown source "${item.source}"; list it under metadata.sources (known: ${listOf(sourceIds) || "none"})`);
      }
    });
  };
  (["areas", "stations", "standbyPoints", "vehicles", "destinations"] as const).forEach(checkSource);
  for (const mechanism of ["multiUnit", "jointOperations"] as const) {
    const source = document.demand[mechanism]?.source;
    if (source !== undefined && !sourceIds.has(source)) {
      at(["demand", mechanism, "source"], `demand.${mechanism}.source`, `unknown source "${source}"; list it under metadata.sources (known: ${listOf(sourceIds) || "none"})`);
    }
  }
  const joint = document.demand.jointOperations;
  if (joint) {
    checkDistribution(joint.extraOnScene, ["demand", "jointOperations", "extraOnScene"], at);
    if (joint.holdBack) checkDistribution(joint.holdBack, ["demand", "jointOperations", "holdBack"], at);
  }

  const destinationPolicy = document.policies.destination;
  if (destinationPolicy.name === "area-hospital") {
    const hospitals = new Set(document.destinations.filter((destination) => destination.kind === "hospital" && destination.capabilities.includes("general")).map((destination) => destination.id));
    for (const [code, hospital] of Object.entries(destinationPolicy.hospitals)) {
      const path = ["policies", "destination", "hospitals", code];
      if (!areas.has(code)) at(path, `policies.destination.hospitals.${code}`, `unknown area "${code}"`);
      if (!hospitals.has(hospital)) at(path, `policies.destination.hospitals.${code}`, `"${hospital}" is not a hospital with capability "general"; expected one of ${listOf(hospitals)}`);
    }
  }

  const relocation = document.policies.relocation;
  if (relocation.name === "standby-points") {
    relocation.points.forEach((point, i) => {
      if (!standbyPoints.has(point.id)) at(["policies", "relocation", "points", i, "id"], `policies.relocation.points[${i}].id`, `unknown standby point "${point.id}"; expected one of ${listOf(standbyPoints)}`);
      if (point.hours && point.hours[0] === point.hours[1]) at(["policies", "relocation", "points", i, "hours"], `policies.relocation.points[${i}].hours`, "empty hours: start and end are the same; leave hours out for all day");
    });
  }
  if (relocation.name === "dynamic-mexclp" || relocation.name === "compliance-table") {
    const bases = new Set([...stations.keys(), ...standbyPoints]);
    const checkBase = (path: PropertyKey[], field: string, value: string) => {
      if (!bases.has(value)) at(path, field, `unknown base "${value}"; expected a station or standby point: ${listOf(bases)}`);
    };
    if (relocation.name === "dynamic-mexclp") relocation.bases?.forEach((base, i) => checkBase(["policies", "relocation", "bases", i], `policies.relocation.bases[${i}]`, base));
    else {
      const checkTable = (table: string[][], path: PropertyKey[], field: string) =>
        table.forEach((row, k) => {
          // Row k (from 0) is for k + 1 free ambulances: one place for each.
          if (row.length !== k + 1) at([...path, k], `${field}[${k}]`, `row ${k + 1} is for ${k + 1} free ambulance${k === 0 ? "" : "s"} and needs ${k + 1} base${k === 0 ? "" : "s"}, not ${row.length}`);
          row.forEach((base, j) => checkBase([...path, k, j], `${field}[${k}][${j}]`, base));
        });
      if (relocation.table) checkTable(relocation.table, ["policies", "relocation", "table"], "policies.relocation.table");
      for (const [owner, table] of Object.entries(relocation.tables ?? {})) {
        if (!organisations.has(owner)) at(["policies", "relocation", "tables", owner], `policies.relocation.tables.${owner}`, `unknown owner "${owner}"; expected an organisation: ${listOf(organisations)}`);
        checkTable(table, ["policies", "relocation", "tables", owner], `policies.relocation.tables.${owner}`);
      }
    }
  }
  if (document.transports) checkTransports(document, document.transports, zones, at, checkDistribution);
  return issues;
}

/** The AMK's non-dispatch call types, telephone guidance and other work (amk/ in the engine). */
function checkAmkWorkload(amk: ScenarioDocument["amkCentres"][number], path: PropertyKey[], name: string, at: (path: PropertyKey[], field: string, message: string) => void): void {
  let nonDispatchShare = 0;
  for (const type of ["advice", "referral", "abandoned"] as const) {
    const spec = amk.callTypes?.[type];
    if (!spec) continue;
    nonDispatchShare += spec.share;
    checkDistribution(spec.talk, [...path, "callTypes", type, "talk"], at);
  }
  // Study-area calls of the other types are derived from its dispatch calls, so some share must send a unit.
  if (nonDispatchShare >= 1) at([...path, "callTypes"], `${name}.callTypes`, `the shares add up to ${nonDispatchShare}; they must leave a share above 0 for calls that send a unit`);
  if (amk.telephoneGuidance) checkDistribution(amk.telephoneGuidance.duration, [...path, "telephoneGuidance", "duration"], at);
  if (amk.afterCallWork) {
    for (const type of ["dispatch", "advice", "referral", "abandoned", "repeat"] as const) {
      const spec = amk.afterCallWork[type];
      if (spec) checkDistribution(spec, [...path, "afterCallWork", type], at);
    }
  }
  if (amk.repeatCalls) checkDistribution(amk.repeatCalls.talk, [...path, "repeatCalls", "talk"], at);
  if (amk.background?.profile) checkProfile(amk.background.profile, [...path, "background", "profile"], at);
  if (amk.otherWork?.missionFollowUp) checkDistribution(amk.otherWork.missionFollowUp, [...path, "otherWork", "missionFollowUp"], at);
  const taskIds = new Set<string>();
  amk.otherWork?.tasks.forEach((task, j) => {
    const taskPath = [...path, "otherWork", "tasks", j];
    if (taskIds.has(task.id)) at([...taskPath, "id"], `${name}.otherWork.tasks[${j}].id`, `duplicate task id "${task.id}"`);
    taskIds.add(task.id);
    checkDistribution(task.duration, [...taskPath, "duration"], at);
    if (task.profile) checkProfile(task.profile, [...taskPath, "profile"], at);
  });
}

/** A field's name as messages show it: amkCentres[0].callHandling.red, not amkCentres.0.callHandling.red. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => (typeof part === "number" ? `${name}[${part}]` : name === "" ? String(part) : `${name}.${String(part)}`), "");
}

/** A profile is normalised to mean 1, so one with every weight zero has no meaning. */
function checkProfile(profile: ProfileSpec, path: PropertyKey[], at: (path: PropertyKey[], field: string, message: string) => void): void {
  const parts: Array<[string, number[]]> = "hourOfWeek" in profile ? [["hourOfWeek", profile.hourOfWeek]] : [["hourOfDay", profile.hourOfDay], ...(profile.dayOfWeek ? [["dayOfWeek", profile.dayOfWeek] as [string, number[]]] : [])];
  for (const [name, values] of parts) {
    if (values.every((value) => value === 0)) at([...path, name], `${fieldName(path)}.${name}`, "empty profile: every weight is zero; leave the profile out for the demand profile");
  }
}

export function checkDistribution(spec: DistributionSpec, path: PropertyKey[], at: (path: PropertyKey[], field: string, message: string) => void): void {
  const name = fieldName(path);
  if (spec.min !== undefined && spec.max !== undefined && spec.min >= spec.max) at([...path, "max"], `${name}.max`, `max (${spec.max}) must be above min (${spec.min})`);
  else if (spec.max !== undefined && spec.max <= Math.max(0, spec.min ?? 0)) at([...path, "max"], `${name}.max`, "max must be above 0");
  if (spec.kind === "fixed" && (spec.shift !== undefined || spec.min !== undefined || spec.max !== undefined)) {
    const value = spec.value + (spec.shift ?? 0);
    if (value < Math.max(0, spec.min ?? 0) || value > (spec.max ?? Infinity)) at([...path, "value"], `${name}.value`, `value + shift (${value}) lies outside [min, max]; a fixed duration must lie inside and be at least 0`);
  }
  if (spec.kind !== "empirical") return;
  const field = `${name}.quantiles`;
  const quantiles = spec.quantiles;
  if (quantiles[0]![0] !== 0 || quantiles[quantiles.length - 1]![0] !== 1) at([...path, "quantiles"], field, "empirical quantiles must start at probability 0 and end at probability 1");
  for (let i = 1; i < quantiles.length; i++) {
    if (quantiles[i]![0] <= quantiles[i - 1]![0] || quantiles[i]![1] < quantiles[i - 1]![1]) {
      at([...path, "quantiles", i], `${field}[${i}]`, "probabilities must increase and values must not decrease");
      break;
    }
  }
}
