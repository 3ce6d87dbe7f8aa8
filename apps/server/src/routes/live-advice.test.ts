import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import swagger from "@fastify/swagger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDataDir } from "@akutt/geo";
import { LiveService, LiveTokens, type AdvicePicture } from "@akutt/live";
import { createCalendar, loadScenarioFile } from "@akutt/model";
import { createApp, type AkuttApp } from "../app.js";
import { REPO_ROOT } from "../scenarios/catalog.js";
import { weekDemo } from "../../../../packages/engine/src/testing/fixtures.js";
import { installErrorHandler } from "../errors.js";
import { TaskPool } from "../tasks/pool.js";
import { liveAdviceRoutes, MAX_FORECAST_REPLICATION_MINUTES } from "./live-advice.js";

const dir = mkdtempSync(join(tmpdir(), "akutt-live-advice-"));
const scenario = weekDemo();
const startMs = Date.parse(createCalendar(scenario.metadata.start).startIso);
const at = (hours: number) => new Date(startMs + hours * 3_600_000).toISOString();
const NOW = 3 * 24 + 10;

/** Every unit free at its station; Lier's ambulance at the scene of I0; a new red call I1 in Lier. */
const busyPicture: AdvicePicture = {
  asOf: at(NOW),
  units: scenario.vehicles.map((vehicle) =>
    vehicle.id === "lier-amb"
      ? { unitId: vehicle.id, status: "at-scene", incidentId: "I0", statusSince: at(NOW - 0.2), freeSince: null, lat: 0, lon: 0, positionTime: null }
      : { unitId: vehicle.id, status: "free-at-station", incidentId: null, statusSince: null, freeSince: null, lat: 0, lon: 0, positionTime: null },
  ),
  incidents: [
    { incidentId: "I0", amk: "amk-vv", urgency: "red", location: { zoneId: "lier-lierbyen" }, createdAt: at(NOW - 0.3), units: ["lier-amb"], firstAtSceneAt: at(NOW - 0.2) },
    { incidentId: "I1", amk: "amk-vv", urgency: "red", location: { lat: 59.81, lon: 10.26 }, createdAt: at(NOW - 0.01), units: [], firstAtSceneAt: null },
  ],
};
let picture: AdvicePicture = busyPicture;

let app: FastifyInstance;
let tasks: TaskPool;
beforeAll(async () => {
  app = Fastify({ routerOptions: { maxParamLength: 500 }, ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false } } });
  installErrorHandler(app);
  await app.register(swagger, { openapi: { openapi: "3.1.0", info: { title: "test", version: "0" } } });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  tasks = new TaskPool({ threads: 1, timeoutMs: 120_000 });
  liveAdviceRoutes(app, { scenario, view: () => picture }, { tasks, dataDir: resolveDataDir(undefined), cacheDir: join(dir, "cache") });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await tasks?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: "GET", url });

describe("live advice routes: bad input", () => {
  it("refuses forecast parameters out of range, not numbers, unknown, or too much work together, naming the field", async () => {
    const cases: Array<[string, string]> = [
      ["/api/live/forecast?minutes=0", "querystring.minutes"],
      ["/api/live/forecast?minutes=241", "querystring.minutes"],
      ["/api/live/forecast?minutes=abc", "querystring.minutes"],
      ["/api/live/forecast?minutes=-5", "querystring.minutes"],
      ["/api/live/forecast?replications=1", "querystring.replications"],
      ["/api/live/forecast?replications=1001", "querystring.replications"],
      ["/api/live/forecast?replications=1e3", "querystring.replications"],
      [`/api/live/forecast?minutes=240&replications=${Math.floor(MAX_FORECAST_REPLICATION_MINUTES / 240) + 1}`, "querystring.replications"],
      ["/api/live/forecast?seed=x", "querystring.seed"],
      ["/api/live/forecast?hours=1", "querystring.hours"],
      ["/api/live/coverage?x=1", "querystring.x"],
      ["/api/live/incidents/I1/recommendation?at=yesterday", "querystring.at"],
      ["/api/live/move-up?x=1", "querystring.x"],
    ];
    for (const [url, field] of cases) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(400);
      expect(answer.json().issues.map((issue: { field: string }) => issue.field), url).toContain(field);
    }
  });

  it("answers 404 for an incident that is not open and 400 for an id too long", async () => {
    expect((await get("/api/live/incidents/nope/recommendation")).statusCode).toBe(404);
    expect((await get(`/api/live/incidents/${"x".repeat(201)}/recommendation`)).statusCode).toBe(400);
  });

  it("answers 409 while the live state has no events", async () => {
    picture = { ...busyPicture, asOf: null };
    for (const url of ["/api/live/coverage", "/api/live/move-up", "/api/live/forecast", "/api/live/incidents/I1/recommendation"]) expect((await get(url)).statusCode, url).toBe(409);
    picture = busyPicture;
    // Advice for a moment before the state's latest event.
    expect((await get(`/api/live/incidents/I1/recommendation?at=${at(NOW - 1)}`)).statusCode).toBe(409);
  });
});

describe("live advice routes", () => {
  it("ranks units for an incident given by position, the policy's choice first", async () => {
    const answer = await get("/api/live/incidents/I1/recommendation");
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ incidentId: "I1", asOf: at(NOW), policy: "nearest-eta (nearest)" });
    expect(body.units.map((unit: { unitId: string }) => unit.unitId)).not.toContain("lier-amb");
    expect(body.units[0]).toMatchObject({ owner: "vv", amk: "amk-vv", status: "free-at-station", interAmk: null });
    expect(body.units[0].etaSec).toBeGreaterThan(0);
    const later = (await get(`/api/live/incidents/I1/recommendation?at=${at(NOW + 0.5)}`)).json();
    expect(later.asOf).toBe(at(NOW + 0.5));
  });

  it("gives coverage now and move-up advice", async () => {
    const coverage = await get("/api/live/coverage");
    expect(coverage.statusCode).toBe(200);
    expect(coverage.json()).toMatchObject({ asOf: at(NOW), thresholdSec: 720, weightedBy: "population" });
    expect(coverage.json().areas.map((area: { areaCode: string }) => area.areaCode)).toEqual(["3301", "3312"]);
    const moveUp = await get("/api/live/move-up");
    expect(moveUp.statusCode).toBe(200);
    expect(moveUp.json().coverageNow.total).toBe(coverage.json().total);
    expect(moveUp.json().policy).toBe("dynamic-mexclp");
    // The response schema lets the expected coverage through (fastify drops fields it does not list).
    expect(moveUp.json().expectedCoverage).toMatchObject({ busyFraction: 0.3, thresholdSec: 720 });
    expect(moveUp.json().expectedCoverage.now).toBeGreaterThan(0);
    for (const move of moveUp.json().moves) expect(typeof move.expectedCoverageGain).toBe("number");
  });

  it("forecasts in a worker thread, the same for the same seed", async () => {
    const url = "/api/live/forecast?minutes=30&replications=10&seed=4";
    const answer = await get(url);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ asOf: at(NOW), minutes: 30, replications: 10, seed: 4 });
    expect(body.areas).toHaveLength(2);
    expect(body.limitations.length).toBeGreaterThan(0);
    for (const limitation of body.limitations) expect(limitation).toEqual({ code: expect.stringMatching(/^[a-z-]+$/), text: expect.any(String) });
    expect((await get(url)).json()).toEqual(body);
  }, 120_000);

  it("describes every live advice route in the OpenAPI document", async () => {
    const paths = Object.keys((await get("/api/openapi.json")).json().paths);
    for (const path of ["/api/live/incidents/{id}/recommendation", "/api/live/move-up", "/api/live/coverage", "/api/live/forecast"]) expect(paths).toContain(path);
  });
});

describe("live advice routes in akutt serve --live", () => {
  const VIEWER = "viewer-token-0123456789";
  const DISPATCHER = "dispatcher-token-0123456789";
  const sha = (token: string) => createHash("sha256").update(token).digest("hex");
  let akutt: AkuttApp;
  beforeAll(async () => {
    const shipped = loadScenarioFile(resolve(REPO_ROOT, "scenarios/demo/demo.yaml"));
    const tokens = join(dir, "tokens.yaml");
    writeFileSync(tokens, `tokens:\n  - { name: vv-dispatcher, amk: amk-vv, role: dispatcher, sha256: ${sha(DISPATCHER)} }\n  - { name: vv-viewer, amk: amk-vv, role: viewer, sha256: ${sha(VIEWER)} }\n`);
    chmodSync(tokens, 0o600);
    const service = await LiveService.open({ scenario: shipped, dir: join(dir, "live") });
    akutt = await createApp({ stateDir: join(dir, "state"), web: false, live: { service, tokens: await LiveTokens.load(tokens, service.liveScenario.amkIds) } });
    const created = { id: "e1", type: "incident.created", time: "2026-12-02T08:00:00+01:00", incidentId: "I1", amk: "amk-vv", urgency: "red", location: { zoneId: "lier-tranby" } };
    const posted = await akutt.app.inject({ method: "POST", url: "/api/live/events", headers: { authorization: `Bearer ${DISPATCHER}` }, payload: created });
    expect(posted.json()).toMatchObject({ accepted: 1 });
  }, 120_000);
  afterAll(async () => {
    await akutt?.close();
  });

  it("answers a viewer's token (a live route of the OpenAPI tag live) and refuses a request without one", async () => {
    const answer = await akutt.app.inject({ method: "GET", url: "/api/live/incidents/I1/recommendation", headers: { authorization: `Bearer ${VIEWER}` } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().units[0]).toMatchObject({ unitId: "lier-amb", status: "free-at-station" });
    expect((await akutt.app.inject({ method: "GET", url: `/api/live/coverage?access_token=${VIEWER}` })).statusCode).toBe(200);
    expect((await akutt.app.inject({ method: "GET", url: "/api/live/coverage" })).statusCode).toBe(401);
    const paths = (await akutt.app.inject({ method: "GET", url: "/api/openapi.json", headers: { authorization: `Bearer ${VIEWER}` } })).json().paths;
    expect(paths["/api/live/forecast"].get.tags).toEqual(["live"]);
  });
});
