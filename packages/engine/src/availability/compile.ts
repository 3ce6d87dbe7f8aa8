import { clockToMinutes, shiftIntervals, type AvailabilityPartsSpec, type Scenario, type SimulationCalendar } from "@akutt/model";
import { createSampler, type Sampler } from "../distributions/distributions.js";

/** What happens at a point of a vehicle's crew-shift time-line (see CompiledAvailability.timeline). */
export const ACTION_END_OF_SHIFT_ON = 0;
export const ACTION_END_OF_SHIFT_OFF = 1;
export const ACTION_BREAK_DUE = 2;
export const ACTION_BREAK_WINDOW_END = 3;

export interface CompiledCleaning {
  transportedProbability: number;
  transported: Sampler;
  treatedOnSceneProbability: number;
  treatedOnScene: Sampler;
  /** Driven back to the home station before cleaning (else cleaned where the mission ended). */
  atStation: boolean;
  interruptibleByRed: boolean;
}

export interface CompiledOutOfService {
  ratePerSec: number;
  duration: Sampler;
}

/** Crew-shift points of one vehicle, sorted by time; shared by vehicles with the same shifts and rules. */
export interface Timeline {
  timeSec: Float64Array;
  action: Uint8Array;
}

/** The scenario's availability section per vehicle, ready for the event loop (shared by replications). */
export interface CompiledAvailability {
  cleaning: Array<CompiledCleaning | undefined>;
  outOfService: Array<CompiledOutOfService | undefined>;
  breakDurationSec: Float64Array;
  breakInterruptibleByRed: Uint8Array;
  timeline: Timeline[];
}

const EMPTY_TIMELINE: Timeline = { timeSec: new Float64Array(0), action: new Uint8Array(0) };

export function compileAvailability(scenario: Scenario, calendar: SimulationCalendar, horizonSec: number): CompiledAvailability | undefined {
  const spec = scenario.availability;
  if (!spec) return undefined;
  const crewChangeMin = [...new Set(spec.crewChanges.map(clockToMinutes))].sort((a, b) => a - b);
  const samplers = new Map<object, CompiledCleaning | CompiledOutOfService>();
  const timelines = new Map<string, Timeline>();
  const result: CompiledAvailability = {
    cleaning: [],
    outOfService: [],
    breakDurationSec: new Float64Array(scenario.vehicles.length),
    breakInterruptibleByRed: new Uint8Array(scenario.vehicles.length),
    timeline: [],
  };
  scenario.vehicles.forEach((vehicle, v) => {
    const override = spec.vehicleTypes[vehicle.type];
    const label = override ? `availability.vehicleTypes.${vehicle.type}` : "availability";
    const parts: AvailabilityPartsSpec = { ...pick(spec), ...(override ? pick(override) : {}) };
    const cleaning = parts.cleaning;
    if (cleaning && !samplers.has(cleaning)) {
      samplers.set(cleaning, {
        transportedProbability: cleaning.transported.probability,
        transported: createSampler(cleaning.transported.duration, `${label}.cleaning.transported.duration`),
        treatedOnSceneProbability: cleaning.treatedOnScene.probability,
        treatedOnScene: createSampler(cleaning.treatedOnScene.duration, `${label}.cleaning.treatedOnScene.duration`),
        atStation: cleaning.where === "station",
        interruptibleByRed: cleaning.interruptibleByRed,
      });
    }
    result.cleaning.push(cleaning ? (samplers.get(cleaning) as CompiledCleaning) : undefined);
    const outOfService = parts.outOfService;
    if (outOfService && outOfService.ratePer1000Hours > 0 && !samplers.has(outOfService)) {
      samplers.set(outOfService, { ratePerSec: outOfService.ratePer1000Hours / 1000 / 3600, duration: createSampler(outOfService.duration, `${label}.outOfService.duration`) });
    }
    result.outOfService.push(outOfService && outOfService.ratePer1000Hours > 0 ? (samplers.get(outOfService) as CompiledOutOfService) : undefined);
    result.breakDurationSec[v] = (parts.breaks?.durationMin ?? 0) * 60;
    result.breakInterruptibleByRed[v] = parts.breaks?.interruptibleByRed === false ? 0 : 1;
    if (!parts.breaks && !parts.endOfShift) {
      result.timeline.push(EMPTY_TIMELINE);
      return;
    }
    const key = JSON.stringify([vehicle.shifts, parts.breaks, parts.endOfShift]);
    let timeline = timelines.get(key);
    if (!timeline) {
      const crewShifts = vehicle.shifts.length > 0 ? shiftIntervals(vehicle.shifts, calendar, horizonSec) : roundTheClockCrewShifts(crewChangeMin, calendar, horizonSec);
      timeline = buildTimeline(crewShifts, parts, horizonSec);
      timelines.set(key, timeline);
    }
    result.timeline.push(timeline);
  });
  return result;
}

function pick(parts: AvailabilityPartsSpec): AvailabilityPartsSpec {
  const picked: AvailabilityPartsSpec = {};
  if (parts.cleaning) picked.cleaning = parts.cleaning;
  if (parts.breaks) picked.breaks = parts.breaks;
  if (parts.endOfShift) picked.endOfShift = parts.endOfShift;
  if (parts.outOfService) picked.outOfService = parts.outOfService;
  return picked;
}

/**
 * Crew shifts of a vehicle on duty around the clock: the time between consecutive crew changes.
 * The first and last may start before or end after the run; their true start and end still
 * place the break window and the end-of-shift rule.
 */
function roundTheClockCrewShifts(crewChangeMin: number[], calendar: SimulationCalendar, horizonSec: number): Array<[number, number]> {
  const changes: number[] = [];
  const lastDay = Math.ceil(horizonSec / 86_400) + 1;
  for (let day = -1; day <= lastDay; day++) for (const minute of crewChangeMin) changes.push(calendar.simSecAtLocal(day, minute));
  changes.sort((a, b) => a - b);
  const shifts: Array<[number, number]> = [];
  for (let k = 0; k + 1 < changes.length; k++) {
    const [start, end] = [changes[k]!, changes[k + 1]!];
    if (end > 0 && start < horizonSec && end > start) shifts.push([start, end]);
  }
  return shifts;
}

function buildTimeline(crewShifts: Array<[number, number]>, parts: AvailabilityPartsSpec, horizonSec: number): Timeline {
  const points: Array<[number, number]> = [];
  const add = (timeSec: number, action: number) => {
    if (timeSec >= 0 && timeSec < horizonSec) points.push([timeSec, action]);
  };
  for (const [start, end] of crewShifts) {
    const breaks = parts.breaks;
    if (breaks && end - start >= breaks.minShiftHours * 3600) {
      const dueSec = start + breaks.windowStartHours * 3600;
      if (dueSec < end) {
        add(dueSec, ACTION_BREAK_DUE);
        add(Math.min(end, start + breaks.windowEndHours * 3600), ACTION_BREAK_WINDOW_END);
      }
    }
    if (parts.endOfShift) {
      add(Math.max(start, end - parts.endOfShift.lastMinutes * 60), ACTION_END_OF_SHIFT_ON);
      add(end, ACTION_END_OF_SHIFT_OFF);
    }
  }
  // Equal times: the rule is lifted before the next crew's rule or break starts (actions in order).
  points.sort((a, b) => a[0] - b[0] || order(a[1]) - order(b[1]));
  return { timeSec: Float64Array.from(points, (p) => p[0]), action: Uint8Array.from(points, (p) => p[1]) };
}

function order(action: number): number {
  return action === ACTION_END_OF_SHIFT_OFF ? 0 : action === ACTION_BREAK_WINDOW_END ? 1 : 2;
}
