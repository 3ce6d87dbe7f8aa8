import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type AkuttApp } from "./app.js";
import { REPO_ROOT } from "./scenarios/catalog.js";
import { startServer } from "./serve.js";

const stateDirs: string[] = [];
function tempState(): string {
  const dir = mkdtempSync(join(tmpdir(), "akutt-state-"));
  stateDirs.push(dir);
  return dir;
}
afterAll(() => stateDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("API", () => {
  let akutt: AkuttApp;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = tempState();
    akutt = await createApp({ stateDir, web: false, bodyLimit: 64 * 1024 });
  });
  afterAll(async () => akutt?.close());

  it("lists shipped scenarios and reads one with resolved values", async () => {
    const list = await akutt.app.inject({ method: "GET", url: "/api/scenarios" });
    expect(list.statusCode).toBe(200);
    const ids = list.json().scenarios.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["demo", "asker-baerum-base", "asker-baerum-alt-2"]));
    const demo = await akutt.app.inject({ method: "GET", url: "/api/scenarios/demo" });
    expect(demo.statusCode).toBe(200);
    const body = demo.json();
    expect(body.scenario.stations.map((s: { id: string }) => s.id)).toContain("st-lier");
    expect(body.scenario.policies.dispatch.crossBorder).toBe("nearest");
    expect(body.vehicleGroups).toContainEqual(expect.objectContaining({ id: "drm-amb", count: 5, station: "st-drammen" }));
    // an overlay is read merged with its base
    const alt = await akutt.app.inject({ method: "GET", url: "/api/scenarios/asker-baerum-alt-2" });
    expect(alt.json().scenario.policies.dispatch.crossBorder).toBe("own-first");
  });

  it("serves map layers as GeoJSON", async () => {
    const response = await akutt.app.inject({ method: "GET", url: "/api/scenarios/demo/geojson" });
    expect(response.statusCode).toBe(200);
    const kinds = new Set(response.json().features.map((f: { properties: { kind: string } }) => f.properties.kind));
    for (const kind of ["zone", "station", "hospital"]) expect(kinds).toContain(kind);
  });

  it("serves the scenario's road links as small simplified GeoJSON, cached with an ETag", async () => {
    const started = performance.now();
    const response = await akutt.app.inject({ method: "GET", url: "/api/scenarios/demo/roads" });
    const firstMs = performance.now() - started;
    expect(response.statusCode).toBe(200);
    const roads = response.json();
    expect(roads.network).toContain("N1000");
    expect(roads.features.length).toBeGreaterThan(50);
    expect(roads.features[0].geometry.type).toBe("LineString");
    expect(response.body.length).toBeLessThan(300 * 1024);
    const [west, south, east, north] = roads.bbox;
    for (const feature of roads.features) expect(feature.geometry.coordinates.some(([lon, lat]: [number, number]) => lon >= west && lon <= east && lat >= south && lat <= north)).toBe(true);
    const again = performance.now();
    const cached = await akutt.app.inject({ method: "GET", url: "/api/scenarios/demo/roads", headers: { "if-none-match": response.headers.etag as string } });
    expect(cached.statusCode).toBe(304);
    expect(performance.now() - again).toBeLessThan(Math.max(50, firstMs));
    const other = await akutt.app.inject({ method: "GET", url: "/api/scenarios/validation-mmc/roads" });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ features: [], network: null });
  });

  it("refuses overlapping and empty shifts with the vehicle's id on each issue, and saves valid shifts and a new relocation policy", async () => {
    const overlay = { vehicles: [{ id: "lier-amb", shifts: [{ days: "all", start: "07:00", end: "19:00" }, { days: "weekdays", start: "18:00", end: "22:00" }] }, { id: "svelvik-amb", shifts: [{ days: "all", start: "08:00", end: "08:00" }] }] };
    const refused = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: "Bad shifts", overlay } });
    expect(refused.statusCode).toBe(422);
    const issues = refused.json().issues as Array<{ field: string; message: string; record?: { list: string; id: string } }>;
    expect(issues).toContainEqual(expect.objectContaining({ record: expect.objectContaining({ list: "vehicles", id: "lier-amb" }), message: expect.stringContaining("overlaps") }));
    expect(issues).toContainEqual(expect.objectContaining({ record: expect.objectContaining({ list: "vehicles", id: "svelvik-amb" }), message: expect.stringContaining("empty shift") }));

    const good = {
      vehicles: [{ id: "lier-amb", shifts: [{ days: ["mon", "tue"], start: "07:00", end: "19:00" }, { days: "weekend", start: "19:00", end: "07:00" }] }],
      standbyPoints: [{ id: "sb-test", name: "Test", lat: 59.77, lon: 10.22, owner: "vv" }],
      policies: { relocation: { replace: true, name: "standby-points", points: [{ id: "sb-test" }], coverageSec: 240, maxTravelSec: 900 } },
    };
    const saved = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: "Good shifts", overlay: good } });
    expect(saved.statusCode).toBe(201);
    const read = (await akutt.app.inject({ method: "GET", url: `/api/scenarios/${saved.json().id}` })).json();
    expect(read.vehicleGroups.find((g: { id: string }) => g.id === "lier-amb").shifts).toEqual(good.vehicles[0]!.shifts);
    expect(read.scenario.policies.relocation).toEqual({ name: "standby-points", points: [{ id: "sb-test" }], coverageSec: 240, maxTravelSec: 900 });
    // and back to return-home on top of it
    const home = await akutt.app.inject({ method: "POST", url: `/api/scenarios/${saved.json().id}/variants`, payload: { name: "Home again", overlay: { policies: { relocation: { replace: true, name: "return-home" } } } } });
    expect(home.statusCode).toBe(201);
  });

  it("maps errors: 404, 400 with fields, 422 with located issues, 413", async () => {
    const missing = await akutt.app.inject({ method: "GET", url: "/api/scenarios/nowhere" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe("not-found");

    const bad = await akutt.app.inject({ method: "POST", url: "/api/runs", payload: { scenarioId: "demo", replications: 0, extra: 1 } });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().issues.map((issue: { field: string }) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(["body.replications", "body.extra"]));

    const demoText = readFileSync(join(REPO_ROOT, "scenarios/demo/demo.yaml"), "utf8");
    const broken = demoText.replace("station: st-lier }", "station: nowhere }");
    const invalid = await akutt.app.inject({ method: "POST", url: "/api/scenarios/validate", payload: { yaml: broken, base: "demo" } });
    expect(invalid.statusCode).toBe(422);
    const issue = invalid.json().issues[0];
    const expectedLine = broken.split("\n").findIndex((line) => line.includes("station: nowhere")) + 1;
    expect(issue).toMatchObject({ file: "posted.yaml", line: expectedLine, field: "vehicles[2].station" });
    expect(issue.message).toContain("unknown station");

    const valid = await akutt.app.inject({ method: "POST", url: "/api/scenarios/validate", payload: { yaml: demoText, base: "demo" } });
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toMatchObject({ valid: true, stations: 3 });

    const huge = await akutt.app.inject({ method: "POST", url: "/api/scenarios/validate", payload: { yaml: "x".repeat(100 * 1024) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe("payload-too-large");
  });

  it("creates a variant as an overlay file, and refuses an invalid one with its line", async () => {
    const overlay = {
      stations: [
        { id: "st-lier", lat: 59.8, lon: 10.25 },
        { id: "st-ny", name: "Ny stasjon", lat: 59.72, lon: 10.1, owner: "vv" },
      ],
      vehicles: [
        { id: "lier-amb", count: 2 },
        { id: "ny-amb", type: "ambulance", station: "st-ny" },
      ],
      policies: { dispatch: { crossBorder: "own-first", interAmkDelaySec: 90 } },
    };
    const created = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: "Lier flyttet nord", overlay } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: "lier-flyttet-nord", kind: "variant", parent: "demo" });
    const file = readFileSync(join(stateDir, "variants/lier-flyttet-nord.yaml"), "utf8");
    expect(file).toMatch(/^extends: .*scenarios\/demo\/demo\.yaml$/m);
    const read = (await akutt.app.inject({ method: "GET", url: "/api/scenarios/lier-flyttet-nord" })).json();
    expect(read.scenario.stations.find((s: { id: string }) => s.id === "st-lier")).toMatchObject({ lat: 59.8, lon: 10.25 });
    expect(read.scenario.stations).toHaveLength(4);
    expect(read.scenario.policies.dispatch).toMatchObject({ crossBorder: "own-first", interAmkDelaySec: 90 });
    expect(read.vehicleGroups.find((g: { id: string }) => g.id === "lier-amb").count).toBe(2);

    const again = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: "lier flyttet nord ", overlay: {} } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('a variant named "Lier flyttet nord" already exists');
    const sameSlug = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: "Lier flyttet nord!", overlay: {} } });
    expect(sameSlug.json().id).toBe("lier-flyttet-nord-2");

    const wrong = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: "Feil", overlay: { vehicles: [{ id: "x", type: "ambulance", station: "nowhere" }] } } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().issues[0]).toMatchObject({ file: "feil.yaml", field: "vehicles[5].station" });
    expect(wrong.json().issues[0].line).toBeGreaterThan(1);
    const list = (await akutt.app.inject({ method: "GET", url: "/api/scenarios" })).json().scenarios.map((s: { id: string }) => s.id);
    expect(list).not.toContain("feil");
  });

  it("refuses a projection of a year outside the data, an unknown alternative or a bad body, with the field", async () => {
    const outside = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/projections", payload: { year: 2060 } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().issues[0]).toMatchObject({ field: "body.year" });
    expect(outside.json().issues[0].message).toContain("2025–2050");
    const alternative = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/projections", payload: { year: 2035, alternative: "medium" } });
    expect(alternative.statusCode).toBe(400);
    expect(alternative.json().issues[0]).toMatchObject({ field: "body.alternative" });
    const typed = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/projections", payload: { year: "2035", extra: true } });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().issues.map((issue: { field: string }) => issue.field)).toEqual(expect.arrayContaining(["body.year", "body.extra"]));
    const missing = await akutt.app.inject({ method: "POST", url: "/api/scenarios/nowhere/projections", payload: { year: 2035 } });
    expect(missing.statusCode).toBe(404);
    const list = (await akutt.app.inject({ method: "GET", url: "/api/scenarios" })).json().scenarios.map((s: { id: string }) => s.id);
    expect(list.filter((id: string) => id.includes("2035") || id.includes("2060"))).toEqual([]);
  });

  it("saves a projection to a year as a variant whose demand is projected, with the factors and the age note", async () => {
    const created = await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/projections", payload: { year: 2035, name: "Demo 2035" } });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.variant).toMatchObject({ id: "demo-2035", kind: "variant", parent: "demo" });
    expect(body.projection.areas.map((area: { areaCode: string }) => area.areaCode)).toEqual(["3301", "3312"]);
    expect(body.projection.notes.en.join(" ")).toContain("Age structure held at 2026's");
    const read = (await akutt.app.inject({ method: "GET", url: "/api/scenarios/demo-2035" })).json();
    const lier = body.projection.areas.find((area: { areaCode: string }) => area.areaCode === "3312");
    const parent = (await akutt.app.inject({ method: "GET", url: "/api/scenarios/demo" })).json();
    expect(read.scenario.demand.areaRates["3312"].red.per1000PerYear).toBeCloseTo(parent.scenario.demand.rates.red.per1000PerYear * lier.factor, 4);
  });

  it("a saved projection also scales the transports and the AMK work, as akutt project does", async () => {
    const created = await akutt.app.inject({ method: "POST", url: "/api/scenarios/asker-baerum-base/projections", payload: { year: 2050, name: "AB 2050" } });
    expect(created.statusCode).toBe(201);
    const read = (await akutt.app.inject({ method: "GET", url: `/api/scenarios/${created.json().variant.id}` })).json().scenario;
    const parent = (await akutt.app.inject({ method: "GET", url: "/api/scenarios/asker-baerum-base" })).json().scenario;
    const transfers = (scenario: { transports: { transfers: Array<{ perYear: number }> } }) => scenario.transports.transfers.map((route) => route.perYear);
    const background = (scenario: { amkCentres: Array<{ id: string; background?: { callsPerYear: number } }> }) => scenario.amkCentres.find((amk) => amk.id === "amk-oslo")!.background!.callsPerYear;
    expect(transfers(read).every((perYear, k) => perYear > transfers(parent)[k]!)).toBe(true);
    expect(background(read)).toBeGreaterThan(background(parent));
  });

  it("runs the demo scenario with 2 replications to completion, streaming progress", async () => {
    const started = await akutt.app.inject({ method: "POST", url: "/api/runs", payload: { scenarioId: "demo", replications: 2, seed: 3 } });
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    const early = await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/results` });
    expect(early.statusCode).toBe(409);
    const events = await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/events` });
    expect(events.headers["content-type"]).toContain("text/event-stream");
    expect(events.body).toContain("event: progress");
    expect(events.body).toMatch(/event: done\ndata: .*"done":2,"total":2/);
    const results = await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/results` });
    expect(results.statusCode).toBe(200);
    const { report, extras } = results.json();
    expect(report.format).toBe("akutt-simulation-report");
    expect(report.run).toMatchObject({ seed: 3, replications: 2 });
    expect(report.responseTimes.byArea.map((row: { areaCode: string }) => row.areaCode)).toContain("3312");
    expect(extras.zones).toHaveLength(11);
    expect(extras.histogram.red).toHaveLength(61);
    const status = (await akutt.app.inject({ method: "GET", url: `/api/runs/${id}` })).json();
    expect(status).toMatchObject({ status: "done", done: 2, total: 2 });
  });

  it("compares two scenarios and exports the self-contained HTML report", async () => {
    const started = await akutt.app.inject({ method: "POST", url: "/api/comparisons", payload: { scenarioIds: ["demo", "lier-flyttet-nord"], replications: 2 } });
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    await akutt.app.inject({ method: "GET", url: `/api/comparisons/${id}/events` });
    const results = await akutt.app.inject({ method: "GET", url: `/api/comparisons/${id}/results` });
    expect(results.statusCode).toBe(200);
    expect(results.json().areas[0].differences[0].variantId).toBe("lier-flyttet-nord");
    const html = await akutt.app.inject({ method: "GET", url: `/api/comparisons/${id}/export.html?lang=en` });
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain('<html lang="en">');
    expect(html.body).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it("refuses comparison years outside the projection, or malformed, before a worker starts", async () => {
    const outside = await akutt.app.inject({ method: "POST", url: "/api/comparisons", payload: { scenarioIds: ["demo", "lier-flyttet-nord"], replications: 2, years: [2035, 2060] } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().issues[0]).toMatchObject({ field: "body.years" });
    expect(outside.json().issues[0].message).toContain("2025–2050");
    const malformed = await akutt.app.inject({ method: "POST", url: "/api/comparisons", payload: { scenarioIds: ["demo", "lier-flyttet-nord"], years: [2035, 2035] } });
    expect(malformed.statusCode).toBe(400);
    const growth = await akutt.app.inject({ method: "POST", url: "/api/comparisons", payload: { scenarioIds: ["demo", "lier-flyttet-nord"], years: [2035], growth: "medium" } });
    expect(growth.statusCode).toBe(400);
    expect(growth.json().issues[0]).toMatchObject({ field: "body.growth" });
    const jobs = (await akutt.app.inject({ method: "GET", url: "/api/comparisons" })).json().jobs;
    expect(jobs.every((job: { status: string }) => job.status !== "failed")).toBe(true);
  });

  it("compares at projected years and returns the projection tables", async () => {
    const started = await akutt.app.inject({ method: "POST", url: "/api/comparisons", payload: { scenarioIds: ["demo", "lier-flyttet-nord"], replications: 2, years: [2035] } });
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    await akutt.app.inject({ method: "GET", url: `/api/comparisons/${id}/events` });
    const report = (await akutt.app.inject({ method: "GET", url: `/api/comparisons/${id}/results` })).json();
    expect(report.projections.years).toEqual([2035]);
    expect(report.projections.rows.map((row: { variantId: string }) => row.variantId)).toEqual(["demo", "lier-flyttet-nord"]);
    expect(report.projections.notesNb.join(" ")).toContain("Alderssammensetningen holdes som i 2026");
  });

  it("cancels a running job", async () => {
    const started = await akutt.app.inject({ method: "POST", url: "/api/runs", payload: { scenarioId: "demo", replications: 200 } });
    const id = started.json().id as string;
    const cancelled = await akutt.app.inject({ method: "DELETE", url: `/api/runs/${id}` });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe("cancelled");
    expect((await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/results` })).statusCode).toBe(409);
  });

  it("publishes an OpenAPI document", async () => {
    const doc = (await akutt.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/scenarios", "/api/scenarios/{id}/variants", "/api/runs", "/api/runs/{id}/events", "/api/comparisons/{id}/export.html"]));
  });
});

describe("persistence", () => {
  it("keeps finished runs and variants across a restart", async () => {
    const stateDir = tempState();
    let akutt = await createApp({ stateDir, web: false });
    await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: "Kept", overlay: { vehicles: [{ id: "lier-amb", count: 2 }] } } });
    const id = (await akutt.app.inject({ method: "POST", url: "/api/runs", payload: { scenarioId: "kept", replications: 2 } })).json().id as string;
    await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/events` });
    const before = (await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/results` })).body;
    await akutt.close();

    akutt = await createApp({ stateDir, web: false });
    try {
      expect((await akutt.app.inject({ method: "GET", url: `/api/runs/${id}` })).json().status).toBe("done");
      expect((await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/results` })).body).toBe(before);
      expect((await akutt.app.inject({ method: "GET", url: "/api/scenarios/kept" })).statusCode).toBe(200);
    } finally {
      await akutt.close();
    }
  });

  it("marks a run whose server was killed midway as failed, with no result", async () => {
    const stateDir = tempState();
    const child = spawn(process.execPath, [join(REPO_ROOT, "apps/cli/bin/akutt.js"), "serve", "--port", "0", "--state-dir", stateDir], { stdio: ["ignore", "ignore", "pipe"] });
    try {
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await waitFor(async () => /serving on (\S+)/.exec(stderr)?.[1]);
      const started = await fetch(`${url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId: "demo", replications: 200 }) });
      const id = ((await started.json()) as { id: string }).id;
      await waitFor(async () => {
        const status = (await (await fetch(`${url}/api/runs/${id}`)).json()) as { done: number };
        return status.done >= 1 ? true : undefined;
      });
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));

      const akutt = await createApp({ stateDir, web: false });
      try {
        const status = (await akutt.app.inject({ method: "GET", url: `/api/runs/${id}` })).json();
        expect(status.status).toBe("failed");
        expect(status.error).toContain("stopped");
        expect((await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/results` })).statusCode).toBe(409);
      } finally {
        await akutt.close();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

describe("access", () => {
  it("requires a token to listen on a non-local address", async () => {
    await expect(startServer({ host: "0.0.0.0", port: 0, stateDir: tempState() })).rejects.toThrow(/--token/);
  });

  it("checks the bearer token on every API request", async () => {
    const akutt = await createApp({ stateDir: tempState(), web: false, token: "s3cret" });
    try {
      expect((await akutt.app.inject({ method: "GET", url: "/api/scenarios" })).statusCode).toBe(401);
      expect((await akutt.app.inject({ method: "GET", url: "/api/scenarios", headers: { authorization: "Bearer wrong" } })).statusCode).toBe(401);
      expect((await akutt.app.inject({ method: "GET", url: "/api/scenarios", headers: { authorization: "Bearer s3cret" } })).statusCode).toBe(200);
    } finally {
      await akutt.close();
    }
  });

  it("with --host and a token, serves over the network address only to bearers", async () => {
    const { akutt, url } = await startServer({ host: "0.0.0.0", port: 0, stateDir: tempState(), token: "t0ken" });
    try {
      const port = new URL(url).port;
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { authorization: "Bearer t0ken" } })).status).toBe(200);
    } finally {
      await akutt.close();
    }
  });
});
