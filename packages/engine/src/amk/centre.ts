import type { Sampler } from "../distributions/distributions.js";
import type { RandomSource } from "../random/random.js";
import type { CompiledAmkLoad } from "./compile-amk.js";
import { JobQueue } from "./job-queue.js";
import { PendingReleases } from "./pending-releases.js";

/**
 * One AMK's operators and queues. The state every call and task changes is held as plain fields of
 * one object per AMK (amk-centres.ts works on one AMK at a time), not as columns indexed by AMK: a
 * field is one load where a column is four, and the AMK's work is a dozen such reads per call.
 */
export class Centre {
  /** Operators rostered now; those absent for the shift period (absence) are counted apart. */
  onDuty = 0;
  absent = 0;
  busy = 0;
  /** Operators on duty but away from the phone (offPhone); always 0 without it. */
  away = 0;
  /** When operator time was last accounted, and the end of that simulated hour with its period slot. */
  lastChangeSec = 0;
  accountedHourEndSec = -Infinity;
  accountedSlot = 0;
  operatorChangeCursor = 0;
  absenceCursor = 0;
  /** 113 calls waiting for an operator (first come, first served), and other work waiting (taken only when no call waits). */
  readonly calls = new JobQueue();
  readonly tasks = new JobQueue();
  /** Releases while no work waits, applied when the AMK is next touched (see PendingReleases). */
  readonly pending = new PendingReleases();

  constructor(
    /** The AMK's index (event subjects and log rows are by index). */
    readonly index: number,
    /** index × shift periods: the AMK's first row in the by-period log columns. */
    readonly periodBase: number,
    /** Calls that may wait (0: no limit). */
    readonly maxQueue: number,
    /** Answer → decision of a dispatch call, by urgency. */
    readonly callHandling: readonly Sampler[],
    /** Change points of the number of operators rostered: [timeSec, count] sorted by time. */
    readonly operatorChanges: ReadonlyArray<readonly [number, number]>,
    readonly offPhone: { share: number; rotationSec: number } | undefined,
    readonly absenceShare: number,
    readonly absenceStream: RandomSource | undefined,
    /** The workload beyond the study area's dispatch calls, with its random streams; undefined when none. */
    readonly load: CompiledAmkLoad | undefined,
    readonly backgroundCalls: RandomSource | undefined,
    readonly studyOtherCalls: RandomSource | undefined,
    readonly taskDurations: RandomSource | undefined,
    readonly afterCallOther: RandomSource | undefined,
    readonly repeatCalls: RandomSource | undefined,
  ) {}

  /** An operator on duty, present and not away from the phone, is free. */
  hasFreeOperator(): boolean {
    return this.busy + this.away + this.absent < this.onDuty;
  }

  /** Work waits (a call or a task). */
  hasWaitingWork(): boolean {
    return this.calls.size > 0 || this.tasks.size > 0;
  }
}
