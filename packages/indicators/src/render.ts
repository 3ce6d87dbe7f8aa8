/**
 * Indicator tables as text (the terminal), CSV and a self-contained HTML page. The exports (CSV,
 * HTML) and the web page suppress every row that rests on fewer than MIN_EVENTS_SHOWN events:
 * its event count shows "<5" and its figures are blank, and the file says so. The terminal table
 * is for analysts who already hold the warehouse, so it shows every figure and marks small rows.
 */
import { escapeXml } from "@akutt/analysis";
import { GROUP_LABELS, MIN_EVENTS_SHOWN, PERIOD_LABELS, type ColumnSpec, type ColumnUnit, type Language } from "./definitions.js";
import type { IndicatorRow, IndicatorTable } from "./queries.js";
import { trendChartSvg, type TrendChartSpec } from "./trend-chart.js";

export const SUPPRESSED = `<${MIN_EVENTS_SHOWN}`;

export const isSuppressed = (row: IndicatorRow): boolean => row.events < MIN_EVENTS_SHOWN;

const DECIMALS: Readonly<Record<ColumnUnit, number>> = { min: 1, s: 0, share: 1, count: 0, per1000: 1, h: 1 };

/** A value for people: decimal comma in bokmål, shares as per cent. */
export function formatValue(value: number | null, unit: ColumnUnit, language: Language): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const shown = unit === "share" ? value * 100 : value;
  const text = shown.toLocaleString(language === "nb" ? "nb-NO" : "en-GB", { minimumFractionDigits: DECIMALS[unit], maximumFractionDigits: DECIMALS[unit] });
  return unit === "share" ? `${text} %` : text;
}

const CLASS_LABELS = { tettbygd: { nb: "tettbygd", en: "tettbygd" }, grisgrendt: { nb: "grisgrendt", en: "grisgrendt" }, mixed: { nb: "blandet", en: "mixed" } } as const;
const classLabel = (row: IndicatorRow, language: Language) => (row.areaClass === null ? "" : CLASS_LABELS[row.areaClass][language]);
const groupName = (row: IndicatorRow, language: Language) => (row.key === "" ? (language === "nb" ? "(ukjent)" : "(unknown)") : row.name && row.name !== row.key ? `${row.name} (${row.key})` : row.key);

const SUPPRESSION_NOTE = {
  nb: `Rader med færre enn ${MIN_EVENTS_SHOWN} hendelser er skjult («${SUPPRESSED}», tomme tall) for å verne personopplysninger.`,
  en: `Rows with fewer than ${MIN_EVENTS_SHOWN} events are suppressed ("${SUPPRESSED}", figures blank) to protect personal data.`,
};

function header(table: IndicatorTable, language: Language): string[] {
  const events = language === "nb" ? "Hendelser" : "Events";
  return [PERIOD_LABELS[table.by][language], GROUP_LABELS[table.group][language], language === "nb" ? "Klasse" : "Class", events, ...table.definition.columns.map((column) => column[language])];
}

function cells(table: IndicatorTable, row: IndicatorRow, language: Language, suppress: boolean): string[] {
  const hidden = suppress && isSuppressed(row);
  return [
    row.period,
    groupName(row, language),
    classLabel(row, language),
    hidden ? SUPPRESSED : formatValue(row.events, "count", language),
    ...table.definition.columns.map((column) => (hidden ? "" : formatValue(row.values[column.key] ?? null, column.unit, language))),
  ];
}

/** Aligned text tables, one per indicator, with every figure (rows under the export threshold marked *). */
export function renderText(tables: readonly IndicatorTable[], language: Language): string {
  const out: string[] = [];
  for (const table of tables) {
    const head = header(table, language);
    const rows = table.rows.map((row) => {
      const line = cells(table, row, language, false);
      if (isSuppressed(row)) line[3] = `${line[3]}*`;
      return line;
    });
    const widths = head.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
    const line = (row: string[]) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
    out.push(`${table.definition[language]} — ${table.definition[language === "nb" ? "definitionNb" : "definitionEn"]}`, line(head), ...rows.map(line));
    if (table.rows.length === 0) out.push(language === "nb" ? "(ingen hendelser)" : "(no events)");
    const notes = [...table.notes[language]];
    if (table.rows.some(isSuppressed)) notes.push(language === "nb" ? `* færre enn ${MIN_EVENTS_SHOWN} hendelser: skjult i CSV, HTML og på nettsiden.` : `* fewer than ${MIN_EVENTS_SHOWN} events: suppressed in CSV, HTML and on the web page.`);
    out.push(...notes.map((note) => `- ${note}`), "");
  }
  return out.join("\n");
}

export const CSV_COLUMNS = ["indicator", "period", "group_kind", "group", "group_name", "area_class", "events", "measure", "unit", "value"] as const;

const csvCell = (text: string): string => (/[",\r\n#]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * A text cell a spreadsheet will not run as a formula: names and keys come from the imported
 * extract, so one starting with = + - @ (or a tab or carriage return) gets a leading apostrophe.
 */
const csvTextCell = (text: string): string => csvCell(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Machine-readable decimals: '.' as separator, shares as fractions, enough digits to recompute nothing wrongly. */
const CSV_DECIMALS: Readonly<Record<ColumnUnit, number>> = { min: 3, s: 1, share: 4, count: 0, per1000: 3, h: 2 };

/**
 * Tidy CSV: one line per indicator, period, group and measure (a spreadsheet pivots it back), after
 * comment lines starting with "#" that name the indicators, their sources and the suppression rule.
 */
export function renderCsv(tables: readonly IndicatorTable[], language: Language): string {
  const lines: string[] = [];
  const comment = (text: string) => lines.push(`# ${text.replace(/[\r\n]+/g, " ")}`);
  for (const table of tables) comment(`${table.definition.id}: ${table.definition[language === "nb" ? "definitionNb" : "definitionEn"]}`);
  comment(SUPPRESSION_NOTE[language]);
  for (const table of tables) for (const note of table.notes[language]) comment(`${table.definition.id}: ${note}`);
  lines.push(CSV_COLUMNS.join(","));
  for (const table of tables) {
    for (const row of table.rows) {
      const hidden = isSuppressed(row);
      const prefix = [table.definition.id, row.period, table.group, row.key, row.name, row.areaClass ?? "", hidden ? SUPPRESSED : String(row.events)];
      for (const column of table.definition.columns) {
        const value = row.values[column.key] ?? null;
        const text = hidden || value === null || !Number.isFinite(value) ? "" : String(Number(value.toFixed(CSV_DECIMALS[column.unit])));
        lines.push([...prefix.map(csvTextCell), csvTextCell(column.key), csvTextCell(column.unit), csvCell(text)].join(","));
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Most series a trend chart draws: the groups with the most events. */
export const MAX_TREND_SERIES = 7;

/** The trend chart of one table: its trend column per period for the groups with the most events; suppressed values are gaps. */
export function trendSpec(table: IndicatorTable, language: Language): TrendChartSpec {
  const column = table.definition.columns.find((c) => c.key === table.definition.trendColumn) as ColumnSpec;
  const periods = [...new Set(table.rows.map((row) => row.period))].sort();
  const totals = new Map<string, number>();
  for (const row of table.rows) totals.set(row.key, (totals.get(row.key) ?? 0) + row.events);
  const keys = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_TREND_SERIES).map(([key]) => key);
  const series = keys.map((key) => {
    const rows = table.rows.filter((row) => row.key === key);
    const first = rows[0]!;
    return { label: groupName(first, language), values: periods.map((period) => { const row = rows.find((r) => r.period === period); return row && !isSuppressed(row) ? (row.values[column.key] ?? null) : null; }).map((v) => (v !== null && column.unit === "share" ? v * 100 : v)) };
  });
  const shown = keys.length < totals.size ? (language === "nb" ? ` De ${keys.length} gruppene med flest hendelser av ${totals.size}.` : ` The ${keys.length} groups with the most events of ${totals.size}.`) : "";
  return {
    title: `${table.definition[language]}: ${column[language]}`,
    desc: `${column[language]} ${language === "nb" ? "per" : "by"} ${PERIOD_LABELS[table.by][language].toLowerCase()} ${language === "nb" ? "og" : "and"} ${GROUP_LABELS[table.group][language].toLowerCase()}.${shown} ${SUPPRESSION_NOTE[language]}`,
    periods,
    series,
    yLabel: column.unit === "share" ? "%" : column[language],
    format: (value) => formatValue(column.unit === "share" ? value / 100 : value, column.unit, language),
    fromZero: column.unit === "share" || column.unit === "per1000",
  };
}

export interface HtmlOptions {
  language: Language;
  /** Shown under the title: what was read (the warehouse file name, not its path). */
  sourceLabel: string;
  /** When the page was made (ISO); given by the caller so output is reproducible. */
  generatedIso: string;
}

/** A self-contained page: per indicator its definition, the trend chart and the table, all suppressed. */
export function renderHtml(tables: readonly IndicatorTable[], options: HtmlOptions): string {
  const { language } = options;
  const title = language === "nb" ? "Kvalitetsindikatorer" : "Quality indicators";
  const sections = tables.map((table, t) => {
    const head = header(table, language).map((cell, i) => `<th scope="col"${i >= 3 ? ' class="num"' : ""}>${escapeXml(cell)}</th>`).join("");
    const body = table.rows
      .map((row) => `<tr${isSuppressed(row) ? ' class="suppressed"' : ""}>${cells(table, row, language, true).map((cell, i) => (i === 0 ? `<th scope="row">${escapeXml(cell)}</th>` : `<td${i >= 3 ? ' class="num"' : ""}>${escapeXml(cell)}</td>`)).join("")}</tr>`)
      .join("\n");
    const chart = trendChartSvg(trendSpec(table, language)).replace(/trend-(title|desc)/g, `trend-$1-${t}`);
    const notes = table.notes[language].map((note) => `<li>${escapeXml(note)}</li>`).join("");
    return `<section><h2>${escapeXml(table.definition[language])}</h2>
<p>${escapeXml(table.definition[language === "nb" ? "definitionNb" : "definitionEn"])}</p>
<figure>${chart}</figure>
<table><caption>${escapeXml(`${table.definition[language]} ${language === "nb" ? "per" : "by"} ${PERIOD_LABELS[table.by][language].toLowerCase()} ${language === "nb" ? "og" : "and"} ${GROUP_LABELS[table.group][language].toLowerCase()}`)}</caption>
<thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>${notes ? `<ul class="notes">${notes}</ul>` : ""}</section>`;
  });
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;max-width:960px;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}tr.suppressed td{color:#555}caption{text-align:left;font-weight:600}svg{max-width:100%;height:auto}.notice{background:#f4f4f4;padding:.5rem 1rem;border-left:4px solid #0072B2}@media print{body{margin:0}section{break-inside:avoid}}</style>
</head><body>
<h1>${title}</h1>
<p>${escapeXml(options.sourceLabel)} · ${escapeXml(options.generatedIso)}</p>
<p class="notice">${escapeXml(SUPPRESSION_NOTE[language])}</p>
${sections.join("\n")}
</body></html>
`;
}
