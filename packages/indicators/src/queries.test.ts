import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { areaReferenceFromScenario, type ScenarioAreas } from "./areas.js";
import { computeIndicator, type IndicatorQuery, type IndicatorTable } from "./queries.js";
import { fixtureWarehouse, type FixtureMission } from "./testing/schema.js";

/** Areas of a small made-up scenario: Bærum, Ullern (a bydel of Oslo) and Asker split between two trusts are tettbygd; 3399 is grisgrendt. */
const SCENARIO: ScenarioAreas = {
  name: "fixture.yaml",
  areas: [
    { code: "3201", name: "Bærum", class: "tettbygd", responsibleOrganisation: "ous" },
    { code: "030106", name: "Ullern", class: "tettbygd", responsibleOrganisation: "ous" },
    { code: "320301", name: "Asker (nord)", class: "tettbygd", responsibleOrganisation: "ous", partOf: { code: "3203", name: "Asker" } },
    { code: "320302", name: "Asker (sør)", class: "tettbygd", responsibleOrganisation: "vv", partOf: { code: "3203", name: "Asker" } },
    { code: "3399", name: "Grisgrend", class: "grisgrendt", responsibleOrganisation: "vv" },
  ],
  zones: [
    { id: "z-north", area: "320301" },
    { id: "z-south", area: "320302" },
  ],
  organisations: [
    { id: "ous", name: "Oslo universitetssykehus" },
    { id: "vv", name: "Vestre Viken" },
  ],
  amkCentres: [{ id: "amk-oslo", name: "AMK Oslo" }],
  stations: [{ id: "s1", name: "Sandvika" }],
};
const AREAS = areaReferenceFromScenario(SCENARIO);

/** A red 113 incident with one ambulance, times in minutes after 1 March 2025 00:00 UTC. */
const red = (incident: string, kommune: string, ringMin: number, responseMin: number, extra: Partial<FixtureMission> = {}): FixtureMission => ({
  incident, kommune, ringMin, alertedMin: ringMin + 1, atSceneMin: ringMin + responseMin, unit: `u-${incident}`, ...extra,
});
/** 31 March 2025 22:30 UTC: 00:30 on 1 April in Oslo. */
const APRIL_IN_OSLO = 30 * 1440 + 22.5 * 60;

const RESPONSE_MISSIONS: FixtureMission[] = [
  // Bærum: two units on B1 (the second, later one is not counted)
  red("B1", "3201", 0, 10),
  red("B1", "3201", 0, 15, { unit: "u-B1b" }),
  red("B2", "3201", 100, 12), // exactly 12 min: within
  red("B3", "3201", 200, 13),
  red("B4", "3201", 300, 5),
  red("B5", "3201", APRIL_IN_OSLO, 20),
  red("B6", "3201", 500, 1, { changed: true }), // urgency changed: left out
  // an akuttbil first at 3 min, the ambulance at 11 min: the ambulance counts
  { incident: "B7", kommune: "3201", ringMin: 600, alertedMin: 601, atSceneMin: 603, unit: "ab-1", unitType: "akuttbil" },
  red("B7", "3201", 600, 11, { unit: "amb-7" }),
  // Ullern (bydel of Oslo): two incidents
  red("U1", "0301", 700, 7, { bydel: "030106" }),
  red("U2", "0301", 800, 9, { bydel: "030106" }),
  // Asker, in the zone of the part Vestre Viken serves
  red("A1", "3203", 900, 6, { zone: "z-south" }),
  // grisgrendt: target 25 min
  red("G1", "3399", 1000, 20),
  red("G2", "3399", 1100, 24),
  red("G3", "3399", 1200, 25),
  red("G4", "3399", 1300, 26),
  red("G5", "3399", 1400, 30),
  // a kommune the scenario does not classify
  red("X1", "3005", 1500, 14),
  // yellow in Bærum; a green one and a transfer that must not count
  red("Y1", "3201", 1600, 25, { urgency: "yellow" }),
  red("Y2", "3201", 1700, 35, { urgency: "yellow" }),
  red("N1", "3201", 1800, 3, { urgency: "green" }),
  red("T1", "3201", 1900, 3, { callType: "transfer" }),
];

const created: Array<{ close(): void }> = [];
async function compute(missions: FixtureMission[], query: Omit<IndicatorQuery, "areas"> & { areas?: IndicatorQuery["areas"] }): Promise<IndicatorTable> {
  const { instance, connection } = await fixtureWarehouse(missions);
  created.push({ close: () => (connection.closeSync(), instance.closeSync()) });
  return computeIndicator(connection, { areas: AREAS, ...query });
}
const tempDirs: string[] = [];
afterAll(() => {
  created.forEach((c) => c.close());
  tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const byKey = (table: IndicatorTable) => Object.fromEntries(table.rows.map((row) => [`${row.period} ${row.key}`, row]));

describe("red response time against hand-computed values", () => {
  it("per kommune and year: first ambulance, changed urgency out, 12 min tettbygd and 25 min grisgrendt", async () => {
    const rows = byKey(await compute(RESPONSE_MISSIONS, { indicator: "red-response", by: "year", group: "kommune" }));
    // Bærum: 10, 12, 13, 5, 20, 11 → sorted 5 10 11 12 13 20, median (11 + 12) / 2; within 12: 5 10 11 12
    expect(rows["2025 3201"]).toMatchObject({ events: 6, name: "Bærum", areaClass: "tettbygd", values: { medianMin: 11.5, shareWithinTarget: 4 / 6, unclassified: 0 } });
    // Grisgrend: 20 24 25 26 30 → median 25; within 25: 20 24 25 (with 12 min it would be none)
    expect(rows["2025 3399"]).toMatchObject({ events: 5, areaClass: "grisgrendt", values: { medianMin: 25, shareWithinTarget: 3 / 5 } });
    expect(rows["2025 0301"]).toMatchObject({ events: 2, values: { medianMin: 8, shareWithinTarget: 1 } });
    expect(rows["2025 3203"]).toMatchObject({ events: 1, name: "Asker", values: { medianMin: 6, shareWithinTarget: 1 } });
    // no class known: in the median, not in the share
    expect(rows["2025 3005"]).toMatchObject({ events: 1, areaClass: null, values: { medianMin: 14, shareWithinTarget: null, unclassified: 1 } });
    expect(Object.keys(rows)).toHaveLength(5);
  });

  it("per month in Oslo time: a call at 00:30 on 1 April Oslo time (22:30 UTC on 31 March) is April's", async () => {
    const rows = byKey(await compute(RESPONSE_MISSIONS, { indicator: "red-response", by: "month", group: "kommune" }));
    expect(rows["2025-03 3201"]).toMatchObject({ events: 5, values: { medianMin: 11, shareWithinTarget: 4 / 5 } });
    expect(rows["2025-04 3201"]).toMatchObject({ events: 1, values: { medianMin: 20, shareWithinTarget: 0 } });
  });

  it("per trust: a kommune split between trusts is placed by zone, and a mixed group uses each incident's own target", async () => {
    const rows = byKey(await compute(RESPONSE_MISSIONS, { indicator: "red-response", by: "year", group: "trust" }));
    // ous: Bærum 5 10 11 12 13 20 and Ullern 7 9 → median (10 + 11) / 2; within 12: 5 7 9 10 11 12
    expect(rows["2025 ous"]).toMatchObject({ events: 8, name: "Oslo universitetssykehus", values: { medianMin: 10.5, shareWithinTarget: 6 / 8 } });
    // vv: Grisgrend 20 24 25 26 30 (25 min) and Asker sør 6 (12 min) → median (24 + 25) / 2; within: 20 24 25 6
    expect(rows["2025 vv"]).toMatchObject({ events: 6, areaClass: "mixed", values: { medianMin: 24.5, shareWithinTarget: 4 / 6 } });
    expect(rows["2025 "]).toMatchObject({ events: 1, values: { shareWithinTarget: null } });
  });

  it("per bydel: only incidents with a bydel", async () => {
    const table = await compute(RESPONSE_MISSIONS, { indicator: "red-response", by: "year", group: "bydel" });
    expect(table.rows).toEqual([expect.objectContaining({ key: "030106", name: "Ullern", events: 2, values: expect.objectContaining({ medianMin: 8 }) })]);
  });

  it("yellow: 30 min tettbygd, green and transfers left out", async () => {
    const rows = byKey(await compute(RESPONSE_MISSIONS, { indicator: "yellow-response", by: "year", group: "kommune" }));
    expect(rows["2025 3201"]).toMatchObject({ events: 2, values: { medianMin: 30, shareWithinTarget: 1 / 2 } });
    expect(Object.keys(rows)).toEqual(["2025 3201"]);
  });
});

describe("AMK answer and reaction time against hand-computed values", () => {
  const call = (incident: string, answerSec: number | null, callType = "dispatch"): FixtureMission => ({
    incident, kommune: "3201", ringMin: Number(incident.slice(1)) * 10, answeredMin: answerSec === null ? null : Number(incident.slice(1)) * 10 + answerSec / 60, callType,
  });

  it("share answered within 10 s (10 s itself within, unanswered not) and the median in whole seconds with unanswered last", async () => {
    const missions = [call("C1", 2), call("C2", 5), call("C3", 10, "advice"), call("C4", 11), call("C5", 30, "referral"), call("C6", null, "abandoned"), call("C7", 100, "transfer")];
    const rows = byKey(await compute(missions, { indicator: "amk-answer", by: "year", group: "amk" }));
    // 113 calls: 2 5 10 11 30 never → 3 of 6 within; the lower median of 6 is the 3rd: 10 s
    expect(rows["2025 amk-oslo"]).toMatchObject({ events: 6, name: "AMK Oslo", values: { shareWithin10s: 0.5, medianSec: 10 } });
  });

  it("AMK reaction time: answer → first unit alerted, red, urgency not changed", async () => {
    const incident = (id: string, ringMin: number, reactionSec: number, extra: Partial<FixtureMission> = {}): FixtureMission => ({
      incident: id, kommune: "3201", ringMin, answeredMin: ringMin + 0.5, alertedMin: ringMin + 0.5 + reactionSec / 60, unit: `u-${id}`, ...extra,
    });
    const missions = [
      incident("R1", 0, 60),
      incident("R1", 0, 600, { unit: "u-R1b" }), // a second unit alerted later: the first counts
      incident("R2", 100, 120),
      incident("R3", 200, 180), // 3 min exactly: within
      incident("R4", 300, 240),
      incident("R5", 400, 5, { changed: true }),
      incident("R6", 500, 5, { urgency: "yellow" }),
    ];
    const rows = byKey(await compute(missions, { indicator: "amk-reaction", by: "year", group: "kommune" }));
    expect(rows["2025 3201"]).toMatchObject({ events: 4, values: { medianSec: 150, meanSec: 150, shareWithin3Min: 3 / 4 } });
  });
});

describe("missions per 1,000 inhabitants and utilisation against hand-computed values", () => {
  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), "akutt-indicators-data-"));
    tempDirs.push(dir);
    mkdirSync(join(dir, "population"));
    writeFileSync(join(dir, "population/kommune-totals-2005-2026.csv"), "code,name,year,population,flag\n3201,Bærum,2025,1000,\n3201,Bærum,2026,2000,\n3399,Grisgrend,2025,500,\n");
    writeFileSync(join(dir, "population/oslo-bydel-totals-2005-2026.csv"), "code,name,year,population\n030106,Ullern,2025,400\n");
    return dir;
  }

  it("counts ambulance missions (each ambulance of an incident) per 1,000 inhabitants of the period's year, the nearest year beyond the table", async () => {
    const missions: FixtureMission[] = [
      red("M1", "3201", 0, 10),
      red("M1", "3201", 0, 12, { unit: "u-M1b" }), // second ambulance: a mission of its own
      red("M2", "3201", 10, 10, { unit: "ab-2", unitType: "akuttbil" }), // not an ambulance
      red("M3", "3201", 20, 10, { urgency: "green", callType: "booked" }),
      { incident: "M4", kommune: "3201", ringMin: 30, callType: "advice" }, // no unit
      red("M5", "3399", 40, 10),
      red("M6", "3201", 2 * 365 * 1440, 10), // in 2027: population of 2026
    ];
    const rows = byKey(await compute(missions, { indicator: "missions-per-1000", by: "year", group: "kommune", dataDir: dataDir() }));
    expect(rows["2025 3201"]).toMatchObject({ events: 3, values: { missions: 3, population: 1000, per1000: 3 } });
    expect(rows["2025 3399"]).toMatchObject({ events: 1, values: { per1000: 2 } });
    expect(rows["2027 3201"]).toMatchObject({ events: 1, values: { population: 2000, per1000: 0.5 } });
  });

  it("utilisation: busy (alerted → free) over each unit's available time within the data span", async () => {
    const mission = (incident: string, unit: string, alertedMin: number, freeMin: number): FixtureMission => ({ incident, kommune: "3201", ringMin: alertedMin, alertedMin, freeMin, unit, station: "s1" });
    // u1: 60 + 30 min busy, u2: 60 min; the data span is 0–150 min = 2.5 h
    const missions = [mission("V1", "u1", 0, 60), mission("V2", "u2", 30, 90), mission("V3", "u1", 120, 150)];
    const stations = byKey(await compute(missions, { indicator: "utilisation", by: "year", group: "station" }));
    expect(stations["2025 s1"]).toMatchObject({ events: 3, name: "Sandvika", values: { units: 2, busyHours: 2.5, availableHours: 5, utilisation: 0.5 } });
    const units = byKey(await compute(missions, { indicator: "utilisation", by: "month", group: "unit" }));
    expect(units["2025-03 u1"]).toMatchObject({ events: 2, values: { busyHours: 1.5, availableHours: 2.5, utilisation: 0.6 } });
    expect(units["2025-03 u2"]).toMatchObject({ events: 1, values: { utilisation: 0.4 } });
  });
});

describe("bad input", () => {
  it("refuses an indicator for a grouping it is not defined for, and trusts without a scenario", async () => {
    await expect(compute(RESPONSE_MISSIONS, { indicator: "utilisation", by: "year", group: "kommune" })).rejects.toThrow(/defined per station, unit, not per kommune/);
    await expect(compute(RESPONSE_MISSIONS, { indicator: "red-response", by: "year", group: "trust", areas: { ...AREAS, trustOfArea: new Map(), trustOfZone: new Map() } })).rejects.toThrow(/--scenario/);
    await expect(compute(RESPONSE_MISSIONS, { indicator: "missions-per-1000", by: "year", group: "kommune" })).rejects.toThrow(/population/);
  });
});
