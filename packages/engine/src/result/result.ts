import type { Urgency, VehicleType } from "@akutt/model";
import type { MultiUnitLog } from "../multi-unit/log.js";

/**
 * Vehicle states whose time is accounted for utilisation. Append only, never reorder: indices are
 * stored in results. cleaning, onBreak and outOfService are unavailable time (availability module).
 */
export const VEHICLE_STATES = ["offDuty", "idle", "alerted", "toScene", "atScene", "toDestination", "atDestination", "returning", "cleaning", "onBreak", "outOfService"] as const;
export type VehicleState = (typeof VEHICLE_STATES)[number];

export const INCIDENT_OUTCOMES = ["served", "pending", "lost"] as const;
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];

/**
 * One replication's incidents, struct-of-arrays for speed. Times are simulation seconds from
 * the scenario start; NaN means the point was never reached (e.g. no transport, still waiting).
 * Incidents that rang during warm-up are included and flagged; reports skip them.
 */
export interface IncidentLog {
  count: number;
  zone: Int32Array;
  /** Index into ScenarioIndex.areaCodes. */
  area: Int32Array;
  /** 0 red, 1 yellow, 2 green (URGENCIES order). */
  urgency: Uint8Array;
  /** Index into ScenarioIndex.amkIds: the AMK that answered the call. */
  amk: Int32Array;
  inWarmUp: Uint8Array;
  outcome: Uint8Array;
  /** Call starts ringing at AMK. */
  ringSec: Float64Array;
  answeredSec: Float64Array;
  /** End of call handling: the AMK has decided (and a unit is alerted unless none is free). */
  decidedSec: Float64Array;
  /** First ambulance alerted (after any inter-AMK coordination delay). */
  alertedSec: Float64Array;
  departedSec: Float64Array;
  /** First ambulance at scene: the national response-time end point. */
  atSceneSec: Float64Array;
  /** First unit of any kind at scene (akuttbil, doctor car or ambulance). */
  firstAnyAtSceneSec: Float64Array;
  leftSceneSec: Float64Array;
  atDestinationSec: Float64Array;
  /** The transporting unit is free again. */
  freeSec: Float64Array;
  /** Transporting vehicle index, or -1. */
  vehicle: Int32Array;
  /** First-response vehicle index, or -1. */
  firstResponder: Int32Array;
  /** Destination index into ScenarioIndex.destinationIds, or -1 (treated on scene / not transported). */
  destination: Int32Array;
  /** Seconds spent waiting for a free unit after the AMK decided (0 if one was free). */
  waitForUnitSec: Float64Array;
  /** 1 if the transporting vehicle belongs to another organisation than the area's responsible one. */
  crossBorder: Uint8Array;
  /**
   * MISSION_KINDS index: 0 an emergency (113) incident, 1 an inter-hospital transfer, 2 a booked or
   * planned transport. Response-time figures are over kind 0 only. Kinds 1–2 come after every
   * emergency in the log (see TransportLog); for them ringSec is the request (the window start),
   * atSceneSec the pickup, zone the pickup's zone (the hospital's nearest zone for a transfer).
   */
  kind: Uint8Array;
}

export const MISSION_KINDS = ["emergency", "transfer", "booked"] as const;
export type MissionKind = (typeof MISSION_KINDS)[number];

/** Transfers and booked transports: rows firstRow … firstRow + count − 1 of the IncidentLog. */
export interface TransportLog {
  firstRow: number;
  count: number;
  /** TRANSPORT_MISSIONS index: urgent transfer, monitored transfer, transfer, booked. */
  mission: Uint8Array;
  /** Latest on-time pickup (the window end); NaN for urgent transfers, which have no window. */
  windowEndSec: Float64Array;
}

export interface VehicleLog {
  /** Seconds in each state after warm-up, [vehicle * VEHICLE_STATES.length + state]. */
  stateSec: Float64Array;
  missions: Int32Array;
}

/** Counts per vehicle from the availability module, inside the vehicle-time counting window. */
export interface AvailabilityLog {
  breaksTaken: Int32Array;
  /** Breaks cut short by a red call (also counted as taken). */
  breaksInterrupted: Int32Array;
  /** Breaks that found the unit busy for the whole window. */
  breaksSkipped: Int32Array;
  cleanings: Int32Array;
  cleaningsInterrupted: Int32Array;
  /** Times the unit went out of service (defect or sickness). */
  outOfService: Int32Array;
  /** Non-red incidents after warm-up the end-of-shift rule passed over, each counted once, for the first unit that passed it over. */
  endOfShiftRefusals: Int32Array;
  /**
   * Per incident (IncidentLog rows): when its transporting unit was ready for a new job after it —
   * the mission's end (freeSec) when no cleaning followed, else the end of the cleaning (or the red
   * call that cut it short). NaN when the unit went out of service instead, or the run ended first.
   */
  readySec: Float64Array;
}

/** Kinds of 113 call at an AMK: the study area's incidents are "dispatch"; the others send no unit. */
/** "repeat": a further call about an incident already reported (amkCentres[].repeatCalls). */
export const AMK_CALL_TYPES = ["dispatch", "advice", "referral", "abandoned", "repeat"] as const;
export type AmkCallType = (typeof AMK_CALL_TYPES)[number];

/**
 * Shift periods for AMK figures, by the local hour in which a call rang or operator time fell:
 * day 07–15, evening 15–23, night 23–07 (the common three-shift rota; see docs/scenario-reference.md).
 */
export const AMK_SHIFT_PERIODS = ["day", "evening", "night"] as const;
export type AmkShiftPeriod = (typeof AMK_SHIFT_PERIODS)[number];
export function amkShiftPeriodOfHour(localHour: number): number {
  return localHour >= 7 && localHour < 15 ? 0 : localHour >= 15 && localHour < 23 ? 1 : 2;
}

/**
 * Answer delays are counted in 1-second bins 0 … AMK_ANSWER_HISTOGRAM_SEC − 1 (bin b holds delays in
 * [b, b + 1) s); the last bin holds longer delays, calls lost at a full queue and calls still waiting
 * at the end. Quantiles below the cap are exact to 1 s and memory does not grow with the run.
 */
export const AMK_ANSWER_HISTOGRAM_SEC = 900;
export const AMK_ANSWER_HISTOGRAM_BINS = AMK_ANSWER_HISTOGRAM_SEC + 1;

export interface AmkLog {
  /** 113 calls that rang after warm-up, per AMK: the study area's incidents plus, when configured, its other calls and the background. */
  calls: Int32Array;
  /** Calls answered within 10 s of ringing, per AMK. */
  answeredWithin10s: Int32Array;
  /** Calls lost because the AMK queue was full. */
  lostCalls: Int32Array;
  /** Operator-seconds available and busy after warm-up, per AMK; busy includes non-call work. */
  operatorAvailableSec: Float64Array;
  operatorBusySec: Float64Array;
  /** The same per AMK and shift period, [amk * AMK_SHIFT_PERIODS.length + period]. */
  callsByPeriod: Int32Array;
  answeredWithin10sByPeriod: Int32Array;
  operatorAvailableSecByPeriod: Float64Array;
  operatorBusySecByPeriod: Float64Array;
  /** Ring → answer histogram, [(amk * AMK_SHIFT_PERIODS.length + period) * AMK_ANSWER_HISTOGRAM_BINS + bin]. */
  answerDelayHistogram: Int32Array;
  /** 113 calls after warm-up by type, [amk * AMK_CALL_TYPES.length + type]. */
  callsByType: Int32Array;
  /** Operator tasks that are not 113 calls (follow-ups, orders), arrived after warm-up, per AMK. */
  tasks: Int32Array;
}

/**
 * The 113 calls that sent no simulated unit, one row per call after warm-up (advice, referral and
 * abandoned calls of the study area, background calls of every type, repeat calls); the study
 * area's incidents are in the IncidentLog. Present only when SimulationInputs.recordAmkCalls asks.
 * The engine draws these calls per AMK, not per zone, so they have no place.
 */
export interface AmkCallLog {
  count: number;
  /** Index into ScenarioIndex.amkIds. */
  amk: Int32Array;
  /** AMK_CALL_TYPES index. */
  type: Uint8Array;
  ringSec: Float64Array;
  /** NaN when never answered (lost at a full queue, or still waiting when the run ended). */
  answeredSec: Float64Array;
}

/**
 * Names for the indices used in the logs, so analysis can label them. Areas that are parts of a
 * larger whole (`partOf`) come first; each whole follows them as an extra area that no incident
 * belongs to directly, and `areaParent` links each part to it, so reports can add a row for it.
 */
export interface ScenarioIndex {
  zoneIds: string[];
  areaCodes: string[];
  /** Index of the whole an area is part of, or -1; one entry per area (wholes included, as -1). */
  areaParent: Int32Array;
  areaNames: string[];
  areaClasses: Array<"tettbygd" | "grisgrendt">;
  /** Responsible organisation index per area; -1 for a whole (partOf), which may span organisations. */
  areaOrganisation: Int32Array;
  organisationIds: string[];
  organisationNames: string[];
  amkIds: string[];
  amkNames: string[];
  vehicleIds: string[];
  vehicleTypes: VehicleType[];
  vehicleOwner: Int32Array;
  vehicleStation: string[];
  destinationIds: string[];
  urgencies: readonly Urgency[];
}

export interface ReplicationResult {
  replication: number;
  seed: number;
  /** Simulated seconds, including warm-up. */
  horizonSec: number;
  warmUpSec: number;
  incidents: IncidentLog;
  vehicles: VehicleLog;
  amk: AmkLog;
  /** Only when SimulationInputs.recordAmkCalls asked for them. */
  amkCalls?: AmkCallLog;
  /** Only when the scenario has a transports section. */
  transports?: TransportLog;
  /** Present when the scenario has an availability section. */
  availability?: AvailabilityLog;
  /** Events processed, for benchmarks. */
  eventCount: number;
  /** Multi-unit incidents and joint operations; present only when the scenario has them. */
  multiUnit?: MultiUnitLog;
}
