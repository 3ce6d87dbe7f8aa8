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
      let bestOwn = -1;
      let bestOwnEta = Infinity;
      let bestOther = -1;
      let bestOtherEta = Infinity;
      const available = view.available;
      for (let k = 0; k < view.availableCount; k++) {
        const vehicle = available[k]!;
        if (!view.eligible(vehicle, incident, role)) continue;
        const eta = view.etaSec(vehicle, incident);
        // Ties go to the lower vehicle index so the choice does not depend on list order.
        if (spec.crossBorder === "nearest" || view.isOwn(vehicle, incident)) {
          if (eta < bestOwnEta || (eta === bestOwnEta && vehicle < bestOwn)) {
            bestOwnEta = eta;
            bestOwn = vehicle;
          }
        } else if (eta < bestOtherEta || (eta === bestOtherEta && vehicle < bestOther)) {
          bestOtherEta = eta;
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
