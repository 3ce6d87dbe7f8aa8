export { createNetworkTravelModel, joinLocations, joinLocation, openNetworkFor, directTripCell, directTripSec, parseNetworkOptions, networkTravelOptionsSchema } from "./travel-model.js";
export type { NetworkTravelModel, NetworkTravelOptions, NetworkTravelSpec, SnapReport, NetworkTravelContext } from "./travel-model.js";
export { openNetwork, networkIdentity, ROUTING_RULES_VERSION, type OpenedNetwork } from "./open-network.js";
export { importN1000, n1000RoadClass, N1000_DEFAULT_SPEEDS_KMH, N1000_LIMITATIONS, N1000_NETWORK_NAME, type N1000Options } from "./n1000.js";
export { importEdgeListCsv, importEdgeListGeoJson, importEdgeListFile, DEFAULT_EDGE_LIST_SPEEDS_KMH, type EdgeListOptions } from "./edge-list.js";
export { buildNetwork, type RawLink, type BuildOptions, type NetworkClip } from "./build-network.js";
export { readNetworkFile, writeNetworkFile } from "./network-file.js";
export { CongestionProfile, type CongestionPeriod } from "./congestion.js";
export * from "./road-network.js";
