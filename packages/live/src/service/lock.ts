import { randomBytes } from "node:crypto";
import { link, open, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const LOCK_FILE = "live.lock";
/** Held, briefly, by the one taker that removes a lock whose process is gone. */
export const TAKEOVER_FILE = "live.lock.takeover";
/** Pause between tries while another taker removes a stale lock (it holds the takeover file for a few file operations). */
const TAKEOVER_WAIT_MS = 5;
const TAKEOVER_TRIES = 400;

/** The live folder is in use by another running server. */
export class LiveDirBusyError extends Error {
  readonly isUserError = true;
  constructor(dir: string, pid: number) {
    super(`the live folder ${dir} is in use by process ${pid}; stop it or choose another --live-dir (if no such server runs, remove ${join(dir, LOCK_FILE)})`);
    this.name = "LiveDirBusyError";
  }
}

/** A taker of the lock died while it removed a stale lock: which lock is stale is no longer certain. */
export class LiveLockTakeoverError extends Error {
  readonly isUserError = true;
  constructor(path: string, pid: number | undefined) {
    super(`a server (process ${pid ?? "unknown"}) stopped while it took over the stale lock of this live folder; make sure no server uses it, then remove ${path}`);
    this.name = "LiveLockTakeoverError";
  }
}

/**
 * One server per live folder: the lock file holds its owner's pid and (on Linux) the process's
 * start time, so a pid reused by another process does not keep the folder locked. Atomic: the file
 * is written in full under a name of its own and then linked to LOCK_FILE, which fails if it exists
 * (no taker can see a lock without its pid). A lock whose process is gone (kill -9) is removed only by the holder
 * of the takeover file (taken the same way) after it read the lock again: two takers that both saw
 * the stale pid cannot each remove the other's new lock, so at most one wins.
 * `pid`: the owner (tests pass the pids of other live processes to act as other servers).
 */
export async function takeLock(dir: string, pid: number = process.pid): Promise<void> {
  const path = join(dir, LOCK_FILE);
  const takeoverPath = join(dir, TAKEOVER_FILE);
  const mine = join(dir, `${LOCK_FILE}.${pid}.${randomBytes(6).toString("hex")}`);
  const started = await startOf(pid);
  const handle = await open(mine, "wx", 0o600);
  try {
    await handle.writeFile(started === undefined ? String(pid) : `${pid} ${started}`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    for (let tries = 0; tries < TAKEOVER_TRIES; tries++) {
      if (await linked(mine, path)) return;
      const holder = await lockOwner(path);
      if (holder === "gone") continue;
      if (holder !== undefined && (await ownerRuns(holder))) throw new LiveDirBusyError(dir, holder.pid);
      // Stale (its process is gone, or no pid: a lock of an older version cut short).
      if (!(await linked(mine, takeoverPath))) {
        const taker = await lockOwner(takeoverPath);
        if (taker !== "gone" && !(taker !== undefined && (await ownerRuns(taker)))) throw new LiveLockTakeoverError(takeoverPath, taker?.pid);
        await sleep(TAKEOVER_WAIT_MS);
        continue;
      }
      try {
        const again = await lockOwner(path);
        if (again !== "gone" && again !== undefined && (await ownerRuns(again))) throw new LiveDirBusyError(dir, again.pid);
        if (again !== "gone") await unlink(path);
        if (await linked(mine, path)) return;
      } finally {
        await unlink(takeoverPath);
      }
    }
    throw new Error(`cannot take the lock ${path}: other takers kept taking it over`);
  } finally {
    await unlink(mine);
  }
}

/** Removes the lock if it is this process's (`pid`). */
export async function releaseLock(dir: string, pid: number = process.pid): Promise<void> {
  const path = join(dir, LOCK_FILE);
  const owner = await lockOwner(path);
  if (owner !== "gone" && owner?.pid === pid) await unlink(path);
}

/** Links `from` to `to`; false if `to` exists. */
async function linked(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Who wrote a lock file: its pid and, where known, that process's start time. */
interface LockOwner {
  pid: number;
  started: string | undefined;
}

/** The owner in a lock file ("pid" or "pid start"); undefined if it holds none; "gone" if there is no such file. */
async function lockOwner(path: string): Promise<LockOwner | undefined | "gone"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  const match = /^([0-9]+)(?: ([0-9]+))?$/.exec(text.trim());
  const pid = Number(match?.[1]);
  return match && Number.isSafeInteger(pid) && pid > 0 ? { pid, started: match[2] } : undefined;
}

/**
 * When a process started (clock ticks after boot, field 22 of /proc/PID/stat): with the pid it
 * names one process, where a pid alone is reused (a container's restarted server gets the same pid,
 * often 1, as the one killed). Undefined where there is no /proc (not Linux) or it is hidden.
 */
async function startOf(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: fields 3 on follow the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote a lock still runs: its pid is alive and, when both are known, started when the lock says. */
async function ownerRuns(owner: LockOwner): Promise<boolean> {
  if (!processAlive(owner.pid)) return false;
  if (owner.started === undefined) return true;
  const started = await startOf(owner.pid);
  return started === undefined || started === owner.started;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
