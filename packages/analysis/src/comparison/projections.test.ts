import { describe, expect, it } from "vitest";
import { computeReplicationKpis, type ReplicationKpis } from "../kpi/replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex, type IncidentRow } from "../testing/fixtures.js";
import { buildProjections } from "./projections.js";
import { renderProjectionsCsv, PROJECTIONS_CSV_COLUMNS } from "./render-csv.js";
import { buildComparison } from "./build.js";
import { renderComparisonTerminal } from "./render-text.js";
import type { ProjectionsInput } from "./types.js";

const calendar = fakeCalendar();
const index = scenarioIndex();

/** Red incidents in both areas whose response times grow by `slowerSec` (demand growing with the years). */
function kpis(slowerSec: number): ReplicationKpis[] {
  return Array.from({ length: 4 }, (_, r) => {
    const rows: IncidentRow[] = [];
    for (let i = 0; i < 40; i++) rows.push({ area: i % 2, urgency: 0, ringSec: 100 * i, responseSec: 200 + ((i * 53 + r * 17) % 500) + slowerSec, vehicle: i % 2 });
    return computeReplicationKpis(replicationResult(rows, { replication: r, seed: 5 + r }), index, calendar);
  });
}

const YEARS = [2026, 2035, 2050];
const SLOWER: Record<number, Record<string, number>> = { 2026: { today: 0, alt: 0 }, 2035: { today: 120, alt: 30 }, 2050: { today: 400, alt: 200 } };

function input(): ProjectionsInput {
  return {
    baseYear: 2026,
    growth: [{ id: "population", label: "Low", perHeadGrowthPerYear: 0 }],
    notes: ["Age structure held at 2026's."],
    notesNb: ["Alderssammensetningen holdes som i 2026."],
    runs: YEARS.map((year) => ({ year, growthId: "population", variants: ["today", "alt"].map((variantId) => ({ variantId, index, kpis: kpis(SLOWER[year]![variantId]!) })) })),
  };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const areaShares = (k: ReplicationKpis[], area: number) => k.map((one) => one.byArea[area * 3]!.shareWithinTarget!);

describe("projections in a comparison", () => {
  const report = buildProjections(input(), [], 0.95);

  it("gives each year's red share within target per area, its margin to 90 %, and the paired change from the first year", () => {
    for (const year of YEARS) {
      const row = report.rows.find((candidate) => candidate.year === year && candidate.variantId === "today")!;
      const shares = areaShares(kpis(SLOWER[year]!.today!), 0);
      const first = areaShares(kpis(0), 0);
      const area = row.areas.find((candidate) => candidate.areaCode === "3201")!;
      expect(area.shareWithinTarget.mean).toBeCloseTo(mean(shares), 6);
      expect(area.marginToTarget.mean).toBeCloseTo(mean(shares) - 0.9, 6);
      if (year === 2026) expect(area.changeFromFirstYear).toBeNull();
      else expect(area.changeFromFirstYear!.mean).toBeCloseTo(mean(shares) - mean(first), 6);
    }
    expect(report.rows.map((row) => row.areas.map((area) => area.areaCode))).toEqual(new Array(6).fill(["3201", "3312"]));
  });

  it("names the first year each variant misses 90 % in any area, by the mean and with the whole interval below", () => {
    for (const variantId of ["today", "alt"]) {
      const miss = report.firstMiss.find((candidate) => candidate.variantId === variantId)!;
      const rows = report.rows.filter((row) => row.variantId === variantId);
      const expectedBelow = rows.find((row) => row.areas.some((area) => area.shareWithinTarget.mean! < 0.9))?.year ?? null;
      const expectedClearly = rows.find((row) => row.areas.some((area) => area.shareWithinTarget.ciHigh! < 0.9))?.year ?? null;
      expect(miss.firstYearBelow).toBe(expectedBelow);
      expect(miss.firstYearClearlyBelow).toBe(expectedClearly);
      for (const { areaCode, firstYearBelow } of miss.byArea) {
        expect(firstYearBelow).toBe(rows.find((row) => row.areas.find((area) => area.areaCode === areaCode)!.shareWithinTarget.mean! < 0.9)?.year ?? null);
      }
      expect(Math.min(...miss.byArea.map((area) => area.firstYearBelow ?? Infinity))).toBe(expectedBelow ?? Infinity);
    }
    // Slower responses in later years: today misses no later than the alternative, which slows less.
    const today = report.firstMiss.find((candidate) => candidate.variantId === "today")!;
    const alt = report.firstMiss.find((candidate) => candidate.variantId === "alt")!;
    expect(today.firstYearBelow).not.toBeNull();
    expect(today.firstYearBelow!).toBeLessThanOrEqual(alt.firstYearBelow ?? Infinity);
  });

  it("keeps to the focus areas when there are some", () => {
    const focused = buildProjections(input(), ["3312"], 0.95);
    expect(new Set(focused.rows.flatMap((row) => row.areas.map((area) => area.areaCode)))).toEqual(new Set(["3312"]));
    expect(focused.scope).toBe("focus areas");
  });

  it("writes one CSV row per year, variant and area, and the tables in the terminal report", () => {
    const csv = renderProjectionsCsv({ projections: report } as Parameters<typeof renderProjectionsCsv>[0]).trimEnd().split("\n");
    expect(csv[0]).toBe(PROJECTIONS_CSV_COLUMNS.join(","));
    expect(csv).toHaveLength(1 + YEARS.length * 2 * 2);
    const comparison = buildComparison({ name: "t", seed: 5, travelModel: { name: "x", limitations: [] }, baseline: { id: "today", label: "Today", index, kpis: kpis(0) }, alternatives: [{ id: "alt", label: "Alt", index, kpis: kpis(0) }], projections: input() });
    const text = renderComparisonTerminal(comparison, { language: "en" });
    expect(text).toContain("Projection: red share within the target by year");
    expect(text).toContain("When the 90 % target is first missed");
    expect(renderComparisonTerminal(comparison, { language: "nb" })).toContain("Når målet om 90 % innen målet først brytes");
  });
});
