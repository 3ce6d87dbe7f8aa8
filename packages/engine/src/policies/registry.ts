import type { ScenarioDocument } from "@akutt/model";
import { areaHospitalDestination, nearestCapableDestination } from "./destination.js";
import { nearestEtaDispatch } from "./dispatch.js";
import { blendEnRoute, nearestLocationEnRoute } from "./en-route.js";
import { complianceTableRelocation } from "./compliance-table.js";
import { dynamicMexclpRelocation } from "./dynamic-mexclp.js";
import type { DestinationPolicy, DispatchPolicy, EnRoutePolicy, RelocationContext, RelocationPolicy, WaitingPolicy } from "./policies.js";
import { returnHomeRelocation, standbyPointsRelocation } from "./relocation.js";
import { priorityFcfsWaiting } from "./waiting.js";

type PolicySpecs = ScenarioDocument["policies"];
type Named<T extends { name: string }, N extends T["name"]> = Extract<T, { name: N }>;

/**
 * Every policy a scenario can name, keyed by that name. Adding a policy means adding its spec to the
 * scenario schema and a factory here; the shared contract tests then run against it automatically.
 */
export const policyRegistry: {
  dispatch: { [N in PolicySpecs["dispatch"]["name"]]: (spec: Named<PolicySpecs["dispatch"], N>) => DispatchPolicy };
  waiting: { [N in PolicySpecs["waiting"]["name"]]: (spec: Named<PolicySpecs["waiting"], N>) => WaitingPolicy };
  relocation: { [N in PolicySpecs["relocation"]["name"]]: (spec: Named<PolicySpecs["relocation"], N>, context: RelocationContext) => RelocationPolicy };
  destination: { [N in PolicySpecs["destination"]["name"]]: (spec: Named<PolicySpecs["destination"], N>) => DestinationPolicy };
  enRoute: { [N in NonNullable<PolicySpecs["enRoute"]>["name"]]: (spec: Named<NonNullable<PolicySpecs["enRoute"]>, N>) => EnRoutePolicy };
} = {
  dispatch: { "nearest-eta": nearestEtaDispatch },
  waiting: { "priority-fcfs": (spec) => priorityFcfsWaiting(spec.whenNoneFree === "lost") },
  relocation: {
    "return-home": () => returnHomeRelocation(),
    "standby-points": (spec) => standbyPointsRelocation(spec),
    "dynamic-mexclp": dynamicMexclpRelocation,
    "compliance-table": complianceTableRelocation,
  },
  destination: { "nearest-capable": () => nearestCapableDestination(), "area-hospital": (spec) => areaHospitalDestination(spec.hospitals) },
  enRoute: { blend: () => blendEnRoute(), "nearest-location": () => nearestLocationEnRoute() },
};

export interface Policies {
  dispatch: DispatchPolicy;
  waiting: WaitingPolicy;
  relocation: RelocationPolicy;
  destination: DestinationPolicy;
  enRoute: EnRoutePolicy;
}

/** The scenario's policies; relocation policies may precompute from the compiled scenario and travel model. */
export function createPolicies(specs: PolicySpecs, context: RelocationContext): Policies {
  return {
    dispatch: policyRegistry.dispatch[specs.dispatch.name](specs.dispatch),
    waiting: policyRegistry.waiting[specs.waiting.name](specs.waiting),
    relocation: createRelocation(specs.relocation, context),
    destination: specs.destination.name === "nearest-capable" ? policyRegistry.destination["nearest-capable"](specs.destination) : policyRegistry.destination["area-hospital"](specs.destination),
    enRoute: specs.enRoute?.name === "nearest-location" ? policyRegistry.enRoute["nearest-location"](specs.enRoute) : policyRegistry.enRoute.blend({ name: "blend" }),
  };
}

function createRelocation(spec: PolicySpecs["relocation"], context: RelocationContext): RelocationPolicy {
  switch (spec.name) {
    case "return-home":
      return policyRegistry.relocation["return-home"](spec, context);
    case "standby-points":
      return policyRegistry.relocation["standby-points"](spec, context);
    case "dynamic-mexclp":
      return policyRegistry.relocation["dynamic-mexclp"](spec, context);
    case "compliance-table":
      return policyRegistry.relocation["compliance-table"](spec, context);
  }
}
