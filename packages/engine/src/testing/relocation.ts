import type { FreeAmbulances, RelocationContext, RelocationView } from "../policies/policies.js";
import { VEHICLE_ROLE } from "../compile/compile.js";
import type { SimulationInputs } from "../simulation/simulation.js";
import { prepareTest, weekDemo } from "./fixtures.js";

/** What an ambulance is doing in a hand-made relocation state (test-only). */
export const FREE_STATES = ["busy", "idle", "returning", "held"] as const;
export type FreeState = (typeof FREE_STATES)[number];

export interface RelocationFixture {
  inputs: SimulationInputs;
  context: RelocationContext;
  /** Vehicle indices of the ambulances, in order. */
  ambulances: number[];
  /** Locations of the stations and standby points, in compiled order. */
  baseLocations: number[];
  /**
   * A relocation view for a state given per ambulance: busy, idle at base `base`, driving to base
   * `base`, or held (cleaning) at the first hospital, free but not movable.
   */
  relocationView(states: ReadonlyArray<{ state: FreeState; base: number }>): RelocationView;
}

/** The week demo with a standby point (Mjøndalen), so relocation policies have a place that is not a station. */
export function relocationFixture(edit: (text: string) => string = (text) => text): RelocationFixture {
  const scenario = weekDemo((text) => edit(text.replace("vehicles:\n", "standbyPoints:\n  - { id: sb-mjondalen, name: Mjøndalen, lat: 59.7530, lon: 10.0200, owner: vv }\n\nvehicles:\n")));
  const inputs = prepareTest(scenario);
  const { compiled, travel } = inputs;
  const ambulances = Array.from({ length: compiled.vehicles.count }, (_, v) => v).filter((v) => compiled.vehicles.role[v] === VEHICLE_ROLE.transport);
  const baseLocations = [...compiled.baseLocations];
  const hospital = compiled.destinations[0]!.location;
  const relocationView = (states: ReadonlyArray<{ state: FreeState; base: number }>): RelocationView => {
    const free: FreeAmbulances = { count: 0, vehicle: new Int32Array(ambulances.length), position: new Int32Array(ambulances.length), movable: new Uint8Array(ambulances.length) };
    states.forEach(({ state, base }, k) => {
      if (state === "busy") return;
      free.vehicle[free.count] = ambulances[k]!;
      free.position[free.count] = state === "held" ? hospital : baseLocations[base]!;
      free.movable[free.count] = state === "idle" ? 1 : 0;
      free.count++;
    });
    return {
      homeLocation: (vehicle) => compiled.vehicles.homeLocation[vehicle]!,
      isAmbulance: (vehicle) => compiled.vehicles.role[vehicle] === VEHICLE_ROLE.transport,
      travelSec: (from, to) => travel.travelTimeSec(from, to, false, 0),
      minuteOfDayAt: (simSec) => Math.floor(simSec / 60) % 1440,
      freeAmbulanceTargets: function* (except) {
        for (let k = 0; k < free.count; k++) if (free.vehicle[k] !== except) yield free.position[k]!;
      },
      standbyLocation: (id) => compiled.standbyLocationById.get(id)!,
      freeAmbulances: () => free,
    };
  };
  return { inputs, context: { compiled, travel }, ambulances, baseLocations, relocationView };
}
