import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRepoRoot, loadScenarioFile } from "@akutt/model";
import { AUDIT_FILE, EVENTS_FILE, EventLedger, LiveService, liveScenarioOf, type LiveEvent } from "@akutt/live";
import { received } from "@akutt/live/testing";
import { AKUTT_BIN } from "../testing/akutt-process.js";

const ROOT = findRepoRoot();
const DEMO = resolve(ROOT, "scenarios/demo/demo.yaml");
const scenario = loadScenarioFile(DEMO);
const UNITS = ["drm-amb-1", "drm-amb-2", "drm-amb-3", "drm-amb-4", "drm-amb-5", "lier-amb", "svelvik-amb", "drm-day-1"];
const ZONES = scenario.zones.map((zone) => zone.id);

/** A day's worth of valid missions: each incident gets a unit through the whole chain and is closed; 8 events each. */
function missions(count: number): LiveEvent[] {
  const events: LiveEvent[] = [];
  const time = (minute: number, second: number) => new Date(Date.UTC(2026, 11, 2, 7, 0, 0) + minute * 60_000 + second * 1000).toISOString().replace("Z", "+00:00");
  for (let i = 0; i < count; i++) {
    const incidentId = `I${i}`;
    const unitId = UNITS[i % UNITS.length]!;
    events.push({ id: `c${i}`, type: "incident.created", time: time(i, 0), incidentId, amk: "amk-vv", urgency: i % 3 === 0 ? "red" : "yellow", location: { zoneId: ZONES[i % ZONES.length]! } });
    (["alerted", "en-route", "at-scene", "transporting", "at-destination"] as const).forEach((status, k) => events.push({ id: `s${i}-${k}`, type: "unit.status", time: time(i, 5 + k * 5), unitId, status, incidentId }));
    events.push({ id: `f${i}`, type: "unit.status", time: time(i, 40), unitId, status: "free-on-road" });
    events.push({ id: `x${i}`, type: "incident.closed", time: time(i, 45), incidentId });
  }
  return events;
}

function startServer(liveDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [AKUTT_BIN, "serve", "--live", DEMO, "--live-dir", liveDir, "--port", "0"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      stderr += chunk;
      const match = /serving on (http:\/\/\S+) /.exec(stderr);
      if (match) done({ child, url: match[1]! });
    });
    child.once("exit", (code) => fail(new Error(`akutt serve ended (${code}): ${stderr}`)));
  });
}

/** `akutt serve …` expected to refuse to start; the timeout stops a server that started after all. */
function serveRefused(...args: string[]) {
  const result = spawnSync(process.execPath, [AKUTT_BIN, "serve", ...args, "--port", "0"], { encoding: "utf8", cwd: ROOT, timeout: 60_000 });
  return { code: result.status, stderr: result.stderr };
}

const folded = (events: readonly LiveEvent[]) => EventLedger.of(liveScenarioOf(scenario), received(events)).state.view();

describe("akutt serve --live: the event log survives kill -9", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("rebuilds, after a kill mid-stream, the state of the acknowledged events (plus whole lines of the unanswered post); reposting that post completes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-live-crash-"));
    dirs.push(dir);
    const liveDir = join(dir, "live");
    const { child, url } = await startServer(liveDir);
    const events = missions(80);
    const batches: LiveEvent[][] = [];
    for (let i = 0; i < events.length; i += 4) batches.push(events.slice(i, i + 4));

    const acknowledged: LiveEvent[] = [];
    let unanswered: LiveEvent[] = [];
    let killed = false;
    const posting = (async () => {
      for (const batch of batches) {
        unanswered = batch;
        try {
          const response = await fetch(`${url}/api/live/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(batch) });
          const body = (await response.json()) as { accepted: number; refused: unknown[] };
          expect(body).toMatchObject({ accepted: batch.length, refused: [] });
          acknowledged.push(...batch);
        } catch (error) {
          if (killed) return;
          throw error;
        }
      }
      unanswered = [];
    })();
    // Kill once some posts are answered, while the stream is still going.
    while (acknowledged.length < 40) await new Promise((wait) => setTimeout(wait, 5));
    killed = true;
    child.kill("SIGKILL");
    await posting;
    await new Promise((wait) => (child.exitCode === null && child.signalCode === null ? child.once("exit", wait) : wait(undefined)));
    expect(acknowledged.length).toBeLessThan(events.length);

    const service = await LiveService.open({ scenario, dir: liveDir });
    try {
      const ids = new Set(service.ledger.entries.map((entry) => entry.received.event.id));
      for (const event of acknowledged) expect(ids.has(event.id)).toBe(true);
      const kept = unanswered.filter((event) => ids.has(event.id));
      expect(ids.size).toBe(acknowledged.length + kept.length);
      expect(service.view()).toEqual(folded([...acknowledged, ...kept]));
      // The client did not get an answer, so it posts again: whatever was kept is a duplicate.
      const again = await service.post(unanswered, { name: "retry", amk: "*" });
      expect(again).toMatchObject({ accepted: unanswered.length - kept.length, duplicates: kept.length, refused: [] });
      expect(service.view()).toEqual(folded([...acknowledged, ...unanswered]));
    } finally {
      await service.close();
    }
  });

  it("cuts a torn last line (a write the crash cut short, never acknowledged) and notes it in the audit log", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-live-torn-"));
    dirs.push(dir);
    const first = await LiveService.open({ scenario, dir });
    const events = missions(2);
    await first.post(events, { name: "t", amk: "*" });
    await first.close();
    appendFileSync(join(dir, EVENTS_FILE), '{"seq":17,"receivedAt":"2026-12-02T07:00:00.000Z","by":{"name":"t","amk":"*"},"event":{"id":"torn","ty');
    const second = await LiveService.open({ scenario, dir });
    try {
      expect(second.ledger.size).toBe(events.length);
      expect(second.view()).toEqual(folded(events));
      expect(readFileSync(join(dir, EVENTS_FILE), "utf8").endsWith("}\n")).toBe(true);
      expect(readFileSync(join(dir, AUDIT_FILE), "utf8")).toMatch(/a torn last line of events.jsonl \(\d+ bytes, never acknowledged\) was cut off/);
      expect(second.startNote).toMatch(/^16 events read back from events\.jsonl; a torn last line of events\.jsonl \(\d+ bytes, never acknowledged\) was cut off$/);
      // New events follow on a whole line.
      expect(await second.post(missions(3).slice(16), { name: "t", amk: "*" })).toMatchObject({ accepted: 8 });
    } finally {
      await second.close();
    }
    const third = await LiveService.open({ scenario, dir });
    expect(third.ledger.size).toBe(24);
    await third.close();
  });

  it("refuses to start on a damaged log line, a log of another scenario, and a folder in use", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-live-bad-"));
    dirs.push(dir);
    const service = await LiveService.open({ scenario, dir });
    await service.post(missions(1), { name: "t", amk: "*" });
    const busy = serveRefused("--live", DEMO, "--live-dir", dir);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/the live folder .* is in use by process \d+; stop it or choose another --live-dir/);
    await service.close();
    appendFileSync(join(dir, EVENTS_FILE), "not json\n" + readFileSync(join(dir, EVENTS_FILE), "utf8").split("\n")[0] + "\n");
    const damaged = serveRefused("--live", DEMO, "--live-dir", dir);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/events\.jsonl:9: not a JSON line; the event log is damaged/);
    const other = mkdtempSync(join(tmpdir(), "akutt-live-other-"));
    dirs.push(other);
    const oslo = await LiveService.open({ scenario, dir: other });
    await oslo.post(missions(1), { name: "t", amk: "*" });
    await oslo.close();
    const wrongScenario = serveRefused("--live", "scenarios/validation/mmc.yaml", "--live-dir", other);
    expect(wrongScenario.code).toBe(2);
    expect(wrongScenario.stderr).toMatch(/events\.jsonl:1: unknown AMK amk-vv: not an AMK centre of the scenario; the log was written with another scenario/);
    const stray = serveRefused("--live-dir", other);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--live-dir and --live-tokens belong to live mode/);
  });
});
