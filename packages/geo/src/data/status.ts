import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DATASETS } from "./datasets.js";

export type DatasetState = "ok" | "missing" | "checksum-mismatch" | "not-in-manifest";

export interface DatasetStatus {
  path: string;
  role: string;
  state: DatasetState;
  sizeBytes: number | null;
  expectedSha256: string;
  actualSha256: string | null;
}

export interface DataStatus {
  dataDir: string;
  dataDirExists: boolean;
  /** SHA256SUMS in the data folder agrees with the checksums Akutt was built against. */
  sumsFile: "ok" | "missing" | "differs";
  datasets: DatasetStatus[];
  counts: Record<DatasetState, number>;
}

export function sha256OfFile(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Checks every known dataset in `dataDir` against the manifest's checksums. */
export function dataStatus(dataDir: string): DataStatus {
  const dataDirExists = existsSync(dataDir);
  const datasets: DatasetStatus[] = DATASETS.map((entry) => {
    const path = join(dataDir, entry.path);
    if (!existsSync(path)) return { path: entry.path, role: entry.role, state: "missing", sizeBytes: null, expectedSha256: entry.sha256, actualSha256: null };
    const actual = sha256OfFile(path);
    return {
      path: entry.path,
      role: entry.role,
      state: actual === entry.sha256 ? "ok" : "checksum-mismatch",
      sizeBytes: statSync(path).size,
      expectedSha256: entry.sha256,
      actualSha256: actual,
    };
  });
  let sumsFile: DataStatus["sumsFile"] = "missing";
  const sumsPath = join(dataDir, "SHA256SUMS");
  if (existsSync(sumsPath)) {
    const listed = parseSha256Sums(readFileSync(sumsPath, "utf8"));
    const known = new Map(DATASETS.map((d) => [d.path, d.sha256]));
    sumsFile = "ok";
    for (const [path, sum] of listed) {
      if (known.get(path) !== sum) sumsFile = "differs";
      if (!known.has(path)) {
        const full = join(dataDir, path);
        datasets.push({
          path,
          role: "listed in SHA256SUMS, unknown to Akutt",
          state: "not-in-manifest",
          sizeBytes: existsSync(full) ? statSync(full).size : null,
          expectedSha256: sum,
          actualSha256: existsSync(full) ? sha256OfFile(full) : null,
        });
      }
    }
  }
  const counts: Record<DatasetState, number> = { ok: 0, missing: 0, "checksum-mismatch": 0, "not-in-manifest": 0 };
  for (const d of datasets) counts[d.state] += 1;
  return { dataDir, dataDirExists, sumsFile, datasets, counts };
}

/** Parses `sha256sum` output: "<hex>  <path>" per line. */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
    if (match?.[1] && match[2]) sums.set(match[2], match[1]);
  }
  return sums;
}
