import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type AkuttApp } from "../app.js";

describe("a planner's workspace over the API", () => {
  let akutt: AkuttApp;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), "akutt-workspace-"));
    akutt = await createApp({ stateDir, web: false });
  });
  afterAll(async () => {
    await akutt?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });
  const inject = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) => akutt.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

  it("saves a variant of the Asker and Bærum base (whose zones are in a file), runs it and compares it with the base", async () => {
    const saved = await inject("POST", "/api/scenarios/asker-baerum-base/variants", {
      name: "Bærum øst ved Lysaker",
      overlay: { stations: [{ id: "st-lysaker", name: "Lysaker", lat: 59.913, lon: 10.636, owner: "ous" }], vehicles: [{ id: "amb-lysaker", type: "ambulance", station: "st-lysaker" }] },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const id = saved.json().id as string;
    const read = await inject("GET", `/api/scenarios/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().scenario.zones.length).toBeGreaterThan(1000);
    expect(read.body).not.toContain(stateDir); // the server's paths stay on the server

    const run = await inject("POST", "/api/runs", { scenarioId: id, replications: 1, seed: 5 });
    expect(run.statusCode).toBe(202);
    await inject("GET", `/api/runs/${run.json().id}/events`);
    const results = await inject("GET", `/api/runs/${run.json().id}/results`);
    expect(results.statusCode, (await inject("GET", `/api/runs/${run.json().id}`)).body).toBe(200);
    expect(results.json().report.responseTimes.byArea.length).toBeGreaterThan(5);
    // the travel-time matrices went to the state folder
    expect(readdirSync(join(stateDir, "matrix-cache")).some((name) => name.startsWith("matrix-"))).toBe(true);

    const comparison = await inject("POST", "/api/comparisons", { scenarioIds: ["asker-baerum-base", id], replications: 2 });
    expect(comparison.statusCode).toBe(202);
    await inject("GET", `/api/comparisons/${comparison.json().id}/events`);
    const html = await inject("GET", `/api/comparisons/${comparison.json().id}/export.html?lang=nb`);
    expect(html.statusCode).toBe(200);
    // the variant is described by what it changes, in the report's language
    expect(html.body).toContain("Ny stasjon «Lysaker» (st-lysaker)");
    expect(html.body).not.toContain("New station");
    const english = await inject("GET", `/api/comparisons/${comparison.json().id}/export.html?lang=en`);
    expect(english.body).toContain("New station «Lysaker» (st-lysaker)");
  }, 240_000);

  it("lists what a variant changes, record by record, in bokmål and English", async () => {
    const saved = await inject("POST", "/api/scenarios/demo/variants", {
      name: "Endringer",
      overlay: { stations: [{ id: "st-lier", lat: 59.8 }], vehicles: [{ id: "svelvik-amb", remove: true }, { id: "lier-amb", count: 2 }], policies: { dispatch: { interAmkDelaySec: 90 } } },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const changes = (await inject("GET", `/api/scenarios/${saved.json().id}/changes`)).json();
    expect(changes).toMatchObject({ parent: "demo" });
    const paths = changes.changes.map((change: { path: string }) => change.path);
    expect(paths).toEqual(expect.arrayContaining(["stations[st-lier].lat", "vehicles[svelvik-amb]", "vehicles[lier-amb].count", "policies.dispatch.interAmkDelaySec"]));
    expect(changes.changes.find((change: { path: string }) => change.path === "vehicles[svelvik-amb]")).toMatchObject({ kind: "removed" });
    const moved = changes.changes.find((change: { path: string }) => change.path === "stations[st-lier].lat");
    expect(moved.summary.nb).toMatch(/stasjon .*Lier.*: lat .*→ 59.8/);
    expect(moved.summary.en).toMatch(/station .*Lier.*: lat .*→ 59.8/);
    expect((await inject("GET", "/api/scenarios/demo/changes")).json()).toEqual({ parent: null, parentName: null, changes: [] });
  });

  it("renames and deletes variants, but not shipped scenarios nor a variant others build on", async () => {
    const parent = (await inject("POST", "/api/scenarios/demo/variants", { name: "Foreldre", overlay: {} })).json();
    const child = (await inject("POST", `/api/scenarios/${parent.id}/variants`, { name: "Barn", overlay: {} })).json();
    expect((await inject("PATCH", "/api/scenarios/demo", { name: "Ny" })).statusCode).toBe(409);
    expect((await inject("DELETE", "/api/scenarios/demo")).statusCode).toBe(409);
    const blocked = await inject("DELETE", `/api/scenarios/${parent.id}`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toContain("Barn");
    expect((await inject("PATCH", `/api/scenarios/${child.id}`, { name: "Foreldre" })).statusCode).toBe(409);

    const renamed = await inject("PATCH", `/api/scenarios/${child.id}`, { name: "Barnebarn" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: child.id, name: "Barnebarn" });
    expect((await inject("GET", `/api/scenarios/${child.id}`)).json().scenario.metadata.name).toBe("Barnebarn");

    expect((await inject("DELETE", `/api/scenarios/${child.id}`)).statusCode).toBe(204);
    expect((await inject("DELETE", `/api/scenarios/${parent.id}`)).statusCode).toBe(204);
    expect((await inject("GET", `/api/scenarios/${parent.id}`)).statusCode).toBe(404);
    expect(existsSync(join(stateDir, "variants", `${parent.id}.yaml`))).toBe(false);
  });

  it("draws a background map, tells land from sea, and refuses a station dragged into the fjord", async () => {
    const basemap = await inject("GET", "/api/scenarios/asker-baerum-base/basemap");
    expect(basemap.statusCode).toBe(200);
    const kinds = new Set(basemap.json().features.map((feature: { properties: { kind: string } }) => feature.properties.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(["sea", "builtup", "place"]));
    expect(basemap.json().features.filter((f: { properties: { kind: string; name?: string } }) => f.properties.kind === "place").map((f: { properties: { name: string } }) => f.properties.name)).toEqual(expect.arrayContaining(["Asker", "Bærum"]));
    expect((await inject("GET", "/api/scenarios/asker-baerum-base/basemap")).headers.etag).toBe(basemap.headers.etag);

    expect((await inject("POST", "/api/scenarios/demo/land-check", { lat: 59.85, lon: 10.6 })).json()).toEqual({ onLand: false });
    expect((await inject("POST", "/api/scenarios/demo/land-check", { lat: 59.89, lon: 10.52 })).json()).toEqual({ onLand: true });
    expect((await inject("POST", "/api/scenarios/demo/land-check", { lat: 95, lon: 10 })).statusCode).toBe(400);

    const wet = await inject("POST", "/api/scenarios/demo/variants", { name: "I fjorden", overlay: { stations: [{ id: "st-lier", lat: 59.85, lon: 10.6 }] } });
    expect(wet.statusCode).toBe(422);
    expect(wet.json().issues[0]).toMatchObject({ field: "stations[1]", record: { list: "stations", id: "st-lier" } });
    expect(wet.json().issues[0].message).toContain("not on land");
  });

  it("gives drive times from a station or any point to every zone, by the scenario's travel model", async () => {
    const fromStation = await inject("POST", "/api/scenarios/demo/drive-times", { station: "st-lier" });
    expect(fromStation.statusCode, fromStation.body).toBe(200);
    const body = fromStation.json();
    expect(body).toMatchObject({ urgency: "red", from: { station: "st-lier" } });
    expect(body.travelModel).toContain("N1000");
    expect(body.zones).toHaveLength(11);
    const seconds = new Map<string, number | null>(body.zones);
    const nearest = Math.min(...[...seconds.values()].filter((value): value is number => value !== null));
    expect(nearest).toBeLessThan(8 * 60);
    const fromPoint = (await inject("POST", "/api/scenarios/demo/drive-times", { lat: body.from.lat, lon: body.from.lon })).json();
    expect(fromPoint.zones).toEqual(body.zones);
    expect((await inject("POST", "/api/scenarios/demo/drive-times", { station: "nowhere" })).statusCode).toBe(400);
    expect((await inject("POST", "/api/scenarios/demo/drive-times", { lat: 10, lon: 10 })).statusCode).toBe(400);
    expect((await inject("POST", "/api/scenarios/demo/drive-times", { lat: "59", lon: 10 })).statusCode).toBe(400);
  });
});
