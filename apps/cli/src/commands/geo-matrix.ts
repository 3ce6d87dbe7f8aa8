import type { Command } from "commander";
import { buildLocations, loadScenarioFile } from "@akutt/model";
import { createNetworkTravelModel, GeoInputError, resolveCacheDir, resolveDataDir, writeFileAtomic } from "@akutt/geo";
import { geoProgress } from "./geo-progress.js";

interface MatrixFlags {
  out?: string;
  snaps?: string;
  network?: string;
  emergency: boolean;
  dataDir?: string;
  json: boolean;
}

/** `akutt matrix`: the road-network travel-time matrix between a scenario's zones, stations, standby points and hospitals. */
export function registerMatrix(program: Command): void {
  program
    .command("matrix")
    .description("compute (or load from the cache) the road-network travel-time matrix of a scenario's locations")
    .argument("<scenario>", "scenario YAML file")
    .option("--network <name>", "network to use instead of the scenario's travel.network (n1000, .akn, edge list)")
    .option("--out <file.csv>", "write the matrix as CSV (from,to,seconds), usable as a `matrix` travel model")
    .option("--emergency", "write blue-light times instead of normal driving", false)
    .option("--snaps <file.csv>", "write how each location was joined to the road (distance, road class, water crossed)")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data beside the repository)")
    .option("--json", "print the summary as JSON", false)
    .action((file: string, flags: MatrixFlags) => {
      const scenario = loadScenarioFile(file);
      const travel = scenario.travel;
      if (!flags.network && travel.model !== "network") throw new GeoInputError(`${file}: travel.model is "${travel.model}"; give --network n1000 (or a network file) to compute a road-network matrix`, file);
      const spec = travel.model === "network" ? { network: flags.network ?? travel.network, emergencySpeedFactor: travel.emergencySpeedFactor, options: travel.options } : { network: flags.network!, emergencySpeedFactor: travel.emergencySpeedFactor, options: {} };
      const locations = buildLocations(scenario);
      const progress = geoProgress("matrix", "rows", !flags.json);
      const started = performance.now();
      let model;
      try {
        model = createNetworkTravelModel(spec, locations, {
          baseDir: scenario.baseDir,
          dataDir: resolveDataDir(flags.dataDir),
          cacheDir: resolveCacheDir(),
          simStartLocal: scenario.metadata.start,
          onProgress: (done, total) => progress.update(done, total),
        });
      } finally {
        progress.stop();
      }
      const elapsedSec = (performance.now() - started) / 1000;
      const n = locations.length;
      const matrix = model.matrices[flags.emergency ? 1 : 0];
      if (flags.out) {
        const rows = ["from,to,seconds"];
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) rows.push(`${locations[i]!.id},${locations[j]!.id},${matrix[i * n + j]!.toFixed(1)}`);
        writeFileAtomic(flags.out, `${rows.join("\n")}\n`);
      }
      if (flags.snaps) {
        const rows = ["id,kind,snap_distance_m,access_sec,road_class,water_m,note"];
        for (const s of model.snaps) rows.push(`${s.id},${s.kind},${s.snapDistanceM.toFixed(0)},${s.accessSec.toFixed(1)},${s.roadClass},${s.waterM.toFixed(0)},"${(s.note ?? "").replace(/"/g, '""')}"`);
        writeFileAtomic(flags.snaps, `${rows.join("\n")}\n`);
      }
      const distances = model.snaps.map((s) => s.snapDistanceM).sort((a, b) => a - b);
      const worst = [...model.snaps].sort((a, b) => b.snapDistanceM - a.snapDistanceM).slice(0, 5);
      const summary = {
        network: model.name,
        locations: n,
        fromCache: model.fromCache,
        cacheFile: model.cacheFile,
        elapsedSec: Number(elapsedSec.toFixed(3)),
        snapDistanceM: { median: distances[Math.floor(n / 2)] ?? 0, p90: distances[Math.floor(n * 0.9)] ?? 0, max: distances[n - 1] ?? 0 },
        farthestSnaps: worst.map((s) => ({ id: s.id, kind: s.kind, snapDistanceM: Math.round(s.snapDistanceM), note: s.note ?? null })),
        notes: model.snaps.filter((s) => s.note).map((s) => `${s.id}: ${s.note}`),
        limitations: model.limitations,
      };
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      const lines = [
        `${summary.network}: ${n} × ${n} locations ${summary.fromCache ? "loaded from the cache" : "computed"} in ${summary.elapsedSec} s${flags.out ? `; wrote ${flags.out}` : ""}`,
        `  snap distance to the road: median ${summary.snapDistanceM.median.toFixed(0)} m, 90 % ${summary.snapDistanceM.p90.toFixed(0)} m, max ${summary.snapDistanceM.max.toFixed(0)} m`,
        ...summary.farthestSnaps.map((s) => `    ${s.kind} ${s.id}: ${s.snapDistanceM} m${s.note ? ` (${s.note})` : ""}`),
        ...summary.notes.map((note) => `  note: ${note}`),
        "  limitations:",
        ...summary.limitations.map((l) => `    - ${l}`),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
