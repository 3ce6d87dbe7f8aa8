import type { AmkCallLog } from "../result/result.js";
import { JobQueue } from "./job-queue.js";

/**
 * Per-call record of the 113 calls that send no simulated unit (the study area's advice, referral
 * and abandoned calls, background calls of every type, repeat calls), after warm-up: AMK, type,
 * ringing and answer time. The study area's incidents are in the IncidentLog already. Kept only
 * when SimulationInputs.recordAmkCalls asks (an extract needs them; reports need only the counts),
 * in growable typed arrays; it draws nothing and changes no event, so results are the same with it.
 */
export class AmkCallRecorder {
  private amk = new Int32Array(1024);
  private type = new Uint8Array(1024);
  private ringSec = new Float64Array(1024);
  private answeredSec = new Float64Array(1024);
  private count = 0;
  /** Per AMK, the rows of the calls waiting in its queue, in queue order (-1 for a warm-up call, not recorded). */
  private readonly waiting: JobQueue[];

  constructor(amks: number) {
    this.waiting = Array.from({ length: amks }, () => new JobQueue());
  }

  /** A call rang after warm-up: its row. */
  ring(amk: number, type: number, ringSec: number): number {
    if (this.count === this.amk.length) this.grow();
    const row = this.count++;
    this.amk[row] = amk;
    this.type[row] = type;
    this.ringSec[row] = ringSec;
    this.answeredSec[row] = Number.NaN;
    return row;
  }

  answered(row: number, nowSec: number): void {
    if (row >= 0) this.answeredSec[row] = nowSec;
  }

  /** The call joined the AMK's queue (its calls are answered first come, first served). */
  queued(amk: number, row: number): void {
    this.waiting[amk]!.push(row, 0, 0);
  }

  /** The oldest waiting call that sends no unit was answered now. */
  answerNextWaiting(amk: number, nowSec: number): void {
    const waiting = this.waiting[amk]!;
    waiting.shift();
    this.answered(waiting.code, nowSec);
  }

  /** The calls as a log; unanswered ones (lost at a full queue, or still waiting at the end) have answeredSec NaN. */
  log(): AmkCallLog {
    const n = this.count;
    return { count: n, amk: this.amk.slice(0, n), type: this.type.slice(0, n), ringSec: this.ringSec.slice(0, n), answeredSec: this.answeredSec.slice(0, n) };
  }

  private grow(): void {
    const capacity = this.amk.length * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.amk = widen(this.amk, new Int32Array(capacity));
    this.type = widen(this.type, new Uint8Array(capacity));
    this.ringSec = widen(this.ringSec, new Float64Array(capacity));
    this.answeredSec = widen(this.answeredSec, new Float64Array(capacity));
  }
}
