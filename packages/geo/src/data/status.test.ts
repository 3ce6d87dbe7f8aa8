import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDataDir, findRepoRoot } from "./data-dir.js";
import { DATASETS } from "./datasets.js";
import { dataStatus, parseSha256Sums } from "./status.js";

describe("data status", () => {
  it("finds every manifest dataset in the shared data folder with its checksum", () => {
    const status = dataStatus(resolveDataDir());
    expect(status.dataDirExists).toBe(true);
    expect(status.counts.ok).toBe(DATASETS.length);
    expect(status.sumsFile).toBe("ok");
  });

  it("reports missing and changed files", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-data-"));
    try {
      mkdirSync(join(dir, "geo"));
      mkdirSync(join(dir, "population"));
      copyFileSync(join(resolveDataDir(), "geo/fylker-2024.geojson"), join(dir, "geo/fylker-2024.geojson"));
      writeFileSync(join(dir, "population/kommune-totals-2025.csv"), "code,name,population,area_km2\n");
      const status = dataStatus(dir);
      const byPath = new Map(status.datasets.map((d) => [d.path, d.state]));
      expect(byPath.get("geo/fylker-2024.geojson")).toBe("ok");
      expect(byPath.get("population/kommune-totals-2025.csv")).toBe("checksum-mismatch");
      expect(byPath.get("geo/kommuner-2024.geojson")).toBe("missing");
      expect(status.sumsFile).toBe("missing");
      expect(status.counts.missing).toBe(DATASETS.length - 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resolves the data folder from flag, then environment, then the repository", () => {
    expect(resolveDataDir("/x/y", {})).toBe("/x/y");
    expect(resolveDataDir(undefined, { AKUTT_DATA_DIR: "/a/b" })).toBe("/a/b");
    expect(resolveDataDir(undefined, {})).toBe(join(findRepoRoot(), "..", "shared", "data"));
  });

  it("parses sha256sum lines", () => {
    const sums = parseSha256Sums(`${"a".repeat(64)}  geo/x.geojson\n\n${"b".repeat(64)} *y.csv\n`);
    expect(sums.get("geo/x.geojson")).toBe("a".repeat(64));
    expect(sums.get("y.csv")).toBe("b".repeat(64));
  });
});
