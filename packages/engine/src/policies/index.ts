export type { DispatchCandidates, DispatchPolicy, DispatchRole, DispatchView, EnRoutePolicy, EnRouteView, RelocationPolicy, RelocationView, DestinationPolicy, DestinationView, WaitingPolicy, WaitingQueue } from "./policies.js";
export { policyRegistry, createPolicies, type Policies } from "./registry.js";
export { nearestEtaDispatch } from "./dispatch.js";
export { priorityFcfsWaiting } from "./waiting.js";
export { returnHomeRelocation, standbyPointsRelocation } from "./relocation.js";
export { nearestCapableDestination, areaHospitalDestination } from "./destination.js";
export { blendEnRoute, nearestLocationEnRoute } from "./en-route.js";
