import type { Estimate } from "../report/report.js";
import type { Table } from "../report/sections.js";
import type { Dictionary } from "./i18n.js";
import { deltaMinutes, deltaPoints, estimateShare, formatNumber, variantLabel } from "./tables.js";
import type { ComparisonReport, OptimisedAreaFigures, OptimisedSite, PairedEstimate, SimulatedDifference } from "./types.js";

const DASH = "–";

/** A confidence level as "99.2 %". */
function levelText(level: number, d: Dictionary): string {
  return `${formatNumber(level * 100, level * 100 === Math.round(level * 100) ? 0 : 2, d)} %`;
}

/** "+1.2 [+0.3; +2.1]*": the star when the interval excludes 0 (a real difference). */
function starred(text: string, p: PairedEstimate): string {
  return p.ciLow !== null && p.ciHigh !== null && (p.ciLow > 0 || p.ciHigh < 0) ? `${text}*` : text;
}

const points = (p: PairedEstimate, d: Dictionary) => starred(deltaPoints(p, d), p);
const minutes = (p: PairedEstimate, d: Dictionary) => starred(deltaMinutes(p, d), p);
const verdict = (difference: SimulatedDifference | null, d: Dictionary) => (difference === null ? DASH : d.optimisation.verdicts[difference.verdict]);
/** An area's share, then its paired differences from the reference (share, median), "–" without a reference. */
const areaFigures = (area: { shareWithinTarget: Estimate; vsReference: OptimisedAreaFigures["vsReference"] }, d: Dictionary) => [
  estimateShare(area.shareWithinTarget, d),
  area.vsReference ? points(area.vsReference.shareWithinTarget, d) : DASH,
  area.vsReference ? minutes(area.vsReference.responseMedianSec, d) : DASH,
];

/** The focus areas of the report that the section has figures for, in the report's order (all of them when it has no focus). */
function shownAreas(report: ComparisonReport, areas: OptimisedAreaFigures[]): OptimisedAreaFigures[] {
  if (report.focusAreas.length === 0) return areas;
  return report.focusAreas.flatMap((code) => areas.filter((area) => area.areaCode === code));
}

function siteName(site: OptimisedSite, d: Dictionary): string {
  return d.lang === "nb" ? (site.labelNb ?? site.label) : site.label;
}

function sourceName(site: OptimisedSite, d: Dictionary): string {
  return site.source === "mip" ? d.optimisation.sources.mip(site.mipRank ?? 0) : d.optimisation.sources[site.source];
}

/** The optimisation section's tables (none when the comparison ran no optimisation). */
export function optimisationTables(report: ComparisonReport, d: Dictionary): Table[] {
  const section = report.optimisation;
  if (!section) return [];
  const o = d.optimisation;
  const label = (id: string) => variantLabel(report, id);
  const tables: Table[] = [];
  for (const siting of section.siting) {
    const ranked = [...siting.sites].sort((a, b) => a.simulatedRank - b.simulatedRank);
    const note = o.sitingNote({
        variant: label(siting.variantId),
        zones: String(siting.candidateZones),
        areas: siting.siteAreas.join(", "),
        owner: siting.owner,
        borderRule: siting.borderRule,
        busyFraction: formatNumber(siting.busyFraction, 2, d),
        replications: String(siting.replications),
        levelDefault: levelText(siting.levels.vsDefault, d),
        levelBest: levelText(siting.levels.vsBest, d),
        levelAreas: levelText(siting.levels.areas, d),
        solveSec: formatNumber(siting.solveSec, 1, d),
      });
    tables.push({
      title: o.sitingTitle(siting.stationId),
      note,
      headers: [o.simulatedRank, o.site, o.source, o.mipObjective, o.shareAll, o.deltaShareVsDefault, o.deltaMedianVsDefault, o.vsBest],
      align: ["r", "l", "l", "r", "r", "r", "r", "l"],
      rows: ranked.map((site) => [
        String(site.simulatedRank),
        `${siteName(site, d)}${site.zoneId ? ` (${site.zoneId})` : ""}, ${formatNumber(site.lat, 4, d)}; ${formatNumber(site.lon, 4, d)}`,
        sourceName(site, d),
        site.mipObjective === null ? DASH : `${formatNumber(site.mipObjective * 100, 3, d)} %`,
        estimateShare(site.shareWithinTarget, d),
        site.vsDefault ? points(site.vsDefault.shareWithinTarget, d) : DASH,
        site.vsDefault ? minutes(site.vsDefault.responseMedianSec, d) : DASH,
        verdict(site.vsBest, d),
      ]),
    });
    tables.push({
      title: o.sitingAreasTitle(siting.stationId),
      note,
      headers: [o.site, d.area, o.share, o.deltaShareVsDefault, o.deltaMedianVsDefault],
      align: ["l", "l", "r", "r", "r"],
      rows: ranked.flatMap((site) =>
        shownAreas(report, site.areas).map((area) => [siteName(site, d), `${area.areaName} (${area.areaCode})`, ...areaFigures(area, d)]),
      ),
    });
  }
  if (section.standby.length > 0) {
    const first = section.standby[0]!;
    tables.push({
      title: o.standbyTitle,
      note: o.standbyNote(first.policy, String(first.replications), levelText(first.levels.overall, d), levelText(first.levels.areas, d)),
      headers: [d.variant, o.replaced, d.area, o.shareWithout, o.shareWith, o.deltaShareWith, o.deltaMedianWith],
      align: ["l", "l", "l", "r", "r", "r", "r"],
      rows: section.standby.flatMap((factor) => [
        [label(factor.variantId), factor.replacedPolicy, d.allAreas, estimateShare(factor.without.shareWithinTarget, d), estimateShare(factor.with.shareWithinTarget, d), points(factor.difference.shareWithinTarget, d), minutes(factor.difference.responseMedianSec, d)],
        ...shownAreas(report, factor.areas).map((area) => {
          const without = factor.areasWithout.find((candidate) => candidate.areaCode === area.areaCode);
          return ["", "", `${area.areaName} (${area.areaCode})`, without ? estimateShare(without.shareWithinTarget, d) : DASH, ...areaFigures(area, d)];
        }),
      ]),
    });
  }
  const together = section.standbyComparison;
  if (together.variants.length > 0) {
    tables.push({
      title: o.togetherTitle,
      note: o.togetherNote(together.policy, String(together.replications), levelText(together.levels.overall, d), levelText(together.levels.areas, d)),
      headers: [d.variant, d.area, o.shareWithPlan, o.deltaShareVsBaseline, o.deltaMedianVsBaseline],
      align: ["l", "l", "r", "r", "r"],
      rows: together.variants.flatMap((variant) => [
        [label(variant.variantId), d.allAreas, ...areaFigures({ shareWithinTarget: variant.shareWithinTarget, vsReference: variant.vsBaseline }, d)],
        ...shownAreas(report, variant.areas).map((area) => ["", `${area.areaName} (${area.areaCode})`, ...areaFigures(area, d)]),
      ]),
    });
  }
  return tables;
}
