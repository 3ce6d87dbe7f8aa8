import type { SimulationCalendar } from "@akutt/model";
import { INCIDENT_OUTCOMES, MISSION_KINDS, type ReplicationResult, type ScenarioIndex } from "@akutt/engine";
import type { SimulationReport } from "./report.js";
import { responseTargetSec } from "../kpi/targets.js";

/** Columns of the incident log CSV, in order. Times are simulation seconds from the scenario start. */
export const INCIDENT_CSV_COLUMNS = [
  "replication",
  "incident",
  "zone",
  "area",
  "area_class",
  "organisation",
  "urgency",
  "amk",
  "in_warm_up",
  "outcome",
  "local_hour_of_week",
  "local_hour",
  "ring_sec",
  "answered_sec",
  "decided_sec",
  "alerted_sec",
  "departed_sec",
  "at_scene_sec",
  "first_any_at_scene_sec",
  "left_scene_sec",
  "at_destination_sec",
  "free_sec",
  "response_sec",
  "first_any_response_sec",
  "wait_for_unit_sec",
  "waited",
  "vehicle",
  "first_responder",
  "destination",
  "cross_border",
  "kind",
  "window_end_sec",
  "target_sec",
  "within_target",
] as const;

/**
 * Columns added after INCIDENT_CSV_COLUMNS when the scenario has multi-unit incidents or joint
 * operations: ambulances needed, joint operation (0/1), extras sent and cancelled, and when the
 * last needed ambulance reached the scene.
 */
export const MULTI_UNIT_CSV_COLUMNS = ["units_needed", "joint_operation", "extras_sent", "extras_cancelled", "all_at_scene_sec"] as const;

/** RFC 4180 quoting where needed. */
function csvText(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Seconds with at most three decimals; empty for a point never reached. */
function seconds(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : "";
}

export interface IncidentCsvOptions {
  /** Write the header line (default true); turn off to append further replications. */
  header?: boolean;
  /** Rows per yielded chunk (default 10,000). */
  rowsPerChunk?: number;
}

/**
 * The incident log as CSV text in chunks, for writing large logs to a stream without building
 * one huge string. One row per incident (warm-up incidents included, flagged), every time point
 * along the chain; empty cells for points never reached and for missing units.
 */
export function* incidentCsvChunks(result: ReplicationResult, index: ScenarioIndex, calendar: SimulationCalendar, options: IncidentCsvOptions = {}): Generator<string> {
  const log = result.incidents;
  const rowsPerChunk = options.rowsPerChunk ?? 10_000;
  const zoneIds = index.zoneIds.map(csvText);
  const areaCodes = index.areaCodes.map(csvText);
  const organisationIds = index.organisationIds.map(csvText);
  const amkIds = index.amkIds.map(csvText);
  const vehicleIds = index.vehicleIds.map(csvText);
  const destinationIds = index.destinationIds.map(csvText);
  const name = (names: string[], i: number) => (i >= 0 ? (names[i] ?? String(i)) : "");
  const mu = result.multiUnit;
  const extrasSent = new Int32Array(mu ? log.count : 0);
  if (mu) for (let r = 0; r < mu.extraUnits.count; r++) extrasSent[mu.extraUnits.incident[r]!]!++;
  const multiUnitCells = (i: number) => (mu ? [mu.unitsNeeded[i], mu.joint[i], extrasSent[i], mu.extrasCancelled[i], seconds(mu.allAtSceneSec[i]!)] : []);
  let lines: string[] = options.header === false ? [] : [[...INCIDENT_CSV_COLUMNS, ...(mu ? MULTI_UNIT_CSV_COLUMNS : [])].join(",")];
  const transports = result.transports;
  // Window end of a booked transfer or transport (empty for emergencies and urgent transfers).
  const windowEnd = (i: number) => (transports && i >= transports.firstRow ? seconds(transports.windowEndSec[i - transports.firstRow]!) : "");
  for (let i = 0; i < log.count; i++) {
    const area = log.area[i]!;
    const ring = log.ringSec[i]!;
    const hourOfWeek = calendar.hourOfWeekAt(ring);
    const wait = log.waitForUnitSec[i]!;
    // The response target of an emergency's urgency and area class (red 12/25 min, yellow 30/40 min; none for green or transports).
    const urgency = index.urgencies[log.urgency[i]!];
    const areaClass = index.areaClasses[area];
    const targetSec = log.kind[i] === 0 && urgency !== undefined && areaClass !== undefined ? responseTargetSec(urgency, areaClass) : null;
    const responseSec = log.atSceneSec[i]! - ring;
    lines.push(
      [
        result.replication,
        i,
        name(zoneIds, log.zone[i]!),
        name(areaCodes, area),
        index.areaClasses[area] ?? "",
        name(organisationIds, index.areaOrganisation[area] ?? -1),
        index.urgencies[log.urgency[i]!] ?? String(log.urgency[i]),
        name(amkIds, log.amk[i]!),
        log.inWarmUp[i],
        INCIDENT_OUTCOMES[log.outcome[i]!] ?? String(log.outcome[i]),
        hourOfWeek,
        hourOfWeek % 24,
        seconds(ring),
        seconds(log.answeredSec[i]!),
        seconds(log.decidedSec[i]!),
        seconds(log.alertedSec[i]!),
        seconds(log.departedSec[i]!),
        seconds(log.atSceneSec[i]!),
        seconds(log.firstAnyAtSceneSec[i]!),
        seconds(log.leftSceneSec[i]!),
        seconds(log.atDestinationSec[i]!),
        seconds(log.freeSec[i]!),
        seconds(log.atSceneSec[i]! - ring),
        seconds(log.firstAnyAtSceneSec[i]! - ring),
        seconds(wait),
        wait > 0 ? 1 : 0,
        name(vehicleIds, log.vehicle[i]!),
        name(vehicleIds, log.firstResponder[i]!),
        name(destinationIds, log.destination[i]!),
        log.crossBorder[i],
        MISSION_KINDS[log.kind[i]!] ?? String(log.kind[i]),
        windowEnd(i),
        targetSec ?? "",
        targetSec === null || !Number.isFinite(responseSec) ? "" : responseSec <= targetSec ? 1 : 0,
        ...multiUnitCells(i),
      ].join(","),
    );
    if (lines.length >= rowsPerChunk) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}

/** The whole incident log of one replication as one CSV string (see incidentCsvChunks). */
export function incidentCsv(result: ReplicationResult, index: ScenarioIndex, calendar: SimulationCalendar, options: Omit<IncidentCsvOptions, "rowsPerChunk"> = {}): string {
  let text = "";
  for (const chunk of incidentCsvChunks(result, index, calendar, { ...options, rowsPerChunk: 50_000 })) text += chunk;
  return text;
}

/** Columns of the AMK answer-time CSV (amk.csv), in order; see docs/report-format.md. */
export const AMK_ANSWER_CSV_COLUMNS = [
  "amk",
  "amk_name",
  "shift",
  "counted_days",
  "calls",
  "calls_per_year",
  "share_answered_within_10s",
  "share_answered_within_10s_ci_low",
  "share_answered_within_10s_ci_high",
  "median_answer_sec",
  "p90_answer_sec",
  "operator_occupancy",
] as const;

/** The report's AMK answer times per AMK and shift as CSV: means over replications, the 10-second share with its interval. */
export function amkAnswerCsv(report: SimulationReport): string {
  const cell = (value: number | null) => (value === null ? "" : String(value));
  const countedDays = String((report.run.horizonSec - report.run.warmUpSec) / 86_400);
  const rows = report.amk.answerTimes.map((t) =>
    [
      csvText(t.amkId),
      csvText(t.amkName),
      t.slot,
      countedDays,
      cell(t.calls.mean),
      cell(t.callsPerYear.mean),
      cell(t.shareAnsweredWithin10s.mean),
      cell(t.shareAnsweredWithin10s.ciLow),
      cell(t.shareAnsweredWithin10s.ciHigh),
      cell(t.medianAnswerSec.mean),
      cell(t.p90AnswerSec.mean),
      cell(t.operatorOccupancy.mean),
    ].join(","),
  );
  return `${[AMK_ANSWER_CSV_COLUMNS.join(","), ...rows].join("\n")}\n`;
}
