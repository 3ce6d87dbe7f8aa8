import { ColumnPool, recordedIncidents, simulateReplication } from "@akutt/engine";
import { URGENCIES, type Scenario, type Urgency } from "@akutt/model";
import { prepareRun, type PreparedRun } from "@akutt/runs";
import type { RecordedHistory } from "./recorded.js";

/** The response time split by mechanism: AMK (call rings → decision), waiting for a unit (decision → alert), activation (alert → departure), travel (departure → at scene). */
export const MECHANISMS = ["amk", "waiting", "activation", "travel"] as const;
export type Mechanism = (typeof MECHANISMS)[number];

/** Means (seconds) over the incidents of one cell; recorded and simulated over the same incidents. */
export interface PlaybackCell {
  urgency: Urgency;
  /** Area code, or undefined for all areas. */
  area: string | undefined;
  /** Local hour of day the call rang, or undefined for all hours. */
  hourOfDay: number | undefined;
  /** Incidents with a recorded and a simulated response time. */
  incidents: number;
  recordedResponseSec: number;
  simulatedResponseSec: number;
  /** Of those, incidents with every recorded time point, over which the mechanisms are compared. */
  complete: number;
  recorded: Record<Mechanism, number>;
  simulated: Record<Mechanism, number>;
}

export interface PlaybackResult {
  history: RecordedHistory;
  scenarioName: string;
  replications: number;
  seed: number;
  travelModel: string;
  /** Recorded incidents the simulation never reached in any replication (lost, or still waiting at the end). */
  neverReached: number;
  /** Recorded incidents without a recorded response time (no ambulance at scene recorded). */
  noRecordedResponse: number;
  cells: PlaybackCell[];
}

export interface PlaybackOptions {
  seed: number;
  replications: number;
  dataDir?: string | undefined;
  /** How the scenario is prepared for the engine; absent: prepareRun (the scenario's own travel model). Tests pass their own. */
  prepare?: (scenario: Scenario) => Promise<Pick<PreparedRun, "inputs" | "calendar" | "travel">>;
}

/**
 * Runs the recorded incidents through the simulator: the scenario as it is (units, shifts, AMK,
 * policies, task times), starting empty (every unit at its base) at the first local midnight of the
 * period and running one day past its end so the last missions finish; demand is the recorded
 * incidents instead of generated ones. Task times are drawn afresh in each replication, so the
 * simulated figures are means over replications.
 */
export async function playBack(scenario: Scenario, history: RecordedHistory, options: PlaybackOptions): Promise<PlaybackResult> {
  const days = Math.round((history.period.endMs - history.period.startMs) / 86_400_000);
  const played: Scenario = { ...scenario, metadata: { ...scenario.metadata, start: `${history.period.period.fromDate}T00:00`, durationDays: days + 1, warmUpDays: 0 } };
  const prepared = await (options.prepare ?? ((scenario: Scenario) => prepareRun(scenario, { dataDir: options.dataDir })))(played);
  const compiled = prepared.inputs.compiled;
  const given = recordedIncidents(history.ringSec, history.zone, history.urgency, compiled.zoneCount, URGENCIES.length, compiled.horizonSec);
  const inputs = { ...prepared.inputs, recordedIncidents: given };

  const n = history.count;
  const responseSum = new Float64Array(n);
  const reached = new Int32Array(n);
  const mechanismSum = MECHANISMS.map(() => new Float64Array(n));
  const columns = new ColumnPool();
  for (let r = 0; r < options.replications; r++) {
    const log = simulateReplication(inputs, options.seed, r, columns).incidents;
    for (let i = 0; i < n; i++) {
      const atScene = log.atSceneSec[i]!;
      if (!Number.isFinite(atScene)) continue;
      const ring = log.ringSec[i]!;
      const decided = log.decidedSec[i]!;
      const alerted = log.alertedSec[i]!;
      const departed = log.departedSec[i]!;
      reached[i] = reached[i]! + 1;
      responseSum[i] = responseSum[i]! + (atScene - ring);
      const parts = [decided - ring, alerted - decided, departed - alerted, atScene - departed];
      parts.forEach((part, m) => (mechanismSum[m]![i] = mechanismSum[m]![i]! + part));
    }
  }

  const areaOfZone = (z: number) => scenario.zones[z]!.area;
  const cells = new Map<string, PlaybackCell>();
  const cellOf = (urgency: Urgency, area: string | undefined, hourOfDay: number | undefined) => {
    const key = `${urgency}|${area ?? ""}|${hourOfDay ?? ""}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { urgency, area, hourOfDay, incidents: 0, recordedResponseSec: 0, simulatedResponseSec: 0, complete: 0, recorded: zeroes(), simulated: zeroes() };
      cells.set(key, cell);
    }
    return cell;
  };
  let neverReached = 0;
  let noRecordedResponse = 0;
  for (let i = 0; i < n; i++) {
    const recordedResponse = history.atSceneSec[i]! - history.ringSec[i]!;
    if (!Number.isFinite(recordedResponse)) {
      noRecordedResponse++;
      continue;
    }
    if (reached[i] === 0) {
      neverReached++;
      continue;
    }
    const simulatedResponse = responseSum[i]! / reached[i]!;
    const recordedParts = [history.decidedSec[i]! - history.ringSec[i]!, history.alertedSec[i]! - history.decidedSec[i]!, history.departedSec[i]! - history.alertedSec[i]!, history.atSceneSec[i]! - history.departedSec[i]!];
    const complete = recordedParts.every(Number.isFinite);
    const urgency = URGENCIES[history.urgency[i]!]!;
    const hourOfDay = prepared.calendar.hourOfWeekAt(history.ringSec[i]!) % 24;
    const area = areaOfZone(history.zone[i]!);
    for (const cell of [cellOf(urgency, area, hourOfDay), cellOf(urgency, area, undefined), cellOf(urgency, undefined, hourOfDay), cellOf(urgency, undefined, undefined)]) {
      cell.incidents++;
      cell.recordedResponseSec += recordedResponse;
      cell.simulatedResponseSec += simulatedResponse;
      if (!complete) continue;
      cell.complete++;
      MECHANISMS.forEach((mechanism, m) => {
        cell.recorded[mechanism] += recordedParts[m]!;
        cell.simulated[mechanism] += mechanismSum[m]![i]! / reached[i]!;
      });
    }
  }
  const result: PlaybackCell[] = [];
  for (const cell of cells.values()) {
    cell.recordedResponseSec /= cell.incidents;
    cell.simulatedResponseSec /= cell.incidents;
    for (const mechanism of MECHANISMS) {
      cell.recorded[mechanism] = cell.complete > 0 ? cell.recorded[mechanism] / cell.complete : Number.NaN;
      cell.simulated[mechanism] = cell.complete > 0 ? cell.simulated[mechanism] / cell.complete : Number.NaN;
    }
    result.push(cell);
  }
  const areaOrder = scenario.areas.map((area) => area.code);
  result.sort((a, b) => URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency) || order(areaOrder, a.area) - order(areaOrder, b.area) || (a.hourOfDay ?? 24) - (b.hourOfDay ?? 24));
  return { history, scenarioName: scenario.metadata.name, replications: options.replications, seed: options.seed, travelModel: prepared.travel.name, neverReached, noRecordedResponse, cells: result };
}

function zeroes(): Record<Mechanism, number> {
  return { amk: 0, waiting: 0, activation: 0, travel: 0 };
}

function order(areas: string[], area: string | undefined): number {
  return area === undefined ? areas.length : areas.indexOf(area);
}
