import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDataDir } from "@akutt/geo";
import { createApp, type AkuttApp } from "../app.js";
import { REPO_ROOT } from "../scenarios/catalog.js";

/** Every file under `dir` (but build output, dependencies and git) with its size and modification time. */
function snapshot(dir: string, skip: ReadonlySet<string>): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (skip.has(entry.name)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const stats = statSync(path);
        files.set(relative(dir, path), `${stats.size}@${stats.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return files;
}

const routeTemplates = [
  "/api/scenarios",
  "/api/scenarios/{id}",
  "/api/scenarios/{id}/changes",
  "/api/scenarios/{id}/geojson",
  "/api/scenarios/{id}/roads",
  "/api/scenarios/{id}/basemap",
  "/api/scenarios/{id}/land-check",
  "/api/scenarios/{id}/drive-times",
  "/api/scenarios/{id}/variants",
  "/api/scenarios/validate",
  "/api/runs",
  "/api/runs/{id}",
  "/api/runs/{id}/events",
  "/api/runs/{id}/results",
  "/api/comparisons",
  "/api/comparisons/{id}",
  "/api/comparisons/{id}/results",
  "/api/comparisons/{id}/export.html",
  "/api/indicators",
  "/api/indicators/export.csv",
  "/api/health",
  "/api/openapi.json",
  "/",
];

const id = fc.oneof(
  fc.constantFrom("demo", "asker-baerum-base", "validation-mmc", "..", ".", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "a".repeat(600), "__proto__", "constructor"),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: "binary", maxLength: 20 }).map(encodeURIComponent),
);

const hostileYaml = fc.oneof(
  fc.constantFrom(
    "extends: demo/demo.yaml\nzones: {file: /etc/passwd}\n",
    "extends: ../../../../etc/passwd\n",
    "a: &a [1, 2]\nb: [*a, *a, *a]\n",
    "version: 1\n".repeat(50),
    "{".repeat(500),
    "- ".repeat(400),
    "!!js/function 'function () {}'",
    "key: !!binary AAAA\n",
  ),
  fc.string({ maxLength: 300 }),
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.record({ yaml: hostileYaml, base: fc.option(id, { nil: undefined }) }).map((value) => JSON.stringify(value)),
  fc.record({ name: fc.oneof(fc.string({ maxLength: 130 }), fc.integer(), fc.constant(null)), overlay: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant({ zones: { file: "/etc/passwd" } }), fc.constant({ stations: [{ id: "st-lier", lat: 59.85, lon: 10.6 }] })) }).map((value) => JSON.stringify(value)),
  fc.record({ scenarioId: fc.oneof(id, fc.integer(), fc.array(id, { maxLength: 2 })), replications: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constant("2")), seed: fc.option(fc.integer(), { nil: undefined }) }).map((value) => JSON.stringify(value)),
  fc.record({ scenarioIds: fc.array(fc.oneof(id, fc.integer()), { maxLength: 9 }), replications: fc.integer({ min: 0, max: 3 }) }).map((value) => JSON.stringify(value)),
  fc.record({ lat: fc.oneof(fc.double(), fc.string({ maxLength: 5 })), lon: fc.double(), station: fc.option(id, { nil: undefined }) }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
);

const request = fc.record({
  method: fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"),
  template: fc.constantFrom(...routeTemplates),
  id,
  query: fc.oneof(fc.constant(""), fc.constantFrom("?lang=en", "?lang=xx", "?download=true", "?download=yes", "?access_token=x", "?lang=en&lang=nb", "?__proto__[x]=1"), fc.string({ maxLength: 30 }).map((text) => `?${encodeURIComponent(text)}=1`)),
  body,
  contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", undefined),
});

describe("random and malformed requests to every route (property-based)", () => {
  let akutt: AkuttApp;
  let stateDir: string;
  const dataDir = resolveDataDir(undefined);
  const skip = new Set(["node_modules", ".git", "dist", "out", ".akutt-state", ".akutt-cache"]);
  let before: { repo: Map<string, string>; data: Map<string, string> };
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), "akutt-fuzz-"));
    // A generous task time: on a loaded test machine a first load of a large scenario may take long, which is a 503, not a defect.
    akutt = await createApp({ stateDir, web: false, maxWorkers: 1, scenarioTaskTimeoutMs: 120_000 });
    before = { repo: snapshot(REPO_ROOT, skip), data: snapshot(dataDir, skip) };
  });
  afterAll(async () => {
    await akutt?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("never answers 500, touches no file outside the state folder, and keeps answering", async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ method, template, id: segment, query, body: payload, contentType }) => {
        const url = `${template.replace("{id}", segment)}${query}`;
        const answer = await akutt.app.inject({ method, url, headers: contentType && payload !== undefined ? { "content-type": contentType } : {}, ...(payload === undefined ? {} : { payload }) });
        if (answer.statusCode >= 500 && !(answer.statusCode === 503 && answer.json().error === "unavailable")) throw new Error(`${method} ${url} ${payload ?? ""} → ${answer.statusCode} ${answer.body.slice(0, 300)}`);
        if (answer.statusCode >= 400 && method !== "HEAD") expect(answer.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 400, seed: 20261202 },
    );
    expect((await akutt.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    const after = { repo: snapshot(REPO_ROOT, skip), data: snapshot(dataDir, skip) };
    const changed = (a: Map<string, string>, b: Map<string, string>) => [...new Set([...a.keys(), ...b.keys()])].filter((key) => a.get(key) !== b.get(key));
    // Other test files may write their own temporary files in the repository meanwhile: only files this server could reach count.
    expect(changed(before.repo, after.repo).filter((path) => path.startsWith("scenarios/") || path.startsWith("apps/") || path.startsWith("packages/"))).toEqual([]);
    expect(changed(before.data, after.data)).toEqual([]);
  }, 300_000);
});
