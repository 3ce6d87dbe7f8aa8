import type { Command } from "commander";
import { buildZones, loadBoundaries, parseAreaCodes, writeZonesFile, GeoInputError, type ZoneMethod } from "@akutt/geo";
import { resolveDataDir } from "@akutt/geo";

interface ZonesFlags {
  areas: string;
  h3?: string;
  grid?: string;
  out: string;
  dataDir?: string;
  json: boolean;
}

/** `akutt zones build`: demand zones with population for the given areas, written as a zones file. */
export function registerZones(program: Command): void {
  const zones = program.command("zones").description("demand zones over land with population");
  zones
    .command("build")
    .description("build H3 or SSB-grid zones for municipalities and Oslo districts, with population from the best source")
    .requiredOption("--areas <codes>", "comma-separated 2024 municipality codes and Oslo district codes, e.g. 3203,3201,030106,030107")
    .option("--h3 <resolution>", "H3 hexagons at this resolution (7 ≈ 5 km², 8 ≈ 0.74 km², 9 ≈ 0.1 km²); the default, at 8")
    .option("--grid <metres>", "SSB grid cells of this size instead of hexagons (100, 250, 500, 1000, 2000 or 5000)")
    .requiredOption("--out <file>", "zones file to write (.yaml or .json)")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data beside the repository)")
    .option("--json", "print the summary as JSON", false)
    .action((flags: ZonesFlags) => {
      if (flags.h3 && flags.grid) throw new GeoInputError("give either --h3 or --grid, not both");
      const method: ZoneMethod = flags.grid ? { kind: "ssb-grid", cellSizeM: Number(flags.grid) } : { kind: "h3", resolution: Number(flags.h3 ?? 8) };
      const dataDir = resolveDataDir(flags.dataDir);
      const boundaries = loadBoundaries(dataDir);
      const file = buildZones(dataDir, parseAreaCodes(boundaries, flags.areas), method);
      writeZonesFile(flags.out, file);
      const summary = Object.values(file.provenance.areas).map((a) => ({ code: a.code, name: a.name, zones: a.zones, population: a.population, year: a.populationYear, source: a.spatialSource }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ file: flags.out, method: file.provenance.method, zones: file.zones.length, areas: summary }, null, 2)}\n`);
        return;
      }
      const lines = [`wrote ${file.zones.length} zones (${file.provenance.method}) to ${flags.out}`];
      for (const a of summary) lines.push(`  ${a.code.padEnd(6)} ${a.name.padEnd(14)} ${String(a.zones).padStart(5)} zones  ${String(a.population).padStart(8)} persons (${a.year})  ${a.source}`);
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
