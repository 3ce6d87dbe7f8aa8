import { existsSync } from "node:fs";
import type { Command } from "commander";
import {
  areaLookup,
  calibrateN1000,
  formatCalibration,
  GeoInputError,
  importEdgeListFile,
  importN1000,
  importOsmPbf,
  loadBoundaries,
  openNetwork,
  parseAreaCodes,
  writeNetworkFile,
  type NetworkClip,
  type RoadNetwork,
} from "@akutt/geo";
import { resolveDataDir } from "@akutt/geo";
import { geoProgress } from "./geo-progress.js";

interface BuildFlags {
  out: string;
  clip?: string;
  emergencyRoutes: boolean;
  signalDelay?: string;
  dataDir?: string;
  json: boolean;
}

function summary(network: RoadNetwork) {
  const { meta } = network;
  const byClass: Record<string, { links: number; lengthKm: number }> = {};
  for (let l = 0; l < network.linkFrom.length; l++) {
    const cls = meta.roadClasses[network.linkClass[l]!] ?? "?";
    const entry = (byClass[cls] ??= { links: 0, lengthKm: 0 });
    entry.links++;
    entry.lengthKm += network.linkLengthM[l]! / 1000;
  }
  return { name: meta.name, sourceKind: meta.sourceKind, sources: meta.sources, nodes: network.nodeLon.length, links: network.linkFrom.length, byClass, speedsKmh: meta.speedsKmh, build: meta.build, limitations: meta.limitations };
}

function printSummary(network: RoadNetwork, json: boolean): void {
  const s = summary(network);
  if (json) {
    process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    return;
  }
  const b = s.build;
  const lines = [
    `${s.name}`,
    `  source: ${s.sourceKind} ${s.sources.map((x) => `${x.path} (sha256 ${x.sha256.slice(0, 12)}…)`).join(", ")}`,
    `  ${s.nodes} nodes, ${s.links} links, ${(b.keptLengthM / 1000).toFixed(0)} km in the largest strongly connected component`,
    `  dropped: ${b.droppedComponents} smaller components with ${b.droppedLinks} links, ${b.droppedNodes} nodes, ${(b.droppedLengthM / 1000).toFixed(1)} km`,
    `  skipped at import: ${Object.entries(b.skippedLinks).map(([k, v]) => `${v} ${k}`).join("; ") || "none"}`,
    "  by road class:",
    ...Object.entries(s.byClass)
      .sort(([, a], [, b2]) => b2.lengthKm - a.lengthKm)
      .map(([cls, v]) => `    ${cls.padEnd(20)} ${String(v.links).padStart(7)} links ${v.lengthKm.toFixed(0).padStart(7)} km${s.speedsKmh[cls] !== undefined ? `  ${s.speedsKmh[cls]} km/h` : ""}`),
    ...b.notes.map((n) => `  note: ${n}`),
    "  limitations:",
    ...s.limitations.map((l) => `    - ${l}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** `akutt network build` and `akutt network info`. */
export function registerNetwork(program: Command): void {
  const network = program.command("network").description("road networks for travel times");
  network
    .command("build")
    .description("import an OSM PBF extract, an edge list (CSV/GeoJSON, NVDB Ruteplan) or n1000 into a built network file (.akn)")
    .argument("<input>", "file.osm.pbf, edges.csv, edges.geojson, or n1000")
    .requiredOption("--out <file>", "built network to write (.akn)")
    .option("--clip <areas>", "keep only roads touching these areas (municipality/Oslo district codes, comma-separated)")
    .option("--emergency-routes", "OSM: keep bus roads and passages open to emergency vehicles (left out by default)", false)
    .option("--signal-delay <sec>", "OSM: seconds added per traffic signal passed (default 8)")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data beside the repository)")
    .option("--json", "print the summary as JSON", false)
    .action((input: string, flags: BuildFlags) => {
      if (!flags.out.toLowerCase().endsWith(".akn")) throw new GeoInputError(`--out ${flags.out}: a built network file must end in .akn`);
      const dataDir = resolveDataDir(flags.dataDir);
      let clip: NetworkClip | undefined;
      if (flags.clip) {
        const areas = parseAreaCodes(loadBoundaries(dataDir), flags.clip);
        const lookup = areaLookup(areas);
        clip = { label: `areas ${areas.map((a) => a.code).join(",")}`, contains: (lon, lat) => lookup.contains(lon, lat) };
      }
      const lower = input.toLowerCase();
      let built: RoadNetwork;
      if (lower === "n1000") built = importN1000(dataDir, clip ? { clip } : {});
      else if (!existsSync(input)) throw new GeoInputError(`${input}: no such file`, input);
      else if (lower.endsWith(".pbf")) {
        const progress = geoProgress("reading", "MB", !flags.json);
        try {
          const signalDelay = flags.signalDelay === undefined ? undefined : Number(flags.signalDelay);
          if (signalDelay !== undefined && !(signalDelay >= 0)) throw new GeoInputError(`--signal-delay ${flags.signalDelay}: expected seconds (0 or more)`);
          built = importOsmPbf(input, {
            ...(clip ? { clip } : {}),
            ...(signalDelay !== undefined ? { trafficSignalDelaySec: signalDelay } : {}),
            emergencyRoutes: flags.emergencyRoutes,
            progress: (read, total) => progress.update(Math.round(read / 1e6), Math.max(1, Math.round(total / 1e6))),
          });
        } finally {
          progress.stop();
        }
      } else if (lower.endsWith(".csv") || lower.endsWith(".geojson") || lower.endsWith(".json")) built = importEdgeListFile(input, clip ? { clip } : {});
      else throw new GeoInputError(`${input}: expected an .osm.pbf extract, an edge list (.csv, .geojson) or n1000`, input);
      writeNetworkFile(flags.out, built);
      if (!flags.json) process.stderr.write(`wrote ${flags.out}\n`);
      printSummary(built, flags.json);
    });
  network
    .command("calibrate")
    .description("fit the N1000 model's urban parameters to the OpenStreetMap network of central and eastern Oslo (2019) and print the table (docs/geography.md)")
    .option("--points <n>", "points drawn by population", "600")
    .option("--pairs-per-band <n>", "pairs per distance band and half", "150")
    .option("--seed <n>", "seed of the draws", "1")
    .option("--candidates <k>", "roads each point is joined to after calibration (accessCandidates)", "4")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data beside the repository)")
    .option("--json", "print the result as JSON", false)
    .action((flags: { points: string; pairsPerBand: string; seed: string; candidates: string; dataDir?: string; json: boolean }) => {
      const whole = (name: string, value: string, min: number) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < min) throw new GeoInputError(`--${name} ${value}: expected a whole number of at least ${min}`);
        return n;
      };
      const result = calibrateN1000({
        dataDir: resolveDataDir(flags.dataDir),
        points: whole("points", flags.points, 10),
        pairsPerBand: whole("pairs-per-band", flags.pairsPerBand, 1),
        seed: whole("seed", flags.seed, 1),
        accessCandidates: whole("candidates", flags.candidates, 1),
        ...(flags.json ? {} : { onProgress: (message: string) => process.stderr.write(`${message}\n`) }),
      });
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatCalibration(result));
    });
  network
    .command("info")
    .description("describe a network: size, road classes and speeds, what the import dropped, limitations")
    .argument("<network>", "n1000, a built network (.akn) or an edge list")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data beside the repository)")
    .option("--json", "print as JSON", false)
    .action((name: string, flags: { dataDir?: string; json: boolean }) => {
      const opened = openNetwork(name, { baseDir: process.cwd(), dataDir: resolveDataDir(flags.dataDir) });
      printSummary(opened.network, flags.json);
    });
}
