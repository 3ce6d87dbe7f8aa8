/**
 * First-in-first-out queue of operator jobs in growable typed arrays (a ring buffer), so a busy
 * centre's queue allocates nothing per call. `code` says what the job is (see amk-centres.ts).
 */
export class JobQueue {
  private codes = new Int32Array(16);
  private ringSecs = new Float64Array(16);
  private workSecs = new Float64Array(16);
  private head = 0;
  private length = 0;

  /** Fields of the job last taken by shift(). */
  code = 0;
  ringSec = 0;
  workSec = 0;

  get size(): number {
    return this.length;
  }

  push(code: number, ringSec: number, workSec: number): void {
    if (this.length === this.codes.length) this.grow();
    const slot = (this.head + this.length) & (this.codes.length - 1);
    this.codes[slot] = code;
    this.ringSecs[slot] = ringSec;
    this.workSecs[slot] = workSec;
    this.length++;
  }

  /** Takes the oldest job into the public fields; false when empty. */
  shift(): boolean {
    if (this.length === 0) return false;
    const slot = this.head;
    this.code = this.codes[slot]!;
    this.ringSec = this.ringSecs[slot]!;
    this.workSec = this.workSecs[slot]!;
    this.head = (slot + 1) & (this.codes.length - 1);
    this.length--;
    return true;
  }

  /** Ring times of the jobs still waiting, oldest first. */
  *waitingRingSecs(): Iterable<number> {
    for (let k = 0; k < this.length; k++) yield this.ringSecs[(this.head + k) & (this.codes.length - 1)]!;
  }

  private grow(): void {
    const capacity = this.codes.length * 2;
    const codes = new Int32Array(capacity);
    const ringSecs = new Float64Array(capacity);
    const workSecs = new Float64Array(capacity);
    for (let k = 0; k < this.length; k++) {
      const slot = (this.head + k) & (this.codes.length - 1);
      codes[k] = this.codes[slot]!;
      ringSecs[k] = this.ringSecs[slot]!;
      workSecs[k] = this.workSecs[slot]!;
    }
    this.codes = codes;
    this.ringSecs = ringSecs;
    this.workSecs = workSecs;
    this.head = 0;
  }
}
