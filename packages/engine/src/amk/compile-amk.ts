import { URGENCIES, type AmkSpec, type ProfileSpec, type SimulationCalendar } from "@akutt/model";
import { HOURS_PER_YEAR } from "../compile/year.js";
import { createSampler, type Sampler } from "../distributions/distributions.js";
import { AMK_CALL_TYPES, amkShiftPeriodOfHour } from "../result/result.js";


/** The workload of one AMK beyond the study area's dispatch calls; absent when its scenario asks for none. */
export interface CompiledAmkLoad {
  /** The study area's calls that send no unit, per hour by local hour of week [168]. */
  studyOtherCallsPerHour: Float64Array;
  /** Those calls ring only in [studyWindowStartSec, studyWindowEndSec), like the dispatch calls (demand.window). */
  studyWindowStartSec: number;
  studyWindowEndSec: number;
  /** Cumulative probabilities of the non-dispatch types among the study area's other calls, with their AMK_CALL_TYPES index. */
  otherTypes: number[];
  otherCumulative: number[];
  /** Cumulative shares of all AMK_CALL_TYPES among background calls (dispatch first). */
  typeCumulative: number[];
  /** Talk time per AMK_CALL_TYPES index; dispatch calls use callHandling (+ guidance). */
  talk: Array<Sampler | undefined>;
  /** Urgency mix of background dispatch calls: the study area's, cumulative. */
  urgencyCumulative: number[];
  guidance: { redShare: number; duration: Sampler } | undefined;
  /** Background 113 calls per hour by local hour of week [168], or undefined. */
  backgroundCallsPerHour: Float64Array | undefined;
  followUp: Sampler | undefined;
  /** After-call work per AMK_CALL_TYPES index (the operator stays busy after the call), or undefined. */
  afterCall: Array<Sampler | undefined>;
  /** Further calls about a dispatch call's incident (several callers), or undefined. */
  repeat: { share: number; extraCalls: number; withinSec: number; talk: Sampler } | undefined;
  tasks: Array<{ perHour: Float64Array; duration: Sampler }>;
}

/** AMK operators and their work, in the shape amk/amk-centres.ts wants. */
export interface CompiledAmk {
  callHandling: Sampler[][];
  maxQueue: number[];
  /** Change points of the number of operators on duty: [timeSec, count] sorted by time. */
  operatorChanges: Array<Array<[number, number]>>;
  /** Local hour of week and AMK shift period of each simulated hour (index floor(simSec / 3600)). */
  hourOfWeekByHour: Uint8Array;
  periodByHour: Uint8Array;
  load: Array<CompiledAmkLoad | undefined>;
  /** Time away from the phone per AMK: the share of rostered operators away, staggered over rotationSec blocks; undefined when none. */
  offPhone: Array<{ share: number; rotationSec: number } | undefined>;
  /** Probability that a rostered operator is absent for a shift period, per AMK (0: none). */
  absenceShare: number[];
  /** Start times (s) of the shift periods after time 0 (local 07, 15, 23), where absence is drawn again. */
  periodStartsSec: number[];
}

/** What the AMK compilation needs from the rest of the compiled scenario. */
export interface AmkCompileContext {
  calendar: SimulationCalendar;
  horizonSec: number;
  operatorChanges: Array<Array<[number, number]>>;
  zoneAmk: Int32Array;
  /** Dispatch calls per hour, [urgency][zone], and the profiles [urgency][hourOfWeek] (CompiledDemand). */
  ratePerHourByZone: Float64Array[];
  profile: Float64Array[];
  windowStartSec: number;
  windowEndSec: number;
  /** The demand profile normalised (mean 1): the default for background calls and tasks. */
  defaultProfile: Float64Array;
  normaliseProfile: (spec: ProfileSpec | undefined) => Float64Array;
}

export function compileAmk(centres: readonly AmkSpec[], context: AmkCompileContext): CompiledAmk {
  const hours = Math.ceil(context.horizonSec / 3600) + 1;
  const hourOfWeekByHour = new Uint8Array(hours);
  const periodByHour = new Uint8Array(hours);
  for (let hour = 0; hour < hours; hour++) {
    const hourOfWeek = context.calendar.hourOfWeekAt(hour * 3600);
    hourOfWeekByHour[hour] = hourOfWeek;
    periodByHour[hour] = amkShiftPeriodOfHour(hourOfWeek % 24);
  }
  return {
    callHandling: centres.map((amk, a) => URGENCIES.map((urgency) => createSampler(amk.callHandling[urgency], `amkCentres[${a}].callHandling.${urgency}`))),
    maxQueue: centres.map((amk) => amk.maxQueue ?? 0),
    operatorChanges: context.operatorChanges,
    hourOfWeekByHour,
    periodByHour,
    load: centres.map((amk, a) => compileLoad(amk, a, context)),
    absenceShare: centres.map((amk) => amk.absence?.share ?? 0),
    periodStartsSec: centres.some((amk) => (amk.absence?.share ?? 0) > 0) ? periodStarts(periodByHour) : [],
    offPhone: centres.map((amk) => (amk.offPhone && amk.offPhone.share > 0 ? { share: amk.offPhone.share, rotationSec: amk.offPhone.rotationMin * 60 } : undefined)),
  };
}

/** Simulated times at which the shift period changes (hour boundaries where periodByHour differs). */
function periodStarts(periodByHour: Uint8Array): number[] {
  const starts: number[] = [];
  for (let hour = 1; hour < periodByHour.length; hour++) if (periodByHour[hour] !== periodByHour[hour - 1]) starts.push(hour * 3600);
  return starts;
}

function compileLoad(amk: AmkSpec, a: number, context: AmkCompileContext): CompiledAmkLoad | undefined {
  if (!amk.callTypes && !amk.telephoneGuidance && !amk.background && !amk.otherWork && !amk.afterCallWork && !amk.repeatCalls) return undefined;
  const field = `amkCentres[${a}]`;
  const talk: Array<Sampler | undefined> = AMK_CALL_TYPES.map(() => undefined);
  const shares = AMK_CALL_TYPES.map(() => 0);
  AMK_CALL_TYPES.forEach((type, t) => {
    if (type === "dispatch" || type === "repeat") return;
    const spec = amk.callTypes?.[type];
    if (!spec) return;
    shares[t] = spec.share;
    talk[t] = createSampler(spec.talk, `${field}.callTypes.${type}.talk`);
  });
  const otherShare = shares.reduce((sum, share) => sum + share, 0);
  const dispatchShare = 1 - otherShare;
  shares[0] = dispatchShare;

  // Other calls per dispatch call: shares are of all 113 calls, so other / dispatch.
  const perDispatch = otherShare / dispatchShare;
  const studyOtherCallsPerHour = new Float64Array(168);
  const urgencyTotals = URGENCIES.map(() => 0);
  context.ratePerHourByZone.forEach((rates, u) => {
    let own = 0;
    for (let z = 0; z < rates.length; z++) {
      urgencyTotals[u]! += rates[z]!;
      if (context.zoneAmk[z] === a) own += rates[z]!;
    }
    for (let h = 0; h < 168; h++) studyOtherCallsPerHour[h]! += own * context.profile[u]![h]! * perDispatch;
  });

  const otherTypes: number[] = [];
  const otherCumulative: number[] = [];
  let sum = 0;
  shares.forEach((share, t) => {
    if (t === 0 || share <= 0) return;
    sum += share / otherShare;
    otherTypes.push(t);
    otherCumulative.push(sum);
  });
  let typeSum = 0;
  // Repeat calls are not drawn by share (they follow dispatch calls), so they are left out; they are the last type.
  const typeCumulative = shares.filter((_, t) => AMK_CALL_TYPES[t] !== "repeat").map((share) => (typeSum += share));
  const urgencyTotal = urgencyTotals.reduce((total, rate) => total + rate, 0);
  let urgencySum = 0;
  const urgencyCumulative = urgencyTotals.map((rate) => (urgencySum += urgencyTotal > 0 ? rate / urgencyTotal : 0));

  const perHourByHourOfWeek = (perYear: number, profile: ProfileSpec | undefined) => {
    const shape = profile ? context.normaliseProfile(profile) : context.defaultProfile;
    return Float64Array.from(shape, (multiplier) => (perYear / HOURS_PER_YEAR) * multiplier);
  };
  const guidance = amk.telephoneGuidance;
  return {
    studyOtherCallsPerHour,
    studyWindowStartSec: context.windowStartSec,
    studyWindowEndSec: context.windowEndSec,
    otherTypes,
    otherCumulative,
    typeCumulative,
    talk,
    urgencyCumulative,
    guidance: guidance ? { redShare: guidance.redShare, duration: createSampler(guidance.duration, `${field}.telephoneGuidance.duration`) } : undefined,
    backgroundCallsPerHour: amk.background ? perHourByHourOfWeek(amk.background.callsPerYear, amk.background.profile) : undefined,
    afterCall: AMK_CALL_TYPES.map((type) => {
      const spec = amk.afterCallWork?.[type];
      return spec ? createSampler(spec, `${field}.afterCallWork.${type}`) : undefined;
    }),
    repeat: amk.repeatCalls
      ? { share: amk.repeatCalls.share, extraCalls: amk.repeatCalls.extraCalls, withinSec: amk.repeatCalls.withinMin * 60, talk: createSampler(amk.repeatCalls.talk, `${field}.repeatCalls.talk`) }
      : undefined,
    followUp: amk.otherWork?.missionFollowUp ? createSampler(amk.otherWork.missionFollowUp, `${field}.otherWork.missionFollowUp`) : undefined,
    tasks: (amk.otherWork?.tasks ?? []).map((task, k) => ({
      perHour: perHourByHourOfWeek(task.perYear, task.profile),
      duration: createSampler(task.duration, `${field}.otherWork.tasks[${k}].duration`),
    })),
  };
}
