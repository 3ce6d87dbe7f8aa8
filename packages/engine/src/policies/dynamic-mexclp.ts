import type { RelocationSpec } from "@akutt/model";
import type { RelocationContext, RelocationPolicy, RelocationView } from "./policies.js";

type DynamicMexclpSpec = Extract<RelocationSpec, { name: "dynamic-mexclp" }>;

/** Index of red in the compiled demand ([urgency][zone]); coverage is about red calls. */
const RED = 0;

/**
 * Dynamic MEXCLP relocation (Jagtenberg, van der Mei and Bhulai 2015, "An efficient heuristic for
 * real-time ambulance redeployment", Operations Research for Health Care 4: 27–35). MEXCLP (Daskin
 * 1983) values a zone covered by k free ambulances at d·(1 − q^k): the k-th ambulance adds
 * d·(1 − q)·q^(k−1), where q is the busy fraction and d the zone's demand. When an ambulance becomes
 * free it is sent to the base where it adds most: counting, for every zone, the other free ambulances
 * that cover it (those driving to a base counted at that base, as in the paper), it picks the base b
 * maximising Σ over zones z covered from b of d_z·(1 − q)·q^(k_z). Only the freed ambulance is moved.
 *
 * Demand d_z is the zone's red rate; a zone is covered from a location whose blue-light drive to it
 * takes at most coverageSec. Coverage is computed once, at creation, with the travel model at time 0
 * (ASSUMPTION: coverage does not follow time-of-day congestion). Ties go to the base nearer the
 * ambulance, then to the base listed first. When no base adds anything (no red demand in reach) the
 * ambulance goes home; units other than ambulances always go home.
 *
 * Cost of one decision: O((F + B) · Z_c) where F is the number of free ambulances, B the number of
 * candidate bases and Z_c the most zones one location covers (≤ the number of zones); no travel
 * time is looked up except for ties and for a location first seen (once per run, O(Z)).
 */
export function dynamicMexclpRelocation(spec: DynamicMexclpSpec, context: RelocationContext): RelocationPolicy {
  const { compiled, travel } = context;
  const zoneCount = compiled.zoneCount;
  const demand = compiled.demand.ratePerHourByZone[RED]!;
  const q = spec.busyFraction;
  // (1 − q)·q^k for k = 0 … vehicles: the worth of one more ambulance over a zone k already cover.
  const marginalWorth = Float64Array.from({ length: compiled.vehicles.count + 1 }, (_, k) => (1 - q) * q ** k);

  // Covered zones per location, as a sorted index list; filled for every base now and for any other
  // location (a unit held at a hospital) the first time it is seen.
  const coveredZones: Array<Int32Array | undefined> = new Array<Int32Array | undefined>(compiled.locationCount);
  const coveredFrom = (location: number): Int32Array => {
    let zones = coveredZones[location];
    if (zones === undefined) {
      const list: number[] = [];
      for (let z = 0; z < zoneCount; z++) if (travel.travelTimeSec(location, z, true, 0) <= spec.coverageSec) list.push(z);
      zones = Int32Array.from(list);
      coveredZones[location] = zones;
    }
    return zones;
  };
  for (const location of compiled.baseLocations) coveredFrom(location);

  // Candidate bases per owning organisation (deduplicated locations, in the order listed).
  const candidatesOf = (owner: number): Int32Array => {
    const locations: number[] = [];
    compiled.baseIds.forEach((id, b) => {
      const listed = spec.bases ? spec.bases.includes(id) : compiled.baseOwner[b] === owner;
      const location = compiled.baseLocations[b]!;
      if (listed && !locations.includes(location)) locations.push(location);
    });
    return Int32Array.from(locations);
  };
  const candidatesByOwner = new Map<number, Int32Array>();
  const coverCount = new Int32Array(zoneCount);

  return {
    name: "dynamic-mexclp",
    chooseBase(view: RelocationView, vehicle: number, currentLocation: number): number {
      if (!view.isAmbulance(vehicle)) return view.homeLocation(vehicle);
      const owner = spec.bases ? -1 : compiled.vehicles.owner[vehicle]!;
      let candidates = candidatesByOwner.get(owner);
      if (candidates === undefined) {
        candidates = candidatesOf(owner);
        candidatesByOwner.set(owner, candidates);
      }

      const free = view.freeAmbulances();
      for (let k = 0; k < free.count; k++) {
        if (free.vehicle[k] === vehicle) continue;
        for (const z of coveredFrom(free.position[k]!)) coverCount[z]!++;
      }
      let best = -1;
      let bestWorth = 0;
      // The drive to the best base so far, looked up only when another base ties with it.
      let bestTravelSec = NaN;
      for (const base of candidates) {
        let worth = 0;
        for (const z of coveredFrom(base)) worth += demand[z]! * marginalWorth[coverCount[z]!]!;
        if (worth > bestWorth) {
          best = base;
          bestWorth = worth;
          bestTravelSec = NaN;
        } else if (worth === bestWorth && worth > 0) {
          if (Number.isNaN(bestTravelSec)) bestTravelSec = view.travelSec(currentLocation, best);
          const travelSec = view.travelSec(currentLocation, base);
          if (travelSec < bestTravelSec) {
            best = base;
            bestTravelSec = travelSec;
          }
        }
      }
      // The count buffer is shared by every decision of this policy: leave it all zero.
      for (let k = 0; k < free.count; k++) {
        if (free.vehicle[k] === vehicle) continue;
        for (const z of coveredFrom(free.position[k]!)) coverCount[z] = 0;
      }
      return best >= 0 ? best : view.homeLocation(vehicle);
    },
  };
}
