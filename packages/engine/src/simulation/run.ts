import type { Scenario, SimulationCalendar, TravelTimeModel } from "@akutt/model";
import { compileScenario, type CompiledScenario } from "../compile/compile.js";
import { createPolicies } from "../policies/index.js";
import type { ReplicationResult } from "../result/result.js";
import { withNormalSpeedFactor } from "../travel/speed-factors.js";
import { HubOrders } from "./hub-orders.js";
import { simulateReplication, type SimulationInputs } from "./simulation.js";

export interface RunOptions {
  seed: number;
  replications: number;
  /** Called after each replication with the number done; for progress bars. */
  onReplication?: (done: number, total: number) => void;
}

/** Prepares a scenario once for any number of replications. */
export function prepareSimulation(scenario: Scenario, modelTravel: TravelTimeModel, calendar: SimulationCalendar): SimulationInputs {
  const compiled: CompiledScenario = compileScenario(scenario, calendar);
  // The engine decides which drives are blue-light, so it applies the factor for the others.
  const travel = withNormalSpeedFactor(modelTravel, scenario.travel.normalSpeedFactor ?? 1);
  return {
    compiled,
    travel,
    calendar,
    policies: createPolicies(scenario.policies, { compiled, travel }),
    hubOrders: new HubOrders(travel, [...compiled.baseLocations, ...compiled.destinations.map((destination) => destination.location)], compiled.zoneCount),
    dispatch: {
      interAmkDelaySec: scenario.policies.dispatch.interAmkDelaySec,
      crossBorder: scenario.policies.dispatch.crossBorder,
      firstResponderForRed: scenario.policies.dispatch.firstResponderForRed,
    },
  };
}

/** Runs replications 0 … N−1, each on its own independent random streams. */
export function runReplications(inputs: SimulationInputs, options: RunOptions): ReplicationResult[] {
  const results: ReplicationResult[] = [];
  for (let r = 0; r < options.replications; r++) {
    // Policies may keep per-run state (queues), so each replication gets fresh ones via the waiting policy.
    results.push(simulateReplication(inputs, options.seed, r));
    options.onReplication?.(r + 1, options.replications);
  }
  return results;
}
