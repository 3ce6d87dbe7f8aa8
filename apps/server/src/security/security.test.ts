import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, MAX_URL_LENGTH, type AkuttApp } from "../app.js";
import { startServer } from "../serve.js";

const stateDirs: string[] = [];
function tempState(): string {
  const dir = mkdtempSync(join(tmpdir(), "akutt-security-"));
  stateDirs.push(dir);
  return dir;
}
afterAll(() => stateDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A raw HTTP request: the path is sent exactly as given (fetch would normalise it). */
function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, method, path, headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers } }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Every API route with a concrete path, as an attacker would try them. */
const ROUTES: Array<[string, string, string?]> = [
  ["GET", "/api/scenarios"],
  ["GET", "/api/scenarios/demo"],
  ["PATCH", "/api/scenarios/demo", '{"name":"x"}'],
  ["DELETE", "/api/scenarios/demo"],
  ["GET", "/api/scenarios/demo/changes"],
  ["GET", "/api/scenarios/demo/geojson"],
  ["GET", "/api/scenarios/demo/roads"],
  ["POST", "/api/scenarios/validate", '{"yaml":"version: 1"}'],
  ["POST", "/api/scenarios/demo/variants", '{"name":"sneaky","overlay":{}}'],
  ["POST", "/api/runs", '{"scenarioId":"demo","replications":1}'],
  ["GET", "/api/runs"],
  ["GET", "/api/runs/x"],
  ["GET", "/api/runs/x/events"],
  ["GET", "/api/runs/x/results"],
  ["DELETE", "/api/runs/x"],
  ["POST", "/api/comparisons", '{"scenarioIds":["demo","demo-2"]}'],
  ["GET", "/api/comparisons"],
  ["GET", "/api/comparisons/x/export.html"],
  ["GET", "/api/indicators"],
  ["GET", "/api/indicators/export.csv"],
  ["POST", "/api/optimisations", '{"scenarioId":"demo","vehicles":3}'],
  ["GET", "/api/optimisations"],
  ["GET", "/api/optimisations/x"],
  ["GET", "/api/optimisations/x/events"],
  ["GET", "/api/optimisations/x/results"],
  ["DELETE", "/api/optimisations/x"],
  ["GET", "/api/openapi.json"],
  ["GET", "/api/health"],
];

/** Spellings of one path that a router might take for the same route. */
function spellings(path: string): string[] {
  const encodedFirst = path.replace(/^\/a/, "/%61");
  const encodedAll = path.replace(/[a-z]/g, (letter) => `%${letter.charCodeAt(0).toString(16)}`);
  const upper = path.replace(/[a-z]/g, (letter, at: number) => (at % 2 ? letter.toUpperCase() : letter));
  return [
    path,
    encodedFirst,
    encodedAll,
    `/${path}`,
    path.replace("/api/", "/api//"),
    `${path}/`,
    `${path}.`,
    path.replace("/api", "/api."),
    path.replace("/api", "/API"),
    upper,
    path.replace("/api/", "/api/./"),
    path.replace("/api/", "/x/../api/"),
    path.replace("/api/", "/api%2F"),
    `${path}?access_token=wrong`,
    `${path};x=1`,
    `${path}%00`,
  ];
}

describe("access control on a token-protected server, over a real socket", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let port: number;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = tempState();
    server = await startServer({ host: "127.0.0.1", port: 0, stateDir, token: "T0ken" });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => server?.akutt.close());

  it("answers no spelling of any API path without the token, and every one with it reaches at most its route", async () => {
    const leaks: string[] = [];
    for (const [method, path, body] of ROUTES) {
      for (const spelling of spellings(path)) {
        const answer = await raw(port, method, spelling, {}, body);
        if (answer.status < 400 || answer.status >= 500) leaks.push(`${method} ${spelling} → ${answer.status}`);
      }
    }
    expect(leaks).toEqual([]);
    const withToken = await raw(port, "GET", "/%61pi/scenarios", { authorization: "Bearer T0ken" });
    expect(withToken.status).toBe(200);
    expect(await raw(port, "GET", "/%61pi/scenarios", { authorization: "bearer T0ken" })).toMatchObject({ status: 200 });
    expect((await raw(port, "GET", "/api/scenarios", { authorization: "Bearer T0ken2" })).status).toBe(401);
    expect((await raw(port, "GET", "/api/scenarios", { authorization: "Basic T0ken" })).status).toBe(401);
    // the query token is for event streams and downloads only
    expect((await raw(port, "GET", "/api/scenarios?access_token=T0ken")).status).toBe(401);
    expect((await raw(port, "GET", "/api/runs/none/events?access_token=T0ken")).status).toBe(404);
    // nothing was created by the attempts
    expect(existsSync(join(stateDir, "variants")) ? readdirSync(join(stateDir, "variants")) : []).toEqual([]);
  });

  it("serves the page's static files without a token, and nothing else", async () => {
    expect((await raw(port, "GET", "/")).status).toBe(200);
    expect((await raw(port, "GET", "/nonexistent")).status).toBe(401);
  });

  it("refuses a Host header that is not this server's (DNS rebinding) with 421 in the error shape", async () => {
    const answer = await raw(port, "GET", "/api/health", { host: "attacker.example:80", authorization: "Bearer T0ken" });
    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "misdirected-request" });
    expect((await raw(port, "GET", "/api/health", { host: `localhost:${port}`, authorization: "Bearer T0ken" })).status).toBe(200);
  });

  it("answers an over-long URL with 414 and over-long headers with 431, both in the error shape", async () => {
    const long = await raw(port, "GET", `/api/scenarios?x=${"a".repeat(MAX_URL_LENGTH)}`, { authorization: "Bearer T0ken" });
    expect(long.status).toBe(414);
    expect(JSON.parse(long.body)).toMatchObject({ error: "uri-too-long" });
    const head = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => socket.write(`GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`));
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", () => resolve(text));
    });
    expect(head).toMatch(/^HTTP\/1\.1 431/);
    expect(JSON.parse(head.slice(head.indexOf("\r\n\r\n") + 4))).toMatchObject({ error: "headers-too-large" });
  });

  it("declares and applies the bearer scheme in the OpenAPI document", async () => {
    const doc = JSON.parse((await raw(port, "GET", "/api/openapi.json", { authorization: "Bearer T0ken" })).body);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });
});

describe("scenarios posted over HTTP", () => {
  let akutt: AkuttApp;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = tempState();
    akutt = await createApp({ stateDir, web: false });
  });
  afterAll(async () => akutt?.close());

  it("may not name files outside the scenarios and data folders, and errors never carry a file's contents", async () => {
    const attempts = [
      { url: "/api/scenarios/validate", payload: { yaml: "extends: demo/demo.yaml\nzones: {file: /etc/passwd}\n" } },
      { url: "/api/scenarios/validate", payload: { yaml: "extends: asker-baerum/base.yaml\nzones: {file: ../../../../../../etc/passwd}\n" } },
      { url: "/api/scenarios/validate", payload: { yaml: "extends: /etc/passwd\n" } },
      { url: "/api/scenarios/validate", payload: { yaml: "extends: ../../../../../../etc/passwd\n" } },
      { url: "/api/scenarios/validate", payload: { yaml: "extends: demo/README.md\n" } },
      { url: "/api/scenarios/validate", payload: { yaml: "extends: demo/demo.yaml\ntravel: {model: matrix, file: /etc/passwd}\n" } },
      { url: "/api/scenarios/validate", payload: { yaml: "extends: demo/demo.yaml\ntravel: {model: network, network: /etc/passwd.csv}\n" } },
      { url: "/api/scenarios/demo/variants", payload: { name: "Passwd", overlay: { zones: { file: "/etc/passwd" } } } },
      { url: "/api/scenarios/demo/variants", payload: { name: "Passwd 2", overlay: { zones: { file: "../../../../../../../../etc/passwd" } } } },
      { url: "/api/scenarios/demo/variants", payload: { name: "Readme", overlay: { zones: { file: "README.md" } } } },
    ];
    const passwd = readFileSync("/etc/passwd", "utf8");
    const firstLine = passwd.split("\n")[0]!;
    for (const attempt of attempts) {
      const answer = await akutt.app.inject({ method: "POST", url: attempt.url, payload: attempt.payload });
      expect(answer.statusCode, JSON.stringify(attempt)).toBe(422);
      expect(answer.body).not.toContain(firstLine.slice(0, 12));
      expect(answer.body).not.toContain("root:x");
      expect(answer.body).not.toMatch(/Akutt|planning/); // the README's text
    }
    expect(existsSync(join(stateDir, "variants")) ? readdirSync(join(stateDir, "variants")) : []).toEqual([]);
  });

  it("keeps the server answering while a 0.9 MB document with 40,000 keys is refused, and refuses an alias bomb with 422", async () => {
    const keys = `version: 1\n${Array.from({ length: 40_000 }, (_, i) => `k${String(i).padStart(5, "0")}: ${i}`).join("\n")}\n`;
    expect(keys.length).toBeGreaterThan(400_000);
    const latenciesMs: number[] = [];
    let pending = true;
    const posted = akutt.app.inject({ method: "POST", url: "/api/scenarios/validate", payload: { yaml: keys } }).finally(() => (pending = false));
    while (pending) {
      const started = performance.now();
      expect((await akutt.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
      latenciesMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const answer = await posted;
    expect(answer.statusCode).toBe(422);
    expect(answer.json().issues[0].message).toMatch(/entries; at most/);
    // The figure is printed, not asserted tightly (no wall-clock asserts in unit tests); a blocked loop would show seconds.
    const worstMs = Math.max(...latenciesMs);
    console.log(`health during a 40,000-key validation: ${latenciesMs.length} answers, worst ${worstMs.toFixed(1)} ms`);
    expect(latenciesMs.length).toBeGreaterThan(0);
    expect(worstMs).toBeLessThan(1000);

    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) lines.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(", ")}]`);
    const bomb = await akutt.app.inject({ method: "POST", url: "/api/scenarios/validate", payload: { yaml: lines.join("\n") } });
    expect(bomb.statusCode).toBe(422);
    expect(bomb.json().issues[0].message).toMatch(/aliases/);
  });

  it("takes ids only as strings, never coerced from numbers or lists", async () => {
    for (const payload of [{ scenarioId: 123 }, { scenarioId: ["demo"] }, { scenarioId: "demo", replications: "2" }, { scenarioId: "demo", seed: true }]) {
      const answer = await akutt.app.inject({ method: "POST", url: "/api/runs", payload });
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
      expect(answer.json().error).toBe("bad-request");
    }
    expect((await akutt.app.inject({ method: "POST", url: "/api/comparisons", payload: { scenarioIds: "demo" } })).statusCode).toBe(400);
    expect((await akutt.app.inject({ method: "POST", url: "/api/comparisons", payload: { scenarioIds: [1, 2] } })).statusCode).toBe(400);
    expect((await akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: 5, overlay: {} } })).statusCode).toBe(400);
    const notJson = await akutt.app.inject({ method: "POST", url: "/api/runs", headers: { "content-type": "application/json" }, payload: "{not json" });
    expect(notJson.statusCode).toBe(400);
  });

  it("saves two variants with the same name at once (a double-click) as one 201 and one 409, the file holding the winner's content", async () => {
    const first = { name: "Dobbeltklikk", overlay: { vehicles: [{ id: "lier-amb", count: 2 }] } };
    const second = { name: "Dobbeltklikk", overlay: { vehicles: [{ id: "lier-amb", count: 3 }] } };
    const answers = await Promise.all([first, second].map((payload) => akutt.app.inject({ method: "POST", url: "/api/scenarios/demo/variants", payload })));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    const winner = answers.findIndex((answer) => answer.statusCode === 201);
    const text = readFileSync(join(stateDir, "variants/dobbeltklikk.yaml"), "utf8");
    expect(text).toContain(`count: ${winner === 0 ? 2 : 3}`);
    expect(readdirSync(join(stateDir, "variants")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(answers[1 - winner]!.json()).toMatchObject({ error: "conflict" });
  });
});
