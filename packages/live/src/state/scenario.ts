import type { Scenario } from "@akutt/model";
import type { LiveEvent } from "../events/schema.js";
import { ALL_AMKS, type Poster } from "../events/received.js";

/** A unit as the scenario gives it: who owns it, which AMK dispatches it, where it is based. */
export interface LiveUnitSpec {
  unitId: string;
  type: string;
  /** The health trust (or other organisation) that owns the unit. */
  owner: string;
  /** The AMK that dispatches it. */
  amk: string;
  stationId: string;
  stationLat: number;
  stationLon: number;
}

/** What the live state needs of a scenario: its units, zones and AMK centres, by id. */
export interface LiveScenario {
  units: ReadonlyMap<string, LiveUnitSpec>;
  zoneIds: ReadonlySet<string>;
  amkIds: ReadonlySet<string>;
}

export function liveScenarioOf(scenario: Pick<Scenario, "vehicles" | "stations" | "zones" | "amkCentres">): LiveScenario {
  const stations = new Map(scenario.stations.map((station) => [station.id, station]));
  const units = new Map<string, LiveUnitSpec>();
  for (const vehicle of scenario.vehicles) {
    const station = stations.get(vehicle.station)!;
    units.set(vehicle.id, { unitId: vehicle.id, type: vehicle.type, owner: vehicle.owner, amk: vehicle.dispatchedBy, stationId: station.id, stationLat: station.lat, stationLon: station.lon });
  }
  return { units, zoneIds: new Set(scenario.zones.map((zone) => zone.id)), amkIds: new Set(scenario.amkCentres.map((amk) => amk.id)) };
}

/**
 * Why an event can never be accepted whatever else arrives (an unknown unit, zone or AMK; an
 * incident created for another AMK than the poster's), or undefined. These are refused before the
 * log; what depends on other events is decided when the events are folded in time order.
 */
export function scenarioProblem(event: LiveEvent, scenario: LiveScenario, by: Poster): string | undefined {
  switch (event.type) {
    case "incident.created":
      if (!scenario.amkIds.has(event.amk)) return `unknown AMK ${event.amk}: not an AMK centre of the scenario`;
      if (by.amk !== ALL_AMKS && by.amk !== event.amk) return `a token of AMK ${by.amk} cannot create incidents for AMK ${event.amk}`;
      if ("zoneId" in event.location && !scenario.zoneIds.has(event.location.zoneId)) return `unknown zone ${event.location.zoneId}: not a zone of the scenario`;
      return undefined;
    case "unit.status":
    case "unit.position":
      return scenario.units.has(event.unitId) ? undefined : `unknown unit ${event.unitId}: not a unit of the scenario`;
    case "incident.closed":
      return undefined;
  }
}
