import { describe, expect, it } from "vitest";
import type { ReportSpec } from "@akutt/model";
import { computeReplicationKpis } from "../kpi/replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex, type IncidentRow } from "../testing/fixtures.js";
import { buildReport, reportToJson } from "./report.js";
import { renderMarkdown, renderTerminal } from "./render.js";

const index = scenarioIndex();
const calendar = fakeCalendar();
const input = { scenarioName: "options", seed: 1, index, travelModel: { name: "test", limitations: [] } };

/** Red calls in area 0 with response times 1, 2, …, 10 minutes; calls 9 and 10 waited 60 s and 120 s. */
const rows = (shiftSec = 0): IncidentRow[] =>
  Array.from({ length: 10 }, (_, k) => ({ ringSec: 3600 + 600 * k, responseSec: 60 * (k + 1) + shiftSec, ...(k >= 8 ? { waitForUnitSec: 60 * (k - 7) } : {}) }));
// Vehicle 0: 1 h idle, 30 min busy before the return, 30 min returning; vehicle 1 idle.
const states = [
  [0, 3600, 600, 600, 300, 300, 0, 1800],
  [0, 7200, 0, 0, 0, 0, 0, 0],
];
const replications = (options?: ReportSpec) => [0, 30, 60].map((shift, r) => computeReplicationKpis(replicationResult(rows(shift), { replication: r, seed: r + 1, vehicleStateSec: states }), index, calendar, options));

describe("report options", () => {
  it("change nothing when absent", () => {
    expect(reportToJson(buildReport(input, replications(undefined)))).toBe(reportToJson(buildReport({ ...input, options: {} }, replications({}))));
    const plain = buildReport(input, replications());
    expect(Object.keys(plain.responseTimes.overall[0]!.figures)).not.toContain("responsePercentiles");
    expect(plain.responseTimes.overall[0]!.figures.incidents.values).toBeUndefined();
  });

  it("report the asked percentiles and thresholds with intervals, in JSON, terminal and Markdown", () => {
    const options: ReportSpec = { responsePercentiles: [50, 90, 95], responseThresholdsMin: [4, 8, 12] };
    const report = buildReport({ ...input, options }, replications(options));
    const red = report.responseTimes.overall[0]!.figures;
    // Type 7 on 1..10 min (+0, +30, +60 s): median 5.5 min, p90 9.1 min, p95 9.55 min; the means over replications add 30 s.
    expect(red.responsePercentiles!.map((p) => p.percentile)).toEqual([50, 90, 95]);
    expect(red.responsePercentiles![0]!.sec.mean).toBeCloseTo(5.5 * 60 + 30, 6);
    expect(red.responsePercentiles![1]!.sec.mean).toBeCloseTo(red.responseP90Sec.mean!, 6);
    expect(red.responsePercentiles![2]!.sec.mean).toBeCloseTo(9.55 * 60 + 30, 6);
    expect(red.responsePercentiles![2]!.sec.ciLow).toBeLessThan(red.responsePercentiles![2]!.sec.mean!);
    // ≤ 4 min: 4, 3 and 3 of 10 (the shifted runs lose the 4th); ≤ 8: 8, 7, 7; ≤ 12: all.
    expect(red.shareWithinThresholds!.map((t) => t.thresholdSec)).toEqual([240, 480, 720]);
    expect(red.shareWithinThresholds![0]!.share.mean).toBeCloseTo(1 / 3, 6);
    expect(red.shareWithinThresholds![1]!.share.mean).toBeCloseTo(22 / 30, 6);
    expect(red.shareWithinThresholds![2]!.share.mean).toBe(1);
    expect(report.definitions.responseThresholdsSec).toEqual([240, 480, 720]);
    expect(report.responseTimes.byArea[0]!.figures.responsePercentiles).toHaveLength(3);
    const text = renderTerminal(report);
    expect(text).toContain("Response-time percentiles and thresholds");
    expect(text).toMatch(/P95\s/);
    expect(text).toContain("≤ 8 min");
    expect(text).toContain("9.6 min [");
    expect(renderMarkdown(report)).toContain("| Urgency | Reached | P50 | P90 | P95 | ≤ 4 min | ≤ 8 min | ≤ 12 min |");
  });

  it("count utilisation with or without the drive back", () => {
    const withReturn = buildReport(input, replications()).vehicles.byVehicle[0]!.figures.utilisation.mean;
    const options: ReportSpec = { utilisation: { includeReturn: false } };
    const without = buildReport({ ...input, options }, replications(options));
    expect(withReturn).toBeCloseTo(3600 / 7200, 9);
    expect(without.vehicles.byVehicle[0]!.figures.utilisation.mean).toBeCloseTo(1800 / 7200, 9);
    expect(without.definitions.utilisation).toMatchObject({ includeReturn: false, fromSec: 0, toSec: 7 * 86400 });
    expect(renderTerminal(without)).toContain("without the drive back");
  });

  it("list per-replication values and the queue figures", () => {
    const options: ReportSpec = { perReplication: true, queueFigures: true };
    const report = buildReport({ ...input, options }, replications(options));
    const red = report.responseTimes.overall[0]!.figures;
    expect(red.responseMeanSec.values).toEqual([330, 360, 390]);
    expect(report.vehicles.byVehicle[0]!.figures.utilisation.values).toEqual([0.5, 0.5, 0.5]);
    // Mean wait over all ten calls: (60 + 120) / 10; probability of waiting 2 / 10.
    expect(red.meanWaitAllSec!.mean).toBeCloseTo(18, 9);
    expect(red.shareWaited.mean).toBeCloseTo(0.2, 9);
    // The fixture answers every call 5 s after it rings.
    expect(report.amk.total.meanAnswerDelaySec!.mean).toBeCloseTo(5, 9);
    expect(report.amk.total.shareAnswerDelayed!.mean).toBe(1);
    expect(report.amk.byAmk[0]!.figures.meanAnswerDelaySec!.values).toEqual([5, 5, 5]);
    const text = renderTerminal(report);
    expect(text).toContain("Mean wait (all)");
    expect(text).toContain("Mean answer delay");
    expect(reportToJson(report)).toContain('"values": [');
  });
});
