import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATASET_PATHS } from "../data/datasets.js";
import { resolveDataDir } from "../data/data-dir.js";
import { importEdgeListCsv, importEdgeListGeoJson } from "./edge-list.js";
import { readNetworkFile, writeNetworkFile } from "./network-file.js";

const dir = mkdtempSync(join(tmpdir(), "akutt-edges-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSV = `from,to,from_lon,from_lat,to_lon,to_lat,length_m,speed_kmh,time_s,oneway,road_class
a,b,10.0,60.0,10.01,60.0,600,,,no,residential
b,c,10.01,60.0,10.01,60.01,1000,60,,yes,
c,a,10.01,60.01,10.0,60.0,1200,,90,no,primary
x,y,11.0,61.0,11.01,61.0,500,,,no,residential
`;

describe("CSV edge lists", () => {
  it("reads speeds, times, one-way rules and drops the disconnected piece", () => {
    const path = join(dir, "edges.csv");
    writeFileSync(path, CSV);
    const network = importEdgeListCsv(path);
    expect(network.linkFrom.length).toBe(3);
    expect(network.meta.build.droppedLinks).toBe(1);
    expect(network.linkForwardSec[0]).toBeCloseTo(600 / (30 / 3.6), 6); // residential default 30 km/h
    expect(network.linkForwardSec[1]).toBeCloseTo(60, 6); // 1000 m at 60 km/h
    expect(network.linkBackwardSec[1]).toBe(Infinity);
    expect(network.linkForwardSec[2]).toBe(90);
    expect(network.linkBackwardSec[2]).toBe(90);
  });

  it("names the file and line of bad values and unknown classes", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, CSV.replace("600,,,no", "-5,,,no"));
    expect(() => importEdgeListCsv(bad)).toThrow(/bad\.csv:2: length_m must be a non-negative number/);
    const odd = join(dir, "odd.csv");
    writeFileSync(odd, CSV.replace("no,primary", "no,hovercraft"));
    expect(importEdgeListCsv(odd).linkFrom.length).toBe(3); // time given: no speed needed
    writeFileSync(odd, CSV.replace(",,,no,residential\nb", ",,,no,hovercraft\nb"));
    expect(() => importEdgeListCsv(odd)).toThrow(/no speed for road class 'hovercraft'/);
  });
});

describe("NVDB Ruteplan sample", () => {
  it("reads the real field names: node ids, FT/TF minutes, ONEWAY", () => {
    const path = join(resolveDataDir(), DATASET_PATHS.nvdbSample);
    const network = importEdgeListGeoJson(path);
    expect(network.meta.sourceKind).toBe("nvdb");
    expect(network.meta.build.droppedComponents).toBeGreaterThan(100);
    // The README's largest weak component has 443 nodes; one-way links can only make the strong one smaller.
    expect(network.meta.build.keptNodes).toBeLessThanOrEqual(443);
    expect(network.meta.build.keptNodes).toBeGreaterThan(50);
    const features = (JSON.parse(readFileSync(path, "utf8")) as { features: Array<{ properties: Record<string, number | string> }> }).features;
    const oneWay = features.filter((f) => f.properties["ONEWAY"] === "FT").length;
    expect(oneWay).toBeGreaterThan(0);
    for (let l = 0; l < network.linkFrom.length; l++) {
      expect(network.linkForwardSec[l]! >= 0 || network.linkBackwardSec[l]! >= 0).toBe(true);
    }
  });
});

describe("built network files", () => {
  it("round-trip exactly and reject truncation", () => {
    const path = join(dir, "edges.csv");
    writeFileSync(path, CSV);
    const network = importEdgeListCsv(path);
    const file = join(dir, "net.akn");
    writeNetworkFile(file, network);
    const { network: back } = readNetworkFile(file);
    expect(back.meta).toEqual(network.meta);
    expect(Array.from(back.linkForwardSec)).toEqual(Array.from(network.linkForwardSec));
    expect(Array.from(back.shapeLat)).toEqual(Array.from(network.shapeLat));
    const bytes = readFileSync(file);
    writeFileSync(join(dir, "cut.akn"), bytes.subarray(0, bytes.length - 20));
    expect(() => readNetworkFile(join(dir, "cut.akn"))).toThrow(/cut\.akn: truncated/);
    writeFileSync(join(dir, "junk.akn"), "hello");
    expect(() => readNetworkFile(join(dir, "junk.akn"))).toThrow(/junk\.akn: not an Akutt network file/);
  });
});
