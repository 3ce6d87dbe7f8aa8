import type { Estimate } from "../report/report.js";
import type { Table } from "../report/sections.js";
import type { Dictionary } from "./i18n.js";
import { optimisationTables } from "./optimisation-tables.js";
import type { ComparisonReport, CostParameters, FactorialFigures, PairedEstimate, PrecisionFigure, ResponseDifferences, ResponseFigures } from "./types.js";

const DASH = "–";
const MINUS = "−";

/** A number with fixed decimals, a true minus sign and the language's decimal separator. */
export function formatNumber(x: number, digits: number, d: Pick<Dictionary, "decimal">): string {
  const text = Math.abs(x).toFixed(digits);
  const negative = x < 0 && Number(text) !== 0;
  const [whole = "", fraction] = text.split(".");
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f") : whole;
  return `${negative ? MINUS : ""}${grouped}${fraction === undefined ? "" : `${d.decimal}${fraction}`}`;
}

export function formatSigned(x: number, digits: number, d: Pick<Dictionary, "decimal">): string {
  const text = formatNumber(x, digits, d);
  return text.startsWith(MINUS) || Number(Math.abs(x).toFixed(digits)) === 0 ? text : `+${text}`;
}

/** Thousands grouped with a thin space, e.g. "12 345". */
export function formatInteger(x: number): string {
  const rounded = Math.round(x);
  const digits = String(Math.abs(rounded));
  const text = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f") : digits;
  return rounded < 0 ? `${MINUS}${text}` : text;
}

const interval = (low: number | null, high: number | null, f: (x: number) => string) => (low === null || high === null ? "" : ` [${f(low)}; ${f(high)}]`);

/** "8.4 [8.1; 8.7]" (minutes) from an estimate in seconds. */
export function estimateMinutes(e: Estimate, d: Dictionary, withInterval = true): string {
  if (e.mean === null) return DASH;
  const f = (x: number) => formatNumber(x / 60, 1, d);
  return `${f(e.mean)}${withInterval ? interval(e.ciLow, e.ciHigh, f) : ""}`;
}

/** "87.2 % [85.0; 89.4]" from a share in [0, 1]. */
export function estimateShare(e: Estimate, d: Dictionary, withInterval = true): string {
  if (e.mean === null) return DASH;
  const f = (x: number) => formatNumber(x * 100, 1, d);
  return `${f(e.mean)} %${withInterval ? interval(e.ciLow, e.ciHigh, f) : ""}`;
}

export function estimateCount(e: Estimate | null, d: Dictionary, digits = 1): string {
  if (e === null || e.mean === null) return DASH;
  return Number.isInteger(e.mean) ? formatInteger(e.mean) : formatNumber(e.mean, digits, d);
}

/** "+0.5 [0.3; 0.7]" (minutes) from a paired difference in seconds. */
export function deltaMinutes(p: PairedEstimate, d: Dictionary): string {
  if (p.mean === null) return DASH;
  return `${formatSigned(p.mean / 60, 1, d)}${interval(p.ciLow, p.ciHigh, (x) => formatSigned(x / 60, 1, d))}`;
}

/** "−2.1 [−3.0; −1.2]" (percentage points) from a paired difference of shares. */
export function deltaPoints(p: PairedEstimate, d: Dictionary): string {
  if (p.mean === null) return DASH;
  return `${formatSigned(p.mean * 100, 1, d)}${interval(p.ciLow, p.ciHigh, (x) => formatSigned(x * 100, 1, d))}`;
}

export function deltaCount(p: PairedEstimate, d: Dictionary): string {
  if (p.mean === null) return DASH;
  return formatSigned(p.mean, 1, d);
}

export function minutesText(sec: number, d: Dictionary): string {
  return `${formatNumber(sec / 60, sec % 60 === 0 ? 0 : 1, d)} ${d.minutes}`;
}

export function precisionLines(report: ComparisonReport, d: Dictionary): string[] {
  const relevant = minutesText(report.run.relevantDifferenceSec, d);
  const name = (f: PrecisionFigure) => (f.figure === "responseMedianSec" ? d.median : d.p90);
  return report.precision.figures.map((f) => {
    if (f.widestHalfWidthSec === null) return d.precisionUnknown(name(f));
    const widest = `${formatNumber(f.widestHalfWidthSec / 60, 2, d)} ${d.minutes}`;
    return f.sufficient ? d.precisionSufficient(name(f), widest, relevant) : d.precisionInsufficient(name(f), widest, relevant, String(f.replicationsSuggested ?? DASH));
  });
}

export function variantLabel(report: ComparisonReport, id: string): string {
  return report.variants.find((v) => v.id === id)?.label ?? id;
}

export function organisationName(report: ComparisonReport, id: string | null): string {
  if (id === null) return DASH;
  return report.organisations.find((o) => o.organisationId === id)?.organisationName ?? id;
}

/** Every table of the full report (Markdown and HTML), in reading order. */
/** Incidents, median, p90 and share within 12 min of one variant, each followed by its difference from the baseline. */
function responseCells(figures: ResponseFigures, diff: ResponseDifferences | undefined, d: Dictionary): string[] {
  return [
    estimateCount(figures.incidents, d),
    estimateMinutes(figures.responseMedianSec, d),
    diff ? deltaMinutes(diff.responseMedianSec, d) : DASH,
    estimateMinutes(figures.responseP90Sec, d),
    diff ? deltaMinutes(diff.responseP90Sec, d) : DASH,
    estimateShare(figures.shareWithin12Min, d),
    diff ? deltaPoints(diff.shareWithin12Min, d) : DASH,
    estimateShare(figures.shareWithinTarget, d),
    diff ? deltaPoints(diff.shareWithinTarget, d) : DASH,
  ];
}

/** Simulated days after warm-up each replication covers, as text ("26"). */
export function observedDaysText(report: ComparisonReport, d: Dictionary): string {
  const days = (report.run.horizonSec - report.run.warmUpSec) / 86400;
  return formatNumber(days, Number.isInteger(days) ? 0 : 1, d);
}

/** The note every table with counts carries: the period the counts cover. */
function periodSentence(report: ComparisonReport, d: Dictionary, what: string): string {
  return `${what}: ${d.countPeriod(observedDaysText(report, d))}.`;
}

export function comparisonTables(report: ComparisonReport, d: Dictionary): Table[] {
  const tables: Table[] = [];
  const label = (id: string) => variantLabel(report, id);
  const baseId = report.variants[0]!.id;
  const money = (x: number | null) => (x === null ? DASH : formatInteger(x));

  tables.push({
    title: d.whatWasCompared,
    headers: [d.variant, d.description, d.areas, d.vehicles, d.ambulances],
    align: ["l", "l", "r", "r", "r"],
    rows: report.variants.map((v) => [`${v.label}${v.baseline ? ` (${d.baseline})` : ""}`, v.description || DASH, String(v.areas), String(v.vehicles), String(v.ambulances)]),
  });

  const responseHeaders = [d.variant, d.incidents, d.median, `${d.delta} ${d.median}`, d.p90, `${d.delta} ${d.p90}`, d.within12, `${d.delta} ${d.within12}`, d.withinTarget, `${d.delta} ${d.withinTarget}`];
  const observedDays = (report.run.horizonSec - report.run.warmUpSec) / 86400;
  const perYear = (e: { mean: number | null }) => (e.mean === null || observedDays <= 0 ? DASH : formatInteger((e.mean * 365) / observedDays));
  const responseAlign: Array<"l" | "r"> = ["l", "l", ...new Array<"r">(responseHeaders.length - 1).fill("r")];
  tables.push({
    title: d.overall,
    note: `${d.byAreaNote} ${periodSentence(report, d, d.incidents)}`,
    headers: [d.urgency, ...responseHeaders, `${d.incidents} ${d.perYear}`],
    align: [...responseAlign, "r"],
    rows: report.overall.flatMap((row) =>
      row.variants.map((v) => {
        const diff = row.differences.find((x) => x.variantId === v.variantId)?.differences;
        return [d.urgencies[row.urgency], label(v.variantId), ...responseCells(v.figures, diff, d), perYear(v.figures.incidents)];
      }),
    ),
  });

  tables.push({
    title: d.byArea,
    note: `${d.byAreaNote} ${periodSentence(report, d, d.incidents)}`,
    headers: [d.area, d.urgency, d.responsible, ...responseHeaders],
    align: ["l", "l", "l", ...responseAlign],
    rows: report.areas
      .filter((row) => row.variants.some((v) => (v.figures.incidents.mean ?? 0) > 0))
      .flatMap((row) =>
        row.variants.map((v) => {
          const diff = row.differences.find((x) => x.variantId === v.variantId)?.differences;
          if (!v.present) return [`${row.areaName} (${row.areaCode})`, d.urgencies[row.urgency], DASH, label(v.variantId), d.notInVariant, DASH, DASH, DASH, DASH, DASH, DASH, DASH, DASH];
          return [`${row.areaName} (${row.areaCode})`, d.urgencies[row.urgency], v.organisationId ?? DASH, label(v.variantId), ...responseCells(v.figures, diff, d)];
        }),
      ),
  });

  tables.push({
    title: d.organisations,
    note: `${d.organisationsNote} ${periodSentence(report, d, `${d.given}, ${d.received}, ${d.calls}`)}`,
    headers: [d.organisation, d.variant, d.areas, d.ambulances, d.stations, d.ambulanceUtilisation, `${d.delta}`, d.given, d.received, d.calls, d.answered10s, d.operatorUtilisation, d.ambulanceHoursYear, d.operatorHoursYear, ...(report.costs ? [`${d.costYear} (${report.costs.parameters.currency})`] : [])],
    align: ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", ...(report.costs ? (["r"] as const) : [])],
    rows: report.organisations.flatMap((o) =>
      o.variants.map((v) => {
        const f = v.figures;
        const diff = o.differences.find((x) => x.variantId === v.variantId)?.differences;
        return [
          o.organisationName,
          label(v.variantId),
          v.present ? String(f.responsibleAreas.length) : d.notInVariant,
          String(f.ambulances),
          f.stations === null ? DASH : String(f.stations),
          estimateShare(f.ambulanceUtilisation, d, false),
          diff ? deltaPoints(diff.ambulanceUtilisation, d) : DASH,
          estimateCount(f.crossBorderGiven, d),
          estimateCount(f.crossBorderReceived, d),
          estimateCount(f.amkCalls, d),
          f.amkShareAnsweredWithin10s ? estimateShare(f.amkShareAnsweredWithin10s, d, false) : DASH,
          f.amkOperatorUtilisation ? estimateShare(f.amkOperatorUtilisation, d, false) : DASH,
          estimateCount(f.ambulanceHoursPerYear, d, 0),
          estimateCount(f.amkOperatorHoursPerYear, d, 0),
          ...(report.costs ? [money(f.costPerYear?.total ?? null)] : []),
        ];
      }),
    ),
  });

  tables.push({
    title: d.crossBorder,
    note: `${d.crossBorderNote} ${periodSentence(report, d, d.missions)}`,
    headers: [d.variant, d.fromOwner, d.intoArea, d.missions, d.redMissions],
    align: ["l", "l", "l", "r", "r"],
    rows: report.crossBorder.flatMap((c) =>
      c.flows.map((flow) => [label(c.variantId), organisationName(report, flow.vehicleOwnerId), organisationName(report, flow.responsibleOrganisationId), estimateCount(flow.missions, d), estimateCount(flow.redMissions, d)]),
    ),
  });

  tables.push({
    title: d.amk,
    note: periodSentence(report, d, d.calls),
    headers: [d.amk, d.variant, d.organisation, d.calls, d.answered10s, d.operatorUtilisation, d.operatorHoursYear],
    align: ["l", "l", "l", "r", "r", "r", "r"],
    rows: report.amk.flatMap((a) =>
      a.variants.map((v) =>
        v.present
          ? [a.amkName, label(v.variantId), organisationName(report, v.organisationId), estimateCount(v.calls, d), estimateShare(v.shareAnsweredWithin10s, d), estimateShare(v.operatorUtilisation, d, false), estimateCount(v.operatorHoursPerYear, d, 0)]
          : [a.amkName, label(v.variantId), DASH, d.notInVariant, DASH, DASH, DASH],
      ),
    ),
  });

  const countedDays = formatNumber((report.run.horizonSec - report.run.warmUpSec) / 86_400, Number.isInteger((report.run.horizonSec - report.run.warmUpSec) / 86_400) ? 0 : 1, d);
  const seconds = (e: Estimate) => (e.mean === null ? DASH : `${formatNumber(e.mean, 0, d)} s${interval(e.ciLow, e.ciHigh, (x) => formatNumber(x, 0, d))}`);
  tables.push({
    title: d.amkAnswer,
    note: d.amkAnswerNote,
    headers: [d.amk, d.variant, d.shift, d.callsIn(countedDays), d.callsPerYear, d.answered10s, d.medianAnswer, d.p90Answer, d.occupancy],
    align: ["l", "l", "l", "r", "r", "r", "r", "r", "r"],
    rows: report.amk.flatMap((a) =>
      a.variants.flatMap((v) =>
        v.answerTimes.map((t) => [
          a.amkName,
          label(v.variantId),
          d.amkShiftNames[t.slot],
          estimateCount(t.calls, d, 0),
          estimateCount(t.callsPerYear, d, 0),
          estimateShare(t.shareAnsweredWithin10s, d),
          seconds(t.medianAnswerSec),
          seconds(t.p90AnswerSec),
          estimateShare(t.operatorOccupancy, d, false),
        ]),
      ),
    ),
  });
  if (report.transports) {
    const days = formatNumber(report.transports.countedDays, Number.isInteger(report.transports.countedDays) ? 0 : 1, d);
    tables.push({
      title: d.transports,
      note: d.transportsNote(days),
      headers: [d.missions, d.variant, d.requestsInPeriod(days), d.requestsPerYear, d.pickupDelay, d.onTime, d.meanLateness, d.p90Lateness, d.bySimpleVehicle, d.ambulanceHoursTransportsYear],
      align: ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r"],
      rows: report.transports.rows.flatMap((row) =>
        row.variants.map((v) => {
          const f = v.figures;
          if (!f) return [d.transportGroups[row.group], label(v.variantId), d.notInVariant, DASH, DASH, DASH, DASH, DASH, DASH, DASH];
          return [
            d.transportGroups[row.group],
            label(v.variantId),
            estimateCount(f.requests, d),
            estimateCount(f.requestsPerYear, d, 0),
            estimateMinutes(f.meanPickupDelaySec, d),
            estimateShare(f.shareOnTime, d),
            estimateMinutes(f.meanLatenessSec, d),
            estimateMinutes(f.p90LatenessSec, d),
            estimateShare(f.shareBySimpleVehicle, d, false),
            estimateCount(f.ambulanceHoursPerYear, d, 0),
          ];
        }),
      ),
    });
  }

  if (report.availability) {
    const days = report.availability.find((row) => row.countedDays !== null)?.countedDays ?? 0;
    const hours = (e: Estimate) => estimateCount(e, d, 1);
    tables.push({
      title: d.unavailable,
      note: d.unavailableNote(formatNumber(days, 0, d)),
      headers: [d.variant, d.cleaningHours, d.breakHours, d.outOfServiceHours, d.unavailableHoursYear, d.ofOnDuty, d.breaksTakenInterruptedSkipped, d.refusedEndOfShift, d.refusedEndOfShiftYear],
      align: ["l", "r", "r", "r", "r", "r", "r", "r", "r"],
      rows: report.availability.map(({ variantId, figures: f }) =>
        f === null
          ? [label(variantId), DASH, DASH, DASH, DASH, DASH, DASH, DASH, DASH]
          : [
              label(variantId),
              hours(f.hours.cleaning),
              hours(f.hours.onBreak),
              hours(f.hours.outOfService),
              estimateCount(f.hoursPerYear.total, d, 0),
              estimateShare(f.shareOfOnDuty, d),
              `${estimateCount(f.breaksTaken, d)} / ${estimateCount(f.breaksInterrupted, d)} / ${estimateCount(f.breaksSkipped, d)}`,
              estimateCount(f.endOfShiftRefusals, d),
              estimateCount(f.endOfShiftRefusalsPerYear, d, 0),
            ],
      ),
    });
  }

  if (report.costs) {
    const c = report.costs;
    tables.push({
      title: `${d.costs} (${c.parameters.currency}/${d.lang === "nb" ? "år" : "year"})`,
      note: [d.costsNote(c.parameters.source), ...(c.reference && c.parameters.reference ? [referenceSentence(c.parameters, c.reference, d)] : [])].join(" "),
      headers: [d.variant, d.ambulanceHoursYear, d.stations, d.operatorHoursYear, d.ambulances, ...(c.reference ? [`${d.ambulances} ${d.referenceRate}`] : []), d.stations, d.amk, d.total, `${d.delta} ${label(baseId)}`],
      align: ["l", "r", "r", "r", "r", ...(c.reference ? (["r"] as const) : []), "r", "r", "r", "r"],
      rows: c.variants.map((v) => [
        label(v.variantId),
        money(v.ambulanceHoursPerYear),
        v.stations === null ? DASH : String(v.stations),
        money(v.amkOperatorHoursPerYear),
        money(v.ambulanceCost),
        ...(c.reference ? [money(v.ambulanceCostAtReference)] : []),
        money(v.stationCost),
        money(v.amkCost),
        money(v.total),
        v.variantId === baseId || v.differenceFromBaseline === null ? DASH : `${v.differenceFromBaseline > 0 ? "+" : ""}${formatInteger(v.differenceFromBaseline)}`,
      ]),
    });
  }

  if (report.costs && report.costs.transition.length > 0) {
    const c = report.costs;
    tables.push({
      title: `${d.transitionCosts} (${c.parameters.currency})`,
      note: d.transitionNote,
      headers: [d.variant, d.item, d.amount, d.source],
      align: ["l", "l", "r", "l"],
      rows: c.transition.flatMap((row) => [
        ...row.items.map((line) => [label(row.variantId), line.item, money(line.amount), line.source]),
        [label(row.variantId), d.total, money(row.total), ""],
      ]),
    });
  }

  if (report.catchments) {
    const pct = (x: number | null) => (x === null ? DASH : `${formatSigned(x * 100, 1, d)} %`);
    tables.push({
      title: d.catchments,
      ...(report.catchments.note ? { note: report.catchments.note } : {}),
      headers: [d.organisation, d.variant, d.areas, d.population, `${d.change}`, d.areaKm2, `${d.change}`],
      align: ["l", "l", "l", "r", "r", "r", "r"],
      rows: report.catchments.rows.map((r) => [
        organisationName(report, r.organisationId),
        label(r.variantId),
        r.areaCodes.join(", "),
        formatInteger(r.population),
        pct(r.populationChange),
        formatNumber(r.areaKm2, 1, d),
        pct(r.areaChange),
      ]),
    });
  }

  if (report.sensitivity.length > 0) {
    tables.push({
      title: d.sensitivity,
      note: d.sensitivityNote,
      headers: [d.setting, d.variant, d.area, `${d.median} ${label(baseId)}`, `${d.median} ${d.alternative}`, `${d.delta} ${d.median}`, `${d.delta} ${d.within12}`],
      align: ["l", "l", "l", "r", "r", "r", "r"],
      rows: report.sensitivity.flatMap((s) =>
        s.areas.map((a) => [
          `${d.sensitivityGroups[s.group]}: ${s.settingLabel}`,
          label(s.variantId),
          a.areaCode === "all" ? d.allAreas : `${a.areaName} (${a.areaCode})`,
          estimateMinutes(a.baseline.responseMedianSec, d),
          estimateMinutes(a.variant.responseMedianSec, d),
          deltaMinutes(a.differences.responseMedianSec, d),
          deltaPoints(a.differences.shareWithin12Min, d),
        ]),
      ),
    });
  }
  if (report.factorial.length > 0) {
    const parts = ["total", "organisation", "resources", "measures", "remainder"] as const;
    const partName = (part: (typeof parts)[number]) => (part === "total" ? d.factorTotal : part === "remainder" ? d.remainder : d.factorNames[part]);
    tables.push({
      title: d.factorial,
      note: d.factorialNote(report.factorial[0]!.replications),
      headers: [d.variant, d.area, d.figure, ...parts.map(partName)],
      align: ["l", "l", "l", "r", "r", "r", "r", "r"],
      rows: report.factorial.flatMap((row) =>
        row.areas.flatMap((area) => {
          const place = area.areaCode === "all" ? d.allAreas : `${area.areaName} (${area.areaCode})`;
          const cells = (pick: (f: FactorialFigures) => string) =>
            parts.map((part) => {
              const figures = part === "total" ? area.total : part === "remainder" ? area.remainder : area.factors[part];
              return figures === null ? d.notPartOfAlternative : pick(figures);
            });
          return [
            [label(row.variantId), place, `${d.delta} ${d.median}`, ...cells((f) => deltaMinutes(f.responseMedianSec, d))],
            [label(row.variantId), place, `${d.delta} ${d.within12}`, ...cells((f) => deltaPoints(f.shareWithin12Min, d))],
          ];
        }),
      ),
    });
  }

  if (report.fleetNeeded.length > 0) {
    const first = report.fleetNeeded[0]!;
    const currency = report.costs?.parameters.currency ?? "";
    tables.push({
      title: d.fleetNeeded,
      note: d.fleetNeededNote(String(first.searchReplications), String(first.confirmReplications), String(first.maxSteps)),
      headers: [d.variant, d.added, d.ambulanceHoursYear, `${d.costYear}${currency ? ` (${currency})` : ""}`, d.searchMet, d.confirmed, d.area, `${d.delta} ${d.median}`, `${d.delta} ${d.within12}`],
      align: ["l", "l", "r", "r", "l", "l", "l", "r", "r"],
      rows: report.fleetNeeded.flatMap((row) =>
        row.areas.map((area, i) =>
          i === 0
            ? [
                label(row.variantId),
                row.added.length === 0 ? d.noneAdded : row.added.map((a) => `${d.fleetShiftNames[a.shift]} ${d.atStation} ${a.stationName}`).join("; "),
                formatInteger(row.addedAmbulanceHoursPerYear),
                money(row.addedCostPerYear),
                row.searchMet ? d.yes : d.no,
                row.confirmed ? d.yes : d.no,
                `${area.areaName} (${area.areaCode})`,
                deltaMinutes(area.responseMedianSec, d),
                deltaPoints(area.shareWithin12Min, d),
              ]
            : ["", "", "", "", "", "", `${area.areaName} (${area.areaCode})`, deltaMinutes(area.responseMedianSec, d), deltaPoints(area.shareWithin12Min, d)],
        ),
      ),
    });
  }
  tables.push(...optimisationTables(report, d));
  if (report.multiUnit) tables.push(multiUnitTable(report, d));
  tables.push(...projectionTables(report, d));
  return tables;
}

/** "8.8 bn ÷ 5,030 årsverk ÷ 1,650 h × 2 crew": the arithmetic from a published cost level to a cost per ambulance-hour. */
function referenceSentence(parameters: CostParameters, rates: { costPerFte: number; costPerProductiveHour: number; ambulanceHour: number }, d: Dictionary): string {
  const r = parameters.reference!;
  const nb = d.lang === "nb";
  const arithmetic = nb
    ? `${formatInteger(r.totalCost)} ÷ ${formatInteger(r.fte)} årsverk (${r.year}) = ${formatInteger(rates.costPerFte)} per årsverk; ÷ ${formatInteger(r.productiveHoursPerFte)} produktive timer = ${formatInteger(rates.costPerProductiveHour)} per time; × ${formatNumber(r.crewPerAmbulance, Number.isInteger(r.crewPerAmbulance) ? 0 : 1, d)} i besetningen`
    : `${formatInteger(r.totalCost)} ÷ ${formatInteger(r.fte)} årsverk (${r.year}) = ${formatInteger(rates.costPerFte)} per årsverk; ÷ ${formatInteger(r.productiveHoursPerFte)} productive hours = ${formatInteger(rates.costPerProductiveHour)} per hour; × ${formatNumber(r.crewPerAmbulance, Number.isInteger(r.crewPerAmbulance) ? 0 : 1, d)} crew`;
  return d.referenceNote(arithmetic, r.source, formatInteger(rates.ambulanceHour), formatInteger(parameters.ambulanceHour));
}

/** Multi-unit incidents and joint operations per variant and urgency: counts over the simulated days and per year. */
function multiUnitTable(report: ComparisonReport, d: Dictionary): Table {
  const m = d.multiUnit;
  const sections = report.multiUnit ?? [];
  const days = formatNumber(sections[0]?.countedDays ?? 0, 1, d);
  const perYear = (e: Estimate) => (e.mean === null ? DASH : formatInteger(e.mean));
  return {
    title: m.title,
    note: m.note(days),
    headers: [d.variant, d.urgency, m.incidents(days), m.multiUnit, m.perYear, m.share, m.joint, m.perYear, m.share, m.unitsPerIncident, m.lastUnitMean, m.lastUnitP90, m.extraUnitHours, m.perYear, m.cancelled],
    align: ["l", "l", ...new Array<"r">(13).fill("r")],
    rows: sections.flatMap((section) =>
      section.byUrgency.map(({ urgency, figures: f }) => [
        variantLabel(report, section.variantId),
        d.urgencies[urgency],
        estimateCount(f.incidents, d),
        estimateCount(f.multiUnit, d),
        perYear(f.multiUnitPerYear),
        estimateShare(f.shareMultiUnit, d, false),
        estimateCount(f.joint, d),
        perYear(f.jointPerYear),
        estimateShare(f.shareJoint, d, false),
        f.unitsPerIncident.mean === null ? DASH : formatNumber(f.unitsPerIncident.mean, 3, d),
        estimateMinutes(f.allAtSceneMeanSec, d),
        estimateMinutes(f.allAtSceneP90Sec, d),
        estimateCount(f.extraUnitHours, d),
        perYear(f.extraUnitHoursPerYear),
        estimateCount(f.extrasCancelled, d),
      ]),
    ),
  };
}

/** The projection tables (none when the comparison ran no projections): shares by year, and the first miss. */
export function projectionTables(report: ComparisonReport, d: Dictionary): Table[] {
  const projections = report.projections;
  if (!projections || projections.rows.length === 0) return [];
  const label = (id: string) => variantLabel(report, id);
  const growthLabel = (id: string) => {
    const growth = projections.growth.find((candidate) => candidate.id === id);
    return growth ? (d.lang === "nb" ? (growth.labelNb ?? growth.label) : growth.label) : id;
  };
  const rowOf = (growthId: string, variantId: string, year: number) => projections.rows.find((row) => row.growthId === growthId && row.variantId === variantId && row.year === year);
  const pairs = projections.firstMiss.map((miss) => ({ growthId: miss.growthId, variantId: miss.variantId }));
  const areaCodes = (growthId: string, variantId: string) => [...new Set(projections.rows.filter((row) => row.growthId === growthId && row.variantId === variantId).flatMap((row) => row.areas.map((area) => area.areaCode)))];
  const areaName = (code: string) => projections.rows.flatMap((row) => row.areas).find((area) => area.areaCode === code)?.areaName ?? code;
  const lastYear = projections.years[projections.years.length - 1]!;
  return [
    {
      title: d.projections,
      note: d.projectionsNote(projections.baseYear, d.scopeNames[projections.scope] ?? projections.scope, d.lang === "nb" ? projections.notesNb : projections.notes),
      headers: [d.growthAlternative, d.variant, d.area, ...projections.years.map(String)],
      align: ["l", "l", "l", ...projections.years.map(() => "r" as const)],
      rows: pairs.flatMap(({ growthId, variantId }) =>
        areaCodes(growthId, variantId).map((code) => [
          growthLabel(growthId),
          label(variantId),
          `${areaName(code)} (${code})`,
          ...projections.years.map((year) => {
            const area = rowOf(growthId, variantId, year)?.areas.find((candidate) => candidate.areaCode === code);
            if (!area) return DASH;
            const change = area.changeFromFirstYear ? `, ${d.changeFromFirstYear} ${deltaPoints(area.changeFromFirstYear, d)}` : "";
            return `${estimateShare(area.shareWithinTarget, d)}${change}`;
          }),
        ]),
      ),
    },
    {
      title: d.projectionsMiss,
      note: d.projectionsMissNote,
      headers: [d.growthAlternative, d.variant, ...projections.years.map((year) => d.redIncidentsPerYear(year)), d.firstYearBelow, d.firstYearClearlyBelow, d.firstYearBelowByArea],
      align: ["l", "l", ...projections.years.map(() => "r" as const), "l", "l", "l"],
      rows: projections.firstMiss.map((miss) => [
        growthLabel(miss.growthId),
        label(miss.variantId),
        ...projections.years.map((year) => estimateCount(rowOf(miss.growthId, miss.variantId, year)?.redIncidentsPerYear ?? null, d, 0)),
        miss.firstYearBelow === null ? d.noneUpTo(lastYear) : `${miss.firstYearBelow} (${areaName(miss.areaBelow!)})`,
        miss.firstYearClearlyBelow === null ? d.noneUpTo(lastYear) : `${miss.firstYearClearlyBelow} (${areaName(miss.areaClearlyBelow!)})`,
        miss.byArea.map((area) => `${areaName(area.areaCode)} ${area.firstYearBelow ?? d.noneUpTo(lastYear)}`).join("; "),
      ]),
    },
  ];
}
