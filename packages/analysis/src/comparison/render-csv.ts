import type { ComparisonReport } from "./types.js";

export const PROJECTIONS_CSV_COLUMNS = [
  "growth_id",
  "year",
  "variant_id",
  "area_code",
  "area_name",
  "target_sec",
  "red_share_within_target",
  "ci_low",
  "ci_high",
  "margin_to_90pct",
  "change_from_first_year",
  "change_ci_low",
  "change_ci_high",
  "replications",
  "red_incidents_per_year_all_areas",
] as const;

const cell = (value: string | number | null): string => {
  if (value === null) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The projection rows as CSV (one row per growth alternative, year, variant and area; shares as
 * fractions, empty where undefined), for a spreadsheet. Null report section: only the header.
 */
export function renderProjectionsCsv(report: ComparisonReport): string {
  const lines = [PROJECTIONS_CSV_COLUMNS.join(",")];
  for (const row of report.projections?.rows ?? []) {
    for (const area of row.areas) {
      lines.push(
        [
          row.growthId,
          row.year,
          row.variantId,
          area.areaCode,
          area.areaName,
          area.targetSec,
          area.shareWithinTarget.mean,
          area.shareWithinTarget.ciLow,
          area.shareWithinTarget.ciHigh,
          area.marginToTarget.mean,
          area.changeFromFirstYear?.mean ?? null,
          area.changeFromFirstYear?.ciLow ?? null,
          area.changeFromFirstYear?.ciHigh ?? null,
          row.replications,
          row.redIncidentsPerYear.mean,
        ]
          .map(cell)
          .join(","),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
