import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../../..");
const dir = mkdtempSync(join(tmpdir(), "akutt-geo-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function akutt(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "apps/cli/src/main.ts"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, AKUTT_CACHE_DIR: join(dir, "cache") } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("geography commands", () => {
  it("data status lists every dataset as ok", () => {
    const { code, stdout } = akutt("data", "status", "--json");
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as { counts: { ok: number; missing: number } };
    expect(status.counts.missing).toBe(0);
    expect(status.counts.ok).toBeGreaterThan(20);
  });

  it("zones build writes a zones file; an unknown code exits 2 naming it and writes nothing", () => {
    const out = join(dir, "zones.yaml");
    const ok = akutt("zones", "build", "--areas", "030106", "--h3", "9", "--out", out);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/030106 Ullern .* persons \(2026\)\s+SSB 100 m/);
    expect(existsSync(out)).toBe(true);
    const bad = join(dir, "bad.yaml");
    const failed = akutt("zones", "build", "--areas", "030106,0399", "--out", bad);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/unknown area code '0399'/);
    expect(failed.stderr).not.toMatch(/at .*\.ts:/);
    expect(existsSync(bad)).toBe(false);
  });

  it("network build refuses a corrupt PBF with exit 2 and leaves no file", () => {
    const pbf = join(dir, "broken.osm.pbf");
    writeFileSync(pbf, Buffer.from([0, 0, 0, 13, 10, 9, 79, 83, 77, 72, 101, 97, 100, 101, 114, 24, 200, 1]));
    const out = join(dir, "broken.akn");
    const result = akutt("network", "build", pbf, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.osm\.pbf: (truncated|corrupt) OSM PBF/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toHaveLength(0);
  });

  it("network build n1000 clipped to Asker writes a smaller network; info reads it back", () => {
    const out = join(dir, "asker.akn");
    const built = akutt("network", "build", "n1000", "--clip", "3203", "--out", out, "--json");
    expect(built.code).toBe(0);
    const summary = JSON.parse(built.stdout) as { links: number; build: { skippedLinks: Record<string, number> } };
    expect(summary.links).toBeGreaterThan(20);
    expect(summary.links).toBeLessThan(400);
    expect(summary.build.skippedLinks["outside the clip area"]).toBeGreaterThan(5000);
    const info = akutt("network", "info", out);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/N1000 main-road network/);
    const empty = akutt("network", "build", "n1000", "--clip", "5001", "--out", join(dir, "empty.akn"));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/clipping to areas 5001 leaves no roads/);
  });
});
