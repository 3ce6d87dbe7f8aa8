import { describe, expect, it } from "vitest";
import { paceEvents, postEvents, type LiveAck, type PostOptions } from "./live-client.js";

const SERVER = new URL("http://127.0.0.1:9/");

function fakeFetch(answers: Array<Response | Error>, seen: Array<{ url: string; init: RequestInit }> = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init: init ?? {} });
    const answer = answers.shift();
    if (answer === undefined) throw new Error("no more answers");
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
}

function options(fetcher: typeof fetch, sleeps: number[] = []): PostOptions {
  return { attempts: 3, firstBackoffMs: 100, timeoutMs: 1000, sleep: async (ms) => void sleeps.push(ms), fetch: fetcher };
}

const ack = (accepted: number): Response => new Response(JSON.stringify({ accepted, duplicates: 0, refused: [] }), { status: 200, headers: { "content-type": "application/json" } });
const refusedConnection = () => Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });

describe("postEvents", () => {
  it("posts the batch as JSON with the bearer token to /api/live/events", async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const answer = await postEvents(new URL("http://127.0.0.1:9"), "t0k", [{ id: "a" }, { id: "b" }], options(fakeFetch([ack(2)], seen)));
    expect(answer).toEqual({ accepted: 2, duplicates: 0, refused: [] });
    expect(seen[0]!.url).toBe("http://127.0.0.1:9/api/live/events");
    expect(seen[0]!.init.method).toBe("POST");
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe("Bearer t0k");
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("retries an unreachable or failing server with doubling pauses, then says it cannot reach it", async () => {
    const sleeps: number[] = [];
    expect(await postEvents(SERVER, "t", [], options(fakeFetch([refusedConnection(), new Response("", { status: 503 }), ack(0)]), sleeps))).toEqual({ accepted: 0, duplicates: 0, refused: [] });
    expect(sleeps).toEqual([100, 200]);
    await expect(postEvents(SERVER, "t", [], options(fakeFetch([refusedConnection(), refusedConnection(), refusedConnection()])))).rejects.toThrow(
      "cannot reach the live server at http://127.0.0.1:9 after 3 tries (ECONNREFUSED)",
    );
  });

  it("names a wrong token, a viewer's token, a server without the live API and a refused batch at once", async () => {
    const once = (status: number, body = "{}") => options(fakeFetch([new Response(body, { status })]));
    await expect(postEvents(SERVER, "t", [], once(401))).rejects.toMatchObject({ isUserError: true, message: expect.stringContaining("refused the token (401): check --token") });
    await expect(postEvents(SERVER, "t", [], once(403))).rejects.toThrow("a viewer token cannot, use a dispatcher token");
    await expect(postEvents(SERVER, "t", [], once(404))).rejects.toThrow("start the server with akutt serve --live");
    await expect(postEvents(SERVER, "t", [{}], once(400, JSON.stringify({ error: "more than 1000 events" })))).rejects.toThrow("refused a batch of 1 events (HTTP 400): more than 1000 events");
    await expect(postEvents(SERVER, "t", [], options(fakeFetch([new Response("<html>", { status: 200 })])))).rejects.toThrow("not the live API's acknowledgement");
  });
});

describe("paceEvents", () => {
  it("sends each event when its simulated time is due at the speed, in batches of what is due", async () => {
    let nowMs = 0;
    const clock = { now: () => nowMs, sleep: async (ms: number) => void (nowMs += ms) };
    const sent: Array<{ atMs: number; ids: unknown[] }> = [];
    const send = async (batch: unknown[]): Promise<LiveAck> => {
      sent.push({ atMs: nowMs, ids: batch });
      return { accepted: batch.length - 1, duplicates: 1, refused: [] };
    };
    // Two state events before the start, then events at 0, 30, 30, 30, 120 simulated seconds.
    const events = [-50, -10, 0, 30, 30, 30, 120].map((simSec, k) => ({ simSec: 1000 + simSec, event: k }));
    const progress = await paceEvents(events, { fromSec: 1000, speed: 60, maxBatch: 2, clock, send });
    expect(sent).toEqual([
      { atMs: 0, ids: [0, 1] },
      { atMs: 0, ids: [2] },
      { atMs: 500, ids: [3, 4] },
      { atMs: 500, ids: [5] },
      { atMs: 2000, ids: [6] },
    ]);
    expect(progress).toMatchObject({ sent: 7, accepted: 2, duplicates: 5, refusedCount: 0 });
  });
});
