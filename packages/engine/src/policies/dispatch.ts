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
      const { count, vehicle: vehicles, etaSec, own } = view.candidates(incident, role);
      const ignoreOwner = spec.crossBorder === "nearest";
      let bestOwn = -1;
      let bestOwnEta = Infinity;
      let bestOther = -1;
      let bestOtherEta = Infinity;
      for (let k = 0; k < count; k++) {
        const vehicle = vehicles[k]!;
        const eta = etaSec[k]!;
        // Ties go to the lower vehicle index so the choice does not depend on list order.
        if (ignoreOwner || own[k] === 1) {
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
