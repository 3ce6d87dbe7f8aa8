import { isAbsolute, join, normalize, sep } from "node:path";

/**
 * Paths a scenario writes as `data:<path>` are read from the shared data folder (../shared/data
 * beside the repository, or AKUTT_DATA_DIR, or the reader's dataDir), not from the scenario's own
 * folder: real data is read in place and never copied into the repository.
 */
export const DATA_PREFIX = "data:";

export function isDataPath(written: string): boolean {
  return written.startsWith(DATA_PREFIX);
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
