import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DATA_DIR_ENV, findRepoRoot } from "@akutt/model";
import { DataMissingError } from "../errors/geo-errors.js";

// The data folder and the repository root are found by the model (it reads `data:` paths); geo uses the same rules.
export { DATA_DIR_ENV, findRepoRoot, resolveDataDir } from "@akutt/model";

export const CACHE_DIR_ENV = "AKUTT_CACHE_DIR";

/** Cache of road networks and travel-time matrices: $AKUTT_CACHE_DIR, else .akutt-cache in the repository. */
export function resolveCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[CACHE_DIR_ENV];
  return given && given.length > 0 ? resolve(given) : resolve(findRepoRoot(), ".akutt-cache");
}

/** Absolute path of a dataset; throws DataMissingError naming the file when it is not there. */
export function requireDataset(dataDir: string, relativePath: string, neededFor: string): string {
  const path = join(dataDir, relativePath);
  if (!existsSync(path)) {
    throw new DataMissingError(`missing dataset ${path} (needed for ${neededFor}); set --data-dir or ${DATA_DIR_ENV} to the shared data folder`, path);
  }
  return path;
}
