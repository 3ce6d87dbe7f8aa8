import type { RelocationSpec } from "@akutt/model";
import { clockToMinutes } from "@akutt/model";
import type { RelocationPolicy, RelocationView } from "./policies.js";

export function returnHomeRelocation(): RelocationPolicy {
  return { name: "return-home", chooseBase: (view, vehicle) => view.homeLocation(vehicle) };
}

/**
 * A free ambulance goes to the first listed standby point that is active now and not covered by
 * another free ambulance (one within coverageSec of it), if it can get there within maxTravelSec;
 * otherwise home. Other units (akuttbil, doctor car, sick-transport car) always go home. An
 * ambulance stays at its point until it is dispatched, even after the point's hours end.
 */
export function standbyPointsRelocation(spec: Extract<RelocationSpec, { name: "standby-points" }>): RelocationPolicy {
  const points = spec.points.map((point) => ({
    id: point.id,
    fromMinute: point.hours ? clockToMinutes(point.hours[0]) : 0,
    toMinute: point.hours ? clockToMinutes(point.hours[1]) : 1440,
  }));
  const isActive = (point: { fromMinute: number; toMinute: number }, minute: number) =>
    point.fromMinute <= point.toMinute ? minute >= point.fromMinute && minute < point.toMinute : minute >= point.fromMinute || minute < point.toMinute;
  return {
    name: "standby-points",
    chooseBase(view: RelocationView, vehicle: number, currentLocation: number, simSec: number): number {
      if (!view.isAmbulance(vehicle)) return view.homeLocation(vehicle);
      const minute = view.minuteOfDayAt(simSec);
      for (const point of points) {
        if (!isActive(point, minute)) continue;
        const location = view.standbyLocation(point.id);
        let covered = false;
        for (const target of view.freeAmbulanceTargets(vehicle)) {
          if (view.travelSec(target, location) <= spec.coverageSec) {
            covered = true;
            break;
          }
        }
        if (covered) continue;
        if (view.travelSec(currentLocation, location) <= spec.maxTravelSec) return location;
      }
      return view.homeLocation(vehicle);
    },
  };
}
