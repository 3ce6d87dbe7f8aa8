import { EventQueue } from "../events/event-queue.js";
import { KeyedRandomSource, type RandomSource, type RandomStreams } from "../random/random.js";
import { AMK_ANSWER_HISTOGRAM_BINS, AMK_ANSWER_HISTOGRAM_SEC, AMK_CALL_TYPES, AMK_SHIFT_PERIODS, type AmkCallLog, type AmkLog, type IncidentLog } from "../result/result.js";
import type { CompiledAmk, CompiledAmkLoad } from "./compile-amk.js";
import { ArrivalStreams } from "./arrival-streams.js";
import { AmkCallRecorder } from "./call-record.js";
import { JobQueue } from "./job-queue.js";
import { PendingReleases } from "./pending-releases.js";

// Event kinds of the AMK's own event queue (decideCalls).
const EV_OPERATORS = 20;
// 21–23 are arrivals, handled through onArrival (ArrivalStreams), never queued.
const EV_BACKGROUND_CALL = 21;
const EV_STUDY_OTHER_CALL = 22;
const EV_TASK = 23;
/** Subject 2 × amk, or 2 × amk + 1 when a mission follow-up joins the task queue as the call ends. */
const EV_OPERATOR_FREE = 24;
/** Subject amk: the number of operators away from the phone changes (offPhone rotation). */
const EV_OFF_PHONE = 25;
/** Subject amk: a new shift period starts and absence is drawn again. */
const EV_ABSENCE = 26;
/** Subject amk: a further call about an incident already reported rings. */
const EV_REPEAT_CALL = 27;
/** Subject incident: its call handling ends with the decision to send a unit. */
const EV_CALL_DECIDED = 28;

// Random-stream purposes. 10 is the core's per-incident call-handling purpose, kept so incidents'
// handling times are the numbers they always were; 20–29 are the AMK's own.
const P_CALL_HANDLING = 10;
const P_BACKGROUND_ARRIVALS = 20;
const P_BACKGROUND_CALLS = 21;
const P_STUDY_OTHER_ARRIVALS = 22;
const P_STUDY_OTHER_CALLS = 23;
const P_GUIDANCE = 24;
const P_TASK_ARRIVALS = 25;
const P_TASK_DURATIONS = 26;
/** After-call work of an incident's dispatch call, keyed by incident; of other calls, one stream per AMK. */
const P_AFTER_CALL = 27;
const P_AFTER_CALL_OTHER = 28;
const P_ABSENCE = 29;
/** The AMK's second block of purposes (60–69; 30–57 belong to other modules): repeat calls, per AMK. */
const P_REPEAT_CALLS = 60;
/** Tolerance (s) when comparing event times with rotation break points computed in floating point. */
const ROTATION_EPSILON_SEC = 1e-6;

const PERIODS = AMK_SHIFT_PERIODS.length;
const TYPES = AMK_CALL_TYPES.length;
const DISPATCH = 0;
const REPEAT = AMK_CALL_TYPES.indexOf("repeat");
const RED = 0;

/**
 * A waiting job's code: an incident index (≥ 0), or a call that sends no simulated unit,
 * −1 − (2 × type + 1 if it brings a mission follow-up, else 2 × type).
 */
const otherCallCode = (type: number, followUp: boolean) => -1 - (2 * type + (followUp ? 1 : 0));

/**
 * The AMK's decisions to send a unit, in the order they fall (time, then the order the AMK made
 * them): the incident and the time. The simulation loop takes them in turn (decideCalls).
 */
export interface AmkDecisions {
  count: number;
  readonly incident: Int32Array;
  readonly atSec: Float64Array;
}

/**
 * The AMK centres: operators on duty, the 113 call queue (answered first come, first served) and
 * the queue of other operator work (taken only when no call waits). Calls are the study area's
 * incidents (which go on to dispatch) and, when the scenario asks for them, its calls that send no
 * unit, the background calls of the rest of each AMK's area, and tasks. Without those the module
 * does exactly what the engine always did, draw for draw.
 *
 * Nothing the units do reaches back into the AMK: its work depends only on when calls ring. So the
 * AMK runs first, over the whole period, on its own event queue (decideCalls), and hands the units'
 * loop the decisions as one sorted stream. Both loops then stay small, and the units' event queue
 * carries none of the AMK's events.
 */
export class AmkCentres {
  readonly log: AmkLog;
  private readonly spec: CompiledAmk;
  private readonly queue: EventQueue;
  private readonly streams: RandomStreams;
  private readonly incidents: IncidentLog;
  private readonly warmUpSec: number;
  private readonly horizonSec: number;
  private readonly random: KeyedRandomSource;

  /** Operators rostered now; those absent for the shift period (absence) are counted apart. */
  private readonly operatorsOnDuty: Int32Array;
  private readonly operatorsAbsent: Int32Array;
  private readonly absenceCursor: Int32Array;
  private readonly absenceStreams: Array<RandomSource | undefined>;
  private readonly operatorsBusy: Int32Array;
  /** Operators on duty but away from the phone (offPhone); always 0 without it. */
  private readonly operatorsAway: Int32Array;
  private readonly operatorLastChange: Float64Array;
  /** Per AMK, the end of the simulated hour operator time was last accounted in, and that hour's period slot. */
  private readonly accountedHourEndSec: Float64Array;
  private readonly accountedSlot: Int32Array;
  // The log's operator-time columns, held directly: they are added to at every change of an operator's state.
  private readonly operatorAvailableSec: Float64Array;
  private readonly operatorBusySec: Float64Array;
  private readonly operatorAvailableSecByPeriod: Float64Array;
  private readonly operatorBusySecByPeriod: Float64Array;
  private readonly operatorChangeCursor: Int32Array;
  private readonly calls: JobQueue[];
  private readonly tasks: JobQueue[];
  /** Releases while no work waits, applied when the AMK is next touched (see PendingReleases). */
  private readonly pending: PendingReleases;

  // Per AMK with a load; undefined elsewhere.
  private readonly load: Array<CompiledAmkLoad | undefined>;
  private readonly backgroundCalls: Array<RandomSource | undefined>;
  private readonly studyOtherCalls: Array<RandomSource | undefined>;
  private readonly taskDurations: Array<RandomSource | undefined>;
  private readonly afterCallOther: Array<RandomSource | undefined>;
  private readonly repeatCalls: Array<RandomSource | undefined>;
  /** Per-call record of the calls that send no unit; only when asked (recordCalls). */
  private readonly recorder: AmkCallRecorder | undefined;
  /** Every task stream of every AMK: its AMK and which of the AMK's tasks it is. */
  private readonly taskStreams: Array<{ amk: number; durationIndex: number }> = [];
  /** The arrival streams, which decideCalls merges with the AMK's event queue. */
  private readonly arrivals: ArrivalStreams;

  constructor(spec: CompiledAmk, streams: RandomStreams, incidents: IncidentLog, warmUpSec: number, horizonSec: number, recordCalls = false) {
    this.spec = spec;
    this.queue = new EventQueue(64);
    this.streams = streams;
    this.incidents = incidents;
    this.warmUpSec = warmUpSec;
    this.horizonSec = horizonSec;
    this.random = new KeyedRandomSource(streams.seed, 0, 0);
    const amks = spec.operatorChanges.length;
    this.log = {
      calls: new Int32Array(amks),
      answeredWithin10s: new Int32Array(amks),
      lostCalls: new Int32Array(amks),
      operatorAvailableSec: new Float64Array(amks),
      operatorBusySec: new Float64Array(amks),
      callsByPeriod: new Int32Array(amks * PERIODS),
      answeredWithin10sByPeriod: new Int32Array(amks * PERIODS),
      operatorAvailableSecByPeriod: new Float64Array(amks * PERIODS),
      operatorBusySecByPeriod: new Float64Array(amks * PERIODS),
      answerDelayHistogram: new Int32Array(amks * PERIODS * AMK_ANSWER_HISTOGRAM_BINS),
      callsByType: new Int32Array(amks * TYPES),
      tasks: new Int32Array(amks),
    };
    this.operatorsOnDuty = new Int32Array(amks);
    this.operatorsBusy = new Int32Array(amks);
    this.operatorsAway = new Int32Array(amks);
    this.operatorsAbsent = new Int32Array(amks);
    this.absenceCursor = new Int32Array(amks);
    this.absenceStreams = spec.absenceShare.map((share, a) => (share > 0 ? streams.stream(P_ABSENCE, a) : undefined));
    this.operatorLastChange = new Float64Array(amks);
    this.accountedHourEndSec = new Float64Array(amks).fill(-Infinity);
    this.accountedSlot = new Int32Array(amks);
    this.operatorAvailableSec = this.log.operatorAvailableSec;
    this.operatorBusySec = this.log.operatorBusySec;
    this.operatorAvailableSecByPeriod = this.log.operatorAvailableSecByPeriod;
    this.operatorBusySecByPeriod = this.log.operatorBusySecByPeriod;
    this.operatorChangeCursor = new Int32Array(amks);
    this.calls = Array.from({ length: amks }, () => new JobQueue());
    this.tasks = Array.from({ length: amks }, () => new JobQueue());
    this.pending = new PendingReleases(amks);
    this.recorder = recordCalls ? new AmkCallRecorder(amks) : undefined;
    this.load = spec.load;
    const perLoad = (purpose: number) => spec.load.map((load, a) => (load ? streams.stream(purpose, a) : undefined));
    const backgroundArrivals = perLoad(P_BACKGROUND_ARRIVALS);
    this.backgroundCalls = perLoad(P_BACKGROUND_CALLS);
    const studyOtherArrivals = perLoad(P_STUDY_OTHER_ARRIVALS);
    this.studyOtherCalls = perLoad(P_STUDY_OTHER_CALLS);
    this.taskDurations = perLoad(P_TASK_DURATIONS);
    this.afterCallOther = perLoad(P_AFTER_CALL_OTHER);
    this.repeatCalls = spec.load.map((load, a) => (load?.repeat ? streams.stream(P_REPEAT_CALLS, a) : undefined));
    // Streams in the order start() draws their first arrivals: each AMK's background and study
    // calls, then every task stream (whose random stream is keyed by its place among them).
    const arrivalStreams: Array<{ kind: number; subject: number; perHour: Float64Array; random: RandomSource; startSec: number; endSec: number }> = [];
    spec.load.forEach((load, a) => {
      if (!load) return;
      if (load.backgroundCallsPerHour) {
        arrivalStreams.push({ kind: EV_BACKGROUND_CALL, subject: a, perHour: load.backgroundCallsPerHour, random: backgroundArrivals[a]!, startSec: 0, endSec: horizonSec });
      }
      if (load.otherTypes.length > 0) {
        arrivalStreams.push({ kind: EV_STUDY_OTHER_CALL, subject: a, perHour: load.studyOtherCallsPerHour, random: studyOtherArrivals[a]!, startSec: load.studyWindowStartSec, endSec: load.studyWindowEndSec });
      }
    });
    spec.load.forEach((load, a) =>
      load?.tasks.forEach((task, k) => {
        const index = this.taskStreams.length;
        this.taskStreams.push({ amk: a, durationIndex: k });
        arrivalStreams.push({ kind: EV_TASK, subject: index, perHour: task.perHour, random: streams.stream(P_TASK_ARRIVALS, index), startSec: 0, endSec: horizonSec });
      }),
    );
    this.arrivals = new ArrivalStreams(arrivalStreams, this.queue, spec.hourOfWeekByHour, horizonSec);
  }

  /** Schedules the operators' shifts and the first of each arrival stream. */
  private start(): void {
    for (let a = 0; a < this.operatorsOnDuty.length; a++) this.queue.push(0, EV_OPERATORS, a);
    // After the first roster change at time 0, so the rotation starts from the rostered count.
    this.spec.offPhone.forEach((offPhone, a) => {
      if (offPhone) this.queue.push(0, EV_OFF_PHONE, a);
    });
    this.absenceStreams.forEach((stream, a) => {
      const first = this.spec.periodStartsSec[0];
      if (stream && first !== undefined && first < this.horizonSec) this.queue.push(first, EV_ABSENCE, a);
    });
    this.arrivals.start();
  }

  /**
   * Runs the AMK from the start to `endSec`: the first `callCount` incidents' calls ring at their
   * ringSec (sorted), and every decision to send a unit made by then is appended to `decisions`.
   * Calls lost at a full queue are handed to `onLost`. Returns the events handled (each call's ring,
   * every arrival and every event but the decisions, which the units' loop counts as it takes them).
   * The order is that of one event queue by (time, sequence), as when the AMK's events shared the
   * units' queue; a call rings after every event at the same time.
   */
  decideCalls(callCount: number, endSec: number, decisions: AmkDecisions, onLost: (incident: number) => void): number {
    this.start();
    const ring = this.incidents.ringSec;
    const queue = this.queue;
    const arrivals = this.arrivals;
    let nextCall = 0;
    let events = 0;
    for (;;) {
      let nextEventSec = queue.peekTime();
      // The arrival streams wait outside the queue (amk/arrival-streams.ts); the earlier by (time, sequence) goes first.
      let arrivalDue = false;
      const arrivalSec = arrivals.nextSec;
      if (arrivalSec < nextEventSec || (arrivalSec === nextEventSec && arrivalSec !== Infinity && arrivals.nextSequence < queue.peekSequence())) {
        nextEventSec = arrivalSec;
        arrivalDue = true;
      }
      const ringSec = nextCall < callCount ? ring[nextCall]! : Infinity;
      if (ringSec < nextEventSec) {
        if (ringSec > endSec) break;
        events++;
        if (!this.ring(nextCall, ringSec)) onLost(nextCall);
        nextCall++;
        continue;
      }
      if (nextEventSec > endSec) break;
      if (arrivalDue) {
        events++;
        this.onArrival(nextEventSec);
        continue;
      }
      queue.pop();
      const now = queue.time;
      if (queue.kind === EV_CALL_DECIDED) {
        this.callDecided(queue.subject, now);
        decisions.incident[decisions.count] = queue.subject;
        decisions.atSec[decisions.count++] = now;
        continue;
      }
      events++;
      this.handle(queue.kind, queue.subject, now);
    }
    return events;
  }

  /** The decisions still to come after decideCalls stopped: calls being handled then. */
  forEachPendingDecision(visit: (incident: number, atSec: number) => void): void {
    this.queue.forEachPending((timeSec, kind, subject) => {
      if (kind === EV_CALL_DECIDED) visit(subject, timeSec);
    });
  }

  /**
   * The earliest arrival stream's arrival, which the loop found before the queue's next event: handled
   * as its event would have been, under the sequence number that event would have had; then the
   * stream's next arrival is drawn, as each arrival's event pushed the next as its last act.
   */
  private onArrival(now: number): void {
    const arrivals = this.arrivals;
    const stream = arrivals.earliest;
    const kind = arrivals.kinds[stream]!;
    const subject = arrivals.subjects[stream]!;
    this.applyReleases(kind === EV_TASK ? this.taskStreams[subject]!.amk : subject, now, arrivals.nextSequence);
    if (kind === EV_BACKGROUND_CALL) this.onBackgroundCall(subject, now);
    else if (kind === EV_STUDY_OTHER_CALL) this.onStudyOtherCall(subject, now);
    else this.onTask(subject, now);
    arrivals.scheduleNext(stream, now);
  }

  /** An incident's 113 call rings; false when it is lost at a full queue. */
  private ring(incident: number, now: number): boolean {
    const amk = this.incidents.amk[incident]!;
    // A call rings after every queued event at the same time.
    this.applyReleases(amk, now, Infinity);
    const counted = this.incidents.inWarmUp[incident] === 0;
    if (counted) this.countCall(amk, DISPATCH, now);
    if (this.repeatCalls[amk]) this.scheduleRepeats(amk, now);
    if (this.hasFreeOperator(amk)) {
      this.answerIncident(incident, amk, now);
      return true;
    }
    const maxQueue = this.spec.maxQueue[amk]!;
    if (maxQueue > 0 && this.calls[amk]!.size >= maxQueue) {
      if (counted) this.countLost(amk, now);
      return false;
    }
    this.calls[amk]!.push(incident, now, 0);
    this.queueReleases(amk);
    return true;
  }

  /**
   * An incident's call handling ended with the alert. The operator is free again unless telephone
   * guidance keeps them on the line or after-call work follows; the mission's follow-up joins the
   * operators' task queue.
   */
  private callDecided(incident: number, now: number): void {
    const amk = this.incidents.amk[incident]!;
    const load = this.load[amk];
    this.applyReleases(amk, now, this.queue.sequence);
    this.accountOperators(amk, now);
    const guidanceSec = load?.guidance && this.incidents.urgency[incident] === RED ? this.guidanceSec(incident, load.guidance) : 0;
    const afterCall = load?.afterCall[DISPATCH];
    const holdSec = guidanceSec + (afterCall ? this.incidentAfterCallSec(incident, afterCall) : 0);
    if (holdSec > 0) this.releaseAt(amk, now + holdSec);
    else this.operatorsBusy[amk]!--;
    if (load?.followUp) this.addTask(amk, load.followUp.sampleSec(this.taskDurations[amk]!), now);
    this.serveWaiting(amk, now);
  }

  private handle(kind: number, subject: number, now: number): void {
    this.applyReleases(kind === EV_OPERATOR_FREE ? subject >> 1 : subject, now, this.queue.sequence);
    switch (kind) {
      case EV_OPERATORS:
        this.onOperatorChange(subject, now);
        break;
      case EV_ABSENCE: {
        this.drawAbsence(subject, now);
        const cursor = ++this.absenceCursor[subject]!;
        const next = this.spec.periodStartsSec[cursor];
        if (next !== undefined && next < this.horizonSec) this.queue.push(next, EV_ABSENCE, subject);
        break;
      }
      case EV_REPEAT_CALL:
        this.otherCallRings(subject, REPEAT, this.load[subject]!.repeat!.talk.sampleSec(this.repeatCalls[subject]!), false, now);
        break;
      case EV_OFF_PHONE: {
        const nextSec = this.updateOffPhone(subject, now);
        if (nextSec < this.horizonSec) this.queue.push(nextSec, EV_OFF_PHONE, subject);
        break;
      }
      case EV_OPERATOR_FREE: {
        const amk = subject >> 1;
        this.accountOperators(amk, now);
        this.operatorsBusy[amk]!--;
        if ((subject & 1) === 1) this.addTask(amk, this.load[amk]!.followUp!.sampleSec(this.taskDurations[amk]!), now);
        else this.serveWaiting(amk, now);
        break;
      }
      default:
        throw new Error(`unknown AMK event kind ${kind}`);
    }
  }

  /** The calls that sent no unit, one per row, when recordCalls asked for them. */
  callLog(): AmkCallLog | undefined {
    return this.recorder?.log();
  }

  finish(now: number): void {
    for (let a = 0; a < this.operatorsOnDuty.length; a++) {
      // The run handles every event up to and including the end.
      this.applyReleases(a, now, Infinity);
      this.accountOperators(a, now);
      // Calls still ringing at the end never got an answer: the histogram's last bin.
      for (const ringSec of this.calls[a]!.waitingRingSecs()) if (ringSec >= this.warmUpSec) this.log.answerDelayHistogram[this.histogramBase(a, ringSec) + AMK_ANSWER_HISTOGRAM_SEC]!++;
    }
  }

  // ---- Calls.

  private answerIncident(incident: number, amk: number, now: number): void {
    this.accountOperators(amk, now);
    this.operatorsBusy[amk]!++;
    const log = this.incidents;
    log.answeredSec[incident] = now;
    if (log.inWarmUp[incident] === 0) this.countAnswer(amk, log.ringSec[incident]!, now);
    this.queue.push(now + this.handlingSec(incident), EV_CALL_DECIDED, incident);
  }

  /**
   * Call handling (answer → decision) of an incident's call, from its own keyed stream: the same
   * draw whenever and by whoever it is asked (a run started from a snapshot answers calls at once).
   */
  handlingSec(incident: number): number {
    this.streams.rekey(this.random, P_CALL_HANDLING, incident);
    return this.spec.callHandling[this.incidents.amk[incident]!]![this.incidents.urgency[incident]!]!.sampleSec(this.random);
  }

  private onBackgroundCall(amk: number, now: number): void {
    const load = this.load[amk]!;
    const random = this.backgroundCalls[amk]!;
    const type = pick(load.typeCumulative, random.next());
    let talkSec: number;
    if (type === DISPATCH) {
      const urgency = pick(load.urgencyCumulative, random.next());
      talkSec = this.spec.callHandling[amk]![urgency]!.sampleSec(random);
      if (urgency === RED && load.guidance && random.next() < load.guidance.redShare) talkSec += load.guidance.duration.sampleSec(random);
    } else talkSec = load.talk[type]!.sampleSec(random);
    if (type === DISPATCH && this.repeatCalls[amk]) this.scheduleRepeats(amk, now);
    this.otherCallRings(amk, type, talkSec, type === DISPATCH && load.followUp !== undefined, now);
  }

  private onStudyOtherCall(amk: number, now: number): void {
    const load = this.load[amk]!;
    const random = this.studyOtherCalls[amk]!;
    const type = load.otherTypes[pick(load.otherCumulative, random.next())]!;
    this.otherCallRings(amk, type, load.talk[type]!.sampleSec(random), false, now);
  }

  /** A dispatch call rang: with the repeat share, further callers about the same incident ring within the window. */
  private scheduleRepeats(amk: number, now: number): void {
    const repeat = this.load[amk]!.repeat!;
    const random = this.repeatCalls[amk]!;
    if (random.next() >= repeat.share) return;
    for (let k = 0; k < repeat.extraCalls; k++) {
      const ringSec = now + random.next() * repeat.withinSec;
      if (ringSec < this.horizonSec) this.queue.push(ringSec, EV_REPEAT_CALL, amk);
    }
  }

  /** A 113 call that sends no simulated unit rings. */
  private otherCallRings(amk: number, type: number, talkSec: number, followUp: boolean, now: number): void {
    const counted = now >= this.warmUpSec;
    if (counted) this.countCall(amk, type, now);
    // After-call work holds the operator as talk does; drawn from its own stream so the calls' draws stay the same.
    const afterCall = this.load[amk]!.afterCall[type];
    const workSec = afterCall ? talkSec + afterCall.sampleSec(this.afterCallOther[amk]!) : talkSec;
    const row = counted && this.recorder ? this.recorder.ring(amk, type, now) : -1;
    if (this.hasFreeOperator(amk)) {
      this.recorder?.answered(row, now);
      this.answerOtherCall(amk, workSec, followUp, now, now);
      return;
    }
    const maxQueue = this.spec.maxQueue[amk]!;
    if (maxQueue > 0 && this.calls[amk]!.size >= maxQueue) {
      if (counted) this.countLost(amk, now);
      return;
    }
    this.recorder?.queued(amk, row);
    this.calls[amk]!.push(otherCallCode(type, followUp), now, workSec);
    this.queueReleases(amk);
  }

  private answerOtherCall(amk: number, talkSec: number, followUp: boolean, ringSec: number, now: number): void {
    this.accountOperators(amk, now);
    this.operatorsBusy[amk]!++;
    if (ringSec >= this.warmUpSec) this.countAnswer(amk, ringSec, now);
    // A follow-up joins the task queue at the release, so that release is always an event.
    if (followUp) this.queue.push(now + talkSec, EV_OPERATOR_FREE, 2 * amk + 1);
    else this.releaseAt(amk, now + talkSec);
  }

  // ---- Other work.

  private onTask(stream: number, now: number): void {
    const task = this.taskStreams[stream]!;
    const load = this.load[task.amk]!;
    this.addTask(task.amk, load.tasks[task.durationIndex]!.duration.sampleSec(this.taskDurations[task.amk]!), now);
  }

  private addTask(amk: number, durationSec: number, now: number): void {
    if (now >= this.warmUpSec) this.log.tasks[amk]!++;
    this.tasks[amk]!.push(0, now, durationSec);
    this.serveWaiting(amk, now);
    this.queueReleases(amk);
  }

  /** Free operators take waiting calls first (113 is answered before other work), then tasks. */
  private serveWaiting(amk: number, now: number): void {
    const calls = this.calls[amk]!;
    while (calls.size > 0 && this.hasFreeOperator(amk)) {
      calls.shift();
      const code = calls.code;
      if (code >= 0) this.answerIncident(code, amk, now);
      else {
        const k = -1 - code;
        this.recorder?.answerNextWaiting(amk, now);
        this.answerOtherCall(amk, calls.workSec, (k & 1) === 1, calls.ringSec, now);
      }
    }
    const tasks = this.tasks[amk]!;
    while (tasks.size > 0 && this.hasFreeOperator(amk)) {
      tasks.shift();
      this.accountOperators(amk, now);
      this.operatorsBusy[amk]!++;
      this.releaseAt(amk, now + tasks.workSec);
    }
  }

  // ---- Operators' releases.

  /**
   * An operator is free again at `timeSec`. While work waits the release must serve it then, so it
   * is an event; otherwise it only lowers the busy count and is held back (PendingReleases) under
   * the sequence number the event would have had.
   */
  private releaseAt(amk: number, timeSec: number): void {
    if (this.calls[amk]!.size > 0 || this.tasks[amk]!.size > 0) this.queue.push(timeSec, EV_OPERATOR_FREE, 2 * amk);
    else this.pending.add(amk, timeSec, this.queue.reserveSequences(1));
  }

  /** Applies the held-back releases that come before the event at (now, sequence), in order, as their events would have. */
  private applyReleases(amk: number, now: number, sequence: number): void {
    while (this.pending.earliestBefore(amk, now, sequence)) {
      this.accountOperators(amk, this.pending.takeEarliest(amk));
      this.operatorsBusy[amk]!--;
    }
  }

  /** Work now waits: the held-back releases become events under their own sequence numbers. */
  private queueReleases(amk: number): void {
    if (this.calls[amk]!.size === 0 && this.tasks[amk]!.size === 0) return;
    while (this.pending.count(amk) > 0) {
      const sequence = this.pending.earliestSequence(amk);
      this.queue.pushReserved(this.pending.takeEarliest(amk), EV_OPERATOR_FREE, 2 * amk, 0, sequence);
    }
  }

  // ---- Operators.

  private onOperatorChange(amk: number, now: number): void {
    const changes = this.spec.operatorChanges[amk]!;
    const cursor = this.operatorChangeCursor[amk]!;
    this.accountOperators(amk, now);
    this.operatorsOnDuty[amk] = changes[cursor]![1];
    this.operatorChangeCursor[amk] = cursor + 1;
    const next = changes[cursor + 1];
    if (next) this.queue.push(next[0], EV_OPERATORS, amk);
    if (this.absenceStreams[amk]) this.drawAbsence(amk, now);
    else if (this.spec.offPhone[amk]) this.updateOffPhone(amk, now);
    this.serveWaiting(amk, now);
  }

  /**
   * Each rostered operator is absent for the shift period with the absence share, drawn anew at
   * every roster change and period start. Absent operators stay in the rostered time (the positions
   * are paid for) but answer nothing, like time away from the phone.
   */
  private drawAbsence(amk: number, now: number): void {
    this.accountOperators(amk, now);
    const stream = this.absenceStreams[amk]!;
    const share = this.spec.absenceShare[amk]!;
    let absent = 0;
    for (let k = 0; k < this.operatorsOnDuty[amk]!; k++) if (stream.next() < share) absent++;
    this.operatorsAbsent[amk] = absent;
    if (this.spec.offPhone[amk]) this.updateOffPhone(amk, now);
    this.serveWaiting(amk, now);
  }

  /** An operator on duty, present and not away from the phone, is free. */
  private hasFreeOperator(amk: number): boolean {
    return this.operatorsBusy[amk]! + this.operatorsAway[amk]! + this.operatorsAbsent[amk]! < this.operatorsOnDuty[amk]!;
  }

  /**
   * Operators away from the phone now: share × those present, the fraction staggered as one more away
   * for that fraction of each rotation block (from its start), so the away operator-time is exactly
   * share × on duty in every block. Returns the next rotation break point: the end of this block's
   * extra operator away, else the next block.
   */
  private updateOffPhone(amk: number, now: number): number {
    const { share, rotationSec } = this.spec.offPhone[amk]!;
    // Rounded so that e.g. 0.3 × 10 is 3 operators, not 3 plus a rounding error's sliver of a fourth.
    const operators = Math.round(share * (this.operatorsOnDuty[amk]! - this.operatorsAbsent[amk]!) * 1e9) / 1e9;
    const whole = Math.floor(operators);
    const blockStartSec = Math.floor((now + ROTATION_EPSILON_SEC) / rotationSec) * rotationSec;
    const extraEndSec = blockStartSec + (operators - whole) * rotationSec;
    const extra = now < extraEndSec - ROTATION_EPSILON_SEC;
    const nextSec = extra ? extraEndSec : blockStartSec + rotationSec;
    const away = whole + (extra ? 1 : 0);
    if (away === this.operatorsAway[amk]) return nextSec;
    this.accountOperators(amk, now);
    const returning = away < this.operatorsAway[amk]!;
    this.operatorsAway[amk] = away;
    if (returning) this.serveWaiting(amk, now);
    return nextSec;
  }

  private accountOperators(amk: number, now: number): void {
    const from = Math.max(this.operatorLastChange[amk]!, this.warmUpSec);
    this.operatorLastChange[amk] = now;
    if (!(now > from)) return;
    const onDuty = this.operatorsOnDuty[amk]!;
    // Time away from the phone and absence count as not free (busy); an operator due to leave
    // finishes the current job first, so they and busy together never count above those on duty.
    const away = this.operatorsAway[amk]! + this.operatorsAbsent[amk]!;
    const busy = away > 0 ? Math.max(this.operatorsBusy[amk]!, Math.min(onDuty, this.operatorsBusy[amk]! + away)) : this.operatorsBusy[amk]!;
    const dt = now - from;
    this.operatorAvailableSec[amk]! += dt * onDuty;
    this.operatorBusySec[amk]! += dt * busy;
    // By shift period. Nearly every interval lies within the simulated hour of the last one, whose
    // end and period slot are kept, so the usual case needs no division.
    if (from >= this.accountedHourEndSec[amk]!) {
      const hour = Math.floor(from / 3600);
      this.accountedHourEndSec[amk] = (hour + 1) * 3600;
      this.accountedSlot[amk] = amk * PERIODS + this.spec.periodByHour[hour]!;
    }
    if (now <= this.accountedHourEndSec[amk]!) {
      const slot = this.accountedSlot[amk]!;
      this.operatorAvailableSecByPeriod[slot]! += dt * onDuty;
      this.operatorBusySecByPeriod[slot]! += dt * busy;
      return;
    }
    // Split at the simulated hours the interval crosses.
    let t = from;
    while (t < now) {
      const hour = Math.floor(t / 3600);
      const end = Math.min(now, (hour + 1) * 3600);
      const slot = amk * PERIODS + this.spec.periodByHour[hour]!;
      this.operatorAvailableSecByPeriod[slot]! += (end - t) * onDuty;
      this.operatorBusySecByPeriod[slot]! += (end - t) * busy;
      t = end;
    }
  }

  // ---- Counting (calls after warm-up only).

  private countCall(amk: number, type: number, ringSec: number): void {
    this.log.calls[amk]!++;
    this.log.callsByPeriod[amk * PERIODS + this.periodAt(ringSec)]!++;
    this.log.callsByType[amk * TYPES + type]!++;
  }

  private countLost(amk: number, ringSec: number): void {
    this.log.lostCalls[amk]!++;
    this.log.answerDelayHistogram[this.histogramBase(amk, ringSec) + AMK_ANSWER_HISTOGRAM_SEC]!++;
  }

  private countAnswer(amk: number, ringSec: number, now: number): void {
    const delaySec = now - ringSec;
    if (delaySec <= 10) {
      this.log.answeredWithin10s[amk]!++;
      this.log.answeredWithin10sByPeriod[amk * PERIODS + this.periodAt(ringSec)]!++;
    }
    this.log.answerDelayHistogram[this.histogramBase(amk, ringSec) + Math.min(AMK_ANSWER_HISTOGRAM_SEC, Math.floor(delaySec))]!++;
  }

  private periodAt(simSec: number): number {
    return this.spec.periodByHour[Math.floor(simSec / 3600)]!;
  }

  private histogramBase(amk: number, ringSec: number): number {
    return (amk * PERIODS + this.periodAt(ringSec)) * AMK_ANSWER_HISTOGRAM_BINS;
  }

  private incidentAfterCallSec(incident: number, afterCall: { sampleSec(random: RandomSource): number }): number {
    this.streams.rekey(this.random, P_AFTER_CALL, incident);
    return afterCall.sampleSec(this.random);
  }

  private guidanceSec(incident: number, guidance: { redShare: number; duration: { sampleSec(random: RandomSource): number } }): number {
    this.streams.rekey(this.random, P_GUIDANCE, incident);
    return this.random.next() < guidance.redShare ? guidance.duration.sampleSec(this.random) : 0;
  }
}

/** Index of the first cumulative probability above u (the last if rounding leaves u above them all). */
function pick(cumulative: readonly number[], u: number): number {
  for (let k = 0; k < cumulative.length - 1; k++) if (u < cumulative[k]!) return k;
  return cumulative.length - 1;
}
