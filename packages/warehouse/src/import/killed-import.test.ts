import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openWarehouse } from "../warehouse.js";
import { DEFAULT_MAPPING } from "../mapping/mapping.js";
import { importExtract } from "./importer.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const extract = (from: number, count: number) =>
  `amk,incident_id,call_ringing_at,kommune_number,unit_id\n${Array.from({ length: count }, (_, i) => `amk-oslo,${from + i},2026-03-02 08:00:00,3201,u`).join("\n")}\n`;

describe("an import killed midway", () => {
  it("leaves the warehouse as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-kill-"));
    dirs.push(dir);
    const path = join(dir, "w.duckdb");
    writeFileSync(join(dir, "first.csv"), extract(0, 10));
    writeFileSync(join(dir, "second.csv"), extract(100, 5000));
    const before = await openWarehouse(path);
    await importExtract(before, join(dir, "first.csv"), { mapping: DEFAULT_MAPPING, kommuner: new Map([["3201", "Bærum"]]) });
    before.close();

    const child = spawn(process.execPath, ["--import", "tsx", join(HERE, "killed-import.fixture.ts"), path, join(dir, "second.csv")], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("committing")) resolve();
      });
      child.on("exit", () => reject(new Error(`the child ended before the commit: ${stderr}`)));
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const after = await openWarehouse(path);
    const counts = await after.query(
      `SELECT (SELECT count(*) FROM missions)::INTEGER AS missions, (SELECT count(*) FROM incidents)::INTEGER AS incidents, (SELECT count(*) FROM imports)::INTEGER AS imports, (SELECT count(*) FROM quarantine)::INTEGER AS quarantine`,
    );
    expect(counts).toEqual([{ missions: 10, incidents: 10, imports: 1, quarantine: 0 }]);
    // The same file imports in full afterwards: nothing of the killed attempt is left in the way.
    const report = await importExtract(after, join(dir, "second.csv"), { mapping: DEFAULT_MAPPING, kommuner: new Map([["3201", "Bærum"]]) });
    expect([report.alreadyImported, report.rowsStored]).toEqual([false, 5000]);
    after.close();
  });
});
