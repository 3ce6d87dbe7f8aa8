import type { SimulationReport } from "./report.js";
import { headerLines, reportTables, type Table } from "./sections.js";

function pad(text: string, width: number, align: "l" | "r"): string {
  return align === "r" ? text.padStart(width) : text.padEnd(width);
}

function terminalTable(table: Table): string[] {
  const widths = table.headers.map((h, c) => Math.max(h.length, ...table.rows.map((row) => (row[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => pad(cell, widths[c]!, table.align[c] ?? "l"))
      .join("  ")
      .trimEnd();
  const out = [table.title, "=".repeat(table.title.length)];
  if (table.note) out.push(table.note);
  out.push(line(table.headers), widths.map((w) => "-".repeat(w)).join("  "));
  if (table.rows.length === 0) out.push("(none)");
  for (const row of table.rows) out.push(line(row));
  return out;
}

/** Plain-text report for a terminal: aligned columns, minutes with one decimal, no colours. */
export function renderTerminal(report: SimulationReport): string {
  const title = `Akutt simulation report: ${report.scenario.name}`;
  const blocks: string[][] = [[title, "#".repeat(title.length), ...headerLines(report)]];
  for (const table of reportTables(report)) blocks.push(terminalTable(table));
  return `${blocks.map((b) => b.join("\n")).join("\n\n")}\n`;
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** GitHub-flavoured Markdown report with the same content as the terminal one. */
export function renderMarkdown(report: SimulationReport): string {
  const out: string[] = [`# Akutt simulation report: ${markdownCell(report.scenario.name)}`, ""];
  for (const line of headerLines(report)) out.push(line.startsWith("  ") ? `  - ${markdownCell(line.trim())}` : `- ${markdownCell(line)}`);
  for (const table of reportTables(report)) {
    out.push("", `## ${table.title}`, "");
    if (table.note) out.push(markdownCell(table.note), "");
    out.push(`| ${table.headers.map(markdownCell).join(" | ")} |`);
    out.push(`| ${table.align.map((a) => (a === "r" ? "---:" : ":---")).join(" | ")} |`);
    for (const row of table.rows) out.push(`| ${row.map(markdownCell).join(" | ")} |`);
    if (table.rows.length === 0) out.push(`| ${table.headers.map(() => "").join(" | ")} |`);
  }
  return `${out.join("\n")}\n`;
}
