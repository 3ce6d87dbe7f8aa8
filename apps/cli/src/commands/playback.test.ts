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
const ASKER_BAERUM = resolve(REPO_ROOT, "scenarios/asker-baerum/base.yaml");

const dir = mkdtempSync(join(tmpdir(), "akutt-playback-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A user mistake: exit code 2, one line on standard error, nothing on standard output, no file written. */
function expectUserError(result: AkuttOutcome, message: RegExp): void {
  expectRefusal(result, message, join(dir, "out.csv"));
}

describe("akutt playback: bad input", () => {
  let empty: string;
  beforeAll(async () => {
    empty = join(dir, "empty.duckdb");
    const a = await fixtureWarehouse([], undefined, empty);
    a.connection.closeSync();
    a.instance.closeSync();
  });
  const out = () => join(dir, "out.csv");

  it("refuses a missing or unknown scenario, and an unknown alternative", () => {
    expectUserError(akutt("playback", "--warehouse", empty, "--out", out()), /^akutt: --scenario is required/);
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", join(dir, "nowhere.yaml"), "--out", out()), /^akutt: no scenario at .*nowhere\.yaml/);
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", DEMO, "--alternative", "2", "--out", out()), /^akutt: --alternative 2: no comparison at .*comparison\.yaml; give it with --comparison/);
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", ASKER_BAERUM, "--alternative", "9", "--out", out()), /^akutt: --alternative "9" is not in .*comparison\.yaml; expected one of "today", "0\+"/);
  });

  it("refuses a missing or empty warehouse", () => {
    expectUserError(akutt("playback", "--warehouse", join(dir, "nowhere.duckdb"), "--scenario", DEMO, "--out", out()), /no warehouse at .*nowhere\.duckdb: import an extract first/);
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", DEMO, "--out", out()), /the warehouse .*empty\.duckdb is empty/);
  });

  it("refuses bad dates, counts, formats and languages", () => {
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", DEMO, "--from", "2025-02-29"), /^akutt: --from is not a calendar date: "2025-02-29"/);
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", DEMO, "--from", "2025-03-01", "--to", "2025-02-01"), /^akutt: --to 2025-02-01 is before --from 2025-03-01/);
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", DEMO, "--replications", "0"), /^akutt: --replications must be a whole number from 1 to 100/);
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", DEMO, "--format", "html"), /^akutt: --format must be text or csv/);
    expectUserError(akutt("playback", "--warehouse", empty, "--scenario", DEMO, "--lang", "sv"), /^akutt: --lang must be nb or en/);
  });
});
