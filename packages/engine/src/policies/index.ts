export type { DispatchCandidates, DispatchPolicy, DispatchRole, DispatchView, EnRoutePolicy, EnRouteView, FreeAmbulances, Moves, RelocationContext, RelocationPolicy, RelocationView, DestinationPolicy, DestinationView, WaitingPolicy, WaitingQueue } from "./policies.js";
export { policyRegistry, createPolicies, type Policies } from "./registry.js";
export { nearestEtaDispatch } from "./dispatch.js";
export { priorityFcfsWaiting } from "./waiting.js";
export { returnHomeRelocation, standbyPointsRelocation } from "./relocation.js";
export { dynamicMexclpRelocation } from "./dynamic-mexclp.js";
export { complianceTableRelocation } from "./compliance-table.js";
export { nearestCapableDestination, areaHospitalDestination } from "./destination.js";
export { blendEnRoute, nearestLocationEnRoute } from "./en-route.js";
