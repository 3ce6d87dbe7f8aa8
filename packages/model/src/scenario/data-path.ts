import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Paths a scenario writes as `data:<path>` are read from the shared data folder (../shared/data
 * beside the repository, or AKUTT_DATA_DIR, or the reader's dataDir), not from the scenario's own
 * folder: real data is read in place and never copied into the repository.
 */
export const DATA_PREFIX = "data:";

export const DATA_DIR_ENV = "AKUTT_DATA_DIR";

export function isDataPath(written: string): boolean {
  return written.startsWith(DATA_PREFIX);
}

/** The data folder: `given` if set (relative to the current folder), else $AKUTT_DATA_DIR, else ../shared/data beside the repository. */
export function resolveDataFolder(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = given ?? env[DATA_DIR_ENV];
  if (chosen && chosen.length > 0) return isAbsolute(chosen) ? chosen : resolve(process.cwd(), chosen);
  return resolve(repositoryRoot(), "..", "shared", "data");
}

/**
 * The absolute path of `data:<path>` in `dataDir`, or an error message when the path is empty,
 * absolute or climbs out of the data folder.
 */
export function resolveDataPath(written: string, dataDir: string): { ok: true; path: string } | { ok: false; message: string } {
  const rest = written.slice(DATA_PREFIX.length);
  const normalised = normalize(rest);
  if (rest.length === 0 || isAbsolute(rest) || normalised === ".." || normalised.startsWith(`..${sep}`) || normalised.startsWith("../")) {
    return { ok: false, message: `"${written}": a data: path names a file inside the data folder, relative to it (e.g. data:benchmarks/utrecht/nodes_Utrecht_2021.csv)` };
  }
  return { ok: true, path: join(dataDir, normalised) };
}

/** The nearest folder above this module whose package.json declares workspaces (the repository). */
function repositoryRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { workspaces?: unknown }).workspaces) return dir;
      } catch {
        // not readable; keep walking up
      }
    }
    if (dirname(dir) === dir) return start;
  }
}
