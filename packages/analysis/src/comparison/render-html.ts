import { localiseComparison } from "./localise.js";
import type { Urgency } from "@akutt/model";
import type { Table } from "../report/sections.js";
import { dictionary, type Dictionary, type Language } from "./i18n.js";
import {
  DEFAULT_CODE_PROPERTIES,
  divergingScale,
  SEQUENTIAL_COLOURS,
  classedScale,
  dotChartSvg,
  escapeXml,
  fitProjection,
  mapSvg,
  matchBoundaries,
  resetSvgIds,
  type BoundaryCollection,
  type MapArea,
} from "./svg.js";
import { comparisonTables, formatNumber, formatSigned, minutesText, observedDaysText, precisionLines } from "./tables.js";
import type { AreaRow, ComparisonReport } from "./types.js";

export interface ComparisonHtmlOptions {
  /** Page language; default "nb" (bokmål first). */
  language?: Language;
  /** Municipality and city-district polygons (lon/lat) whose code property matches the report's area codes. */
  boundaries?: BoundaryCollection;
  /** Feature properties tried for the area code; default areaCode, code, kommunenummer, bydelskode. */
  codeProperties?: readonly string[];
  /** Attribution under every map; default ["© Kartverket"]. Add "© Oslo kommune" when bydel polygons are used. */
  attribution?: string[];
  /** Urgencies drawn on maps and charts; default red and yellow for charts, red for maps. */
  mapUrgencies?: Urgency[];
  chartUrgencies?: Urgency[];
}

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.45;font-size:15px}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.7rem;margin:0 0 .3rem}
h2{font-size:1.3rem;border-bottom:2px solid #1a1a1a;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
p,li{max-width:75ch}
.muted{color:#4a4a4a}
dl.variants{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.variants dt{font-weight:600}
dl.variants dd{margin:0}
.figures{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0 0 12px;break-inside:avoid;page-break-inside:avoid}
figcaption{font-size:.85rem;color:#333;max-width:680px;margin-top:4px}
svg text{font-family:inherit;fill:#1a1a1a}
svg .label{font-size:12px}
svg .tick{font-size:10px;fill:#333}
svg .map-label{font-size:10px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg .attribution{font-size:9px;fill:#333}
.table-wrap{overflow-x:auto;margin:0 0 1.2rem}
.table-wrap:focus{outline:2px solid #0072B2}
table{border-collapse:collapse;font-size:.82rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:700;font-size:.95rem;padding:.4rem 0;caption-side:top}
caption .note{display:block;font-weight:400;font-size:.8rem;color:#333;max-width:90ch}
th,td{border-bottom:1px solid #c8c8c8;padding:3px 8px;vertical-align:top}
thead th{border-bottom:2px solid #1a1a1a;text-align:left;background:#f2f2f2}
td.r,th.r{text-align:right;white-space:nowrap}
tbody th{font-weight:600;text-align:left}
tbody tr.group-start th,tbody tr.group-start td{border-top:1.5px solid #8a8a8a}
footer{margin-top:2rem;font-size:.8rem;color:#333;border-top:1px solid #c8c8c8;padding-top:.6rem}
@media print{
  @page{size:A4;margin:14mm}
  body{font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  main{max-width:none;padding:0}
  h2{break-after:avoid;page-break-after:avoid}
  .table-wrap{overflow:visible}
  table{font-size:7.5pt}
  thead{display:table-header-group}
  tr{break-inside:avoid;page-break-inside:avoid}
}
`;

function tableHtml(table: Table, id: string): string {
  const cls = (a: "l" | "r" | undefined) => (a === "r" ? ' class="r"' : "");
  const head = table.headers.map((h, c) => `<th scope="col"${cls(table.align[c])}>${escapeXml(h)}</th>`).join("");
  let previous: string | undefined;
  const body = table.rows
    .map((row) => {
      const groupStart = previous !== undefined && row[0] !== previous;
      previous = row[0];
      const cells = row.map((cell, c) => (c === 0 ? `<th scope="row">${escapeXml(cell)}</th>` : `<td${cls(table.align[c])}>${escapeXml(cell)}</td>`)).join("");
      return `<tr${groupStart ? ' class="group-start"' : ""}>${cells}</tr>`;
    })
    .join("\n");
  const note = table.note ? `<span class="note">${escapeXml(table.note)}</span>` : "";
  return `<div class="table-wrap" role="region" aria-labelledby="${id}" tabindex="0"><table><caption id="${id}">${escapeXml(table.title)}${note}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function areaRowsFor(report: ComparisonReport, urgency: Urgency): AreaRow[] {
  const rows = report.areas.filter((row) => row.urgency === urgency);
  if (report.focusAreas.length > 0) return rows.filter((row) => row.focus);
  return rows.filter((row) => row.variants.some((v) => (v.figures.incidents.mean ?? 0) > 0)).slice(0, 40);
}

function chartsHtml(report: ComparisonReport, d: Dictionary, urgencies: Urgency[]): string {
  const alternatives = report.variants.slice(1);
  const baseLabel = report.variants[0]!.label;
  const relevantMin = report.run.relevantDifferenceSec / 60;
  const out: string[] = [];
  for (const urgency of urgencies) {
    const rows = areaRowsFor(report, urgency);
    const overall = report.overall.find((o) => o.urgency === urgency)!;
    const all = [...rows.map((r) => ({ label: `${r.areaName} (${r.areaCode})`, differences: r.differences })), { label: d.allAreas, differences: overall.differences }];
    for (const figure of ["responseMedianSec", "shareWithin12Min"] as const) {
      const minutes = figure === "responseMedianSec";
      const scale = minutes ? 1 / 60 : 100;
      const title = minutes ? d.chartMedian(d.urgencies[urgency], baseLabel) : d.chartShare(d.urgencies[urgency], baseLabel);
      const descParts: string[] = [];
      const chartRows = all.map((row) => ({
        label: row.label,
        items: alternatives.map((alt, i) => {
          const p = row.differences.find((x) => x.variantId === alt.id)?.differences[figure];
          const mean = p?.mean ?? null;
          if (mean !== null) {
            const ci = p!.ciLow !== null && p!.ciHigh !== null ? ` [${formatSigned(p!.ciLow * scale, 1, d)}; ${formatSigned(p!.ciHigh * scale, 1, d)}]` : "";
            descParts.push(`${row.label}, ${alt.label}: ${formatSigned(mean * scale, 1, d)}${ci}`);
          }
          return { series: i, mean: mean === null ? null : mean * scale, low: p?.ciLow == null ? null : p.ciLow * scale, high: p?.ciHigh == null ? null : p.ciHigh * scale };
        }),
      }));
      const svg = dotChartSvg({
        title,
        desc: `${d.chartDesc}: ${descParts.join("; ")}.`,
        seriesLabels: alternatives.map((a) => a.label),
        rows: chartRows,
        relevant: minutes ? relevantMin : report.run.relevantDifferenceShare === null ? null : report.run.relevantDifferenceShare * 100,
        relevantLabel: d.relevantBand,
        format: (x) => formatSigned(x, Math.abs(x) < 1 && x !== 0 ? 1 : 0, d),
        axisLabel: minutes ? `${d.delta} ${d.minutes}` : `${d.delta} ${d.percentagePoints}`,
      });
      // The band is in the chart's own unit: minutes for the median, percentage points for the share.
      const share = report.run.relevantDifferenceShare;
      const band = minutes ? minutesText(report.run.relevantDifferenceSec, d) : share === null ? null : `${formatNumber(share * 100, 1, d)} ${d.percentagePoints}`;
      out.push(`<figure>${svg}<figcaption>${escapeXml(title)}. ${escapeXml(d.chartNote(band))}</figcaption></figure>`);
    }
  }
  return out.join("\n");
}

function mapsHtml(report: ComparisonReport, d: Dictionary, options: ComparisonHtmlOptions): string {
  const codes = new Map<string, string>();
  for (const row of report.areas) if (!codes.has(row.areaCode)) codes.set(row.areaCode, row.areaName);
  const areas = matchBoundaries(options.boundaries, codes, options.codeProperties ?? DEFAULT_CODE_PROPERTIES);
  if (areas.length === 0) return `<p class="muted">${escapeXml(d.noBoundaries)}</p>`;
  const focus = new Set(report.focusAreas);
  const extentAreas: MapArea[] = areas.some((a) => focus.has(a.code)) ? areas.filter((a) => focus.has(a.code)) : areas;
  const projection = fitProjection(extentAreas);
  if (!projection) return `<p class="muted">${escapeXml(d.noBoundaries)}</p>`;
  const attribution = options.attribution ?? ["© Kartverket"];
  const mapped = new Set(areas.map((a) => a.code));
  const out: string[] = [];
  const minutes = (sec: number) => `${formatNumber(sec / 60, 1, d)} ${d.minutes}`;
  for (const urgency of options.mapUrgencies ?? (["red"] as Urgency[])) {
    const rows = report.areas.filter((row) => row.urgency === urgency && mapped.has(row.areaCode));
    const urgencyLabel = d.urgencies[urgency];
    // Medians per variant, one shared scale.
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of rows) {
      for (const v of row.variants) {
        const m = v.present ? v.figures.responseMedianSec.mean : null;
        if (m !== null) (lo = Math.min(lo, m)), (hi = Math.max(hi, m));
      }
    }
    if (!Number.isFinite(lo)) continue;
    lo = Math.floor(lo / 60) * 60;
    hi = Math.max(lo + 60, Math.ceil(hi / 60) * 60);
    const sequential = classedScale(SEQUENTIAL_COLOURS, lo, hi, (x) => formatNumber(x / 60, 1, d));
    const medianMaps: string[] = [];
    report.variants.forEach((variant, vi) => {
      const values = new Map<string, number | null>();
      const labels = new Map<string, string>();
      for (const row of rows) {
        const v = row.variants[vi]!;
        const m = v.present ? v.figures.responseMedianSec.mean : null;
        values.set(row.areaCode, m);
        if (m !== null) labels.set(row.areaCode, minutes(m));
      }
      const title = d.mapMedian(urgencyLabel, variant.label);
      const desc = rows
        .filter((r) => focus.size === 0 || focus.has(r.areaCode))
        .map((r) => `${r.areaName}: ${labels.get(r.areaCode) ?? d.noData}`)
        .join("; ");
      medianMaps.push(`<figure>${mapSvg({ title, desc, areas, projection, values, valueLabels: labels, scale: sequential, focus, noDataLabel: d.noData, attribution })}<figcaption>${escapeXml(title)} (${d.minutes})</figcaption></figure>`);
    });
    out.push(`<h3>${escapeXml(d.mapMedian(urgencyLabel, "").replace(/,\s*$/, ""))}</h3><div class="figures">${medianMaps.join("\n")}</div>`);
    // Differences against the baseline, one symmetric diverging scale.
    let maxAbs = report.run.relevantDifferenceSec;
    for (const row of rows) for (const diff of row.differences) maxAbs = Math.max(maxAbs, Math.abs(diff.differences.responseMedianSec.mean ?? 0));
    const diverging = divergingScale(maxAbs, (x) => formatSigned(x / 60, Number.isInteger((x / 60) * 10) ? 1 : 2, d));
    const diffMaps: string[] = [];
    report.variants.slice(1).forEach((variant) => {
      const values = new Map<string, number | null>();
      const labels = new Map<string, string>();
      for (const row of rows) {
        const p = row.differences.find((x) => x.variantId === variant.id)?.differences.responseMedianSec;
        const m = p?.mean ?? null;
        values.set(row.areaCode, m);
        if (m !== null) labels.set(row.areaCode, `${formatSigned(m / 60, 1, d)} ${d.minutes}`);
      }
      const title = d.mapDifference(urgencyLabel, variant.label, report.variants[0]!.label);
      const desc = rows
        .filter((r) => focus.size === 0 || focus.has(r.areaCode))
        .map((r) => `${r.areaName}: ${labels.get(r.areaCode) ?? d.noData}`)
        .join("; ");
      diffMaps.push(`<figure>${mapSvg({ title, desc, areas, projection, values, valueLabels: labels, scale: diverging, focus, noDataLabel: d.noData, attribution, lowLabel: d.faster, highLabel: d.slower, allEdges: true })}<figcaption>${escapeXml(title)}</figcaption></figure>`);
    });
    if (diffMaps.length > 0) out.push(`<p class="muted">${escapeXml(d.mapNote)}</p><div class="figures">${diffMaps.join("\n")}</div>`);
  }
  return out.join("\n");
}

/**
 * A self-contained HTML page for a board paper: no scripts, no external fonts, images, tiles or
 * style sheets; inline CSS and inline SVG only. Title, what was compared, method and precision,
 * the travel model and its limitations, maps (when boundaries are given), charts of the paired
 * differences with confidence intervals, every table, definitions and attribution. Prints to A4.
 */
export function renderComparisonHtml(source: ComparisonReport, options: ComparisonHtmlOptions = {}): string {
  resetSvgIds();
  const d = dictionary(options.language ?? "nb");
  const report = localiseComparison(source, d.lang);
  const { run } = report;
  const title = `${d.comparison}: ${report.comparison.name}`;
  const variants = report.variants
    .map((v) => `<dt>${escapeXml(v.label)}${v.baseline ? ` <span class="muted">(${escapeXml(d.baseline)})</span>` : ""}</dt><dd>${escapeXml(v.description || v.id)}</dd>`)
    .join("\n");
  const limitations = report.travelModel.limitations.map((l) => `<li>${escapeXml(l)}</li>`).join("");
  const tables = comparisonTables(report, d)
    .slice(1)
    .map((t, i) => tableHtml(t, `table-${i + 1}`))
    .join("\n");
  const attribution = options.attribution ?? ["© Kartverket"];
  const html = [
    "<!DOCTYPE html>",
    `<html lang="${d.lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    "<header>",
    `<h1>${escapeXml(title)}</h1>`,
    report.comparison.description ? `<p>${escapeXml(report.comparison.description)}</p>` : "",
    "</header>",
    `<section aria-labelledby="s-compared"><h2 id="s-compared">${escapeXml(d.whatWasCompared)}</h2><dl class="variants">${variants}</dl></section>`,
    `<section aria-labelledby="s-method"><h2 id="s-method">${escapeXml(d.method)}</h2>`,
    `<p>${escapeXml(d.methodText(run.replications, Math.round(run.confidenceLevel * 100), run.seed))}</p>`,
    `<p>${escapeXml(d.relevantText(minutesText(run.relevantDifferenceSec, d)))}</p>`,
    `<p>${escapeXml(d.countsLine(observedDaysText(report, d)))}</p>`,
    `<h3>${escapeXml(d.precision)}</h3><ul>${precisionLines(report, d)
      .map((l) => `<li>${escapeXml(l)}</li>`)
      .join("")}</ul>`,
    `<h3>${escapeXml(d.travelModel)}</h3><p>${escapeXml(report.travelModel.name)}</p>`,
    limitations ? `<p>${escapeXml(d.limitations)}:</p><ul>${limitations}</ul>` : "",
    report.populationSources.length > 0 ? `<h3>${escapeXml(d.populationSources)}</h3><ul>${report.populationSources.map((entry) => `<li>${escapeXml(entry.source)}</li>`).join("")}</ul>` : "",
    "</section>",
    `<section aria-labelledby="s-maps"><h2 id="s-maps">${escapeXml(d.maps)}</h2>${mapsHtml(report, d, options)}</section>`,
    `<section aria-labelledby="s-charts"><h2 id="s-charts">${escapeXml(d.charts)}</h2>${chartsHtml(report, d, options.chartUrgencies ?? ["red", "yellow"])}</section>`,
    `<section aria-labelledby="s-tables"><h2 id="s-tables">${escapeXml(d.tables)}</h2>${tables}</section>`,
    `<section aria-labelledby="s-definitions"><h2 id="s-definitions">${escapeXml(d.definitions)}</h2><ul>${d.definitionLines.map((l) => `<li>${escapeXml(l)}</li>`).join("")}</ul></section>`,
    `<footer><p>${escapeXml(d.attributionNote)}: ${escapeXml(attribution.join(" · "))}.</p><p>${escapeXml(d.generatedBy)}</p></footer>`,
    "</main>",
    "</body>",
    "</html>",
  ];
  return `${html.filter((line) => line !== "").join("\n")}\n`;
}
