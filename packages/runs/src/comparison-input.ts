import { textIn, type LocalText, type LoadedComparison } from "@akutt/model";
import type { ComparisonInput, ComparisonVariantInput, CostParameters } from "@akutt/analysis";
import { areaShapes, loadBoundaries } from "@akutt/geo";
import { resolveDataDir } from "@akutt/geo";
import type { ComparisonRuns, VariantRun } from "./compare-runs.js";
import { populationSources } from "./population-sources.js";

/** Attribution printed under the comparison maps. */
export const MAP_ATTRIBUTION = ["© Kartverket", "© Oslo kommune (bydeler)", "H3 cells: Uber H3"];

export function variantInput(run: VariantRun): ComparisonVariantInput {
  return {
    id: run.id,
    label: run.label,
    ...(run.labelNb !== undefined ? { labelNb: run.labelNb } : {}),
    description: run.description,
    ...(run.descriptionNb !== undefined ? { descriptionNb: run.descriptionNb } : {}),
    index: run.index,
    kpis: run.kpis,
    stationsByOrganisation: run.stationsByOrganisation,
    amkOrganisation: Object.fromEntries(run.scenario.amkCentres.map((amk) => [amk.id, amk.organisation])),
  };
}

/** The analysis input for a comparison that has been run (used by `akutt compare` and the web server). */
export function comparisonInput(comparison: LoadedComparison, runs: ComparisonRuns): ComparisonInput {
  const baseline = runs.baseline;
  return {
    name: textIn(comparison.name, "en"),
    ...(typeof comparison.name === "string" ? {} : { nameNb: comparison.name.nb }),
    description: textIn(comparison.description, "en"),
    ...(typeof comparison.description === "string" ? {} : { descriptionNb: comparison.description.nb }),
    seed: runs.seed,
    travelModel: baseline.travel,
    populationSources: populationSources(baseline.scenario),
    startIso: baseline.scenario.metadata.start,
    timeZone: "Europe/Oslo",
    baseline: variantInput(baseline),
    alternatives: runs.alternatives.map(variantInput),
    focusAreas: comparison.focusAreas,
    relevantDifferenceSec: comparison.relevantDifferenceSec,
    ...(comparison.costs ? { costs: costParameters(comparison.costs) } : {}),
    catchments: runs.catchments.map((row) => ({ organisationId: row.organisation, variantId: row.variant, areaCodes: row.areaCodes, population: row.population, areaKm2: row.areaKm2 })),
    catchmentNote: catchmentNote(runs, "en"),
    catchmentNoteNb: catchmentNote(runs, "nb"),
    factorial: runs.factorial.map((entry) => ({
      variantId: entry.variantId,
      baselineIndex: entry.baseline.index,
      baselineKpis: entry.baseline.kpis,
      alternativeIndex: entry.alternative.index,
      alternativeKpis: entry.alternative.kpis,
      factors: entry.factors.map(({ factor, file, run }) => ({ factor, file, index: run.index, kpis: run.kpis })),
    })),
    fleetNeeded: runs.fleetNeeded,
    sensitivity: runs.sensitivity.map((entry) => ({
      group: entry.group,
      settingLabel: entry.settingLabel,
      ...(entry.settingLabelNb !== undefined ? { settingLabelNb: entry.settingLabelNb } : {}),
      variantId: entry.variantId,
      baselineIndex: entry.baseline.index,
      baselineKpis: entry.baseline.kpis,
      variantIndex: entry.variant.index,
      variantKpis: entry.variant.kpis,
    })),
    ...(runs.projections
      ? {
          projections: {
            baseYear: runs.projections.baseYear,
            growth: runs.projections.growth.map((growth) => ({ id: growth.id, label: textIn(growth.label, "en"), ...(textIn(growth.label, "nb") !== textIn(growth.label, "en") ? { labelNb: textIn(growth.label, "nb") } : {}), perHeadGrowthPerYear: growth.perHeadGrowthPerYear })),
            notes: runs.projections.notes.en,
            notesNb: runs.projections.notes.nb,
            runs: runs.projections.runs.map((run) => ({ year: run.year, growthId: run.growthId, variants: run.variants.map((variant) => ({ variantId: variant.id, index: variant.index, kpis: variant.kpis })) })),
          },
        }
      : {}),
  };
}

/** Both languages of a text: the English text, and the bokmål one when it differs. */
function texts<K extends string>(key: K, text: LocalText): { [P in K]: string } & { [P in `${K}Nb`]?: string } {
  const en = textIn(text, "en");
  const nb = textIn(text, "nb");
  return { [key]: en, ...(nb !== en ? { [`${key}Nb`]: nb } : {}) } as { [P in K]: string } & { [P in `${K}Nb`]?: string };
}

function costParameters(costs: NonNullable<LoadedComparison["costs"]>): CostParameters {
  const { reference, transition, source, ...rates } = costs;
  return {
    ...rates,
    ...texts("source", source),
    ...(reference ? { reference: { ...reference, ...texts("source", reference.source) } } : {}),
    ...(transition.length > 0 ? { transition: transition.map((line) => ({ variants: [...line.variants], amount: line.amount, ...texts("item", line.item), ...texts("source", line.source) })) } : {}),
  };
}

function catchmentNote(runs: ComparisonRuns, language: "nb" | "en"): string | undefined {
  const first = runs.catchments[0];
  if (!first) return undefined;
  const withSea = [...new Set(runs.catchments.flatMap((row) => row.areaIncludesSea))];
  if (language === "nb") {
    return `Folketall 1. januar ${first.populationYear} (SSB, shared/data/population); areal fra grensepolygonene for 2024 (© Kartverket).${withSea.length > 0 ? ` Polygonene for Oslos bydeler (${withSea.join(", ")}) omfatter sjø, så arealet deres er for stort.` : ""}`;
  }
  return `Population 1 January ${first.populationYear} (SSB, shared/data/population); area from the 2024 boundary polygons (© Kartverket).${withSea.length > 0 ? ` The polygons of Oslo city districts (${withSea.join(", ")}) include sea, so their area is overstated.` : ""}`;
}

/** Shapes of every area in any variant, for the maps. */
export function mapShapes(runs: ComparisonRuns, dataDirFlag: string | undefined) {
  const all = [runs.baseline, ...runs.alternatives];
  // A whole (partOf) is drawn through its parts; its own boundary would cover them.
  const wholes = new Set(all.flatMap((run) => [...run.index.areaParent].filter((parent) => parent >= 0).map((parent) => run.index.areaCodes[parent]!)));
  const codes = [...new Set(all.flatMap((run) => run.index.areaCodes))].filter((code) => !wholes.has(code));
  const zones = all.flatMap((run) => run.scenario.zones);
  return areaShapes(codes, zones, loadBoundaries(resolveDataDir(dataDirFlag)));
}
