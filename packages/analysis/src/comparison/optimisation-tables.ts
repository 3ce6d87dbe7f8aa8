import type { Estimate } from "../report/report.js";
import type { Table } from "../report/sections.js";
import { keepsToday } from "./fleet-needed.js";
import type { Dictionary } from "./i18n.js";
import { deltaMinutes, deltaPoints, estimateMinutes, estimateShare, formatNumber, variantLabel } from "./tables.js";
import type { ComparisonReport, FleetKeepToday, OptimisedAreaFigures, OptimisedSite, PairedEstimate, SimulatedDifference } from "./types.js";

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
  if (section.fleet) tables.push(...fleetTables(report, section.fleet, d));
  return tables;
}

const hours = (x: number, d: Dictionary) => formatNumber(x, x === Math.round(x) ? 0 : 1, d);
const signedHours = (x: number, d: Dictionary) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${hours(Math.abs(x), d)}`;
const fractionRange = (range: { lowest: number; highest: number }, d: Dictionary) => `${formatNumber(range.lowest, 2, d)}–${formatNumber(range.highest, 2, d)}`;

/** The fleet MIP per alternative iterated with the simulation: the answer, every plan, the shown plan by station, and simulated against today. */
function fleetTables(report: ComparisonReport, fleet: FleetKeepToday, d: Dictionary): Table[] {
  const o = d.optimisation;
  const label = (id: string) => variantLabel(report, id);
  const clock = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
  const note = o.fleetNote({
    todayHours: hours(fleet.todayHoursPerWeek, d),
    shifts: fleet.shifts.map((shift) => `${shift.lengthH} h ${d.lang === "nb" ? "fra" : "from"} ${shift.startHours.map(clock).join(", ")}`).join("; "),
    busyToday: fractionRange({ lowest: Math.min(...fleet.busyFractionToday), highest: Math.max(...fleet.busyFractionToday) }, d),
    levels: String(fleet.coverageLevels),
    cap: String(fleet.maxVehiclesPerSite),
    gap: `${formatNumber(fleet.mipRelativeGap * 100, 2, d)} %`,
    timeLimit: formatNumber(fleet.timeLimitSec, 0, d),
    replications: String(fleet.replications),
    maxIterations: String(fleet.maxIterations),
    step: `${formatNumber(fleet.areaStep * 100, 0, d)} %`,
    levelOverall: levelText(fleet.levels.overall, d),
    levelAreas: levelText(fleet.levels.areas, d),
  });
  const searched = new Map(report.fleetNeeded.map((row) => [row.variantId, row]));
  const withSearch = fleet.variants.some((variant) => searched.has(variant.variantId));
  const shown = (variant: FleetKeepToday["variants"][number]) => variant.iterations.find((iteration) => iteration.iteration === variant.shownIteration);
  const yesNo = (keeps: boolean) => o.keeps[keeps ? "yes" : "no"];
  const tables: Table[] = [
    {
      title: o.fleetTitle,
      note,
      headers: [d.variant, o.rosteredHoursWeek, o.answerHoursWeek, o.planDifference, o.confirmedBySimulation, o.lowered, ...(withSearch ? [o.searchHoursYear] : [])],
      align: ["l", "r", "r", "r", "l", "l", ...(withSearch ? (["r"] as const) : [])],
      rows: fleet.variants.map((variant) => {
        const search = searched.get(variant.variantId);
        const plan = shown(variant);
        const planHours = plan?.planHoursPerWeek ?? null;
        const plans = String(variant.iterations.length);
        return [
          label(variant.variantId),
          hours(variant.rosteredHoursPerWeek, d),
          planHours === null ? DASH : variant.confirmedIteration === null ? `(${hours(planHours, d)})` : hours(planHours, d),
          planHours === null ? DASH : signedHours(planHours - variant.rosteredHoursPerWeek, d),
          variant.confirmedIteration !== null ? o.confirmedText(String(variant.confirmedIteration), plans) : o.notConfirmedText(plans, o.stops[variant.stop], variant.shownIteration === null ? DASH : String(variant.shownIteration)),
          variant.lowered.length === 0 ? DASH : variant.lowered.map((cut) => o.loweredText(cut.areaCode, formatNumber(cut.largestCut * 100, 2, d), String(cut.hours))).join("; "),
          ...(withSearch ? [search ? `+${hours(search.addedAmbulanceHoursPerYear, d)}` : DASH] : []),
        ];
      }),
    },
    {
      title: o.fleetIterationsTitle,
      note,
      headers: [d.variant, o.plan, o.busyAssumed, o.raisedAreas, o.planHoursWeek, o.solver, o.deltaShareVsBaseline, o.deltaMedianVsBaseline, o.busyMeasured, o.keepsToday],
      align: ["l", "r", "r", "l", "r", "l", "r", "r", "r", "l"],
      rows: fleet.variants.flatMap((variant) =>
        variant.iterations.map((iteration, i) => {
          const simulated = iteration.simulated;
          return [
            i === 0 ? label(variant.variantId) : "",
            String(iteration.iteration),
            fractionRange(iteration.busyFraction, d),
            iteration.raisedAreas.length === 0 ? DASH : iteration.raisedAreas.map((area) => `${area.areaCode} ${formatNumber(area.closed * 100, 0, d)} %`).join(", "),
            iteration.planHoursPerWeek === null ? DASH : hours(iteration.planHoursPerWeek, d),
            `${o.statuses[iteration.status] ?? iteration.status}, ${formatNumber(iteration.solveSec, 1, d)} s`,
            simulated ? points(simulated.vsToday.shareWithinTarget, d) : iteration.repeatOf !== null ? o.sameAsPlan(String(iteration.repeatOf)) : DASH,
            simulated ? minutes(simulated.vsToday.responseMedianSec, d) : DASH,
            iteration.measuredBusyFraction ? fractionRange(iteration.measuredBusyFraction, d) : DASH,
            iteration.keeps === null ? DASH : yesNo(iteration.keeps),
          ];
        }),
      ),
    },
    {
      title: o.fleetStationsTitle,
      note,
      headers: [d.variant, o.station, o.owner, o.rosteredHoursWeek, o.planHoursWeek, o.planDifference, o.crewStarts, o.onDuty],
      align: ["l", "l", "l", "r", "r", "r", "l", "r"],
      rows: fleet.variants.flatMap((variant) =>
        variant.stations
          .filter((station) => station.rosteredHoursPerWeek > 0 || station.planHoursPerWeek > 0)
          .map((station, i) => [
            i === 0 ? `${label(variant.variantId)}, ${o.shownPlan(String(variant.shownIteration), variant.confirmedIteration !== null)}` : "",
            station.stationId,
            station.owner,
            hours(station.rosteredHoursPerWeek, d),
            hours(station.planHoursPerWeek, d),
            signedHours(station.planHoursPerWeek - station.rosteredHoursPerWeek, d),
            station.shifts.length === 0 ? DASH : station.shifts.map((shift) => `${shift.shiftId} ${clock(shift.startHour)} × ${shift.crewsPerWeek}`).join(", "),
            `${hours(station.fewest, d)}–${hours(station.most, d)}`,
          ]),
      ),
    },
  ];
  const simulated = fleet.variants.flatMap((variant) => {
    const plan = shown(variant);
    return plan?.simulated ? [{ variant, plan, figures: plan.simulated }] : [];
  });
  if (simulated.length > 0) {
    tables.push({
      title: o.fleetSimulatedTitle,
      note: o.fleetSimulatedNote(String(fleet.replications), levelText(fleet.levels.overall, d), levelText(fleet.levels.areas, d)),
      headers: [d.variant, d.area, o.shareWithPlan, o.medianWithPlan, o.deltaShareVsBaseline, o.deltaMedianVsBaseline, o.keepsToday],
      align: ["l", "l", "r", "r", "r", "r", "l"],
      rows: simulated.flatMap(({ variant, plan, figures }) => {
        const areas = shownAreas(report, figures.areas);
        const row = (area: Pick<OptimisedAreaFigures, "shareWithinTarget" | "responseMedianSec" | "vsReference">) => {
          const [share, ...differences] = areaFigures(area, d);
          return [share!, estimateMinutes(area.responseMedianSec, d), ...differences];
        };
        return [
          [`${label(variant.variantId)}, ${o.shownPlan(String(plan.iteration), variant.confirmedIteration !== null)}`, d.allAreas, ...row({ ...figures, vsReference: figures.vsToday }), yesNo(plan.keeps === true)],
          ...areas.map((area) => ["", `${area.areaName} (${area.areaCode})`, ...row(area), yesNo(keepsToday(area.vsReference))]),
        ];
      }),
    });
  }
  return tables;
}
