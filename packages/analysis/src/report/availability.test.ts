import { describe, expect, it } from "vitest";
import type { AvailabilityLog } from "@akutt/engine";
import { computeReplicationKpis } from "../kpi/replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex } from "../testing/fixtures.js";
import { buildReport, reportToJson, type ReportInput } from "./report.js";
import { renderTerminal } from "./render.js";

const index = scenarioIndex();
const calendar = fakeCalendar();
const input: ReportInput = { scenarioName: "availability", seed: 1, index, travelModel: { name: "straight-line", limitations: [] } };
const DAY = 86_400;

// State order: offDuty, idle, alerted, toScene, atScene, toDestination, atDestination, returning, cleaning, onBreak, outOfService.
// A week each: vehicle A has 2 h cleaning, 3 h of breaks and 5 h out of service; B is idle all week.
const weekA = [0, 7 * DAY - 10 * 3600 - 7200, 0, 0, 3600, 0, 0, 3600, 7200, 3 * 3600, 5 * 3600];
const weekB = [0, 7 * DAY, 0, 0, 0, 0, 0, 0, 0, 0, 0];

function log(breaksSkipped: number): AvailabilityLog {
  const pair = (a: number, b: number) => Int32Array.from([a, b]);
  return { breaksTaken: pair(6, 14), breaksInterrupted: pair(1, 0), breaksSkipped: pair(breaksSkipped, 0), cleanings: pair(4, 0), cleaningsInterrupted: pair(0, 0), outOfService: pair(1, 0), endOfShiftRefusals: pair(3, 2), readySec: new Float64Array(0) };
}

function kpis(r: number, withAvailability: boolean) {
  const result = replicationResult([], { replication: r, vehicleStateSec: [weekA, weekB] });
  if (withAvailability) result.availability = log(r);
  return computeReplicationKpis(result, index, calendar);
}

describe("unavailable time in the report", () => {
  it("is left out entirely without an availability section, so the report is as before", () => {
    const report = buildReport(input, [kpis(0, false)]);
    expect(report.availability).toBeUndefined();
    expect(Object.keys(report.vehicles.byVehicle[0]!.figures.stateShare)).toEqual(["offDuty", "idle", "alerted", "toScene", "atScene", "toDestination", "atDestination", "returning"]);
    expect(report.vehicles.byVehicle[0]!.figures.unavailableShare).toBeUndefined();
  });

  it("counts unavailable time as neither busy nor available, and reports hours by reason for the period and per year", () => {
    const report = buildReport(input, [kpis(0, true), kpis(2, true)]);
    const a = report.vehicles.byVehicle[0]!.figures;
    // Busy = the mission states only: 2 h of 7 days on duty.
    expect(a.utilisation.mean).toBeCloseTo(7200 / (7 * DAY), 5);
    expect(a.unavailableShare!.mean).toBeCloseTo((10 * 3600) / (7 * DAY), 5);
    expect(a.stateShare.cleaning!.mean).toBeCloseTo(7200 / (7 * DAY), 5);
    const availability = report.availability!;
    expect(availability.countedDays).toBe(7);
    const baerum = availability.byStationAndType.find((g) => g.station === "baerum")!;
    expect(baerum.figures.hours.cleaning.mean).toBe(2);
    expect(baerum.figures.hours.onBreak.mean).toBe(3);
    expect(baerum.figures.hours.outOfService.mean).toBe(5);
    expect(baerum.figures.hours.total.mean).toBe(10);
    expect(baerum.figures.hoursPerYear.total.mean).toBeCloseTo((10 * 365.25) / 7, 4);
    expect(baerum.figures.breaksSkipped).toMatchObject({ mean: 1, n: 2 });
    expect(availability.total.figures.endOfShiftRefusals.mean).toBe(5);
    expect(availability.total.figures.endOfShiftRefusalsPerYear.mean).toBeCloseTo((5 * 365.25) / 7, 4);
    expect(availability.total.figures.breaksTaken.mean).toBe(20);
  });

  it("shows the table with its period in the terminal report and keeps JSON deterministic", () => {
    const report = buildReport(input, [kpis(0, true)]);
    const text = renderTerminal(report);
    expect(text).toContain("Unavailable time by station and vehicle type");
    expect(text).toContain("Over 7 simulated days");
    expect(reportToJson(buildReport(input, [kpis(0, true)]))).toBe(reportToJson(report));
  });
});
