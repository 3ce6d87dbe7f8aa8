import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";

const folders: string[] = [];

/** Removes every folder comparisonWithDataZones made (call from afterAll). */
export function removeDemoComparisons(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/**
 * A comparison whose scenario reads its zones from `data:` in a data folder of its own: the demo
 * scenario with its inline zones moved to a CSV, straight-line travel so no road data is needed.
 */
export function comparisonWithDataZones(extra: { demand?: Record<string, unknown> } = {}): { comparisonFile: string; dataDir: string } {
  const root = mkdtempSync(join(tmpdir(), "akutt-compare-data-"));
  folders.push(root);
  const dataDir = join(root, "data");
  mkdirSync(join(dataDir, "test-zones"), { recursive: true });
  const demo = parse(readFileSync(resolve(import.meta.dirname, "../../../../scenarios/demo/demo.yaml"), "utf8")) as Record<string, unknown> & { zones: Array<{ id: string; area: string; lat: number; lon: number; population: number }> };
  const csv = ["id,lon,lat,population,area", ...demo.zones.map((zone) => `${zone.id},${zone.lon},${zone.lat},${zone.population},${zone.area}`)].join("\n");
  writeFileSync(join(dataDir, "test-zones", "zones.csv"), `${csv}\n`);
  const scenario = {
    ...demo,
    metadata: { ...(demo.metadata as object), durationDays: 3, warmUpDays: 0 },
    demand: { ...(demo.demand as object), ...extra.demand },
    zones: { file: "data:test-zones/zones.csv", csv: { id: "id", x: "lon", y: "lat", crs: "EPSG:4326", population: "population", area: "area" } },
    travel: { model: "straight-line", detourFactor: 1.3, speedKmhByAreaClass: { tettbygd: 50, grisgrendt: 70 } },
  };
  const scenarioDir = join(root, "scenarios");
  mkdirSync(scenarioDir);
  writeFileSync(join(scenarioDir, "base.yaml"), stringify(scenario));
  writeFileSync(join(scenarioDir, "more.yaml"), stringify({ version: 1, extends: "base.yaml", vehicles: [{ id: "lier-amb", count: 2 }] }));
  const comparisonFile = join(scenarioDir, "comparison.yaml");
  writeFileSync(
    comparisonFile,
    stringify({ comparison: 1, name: "data folder", baseline: { id: "base", label: "Base", file: "base.yaml" }, alternatives: [{ id: "more", label: "More", file: "more.yaml" }], replications: 2 }),
  );
  return { comparisonFile, dataDir };
}

