import { AMK_CALL_TYPES, MISSION_KINDS, type ReplicationResult, type ScenarioIndex } from "@akutt/engine";
import { EXTRACT_COLUMNS, type ExtractColumn } from "../schema/extract.js";
import type { CallType, UnitType } from "../schema/schema.js";
import { LocalTimeFormatter } from "./local-time.js";

/** One extract row: every canonical column as text ("" for empty). */
export type ExtractRow = Record<ExtractColumn, string>;

export interface ExtractSource {
  result: ReplicationResult;
  index: ScenarioIndex;
  /** Centroid of each zone by id (the scenario's zones): the incident place written as coordinates. */
  zoneCentroids: ReadonlyMap<string, { lat: number; lon: number }>;
  /** The simulation's start instant with its offset (SimulationCalendar.startIso). */
  startIso: string;
  /** The zone local times are written in (the scenario's, Europe/Oslo). */
  timeZone: string;
  /** Kommune names by 4-digit number, for the kommune_name column (empty when absent). */
  kommuneNames?: ReadonlyMap<string, string>;
}

const CALL_TYPE_OF_KIND: Record<(typeof MISSION_KINDS)[number], CallType> = { emergency: "dispatch", transfer: "transfer", booked: "booked" };

function unitType(type: string | undefined): UnitType {
  return type === "ambulance" || type === "akuttbil" || type === "doctor-car" || type === "sick-transport" ? type : "other";
}

/**
 * The simulator's incidents as extract rows, the form an AMK's mission extract takes: one row per
 * incident × unit (the transporting ambulance, the first responder, any extra ambulances) and one
 * row without a unit for an incident no unit reached before the run ended. Warm-up incidents are
 * left out, as the simulator's reports leave them out. Every row is marked synthetic.
 *
 * What the simulator does not log is left empty rather than invented: a first responder's alert
 * and departure times, and its arrival when the ambulance was there first. urgency_set_at is the
 * end of AMK call handling (the engine's decision time); unit_ready_at the end of cleaning after
 * the mission (= unit_free_at when none followed), only when the scenario has availability.
 *
 * 113 calls that sent no unit (advice, referral, abandoned; background calls from the rest of the
 * AMK's area, whose dispatch calls send no simulated unit; repeat calls) are rows only when the run
 * recorded them (SimulationInputs.recordAmkCalls): one row each, with its own incident id
 * (`<replication>-c<row>`; the engine does not link a repeat call to its incident), no unit,
 * urgency or place (the engine draws them per AMK, not per zone).
 */
export function* extractRows(source: ExtractSource): Generator<ExtractRow> {
  const { result, index } = source;
  const log = result.incidents;
  const clock = new LocalTimeFormatter(source.timeZone);
  const startMs = Date.parse(source.startIso);
  if (!Number.isFinite(startMs)) throw new Error(`not an ISO instant: ${source.startIso}`);
  const time = (sec: number | undefined) => (sec !== undefined && Number.isFinite(sec) ? clock.format(startMs + sec * 1000) : "");
  const extrasByIncident = new Map<number, number[]>();
  const extras = result.multiUnit?.extraUnits;
  if (extras) for (let r = 0; r < extras.count; r++) extrasByIncident.set(extras.incident[r]!, [...(extrasByIncident.get(extras.incident[r]!) ?? []), r]);

  for (let i = 0; i < log.count; i++) {
    if (log.inWarmUp[i] === 1) continue;
    const zoneId = index.zoneIds[log.zone[i]!] ?? "";
    const centroid = source.zoneCentroids.get(zoneId);
    const areaCode = index.areaCodes[log.area[i]!] ?? "";
    const kommune = areaCode.slice(0, 4);
    const base: ExtractRow = {
      synthetic: "true",
      amk: index.amkIds[log.amk[i]!] ?? "",
      incident_id: `${result.replication}-${i}`,
      call_type: CALL_TYPE_OF_KIND[MISSION_KINDS[log.kind[i]!] ?? "emergency"],
      urgency: index.urgencies[log.urgency[i]!] ?? "",
      urgency_final: "",
      nimn_criterion: "",
      caller: "",
      call_ringing_at: time(log.ringSec[i]),
      call_answered_at: time(log.answeredSec[i]),
      urgency_set_at: time(log.decidedSec[i]),
      unit_alerted_at: "",
      unit_departed_at: "",
      unit_at_scene_at: "",
      unit_left_scene_at: "",
      unit_at_destination_at: "",
      unit_free_at: "",
      unit_ready_at: "",
      kommune_number: kommune,
      kommune_name: source.kommuneNames?.get(kommune) ?? "",
      bydel: areaCode.length === 6 ? areaCode : "",
      latitude: centroid ? String(centroid.lat) : "",
      longitude: centroid ? String(centroid.lon) : "",
      destination: "",
      unit_id: "",
      unit_type: "",
      station: "",
    };
    const unit = (vehicle: number): Pick<ExtractRow, "unit_id" | "unit_type" | "station"> => ({
      unit_id: index.vehicleIds[vehicle] ?? String(vehicle),
      unit_type: unitType(index.vehicleTypes[vehicle]),
      station: index.vehicleStation[vehicle] ?? "",
    });
    const vehicle = log.vehicle[i]!;
    const firstResponder = log.firstResponder[i]!;
    const incidentExtras = extrasByIncident.get(i) ?? [];
    if (vehicle < 0 && firstResponder < 0 && incidentExtras.length === 0) {
      yield base;
      continue;
    }
    if (vehicle >= 0) {
      const destination = log.destination[i]!;
      yield {
        ...base,
        ...unit(vehicle),
        unit_alerted_at: time(log.alertedSec[i]),
        unit_departed_at: time(log.departedSec[i]),
        unit_at_scene_at: time(log.atSceneSec[i]),
        unit_left_scene_at: time(log.leftSceneSec[i]),
        unit_at_destination_at: time(log.atDestinationSec[i]),
        unit_free_at: time(log.freeSec[i]),
        // Only a scenario with availability logs it (cleaning, or free = ready); otherwise the engine models no such time.
        unit_ready_at: time(result.availability?.readySec[i]),
        destination: destination >= 0 ? (index.destinationIds[destination] ?? "") : "",
      };
    }
    if (firstResponder >= 0 && firstResponder !== vehicle) {
      // The log keeps the first arrival of any unit; it is the first responder's when it beat the ambulance.
      const firstAny = log.firstAnyAtSceneSec[i]!;
      const ambulance = log.atSceneSec[i]!;
      const firstResponderFirst = Number.isFinite(firstAny) && !(ambulance <= firstAny);
      yield { ...base, ...unit(firstResponder), unit_at_scene_at: firstResponderFirst ? time(firstAny) : "" };
    }
    for (const r of incidentExtras) {
      yield { ...base, ...unit(extras!.vehicle[r]!), unit_alerted_at: time(extras!.dispatchedSec[r]), unit_at_scene_at: time(extras!.atSceneSec[r]), unit_free_at: time(extras!.freeSec[r]) };
    }
  }

  const calls = result.amkCalls;
  if (!calls) return;
  const empty = Object.fromEntries(EXTRACT_COLUMNS.map((column) => [column, ""])) as ExtractRow;
  for (let r = 0; r < calls.count; r++) {
    yield {
      ...empty,
      synthetic: "true",
      amk: index.amkIds[calls.amk[r]!] ?? "",
      incident_id: `${result.replication}-c${r}`,
      call_type: AMK_CALL_TYPES[calls.type[r]!] ?? "",
      call_ringing_at: time(calls.ringSec[r]),
      call_answered_at: time(calls.answeredSec[r]),
    };
  }
}

/** RFC 4180 quoting where needed. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text in chunks (header first), for writing to a stream without one huge string. */
export function* extractCsvChunks(rows: Iterable<ExtractRow>, options: { columns?: readonly string[]; rowsPerChunk?: number } = {}): Generator<string> {
  const columns = options.columns ?? EXTRACT_COLUMNS;
  const rowsPerChunk = options.rowsPerChunk ?? 10_000;
  let lines: string[] = [columns.map(csvCell).join(",")];
  for (const row of rows) {
    lines.push(columns.map((column) => csvCell((row as Record<string, string>)[column] ?? "")).join(","));
    if (lines.length >= rowsPerChunk) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}
