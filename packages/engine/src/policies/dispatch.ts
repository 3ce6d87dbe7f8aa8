import type { DispatchSpec } from "@akutt/model";
import type { DispatchPolicy, DispatchRole, DispatchView } from "./policies.js";

/**
 * Nearest available unit by estimated arrival (units on their way back count from where they are),
 * with a cross-border rule:
 * - nearest: ignore owners;
 * - own-first: the responsible organisation's unit unless another's arrives sooner by more than a margin;
 * - own-only: another organisation's unit only when none of the own is free (mutual aid).
 * The inter-AMK coordination delay is inside etaSec, so it counts against foreign units everywhere.
 */
export function nearestEtaDispatch(spec: DispatchSpec): DispatchPolicy {
  return {
    name: `nearest-eta (${spec.crossBorder})`,
    select(view: DispatchView, incident: number, role: DispatchRole): number {
      const { count, vehicle: vehicles, etaSec, own, freeSinceSec } = view.candidates(incident, role);
      const ignoreOwner = spec.crossBorder === "nearest";
      let bestOwn = -1;
      let bestOwnEta = Infinity;
      let bestOwnFree = Infinity;
      let bestOther = -1;
      let bestOtherEta = Infinity;
      let bestOtherFree = Infinity;
      for (let k = 0; k < count; k++) {
        const vehicle = vehicles[k]!;
        const eta = etaSec[k]!;
        const free = freeSinceSec[k]!;
        // Equally fast units (a station's crews): the one free longest goes, then the lower index,
        // so the choice does not depend on list order and the work is shared as dispatchers share it.
        if (ignoreOwner || own[k] === 1) {
          if (eta < bestOwnEta || (eta === bestOwnEta && (free < bestOwnFree || (free === bestOwnFree && vehicle < bestOwn)))) {
            bestOwnEta = eta;
            bestOwnFree = free;
            bestOwn = vehicle;
          }
        } else if (eta < bestOtherEta || (eta === bestOtherEta && (free < bestOtherFree || (free === bestOtherFree && vehicle < bestOther)))) {
          bestOtherEta = eta;
          bestOtherFree = free;
          bestOther = vehicle;
        }
      }
      if (bestOwn < 0) return bestOther;
      if (bestOther < 0) return bestOwn;
      if (spec.crossBorder === "own-first" && bestOtherEta < bestOwnEta - spec.ownFirstMarginSec) return bestOther;
      return bestOwn;
    },
  };
}
