/**
 * A trend chart as inline SVG: one line per group over the periods, gaps where a value is missing
 * or suppressed. Self-contained (no scripts, no remote resources), with <title> and <desc>, the
 * Okabe–Ito colours and a marker per point so the lines are readable in grey print.
 */
import { escapeXml, niceTicks, SERIES_COLOURS } from "@akutt/analysis";

export interface TrendSeries {
  label: string;
  /** One value per period, in the order of `periods`; null: no value (none, or suppressed). */
  values: ReadonlyArray<number | null>;
}

export interface TrendChartSpec {
  title: string;
  desc: string;
  periods: readonly string[];
  series: readonly TrendSeries[];
  yLabel: string;
  format: (value: number) => string;
  /** Draw the y axis from zero (shares, rates) rather than from the smallest value. */
  fromZero?: boolean;
}

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 56;
const RIGHT = 12;
const TOP = 16;
const BOTTOM = 56;

const round = (x: number) => String(Math.round(x * 10) / 10);

export function trendChartSvg(spec: TrendChartSpec): string {
  const values = spec.series.flatMap((series) => series.values.filter((value): value is number => value !== null && Number.isFinite(value)));
  const head = `<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="trend-title trend-desc"><title id="trend-title">${escapeXml(spec.title)}</title><desc id="trend-desc">${escapeXml(spec.desc)}</desc>`;
  if (values.length === 0 || spec.periods.length === 0) return `${head}<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">–</text></svg>`;
  let lo = spec.fromZero ? 0 : Math.min(...values);
  let hi = Math.max(...values);
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const ticks = niceTicks(lo, hi, 5);
  lo = Math.min(lo, ticks[0]!);
  hi = Math.max(hi, ticks[ticks.length - 1]!);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (i: number) => LEFT + (spec.periods.length === 1 ? plotWidth / 2 : (i / (spec.periods.length - 1)) * plotWidth);
  const y = (value: number) => TOP + (1 - (value - lo) / (hi - lo)) * (HEIGHT - TOP - BOTTOM);
  const parts: string[] = [head];
  for (const tick of ticks) parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="#d9d9d9"/><text x="${LEFT - 6}" y="${round(y(tick) + 4)}" text-anchor="end" font-size="11">${escapeXml(spec.format(tick))}</text>`);
  // At most about twelve period labels, so they do not overlap.
  const every = Math.max(1, Math.ceil(spec.periods.length / 12));
  spec.periods.forEach((period, i) => {
    // The end labels are anchored inwards so they are not cut at the chart's edges.
    const anchor = spec.periods.length === 1 ? "middle" : i === 0 ? "start" : i === spec.periods.length - 1 ? "end" : "middle";
    const last = spec.periods.length - 1;
    if ((i % every === 0 && last - i >= every) || i === last) parts.push(`<text x="${round(x(i))}" y="${HEIGHT - BOTTOM + 16}" text-anchor="${anchor}" font-size="11">${escapeXml(period)}</text>`);
  });
  parts.push(`<text x="12" y="${round((TOP + HEIGHT - BOTTOM) / 2)}" transform="rotate(-90 12 ${round((TOP + HEIGHT - BOTTOM) / 2)})" text-anchor="middle" font-size="11">${escapeXml(spec.yLabel)}</text>`);
  spec.series.forEach((series, s) => {
    const colour = SERIES_COLOURS[s % SERIES_COLOURS.length]!;
    // A path broken at every missing value: "M" starts a new segment after a gap.
    let d = "";
    let pen = false;
    series.values.forEach((value, i) => {
      if (value === null || !Number.isFinite(value)) return void (pen = false);
      d += `${pen ? "L" : "M"}${round(x(i))} ${round(y(value))}`;
      pen = true;
    });
    parts.push(`<g class="series"><title>${escapeXml(series.label)}</title>`);
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    series.values.forEach((value, i) => {
      if (value !== null && Number.isFinite(value)) parts.push(`<circle cx="${round(x(i))}" cy="${round(y(value))}" r="3" fill="${colour}"><title>${escapeXml(`${series.label}, ${spec.periods[i]}: ${spec.format(value)}`)}</title></circle>`);
    });
    parts.push("</g>");
    const legendX = LEFT + (s % 4) * 145;
    const legendY = HEIGHT - 24 + Math.floor(s / 4) * 14;
    parts.push(`<rect x="${legendX}" y="${legendY - 8}" width="10" height="10" fill="${colour}"/><text x="${legendX + 14}" y="${legendY + 1}" font-size="11">${escapeXml(series.label.slice(0, 22))}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
