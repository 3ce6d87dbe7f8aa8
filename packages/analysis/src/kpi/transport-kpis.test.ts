import { describe, expect, it } from "vitest";
import { TRANSPORT_MISSIONS } from "@akutt/model";
import type { ReplicationResult } from "@akutt/engine";
import { computeReplicationKpis } from "./replication-kpis.js";
import { buildReport } from "../report/report.js";
import { renderTerminal } from "../report/render.js";
import { buildComparison } from "../comparison/build.js";
import { renderComparisonMarkdown } from "../comparison/render-text.js";
import { fakeCalendar, replicationResult, scenarioIndex, type IncidentRow } from "../testing/fixtures.js";

const index = { ...scenarioIndex(), vehicleIds: ["A1", "B1", "S1"], vehicleTypes: ["ambulance" as const, "ambulance" as const, "sick-transport" as const], vehicleOwner: Int32Array.from([0, 1, 0]), vehicleStation: ["baerum", "lier", "baerum"] };
const calendar = fakeCalendar();
const HOUR = 3600;

/** Emergencies, then transports with their missions and window ends (NaN: urgent, no window). */
function withTransports(emergencies: IncidentRow[], transports: Array<IncidentRow & { mission: (typeof TRANSPORT_MISSIONS)[number]; windowEndSec: number; freeSec?: number }>, horizonSec = 7 * 86400): ReplicationResult {
  const result = replicationResult([...emergencies, ...transports.map((t) => ({ ...t, kind: t.mission === "booked" ? 2 : 1 }))], { horizonSec });
  const firstRow = emergencies.length;
  transports.forEach((t, k) => {
    const row = firstRow + k;
    if (t.vehicle !== undefined && t.responseSec !== undefined) result.incidents.freeSec[row] = t.freeSec ?? t.ringSec + t.responseSec + HOUR;
  });
  result.transports = {
    firstRow,
    count: transports.length,
    mission: Uint8Array.from(transports, (t) => TRANSPORT_MISSIONS.indexOf(t.mission)),
    windowEndSec: Float64Array.from(transports, (t) => t.windowEndSec),
  };
  return result;
}

describe("transport figures", () => {
  const emergencies: IncidentRow[] = [
    { ringSec: 1000, responseSec: 600, vehicle: 0 },
    { ringSec: 2000, responseSec: 900, vehicle: 1 },
  ];
  const result = withTransports(emergencies, [
    // On time: picked up 30 min into a 60-min window, by the sick-transport vehicle.
    { ringSec: 10 * HOUR, responseSec: 1800, vehicle: 2, urgency: 2, mission: "booked", windowEndSec: 11 * HOUR },
    // Late by 30 min, by an ambulance busy 2 h.
    { ringSec: 20 * HOUR, responseSec: 5400, vehicle: 0, urgency: 2, mission: "booked", windowEndSec: 21 * HOUR, freeSec: 20 * HOUR + 2 * HOUR },
    // Never picked up; the window ended before the end of the run: late until the end.
    { ringSec: 7 * 86400 - 3 * HOUR, urgency: 2, mission: "booked", windowEndSec: 7 * 86400 - 2 * HOUR },
    // Never picked up, window still open at the end: not yet on time or late.
    { ringSec: 7 * 86400 - 0.5 * HOUR, urgency: 2, mission: "booked", windowEndSec: 7 * 86400 + 0.5 * HOUR },
    // An urgent transfer with a long "response": not in any emergency figure.
    { ringSec: 30 * HOUR, responseSec: 7200, vehicle: 1, urgency: 0, mission: "urgent-transfer", windowEndSec: Number.NaN },
    { ringSec: 40 * HOUR, responseSec: 600, vehicle: 2, urgency: 2, mission: "transfer", windowEndSec: 42 * HOUR },
  ]);
  const kpis = computeReplicationKpis(result, index, calendar);

  it("keeps every response-time figure over emergencies only", () => {
    const without = computeReplicationKpis(replicationResult(emergencies), index, calendar);
    expect(kpis.overall).toEqual(without.overall);
    expect(kpis.byArea).toEqual(without.byArea);
    expect(kpis.byHourOfDay).toEqual(without.byHourOfDay);
    expect(kpis.missionsByResponsibleAndOwner).toEqual(without.missionsByResponsibleAndOwner);
    expect(without.transports).toBeUndefined();
  });

  it("counts requests, pickups within the window and lateness", () => {
    const booked = kpis.transports!.groups.booked;
    expect(booked.requests).toBe(4);
    expect(booked.pickedUp).toBe(2);
    expect(booked.windowed).toBe(3);
    expect(booked.onTime).toBe(1);
    expect(booked.late).toBe(2);
    expect(booked.shareOnTime).toBeCloseTo(1 / 3, 12);
    // Late by 30 min and by 2 h.
    expect(booked.meanLatenessSec).toBeCloseTo((1800 + 7200) / 2, 9);
    expect(booked.p90LatenessSec).toBeCloseTo(1800 + 0.9 * (7200 - 1800), 9);
    expect(kpis.transports!.countedDays).toBe(7);
  });

  it("reports the simple vehicles' share and the ambulance time on non-emergency work", () => {
    const booked = kpis.transports!.groups.booked;
    expect(booked.bySimpleVehicle).toBe(1);
    expect(booked.shareBySimpleVehicle).toBe(0.5);
    expect(booked.ambulanceSec).toBeCloseTo(2 * HOUR - 60, 9); // alerted 60 s after the request (fixture), free 2 h after it
    const urgent = kpis.transports!.groups.urgentTransfer;
    expect(urgent.requests).toBe(1);
    expect(urgent.shareOnTime).toBeNull();
    expect(urgent.meanPickupDelaySec).toBe(7200);
    expect(kpis.transports!.groups.bookedTransfer.shareBySimpleVehicle).toBe(1);
    expect(kpis.transports!.groups.bookedTransfer.ambulanceSec).toBe(0);
  });

  it("reports them in their own table, with the period and per year, apart from response times", () => {
    const report = buildReport({ scenarioName: "t", seed: 1, index, travelModel: { name: "straight-line", limitations: [] } }, [kpis, kpis]);
    const booked = report.transports!.groups.find((g) => g.group === "booked")!.figures;
    expect(booked.requests.mean).toBe(4);
    expect(booked.requestsPerYear.mean).toBeCloseTo((4 * 365.25) / 7, 6);
    expect(report.responseTimes.overall[3]!.figures.incidents.mean).toBe(2);
    const text = renderTerminal(report);
    expect(text).toContain("Transfers and booked transports");
    expect(text).toContain("over 7 simulated days");
    const without = buildReport({ scenarioName: "t", seed: 1, index, travelModel: { name: "straight-line", limitations: [] } }, [computeReplicationKpis(replicationResult(emergencies), index, calendar)]);
    expect(without.transports).toBeUndefined();
  });

  it("gives the comparison a transports table in both languages, and none when no variant has transports", () => {
    const plain = computeReplicationKpis(replicationResult(emergencies), index, calendar);
    const variant = (id: string, k: typeof kpis) => ({ id, label: id, index, kpis: [k, k] });
    const base = { name: "c", seed: 1, travelModel: { name: "straight-line", limitations: [] }, focusAreas: [], relevantDifferenceSec: 60 };
    const report = buildComparison({ ...base, baseline: variant("today", kpis), alternatives: [variant("alt", plain)] });
    const booked = report.transports!.rows.find((row) => row.group === "booked")!;
    expect(booked.variants[0]!.figures!.late.mean).toBe(2);
    expect(booked.variants[1]!.figures).toBeNull();
    expect(renderComparisonMarkdown(report, { language: "nb" })).toContain("Overflyttinger og bestilte transporter");
    expect(renderComparisonMarkdown(report, { language: "en" })).toContain("Requests (7 days)");
    expect(buildComparison({ ...base, baseline: variant("today", plain), alternatives: [variant("alt", plain)] }).transports).toBeUndefined();
  });
});
