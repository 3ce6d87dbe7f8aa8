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
      view.destinations.forEach((destination, d) => {
        if (destination.legevakt !== need.legevakt) return;
        const sec = view.travelSec(fromLocation, destination.location, emergency, simSec);
        if (need.legevakt || destination.capabilities.has(need.capability)) {
          if (sec < bestSec) {
            bestSec = sec;
            best = d;
          }
        } else if (destination.capabilities.has("general") && sec < fallbackSec) {
          fallbackSec = sec;
          fallback = d;
        }
      });
      return best >= 0 ? best : fallback;
    },
  };
}
