import { closeSync, constants, existsSync, fstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type BigIntStats } from "node:fs";
import { constants as bufferConstants } from "node:buffer";
import { isAbsolute, relative, sep } from "node:path";

/**
 * A file a user or a posted scenario names, opened once and then only read through that handle.
 *
 * Checking a path (its kind, its size, where its links lead) and then opening the path again leaves
 * a window in which another file, a link, a pipe or a device can be put in its place: the checks
 * would then be of one file and the read of another (a pipe that never ends, /dev/zero, a link out
 * of the allowed folders). Here the checks are made on the open handle, so they are of exactly
 * what is read:
 * - the open does not block (a pipe put in place is refused, not waited on);
 * - the handle's file must be a regular file, of at most `maxBytes` when opened;
 * - `allowedRoots`: the opened file's real place (Linux: /proc/self/fd) must lie inside them;
 * - reads stop after `maxBytes`, however much the file grows meanwhile.
 */
export class RegularFile {
  readonly fd: number;
  /** The handle's state when opened: size and identity. */
  readonly opened: BigIntStats;

  private constructor(fd: number, opened: BigIntStats) {
    this.fd = fd;
    this.opened = opened;
  }

  /** Opens and checks `path`; throws RegularFileError with a reason that never quotes the file. */
  static open(path: string, options: RegularFileOptions): RegularFile {
    const roots = options.allowedRoots;
    // Where the name leads is checked before the open as well: a device outside (some act when
    // opened) is not even opened.
    if (roots) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        throw missing();
      }
      if (!insideAny(roots, real)) throw notAllowed();
    }
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw code === "ENOENT" || code === "ENOTDIR" ? missing() : new RegularFileError("unopenable", `cannot be opened (${code ?? "error"})`);
    }
    try {
      const opened = fstatSync(fd, { bigint: true });
      if (!opened.isFile()) throw new RegularFileError("not-regular", "not a regular file");
      if (Number(opened.size) > options.maxBytes) throw tooLarge(options.maxBytes);
      // And on the handle: a link put in the name's place after that check is caught here.
      if (roots && !insideAny(roots, openedPath(fd, path, opened))) throw notAllowed();
      return new RegularFile(fd, opened);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Size in bytes when opened. */
  get sizeBytes(): number {
    return Number(this.opened.size);
  }

  /**
   * A path other readers (DuckDB) can open to read this very file, wherever its name points now:
   * /proc/self/fd/N on Linux. Undefined where the system has none; such readers must then use the
   * name and check changedSince afterwards.
   */
  get procPath(): string | undefined {
    const path = `/proc/self/fd/${this.fd}`;
    return existsSync(path) ? path : undefined;
  }

  /** Reads the whole file from its start; RegularFileError once it holds more than `maxBytes` (it may have grown since it was opened). */
  readAll(maxBytes: number): Buffer {
    let buffer = Buffer.alloc(Math.min(maxBytes, this.sizeBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(this.fd, buffer, length, buffer.length - length, length);
      if (n === 0) return buffer.subarray(0, length);
      length += n;
      if (length > maxBytes) throw tooLarge(maxBytes);
      if (length === buffer.length) {
        const grown = Buffer.alloc(Math.min(maxBytes + 1, 2 * buffer.length));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
    }
  }

  /** Whether the open file was written to since it was opened (size, modification or change time). */
  changedSinceOpened(): boolean {
    const now = fstatSync(this.fd, { bigint: true });
    return now.size !== this.opened.size || now.mtimeNs !== this.opened.mtimeNs || now.ctimeNs !== this.opened.ctimeNs;
  }

  /** Whether `path` no longer names the opened file (another file, a link or nothing put in its place). */
  pathMovedAway(path: string): boolean {
    try {
      const now = statSync(path, { bigint: true });
      return now.dev !== this.opened.dev || now.ino !== this.opened.ino;
    } catch {
      return true;
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

export interface RegularFileOptions {
  maxBytes: number;
  /** Folders the file must lie in (canonical paths), after links; undefined: anywhere. */
  allowedRoots?: readonly string[] | undefined;
}

/** What is wrong with a named file, for callers that word it their own way. */
export type RegularFileProblem = "missing" | "unopenable" | "not-regular" | "too-large" | "not-allowed" | "changed";

/** The reason given for a file outside the allowed folders (FileAccess says the same before touching the file system). */
export const NOT_ALLOWED_REASON = "not allowed: a scenario sent to the server may only name files inside the scenarios folder or the data folder";

/** Why a named file cannot be read; the reason never holds the file's contents. */
export class RegularFileError extends Error {
  constructor(
    readonly problem: RegularFileProblem,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "RegularFileError";
  }
}

const missing = () => new RegularFileError("missing", "no such file");
const notAllowed = () => new RegularFileError("not-allowed", NOT_ALLOWED_REASON);
const tooLarge = (maxBytes: number) => new RegularFileError("too-large", `larger than ${describeBytes(maxBytes)}`);

/**
 * Where the opened file really lies. Linux names it in /proc/self/fd; elsewhere the name's real
 * path counts only if it still leads to the opened file.
 */
function openedPath(fd: number, path: string, opened: BigIntStats): string {
  try {
    const link = readlinkSync(`/proc/self/fd/${fd}`);
    if (isAbsolute(link)) return link;
  } catch {
    // No /proc: below.
  }
  let real: string;
  let now: BigIntStats;
  try {
    real = realpathSync(path);
    now = statSync(real, { bigint: true });
  } catch {
    throw missing();
  }
  if (now.dev !== opened.dev || now.ino !== opened.ino) throw new RegularFileError("changed", "changed while it was opened");
  return real;
}

/** Whether `path` (absolute) is `root` or lies below it; a name like "..data" inside it counts as inside. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function insideAny(roots: readonly string[], path: string): boolean {
  return roots.some((root) => isInside(root, path));
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MiB` : bytes >= 1024 ? `${Math.floor(bytes / 1024)} kB` : `${bytes} bytes`;
}

/** Reads a whole regular file through one checked handle (RegularFile.open), at most options.maxBytes. */
export function readRegularFile(path: string, options: RegularFileOptions): Buffer {
  const file = RegularFile.open(path, options);
  try {
    return file.readAll(options.maxBytes);
  } finally {
    file.close();
  }
}

/**
 * readRegularFile as UTF-8 text. No bound above the longest string JavaScript can hold (about 512
 * MiB): a larger file is refused as too large before it is read, not read in full and then failed
 * with an error of its own (UTF-8 never has fewer bytes than the text has characters).
 */
export function readRegularFileText(path: string, options: RegularFileOptions): string {
  return readRegularFile(path, { ...options, maxBytes: Math.min(options.maxBytes, bufferConstants.MAX_STRING_LENGTH) }).toString("utf8");
}
