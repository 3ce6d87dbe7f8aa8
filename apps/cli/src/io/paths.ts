import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: apps/cli/src/io → four levels up. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Data folder: --data-dir, else AKUTT_DATA_DIR, else ../shared/data beside the repository. */
export function resolveDataDir(flag: string | undefined): string {
  if (flag) return resolve(flag);
  if (process.env.AKUTT_DATA_DIR) return resolve(process.env.AKUTT_DATA_DIR);
  return resolve(REPO_ROOT, "../shared/data");
}

export function resolveCacheDir(): string {
  return process.env.AKUTT_CACHE_DIR ? resolve(process.env.AKUTT_CACHE_DIR) : resolve(REPO_ROOT, ".akutt-cache");
}

export function dataDirExists(dataDir: string): boolean {
  return existsSync(dataDir);
}
