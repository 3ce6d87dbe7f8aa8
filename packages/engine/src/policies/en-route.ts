import type { EnRoutePolicy, EnRouteView } from "./policies.js";

/**
 * Today's rule: a unit that has done a fraction f of its trip from A to its base B reaches the scene
 * in (1 − f)·time(A → scene) + f·time(B → scene). Never faster than the faster of A and B.
 */
export function blendEnRoute(): EnRoutePolicy {
  return {
    name: "blend",
    boundedByEnds: true,
    travelSec(view: EnRouteView, from: number, to: number, fraction: number): number {
      const fromOrigin = view.travelToScene(from);
      const fromTarget = view.travelToScene(to);
      return (1 - fraction) * fromOrigin + fraction * fromTarget;
    },
  };
}

/**
 * The rule of many simulators (e.g. ELASPY): the unit is placed where a straight line from A to B
 * puts it after a fraction f of the trip's time, then at the nearest location (zone, station,
 * standby point or destination), and drives from there. It can be faster than both ends, so the
 * dispatch search must ask about every returning unit.
 */
export function nearestLocationEnRoute(): EnRoutePolicy {
  return {
    name: "nearest-location",
    boundedByEnds: false,
    travelSec(view: EnRouteView, from: number, to: number, fraction: number): number {
      return view.travelToScene(view.nearestLocationAlong(from, to, fraction));
    },
  };
}
