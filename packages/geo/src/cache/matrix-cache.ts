import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";

/**
 * On-disk cache of travel-time matrices: one file per key, named by the key. Layout (little endian):
 * 8 bytes magic "AKUTTMX1", u32 size n, u32 profile count p, 32 bytes sha256 key, then p × n × n float32
 * seconds, row-major (row = from). A file whose header does not match is ignored and rebuilt.
 */
const MAGIC = "AKUTTMX1";
const HEADER_BYTES = 8 + 4 + 4 + 32;

/** A stable key from any JSON-able description (network identity, points, parameters). */
export function cacheKey(parts: unknown): string {
  return createHash("sha256").update(stableJson(parts)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function matrixCachePath(cacheDir: string, key: string): string {
  return join(cacheDir, `matrix-${key.slice(0, 24)}.bin`);
}

export function readMatrixCache(path: string, key: string, size: number, profiles: number): Float32Array[] | null {
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  if (bytes.length !== HEADER_BYTES + profiles * size * size * 4) return null;
  if (bytes.toString("latin1", 0, 8) !== MAGIC) return null;
  if (bytes.readUInt32LE(8) !== size || bytes.readUInt32LE(12) !== profiles) return null;
  if (bytes.toString("hex", 16, 48) !== key) return null;
  touch(path);
  const copy = new Uint8Array(bytes.length - HEADER_BYTES);
  copy.set(bytes.subarray(HEADER_BYTES));
  const all = new Float32Array(copy.buffer);
  return Array.from({ length: profiles }, (_, p) => all.subarray(p * size * size, (p + 1) * size * size));
}

export function writeMatrixCache(path: string, key: string, size: number, matrices: readonly Float32Array[]): void {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(size, 8);
  header.writeUInt32LE(matrices.length, 12);
  header.write(key, 16, "hex");
  writeFileAtomic(path, [header, ...matrices.map((m) => new Uint8Array(m.buffer, m.byteOffset, m.byteLength))]);
}

/** Marks a cache file as just used, so pruning removes the least recently used first. */
function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // read-only cache folder: pruning then goes by write time
  }
}

/**
 * Keeps the matrix cache in `cacheDir` under `maxBytes` by deleting the least recently used
 * matrices (and leftovers of interrupted writes); returns what it removed.
 */
export function pruneMatrixCache(cacheDir: string, maxBytes: number): { removedFiles: number; removedBytes: number; keptBytes: number } {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return { removedFiles: 0, removedBytes: 0, keptBytes: 0 };
  }
  const files = names
    .filter((name) => /^matrix-[0-9a-f]+\.bin(\..*\.tmp)?$/.test(name))
    .flatMap((name) => {
      try {
        const stats = statSync(join(cacheDir, name));
        return [{ path: join(cacheDir, name), bytes: stats.size, usedMs: stats.mtimeMs, partial: name.endsWith(".tmp") }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.usedMs - a.usedMs);
  let keptBytes = 0;
  let removedFiles = 0;
  let removedBytes = 0;
  for (const file of files) {
    const stale = file.partial && Date.now() - file.usedMs > 60 * 60 * 1000;
    if (!stale && !file.partial && keptBytes + file.bytes <= maxBytes) {
      keptBytes += file.bytes;
      continue;
    }
    if (file.partial && !stale) continue;
    rmSync(file.path, { force: true });
    removedFiles++;
    removedBytes += file.bytes;
  }
  return { removedFiles, removedBytes, keptBytes };
}
