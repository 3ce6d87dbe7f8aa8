import { optimisationTables } from "./optimisation-tables.js";
import { localiseComparison } from "./localise.js";
import type { Table } from "../report/sections.js";
import { dictionary, type Dictionary, type Language } from "./i18n.js";
import {
  comparisonTables,
  estimateCount,
  estimateShare,
  formatInteger,
  formatNumber,
  formatSigned,
  minutesText,
  observedDaysText,
  precisionLines,
  projectionTables,
  variantLabel,
} from "./tables.js";
import type { AreaRow, ComparisonReport, OverallRow, PairedEstimate } from "./types.js";

const DASH = "–";

function pad(text: string, width: number, align: "l" | "r"): string {
  const length = [...text].length;
  return align === "r" ? " ".repeat(Math.max(0, width - length)) + text : text + " ".repeat(Math.max(0, width - length));
}

function terminalTable(table: Table): string[] {
  const len = (s: string) => [...s].length;
  const widths = table.headers.map((h, c) => Math.max(len(h), ...table.rows.map((row) => len(row[c] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => pad(cell, widths[c]!, table.align[c] ?? "l"))
      .join("  ")
      .trimEnd();
  const out = [table.title, "=".repeat(len(table.title))];
  if (table.note) out.push(table.note);
  out.push(line(table.headers), widths.map((w) => "-".repeat(w)).join("  "));
  if (table.rows.length === 0) out.push("(none)");
  for (const row of table.rows) out.push(line(row));
  return out;
}

/** Header lines shared by the text renderers: what was run, how, and how precise it is. */
export function comparisonHeaderLines(report: ComparisonReport, d: Dictionary): string[] {
  const { run } = report;
  const level = Math.round(run.confidenceLevel * 100);
  const lines = [
    d.methodText(run.replications, level, run.seed),
    d.relevantText(minutesText(run.relevantDifferenceSec, d)),
    d.countsLine(observedDaysText(report, d)),
    `${d.travelModel}: ${report.travelModel.name}`,
    ...report.travelModel.limitations.map((l) => `  ${d.limitations.toLowerCase()}: ${l}`),
    ...(report.populationSources.length > 0 ? [`${d.populationSources}:`, ...report.populationSources.map((entry) => `  ${entry.source}`)] : []),
    ...precisionLines(report, d),
  ];
  if (report.comparison.description) lines.unshift(report.comparison.description);
  return lines;
}

/** Compact "value Δ±half-width" cell for the terminal. */
function compactCell(value: string, p: PairedEstimate | undefined, scale: number, d: Dictionary): string {
  if (!p || p.mean === null) return value;
  const delta = formatSigned(p.mean * scale, 1, d);
  const hw = p.halfWidth === null ? "" : `±${formatNumber(p.halfWidth * scale, 1, d)}`;
  return `${value} ${delta}${hw}`;
}

type Figure = "responseMedianSec" | "shareWithin12Min";

function compactTable(report: ComparisonReport, rows: Array<AreaRow | OverallRow>, urgency: string, figure: Figure, d: Dictionary): Table {
  const minutes = figure === "responseMedianSec";
  const baseLabel = report.variants[0]!.label;
  const title = minutes
    ? `${d.urgencies[urgency as "red"]} — ${d.median} (${d.minutes}); Δ ${d.against} ${baseLabel} ± 95 %`
    : `${d.urgencies[urgency as "red"]} — ${d.within12} (%); Δ ${d.percentagePoints} ± 95 %`;
  return {
    title: title.charAt(0).toUpperCase() + title.slice(1),
    headers: [d.area, ...report.variants.map((v) => v.label)],
    align: ["l", ...report.variants.map(() => "r" as const)],
    rows: rows.map((row) => [
      "areaCode" in row ? `${row.areaName} (${row.areaCode})` : d.allAreas,
      ...row.variants.map((v) => {
        if (!v.present) return d.notInVariant;
        const e = v.figures[figure];
        if (e.mean === null) return DASH;
        const value = minutes ? formatNumber(e.mean / 60, 1, d) : formatNumber(e.mean * 100, 1, d);
        const diff = row.differences.find((x) => x.variantId === v.variantId)?.differences[figure];
        return compactCell(value, diff, minutes ? 1 / 60 : 100, d);
      }),
    ]),
  };
}

/**
 * A compact side-by-side view for a terminal: focus areas (all areas with incidents when none are
 * set) × red and yellow, median and share within 12 min, each alternative with its change against
 * the baseline ± the 95 % half-width; then the per-trust figures.
 */
export function renderComparisonTerminal(source: ComparisonReport, options: { language?: Language } = {}): string {
  const d = dictionary(options.language ?? "en");
  const report = localiseComparison(source, d.lang);
  const title = `Akutt ${d.comparison.toLowerCase()}: ${report.comparison.name}`;
  const blocks: string[][] = [[title, "#".repeat([...title].length), ...comparisonHeaderLines(report, d)]];
  blocks.push(report.variants.map((v) => `${v.label}: ${v.description || v.id}${v.baseline ? ` (${d.baseline})` : ""}`));
  for (const urgency of ["red", "yellow"] as const) {
    const areaRows = report.areas.filter(
      (row) => row.urgency === urgency && (report.focusAreas.length > 0 ? row.focus : row.variants.some((v) => (v.figures.incidents.mean ?? 0) > 0)),
    );
    const overall = report.overall.find((row) => row.urgency === urgency)!;
    for (const figure of ["responseMedianSec", "shareWithin12Min"] as const) blocks.push(terminalTable(compactTable(report, [...areaRows, overall], urgency, figure, d)));
  }
  const currency = report.costs?.parameters.currency;
  blocks.push(
    terminalTable({
      title: d.organisations,
      note: `${d.organisationsNote} ${d.given}, ${d.received}, ${d.calls}: ${d.countPeriod(observedDaysText(report, d))}.`,
      headers: [d.organisation, d.variant, d.ambulanceUtilisation, d.given, d.received, d.calls, d.answered10s, d.ambulanceHoursYear, d.stations, ...(currency ? [`${d.costYear} (${currency})`] : [])],
      align: ["l", "l", "r", "r", "r", "r", "r", "r", "r", ...(currency ? (["r"] as const) : [])],
      rows: report.organisations.flatMap((o) =>
        o.variants.map((v) => [
          o.organisationName,
          variantLabel(report, v.variantId),
          estimateShare(v.figures.ambulanceUtilisation, d, false),
          estimateCount(v.figures.crossBorderGiven, d),
          estimateCount(v.figures.crossBorderReceived, d),
          estimateCount(v.figures.amkCalls, d),
          v.figures.amkShareAnsweredWithin10s ? estimateShare(v.figures.amkShareAnsweredWithin10s, d, false) : DASH,
          estimateCount(v.figures.ambulanceHoursPerYear, d, 0),
          v.figures.stations === null ? DASH : String(v.figures.stations),
          ...(currency ? [v.figures.costPerYear?.total != null ? formatInteger(v.figures.costPerYear.total) : DASH] : []),
        ]),
      ),
    }),
  );
  // The fairness tables, when the comparison has them, in full (they are the conclusion's evidence).
  for (const table of comparisonTables(report, d)) if (table.title === d.factorial || table.title === d.fleetNeeded) blocks.push(terminalTable(table));
  for (const table of optimisationTables(report, d)) blocks.push(terminalTable(table));
  for (const table of projectionTables(report, d)) blocks.push(terminalTable(table));
  return `${blocks.map((b) => b.join("\n")).join("\n\n")}\n`;
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The full comparison as GitHub-flavoured Markdown: header, method, precision, then every table. */
export function renderComparisonMarkdown(source: ComparisonReport, options: { language?: Language } = {}): string {
  const d = dictionary(options.language ?? "en");
  const report = localiseComparison(source, d.lang);
  const out: string[] = [`# Akutt ${d.comparison.toLowerCase()}: ${markdownCell(report.comparison.name)}`, ""];
  if (report.comparison.description) out.push(markdownCell(report.comparison.description), "");
  const { run } = report;
  out.push(`## ${d.method}`, "", markdownCell(d.methodText(run.replications, Math.round(run.confidenceLevel * 100), run.seed)), "");
  out.push(markdownCell(d.relevantText(minutesText(run.relevantDifferenceSec, d))), "");
  out.push(markdownCell(d.countsLine(observedDaysText(report, d))), "");
  out.push(`### ${d.precision}`, "");
  for (const line of precisionLines(report, d)) out.push(`- ${markdownCell(line)}`);
  out.push("", `### ${d.travelModel}`, "", markdownCell(report.travelModel.name), "");
  for (const l of report.travelModel.limitations) out.push(`- ${markdownCell(l)}`);
  if (report.populationSources.length > 0) {
    out.push("", `### ${d.populationSources}`, "");
    for (const entry of report.populationSources) out.push(`- ${markdownCell(entry.source)}`);
  }
  for (const table of comparisonTables(report, d)) {
    out.push("", `## ${markdownCell(table.title)}`, "");
    if (table.note) out.push(markdownCell(table.note), "");
    out.push(`| ${table.headers.map(markdownCell).join(" | ")} |`);
    out.push(`| ${table.align.map((a) => (a === "r" ? "---:" : ":---")).join(" | ")} |`);
    for (const row of table.rows) out.push(`| ${row.map(markdownCell).join(" | ")} |`);
    if (table.rows.length === 0) out.push(`| ${table.headers.map(() => "").join(" | ")} |`);
  }
  out.push("", `## ${d.definitions}`, "");
  // report.json's definitions are English; the bokmål Markdown shows the dictionary's, as the HTML does.
  if (d.lang === "nb") for (const line of d.definitionLines) out.push(`- ${markdownCell(line)}`);
  else for (const [key, text] of Object.entries(report.definitions)) out.push(`- **${key}**: ${markdownCell(text)}`);
  return `${out.join("\n")}\n`;
}
