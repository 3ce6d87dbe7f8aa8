import type { DispatchSpec } from "@akutt/model";
import type { DispatchPolicy, DispatchRole, DispatchView } from "./policies.js";

/**
 * Nearest available unit by estimated arrival (units on their way back count from where they are),
 * with a cross-border rule:
 * - nearest: ignore owners;
 * - own-first: the responsible organisation's unit unless another's arrives sooner by more than a margin;
 * - own-only: another organisation's unit only when none of the own is free (mutual aid).
 * The inter-AMK coordination delay is inside etaSec, so it counts against foreign units everywhere.
 *
 * Equally fast units are told apart by `spec.tieBreak`:
 * - free-longest (default): the one free longest, then the lower index, as dispatchers share work;
 * - lowest-index: the unit listed first in the scenario (what many simulators do);
 * - random: a uniform draw among the tied units from a stream keyed by the incident, so it is
 *   reproducible and the same in every scenario that sees the same incident and tie.
 * None of them depends on the order of the candidate list.
 */
export function nearestEtaDispatch(spec: DispatchSpec): DispatchPolicy {
  const tieBreak = spec.tieBreak ?? "free-longest";
  const byFreeLongest = tieBreak === "free-longest";
  const ignoreOwner = spec.crossBorder === "nearest";
  return {
    name: `nearest-eta (${spec.crossBorder})${byFreeLongest ? "" : `, ties: ${tieBreak}`}`,
    select(view: DispatchView, incident: number, role: DispatchRole): number {
      const candidates = view.candidates(incident, role);
      const { count, vehicle: vehicles, etaSec, own, freeSinceSec } = candidates;
      let bestOwn = -1;
      let bestOwnEta = Infinity;
      let bestOwnFree = Infinity;
      let bestOther = -1;
      let bestOtherEta = Infinity;
      let bestOtherFree = Infinity;
      for (let k = 0; k < count; k++) {
        const vehicle = vehicles[k]!;
        const eta = etaSec[k]!;
        // Under lowest-index and random every unit counts as free equally long, so the lower index wins
        // (random redraws among the tied ones below).
        const free = byFreeLongest ? freeSinceSec[k]! : 0;
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
      let chosenOwn: boolean;
      if (bestOwn < 0) chosenOwn = false;
      else if (bestOther < 0) chosenOwn = true;
      else chosenOwn = !(spec.crossBorder === "own-first" && bestOtherEta < bestOwnEta - spec.ownFirstMarginSec);
      const chosen = chosenOwn ? bestOwn : bestOther;
      if (tieBreak !== "random" || chosen < 0) return chosen;
      return drawAmongTied(view, incident, role, candidates, chosenOwn || ignoreOwner ? 1 : 0, ignoreOwner, chosenOwn ? bestOwnEta : bestOtherEta, chosen);
    },
  };
}

/** A uniform draw among the candidates of the chosen group with the best ETA, by ascending vehicle index. */
function drawAmongTied(
  view: DispatchView,
  incident: number,
  role: DispatchRole,
  candidates: ReturnType<DispatchView["candidates"]>,
  ownFlag: number,
  ignoreOwner: boolean,
  bestEta: number,
  fallback: number,
): number {
  const tied: number[] = [];
  for (let k = 0; k < candidates.count; k++) {
    if (candidates.etaSec[k] !== bestEta) continue;
    if (!ignoreOwner && candidates.own[k] !== ownFlag) continue;
    tied.push(candidates.vehicle[k]!);
  }
  if (tied.length < 2) return fallback;
  tied.sort((a, b) => a - b);
  const u = view.tieBreakRandom(incident, role).next();
  return tied[Math.min(tied.length - 1, Math.floor(u * tied.length))]!;
}
