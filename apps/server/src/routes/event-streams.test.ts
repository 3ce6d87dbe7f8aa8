import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type AkuttApp } from "../app.js";
import { EventStreamLimit } from "./event-streams.js";

describe("EventStreamLimit", () => {
  it("hands out at most max slots, and a slot released twice frees only one", () => {
    const limit = new EventStreamLimit(2);
    const first = limit.acquire();
    const second = limit.acquire();
    expect(first).toBeTypeOf("function");
    expect(second).toBeTypeOf("function");
    expect(limit.acquire()).toBeUndefined();
    first!();
    first!();
    expect(limit.openCount).toBe(1);
    expect(limit.acquire()).toBeTypeOf("function");
    expect(limit.acquire()).toBeUndefined();
  });

  it("refuses a limit that is not a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new EventStreamLimit(bad)).toThrow(RangeError);
  });
});

/** Opens an event stream over a real socket and resolves once the status line and first bytes are in. */
function openStream(port: number, path: string): Promise<{ response: IncomingMessage; request: ClientRequest; firstChunk: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path, method: "GET" }, (response) => {
      response.setEncoding("utf8");
      response.once("data", (chunk: string) => resolve({ response, request, firstChunk: chunk }));
      response.once("error", reject);
    });
    request.once("error", reject);
    request.end();
  });
}

describe("progress streams are capped", () => {
  let akutt: AkuttApp;
  let port: number;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), "akutt-streams-"));
    akutt = await createApp({ stateDir, web: false, maxEventStreams: 2, maxWorkers: 1 });
    await akutt.app.listen({ host: "127.0.0.1", port: 0 });
    port = (akutt.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await akutt?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("answers 503 in the error shape beyond the cap, and frees a slot when a client goes away", async () => {
    // A long run, so its streams stay open for the whole test.
    const started = await akutt.app.inject({ method: "POST", url: "/api/runs", payload: { scenarioId: "demo", replications: 200 } });
    const id = started.json().id as string;
    const path = `/api/runs/${id}/events`;
    const first = await openStream(port, path);
    const second = await openStream(port, path);
    expect(first.response.statusCode).toBe(200);
    expect(second.firstChunk).toContain("event: progress");

    const third = await openStream(port, path);
    expect(third.response.statusCode).toBe(503);
    const body = JSON.parse(third.firstChunk) as { error: string; message: string };
    expect(body.error).toBe("unavailable");
    expect(body.message).toContain("2 progress streams are already open");

    first.request.destroy();
    const deadline = Date.now() + 10_000;
    let fourth = await openStream(port, path);
    while (fourth.response.statusCode === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      fourth = await openStream(port, path);
    }
    expect(fourth.response.statusCode).toBe(200);
    second.request.destroy();
    fourth.request.destroy();
    await akutt.app.inject({ method: "DELETE", url: `/api/runs/${id}` });
  });

  it("frees the slot when the job ends, so finished jobs never hold a stream", async () => {
    const started = await akutt.app.inject({ method: "POST", url: "/api/runs", payload: { scenarioId: "demo", replications: 1 } });
    const id = started.json().id as string;
    for (let k = 0; k < 5; k++) {
      const response = await akutt.app.inject({ method: "GET", url: `/api/runs/${id}/events` });
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(/event: (done|failed)/);
    }
  });
});
