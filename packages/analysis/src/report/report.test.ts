import { describe, expect, it } from "vitest";
import { computeReplicationKpis } from "../kpi/replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex, type IncidentRow } from "../testing/fixtures.js";
import { buildReport, reportToJson, type ReportInput } from "./report.js";
import { renderMarkdown, renderTerminal } from "./render.js";
import { formatMinutes, formatShare } from "./sections.js";
import { incidentCsv, incidentCsvChunks, INCIDENT_CSV_COLUMNS } from "./csv.js";

const index = scenarioIndex();
const calendar = fakeCalendar();
const input: ReportInput = {
  scenarioName: "Test | scenario",
  seed: 42,
  index,
  travelModel: { name: "straight-line", limitations: ["Straight-line distance × detour factor; no road network."] },
  startIso: calendar.startIso,
  timeZone: "Europe/Oslo",
};

/** Replication r: red responses of (8 + r) min in the urban area, one rural yellow. */
function replication(r: number) {
  const rows: IncidentRow[] = [
    { ringSec: 100, responseSec: (8 + r) * 60 },
    { ringSec: 200, responseSec: (8 + r) * 60 },
    { ringSec: 300, area: 1, urgency: 1, responseSec: 1800 },
  ];
  return computeReplicationKpis(replicationResult(rows, { replication: r, seed: 1000 + r }), index, calendar);
}

describe("buildReport", () => {
  it("one replication: means without intervals", () => {
    const report = buildReport(input, [replication(0)]);
    const red = report.responseTimes.overall[0]!;
    expect(red.urgency).toBe("red");
    expect(red.figures.responseMeanSec).toEqual({ mean: 480, ciLow: null, ciHigh: null, n: 1 });
    expect(report.run).toMatchObject({ seed: 42, replications: 1, replicationSeeds: [1000] });
  });

  it("three replications: Student-t interval across replications", () => {
    const report = buildReport(input, [replication(0), replication(1), replication(2)]);
    const red = report.responseTimes.overall[0]!.figures.responseMeanSec;
    // Values 480, 540, 600 s: mean 540, s = 60, t_{0.975,2} = 4.302652729749462 → half-width 149.0482…
    const half = (4.302652729749462 * 60) / Math.sqrt(3);
    expect(red.mean).toBe(540);
    expect(red.ciLow).toBeCloseTo(540 - half, 5);
    expect(red.ciHigh).toBeCloseTo(540 + half, 5);
    expect(red.n).toBe(3);
    // Yellow carries the St.meld. 43 target (40 min in the rural area: the 30-min response is within); red area rows the 12-minute target.
    const yellowRural = report.responseTimes.byArea.find((g) => g.areaCode === "3312" && g.urgency === "yellow")!;
    expect(yellowRural.targetSec).toBe(2400);
    expect(yellowRural.figures.shareWithinTarget.mean).toBe(1);
    expect(report.responseTimes.byArea.find((g) => g.areaCode === "3312" && g.urgency === "green")!.targetSec).toBeNull();
    expect(report.responseTimes.byArea.find((g) => g.areaCode === "3201" && g.urgency === "red")!.targetSec).toBe(720);
    expect(report.responseTimes.byHourOfDay).toHaveLength(72);
    expect(report.responseTimes.byArea).toHaveLength(6);
  });

  it("is deterministic to the byte and has a stable key order", () => {
    const a = reportToJson(buildReport(input, [replication(0), replication(1)]));
    const b = reportToJson(buildReport(input, [replication(0), replication(1)]));
    expect(a).toBe(b);
    const parsed = JSON.parse(a) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["format", "formatVersion", "scenario", "run", "travelModel", "populationSources", "definitions", "responseTimes", "vehicles", "amk"]);
    expect(a).not.toContain("NaN");
  });

  it("rejects an empty set and mismatched replications", () => {
    expect(() => buildReport(input, [])).toThrow(RangeError);
    const other = computeReplicationKpis(replicationResult([], { warmUpSec: 60 }), index, calendar);
    expect(() => buildReport(input, [replication(0), other])).toThrow(RangeError);
  });
});

describe("renderers", () => {
  const report = buildReport(input, [replication(0), replication(1), replication(2)]);

  it("formats minutes and shares with one decimal and intervals", () => {
    expect(formatMinutes({ mean: 504, ciLow: 486, ciHigh: 522, n: 5 })).toBe("8.4 min [8.1–8.7]");
    expect(formatMinutes({ mean: 504, ciLow: null, ciHigh: null, n: 1 })).toBe("8.4 min");
    expect(formatMinutes({ mean: null, ciLow: null, ciHigh: null, n: 0 })).toBe("–");
    expect(formatShare({ mean: 0.872, ciLow: 0.85, ciHigh: 0.894, n: 5 })).toBe("87.2 % [85.0–89.4]");
  });

  it("renders aligned plain-text tables", () => {
    const text = renderTerminal(report);
    expect(text).toContain("Akutt simulation report: Test | scenario");
    expect(text).toContain("Travel model: straight-line");
    expect(text).toContain("limitation: Straight-line distance");
    expect(text).toContain("9.0 min [6.5–11.5]");
    // Every row of the urgency table has the same width up to its last column.
    const lines = text.split("\n");
    const start = lines.indexOf("Response time by urgency");
    const header = lines[start + 2]!;
    const rule = lines[start + 3]!;
    expect(rule.length).toBe(header.length);
    for (const row of lines.slice(start + 4, start + 8)) expect(row.length).toBe(rule.length);
  });

  it("renders Markdown tables with escaped pipes", () => {
    const md = renderMarkdown(report);
    expect(md).toContain("# Akutt simulation report: Test \\| scenario");
    expect(md).toContain("## Response time by urgency");
    expect(md).toMatch(/\| Urgency \| Incidents \|/);
    expect(md).toContain("| ---: |");
  });
});

describe("incident CSV", () => {
  it("has one row per incident with every time point", () => {
    const result = replicationResult([
      { ringSec: 3600 * 9 + 0.5, responseSec: 600, vehicle: 1, crossBorder: true, waitForUnitSec: 30 },
      { ringSec: 100, outcome: "lost", inWarmUp: true },
    ]);
    const csv = incidentCsv(result, index, calendar);
    const lines = csv.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(INCIDENT_CSV_COLUMNS.join(","));
    const row = Object.fromEntries(INCIDENT_CSV_COLUMNS.map((c, i) => [c, lines[1]!.split(",")[i]]));
    expect(row).toMatchObject({
      zone: "z0",
      area: "3201",
      area_class: "tettbygd",
      organisation: "ous",
      urgency: "red",
      amk: "amk-oslo",
      outcome: "served",
      local_hour: "9",
      ring_sec: "32400.5",
      at_scene_sec: "33000.5",
      response_sec: "600",
      vehicle: "B1",
      destination: "baerum-sykehus",
      waited: "1",
      cross_border: "1",
      first_responder: "",
      target_sec: "720",
      within_target: "1",
    });
    const lost = Object.fromEntries(INCIDENT_CSV_COLUMNS.map((c, i) => [c, lines[2]!.split(",")[i]]));
    expect(lost).toMatchObject({ outcome: "lost", in_warm_up: "1", at_scene_sec: "", vehicle: "", response_sec: "", target_sec: "720", within_target: "" });
  });

  it("gives each emergency its urgency's target: yellow 30 min tettbygd / 40 min grisgrendt, none for green", () => {
    const result = replicationResult([
      { ringSec: 0, urgency: 1, responseSec: 1900 }, // yellow, urban: outside 30 min
      { ringSec: 0, urgency: 1, area: 1, responseSec: 1900 }, // yellow, rural: within 40 min
      { ringSec: 0, urgency: 2, responseSec: 100 },
    ]);
    const rows = incidentCsv(result, index, calendar).trimEnd().split("\n").slice(1).map((line) => Object.fromEntries(INCIDENT_CSV_COLUMNS.map((c, i) => [c, line.split(",")[i]])));
    expect(rows.map((row) => [row.urgency, row.area_class, row.target_sec, row.within_target])).toEqual([
      ["yellow", "tettbygd", "1800", "0"],
      ["yellow", "grisgrendt", "2400", "1"],
      ["green", "tettbygd", "", ""],
    ]);
  });

  it("chunks add up to the whole and the header can be left out", () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ ringSec: i * 60, responseSec: 300 }));
    const result = replicationResult(rows);
    const chunks = [...incidentCsvChunks(result, index, calendar, { rowsPerChunk: 10 })];
    expect(chunks.length).toBe(3);
    expect(chunks.join("")).toBe(incidentCsv(result, index, calendar));
    expect(incidentCsv(result, index, calendar, { header: false }).split("\n")[0]!.startsWith("0,0,z0")).toBe(true);
  });
});

describe("interval clipping", () => {
  it("clips share intervals to [0, 1]", () => {
    const reps = [0.99, 1, 0.98].map((share, r) => {
      const rows: IncidentRow[] = Array.from({ length: 100 }, (_, i) => ({ ringSec: i, responseSec: i < share * 100 ? 600 : 900 }));
      return computeReplicationKpis(replicationResult(rows, { replication: r }), index, calendar);
    });
    const within = buildReport(input, reps).responseTimes.overall[0]!.figures.shareWithinTarget;
    expect(within.mean).toBeCloseTo(0.99, 12);
    expect(within.ciHigh).toBe(1);
    expect(within.ciLow!).toBeLessThan(0.99);
  });
});
