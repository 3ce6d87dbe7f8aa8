import { isAbsolute, resolve } from "node:path";
import { cacheKey } from "../cache/matrix-cache.js";
import { GeoInputError } from "../errors/geo-errors.js";
import { importEdgeListFile } from "./edge-list.js";
import { importN1000, type N1000Options } from "./n1000.js";
import { readNetworkFile } from "./network-file.js";
import type { RoadNetwork } from "./road-network.js";

/** Bumped whenever the routing or joining rules change, so cached matrices are rebuilt (2: several access links per point, no joins to OSM motorways and ramps). */
export const ROUTING_RULES_VERSION = 2;

export interface OpenedNetwork {
  network: RoadNetwork;
  /** Stable identity of the network content and build parameters (hex). */
  identity: string;
  /** Where it came from, for messages. */
  origin: string;
}

export interface OpenNetworkOptions extends N1000Options {
  /** Speeds by road class for edge lists that give none per link. */
  speedsKmh?: Record<string, number>;
}

const memo = new Map<string, OpenedNetwork>();

/**
 * Opens the network a scenario names: "n1000" (the default N1000 network built from the data
 * directory), a built network file (.akn, from `akutt network build`), or an edge list (.csv, .geojson)
 * read directly. Relative paths are relative to `baseDir` (the scenario's folder).
 */
export function openNetwork(name: string, context: { baseDir: string; dataDir: string; readRoots?: readonly string[] | undefined }, options: OpenNetworkOptions = {}): OpenedNetwork {
  // A posted scenario's folders are part of the key: its file is opened (and checked) on its own.
  const memoKey = cacheKey({ name, baseDir: context.baseDir, dataDir: context.dataDir, readRoots: context.readRoots ?? null, options });
  const known = memo.get(memoKey);
  if (known) return known;
  let opened: OpenedNetwork;
  if (name.toLowerCase() === "n1000") {
    const network = importN1000(context.dataDir, options);
    opened = { network, identity: networkIdentity(network), origin: `N1000 (${context.dataDir})` };
  } else {
    const path = isAbsolute(name) ? name : resolve(context.baseDir, name);
    const lower = path.toLowerCase();
    if (lower.endsWith(".akn")) {
      const { network, sha256 } = readNetworkFile(path, context.readRoots);
      opened = { network, identity: cacheKey({ file: sha256, rules: ROUTING_RULES_VERSION }), origin: path };
    } else if (lower.endsWith(".csv") || lower.endsWith(".geojson") || lower.endsWith(".json")) {
      const network = importEdgeListFile(path, { speedsKmh: options.speedsKmh ?? {}, ...(context.readRoots ? { readRoots: context.readRoots } : {}) });
      opened = { network, identity: networkIdentity(network), origin: path };
    } else if (lower.endsWith(".pbf")) {
      throw new GeoInputError(`${path}: an OSM PBF extract must be built first: akutt network build ${name} --out network.akn, then name the .akn file`, path);
    } else {
      throw new GeoInputError(`travel.network '${name}': expected "n1000", a built network (.akn) or an edge list (.csv, .geojson)`, name);
    }
  }
  memo.set(memoKey, opened);
  return opened;
}

export function networkIdentity(network: RoadNetwork): string {
  const { sources, buildParameters, speedsKmh, name, sourceKind } = network.meta;
  return cacheKey({ sources, buildParameters, speedsKmh, name, sourceKind, rules: ROUTING_RULES_VERSION, links: network.linkFrom.length, nodes: network.nodeLon.length });
}
