import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/model";
import { fixtureWarehouse } from "@akutt/indicators/testing";
import { akutt, type AkuttOutcome } from "../testing/akutt-process.js";
import { expectUserError as expectRefusal } from "../testing/user-error.js";

const REPO_ROOT = findRepoRoot();
const DEMO = resolve(REPO_ROOT, "scenarios/demo/demo.yaml");

const dir = mkdtempSync(join(tmpdir(), "akutt-calibrate-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A user mistake: exit code 2, one line on standard error, nothing on standard output, no overlay written. */
function expectUserError(result: AkuttOutcome, message: RegExp): void {
  expectRefusal(result, message, join(dir, "out.yaml"));
}

describe("akutt calibrate: bad input", () => {
  let empty: string;
  let elsewhere: string;
  beforeAll(async () => {
    empty = join(dir, "empty.duckdb");
    const a = await fixtureWarehouse([], undefined, empty);
    a.connection.closeSync();
    a.instance.closeSync();
    // Missions, but none in the demo's zones.
    elsewhere = join(dir, "elsewhere.duckdb");
    const b = await fixtureWarehouse([{ incident: "1", kommune: "0301", zone: "oslo-1", ringMin: 0, unit: "u1" }], undefined, elsewhere);
    b.connection.closeSync();
    b.instance.closeSync();
  });

  const out = () => join(dir, "out.yaml");

  it("refuses a missing or unknown scenario", () => {
    expectUserError(akutt("calibrate", "--warehouse", empty, "--out", out()), /^akutt: --scenario is required/);
    expectUserError(akutt("calibrate", "--warehouse", empty, "--scenario", join(dir, "nowhere.yaml"), "--out", out()), /^akutt: no scenario at .*nowhere\.yaml/);
  });

  it("refuses a missing, empty or unrelated warehouse", () => {
    expectUserError(akutt("calibrate", "--warehouse", join(dir, "nowhere.duckdb"), "--scenario", DEMO, "--out", out()), /no warehouse at .*nowhere\.duckdb: import an extract first/);
    expectUserError(akutt("calibrate", "--warehouse", empty, "--scenario", DEMO, "--out", out()), /the warehouse .*empty\.duckdb is empty/);
    expectUserError(akutt("calibrate", "--warehouse", elsewhere, "--scenario", DEMO, "--out", out()), /holds no dispatch incidents in the scenario's zones/);
    expectUserError(akutt("calibrate", "--warehouse", elsewhere, "--scenario", DEMO, "--out", out(), "--from", "2025-01-01", "--to", "2025-02-01"), /no dispatch incidents in the scenario's zones from 2025-01-01 to 2025-02-01/);
  });

  it("refuses bad dates and a bad language", () => {
    expectUserError(akutt("calibrate", "--warehouse", empty, "--scenario", DEMO, "--from", "2025-13-01"), /^akutt: --from is not a calendar date: "2025-13-01"/);
    expectUserError(akutt("calibrate", "--warehouse", empty, "--scenario", DEMO, "--to", "1/2/2025"), /^akutt: --to must be a date YYYY-MM-DD/);
    expectUserError(akutt("calibrate", "--warehouse", empty, "--scenario", DEMO, "--from", "2025-03-01", "--to", "2025-02-01"), /^akutt: --to 2025-02-01 is before --from 2025-03-01/);
    expectUserError(akutt("calibrate", "--warehouse", empty, "--scenario", DEMO, "--lang", "sv"), /^akutt: --lang must be nb or en/);
  });

  it("refuses to overwrite the scenario it calibrates", () => {
    expectUserError(akutt("calibrate", "--warehouse", empty, "--scenario", DEMO, "--out", DEMO), /would overwrite .*demo\.yaml, a file the scenario is read from/);
  });
});
