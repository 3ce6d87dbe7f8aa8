import { describe, expect, it } from "vitest";
import type { MultiUnitLog } from "@akutt/engine";
import { fakeCalendar, replicationResult, scenarioIndex } from "../testing/fixtures.js";
import { buildReport, type ReportInput } from "../report/report.js";
import { renderTerminal } from "../report/render.js";
import { incidentCsv, INCIDENT_CSV_COLUMNS, MULTI_UNIT_CSV_COLUMNS } from "../report/csv.js";
import { computeReplicationKpis } from "./replication-kpis.js";
import { computeMultiUnitKpis } from "./multi-unit-kpis.js";
import { buildComparison } from "../comparison/build.js";
import { renderComparisonHtml } from "../comparison/render-html.js";
import { renderComparisonMarkdown } from "../comparison/render-text.js";

const index = scenarioIndex();
const calendar = fakeCalendar();
const input: ReportInput = { scenarioName: "multi-unit", seed: 1, index, travelModel: { name: "straight-line", limitations: [] } };

/** Four red incidents and one yellow in 7 days (1 warm-up): one in warm-up, two need two units, one of them a joint operation. */
function result(extraFreeSec: number) {
  const base = replicationResult(
    [
      { ringSec: 3600, inWarmUp: true, responseSec: 600, vehicle: 0 },
      { ringSec: 90_000, responseSec: 600, vehicle: 0 },
      { ringSec: 100_000, responseSec: 500, vehicle: 1 },
      { ringSec: 110_000, responseSec: 700, vehicle: 0 },
      { ringSec: 120_000, urgency: 1, responseSec: 900, vehicle: 1 },
    ],
    { warmUpSec: 86_400, horizonSec: 7 * 86_400 },
  );
  const multiUnit: MultiUnitLog = {
    unitsNeeded: Uint8Array.from([2, 2, 1, 3, 1]),
    joint: Uint8Array.from([0, 1, 0, 0, 1]),
    extrasCancelled: Uint8Array.from([0, 0, 0, 1, 0]),
    // Incident 1: the extra arrives 900 s after the ring; incident 3: one extra came, one was cancelled.
    allAtSceneSec: Float64Array.from([4000, 90_900, 100_500, Number.NaN, 120_900]),
    extraUnits: {
      count: 3,
      incident: Int32Array.from([0, 1, 3]),
      vehicle: Int32Array.from([1, 1, 1]),
      dispatchedSec: Float64Array.from([3700, 90_100, 110_100]),
      atSceneSec: Float64Array.from([4000, 90_900, 110_800]),
      freeSec: Float64Array.from([5000, 90_100 + extraFreeSec, 113_700]),
      transported: Uint8Array.from([0, 1, 0]),
    },
  };
  return { ...base, multiUnit };
}

describe("multi-unit KPIs", () => {
  it("counts after warm-up: shares, units per incident, time to the last unit, extra unit-hours", () => {
    const kpi = computeMultiUnitKpis(result(3600))!;
    expect(kpi.countedSec).toBe(6 * 86_400);
    const [red, yellow, , all] = kpi.byUrgency;
    expect(red).toMatchObject({ incidents: 3, multiUnit: 2, joint: 1, unitsSent: 5, extrasSent: 2, extrasCancelled: 1, extraTransports: 1 });
    expect(red!.shareMultiUnit).toBeCloseTo(2 / 3, 12);
    expect(red!.unitsPerIncident).toBeCloseTo(5 / 3, 12);
    // Only incident 1 had all its units at scene: 900 s.
    expect(red!.allAtSceneMeanSec).toBe(900);
    expect(red!.allAtSceneP90Sec).toBe(900);
    expect(red!.extraUnitHours).toBeCloseTo(1 + 1, 12);
    expect(yellow).toMatchObject({ incidents: 1, multiUnit: 0, joint: 1, extrasSent: 0, allAtSceneMeanSec: null });
    expect(all).toMatchObject({ incidents: 4, multiUnit: 2, joint: 2, unitsSent: 6 });
  });

  it("is absent without the mechanism, and the report then has no multi-unit part", () => {
    const plain = replicationResult([{ ringSec: 100, responseSec: 600, vehicle: 0 }]);
    expect(computeMultiUnitKpis(plain)).toBeUndefined();
    const kpis = computeReplicationKpis(plain, index, calendar);
    expect("multiUnit" in kpis).toBe(false);
    expect("multiUnit" in buildReport(input, [kpis])).toBe(false);
  });

  it("reports counts over the counted days and per year, with intervals across replications", () => {
    const report = buildReport(input, [computeReplicationKpis(result(3600), index, calendar), computeReplicationKpis(result(7200), index, calendar)]);
    const section = report.multiUnit!;
    expect(section.countedDays).toBe(6);
    const red = section.byUrgency[0]!.figures;
    expect(red.multiUnit.mean).toBe(2);
    expect(red.multiUnitPerYear.mean).toBeCloseTo((2 * 365.25) / 6, 6);
    expect(red.extraUnitHours.mean).toBeCloseTo(2.5, 6);
    expect(red.extraUnitHours.ciLow).not.toBeNull();
    const text = renderTerminal(report);
    expect(text).toContain("Multi-unit incidents and joint operations");
    expect(text).toContain("over 6 simulated days");
  });

  it("adds a table to the comparison in bokmål and English, per variant, only for variants that have the mechanism", () => {
    const kpis = (free: number) => [computeReplicationKpis({ ...result(free), seed: 11 }, index, calendar), computeReplicationKpis({ ...result(free + 600), replication: 1, seed: 12 }, index, calendar)];
    const plain = [0, 1].map((r) => computeReplicationKpis(replicationResult([{ ringSec: 90_000, responseSec: 600, vehicle: 0 }], { replication: r, seed: 11 + r, warmUpSec: 86_400 }), index, calendar));
    const comparison = buildComparison({
      name: "c",
      seed: 1,
      travelModel: { name: "straight-line", limitations: [] },
      baseline: { id: "today", label: "Today", index, kpis: plain },
      alternatives: [{ id: "multi", label: "Multi", index, kpis: kpis(3600) }],
    });
    expect(comparison.multiUnit?.map((m) => m.variantId)).toEqual(["multi"]);
    expect(renderComparisonMarkdown(comparison, { language: "en" })).toContain("Incidents needing several ambulances, and joint operations with police and fire");
    const nb = renderComparisonHtml(comparison, { language: "nb" });
    expect(nb).toContain("Hendelser med flere ambulanser og samarbeid med politi og brann");
    expect(nb).toContain("over 6,0 simulerte dager");
    expect("multiUnit" in buildComparison({ name: "c", seed: 1, travelModel: { name: "straight-line", limitations: [] }, baseline: { id: "today", label: "Today", index, kpis: plain }, alternatives: [] })).toBe(false);
  });

  it("adds the multi-unit columns to the incident CSV only when the scenario has them", () => {
    const lines = incidentCsv(result(3600), index, calendar).trim().split("\n");
    expect(lines[0]).toBe([...INCIDENT_CSV_COLUMNS, ...MULTI_UNIT_CSV_COLUMNS].join(","));
    // Incident 3 needed three: one extra sent, one cancelled, not all at scene.
    expect(lines[4]!.split(",").slice(-5)).toEqual(["3", "0", "1", "1", ""]);
    expect(incidentCsv(replicationResult([{ ringSec: 100 }]), index, calendar).split("\n")[0]).toBe(INCIDENT_CSV_COLUMNS.join(","));
  });
});
