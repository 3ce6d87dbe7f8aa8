import { describe, expect, it } from "vitest";
import { simulateReplication } from "@akutt/engine";
import { createCalendar } from "@akutt/model";
import { prepareTest, weekDemo } from "../../../engine/src/testing/fixtures.js";
import { extractCsvChunks, extractRows, type ExtractRow } from "./exporter.js";
import { EXTRACT_COLUMNS } from "../schema/extract.js";

function demoExtract() {
  const scenario = weekDemo();
  const inputs = prepareTest(scenario);
  const result = simulateReplication(inputs, 7, 0);
  const calendar = createCalendar(scenario.metadata.start);
  const rows = [...extractRows({ result, index: inputs.compiled.index, zoneCentroids: new Map(scenario.zones.map((z) => [z.id, { lat: z.lat, lon: z.lon }])), startIso: calendar.startIso, timeZone: "Europe/Oslo", kommuneNames: new Map([["3301", "Drammen"]]) })];
  return { result, rows, calendar, index: inputs.compiled.index };
}

const ms = (text: string) => Date.parse(text.slice(0, 23) + text.slice(26)) + Number(text.slice(23, 26)) / 1000;

describe("extractRows", () => {
  it("writes one row per incident and unit after warm-up, with the simulator's times to a few microseconds", () => {
    const { result, rows, calendar } = demoExtract();
    const log = result.incidents;
    const startMs = Date.parse(calendar.startIso);
    let expectedIncidents = 0;
    for (let i = 0; i < log.count; i++) if (log.inWarmUp[i] === 0) expectedIncidents++;
    expect(new Set(rows.map((r) => r.incident_id)).size).toBe(expectedIncidents);
    const transporting = rows.filter((r) => r.unit_id !== "" && r.unit_alerted_at !== "" && r.unit_type === "ambulance");
    expect(transporting.length).toBeGreaterThan(100);
    for (const row of transporting.slice(0, 200)) {
      const i = Number(row.incident_id.split("-")[1]);
      if (log.vehicle[i]! < 0) continue;
      expect(ms(row.call_ringing_at) - startMs).toBeCloseTo(log.ringSec[i]! * 1000, 2);
      if (row.unit_at_scene_at !== "") expect(ms(row.unit_at_scene_at) - ms(row.call_ringing_at)).toBeCloseTo((log.atSceneSec[i]! - log.ringSec[i]!) * 1000, 2);
    }
    expect(rows.every((r) => r.synthetic === "true")).toBe(true);
    expect(rows.every((r) => /^\d{4}$/.test(r.kommune_number))).toBe(true);
    expect(rows.find((r) => r.kommune_number === "3301")?.kommune_name).toBe("Drammen");
  });

  it("leaves the unit empty only for incidents no unit was sent to", () => {
    const { result, rows } = demoExtract();
    for (const row of rows.filter((r: ExtractRow) => r.unit_id === "")) {
      const i = Number(row.incident_id.split("-")[1]);
      expect(result.incidents.vehicle[i]).toBe(-1);
      expect(result.incidents.firstResponder[i]).toBe(-1);
    }
  });

  it("writes CSV with the canonical header and one line per row", () => {
    const { rows } = demoExtract();
    const text = [...extractCsvChunks(rows, { rowsPerChunk: 100 })].join("");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(EXTRACT_COLUMNS.join(","));
    expect(lines.length).toBe(rows.length + 1);
  });
});
