import type { DestinationPolicy } from "./policies.js";

/** The destination of the needed kind and capability with the shortest travel time; ties to the lower index. */
export function nearestCapableDestination(): DestinationPolicy {
  return {
    name: "nearest-capable",
    choose(view, fromLocation, need, emergency, simSec) {
      let best = -1;
      let bestSec = Infinity;
      let fallback = -1;
      let fallbackSec = Infinity;
      const destinations = view.destinations;
      for (let d = 0; d < destinations.length; d++) {
        const destination = destinations[d]!;
        if (destination.legevakt !== need.legevakt) continue;
        const capable = need.legevakt || destination.capabilities.has(need.capability);
        if (!capable && !destination.capabilities.has("general")) continue;
        const sec = view.travelSec(fromLocation, destination.location, emergency, simSec);
        if (capable) {
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
