import type { Table } from "../report/sections.js";
import { dictionary, type Language } from "./i18n.js";
import { localiseComparison } from "./localise.js";
import { deltaMinutes, deltaPoints, estimateMinutes, estimateShare, variantLabel } from "./tables.js";
import type { AreaRow, ComparisonReport } from "./types.js";

/** One comparison run with some workload mechanisms switched on (`akutt compare --mechanism-steps`). */
export interface MechanismStep {
  /** The mechanism this step adds to the previous one (null: the first step, none of them). */
  added: { id: string; label: { nb: string; en: string } } | null;
  report: ComparisonReport;
}

const TEXT = {
  nb: {
    none: "Uten noen av mekanismene",
    plus: "+",
    step: "Steg",
    todayTitle: "I dag: rød responstid per steg (median, min; andel innen 12 min; 95 % KI)",
    alternativeTitle: (label: string) => `${label} mot i dag per steg: endring i median (min) og i andel innen 12 min (prosentpoeng), rød; 95 % KI`,
    note: "Hvert steg legger én mekanisme til de forrige, for alle varianter, på de samme tilfeldige tallene. Forskjellen mellom to rader er det mekanismen gjorde.",
    median: "median",
    within12: "innen 12 min",
  },
  en: {
    none: "None of the mechanisms",
    plus: "+",
    step: "Step",
    todayTitle: "Today: red response per step (median, min; share within 12 min; 95 % CI)",
    alternativeTitle: (label: string) => `${label} against today per step: change in median (min) and in the share within 12 min (percentage points), red; 95 % CI`,
    note: "Each step adds one mechanism to the ones before, for every variant, on the same random numbers. The difference between two rows is what that mechanism did.",
    median: "median",
    within12: "within 12 min",
  },
} as const;

const redRows = (report: ComparisonReport): AreaRow[] => report.areas.filter((row) => row.urgency === "red" && row.focus);

/**
 * Tables of what each added mechanism did: today's red response per focus area at each step, then
 * for each alternative its paired difference from today at each step.
 */
export function mechanismStepTables(steps: readonly MechanismStep[], language: Language): Table[] {
  const d = dictionary(language);
  const text = TEXT[language];
  const first = steps[0];
  if (!first) return [];
  const stepName = (step: MechanismStep) => (step.added === null ? text.none : `${text.plus} ${step.added.label[language]}`);
  const areas = redRows(first.report).map((row) => ({ code: row.areaCode, name: row.areaName }));
  const rowFor = (report: ComparisonReport, code: string) => redRows(report).find((row) => row.areaCode === code);
  const headers = [text.step, ...areas.flatMap((area) => [`${area.name}: ${text.median}`, `${area.name}: ${text.within12}`])];
  const align: Array<"l" | "r"> = ["l", ...areas.flatMap(() => ["r", "r"] as const)];
  const tables: Table[] = [
    {
      title: text.todayTitle,
      note: text.note,
      headers,
      align,
      rows: steps.map((step) => {
        const baseId = step.report.variants[0]!.id;
        return [
          stepName(step),
          ...areas.flatMap((area) => {
            const figures = rowFor(step.report, area.code)?.variants.find((v) => v.variantId === baseId)?.figures;
            return figures ? [estimateMinutes(figures.responseMedianSec, d), estimateShare(figures.shareWithin12Min, d)] : ["–", "–"];
          }),
        ];
      }),
    },
  ];
  const localised = localiseComparison(first.report, language);
  for (const variant of localised.variants.slice(1)) {
    tables.push({
      title: text.alternativeTitle(variantLabel(localised, variant.id)),
      headers,
      align,
      rows: steps.map((step) => [
        stepName(step),
        ...areas.flatMap((area) => {
          const difference = rowFor(step.report, area.code)?.differences.find((x) => x.variantId === variant.id)?.differences;
          return difference ? [deltaMinutes(difference.responseMedianSec, d), deltaPoints(difference.shareWithin12Min, d)] : ["–", "–"];
        }),
      ]),
    });
  }
  return tables;
}

/** The step tables as Markdown, with a title naming the comparison. */
export function renderMechanismStepsMarkdown(steps: readonly MechanismStep[], language: Language): string {
  const first = steps[0];
  if (!first) return "";
  const report = localiseComparison(first.report, language);
  const title = language === "nb" ? "Hva hver mekanisme gjorde" : "What each mechanism did";
  const out = [`# ${title}: ${report.comparison.name}`, ""];
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  for (const table of mechanismStepTables(steps, language)) {
    out.push(`## ${cell(table.title)}`, "");
    if (table.note) out.push(cell(table.note), "");
    out.push(`| ${table.headers.map(cell).join(" | ")} |`, `| ${table.align.map((a) => (a === "r" ? "---:" : ":---")).join(" | ")} |`);
    for (const row of table.rows) out.push(`| ${row.map(cell).join(" | ")} |`);
    out.push("");
  }
  return `${out.join("\n")}`;
}
