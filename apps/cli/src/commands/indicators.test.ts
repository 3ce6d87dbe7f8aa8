import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/model";
import { fixtureWarehouse, type FixtureMission } from "@akutt/indicators/testing";
import { akutt, akuttAsync } from "../testing/akutt-process.js";
import { expectUserError } from "../testing/user-error.js";

const REPO_ROOT = findRepoRoot();
const SCENARIO = resolve(REPO_ROOT, "scenarios/asker-baerum/base.yaml");

const dir = mkdtempSync(join(tmpdir(), "akutt-indicators-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function warehouseFile(name: string, missions: FixtureMission[]): Promise<string> {
  const path = join(dir, name);
  const { instance, connection } = await fixtureWarehouse(missions, undefined, path);
  connection.closeSync();
  instance.closeSync();
  return path;
}

describe("akutt indicators: bad input", () => {
  let empty: string;
  beforeAll(async () => {
    empty = await warehouseFile("empty.duckdb", []);
  });

  it("refuses an unknown indicator, period, grouping, format or language", async () => {
    expectUserError(akutt("indicators", "--warehouse", empty, "--indicator", "red-responses"), /^akutt: unknown indicator "red-responses": use one or more of red-response/);
    expectUserError(akutt("indicators", "--warehouse", empty, "--by", "week"), /unknown period "week"/);
    expectUserError(akutt("indicators", "--warehouse", empty, "--group", "fylke"), /unknown grouping "fylke"/);
    expectUserError(akutt("indicators", "--warehouse", empty, "--indicator", "utilisation", "--group", "kommune"), /defined per station, unit, not per kommune/);
    expectUserError(akutt("indicators", "--warehouse", empty, "--format", "pdf"), /--format must be one of text, csv, html/);
    expectUserError(akutt("indicators", "--warehouse", empty, "--lang", "sv"), /--lang must be nb or en/);
  });

  it("refuses a missing warehouse, a file that is not one, and an empty one, saying how to import", () => {
    expectUserError(akutt("indicators", "--warehouse", join(dir, "nowhere.duckdb")), /no warehouse at .*nowhere\.duckdb: import an extract first with `akutt data import/);
    const text = join(dir, "notes.txt");
    writeFileSync(text, "not a database");
    expectUserError(akutt("indicators", "--warehouse", text), /is not a DuckDB warehouse file/);
    expectUserError(akutt("indicators", "--warehouse", empty), /the warehouse .*empty\.duckdb is empty: import an extract first/);
  });

  it("refuses a bad kommune classification in the data folder naming its file, line and field, and one it cannot open, without a stack trace", async () => {
    const badClass = join(dir, "data-bad-class");
    mkdirSync(join(badClass, "classification"), { recursive: true });
    writeFileSync(join(badClass, "classification", "kommune-class.csv"), "code,class\n3201,tettbygd\n32O3,tettbygd\n");
    expectUserError(akutt("indicators", "--warehouse", empty, "--data-dir", badClass), /^akutt: classification\/kommune-class\.csv, line 3, field code: expected a 4-digit kommune number$/m);
    const socketDir = join(dir, "data-socket");
    mkdirSync(join(socketDir, "classification"), { recursive: true });
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(socketDir, "classification", "kommune-class.csv"), done));
    try {
      expectUserError(await akuttAsync("indicators", "--warehouse", empty, "--data-dir", socketDir), /^akutt: classification\/kommune-class\.csv: cannot be opened \(ENXIO\)$/m);
    } finally {
      server.close();
    }
  });
});

describe("akutt indicators: output", () => {
  let warehouse: string;
  beforeAll(async () => {
    const missions: FixtureMission[] = [];
    // Bærum: six red incidents (shown), Asker: three (suppressed in exports)
    [4, 8, 11, 12, 13, 20].forEach((response, i) => missions.push({ incident: `B${i}`, kommune: "3201", ringMin: i * 60, alertedMin: i * 60 + 1, atSceneMin: i * 60 + response, unit: `b${i}`, station: "st-baerum" }));
    [6, 7, 9].forEach((response, i) => missions.push({ incident: `A${i}`, kommune: "3203", zone: undefined, ringMin: i * 60 + 30, alertedMin: i * 60 + 31, atSceneMin: i * 60 + 30 + response, unit: `a${i}`, station: "st-asker" }));
    warehouse = await warehouseFile("small.duckdb", missions);
  });

  it("prints a text table with every figure and the scenario's classes", () => {
    const result = akutt("indicators", "--warehouse", warehouse, "--indicator", "red-response", "--scenario", SCENARIO, "--lang", "en");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // Bærum: 4 8 11 12 13 20 → median 11.5, 4 of 6 within 12 min
    expect(result.stdout).toMatch(/2025\s+Bærum \(3201\)\s+tettbygd\s+6\s+11\.5\s+66\.7 %/);
    expect(result.stdout).toMatch(/2025\s+Asker \(3203\)\s+tettbygd\s+3\*\s+7\.0\s+100\.0 %/);
  });

  it("writes CSV atomically with the small cells suppressed, and says so", () => {
    const out = join(dir, "exports", "red.csv");
    const result = akutt("indicators", "--warehouse", warehouse, "--indicator", "red-response", "--scenario", SCENARIO, "--format", "csv", "--out", out);
    expect(result.code).toBe(0);
    const csv = readFileSync(out, "utf8");
    expect(csv).toMatch(/^# .*færre enn 5 hendelser er skjult/m);
    expect(csv).toContain("red-response,2025,kommune,3201,Bærum,tettbygd,6,medianMin,min,11.5");
    expect(csv).toContain("red-response,2025,kommune,3203,Asker,tettbygd,<5,medianMin,min,\n");
    expect(readdirSync(join(dir, "exports"))).toEqual(["red.csv"]);
  });

  it("writes an HTML page with a trend chart, and nothing at all when the request is bad", () => {
    const out = join(dir, "page.html");
    expect(akutt("indicators", "--warehouse", warehouse, "--group", "station", "--format", "html", "--out", out, "--lang", "en").code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("Utilisation");
    const bad = join(dir, "bad.html");
    expect(akutt("indicators", "--warehouse", warehouse, "--indicator", "nope", "--format", "html", "--out", bad).code).toBe(2);
    expect(readdirSync(dir)).not.toContain("bad.html");
  });
});
