import { describe, expect, it } from "vitest";
import { trendChartSvg, type TrendChartSpec } from "./trend-chart.js";

const spec = (series: TrendChartSpec["series"], periods = ["2025-01", "2025-02", "2025-03"]): TrendChartSpec => ({
  title: "Median <red>",
  desc: "Median response time per month",
  periods,
  series,
  yLabel: "min",
  format: (v) => v.toFixed(1),
});

describe("trend chart", () => {
  it("draws one marker per value and breaks the line at a missing (suppressed) value", () => {
    const svg = trendChartSvg(spec([{ label: "Bærum & co", values: [10, null, 12] }]));
    expect(svg.match(/<circle /g)).toHaveLength(2);
    const path = /<path d="([^"]+)"/.exec(svg)![1]!;
    // two segments, each a lone move: no line is drawn across the gap
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path).not.toContain("L");
    expect(svg).toContain("Median &lt;red&gt;");
    expect(svg).toContain("Bærum &amp; co");
  });

  it("joins consecutive values and places higher values higher up", () => {
    const svg = trendChartSvg(spec([{ label: "a", values: [1, 2, 3] }]));
    const points = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    expect(points).toHaveLength(3);
    expect(points[0]!.x).toBeLessThan(points[1]!.x);
    expect(points[0]!.y).toBeGreaterThan(points[1]!.y);
    expect(points[1]!.y).toBeGreaterThan(points[2]!.y);
    expect(/<path d="M[^"]*L[^"]*L[^"]*"/.test(svg)).toBe(true);
  });

  it("says so instead of drawing when there is nothing to draw", () => {
    const svg = trendChartSvg(spec([{ label: "a", values: [null, null, null] }]));
    expect(svg).not.toContain("<circle");
    expect(svg).toContain("<title id=\"trend-title\">");
  });

  it("gives every series its own colour and a legend entry", () => {
    const svg = trendChartSvg(spec([{ label: "a", values: [1, 2, 3] }, { label: "b", values: [3, 2, 1] }]));
    const strokes = new Set([...svg.matchAll(/stroke="(#[0-9A-F]{6})" stroke-width="2"/gi)].map((m) => m[1]));
    expect(strokes.size).toBe(2);
    expect(svg).toContain(">a</text>");
    expect(svg).toContain(">b</text>");
  });
});
