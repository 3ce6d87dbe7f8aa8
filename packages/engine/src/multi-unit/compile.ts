import { URGENCIES, type Scenario } from "@akutt/model";
import { createSampler, type Sampler } from "../distributions/distributions.js";

/** demand.multiUnit and demand.jointOperations in the shape the module wants. */
export interface CompiledMultiUnit {
  /** Per urgency: numbers of ambulances (2 … 9) ascending with their cumulative shares; empty: one each. */
  unitsByUrgency: Array<{ units: number[]; cumulative: number[] }>;
  /** Probability that an extra ambulance takes a patient of its own. */
  extraTransportProbability: number;
  /** Per urgency: share of incidents that are joint operations with police or fire. */
  jointShareByUrgency: number[];
  /** Added to every ambulance's on-scene time at a joint operation; undefined without joint operations. */
  jointExtraOnScene: Sampler | undefined;
  /** Wait before entering the scene of a joint operation; undefined: none. */
  jointHoldBack: Sampler | undefined;
}

/** Undefined when the scenario asks for neither mechanism, so the engine does not create the module. */
export function compileMultiUnit(scenario: Scenario): CompiledMultiUnit | undefined {
  const multi = scenario.demand.multiUnit;
  const joint = scenario.demand.jointOperations;
  if (multi === undefined && joint === undefined) return undefined;
  return {
    unitsByUrgency: URGENCIES.map((urgency) => {
      const shares = Object.entries(multi?.[urgency]?.units ?? {})
        .map(([units, share]) => [Number(units), share] as const)
        .filter(([, share]) => share > 0)
        .sort((a, b) => a[0] - b[0]);
      let sum = 0;
      return { units: shares.map(([units]) => units), cumulative: shares.map(([, share]) => (sum += share)) };
    }),
    extraTransportProbability: multi?.extraTransportProbability ?? 0,
    jointShareByUrgency: URGENCIES.map((urgency) => joint?.share[urgency] ?? 0),
    jointExtraOnScene: joint ? createSampler(joint.extraOnScene, "demand.jointOperations.extraOnScene") : undefined,
    jointHoldBack: joint?.holdBack ? createSampler(joint.holdBack, "demand.jointOperations.holdBack") : undefined,
  };
}
