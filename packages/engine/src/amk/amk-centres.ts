import { EventQueue } from "../events/event-queue.js";
import { KeyedRandomSource, type RandomSource, type RandomStreams } from "../random/random.js";
import { AMK_ANSWER_HISTOGRAM_BINS, AMK_ANSWER_HISTOGRAM_SEC, AMK_CALL_TYPES, AMK_SHIFT_PERIODS, type AmkCallLog, type AmkLog, type IncidentLog } from "../result/result.js";
import type { CompiledAmk } from "./compile-amk.js";
import { ArrivalStreams } from "./arrival-streams.js";
import { AmkCallRecorder } from "./call-record.js";
import { Centre } from "./centre.js";

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
 * carries none of the AMK's events. Each AMK's state is one Centre (centre.ts).
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
  private readonly centres: Centre[];
  // The log's columns, held directly: they are added to at every call and every change of an operator's state.
  private readonly calls: Int32Array;
  private readonly answeredWithin10s: Int32Array;
  private readonly lostCalls: Int32Array;
  private readonly callsByPeriod: Int32Array;
  private readonly answeredWithin10sByPeriod: Int32Array;
  private readonly answerDelayHistogram: Int32Array;
  private readonly callsByType: Int32Array;
  private readonly operatorAvailableSec: Float64Array;
  private readonly operatorBusySec: Float64Array;
  private readonly operatorAvailableSecByPeriod: Float64Array;
  private readonly operatorBusySecByPeriod: Float64Array;
  private readonly periodByHour: Uint8Array;
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
    this.calls = this.log.calls;
    this.answeredWithin10s = this.log.answeredWithin10s;
    this.lostCalls = this.log.lostCalls;
    this.callsByPeriod = this.log.callsByPeriod;
    this.answeredWithin10sByPeriod = this.log.answeredWithin10sByPeriod;
    this.answerDelayHistogram = this.log.answerDelayHistogram;
    this.callsByType = this.log.callsByType;
    this.operatorAvailableSec = this.log.operatorAvailableSec;
    this.operatorBusySec = this.log.operatorBusySec;
    this.operatorAvailableSecByPeriod = this.log.operatorAvailableSecByPeriod;
    this.operatorBusySecByPeriod = this.log.operatorBusySecByPeriod;
    this.periodByHour = spec.periodByHour;
    this.recorder = recordCalls ? new AmkCallRecorder(amks) : undefined;
    const perLoad = (purpose: number, a: number) => (spec.load[a] ? streams.stream(purpose, a) : undefined);
    this.centres = spec.operatorChanges.map(
      (changes, a) =>
        new Centre(
          a,
          a * PERIODS,
          spec.maxQueue[a]!,
          spec.callHandling[a]!,
          changes,
          spec.offPhone[a],
          spec.absenceShare[a]!,
          spec.absenceShare[a]! > 0 ? streams.stream(P_ABSENCE, a) : undefined,
          spec.load[a],
          perLoad(P_BACKGROUND_CALLS, a),
          perLoad(P_STUDY_OTHER_CALLS, a),
          perLoad(P_TASK_DURATIONS, a),
          perLoad(P_AFTER_CALL_OTHER, a),
          spec.load[a]?.repeat ? streams.stream(P_REPEAT_CALLS, a) : undefined,
        ),
    );
    // Streams in the order start() draws their first arrivals: each AMK's background and study
    // calls, then every task stream (whose random stream is keyed by its place among them).
    const arrivalStreams: Array<{ kind: number; subject: number; perHour: Float64Array; random: RandomSource; startSec: number; endSec: number }> = [];
    spec.load.forEach((load, a) => {
      if (!load) return;
      if (load.backgroundCallsPerHour) {
        arrivalStreams.push({ kind: EV_BACKGROUND_CALL, subject: a, perHour: load.backgroundCallsPerHour, random: streams.stream(P_BACKGROUND_ARRIVALS, a), startSec: 0, endSec: horizonSec });
      }
      if (load.otherTypes.length > 0) {
        arrivalStreams.push({ kind: EV_STUDY_OTHER_CALL, subject: a, perHour: load.studyOtherCallsPerHour, random: streams.stream(P_STUDY_OTHER_ARRIVALS, a), startSec: load.studyWindowStartSec, endSec: load.studyWindowEndSec });
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
    for (let a = 0; a < this.centres.length; a++) this.queue.push(0, EV_OPERATORS, a);
    // After the first roster change at time 0, so the rotation starts from the rostered count.
    for (const centre of this.centres) if (centre.offPhone) this.queue.push(0, EV_OFF_PHONE, centre.index);
    for (const centre of this.centres) {
      const first = this.spec.periodStartsSec[0];
      if (centre.absenceStream && first !== undefined && first < this.horizonSec) this.queue.push(first, EV_ABSENCE, centre.index);
    }
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
    const centre = this.centres[kind === EV_TASK ? this.taskStreams[subject]!.amk : subject]!;
    this.applyReleases(centre, now, arrivals.nextSequence);
    if (kind === EV_BACKGROUND_CALL) this.onBackgroundCall(centre, now);
    else if (kind === EV_STUDY_OTHER_CALL) this.onStudyOtherCall(centre, now);
    else this.onTask(subject, centre, now);
    arrivals.scheduleNext(stream, now);
  }

  /** An incident's 113 call rings; false when it is lost at a full queue. */
  private ring(incident: number, now: number): boolean {
    const centre = this.centres[this.incidents.amk[incident]!]!;
    // A call rings after every queued event at the same time.
    this.applyReleases(centre, now, Infinity);
    const counted = this.incidents.inWarmUp[incident] === 0;
    if (counted) this.countCall(centre, DISPATCH, now);
    if (centre.repeatCalls) this.scheduleRepeats(centre, now);
    if (centre.hasFreeOperator()) {
      this.answerIncident(incident, centre, now);
      return true;
    }
    if (centre.maxQueue > 0 && centre.calls.size >= centre.maxQueue) {
      if (counted) this.countLost(centre, now);
      return false;
    }
    centre.calls.push(incident, now, 0);
    this.queueReleases(centre);
    return true;
  }

  /**
   * An incident's call handling ended with the alert. The operator is free again unless telephone
   * guidance keeps them on the line or after-call work follows; the mission's follow-up joins the
   * operators' task queue.
   */
  private callDecided(incident: number, now: number): void {
    const centre = this.centres[this.incidents.amk[incident]!]!;
    const load = centre.load;
    this.applyReleases(centre, now, this.queue.sequence);
    this.accountOperators(centre, now);
    const guidanceSec = load?.guidance && this.incidents.urgency[incident] === RED ? this.guidanceSec(incident, load.guidance) : 0;
    const afterCall = load?.afterCall[DISPATCH];
    const holdSec = guidanceSec + (afterCall ? this.incidentAfterCallSec(incident, afterCall) : 0);
    if (holdSec > 0) this.releaseAt(centre, now + holdSec);
    else centre.busy--;
    if (load?.followUp) this.addTask(centre, load.followUp.sampleSec(centre.taskDurations!), now);
    this.serveWaiting(centre, now);
  }

  private handle(kind: number, subject: number, now: number): void {
    const centre = this.centres[kind === EV_OPERATOR_FREE ? subject >> 1 : subject]!;
    this.applyReleases(centre, now, this.queue.sequence);
    switch (kind) {
      case EV_OPERATORS:
        this.onOperatorChange(centre, now);
        break;
      case EV_ABSENCE: {
        this.drawAbsence(centre, now);
        const next = this.spec.periodStartsSec[++centre.absenceCursor];
        if (next !== undefined && next < this.horizonSec) this.queue.push(next, EV_ABSENCE, subject);
        break;
      }
      case EV_REPEAT_CALL:
        this.otherCallRings(centre, REPEAT, centre.load!.repeat!.talk.sampleSec(centre.repeatCalls!), false, now);
        break;
      case EV_OFF_PHONE: {
        const nextSec = this.updateOffPhone(centre, now);
        if (nextSec < this.horizonSec) this.queue.push(nextSec, EV_OFF_PHONE, subject);
        break;
      }
      case EV_OPERATOR_FREE: {
        this.accountOperators(centre, now);
        centre.busy--;
        if ((subject & 1) === 1) this.addTask(centre, centre.load!.followUp!.sampleSec(centre.taskDurations!), now);
        else this.serveWaiting(centre, now);
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
    for (const centre of this.centres) {
      // The run handles every event up to and including the end.
      this.applyReleases(centre, now, Infinity);
      this.accountOperators(centre, now);
      // Calls still ringing at the end never got an answer: the histogram's last bin.
      for (const ringSec of centre.calls.waitingRingSecs()) if (ringSec >= this.warmUpSec) this.answerDelayHistogram[this.histogramRow(centre, this.periodAt(ringSec)) + AMK_ANSWER_HISTOGRAM_SEC]!++;
    }
  }

  // ---- Calls.

  private answerIncident(incident: number, centre: Centre, now: number): void {
    this.accountOperators(centre, now);
    centre.busy++;
    const log = this.incidents;
    log.answeredSec[incident] = now;
    if (log.inWarmUp[incident] === 0) this.countAnswer(centre, log.ringSec[incident]!, now);
    this.queue.push(now + this.handlingSec(incident), EV_CALL_DECIDED, incident);
  }

  /**
   * Call handling (answer → decision) of an incident's call, from its own keyed stream: the same
   * draw whenever and by whoever it is asked (a run started from a snapshot answers calls at once).
   */
  handlingSec(incident: number): number {
    this.streams.rekey(this.random, P_CALL_HANDLING, incident);
    return this.centres[this.incidents.amk[incident]!]!.callHandling[this.incidents.urgency[incident]!]!.sampleSec(this.random);
  }

  private onBackgroundCall(centre: Centre, now: number): void {
    const load = centre.load!;
    const random = centre.backgroundCalls!;
    const type = pick(load.typeCumulative, random.next());
    let talkSec: number;
    if (type === DISPATCH) {
      const urgency = pick(load.urgencyCumulative, random.next());
      talkSec = centre.callHandling[urgency]!.sampleSec(random);
      if (urgency === RED && load.guidance && random.next() < load.guidance.redShare) talkSec += load.guidance.duration.sampleSec(random);
    } else talkSec = load.talk[type]!.sampleSec(random);
    if (type === DISPATCH && centre.repeatCalls) this.scheduleRepeats(centre, now);
    this.otherCallRings(centre, type, talkSec, type === DISPATCH && load.followUp !== undefined, now);
  }

  private onStudyOtherCall(centre: Centre, now: number): void {
    const load = centre.load!;
    const random = centre.studyOtherCalls!;
    const type = load.otherTypes[pick(load.otherCumulative, random.next())]!;
    this.otherCallRings(centre, type, load.talk[type]!.sampleSec(random), false, now);
  }

  /** A dispatch call rang: with the repeat share, further callers about the same incident ring within the window. */
  private scheduleRepeats(centre: Centre, now: number): void {
    const repeat = centre.load!.repeat!;
    const random = centre.repeatCalls!;
    if (random.next() >= repeat.share) return;
    for (let k = 0; k < repeat.extraCalls; k++) {
      const ringSec = now + random.next() * repeat.withinSec;
      if (ringSec < this.horizonSec) this.queue.push(ringSec, EV_REPEAT_CALL, centre.index);
    }
  }

  /** A 113 call that sends no simulated unit rings. */
  private otherCallRings(centre: Centre, type: number, talkSec: number, followUp: boolean, now: number): void {
    const counted = now >= this.warmUpSec;
    if (counted) this.countCall(centre, type, now);
    // After-call work holds the operator as talk does; drawn from its own stream so the calls' draws stay the same.
    const afterCall = centre.load!.afterCall[type];
    const workSec = afterCall ? talkSec + afterCall.sampleSec(centre.afterCallOther!) : talkSec;
    const row = counted && this.recorder ? this.recorder.ring(centre.index, type, now) : -1;
    if (centre.hasFreeOperator()) {
      this.recorder?.answered(row, now);
      this.answerOtherCall(centre, workSec, followUp, now, now);
      return;
    }
    if (centre.maxQueue > 0 && centre.calls.size >= centre.maxQueue) {
      if (counted) this.countLost(centre, now);
      return;
    }
    this.recorder?.queued(centre.index, row);
    centre.calls.push(otherCallCode(type, followUp), now, workSec);
    this.queueReleases(centre);
  }

  private answerOtherCall(centre: Centre, talkSec: number, followUp: boolean, ringSec: number, now: number): void {
    this.accountOperators(centre, now);
    centre.busy++;
    if (ringSec >= this.warmUpSec) this.countAnswer(centre, ringSec, now);
    // A follow-up joins the task queue at the release, so that release is always an event.
    if (followUp) this.queue.push(now + talkSec, EV_OPERATOR_FREE, 2 * centre.index + 1);
    else this.releaseAt(centre, now + talkSec);
  }

  // ---- Other work.

  private onTask(stream: number, centre: Centre, now: number): void {
    const task = this.taskStreams[stream]!;
    this.addTask(centre, centre.load!.tasks[task.durationIndex]!.duration.sampleSec(centre.taskDurations!), now);
  }

  private addTask(centre: Centre, durationSec: number, now: number): void {
    if (now >= this.warmUpSec) this.log.tasks[centre.index]!++;
    centre.tasks.push(0, now, durationSec);
    this.serveWaiting(centre, now);
    this.queueReleases(centre);
  }

  /** Free operators take waiting calls first (113 is answered before other work), then tasks. */
  private serveWaiting(centre: Centre, now: number): void {
    const calls = centre.calls;
    while (calls.size > 0 && centre.hasFreeOperator()) {
      calls.shift();
      const code = calls.code;
      if (code >= 0) this.answerIncident(code, centre, now);
      else {
        const k = -1 - code;
        this.recorder?.answerNextWaiting(centre.index, now);
        this.answerOtherCall(centre, calls.workSec, (k & 1) === 1, calls.ringSec, now);
      }
    }
    const tasks = centre.tasks;
    while (tasks.size > 0 && centre.hasFreeOperator()) {
      tasks.shift();
      this.accountOperators(centre, now);
      centre.busy++;
      this.releaseAt(centre, now + tasks.workSec);
    }
  }

  // ---- Operators' releases.

  /**
   * An operator is free again at `timeSec`. While work waits the release must serve it then, so it
   * is an event; otherwise it only lowers the busy count and is held back (PendingReleases) under
   * the sequence number the event would have had.
   */
  private releaseAt(centre: Centre, timeSec: number): void {
    if (centre.hasWaitingWork()) this.queue.push(timeSec, EV_OPERATOR_FREE, 2 * centre.index);
    else centre.pending.add(timeSec, this.queue.reserveSequences(1));
  }

  /** Applies the held-back releases that come before the event at (now, sequence), in order, as their events would have. */
  private applyReleases(centre: Centre, now: number, sequence: number): void {
    const pending = centre.pending;
    while (pending.earliestBefore(now, sequence)) {
      this.accountOperators(centre, pending.takeEarliest());
      centre.busy--;
    }
  }

  /** Work now waits: the held-back releases become events under their own sequence numbers. */
  private queueReleases(centre: Centre): void {
    if (!centre.hasWaitingWork()) return;
    const pending = centre.pending;
    while (pending.count > 0) {
      const sequence = pending.earliestSequence();
      this.queue.pushReserved(pending.takeEarliest(), EV_OPERATOR_FREE, 2 * centre.index, 0, sequence);
    }
  }

  // ---- Operators.

  private onOperatorChange(centre: Centre, now: number): void {
    const changes = centre.operatorChanges;
    const cursor = centre.operatorChangeCursor;
    this.accountOperators(centre, now);
    centre.onDuty = changes[cursor]![1];
    centre.operatorChangeCursor = cursor + 1;
    const next = changes[cursor + 1];
    if (next) this.queue.push(next[0], EV_OPERATORS, centre.index);
    if (centre.absenceStream) this.drawAbsence(centre, now);
    else if (centre.offPhone) this.updateOffPhone(centre, now);
    this.serveWaiting(centre, now);
  }

  /**
   * Each rostered operator is absent for the shift period with the absence share, drawn anew at
   * every roster change and period start. Absent operators stay in the rostered time (the positions
   * are paid for) but answer nothing, like time away from the phone.
   */
  private drawAbsence(centre: Centre, now: number): void {
    this.accountOperators(centre, now);
    const stream = centre.absenceStream!;
    let absent = 0;
    for (let k = 0; k < centre.onDuty; k++) if (stream.next() < centre.absenceShare) absent++;
    centre.absent = absent;
    if (centre.offPhone) this.updateOffPhone(centre, now);
    this.serveWaiting(centre, now);
  }

  /**
   * Operators away from the phone now: share × those present, the fraction staggered as one more away
   * for that fraction of each rotation block (from its start), so the away operator-time is exactly
   * share × on duty in every block. Returns the next rotation break point: the end of this block's
   * extra operator away, else the next block.
   */
  private updateOffPhone(centre: Centre, now: number): number {
    const { share, rotationSec } = centre.offPhone!;
    // Rounded so that e.g. 0.3 × 10 is 3 operators, not 3 plus a rounding error's sliver of a fourth.
    const operators = Math.round(share * (centre.onDuty - centre.absent) * 1e9) / 1e9;
    const whole = Math.floor(operators);
    const blockStartSec = Math.floor((now + ROTATION_EPSILON_SEC) / rotationSec) * rotationSec;
    const extraEndSec = blockStartSec + (operators - whole) * rotationSec;
    const extra = now < extraEndSec - ROTATION_EPSILON_SEC;
    const nextSec = extra ? extraEndSec : blockStartSec + rotationSec;
    const away = whole + (extra ? 1 : 0);
    if (away === centre.away) return nextSec;
    this.accountOperators(centre, now);
    const returning = away < centre.away;
    centre.away = away;
    if (returning) this.serveWaiting(centre, now);
    return nextSec;
  }

  private accountOperators(centre: Centre, now: number): void {
    const from = Math.max(centre.lastChangeSec, this.warmUpSec);
    centre.lastChangeSec = now;
    if (!(now > from)) return;
    const onDuty = centre.onDuty;
    // Time away from the phone and absence count as not free (busy); an operator due to leave
    // finishes the current job first, so they and busy together never count above those on duty.
    const away = centre.away + centre.absent;
    const busy = away > 0 ? Math.max(centre.busy, Math.min(onDuty, centre.busy + away)) : centre.busy;
    const dt = now - from;
    const amk = centre.index;
    this.operatorAvailableSec[amk]! += dt * onDuty;
    this.operatorBusySec[amk]! += dt * busy;
    // By shift period, split at the simulated hours the interval crosses. Nearly every interval lies
    // within the hour of the last one, whose end and period slot are kept: no division then.
    if (from >= centre.accountedHourEndSec) {
      const hour = Math.floor(from / 3600);
      centre.accountedHourEndSec = (hour + 1) * 3600;
      centre.accountedSlot = centre.periodBase + this.periodByHour[hour]!;
    }
    let t = from;
    for (;;) {
      const end = Math.min(now, centre.accountedHourEndSec);
      this.operatorAvailableSecByPeriod[centre.accountedSlot]! += (end - t) * onDuty;
      this.operatorBusySecByPeriod[centre.accountedSlot]! += (end - t) * busy;
      if (end >= now) return;
      // The next hour: `end` is a whole multiple of 3600 s, so its index is exact.
      t = end;
      centre.accountedHourEndSec = end + 3600;
      centre.accountedSlot = centre.periodBase + this.periodByHour[end / 3600]!;
    }
  }

  // ---- Counting (calls after warm-up only).

  private countCall(centre: Centre, type: number, ringSec: number): void {
    this.calls[centre.index]!++;
    this.callsByPeriod[centre.periodBase + this.periodAt(ringSec)]!++;
    this.callsByType[centre.index * TYPES + type]!++;
  }

  private countLost(centre: Centre, ringSec: number): void {
    this.lostCalls[centre.index]!++;
    this.answerDelayHistogram[this.histogramRow(centre, this.periodAt(ringSec)) + AMK_ANSWER_HISTOGRAM_SEC]!++;
  }

  private countAnswer(centre: Centre, ringSec: number, now: number): void {
    const delaySec = now - ringSec;
    const period = this.periodAt(ringSec);
    if (delaySec <= 10) {
      this.answeredWithin10s[centre.index]!++;
      this.answeredWithin10sByPeriod[centre.periodBase + period]!++;
    }
    this.answerDelayHistogram[this.histogramRow(centre, period) + Math.min(AMK_ANSWER_HISTOGRAM_SEC, Math.floor(delaySec))]!++;
  }

  private periodAt(simSec: number): number {
    return this.periodByHour[Math.floor(simSec / 3600)]!;
  }

  /** Where the AMK's answer-delay histogram for a shift period starts. */
  private histogramRow(centre: Centre, period: number): number {
    return (centre.periodBase + period) * AMK_ANSWER_HISTOGRAM_BINS;
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
