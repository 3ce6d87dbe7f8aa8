import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../errors/scenario-error.js";
import { resolveDataPath } from "../scenario/data-path.js";
import { loadScenarioFile } from "../scenario/load.js";
import { parseCsvZones, rdNewToWgs84 } from "./csv-zones.js";

const metres = (a: [number, number], b: [number, number]) => Math.hypot((a[0] - b[0]) * 111_200, (a[1] - b[1]) * 111_200 * Math.cos((a[0] * Math.PI) / 180));

describe("RD New to WGS 84", () => {
  // References: PROJ 9 via pyproj 3.7.2, EPSG:28992 → EPSG:4326.
  it.each([
    [155000, 463000, 52.15517230119224, 5.3872035084137675],
    [126780.741303588, 475976.34372212, 52.27107894059958, 4.973771994529736],
    [190000, 440000, 51.94734375826018, 5.896276932467825],
    [121687, 487484, 52.37421816405501, 4.898009893359112],
  ])("(%d, %d) lies within a metre of PROJ's position", (x, y, lat, lon) => {
    expect(metres(rdNewToWgs84(x, y), [lat, lon])).toBeLessThan(1);
  });
});

describe("zones from a CSV table", () => {
  const table = "\uFEFFpostal code,x,y,inhabitants,inhabitantsIncreasing\n1391,126780.741303588,475976.34372212,0.006,0.006\n3584,139000,455000,0.01,0.016\n";

  it("reads ids, converts coordinates and takes the weight column", () => {
    const zones = parseCsvZones(table, { id: "postal code", x: "x", y: "y", crs: "EPSG:28992", weight: "inhabitants", areaCode: "NL-RAVU" });
    expect(zones).toHaveLength(2);
    expect(zones[0]).toMatchObject({ id: "1391", area: "NL-RAVU", weight: 0.006 });
    expect(zones[0]!.lat).toBeCloseTo(52.2711, 3);
    expect(zones[0]!.lon).toBeCloseTo(4.9738, 3);
  });

  it("names the line and column of a mistake", () => {
    expect(() => parseCsvZones(table, { id: "postcode", x: "x", y: "y", areaCode: "A" })).toThrow(/no column "postcode"/);
    expect(() => parseCsvZones(table.replace("0.01,0.016", "lots,0.016"), { id: "postal code", x: "x", y: "y", crs: "EPSG:28992", weight: "inhabitants", areaCode: "A" })).toThrow(/inhabitants must be a non-negative number, got "lots"/);
    expect(() => parseCsvZones(table, { id: "postal code", x: "x", y: "y", areaCode: "A" })).toThrow(/not a position on Earth/);
  });
});

describe("data: paths", () => {
  it("resolve inside the data folder and nowhere else", () => {
    expect(resolveDataPath("data:benchmarks/utrecht/nodes.csv", "/srv/data")).toEqual({ ok: true, path: "/srv/data/benchmarks/utrecht/nodes.csv" });
    for (const bad of ["data:", "data:/etc/passwd", "data:../secret.csv", "data:benchmarks/../../x.csv"]) expect(resolveDataPath(bad, "/srv/data").ok).toBe(false);
  });

  it("let a scenario read its zones and matrix in place from the data folder", () => {
    const demoFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios/demo/demo.yaml");
    const data = mkdtempSync(join(tmpdir(), "akutt-data-"));
    mkdirSync(join(data, "bench"));
    writeFileSync(join(data, "bench", "zones.csv"), "id,lon,lat,pop\nz1,10.2,59.74,100\nz2,10.25,59.79,50\n");
    const folder = mkdtempSync(join(tmpdir(), "akutt-scenario-"));
    const text = readFileSync(demoFile, "utf8")
      .replace(/^zones:\n(  - .*\n)+/m, 'zones:\n  file: data:bench/zones.csv\n  csv: { id: id, x: lon, y: lat, population: pop, areaCode: "3301" }\n')
      .replace(/^travel:\n(  .*\n)+/m, "travel:\n  model: matrix\n  file: data:bench/siren.csv\n  format: square\n  unit: min\n")
      .replace(/areas: \["3301", "3312"\]/, 'areas: ["3301", "3312"]');
    writeFileSync(join(folder, "s.yaml"), text);
    const scenario = loadScenarioFile(join(folder, "s.yaml"), { dataDir: data });
    expect(scenario.zones.map((zone) => [zone.id, zone.area, zone.population])).toEqual([
      ["z1", "3301", 100],
      ["z2", "3301", 50],
    ]);
    expect(scenario.travel).toMatchObject({ file: join(data, "bench", "siren.csv"), format: "square", unit: "min" });
    expect(scenario.zonesProvenance).toMatchObject({ format: "csv", crs: "EPSG:4326" });
    writeFileSync(join(folder, "bad.yaml"), text.replace("data:bench/siren.csv", "data:../siren.csv"));
    expect(() => loadScenarioFile(join(folder, "bad.yaml"), { dataDir: data })).toThrow(ScenarioError);
  });
});
