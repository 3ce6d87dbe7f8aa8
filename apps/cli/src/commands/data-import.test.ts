import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { akuttIn } from "../testing/akutt-process.js";

describe("akutt data import", () => {
  it("refuses bad input with exit code 2, a precise message and no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-cli-import-"));
    writeFileSync(join(dir, "extra.csv"), "amk,incident_id,call_ringing_at,kommune_number,remarks\namk-oslo,1,2026-03-02 08:00,3201,x\n");
    writeFileSync(join(dir, "bad-mapping.yaml"), "columns:\n  call_ringing_at: Tid\n  urgency_level: Hastegrad\n");
    const unknown = akuttIn(dir, "data", "import", "extra.csv", "--warehouse", "w.duckdb");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/extra\.csv: unknown column "remarks"/);
    const mapping = akuttIn(dir, "data", "import", "extra.csv", "--warehouse", "w.duckdb", "--mapping", "bad-mapping.yaml");
    expect(mapping.code).toBe(2);
    expect(mapping.stderr).toMatch(/bad-mapping\.yaml:3:\d+: columns\.urgency_level: /);
    for (const result of [unknown, mapping]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("imports, prints counts per reason, and adds nothing the second time", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-cli-import-"));
    writeFileSync(join(dir, "a.csv"), "amk,incident_id,call_ringing_at,kommune_number\namk-oslo,1,2026-03-02 08:00,3201\namk-oslo,2,2026-03-02 08:00,9999\n");
    const first = akuttIn(dir, "data", "import", "a.csv", "--warehouse", "w.duckdb");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/2 rows read, 1 stored, 1 quarantined/);
    expect(first.stdout).toMatch(/quarantined unknown_kommune +1/);
    const second = akuttIn(dir, "data", "import", "a.csv", "--warehouse", "w.duckdb");
    expect(second.stdout).toMatch(/already imported \(import 1, same sha256\); nothing added/);
  });
});
