/**
 * The round trip: simulate the demo for a week → export its incidents as an AMK extract
 * (@akutt/warehouse's exporter) → import the extract → the indicators equal the simulator's own
 * KPIs (@akutt/analysis computeReplicationKpis), for the figures defined alike on both sides:
 *
 * - red and yellow response per kommune: the simulator's area rows (one area per kommune in the
 *   demo). Both take incidents that rang after warm-up, emergencies only, from the call ringing to
 *   the first ambulance at the scene, urgency never changed (the engine does not change it),
 *   reached incidents only, type-7 median, target by the area's class, boundary within. The demo
 *   has no multi-unit incidents, so the first ambulance is the transporting one on both sides;
 *   its first responder (legebil) is not an ambulance on either side.
 * - 113 answer per AMK: share answered within 10 s and the median in whole seconds rounded down
 *   with unanswered calls last — the engine's histogram median, by definition. The demo has no
 *   AMK calls that send no unit, so the engine's calls are the extract's incidents.
 *
 * Counts and shares are compared exactly. Medians are compared exactly for the answer time
 * (whole seconds) and to the extract's resolution for response times: the extract carries
 * instants in microseconds (ISO text), the engine seconds as doubles, so a median may differ by
 * the rounding of its two time stamps, at most 1 µs; the figure the report prints is identical.
 * Not comparable by definition: AMK reaction time (the report has none), missions per 1,000
 * (the report has none) and utilisation (the report divides by on-duty time, the warehouse has
 * no rosters).
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { afterAll, describe, expect, it } from "vitest";
import { simulateReplication } from "@akutt/engine";
import { createCalendar } from "@akutt/model";
import { AMK_ANSWER_SLOTS, computeReplicationKpis, formatMinutes, formatShare, URGENCY_COUNT } from "@akutt/analysis";
import { DEFAULT_MAPPING, extractCsvChunks, extractRows, importExtract, openWarehouse } from "@akutt/warehouse";
import { prepareTest, weekDemo } from "../../engine/src/testing/fixtures.js";
import { areaReferenceFromScenario } from "./areas.js";
import { computeIndicator } from "./queries.js";

/** One replication's figure as the report holds it (no interval from a single replication). */
const single = (mean: number | null) => ({ mean, ciLow: null, ciHigh: null, n: 1 });

const dir = mkdtempSync(join(tmpdir(), "akutt-round-trip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("round trip: simulator → extract → import → indicators", () => {
  it("gives the simulator's own response and answer figures", async () => {
    const scenario = weekDemo();
    const inputs = prepareTest(scenario);
    const index = inputs.compiled.index;
    const calendar = createCalendar(scenario.metadata.start);
    const result = simulateReplication(inputs, 11, 0);
    const kpis = computeReplicationKpis(result, index, calendar);

    const extract = join(dir, "extract.csv");
    const out = createWriteStream(extract);
    for (const chunk of extractCsvChunks(extractRows({ result, index, zoneCentroids: new Map(scenario.zones.map((zone) => [zone.id, { lat: zone.lat, lon: zone.lon }])), startIso: calendar.startIso, timeZone: scenario.metadata.timeZone ?? "Europe/Oslo" }))) out.write(chunk);
    out.end();
    await finished(out);

    const warehouse = await openWarehouse(join(dir, "warehouse.duckdb"));
    try {
      const report = await importExtract(warehouse, extract, {
        mapping: DEFAULT_MAPPING,
        kommuner: new Map([["3301", "Drammen"], ["3312", "Lier"]]),
        scenario: { zones: scenario.zones, unitIds: new Set(index.vehicleIds) },
      });
      expect(report.rowsQuarantined).toBe(0);
      const areas = areaReferenceFromScenario({ ...scenario, name: "demo" });

      for (const [urgency, indicator] of [[0, "red-response"], [1, "yellow-response"]] as const) {
        const table = await computeIndicator(warehouse.connection, { indicator, by: "year", group: "kommune", areas });
        expect(table.rows.map((row) => row.period)).toEqual(["2025", "2025"]);
        for (const row of table.rows) {
          const area = index.areaCodes.indexOf(row.key);
          const simulated = kpis.byArea[area * URGENCY_COUNT + urgency]!;
          expect(simulated.reached).toBeGreaterThan(10);
          expect(row.events, `${indicator} ${row.key} count`).toBe(simulated.reached);
          expect(row.values.shareWithinTarget, `${indicator} ${row.key} share`).toBe(simulated.shareWithinTarget);
          const medianSec = row.values.medianMin! * 60;
          expect(Math.abs(medianSec - simulated.responseMedianSec!), `${indicator} ${row.key} median`).toBeLessThanOrEqual(1e-6);
          expect(formatMinutes(single(medianSec))).toBe(formatMinutes(single(simulated.responseMedianSec)));
          expect(formatShare(single(row.values.shareWithinTarget!))).toBe(formatShare(single(simulated.shareWithinTarget)));
        }
      }

      const answer = await computeIndicator(warehouse.connection, { indicator: "amk-answer", by: "year", group: "amk", areas });
      expect(answer.rows).toHaveLength(index.amkIds.length);
      for (const row of answer.rows) {
        const simulated = kpis.amkAnswer[index.amkIds.indexOf(row.key) * AMK_ANSWER_SLOTS.length]!;
        expect(row.events).toBe(simulated.calls);
        expect(row.values.shareWithin10s).toBe(simulated.shareAnsweredWithin10s);
        expect(row.values.medianSec).toBe(simulated.medianAnswerSec);
      }
    } finally {
      warehouse.close();
    }
  });
});
