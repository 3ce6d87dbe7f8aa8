import type { DestinationPolicy, DestinationView } from "./policies.js";

type Destinations = DestinationView["destinations"];

// What a destination is for a need (suitability below).
const UNSUITABLE = 0;
const CAPABLE = 1;
/** Without the needed capability but a general hospital: taken only when no capable one is found. */
const GENERAL = 2;

/** The destination of the needed kind and capability with the shortest travel time; ties to the lower index. */
export function nearestCapableDestination(): DestinationPolicy {
  // Per destination list, legevakt flag and capability: each destination's suitability, worked out
  // once rather than with two set lookups per destination for every patient.
  const suitabilities = new WeakMap<Destinations, [Map<string, Uint8Array>, Map<string, Uint8Array>]>();
  const suitability = (destinations: Destinations, legevakt: boolean, capability: string): Uint8Array => {
    let byKind = suitabilities.get(destinations);
    if (!byKind) suitabilities.set(destinations, (byKind = [new Map(), new Map()]));
    const byCapability = byKind[legevakt ? 1 : 0];
    let table = byCapability.get(capability);
    if (!table) {
      table = Uint8Array.from(destinations, (destination) => {
        if (destination.legevakt !== legevakt) return UNSUITABLE;
        if (legevakt || destination.capabilities.has(capability)) return CAPABLE;
        return destination.capabilities.has("general") ? GENERAL : UNSUITABLE;
      });
      byCapability.set(capability, table);
    }
    return table;
  };
  return {
    name: "nearest-capable",
    choose(view, fromLocation, need, emergency, simSec) {
      let best = -1;
      let bestSec = Infinity;
      let fallback = -1;
      let fallbackSec = Infinity;
      const destinations = view.destinations;
      const suitable = suitability(destinations, need.legevakt, need.capability);
      for (let d = 0; d < destinations.length; d++) {
        const kind = suitable[d]!;
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
