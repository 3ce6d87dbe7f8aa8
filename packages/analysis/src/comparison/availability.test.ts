import { describe, expect, it } from "vitest";
import type { AvailabilityLog } from "@akutt/engine";
import { computeReplicationKpis, type ReplicationKpis } from "../kpi/replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex } from "../testing/fixtures.js";
import { buildComparison, comparisonToJson } from "./build.js";
import { renderComparisonHtml } from "./render-html.js";
import { renderComparisonMarkdown } from "./render-text.js";

const index = scenarioIndex();
const calendar = fakeCalendar();
const DAY = 86_400;

/** Four replications of a week; with availability, vehicle A spends `breakHours` on breaks and 2 h cleaning. */
function kpis(breakHours: number | undefined): ReplicationKpis[] {
  return Array.from({ length: 4 }, (_, r) => {
    const a = [0, 7 * DAY, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    if (breakHours !== undefined) {
      a[1] = 7 * DAY - (breakHours + 2 + r) * 3600;
      a[8] = (2 + r) * 3600;
      a[9] = breakHours * 3600;
    }
    const result = replicationResult([{ ringSec: 100, responseSec: 600 }], { replication: r, seed: 3 + r, vehicleStateSec: [a, [0, 7 * DAY, 0, 0, 0, 0, 0, 0, 0, 0, 0]] });
    if (breakHours !== undefined) {
      const pair = (x: number) => Int32Array.from([x, 0]);
      result.availability = { breaksTaken: pair(14), breaksInterrupted: pair(2), breaksSkipped: pair(r), cleanings: pair(8), cleaningsInterrupted: pair(0), outOfService: pair(0), endOfShiftRefusals: pair(7), readySec: new Float64Array(1) } satisfies AvailabilityLog;
    }
    return computeReplicationKpis(result, index, calendar);
  });
}

function comparison(withAvailability: boolean) {
  return buildComparison({
    name: "availability",
    description: "unavailable time",
    seed: 3,
    travelModel: { name: "straight-line", limitations: [] },
    baseline: { id: "today", label: "Today", labelNb: "I dag", index, kpis: kpis(withAvailability ? 7 : undefined) },
    alternatives: [{ id: "alt", label: "Alt.", index, kpis: kpis(withAvailability ? 3.5 : undefined) }],
    focusAreas: [],
    relevantDifferenceSec: 60,
  });
}

describe("unavailable time in the comparison report", () => {
  it("is absent when no variant has an availability section", () => {
    const report = comparison(false);
    expect(report.availability).toBeUndefined();
    expect(comparisonToJson(report)).not.toContain('"availability":');
  });

  it("gives each variant's hours by reason for the period and per year, breaks and refusals", () => {
    const rows = comparison(true).availability!;
    expect(rows.map((row) => row.variantId)).toEqual(["today", "alt"]);
    const today = rows[0]!.figures!;
    expect(rows[0]!.countedDays).toBe(7);
    expect(today.hours.onBreak.mean).toBe(7);
    expect(today.hours.cleaning.mean).toBe(3.5);
    expect(today.hoursPerYear.total.mean).toBeCloseTo((10.5 * 365.25) / 7, 3);
    expect(today.breaksSkipped.mean).toBe(1.5);
    expect(rows[1]!.figures!.hours.onBreak.mean).toBe(3.5);
  });

  it("is rendered in bokmål and English, in Markdown and HTML, with its period", () => {
    const report = comparison(true);
    const nb = renderComparisonMarkdown(report, { language: "nb" });
    expect(nb).toContain("Utilgjengelig tid (alle kjøretøy)");
    expect(nb).toContain("over 7 simulerte døgn");
    expect(nb).toContain("I dag");
    const en = renderComparisonMarkdown(report, { language: "en" });
    expect(en).toContain("Unavailable time (all vehicles)");
    expect(en).toContain("over 7 simulated days");
    const html = renderComparisonHtml(report, { language: "en" });
    expect(html).toContain("Unavailable time (all vehicles)");
    expect(html).toContain("Breaks taken / interrupted / skipped");
  });
});
