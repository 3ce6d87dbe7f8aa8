import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/model";
import { evaluatePlans, RankInputError, threadRunner, type PlanInput } from "./evaluate.js";
import { parseQueueUrl, queueRunner } from "./queue.js";
import { rankingToJson } from "./rank.js";

const ROOT = findRepoRoot();
const BIN = resolve(ROOT, "apps/cli/bin/akutt.js");
const SCENARIOS = resolve(ROOT, "scenarios");
const DEMO = resolve(SCENARIOS, "demo/demo.yaml");
const dir = mkdtempSync(join(tmpdir(), "akutt-queue-"));
const overlay = (base: string, body: string) => `extends: ${base}\n${body}`;
const PLANS: PlanInput[] = [
  { id: "move-lier", label: "Lier moved north", file: join(dir, "move-lier.yaml"), text: overlay(DEMO, "stations:\n  - { id: st-lier, lat: 59.80, lon: 10.26 }\n") },
  { id: "plus-one", label: "One more ambulance in Lier", file: join(dir, "plus-one.yaml"), text: overlay(DEMO, "vehicles:\n  - { id: lier-amb, count: 2 }\n") },
];
const SETTINGS = { seed: 11, replications: 4 };

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Waits until `child` writes a line matching `pattern` on stdout or stderr; fails after `timeoutMs`. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; got:\n${seen.slice(-2000)}`)), timeoutMs);
    const listen = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off("data", listen);
        child.stderr?.off("data", listen);
        resolveLine(match[0]);
      }
    };
    child.stdout?.on("data", listen);
    child.stderr?.on("data", listen);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing ${pattern}; output:\n${seen.slice(-2000)}`));
    });
  });
}

const children: ChildProcess[] = [];
let redisUrl = "";

function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill(signal);
  });
}

/** Everything a worker process printed so far. */
const printed = new Map<ChildProcess, string>();

function startWorker(): ChildProcess {
  // Small lock and stalled-check intervals, so a killed worker's job comes back within seconds.
  const child = spawn(process.execPath, [BIN, "optimise", "worker", "--queue", redisUrl, "--allow", SCENARIOS, "--lock-duration-ms", "2000", "--stalled-interval-ms", "1000"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  printed.set(child, "");
  child.stderr!.on("data", (chunk: Buffer) => printed.set(child, printed.get(child)! + chunk.toString()));
  return child;
}

beforeAll(async () => {
  // The test starts its own Redis (Debian's redis-server, scripts/install-test-deps.sh) on a free port; it never assumes one is running.
  const port = await freePort();
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: ["ignore", "pipe", "pipe"] });
  redis.once("error", () => undefined);
  children.push(redis);
  await waitForOutput(redis, /Ready to accept connections/, 20_000);
  redisUrl = `redis://127.0.0.1:${port}`;
  // Build the command line once here, not in two workers at the same time.
  expect(spawnSync(process.execPath, [BIN, "--help"], { cwd: ROOT }).status).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const child of children.reverse()) await stop(child);
  rmSync(dir, { recursive: true, force: true });
});

describe("parseQueueUrl", () => {
  it("accepts only redis:// and rediss:// and never shows a password", () => {
    expect(parseQueueUrl("redis://127.0.0.1:6380").display).toBe("redis://127.0.0.1:6380");
    expect(parseQueueUrl("rediss://user:secret@cache.example:6390/2").display).toBe("rediss://cache.example:6390/2");
    for (const bad of ["http://127.0.0.1:6379", "file:///etc/passwd", "redis:///", "127.0.0.1:6379", "redis://h:1/?x=1", "redis://h/a/b", `redis://${"a".repeat(3000)}`]) {
      expect(() => parseQueueUrl(bad), bad).toThrow(RankInputError);
    }
  });

  it("fails in seconds when nothing listens at the address", async () => {
    const port = await freePort();
    await expect(queueRunner(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 1000 })).rejects.toThrow(/cannot reach redis:\/\/127\.0\.0\.1/);
  });
});

describe("ranking on a BullMQ queue", () => {
  it("gives the same bytes as worker threads, with two worker processes, one killed mid-job", async () => {
    const local = threadRunner(1);
    let expected: string;
    try {
      expected = rankingToJson(await evaluatePlans(DEMO, PLANS, { ...SETTINGS, runner: local }));
    } finally {
      await local.close();
    }

    const first = startWorker();
    const second = startWorker();
    await Promise.all([waitForOutput(first, /waiting for ranking jobs/, 60_000), waitForOutput(second, /waiting for ranking jobs/, 60_000)]);
    const runner = await queueRunner(redisUrl, { parallelism: 2 });
    try {
      // Six jobs of two replications; the first worker is killed (SIGKILL) once it has started one.
      const ranking = evaluatePlans(DEMO, PLANS, { ...SETTINGS, runner, unitReplications: 2 });
      const started = await waitForOutput(first, /job (\S+) started/, 120_000);
      await stop(first, "SIGKILL");
      expect(rankingToJson(await ranking)).toBe(expected);
      // The killed worker never finished its job; the other one ran it after the lock lapsed.
      const jobId = /job (\S+) started/.exec(started)![1]!;
      expect(printed.get(first)).not.toContain(`job ${jobId} done`);
      expect(printed.get(second)).toContain(`job ${jobId} done`);
    } finally {
      await runner.close();
    }
  }, 300_000);

  it("fails the ranking, not the worker, when a job names a scenario outside the worker's folders", async () => {
    const outside = join(dir, "demo-copy.yaml");
    copyFileSync(DEMO, outside);
    const runner = await queueRunner(redisUrl, { attempts: 1 });
    try {
      const plans = [{ ...PLANS[1]!, text: overlay(outside, "vehicles:\n  - { id: lier-amb, count: 2 }\n") }];
      await expect(evaluatePlans(outside, plans, { ...SETTINGS, runner })).rejects.toThrow(/did not finish: .*not allowed/);
    } finally {
      await runner.close();
    }
  }, 120_000);
});
