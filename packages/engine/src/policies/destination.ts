import type { DestinationPolicy, DestinationView } from "./policies.js";

type Destinations = DestinationView["destinations"];

// What a destination is for a need (suitability below).
const UNSUITABLE = 0;
const CAPABLE = 1;
/** Without the needed capability but a general hospital: taken only when no capable one is found. */
const GENERAL = 2;

/** A need's suitability per destination, and the choices made per origin under one time-invariant travel model. */
interface Suitability {
  kinds: Uint8Array;
  travel: object | undefined;
  /** At 2 × origin location (+ 1 for a blue-light drive): the destination chosen + CHOSEN_OFFSET, 0 while not yet chosen. */
  chosen: Int32Array;
}
/** Stored choices are shifted so that 0 means "not chosen yet" and −1 (no suitable destination) can be kept. */
const CHOSEN_OFFSET = 2;

/** The destination of the needed kind and capability with the shortest travel time; ties to the lower index. */
export function nearestCapableDestination(): DestinationPolicy {
  // Per destination list, legevakt flag and capability: each destination's suitability, worked out
  // once rather than with two set lookups per destination for every patient.
  const suitabilities = new WeakMap<Destinations, [Map<string, Suitability>, Map<string, Suitability>]>();
  // The last need asked about: nearly every patient of a run needs the same (general, no legevakt).
  let lastDestinations: Destinations | undefined;
  let lastLegevakt = false;
  let lastCapability = "";
  let lastTable: Suitability | undefined;
  const suitability = (destinations: Destinations, legevakt: boolean, capability: string): Suitability => {
    if (lastTable !== undefined && destinations === lastDestinations && legevakt === lastLegevakt && capability === lastCapability) return lastTable;
    lastTable = lookUpSuitability(destinations, legevakt, capability);
    lastDestinations = destinations;
    lastLegevakt = legevakt;
    lastCapability = capability;
    return lastTable;
  };
  const lookUpSuitability = (destinations: Destinations, legevakt: boolean, capability: string): Suitability => {
    let byKind = suitabilities.get(destinations);
    if (!byKind) suitabilities.set(destinations, (byKind = [new Map(), new Map()]));
    const byCapability = byKind[legevakt ? 1 : 0];
    let table = byCapability.get(capability);
    if (!table) {
      const kinds = Uint8Array.from(destinations, (destination) => {
        if (destination.legevakt !== legevakt) return UNSUITABLE;
        if (legevakt || destination.capabilities.has(capability)) return CAPABLE;
        return destination.capabilities.has("general") ? GENERAL : UNSUITABLE;
      });
      table = { kinds, travel: undefined, chosen: new Int32Array(0) };
      byCapability.set(capability, table);
    }
    return table;
  };
  const nearest = (view: DestinationView, kinds: Uint8Array, fromLocation: number, emergency: boolean, simSec: number): number => {
    let best = -1;
    let bestSec = Infinity;
    let fallback = -1;
    let fallbackSec = Infinity;
    const destinations = view.destinations;
    for (let d = 0; d < destinations.length; d++) {
      const kind = kinds[d]!;
      if (kind === UNSUITABLE) continue;
      const sec = view.travelSec(fromLocation, destinations[d]!.location, emergency, simSec);
      if (kind === CAPABLE) {
        if (sec < bestSec) {
          bestSec = sec;
          best = d;
        }
      } else if (sec < fallbackSec) {
        fallbackSec = sec;
        fallback = d;
      }
    }
    return best >= 0 ? best : fallback;
  };
  return {
    name: "nearest-capable",
    choose(view, fromLocation, need, emergency, simSec) {
      const table = suitability(view.destinations, need.legevakt, need.capability);
      const travel = view.invariantTravel;
      if (travel === undefined) return nearest(view, table.kinds, fromLocation, emergency, simSec);
      // Times that never change give the same choice from the same place every time: choose once per place.
      const key = 2 * fromLocation + (emergency ? 1 : 0);
      if (table.travel !== travel || key >= table.chosen.length) {
        // A typed array indexed by origin, not a Map: this runs for every patient taken anywhere.
        const chosen = new Int32Array(Math.max(64, 2 * (key + 1)));
        if (table.travel === travel) chosen.set(table.chosen);
        table.travel = travel;
        table.chosen = chosen;
      }
      const known = table.chosen[key]!;
      if (known !== 0) return known - CHOSEN_OFFSET;
      const chosen = nearest(view, table.kinds, fromLocation, emergency, simSec);
      table.chosen[key] = chosen + CHOSEN_OFFSET;
      return chosen;
    },
  };
}

/**
 * Patients who need no special capability go to their area's local hospital (e.g. Asker and Bærum
 * to Bærum sykehus, former Røyken and Hurum to Drammen), whatever is nearest; patients needing a
 * capability, legevakt patients and areas without a local hospital get the nearest capable one.
 */
export function areaHospitalDestination(hospitalOfArea: Readonly<Record<string, string>>): DestinationPolicy {
  const nearest = nearestCapableDestination();
  let indexOfId: Map<string, number> | undefined;
  return {
    name: "area-hospital",
    choose(view, fromLocation, need, emergency, simSec) {
      if (!need.legevakt && need.capability === "general") {
        const hospital = hospitalOfArea[need.areaCode];
        if (hospital !== undefined) {
          indexOfId ??= new Map(view.destinations.map((destination, d) => [destination.id, d]));
          const d = indexOfId.get(hospital);
          if (d !== undefined) return d;
        }
      }
      return nearest.choose(view, fromLocation, need, emergency, simSec);
    },
  };
}
