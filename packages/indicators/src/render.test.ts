import { describe, expect, it } from "vitest";
import { INDICATORS } from "./definitions.js";
import type { IndicatorTable } from "./queries.js";
import { formatValue, renderCsv, renderHtml, renderText, trendSpec, CSV_COLUMNS } from "./render.js";

const TABLE: IndicatorTable = {
  definition: INDICATORS["red-response"],
  by: "month",
  group: "kommune",
  rows: [
    { period: "2025-03", key: "3201", name: "Bærum", areaClass: "tettbygd", events: 6, values: { medianMin: 11.5, shareWithinTarget: 4 / 6, unclassified: 0 } },
    { period: "2025-03", key: "0301", name: "Oslo", areaClass: "tettbygd", events: 4, values: { medianMin: 8.25, shareWithinTarget: 0.75, unclassified: 0 } },
    { period: "2025-04", key: "3201", name: "Bærum", areaClass: "tettbygd", events: 5, values: { medianMin: 12.5, shareWithinTarget: 0.6, unclassified: 0 } },
  ],
  notes: { nb: ["merknad"], en: ["note"] },
};

describe("rendering with suppression of cells under 5 events", () => {
  it("CSV: the 4-event row shows <5 and no figures, says so in the file, and keeps every other figure", () => {
    const csv = renderCsv([TABLE], "en");
    const lines = csv.trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("#")).join(" ")).toMatch(/fewer than 5 events are suppressed/);
    const header = lines.findIndex((line) => line === CSV_COLUMNS.join(","));
    const rows = lines.slice(header + 1).map((line) => line.split(","));
    const oslo = rows.filter((row) => row[3] === "0301");
    expect(oslo).toHaveLength(3);
    for (const row of oslo) expect([row[6], row[9]]).toEqual(["<5", ""]);
    expect(csv).not.toContain("8.25");
    const baerum = rows.filter((row) => row[3] === "3201" && row[1] === "2025-03");
    expect(baerum.map((row) => [row[7], row[9]])).toEqual([["medianMin", "11.5"], ["shareWithinTarget", "0.6667"], ["unclassified", "0"]]);
  });

  it("CSV: a name from the extract that starts like a formula is written as text, not run by a spreadsheet", () => {
    const formula: IndicatorTable = { ...TABLE, rows: [{ ...TABLE.rows[0]!, key: "@unit", name: "=HYPERLINK(\"http://x\")" }] };
    const rows = renderCsv([formula], "en").trimEnd().split("\n").filter((line) => line.startsWith("red-response,"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toContain(",'@unit,");
      expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(row).toMatch(/,-?\d+(\.\d+)?$/);
    }
  });

  it("HTML: suppressed in the table and as a gap in the chart, with the notice, in the chosen language", () => {
    const html = renderHtml([TABLE], { language: "nb", sourceLabel: "lager.duckdb", generatedIso: "2026-12-02T14:00:00Z" });
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("færre enn 5 hendelser er skjult");
    expect(html).toMatch(/<tr class="suppressed"><th scope="row">2025-03<\/th><td>Oslo \(0301\)<\/td><td>tettbygd<\/td><td class="num">&lt;5<\/td><td class="num"><\/td>/);
    expect(html).not.toContain("8,3");
    expect(html).toContain("11,5");
    expect(html).toContain("<svg");
    expect(trendSpec(TABLE, "nb").series.find((s) => s.label.startsWith("Oslo"))!.values).toEqual([null, null]);
  });

  it("text: every figure, small rows marked", () => {
    const text = renderText([TABLE], "en");
    expect(text).toContain("8.3");
    expect(text).toMatch(/4\*/);
    expect(text).toContain("suppressed in CSV, HTML and on the web page");
  });

  it("formats by unit and language", () => {
    expect(formatValue(0.6667, "share", "nb")).toBe("66,7 %");
    expect(formatValue(11.55, "min", "en")).toBe("11.6");
    expect(formatValue(null, "s", "en")).toBe("–");
  });
});
