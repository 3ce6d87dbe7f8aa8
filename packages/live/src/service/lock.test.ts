import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveDirBusyError, LiveLockTakeoverError, LOCK_FILE, releaseLock, takeLock, TAKEOVER_FILE } from "./lock.js";

/** Processes that stay alive while the test runs: each pid stands for another server taking the lock. */
const sleepers: ChildProcess[] = [];
let livePids: number[] = [];
/** A pid whose process has ended (a server killed with -9). */
let deadPid = 0;
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "akutt-live-lock-"));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  for (let i = 0; i < 6; i++) sleepers.push(spawn("sleep", ["600"], { stdio: "ignore" }));
  livePids = sleepers.map((child) => child.pid!);
  const ended = spawn("true", { stdio: "ignore" });
  await new Promise((resolve) => ended.on("exit", resolve));
  deadPid = ended.pid!;
});
afterAll(() => {
  for (const child of sleepers) child.kill();
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** Every taker at once; which won, and that every loser was told who holds the folder. */
async function race(dir: string, pids: readonly number[]): Promise<number[]> {
  const outcomes = await Promise.allSettled(pids.map((pid) => takeLock(dir, pid)));
  const winners = pids.filter((_, k) => outcomes[k]!.status === "fulfilled");
  for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(LiveDirBusyError);
  return winners;
}

describe("the live folder's lock", () => {
  it("taken by servers starting at once, on a free folder or over a dead server's lock (with or without its pid), has exactly one winner, whose pid it holds", async () => {
    for (let round = 0; round < 60; round++) {
      const dir = freshDir();
      if (round % 3 === 1) writeFileSync(join(dir, LOCK_FILE), String(deadPid));
      if (round % 3 === 2) writeFileSync(join(dir, LOCK_FILE), "");
      const winners = await race(dir, livePids);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toMatch(new RegExp(`^${winners[0]} [0-9]+$`));
      // Nothing else is left in the folder: no takeover file, no taker's own file.
      expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    }
  });

  it("is refused while its holder runs, taken once it is released, and released only by its holder", async () => {
    const dir = freshDir();
    const [first, second] = livePids as [number, number];
    await takeLock(dir, first);
    await expect(takeLock(dir, second)).rejects.toThrow(new RegExp(`in use by process ${first}; stop it or choose another --live-dir`));
    await releaseLock(dir, second);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    await releaseLock(dir, first);
    await takeLock(dir, second);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toMatch(new RegExp(`^${second} [0-9]+$`));
  });

  it("takes over a lock whose pid now belongs to another process (a restarted container's server has the same pid, often 1)", async () => {
    const dir = freshDir();
    const [reused, taker] = livePids as [number, number];
    // The dead server's lock: a pid alive again, in a process started at another time.
    writeFileSync(join(dir, LOCK_FILE), `${reused} 1`);
    await takeLock(dir, taker);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toMatch(new RegExp(`^${taker} [0-9]+$`));
    // The process it names, at its own start time: the lock is held.
    await expect(takeLock(dir, reused)).rejects.toThrow(new RegExp(`in use by process ${taker}`));
  });

  it("names the takeover file to remove when a taker died while it took over a stale lock", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), String(deadPid));
    writeFileSync(join(dir, TAKEOVER_FILE), String(deadPid));
    const taking = takeLock(dir, livePids[0]!);
    await expect(taking).rejects.toBeInstanceOf(LiveLockTakeoverError);
    await expect(taking).rejects.toThrow(`remove ${join(dir, TAKEOVER_FILE)}`);
  });
});
