import { closeSync, constants, existsSync, fstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type BigIntStats } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";

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
  static open(path: string, options: { maxBytes: number; allowedRoots?: readonly string[] | undefined }): RegularFile {
    const notAllowed = () => new RegularFileError("not allowed: a scenario sent to the server may only name files inside the scenarios folder or the data folder");
    // Where the name leads is checked before the open as well: a device outside (some act when
    // opened) is not even opened.
    if (options.allowedRoots) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        throw new RegularFileError("no such file");
      }
      if (!options.allowedRoots.some((root) => inside(root, real))) throw notAllowed();
    }
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new RegularFileError(code === "ENOENT" || code === "ENOTDIR" ? "no such file" : `cannot be opened (${code ?? "error"})`);
    }
    try {
      const opened = fstatSync(fd, { bigint: true });
      if (!opened.isFile()) throw new RegularFileError("not a regular file");
      if (Number(opened.size) > options.maxBytes) throw new RegularFileError(`larger than ${describeBytes(options.maxBytes)}`);
      // And on the handle: a link put in the name's place after that check is caught here.
      if (options.allowedRoots && !options.allowedRoots.some((root) => inside(root, openedPath(fd, path, opened)))) throw notAllowed();
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
      if (length > maxBytes) throw new RegularFileError(`larger than ${describeBytes(maxBytes)}`);
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

/** Why a named file cannot be read; the reason never holds the file's contents. */
export class RegularFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "RegularFileError";
  }
}

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
  try {
    real = realpathSync(path);
  } catch {
    throw new RegularFileError("no such file");
  }
  const now = statSync(real, { bigint: true });
  if (now.dev !== opened.dev || now.ino !== opened.ino) throw new RegularFileError("changed while it was opened");
  return real;
}

function inside(root: string, path: string): boolean {
  const rel = relative(resolve(root), path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : bytes >= 1024 ? `${bytes / 1024} kB` : `${bytes} bytes`;
}

/** Reads a whole regular file as UTF-8 text through one checked handle (RegularFile.open). */
export function readRegularFileText(path: string, options: { maxBytes: number; allowedRoots?: readonly string[] | undefined }): string {
  const file = RegularFile.open(path, options);
  try {
    return file.readAll(options.maxBytes).toString("utf8");
  } finally {
    file.close();
  }
}
