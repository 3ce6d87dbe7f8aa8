import { createHash } from "node:crypto";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenarioFile } from "@akutt/model";
import { AUDIT_FILE, EVENTS_FILE, LiveService, LiveTokens, LiveTokensError } from "@akutt/live";
import { createApp, type AkuttApp } from "../app.js";
import { REPO_ROOT } from "../scenarios/catalog.js";

const scenario = loadScenarioFile(resolve(REPO_ROOT, "scenarios/demo/demo.yaml"));
const DISPATCHER = "dispatcher-token-0123456789";
const VIEWER = "viewer-token-0123456789";
const sha = (token: string) => createHash("sha256").update(token).digest("hex");
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function writeTokens(dir: string, text: string, mode = 0o600): string {
  const path = join(dir, "tokens.yaml");
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}
const TOKENS = `tokens:\n  - { name: vv-dispatcher, amk: amk-vv, role: dispatcher, sha256: ${sha(DISPATCHER)} }\n  - { name: vv-viewer, amk: amk-vv, role: viewer, sha256: ${sha(VIEWER)} }\n`;

const created = { id: "e1", type: "incident.created", time: "2026-12-02T08:00:00+01:00", incidentId: "I1", amk: "amk-vv", urgency: "red", location: { zoneId: "drm-bragernes" } };
const alerted = { id: "e2", type: "unit.status", time: "2026-12-02T08:01:00+01:00", unitId: "drm-amb-1", status: "alerted", incidentId: "I1" };

/** Reads a server-sent event stream until `count` events have come. */
function readEvents(port: number, path: string, count: number): Promise<{ response: IncomingMessage; events: Array<{ event: string; data: unknown }>; close: () => void }> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path }, (response) => {
      const events: Array<{ event: string; data: unknown }> = [];
      let buffer = "";
      const close = () => request.destroy();
      if (response.statusCode !== 200) return resolvePromise({ response, events, close });
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          if (events.length >= count) resolvePromise({ response, events, close });
        }
      });
    });
    request.on("error", reject);
    request.end();
  });
}

describe("live routes with tokens per AMK", () => {
  let akutt: AkuttApp;
  let root: string;
  let liveDir: string;
  let port: number;
  const events = () => readFileSync(join(liveDir, EVENTS_FILE), "utf8");
  const audit = () => readFileSync(join(liveDir, AUDIT_FILE), "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  const post = (payload: unknown, token = DISPATCHER) => akutt.app.inject({ method: "POST", url: "/api/live/events", headers: bearer(token), payload: payload as object });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "akutt-live-routes-"));
    liveDir = join(root, "live");
    const service = await LiveService.open({ scenario, dir: liveDir });
    const tokens = await LiveTokens.load(writeTokens(root, TOKENS), service.liveScenario.amkIds);
    akutt = await createApp({ stateDir: join(root, "state"), web: false, maxWorkers: 1, live: { service, tokens, maxStreams: 2 } });
    await akutt.app.listen({ host: "127.0.0.1", port: 0 });
    port = (akutt.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await akutt?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("refuses malformed JSON, a wrong content type, an oversized body, an empty or too long list and a non-object body", async () => {
    const malformed = await akutt.app.inject({ method: "POST", url: "/api/live/events", headers: { ...bearer(DISPATCHER), "content-type": "application/json" }, payload: '{"id": "e1", ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: "bad-request", message: "the request body is not valid JSON" });
    const text = await akutt.app.inject({ method: "POST", url: "/api/live/events", headers: { ...bearer(DISPATCHER), "content-type": "text/plain" }, payload: "hello" });
    expect(text.json()).toMatchObject({ error: "bad-request", message: "the body is one event (a JSON object) or a list of events" });
    const xml = await akutt.app.inject({ method: "POST", url: "/api/live/events", headers: { ...bearer(DISPATCHER), "content-type": "application/xml" }, payload: "<event/>" });
    expect(xml.statusCode).toBe(415);
    const oversize = await akutt.app.inject({ method: "POST", url: "/api/live/events", headers: { ...bearer(DISPATCHER), "content-type": "application/json" }, payload: JSON.stringify([{ ...created, pad: "x".repeat(1024 * 1024) }]) });
    expect(oversize.statusCode).toBe(413);
    expect((await post([])).json()).toMatchObject({ error: "bad-request", message: "the list of events is empty" });
    const tooMany = await post(Array.from({ length: 1001 }, (_, i) => ({ ...created, id: `x${i}`, incidentId: `X${i}` })));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toBe("at most 1000 events per post");
    for (const payload of ["42", '"text"', "null"]) {
      const bad = await akutt.app.inject({ method: "POST", url: "/api/live/events", headers: { ...bearer(DISPATCHER), "content-type": "application/json" }, payload });
      expect(bad.statusCode).toBe(400);
    }
    expect(events()).toBe("");
  });

  it("answers 401 without or with a wrong token and 403 for a viewer posting, each in the audit log; a viewer reads", async () => {
    const none = await akutt.app.inject({ method: "GET", url: "/api/live/state" });
    expect(none.statusCode).toBe(401);
    expect((await akutt.app.inject({ method: "GET", url: "/api/live/state", headers: bearer("guess") })).statusCode).toBe(401);
    // The server has no --token: the other routes stay open; the live ones do not.
    expect((await akutt.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    const viewerPost = await post(created, VIEWER);
    expect(viewerPost.statusCode).toBe(403);
    expect(viewerPost.json()).toEqual({ error: "forbidden", message: "the token of vv-viewer has role viewer; this needs a dispatcher's token" });
    expect((await akutt.app.inject({ method: "GET", url: "/api/live/state", headers: bearer(VIEWER) })).statusCode).toBe(200);
    expect(events()).toBe("");
    const lines = audit();
    expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ who: "anonymous", route: "/api/live/state", status: 401 }), expect.objectContaining({ who: "vv-viewer", role: "viewer", method: "POST", route: "/api/live/events", status: 403 }), expect.objectContaining({ who: "vv-viewer", route: "/api/live/state", status: 200 })]));
    expect(readFileSync(join(liveDir, AUDIT_FILE), "utf8")).not.toContain("guess");
  });

  it("refuses unknown units and zones, identity numbers and name fields event by event, logs none of them, and audits the reasons", async () => {
    const response = await post([
      { ...alerted, id: "u1", unitId: "ghost-1" },
      { ...created, id: "z1", location: { zoneId: "atlantis" } },
      { ...created, id: "f1", incidentId: "01019012480" },
      { ...created, id: "n1", fornavn: "Ola" },
      { ...created, id: "a1", amk: "amk-oslo" },
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accepted: 0,
      duplicates: 0,
      changed: [],
      refused: [
        { id: "u1", reason: "unknown unit ghost-1: not a unit of the scenario" },
        { id: "z1", reason: "unknown zone atlantis: not a zone of the scenario" },
        { id: "f1", reason: "incidentId holds what looks like a national identity number (fødselsnummer); events carry no patient identifiers" },
        { id: "n1", reason: "fornavn is no field of the event contract: events carry no names, contact details or free text" },
        { id: "a1", reason: "unknown AMK amk-oslo: not an AMK centre of the scenario" },
      ],
    });
    expect(events()).toBe("");
    const line = audit().at(-1)!;
    expect(line).toMatchObject({ who: "vv-dispatcher", amk: "amk-vv", route: "/api/live/events", status: 200, accepted: 0 });
    expect(line.refused).toHaveLength(5);
    expect(readFileSync(join(liveDir, AUDIT_FILE), "utf8")).not.toContain("01019012480");
  });

  it("accepts events, counts a repeat as a duplicate, refuses the impossible in time order, and streams state then deltas", async () => {
    const stream = readEvents(port, `/api/live/stream?access_token=${VIEWER}`, 2);
    // Wait for the stream's first event (the state) before posting, so the delta is the post's.
    await new Promise((done) => setTimeout(done, 300));
    const first = await post([created, alerted]);
    expect(first.json()).toEqual({ accepted: 2, duplicates: 0, refused: [], changed: [] });
    const { events: streamed, close } = await stream;
    close();
    expect(streamed[0]).toMatchObject({ event: "state", data: { asOf: null, incidents: [] } });
    expect(streamed[1]).toMatchObject({ event: "delta", data: { asOf: "2026-12-02T07:01:00.000Z", units: [{ unitId: "drm-amb-1", status: "alerted", incidentId: "I1" }], incidents: [{ incidentId: "I1", units: ["drm-amb-1"], waitingSince: null }] } });

    const again = await post([created, { ...alerted, id: "e3", time: "2026-12-02T08:02:00+01:00", status: "at-scene" }, { ...alerted, id: "e4", unitId: "drm-amb-2", time: "2026-12-02T08:03:00+01:00", status: "transporting" }, { ...created, incidentId: "I2" }]);
    expect(again.json()).toEqual({
      accepted: 1,
      duplicates: 1,
      changed: [],
      refused: [
        { id: "e1", reason: "event id e1 was already used for a different event" },
        { id: "e4", reason: "unit drm-amb-2 is free-at-station: it is alerted to incident I1 before it reports transporting" },
      ],
    });
    const state = (await akutt.app.inject({ method: "GET", url: "/api/live/state", headers: bearer(VIEWER) })).json();
    expect(state).toMatchObject({ asOf: "2026-12-02T07:02:00.000Z", events: 4, closedIncidents: 0, incidents: [{ incidentId: "I1", units: ["drm-amb-1"], firstAtSceneAt: "2026-12-02T07:02:00.000Z" }] });
    expect(state.units.find((unit: { unitId: string }) => unit.unitId === "drm-amb-1")).toMatchObject({ status: "at-scene", owner: "vv", amk: "amk-vv", stationId: "st-drammen" });
    // Logged: the accepted events and the one refused in time order (it may become right when a late event comes).
    expect(events().trim().split("\n").map((line) => JSON.parse(line).event.id)).toEqual(["e1", "e2", "e3", "e4"]);
  });

  it("caps the live streams (503 beyond the cap)", async () => {
    const a = await readEvents(port, `/api/live/stream?access_token=${VIEWER}`, 1);
    const b = await readEvents(port, `/api/live/stream?access_token=${VIEWER}`, 1);
    const c = await readEvents(port, `/api/live/stream?access_token=${VIEWER}`, 1);
    expect(c.response.statusCode).toBe(503);
    a.close();
    b.close();
    c.close();
  });

  it("describes every live route and the events in the OpenAPI document", async () => {
    const doc = (await akutt.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/live/events", "/api/live/state", "/api/live/stream"]));
    const body = doc.paths["/api/live/events"].post.requestBody.content["application/json"].schema;
    const types = JSON.stringify(body);
    for (const type of ["incident.created", "incident.closed", "unit.status", "unit.position"]) expect(types).toContain(`"enum":["${type}"]`);
    expect(doc.paths["/api/live/stream"].get.summary).toMatch(/event: state.*event: delta/);
  });
});

describe("live tokens file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "akutt-live-tokens-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const amks = new Set(["amk-vv"]);

  it("refuses a file others may read, a malformed one with line and field, an unknown AMK and a repeated token", async () => {
    await expect(LiveTokens.load(writeTokens(dir, TOKENS, 0o644), amks)).rejects.toThrow(/may be read or written by every user \(mode 644\); make it private: chmod 600/);
    await expect(LiveTokens.load(writeTokens(dir, TOKENS, 0o640), amks)).rejects.toThrow(/may be read or written by its group \(mode 640\); make it private: chmod 600/);
    await expect(LiveTokens.load(writeTokens(dir, TOKENS, 0o620), amks)).rejects.toThrow(/by its group \(mode 620\)/);
    await expect(LiveTokens.load(join(dir, "missing.yaml"), amks)).rejects.toThrow(LiveTokensError);
    await expect(LiveTokens.load(writeTokens(dir, "tokens:\n  - { name: a, amk: amk-vv, role: boss, sha256: abc }\n"), amks)).rejects.toThrow(/tokens\.yaml:2:\d+: tokens\[0\]\.role: expected one of "viewer", "dispatcher"[\s\S]*tokens\[0\]\.sha256: the token's SHA-256 as 64 hexadecimal digits/);
    await expect(LiveTokens.load(writeTokens(dir, "tokens: [\n"), amks)).rejects.toThrow(/YAML syntax/);
    await expect(LiveTokens.load(writeTokens(dir, `tokens:\n  - { name: a, amk: amk-oslo, role: viewer, sha256: ${sha("t")} }\n  - { name: b, amk: "*", role: viewer, sha256: ${sha("t")} }\n`), amks)).rejects.toThrow(/tokens\[0\]\.amk: unknown AMK amk-oslo[\s\S]*tokens\[1\]\.sha256: the same token is listed twice/);
    const tokens = await LiveTokens.load(writeTokens(dir, TOKENS), amks);
    expect(tokens.identify(VIEWER)).toEqual({ name: "vv-viewer", amk: "amk-vv", role: "viewer" });
    expect(tokens.identify("nope")).toBeUndefined();
  });
});

describe("live routes without a tokens file", () => {
  it("let a local caller act as dispatcher of every AMK, and the server's token stand for it when given", async () => {
    const root = mkdtempSync(join(tmpdir(), "akutt-live-open-"));
    try {
      const service = await LiveService.open({ scenario, dir: join(root, "live") });
      const akutt = await createApp({ stateDir: join(root, "state"), web: false, maxWorkers: 1, token: "server-secret", live: { service } });
      try {
        expect((await akutt.app.inject({ method: "POST", url: "/api/live/events", payload: created })).statusCode).toBe(401);
        const posted = await akutt.app.inject({ method: "POST", url: "/api/live/events", headers: bearer("server-secret"), payload: created });
        expect(posted.json()).toMatchObject({ accepted: 1 });
      } finally {
        await akutt.close();
      }
      const line = readFileSync(join(root, "live", AUDIT_FILE), "utf8").trim().split("\n").map((text) => JSON.parse(text)).at(-1);
      expect(line).toMatchObject({ who: "server-token", amk: "*", role: "dispatcher", status: 200, accepted: 1 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
