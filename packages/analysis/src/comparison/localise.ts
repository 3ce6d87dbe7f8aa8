import type { Language } from "./i18n.js";
import type { ComparisonReport } from "./types.js";

/**
 * The report with its free texts in one language: for bokmål, every text that has a bokmål twin
 * (`nameNb`, `labelNb`, `descriptionNb`, `limitationsNb`, `sourceNb`, `itemNb`, `noteNb`, `settingLabelNb`) is swapped in; English
 * keeps the English fields. The renderers call this, so report.json keeps both.
 */
export function localiseComparison(report: ComparisonReport, language: Language): ComparisonReport {
  if (language !== "nb") return report;
  return {
    ...report,
    comparison: { ...report.comparison, name: report.comparison.nameNb ?? report.comparison.name, description: report.comparison.descriptionNb ?? report.comparison.description },
    travelModel: { ...report.travelModel, limitations: report.travelModel.limitationsNb ?? report.travelModel.limitations },
    populationSources: report.populationSources.map((entry) => ({ ...entry, source: entry.sourceNb ?? entry.source })),
    variants: report.variants.map((variant) => ({ ...variant, label: variant.labelNb ?? variant.label, description: variant.descriptionNb ?? variant.description })),
    costs: report.costs
      ? {
          ...report.costs,
          parameters: {
            ...report.costs.parameters,
            source: report.costs.parameters.sourceNb ?? report.costs.parameters.source,
            ...(report.costs.parameters.reference ? { reference: { ...report.costs.parameters.reference, source: report.costs.parameters.reference.sourceNb ?? report.costs.parameters.reference.source } } : {}),
          },
          transition: report.costs.transition.map((row) => ({ ...row, items: row.items.map((line) => ({ ...line, item: line.itemNb ?? line.item, source: line.sourceNb ?? line.source })) })),
        }
      : null,
    catchments: report.catchments ? { ...report.catchments, note: report.catchments.noteNb ?? report.catchments.note } : null,
    sensitivity: report.sensitivity.map((row) => ({ ...row, settingLabel: row.settingLabelNb ?? row.settingLabel })),
  };
}
