import { mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matrixCachePath, pruneMatrixCache, readMatrixCache, writeMatrixCache } from "./matrix-cache.js";

describe("the matrix cache", () => {
  it("reads back what it wrote, and marks a read file as recently used", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-cache-"));
    const key = "ab".repeat(32);
    const path = matrixCachePath(dir, key);
    writeMatrixCache(path, key, 2, [new Float32Array([0, 1, 2, 0])]);
    const old = new Date(Date.now() - 86_400_000);
    utimesSync(path, old, old);
    expect(readMatrixCache(path, key, 2, 1)?.[0]).toEqual(new Float32Array([0, 1, 2, 0]));
    expect(readdirSync(dir)).toHaveLength(1);
    expect(Date.now() - statSync(path).mtimeMs).toBeLessThan(60_000);
  });

  it("is pruned to a size limit, least recently used first, leaving other files and fresh partial writes alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-cache-"));
    const hour = 3_600_000;
    const files = [
      { name: "matrix-aaaa.bin", ageMs: 5 * hour },
      { name: "matrix-bbbb.bin", ageMs: 3 * hour },
      { name: "matrix-cccc.bin", ageMs: 1 * hour },
      { name: "matrix-dddd.bin.123.456.tmp", ageMs: 2 * hour }, // left by a killed write
      { name: "matrix-eeee.bin.123.789.tmp", ageMs: 0 }, // being written now
      { name: "notes.txt", ageMs: 9 * hour },
    ];
    for (const file of files) {
      const path = join(dir, file.name);
      writeFileSync(path, Buffer.alloc(1000));
      const at = new Date(Date.now() - file.ageMs);
      utimesSync(path, at, at);
    }
    const pruned = pruneMatrixCache(dir, 2500);
    expect(readdirSync(dir).sort()).toEqual(["matrix-bbbb.bin", "matrix-cccc.bin", "matrix-eeee.bin.123.789.tmp", "notes.txt"]);
    expect(pruned).toEqual({ removedFiles: 2, removedBytes: 2000, keptBytes: 2000 });
    expect(pruneMatrixCache(join(dir, "missing"), 1)).toEqual({ removedFiles: 0, removedBytes: 0, keptBytes: 0 });
  });
});
