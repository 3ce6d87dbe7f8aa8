/** Hand-built engine outputs for tests: small, readable, with known answers. */
import type { SimulationCalendar } from "@akutt/model";
import { AMK_ANSWER_HISTOGRAM_BINS, AMK_ANSWER_HISTOGRAM_SEC, AMK_SHIFT_PERIODS, INCIDENT_OUTCOMES, VEHICLE_STATES, type IncidentLog, type IncidentOutcome, type ReplicationResult, type ScenarioIndex } from "@akutt/engine";

export interface IncidentRow {
  zone?: number;
  area?: number;
  /** 0 red, 1 yellow, 2 green. */
  urgency?: number;
  amk?: number;
  inWarmUp?: boolean;
  outcome?: IncidentOutcome;
  ringSec: number;
  /** Response time in seconds (atScene − ring); undefined = no ambulance reached the scene. */
  responseSec?: number;
  /** First unit of any kind; defaults to the ambulance. */
  firstAnySec?: number;
  vehicle?: number;
  destination?: number;
  waitForUnitSec?: number;
  crossBorder?: boolean;
  /** MISSION_KINDS index (0 emergency, 1 transfer, 2 booked); default 0. */
  kind?: number;
}

export function incidentLog(rows: IncidentRow[]): IncidentLog {
  const n = rows.length;
  const f = () => new Float64Array(n).fill(Number.NaN);
  const log: IncidentLog = {
    count: n,
    zone: new Int32Array(n),
    area: new Int32Array(n),
    urgency: new Uint8Array(n),
    amk: new Int32Array(n),
    inWarmUp: new Uint8Array(n),
    outcome: new Uint8Array(n),
    ringSec: f(),
    answeredSec: f(),
    decidedSec: f(),
    alertedSec: f(),
    departedSec: f(),
    atSceneSec: f(),
    firstAnyAtSceneSec: f(),
    leftSceneSec: f(),
    atDestinationSec: f(),
    freeSec: f(),
    vehicle: new Int32Array(n).fill(-1),
    firstResponder: new Int32Array(n).fill(-1),
    destination: new Int32Array(n).fill(-1),
    waitForUnitSec: new Float64Array(n),
    crossBorder: new Uint8Array(n),
    kind: new Uint8Array(n),
  };
  rows.forEach((row, i) => {
    log.zone[i] = row.zone ?? 0;
    log.area[i] = row.area ?? 0;
    log.urgency[i] = row.urgency ?? 0;
    log.amk[i] = row.amk ?? 0;
    log.inWarmUp[i] = row.inWarmUp ? 1 : 0;
    log.kind[i] = row.kind ?? 0;
    const outcome = row.outcome ?? (row.responseSec === undefined ? "pending" : "served");
    log.outcome[i] = INCIDENT_OUTCOMES.indexOf(outcome);
    log.ringSec[i] = row.ringSec;
    log.answeredSec[i] = row.ringSec + 5;
    log.decidedSec[i] = row.ringSec + 60;
    if (row.responseSec !== undefined) {
      log.alertedSec[i] = row.ringSec + 60 + (row.waitForUnitSec ?? 0);
      log.departedSec[i] = log.alertedSec[i]! + 30;
      log.atSceneSec[i] = row.ringSec + row.responseSec;
      log.leftSceneSec[i] = log.atSceneSec[i]! + 900;
      log.atDestinationSec[i] = log.leftSceneSec[i]! + 600;
      log.freeSec[i] = log.atDestinationSec[i]! + 1200;
      log.vehicle[i] = row.vehicle ?? 0;
      log.destination[i] = row.destination ?? 0;
    }
    const firstAny = row.firstAnySec ?? row.responseSec;
    if (firstAny !== undefined) log.firstAnyAtSceneSec[i] = row.ringSec + firstAny;
    log.waitForUnitSec[i] = row.waitForUnitSec ?? 0;
    log.crossBorder[i] = row.crossBorder ? 1 : 0;
  });
  return log;
}

/** Two areas (0 urban A of org 0, 1 rural B of org 1), two orgs, one AMK, two vehicles. */
export function scenarioIndex(): ScenarioIndex {
  return {
    zoneIds: ["z0", "z1"],
    areaCodes: ["3201", "3312"],
    areaParent: Int32Array.from([-1, -1]),
    areaNames: ["Bærum", "Lier"],
    areaClasses: ["tettbygd", "grisgrendt"],
    areaOrganisation: Int32Array.from([0, 1]),
    organisationIds: ["ous", "vv"],
    organisationNames: ["Oslo universitetssykehus", "Vestre Viken"],
    amkIds: ["amk-oslo"],
    amkNames: ["AMK Oslo"],
    vehicleIds: ["A1", "B1"],
    vehicleTypes: ["ambulance", "ambulance"],
    vehicleOwner: Int32Array.from([0, 1]),
    vehicleStation: ["baerum", "lier"],
    destinationIds: ["baerum-sykehus"],
    urgencies: ["red", "yellow", "green"],
  };
}

/** A calendar where local hour of week = floor(simSec / 3600) mod 168 (start Monday 00:00, no DST). */
export function fakeCalendar(): SimulationCalendar {
  return {
    timeZone: "UTC",
    startWeekday: 0,
    startIso: "2025-01-06T00:00:00+00:00",
    hourOfWeekAt: (simSec: number) => Math.floor(simSec / 3600) % 168,
    simSecAtLocal: (dayIndex: number, minuteOfDay: number) => dayIndex * 86400 + minuteOfDay * 60,
  };
}

export function replicationResult(rows: IncidentRow[], options: { replication?: number; seed?: number; warmUpSec?: number; horizonSec?: number; vehicleStateSec?: number[][]; missions?: number[] } = {}): ReplicationResult {
  const stateCount = VEHICLE_STATES.length;
  const vehicleStateSec = options.vehicleStateSec ?? [
    [0, 3600, 0, 0, 0, 0, 0, 0],
    [0, 3600, 0, 0, 0, 0, 0, 0],
  ];
  const stateSec = new Float64Array(vehicleStateSec.length * stateCount);
  vehicleStateSec.forEach((states, v) => states.forEach((s, k) => (stateSec[v * stateCount + k] = s)));
  return {
    replication: options.replication ?? 0,
    seed: options.seed ?? 1,
    horizonSec: options.horizonSec ?? 7 * 86400,
    warmUpSec: options.warmUpSec ?? 0,
    incidents: incidentLog(rows),
    vehicles: { stateSec, missions: Int32Array.from(options.missions ?? [0, 0]) },
    amk: {
      calls: Int32Array.from([100]),
      answeredWithin10s: Int32Array.from([92]),
      lostCalls: Int32Array.from([1]),
      operatorAvailableSec: Float64Array.from([7200]),
      operatorBusySec: Float64Array.from([1800]),
      // All in the day period: 80 answered at once, 12 after 5 s, 7 after 30 s, 1 lost (last bin).
      callsByPeriod: Int32Array.from([100, 0, 0]),
      answeredWithin10sByPeriod: Int32Array.from([92, 0, 0]),
      operatorAvailableSecByPeriod: Float64Array.from([7200, 0, 0]),
      operatorBusySecByPeriod: Float64Array.from([1800, 0, 0]),
      answerDelayHistogram: amkHistogram([[0, 80], [5, 12], [30, 7], [AMK_ANSWER_HISTOGRAM_SEC, 1]]),
      callsByType: Int32Array.from([100, 0, 0, 0, 0]),
      tasks: Int32Array.from([0]),
    },
    eventCount: 0,
  };
}

/** One AMK's answer-delay histogram with every call in the day period: [bin, count] pairs. */
function amkHistogram(binCounts: Array<[number, number]>): Int32Array {
  const histogram = new Int32Array(AMK_SHIFT_PERIODS.length * AMK_ANSWER_HISTOGRAM_BINS);
  for (const [bin, count] of binCounts) histogram[bin] = count;
  return histogram;
}
