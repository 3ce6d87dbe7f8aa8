import { readFileSync, realpathSync } from "node:fs";
import { isInside, NOT_ALLOWED_REASON, readRegularFileText, RegularFile, RegularFileError } from "../files/regular-file.js";
import { resolve } from "node:path";
import type { YamlLimits } from "./yaml-limits.js";

/**
 * How a scenario may read the files it names. Scenarios from disk read any file; a scenario that
 * arrives over the network (the web server) may only read inside given folders — checked on the
 * path as written and again after following links — and errors in such files are summarised
 * rather than quoted, so that no error message can carry a file's contents back to the sender.
 */
export interface ScenarioReadOptions {
  /** Folders every file named in the scenario (extends, zones.file, travel.file, travel.network) must lie in, after links are resolved. Unset: any file. */
  allowedRoots?: readonly string[];
  /** Scenario files `extends` may name (absolute paths); unset: any allowed file ending in .yaml. Their own errors are reported as usual. */
  allowedBases?: readonly string[];
  /** Bounds on the text passed in directly (posted text); unset: none. */
  textLimits?: YamlLimits;
  /** Bounds on files the scenario names; unset: none. */
  fileLimits?: YamlLimits;
  /** The data folder `data:` paths are read from; unset: $AKUTT_DATA_DIR, else ../shared/data beside the repository. */
  dataDir?: string | undefined;
}

/** Largest file a restricted scenario may name. */
const MAX_REFERENCED_FILE_BYTES = 64 * 1024 * 1024;

export type FileCheck = { ok: true; path: string } | { ok: false; reason: string };

export class FileAccess {
  private readonly roots: readonly string[] | undefined;
  private readonly bases: ReadonlySet<string> | undefined;

  constructor(readonly options: ScenarioReadOptions = {}) {
    this.roots = options.allowedRoots?.map((root) => canonical(resolve(root)));
    this.bases = options.allowedBases && new Set(options.allowedBases.map((base) => canonical(resolve(base))));
  }

  get restricted(): boolean {
    return this.roots !== undefined;
  }

  /** The folders a restricted reader's files must lie in (canonical), undefined when any file may be read. */
  get allowedRoots(): readonly string[] | undefined {
    return this.roots;
  }

  /**
   * Whether `path` (absolute) may be read: inside the allowed folders as written (checked before
   * touching the file system: no probing for what exists elsewhere), then by RegularFile's own
   * checks (after links, a regular file, the size bound), the ones readText makes when it reads.
   */
  check(path: string): FileCheck {
    if (!this.roots) return { ok: true, path };
    if (!this.writtenInside(path)) return { ok: false, reason: NOT_ALLOWED_REASON };
    try {
      RegularFile.open(path, this.regularFileOptions()).close();
    } catch (error) {
      if (error instanceof RegularFileError) return { ok: false, reason: error.reason };
      throw error;
    }
    return { ok: true, path };
  }

  /** Whether `path` may be extended: a listed scenario when a list is given, else any allowed YAML file. */
  checkBase(path: string): FileCheck {
    if (!this.bases) return /\.ya?ml$/i.test(path) || !this.roots ? { ok: true, path } : { ok: false, reason: "expected a scenario file ending in .yaml or .yml" };
    const real = canonical(resolve(path));
    if (!this.bases.has(real)) return { ok: false, reason: "not allowed: extends may only name a shipped scenario or a saved variant" };
    return { ok: true, path: real };
  }

  /**
   * Reads an allowed file as text; throws the reason as an Error otherwise. A restricted reader
   * checks again on the handle it reads from (RegularFile): a link or another file put in the
   * checked file's place meanwhile is not read, nor more than the size bound.
   */
  readText(path: string): string {
    if (!this.roots) return readFileSync(path, "utf8");
    if (!this.writtenInside(path)) throw new FileAccessError(NOT_ALLOWED_REASON);
    try {
      return readRegularFileText(path, this.regularFileOptions());
    } catch (error) {
      if (error instanceof RegularFileError) throw new FileAccessError(error.reason);
      throw error;
    }
  }

  private writtenInside(path: string): boolean {
    return this.roots!.some((root) => isInside(root, resolve(path)));
  }

  private regularFileOptions() {
    return { maxBytes: MAX_REFERENCED_FILE_BYTES, allowedRoots: this.roots };
  }
}

export class FileAccessError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "FileAccessError";
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
