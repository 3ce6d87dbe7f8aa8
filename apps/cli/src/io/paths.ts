import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: apps/cli/src/io → four levels up. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Cache of road networks and travel-time matrices: $AKUTT_CACHE_DIR, else .akutt-cache in the repository. */
export function resolveCacheDir(): string {
  return process.env.AKUTT_CACHE_DIR ? resolve(process.env.AKUTT_CACHE_DIR) : resolve(REPO_ROOT, ".akutt-cache");
}
