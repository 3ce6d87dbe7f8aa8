import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DATA_DIR_ENV = "AKUTT_DATA_DIR";

/** The repository root: the nearest folder above `start` (default: this module) whose package.json declares workspaces. */
export function findRepoRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, "utf8")) as { workspaces?: unknown };
        if (json.workspaces) return dir;
      } catch {
        // not a readable package.json; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/**
 * The data directory: the flag if given, else $AKUTT_DATA_DIR, else ../shared/data beside the
 * repository. A relative flag or variable is taken relative to the current directory (as a user typed it);
 * the default is relative to the repository root, never the current directory.
 */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = flag ?? env[DATA_DIR_ENV];
  if (given && given.length > 0) return isAbsolute(given) ? given : resolve(process.cwd(), given);
  return resolve(findRepoRoot(), "..", "shared", "data");
}
