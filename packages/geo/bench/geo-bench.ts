/**
 * Geography benchmarks: `node --import tsx packages/geo/bench/geo-bench.ts [--json] [--quick] [--no-pgrouting]`.
 * Prints network build time and memory for ~1 million links, a 10,000 × 300 matrix, a 1,000 × 100 matrix
 * on ~100,000 links next to pgRouting's time for the same, the N1000 default model (both profiles), the real OSM
 * extract of Oslo and one trial of the N1000 calibration.
 */
import { buildContractionHierarchy, chManyToMany } from "../src/routing/contraction-hierarchy.js";
import { DijkstraSearch } from "../src/routing/dijkstra.js";
import { buildRoutingGraph } from "../src/routing/routing-graph.js";
import { importN1000 } from "../src/network/n1000.js";
import { createNetworkTravelModel } from "../src/network/travel-model.js";
import { resolveDataDir } from "../src/data/data-dir.js";
import { PgRoutingServer } from "../src/pgrouting/pg-server.js";
import type { RoadNetwork } from "../src/network/road-network.js";
import { random, syntheticNetwork } from "./synthetic-network.js";
import { importOsmPbf } from "../src/osm/osm-import.js";
import { DATASET_PATHS } from "../src/data/datasets.js";
import { prepareCalibration, profileParameters } from "../src/calibration/n1000-calibration.js";
import { N1000_PROFILES } from "../src/network/profiles.js";
import { join } from "node:path";

const args = new Set(process.argv.slice(2));
const json = args.has("--json");
const quick = args.has("--quick");
const results: Record<string, unknown> = {};
const log = (line: string) => {
  if (!json) process.stdout.write(`${line}\n`);
};
const seconds = (start: number) => Number(((performance.now() - start) / 1000).toFixed(3));
const rssMB = () => Math.round(process.memoryUsage().rss / 1e6);
/** Peak resident memory of the process so far (MB). */
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

function pickNodes(network: RoadNetwork, count: number, seed: number): number[] {
  const rnd = random(seed);
  return Array.from({ length: count }, () => Math.floor(rnd() * network.nodeLon.length));
}

function dijkstraMatrixSec(network: RoadNetwork, sources: number[], targets: number[]): number {
  // Fewer runs on the smaller side: reverse searches from the targets when they are fewer.
  const reverse = targets.length < sources.length;
  const graph = buildRoutingGraph(network, { speedFactor: 1 }, reverse);
  const search = new DijkstraSearch(graph, { trackParents: false });
  const start = performance.now();
  // Each search stops once every point on the other side is settled.
  for (const s of reverse ? targets : sources) search.run([{ node: s, sec: 0 }], reverse ? sources : targets);
  return seconds(start);
}

// 1. Build a network of about a million links.
{
  const side = quick ? 300 : 710;
  const start = performance.now();
  const network = syntheticNetwork(side);
  const buildSec = seconds(start);
  results["build"] = { links: network.linkFrom.length, nodes: network.nodeLon.length, buildSec, rssMB: rssMB(), peakRssMB: peakRssMB() };
  log(`build: ${network.linkFrom.length} links, ${network.nodeLon.length} nodes in ${buildSec} s, RSS ${rssMB()} MB (peak ${peakRssMB()} MB)`);

  // 2. 10,000 × 300 matrix on it.
  const sources = pickNodes(network, quick ? 2000 : 10_000, 1);
  const targets = pickNodes(network, 300, 2);
  const dijkstraSec = dijkstraMatrixSec(network, sources, targets);
  log(`matrix ${sources.length} × ${targets.length}, Dijkstra (one search per target on the reversed graph): ${dijkstraSec} s`);
  const chStart = performance.now();
  const graph = buildRoutingGraph(network, { speedFactor: 1 });
  const ch = buildContractionHierarchy(graph);
  const chBuildSec = seconds(chStart);
  const queryStart = performance.now();
  chManyToMany(ch, sources.map((node) => [{ node, sec: 0 }]), targets.map((node) => [{ node, sec: 0 }]));
  const chQuerySec = seconds(queryStart);
  results["matrixLarge"] = { sources: sources.length, targets: targets.length, dijkstraSec, chBuildSec, chQuerySec, shortcuts: ch.shortcuts, peakRssMB: peakRssMB() };
  log(`matrix ${sources.length} × ${targets.length}, contraction hierarchy: build ${chBuildSec} s (${ch.shortcuts} shortcuts), query ${chQuerySec} s; peak RSS ${peakRssMB()} MB`);
}

// 3. 1,000 × 100 on ~100,000 links, next to pgRouting.
{
  const network = syntheticNetwork(quick ? 120 : 225, 3);
  const sources = pickNodes(network, 1000, 4);
  const targets = pickNodes(network, 100, 5);
  const dijkstraSec = dijkstraMatrixSec(network, sources, targets);
  const chStart = performance.now();
  const ch = buildContractionHierarchy(buildRoutingGraph(network, { speedFactor: 1 }));
  const chBuildSec = seconds(chStart);
  const queryStart = performance.now();
  chManyToMany(ch, sources.map((node) => [{ node, sec: 0 }]), targets.map((node) => [{ node, sec: 0 }]));
  const chQuerySec = seconds(queryStart);
  let pgRouting: { sec: number } | { unavailable: string } = { unavailable: "not run (--no-pgrouting)" };
  if (!args.has("--no-pgrouting")) {
    try {
      const server = await PgRoutingServer.start();
      try {
        server.loadNetwork(network);
        pgRouting = { sec: Number(server.costMatrix(sources, targets).elapsedSec.toFixed(3)) };
      } finally {
        server.stop();
      }
    } catch (error) {
      pgRouting = { unavailable: (error as Error).message.split("\n")[0]! };
    }
  }
  results["matrixMedium"] = { links: network.linkFrom.length, sources: 1000, targets: 100, dijkstraSec, chBuildSec, chQuerySec, pgRouting };
  log(
    `matrix 1000 × 100 on ${network.linkFrom.length} links: Dijkstra ${dijkstraSec} s; CH build ${chBuildSec} s + query ${chQuerySec} s; pgRouting pgr_dijkstraCost ${"sec" in pgRouting ? `${pgRouting.sec} s` : pgRouting.unavailable}`,
  );
}

// 4. The N1000 default model.
{
  const dataDir = resolveDataDir();
  const start = performance.now();
  const network = importN1000(dataDir);
  const importSec = seconds(start);
  const rnd = random(9);
  const locations = Array.from({ length: 1000 }, (_, index) => ({ index, id: `p${index}`, kind: "zone" as const, lat: 59.6 + rnd() * 0.4, lon: 10.2 + rnd() * 0.6, areaClass: "tettbygd" as const }));
  const modelStart = performance.now();
  createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.2, options: { cache: false, maxSnapDistanceM: 50_000 } }, locations, { baseDir: ".", dataDir, cacheDir: "/tmp" });
  const modelSec = seconds(modelStart);
  const assumedStart = performance.now();
  createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.2, options: { profile: "n1000-2026-assumed", cache: false, maxSnapDistanceM: 50_000 } }, locations, { baseDir: ".", dataDir, cacheDir: "/tmp" });
  const assumedSec = seconds(assumedStart);
  results["n1000"] = { links: network.linkFrom.length, importSec, locations: 1000, modelSec, assumedProfileSec: assumedSec };
  log(`N1000: import ${network.linkFrom.length} links in ${importSec} s; travel model for 1000 locations (2 × 1000 × 1000 matrix, snapping, land checks) in ${modelSec} s (calibrated profile, 4 access links a point); ${assumedSec} s with the assumed profile (1 access link)`);
}

// 5. The real OSM extract of central and eastern Oslo, and one trial of the N1000 calibration.
{
  const dataDir = resolveDataDir();
  const start = performance.now();
  const osm = importOsmPbf(join(dataDir, DATASET_PATHS.osmOsloEast));
  const osmSec = seconds(start);
  const prepStart = performance.now();
  const prepared = prepareCalibration({ dataDir });
  const prepareSec = seconds(prepStart);
  const trialStart = performance.now();
  const profile = N1000_PROFILES["n1000-calibrated-osm-2019"];
  prepared.predict(profileParameters(profile), profile.accessCandidates);
  const trialSec = seconds(trialStart);
  results["osm"] = { links: osm.linkFrom.length, nodes: osm.nodeLon.length, importSec: osmSec, calibration: { pairs: prepared.sample.from.length, prepareSec, trialSec } };
  log(
    `OSM Oslo east 2019: import ${osm.linkFrom.length} links in ${osmSec} s; calibration sample (${prepared.sample.from.length} drives, OSM reference times) in ${prepareSec} s; one N1000 trial ${trialSec} s (a fit takes about 100 trials; akutt network calibrate runs three)`,
  );
}

if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
