import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureWarehouse, type FixtureMission } from "@akutt/indicators/testing";
import { createApp, type AkuttApp } from "../app.js";

const dir = mkdtempSync(join(tmpdir(), "akutt-indicator-routes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bærum: six red incidents (shown); Asker: two (suppressed). Responses in minutes. */
const MISSIONS: FixtureMission[] = [
  ...[4, 8, 11, 12, 13, 20].map((response, i): FixtureMission => ({ incident: `B${i}`, kommune: "3201", ringMin: i * 60, alertedMin: i * 60 + 1, atSceneMin: i * 60 + response, freeMin: i * 60 + 50, unit: `b${i % 2}`, station: "st-baerum" })),
  ...[6, 9].map((response, i): FixtureMission => ({ incident: `A${i}`, kommune: "3203", ringMin: i * 60 + 30, alertedMin: i * 60 + 31, atSceneMin: i * 60 + 30 + response, freeMin: i * 60 + 80, unit: `a${i}`, station: "st-asker" })),
];

describe("GET /api/indicators", () => {
  let withWarehouse: AkuttApp;
  let without: AkuttApp;
  beforeAll(async () => {
    const warehouse = join(dir, "warehouse.duckdb");
    const { instance, connection } = await fixtureWarehouse(MISSIONS, undefined, warehouse);
    connection.closeSync();
    instance.closeSync();
    withWarehouse = await createApp({ stateDir: join(dir, "state-1"), web: false, warehouse });
    without = await createApp({ stateDir: join(dir, "state-2"), web: false, warehouse: join(dir, "none.duckdb") });
  });
  afterAll(async () => {
    await withWarehouse?.close();
    await without?.close();
  });

  it("answers the red response time per kommune with the scenario's classes, rows under 5 events suppressed before they leave the server", async () => {
    const answer = await withWarehouse.app.inject({ method: "GET", url: "/api/indicators?indicator=red-response&by=year&group=kommune&lang=en&scenario=asker-baerum-base" });
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body.warehouse).toMatchObject({ present: true, file: "warehouse.duckdb", missions: 8 });
    const rows = body.table.rows as Array<{ key: string; suppressed: boolean; events: number | null; values: Record<string, number | null>; areaClass: string | null }>;
    // Bærum 4 8 11 12 13 20: median 11.5 min, 4 of 6 within 12 min (tettbygd in the scenario)
    expect(rows.find((row) => row.key === "3201")).toMatchObject({ suppressed: false, events: 6, areaClass: "tettbygd", values: { medianMin: 11.5, shareWithinTarget: 4 / 6 } });
    expect(rows.find((row) => row.key === "3203")).toEqual(expect.objectContaining({ suppressed: true, events: null, values: { medianMin: null, shareWithinTarget: null, unclassified: null } }));
    expect(answer.body).not.toContain("7.5");
    expect(body.table.chartSvg).toMatch(/^<svg/);
    expect(body.table.scenario).toBe("asker-baerum-base");
  });

  it("serves the CSV with the suppression and a download name", async () => {
    const answer = await withWarehouse.app.inject({ method: "GET", url: "/api/indicators/export.csv?indicator=utilisation&group=station&lang=nb" });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-type"]).toContain("text/csv");
    expect(answer.headers["content-disposition"]).toContain("akutt-utilisation-year-station.csv");
    expect(answer.body).toMatch(/^# .*færre enn 5 hendelser/m);
    expect(answer.body).toContain("utilisation,2025,station,st-asker,st-asker,,<5,utilisation,share,\n");
  });

  it("refuses unknown values and misfits with 400 and names the field", async () => {
    for (const url of ["/api/indicators?indicator=nonsense", "/api/indicators?by=week", "/api/indicators?group=fylke", "/api/indicators?x=1", "/api/indicators?indicator=utilisation&group=kommune", "/api/indicators?group=trust"]) {
      const answer = await withWarehouse.app.inject({ method: "GET", url });
      expect(answer.statusCode, url).toBe(400);
      expect(answer.json().error).toBe("bad-request");
    }
    expect((await withWarehouse.app.inject({ method: "GET", url: `/api/indicators?scenario=${"x".repeat(201)}` })).statusCode).toBe(400);
    expect((await withWarehouse.app.inject({ method: "GET", url: "/api/indicators?scenario=nowhere" })).statusCode).toBe(404);
  });

  it("bounds the indicator requests waiting for the warehouse: over the limit a typed 503 that says so", async () => {
    await expect(createApp({ stateDir: join(dir, "state-bad"), web: false, warehouse: join(dir, "warehouse.duckdb"), maxIndicatorRequests: 0 })).rejects.toThrow(/maxIndicatorRequests must be a positive integer/);
    const limited = await createApp({ stateDir: join(dir, "state-3"), web: false, warehouse: join(dir, "warehouse.duckdb"), maxIndicatorRequests: 1, logLevel: "silent" });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => limited.app.inject({ method: "GET", url: "/api/indicators" })));
      const statuses = answers.map((answer) => answer.statusCode);
      expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
      expect(statuses).toContain(200);
      const refused = answers.find((answer) => answer.statusCode === 503)!;
      expect(refused.json()).toEqual({ error: "unavailable", message: "1 indicator request is already running or waiting, the most this server takes at once; try again" });
      // Once the queue has drained, a request is answered again.
      expect((await limited.app.inject({ method: "GET", url: "/api/indicators" })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("says how to import when there is no warehouse", async () => {
    const answer = await without.app.inject({ method: "GET", url: "/api/indicators?lang=en" });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ warehouse: { present: false }, table: null });
    expect(answer.json().warehouse.message).toMatch(/no warehouse at .*none\.duckdb: import an extract first with `akutt data import/);
    expect((await without.app.inject({ method: "GET", url: "/api/indicators/export.csv" })).statusCode).toBe(400);
  });

  it("refuses a bad kommune classification in the data folder with 400 naming its file, line and field, not a 500", async () => {
    const dataDir = join(dir, "data-bad-class");
    mkdirSync(join(dataDir, "classification"), { recursive: true });
    writeFileSync(join(dataDir, "classification", "kommune-class.csv"), "code,class\n3201,tettbygd\n3203,urban\n");
    const bad = await createApp({ stateDir: join(dir, "state-3"), web: false, warehouse: join(dir, "warehouse.duckdb"), dataDir });
    try {
      for (const url of ["/api/indicators?lang=en", "/api/indicators/export.csv"]) {
        const answer = await bad.app.inject({ method: "GET", url });
        expect(answer.statusCode, url).toBe(400);
        expect(answer.json(), url).toEqual({
          error: "bad-request",
          message: "classification/kommune-class.csv, line 3, field class: expected tettbygd or grisgrendt",
          issues: [{ file: "classification/kommune-class.csv", line: 3, field: "class", message: "expected tettbygd or grisgrendt" }],
        });
      }
    } finally {
      await bad.close();
    }
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await withWarehouse.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/indicators", "/api/indicators/export.csv"]));
  });
});
