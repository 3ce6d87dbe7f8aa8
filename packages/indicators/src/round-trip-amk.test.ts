/**
 * The round trip for the 113 answer time with the whole AMK workload: the demo's AMK also answers
 * advice, referral and abandoned calls of the study area, background calls from the rest of its
 * area, repeat calls, and loses calls at a full queue. The run records those calls
 * (recordAmkCalls), the exporter writes them as rows without a unit, and after import the
 * amk-answer indicator equals the simulator's own AMK answer figures (calls, share within 10 s,
 * median) to the last digit.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { afterAll, describe, expect, it } from "vitest";
import { AMK_CALL_TYPES, simulateReplication } from "@akutt/engine";
import { createCalendar } from "@akutt/model";
import { AMK_ANSWER_SLOTS, computeReplicationKpis } from "@akutt/analysis";
import { DEFAULT_MAPPING, extractCsvChunks, extractRows, importExtract, openWarehouse } from "@akutt/warehouse";
import { prepareTest, weekDemo } from "../../engine/src/testing/fixtures.js";
import { areaReferenceFromScenario } from "./areas.js";
import { computeIndicator } from "./queries.js";

const AMK_LOAD = [
  "    maxQueue: 4",
  "    background: { callsPerYear: 60000 }",
  "    callTypes:",
  "      advice: { share: 0.3, talk: { kind: exponential, mean: 4, unit: min } }",
  "      referral: { share: 0.15, talk: { kind: exponential, mean: 2, unit: min } }",
  "      abandoned: { share: 0.05, talk: { kind: fixed, value: 15, unit: s } }",
  "    repeatCalls: { share: 0.2, talk: { kind: exponential, mean: 1, unit: min } }",
  "",
].join("\n");

const dir = mkdtempSync(join(tmpdir(), "akutt-round-trip-amk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("round trip with calls that send no unit: simulator → extract → import → amk-answer", () => {
  it("gives the simulator's AMK answer figures exactly, every call counted", async () => {
    const scenario = weekDemo((text) => text.replace("      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n", `      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n${AMK_LOAD}`));
    expect(scenario.amkCentres[0]!.background).toBeDefined();
    const inputs = { ...prepareTest(scenario), recordAmkCalls: true };
    const index = inputs.compiled.index;
    const calendar = createCalendar(scenario.metadata.start);
    const result = simulateReplication(inputs, 11, 0);
    const kpis = computeReplicationKpis(result, index, calendar);
    const calls = result.amkCalls!;
    // Every kind of call that sends no unit is there, and some were never answered.
    for (const type of ["advice", "referral", "abandoned", "dispatch", "repeat"]) expect([...calls.type].filter((t) => AMK_CALL_TYPES[t] === type).length, type).toBeGreaterThan(0);
    expect([...calls.answeredSec].some(Number.isNaN)).toBe(true);

    const extract = join(dir, "extract.csv");
    const out = createWriteStream(extract);
    for (const chunk of extractCsvChunks(extractRows({ result, index, zoneCentroids: new Map(scenario.zones.map((zone) => [zone.id, { lat: zone.lat, lon: zone.lon }])), startIso: calendar.startIso, timeZone: "Europe/Oslo" }))) out.write(chunk);
    out.end();
    await finished(out);

    const warehouse = await openWarehouse(join(dir, "warehouse.duckdb"));
    try {
      const report = await importExtract(warehouse, extract, { mapping: DEFAULT_MAPPING, kommuner: new Map([["3301", "Drammen"], ["3312", "Lier"]]), scenario: { zones: scenario.zones, unitIds: new Set(index.vehicleIds) } });
      expect(report.rowsQuarantined).toBe(0);
      const stored = await warehouse.query(`SELECT count(*) AS n FROM missions WHERE unit_id IS NULL AND kommune_number IS NULL`);
      expect(Number(stored[0]!.n)).toBe(calls.count);
      const areas = areaReferenceFromScenario({ ...scenario, name: "demo" });
      const answer = await computeIndicator(warehouse.connection, { indicator: "amk-answer", by: "year", group: "amk", areas });
      expect(answer.rows).toHaveLength(index.amkIds.length);
      for (const row of answer.rows) {
        const a = index.amkIds.indexOf(row.key);
        const simulated = kpis.amkAnswer[a * AMK_ANSWER_SLOTS.length]!;
        expect(simulated.calls).toBe(result.amk.calls[a]);
        expect(row.events).toBe(simulated.calls);
        expect(row.values.shareWithin10s).toBe(simulated.shareAnsweredWithin10s);
        expect(row.values.medianSec).toBe(simulated.medianAnswerSec);
      }
    } finally {
      warehouse.close();
    }
  });
});
