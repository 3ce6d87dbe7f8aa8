import { VEHICLE_STATES } from "@akutt/engine";
import type { Estimate, IncidentFigures, SimulationReport } from "./report.js";
import type { AmkAnswerSlot } from "../kpi/amk-answer.js";

/** A table shared by the terminal and Markdown renderers. */
export interface Table {
  title: string;
  note?: string;
  headers: string[];
  /** "l" or "r" per column. */
  align: Array<"l" | "r">;
  rows: string[][];
}

const DASH = "–";

function interval(low: number | null, high: number | null, digits: number, scale: number): string {
  if (low === null || high === null) return "";
  return ` [${(low * scale).toFixed(digits)}${DASH}${(high * scale).toFixed(digits)}]`;
}

/** "8.4 min [8.1–8.7]" from an estimate in seconds. */
export function formatMinutes(e: Estimate): string {
  if (e.mean === null) return DASH;
  return `${(e.mean / 60).toFixed(1)} min${interval(e.ciLow, e.ciHigh, 1, 1 / 60)}`;
}

/** "87.2 % [85.0–89.4]" from an estimate of a share in [0, 1]. */
export function formatShare(e: Estimate): string {
  if (e.mean === null) return DASH;
  return `${(e.mean * 100).toFixed(1)} %${interval(e.ciLow, e.ciHigh, 1, 100)}`;
}

/** Mean count per replication: whole numbers as such, otherwise one decimal. */
export function formatCount(e: Estimate): string {
  if (e.mean === null) return DASH;
  return Number.isInteger(e.mean) ? String(e.mean) : e.mean.toFixed(1);
}

/** A duration in days, hours or minutes for headers. */
export function formatDuration(sec: number): string {
  if (sec >= 86400 && sec % 3600 === 0) return `${+(sec / 86400).toFixed(2)} d`;
  if (sec >= 3600) return `${+(sec / 3600).toFixed(2)} h`;
  return `${+(sec / 60).toFixed(2)} min`;
}

const SHIFT_LABEL: Record<AmkAnswerSlot, string> = { all: "whole day", day: "day 07–15", evening: "evening 15–23", night: "night 23–07" };

const URGENCY_LABEL: Record<string, string> = { red: "red", yellow: "yellow", green: "green", all: "all" };

function hasIncidents(f: IncidentFigures): boolean {
  return (f.incidents.mean ?? 0) > 0;
}

/** Mean, median and 90th percentile of the response time, the columns every response table shows. */
function responseTimeCells(figures: IncidentFigures): string[] {
  return [formatMinutes(figures.responseMeanSec), formatMinutes(figures.responseMedianSec), formatMinutes(figures.responseP90Sec)];
}

/** Header lines: what was run, with which travel model and its limitations. */
export function headerLines(report: SimulationReport): string[] {
  const { run } = report;
  const lines = [
    `Scenario: ${report.scenario.name}`,
    `Start: ${report.scenario.startIso ?? DASH}${report.scenario.timeZone ? ` (${report.scenario.timeZone})` : ""}`,
    `Seed ${run.seed}, ${run.replications} replication${run.replications === 1 ? "" : "s"}, horizon ${formatDuration(run.horizonSec)} including warm-up ${formatDuration(run.warmUpSec)}`,
    `Travel model: ${report.travelModel.name}`,
  ];
  for (const limitation of report.travelModel.limitations) lines.push(`  limitation: ${limitation}`);
  if (report.populationSources.length > 0) lines.push("Population (demand) by area:", ...report.populationSources.map((entry) => `  ${entry.source}`));
  lines.push(
    run.replications > 1
      ? `Figures are means over replications with ${Math.round(run.confidenceLevel * 100)} % confidence intervals in brackets; counts are per replication: ${observedDays(run)} simulated days after warm-up (× 365 / ${observedDays(run)} for a year).`
      : `One replication: no confidence intervals. Run more replications for intervals. Counts cover ${observedDays(run)} simulated days after warm-up (× 365 / ${observedDays(run)} for a year).`,
    "Response time: call rings at AMK → first ambulance at scene. Red target: 90 % within 12 min (tettbygd) or 25 min (grisgrendt); yellow: 90 % within 30 min (tettbygd) or 40 min (grisgrendt), the St.meld. 43 (1999–2000) target; green has no national target.",
  );
  return lines;
}

/** Simulated days after warm-up one replication covers, e.g. "26" or "12.5". */
function observedDays(run: { horizonSec: number; warmUpSec: number }): string {
  const days = (run.horizonSec - run.warmUpSec) / 86400;
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}

/** The tables of the report, in reading order. */
export function reportTables(report: SimulationReport): Table[] {
  const tables: Table[] = [];
  const { overall, byArea, byOrganisation, byHourOfDay } = report.responseTimes;

  tables.push({
    title: "Response time by urgency",
    headers: ["Urgency", "Incidents", "Reached", "Mean", "Median", "90th pct", "Within target"],
    align: ["l", "r", "r", "r", "r", "r", "r"],
    rows: overall.map((g) => [
      URGENCY_LABEL[g.urgency]!,
      formatCount(g.figures.incidents),
      formatCount(g.figures.reached),
      ...responseTimeCells(g.figures),
      formatShare(g.figures.shareWithinTarget),
    ]),
  });

  const extra = percentileThresholdTables(report);
  tables.push(...extra);

  tables.push({
    title: "First unit of any kind at scene",
    headers: ["Urgency", "Reached", "Mean", "Median", "90th pct"],
    align: ["l", "r", "r", "r", "r"],
    rows: overall.map((g) => [
      URGENCY_LABEL[g.urgency]!,
      formatCount(g.figures.firstUnitReached),
      formatMinutes(g.figures.firstUnitMeanSec),
      formatMinutes(g.figures.firstUnitMedianSec),
      formatMinutes(g.figures.firstUnitP90Sec),
    ]),
  });

  const waitAll = report.definitions.queueFigures !== undefined;
  tables.push({
    title: "Waiting for a free unit, lost and cross-border",
    note: `Waited: incidents that had to wait for a free unit after the AMK decided${waitAll ? " (share waited: the probability of waiting); mean wait over those that waited, and over all incidents" : ""}. Cross-border: transported by another organisation's vehicle.`,
    headers: ["Urgency", "Waited", "Share waited", "Mean wait", ...(waitAll ? ["Mean wait (all)"] : []), "Lost", "Pending at end", "Cross-border", "Share cross-border"],
    align: ["l", "r", "r", "r", ...(waitAll ? (["r"] as const) : []), "r", "r", "r", "r"],
    rows: overall.map((g) => [
      URGENCY_LABEL[g.urgency]!,
      formatCount(g.figures.waited),
      formatShare(g.figures.shareWaited),
      formatMinutes(g.figures.meanWaitSec),
      ...(waitAll ? [g.figures.meanWaitAllSec ? formatMinutes(g.figures.meanWaitAllSec) : DASH] : []),
      formatCount(g.figures.lost),
      formatCount(g.figures.pending),
      formatCount(g.figures.crossBorder),
      formatShare(g.figures.shareCrossBorder),
    ]),
  });

  tables.push({
    title: "Response time by area",
    note: "Rows without incidents are left out.",
    headers: ["Area", "Class", "Urgency", "Incidents", "Mean", "Median", "90th pct", "Target", "Within target", "Cross-border"],
    align: ["l", "l", "l", "r", "r", "r", "r", "r", "r", "r"],
    rows: byArea
      .filter((g) => hasIncidents(g.figures))
      .map((g) => [
        `${g.areaName} (${g.areaCode})`,
        g.areaClass,
        g.urgency,
        formatCount(g.figures.incidents),
        ...responseTimeCells(g.figures),
        g.targetSec === null ? "none" : `${g.targetSec / 60} min`,
        formatShare(g.figures.shareWithinTarget),
        formatShare(g.figures.shareCrossBorder),
      ]),
  });

  tables.push({
    title: "Response time by responsible organisation",
    note: "Rows without incidents are left out.",
    headers: ["Organisation", "Urgency", "Incidents", "Mean", "Median", "90th pct", "Within target", "Cross-border"],
    align: ["l", "l", "r", "r", "r", "r", "r", "r"],
    rows: byOrganisation
      .filter((g) => hasIncidents(g.figures))
      .map((g) => [
        g.organisationName,
        g.urgency,
        formatCount(g.figures.incidents),
        ...responseTimeCells(g.figures),
        formatShare(g.figures.shareWithinTarget),
        formatShare(g.figures.shareCrossBorder),
      ]),
  });

  tables.push({
    title: "Red response time by hour of day",
    note: "Local hour in which the call rang. The JSON report holds yellow and green too.",
    headers: ["Hour", "Incidents", "Mean", "Median", "90th pct", "Within target"],
    align: ["l", "r", "r", "r", "r", "r"],
    rows: byHourOfDay
      .filter((g) => g.urgency === "red")
      .map((g) => [
        `${String(g.hour).padStart(2, "0")}${DASH}${String(g.hour + 1).padStart(2, "0")}`,
        formatCount(g.figures.incidents),
        ...responseTimeCells(g.figures),
        formatShare(g.figures.shareWithinTarget),
      ]),
  });

  // Mission states, then (with an availability section) the unavailable states: whichever the report has.
  const busyStates = VEHICLE_STATES.filter((s) => s !== "offDuty" && s !== "idle" && report.vehicles.byOrganisation.every((o) => o.figures.stateShare[s] !== undefined));
  const counting = report.definitions.utilisation;
  tables.push({
    title: "Vehicle utilisation by owner",
    note: counting
      ? `Utilisation: ${counting.includeReturn ? "alerted until free, with the drive back" : "alerted until free, without the drive back"}${report.availability ? " (unavailable time is not busy)" : ""}, as a share of on-duty time, counted from ${formatDuration(counting.fromSec)} to ${formatDuration(counting.toSec)} after the start. State columns: share of all time in that window.`
      : `Utilisation: share of on-duty time not idle${report.availability ? " and not unavailable (cleaning, break, out of service)" : ""}. State columns: share of all time after warm-up.`,
    headers: ["Organisation", "Vehicles", "Utilisation", "Missions", "Off duty", "Idle", ...busyStates],
    align: ["l", "r", "r", "r", "r", "r", ...busyStates.map(() => "r" as const)],
    rows: report.vehicles.byOrganisation.map((o) => [
      o.organisationName,
      String(o.vehicles),
      formatShare(o.figures.utilisation),
      formatCount(o.figures.missions),
      formatShareShort(o.figures.stateShare.offDuty!),
      formatShareShort(o.figures.stateShare.idle!),
      ...busyStates.map((s) => formatShareShort(o.figures.stateShare[s]!)),
    ]),
  });

  tables.push({
    title: "Vehicles",
    headers: ["Vehicle", "Type", "Owner", "Station", "Utilisation", "Missions", "On duty"],
    align: ["l", "l", "l", "l", "r", "r", "r"],
    rows: report.vehicles.byVehicle.map((v) => [
      v.vehicleId,
      v.vehicleType,
      v.organisationId,
      v.station,
      formatShare(v.figures.utilisation),
      formatCount(v.figures.missions),
      v.figures.onDutySec.mean === null ? DASH : `${(v.figures.onDutySec.mean / 3600).toFixed(1)} h`,
    ]),
  });

  if (report.availability) tables.push(availabilityTable(report.availability));

  const amkRow = (name: string, f: SimulationReport["amk"]["total"]) => [
    name,
    formatCount(f.calls),
    formatShare(f.shareAnsweredWithin10s),
    ...(waitAll ? [f.meanAnswerDelaySec ? formatSeconds(f.meanAnswerDelaySec) : DASH, f.shareAnswerDelayed ? formatShare(f.shareAnswerDelayed) : DASH] : []),
    formatCount(f.lostCalls),
    formatShare(f.operatorUtilisation),
  ];
  tables.push({
    title: "AMK: 113 calls",
    note: `Target (akuttmedisinforskriften § 15 b): 90 % answered within 10 s.${waitAll ? " Answer delay: ring → answer over answered calls; delayed: not answered the moment the call rang." : ""}`,
    headers: ["AMK", "Calls", "Answered ≤ 10 s", ...(waitAll ? ["Mean answer delay", "Answer delayed"] : []), "Lost calls", "Operator utilisation"],
    align: ["l", "r", "r", ...(waitAll ? (["r", "r"] as const) : []), "r", "r"],
    rows: [...report.amk.byAmk.map((a) => amkRow(a.amkName, a.figures)), ...(report.amk.byAmk.length > 1 ? [amkRow("All", report.amk.total)] : [])],
  });
  const countedDays = +((report.run.horizonSec - report.run.warmUpSec) / 86400).toFixed(2);
  const wholeSeconds = (e: Estimate) => (e.mean === null ? DASH : `${e.mean.toFixed(0)} s${interval(e.ciLow, e.ciHigh, 0, 1)}`);
  tables.push({
    title: "AMK: 113 answer time by shift",
    note: `All 113 calls to each centre, ${countedDays} simulated days after warm-up; per year scaled to 365.25 days. Answer time: ringing → answered, quantiles in whole seconds (1-second histogram, rounded down). Shifts by the local hour the call rang: day 07–15, evening 15–23, night 23–07. Occupancy: operator time at work (calls, after-call work, other tasks, time away from the phone and unfilled shifts, when the scenario has them) / time on duty. Published for comparison (2022): AMK Oslo answered 85–87 % within 10 s, 95 % within 30 s, 98 % within 1 min (answered calls only).`,
    headers: ["AMK", "Shift", `Calls (${countedDays} d)`, "Calls per year", "Answered ≤ 10 s", "Median answer", "90th percentile", "Occupancy"],
    align: ["l", "l", "r", "r", "r", "r", "r", "r"],
    rows: report.amk.answerTimes
      .filter((t) => t.amkId !== "all" || report.amk.byAmk.length > 1)
      .map((t) => [t.amkName, SHIFT_LABEL[t.slot], formatCount(t.calls), t.callsPerYear.mean === null ? DASH : t.callsPerYear.mean.toFixed(0), formatShare(t.shareAnsweredWithin10s), wholeSeconds(t.medianAnswerSec), wholeSeconds(t.p90AnswerSec), formatShareShort(t.operatorOccupancy)]),
  });
  if (report.transports) tables.push(transportTable(report.transports));
  if (report.multiUnit) tables.push(multiUnitTable(report.multiUnit));
  return tables;
}

/** Multi-unit incidents and joint operations: counts over the counted days and per year. */
function multiUnitTable(section: NonNullable<SimulationReport["multiUnit"]>): Table {
  const days = +section.countedDays.toFixed(2);
  const perYear = (e: Estimate) => (e.mean === null ? DASH : Math.round(e.mean).toLocaleString("en"));
  return {
    title: "Multi-unit incidents and joint operations",
    note: `Counts per replication over ${days} simulated days after warm-up; "/ year" scales them to 365.25 days. Response times above stay the first ambulance's; "last unit" is ring → the last needed ambulance at scene, over multi-unit incidents where all arrived. Extra unit-hours: extra ambulances' time from alert to free. Cancelled: extras still waiting when the first ambulance left the scene.`,
    headers: ["Urgency", `Incidents (${days} d)`, "Multi-unit", "/ year", "Share", "Joint ops", "/ year", "Share", "Units per incident", "Last unit mean", "Last unit P90", "Extra unit-hours", "/ year", "Cancelled", "Second patients"],
    align: ["l", ...new Array<"r">(14).fill("r")],
    rows: section.byUrgency.map(({ urgency, figures: f }) => [
      URGENCY_LABEL[urgency]!,
      formatCount(f.incidents),
      formatCount(f.multiUnit),
      perYear(f.multiUnitPerYear),
      formatShare(f.shareMultiUnit),
      formatCount(f.joint),
      perYear(f.jointPerYear),
      formatShare(f.shareJoint),
      f.unitsPerIncident.mean === null ? DASH : f.unitsPerIncident.mean.toFixed(3),
      formatMinutes(f.allAtSceneMeanSec),
      formatMinutes(f.allAtSceneP90Sec),
      f.extraUnitHours.mean === null ? DASH : f.extraUnitHours.mean.toFixed(1),
      perYear(f.extraUnitHoursPerYear),
      formatCount(f.extrasCancelled),
      formatCount(f.extraTransports),
    ]),
  };
}

const TRANSPORT_GROUP_LABEL: Record<string, string> = { urgentTransfer: "Urgent transfers", bookedTransfer: "Booked transfers", booked: "Booked transports" };

/** Transfers and booked transports: counts for the period and per year, punctuality, who did them. */
function transportTable(transports: NonNullable<SimulationReport["transports"]>): Table {
  const days = +transports.countedDays.toFixed(2);
  return {
    title: "Transfers and booked transports",
    note: `Counts per replication over ${days} simulated days (after warm-up) and per year. ${transports.definition}`,
    headers: ["Missions", `Requests (${days} d)`, "Per year", "Picked up", "Request → pickup", "On time", "Late", "Mean lateness", "P90 lateness", "By simple vehicle", `Ambulance-hours (${days} d)`, "Ambulance-hours per year"],
    align: ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r"],
    rows: transports.groups.map(({ group, figures: f }) => [
      TRANSPORT_GROUP_LABEL[group] ?? group,
      formatCount(f.requests),
      formatCount(f.requestsPerYear),
      formatCount(f.pickedUp),
      formatMinutes(f.meanPickupDelaySec),
      formatShare(f.shareOnTime),
      formatCount(f.late),
      formatMinutes(f.meanLatenessSec),
      formatMinutes(f.p90LatenessSec),
      formatShare(f.shareBySimpleVehicle),
      formatCount(f.ambulanceHours),
      formatCount(f.ambulanceHoursPerYear),
    ]),
  };
}

/** Hours unavailable by reason (period and per year), breaks and end-of-shift refusals per station and vehicle type. */
function availabilityTable(availability: NonNullable<SimulationReport["availability"]>): Table {
  const hours = (e: Estimate) => (e.mean === null ? DASH : `${e.mean.toFixed(1)} h`);
  const row = (g: NonNullable<SimulationReport["availability"]>["total"], label: string) => [
    label,
    String(g.vehicles),
    hours(g.figures.hours.cleaning),
    hours(g.figures.hours.onBreak),
    hours(g.figures.hours.outOfService),
    hours(g.figures.hoursPerYear.total),
    formatShareShort(g.figures.shareOfOnDuty),
    `${formatCount(g.figures.breaksTaken)} / ${formatCount(g.figures.breaksInterrupted)} / ${formatCount(g.figures.breaksSkipped)}`,
    formatCount(g.figures.endOfShiftRefusals),
  ];
  const days = +availability.countedDays.toFixed(2);
  return {
    title: "Unavailable time by station and vehicle type",
    note: `Over ${days} simulated days (mean per replication); "per year" scales to 365.25 days. ${availability.definition}`,
    headers: ["Station / type", "Vehicles", "Cleaning", "Break", "Out of service", "Unavailable per year", "Of on-duty time", "Breaks taken / interrupted / skipped", "Refused (end of shift)"],
    align: ["l", "r", "r", "r", "r", "r", "r", "r", "r"],
    rows: [...availability.byStationAndType.map((g) => row(g, `${g.station} ${g.vehicleType}`)), row(availability.total, "All")],
  };
}

/** "12.3 %" without interval, for dense tables. */
function formatShareShort(e: Estimate): string {
  return e.mean === null ? DASH : `${(e.mean * 100).toFixed(1)} %`;
}

/** "12.3 s [11.0–13.6]" from an estimate in seconds. */
export function formatSeconds(e: Estimate): string {
  if (e.mean === null) return DASH;
  return `${e.mean.toFixed(1)} s${interval(e.ciLow, e.ciHigh, 1, 1)}`;
}

/** The percentile and threshold tables the report options ask for (overall and by area), with intervals. */
function percentileThresholdTables(report: SimulationReport): Table[] {
  const percentiles = report.definitions.responsePercentiles;
  const thresholds = report.definitions.responseThresholdsSec;
  if (!percentiles && !thresholds) return [];
  const headers = [...(percentiles ?? []).map((p) => `P${p}`), ...(thresholds ?? []).map((t) => `≤ ${+(t / 60).toFixed(2)} min`)];
  const cells = (f: IncidentFigures) => [...(f.responsePercentiles ?? []).map((p) => formatMinutes(p.sec)), ...(f.shareWithinThresholds ?? []).map((t) => formatShare(t.share))];
  const { overall, byArea } = report.responseTimes;
  return [
    {
      title: "Response-time percentiles and thresholds",
      note: "Percentiles of the response time and the share of reached incidents at or under each threshold (report options).",
      headers: ["Urgency", "Reached", ...headers],
      align: ["l", "r", ...headers.map(() => "r" as const)],
      rows: overall.map((g) => [URGENCY_LABEL[g.urgency]!, formatCount(g.figures.reached), ...cells(g.figures)]),
    },
    {
      title: "Response-time percentiles and thresholds by area",
      note: "Rows without incidents are left out.",
      headers: ["Area", "Urgency", "Reached", ...headers],
      align: ["l", "l", "r", ...headers.map(() => "r" as const)],
      rows: byArea.filter((g) => hasIncidents(g.figures)).map((g) => [`${g.areaName} (${g.areaCode})`, g.urgency, formatCount(g.figures.reached), ...cells(g.figures)]),
    },
  ];
}
