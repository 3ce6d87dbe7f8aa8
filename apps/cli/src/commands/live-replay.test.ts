import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { akutt, akuttAsync } from "../testing/akutt-process.js";

// A stand-in for the live server: it acknowledges every batch of the dispatcher token, refuses others.
let server: Server;
let url = "";
const batches: Array<Array<{ id: string; type: string; time: string }>> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const token = request.headers.authorization;
      if (token !== "Bearer dispatcher" && token !== "Bearer viewer") return void response.writeHead(401).end("{}");
      if (token === "Bearer viewer") return void response.writeHead(403).end("{}");
      const events = JSON.parse(body) as Array<{ id: string; type: string; time: string }>;
      batches.push(events);
      const seen = batches.length > 1 && batches.flat().filter((event) => event.id === events[0]!.id).length > 1;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ accepted: seen ? 0 : events.length, duplicates: seen ? events.length : 0, refused: [] }));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("akutt live replay", () => {
  it("refuses bad flags with a message and exit code 2", () => {
    const cases: Array<[string[], string]> = [
      [["--server", "nowhere", "--token", "t"], "--server must be the live server's address"],
      [["--server", "ftp://x", "--token", "t"], "--server must be an http or https address"],
      [["--server", "http://127.0.0.1:9", "--token", "t", "--speed", "0"], "--speed must be a number"],
      [["--server", "http://127.0.0.1:9", "--token", "t", "--batch", "1001"], "--batch must be at most 1000"],
      [["--server", "http://127.0.0.1:9", "--token", "t", "--day", "29"], "--day must be at most 28"],
      [["--server", "http://127.0.0.1:9", "--token", ""], "--token is empty"],
    ];
    for (const [flags, message] of cases) {
      const outcome = akutt("live", "replay", "scenarios/demo/demo.yaml", ...flags);
      expect(outcome.code, flags.join(" ")).toBe(2);
      expect(outcome.stderr).toContain(message);
      expect(outcome.stderr).not.toContain("    at ");
    }
    expect(akutt("live", "replay", "no/such.yaml", "--server", "http://127.0.0.1:9", "--token", "t").stderr).toContain("no scenario at no/such.yaml");
  });

  it("streams a day in bounded batches in time order; a second replay is all duplicates; a viewer's token is refused", async () => {
    const first = await akuttAsync("live", "replay", "scenarios/demo/demo.yaml", "--server", url, "--token", "dispatcher", "--speed", "max", "--batch", "100", "--day", "4", "--seed", "3");
    expect(first.stderr).toContain("day 4:");
    expect(first.code).toBe(0);
    const events = batches.flat();
    expect(batches.every((batch) => batch.length >= 1 && batch.length <= 100)).toBe(true);
    expect(first.stdout).toContain(`sent ${events.length} events: accepted ${events.length}, duplicates 0, refused 0`);
    for (let k = 1; k < events.length; k++) expect(Date.parse(events[k]!.time)).toBeGreaterThanOrEqual(Date.parse(events[k - 1]!.time));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(["incident.created", "incident.closed", "unit.status", "unit.position"]));

    const again = await akuttAsync("live", "replay", "scenarios/demo/demo.yaml", "--server", url, "--token", "dispatcher", "--speed", "max", "--batch", "100", "--day", "4", "--seed", "3");
    expect(again.stdout).toContain(`accepted 0, duplicates ${events.length}`);

    const viewer = await akuttAsync("live", "replay", "scenarios/demo/demo.yaml", "--server", url, "--token", "viewer", "--speed", "max");
    expect(viewer.code).toBe(2);
    expect(viewer.stderr).toContain("a viewer token cannot, use a dispatcher token");
  });
});
