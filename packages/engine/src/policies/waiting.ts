import type { WaitingPolicy, WaitingQueue } from "./policies.js";

/** Red before yellow before green; first come, first served within an urgency. */
export function priorityFcfsWaiting(lostWhenNoneFree: boolean): WaitingPolicy {
  return {
    name: lostWhenNoneFree ? "priority-fcfs (lost when none free)" : "priority-fcfs",
    lostWhenNoneFree,
    createQueue: () => new PriorityFifoQueue(3),
  };
}

class PriorityFifoQueue implements WaitingQueue {
  private readonly lanes: number[][];
  private readonly heads: number[];
  private count = 0;

  constructor(levels: number) {
    this.lanes = Array.from({ length: levels }, () => []);
    this.heads = new Array<number>(levels).fill(0);
  }

  get size(): number {
    return this.count;
  }

  add(incident: number, urgency: number): void {
    this.lanes[urgency]!.push(incident);
    this.count++;
  }

  takeFor(canServe: (incident: number) => boolean): number {
    for (let level = 0; level < this.lanes.length; level++) {
      const lane = this.lanes[level]!;
      for (let k = this.heads[level]!; k < lane.length; k++) {
        const incident = lane[k]!;
        if (!canServe(incident)) continue;
        if (k === this.heads[level]) this.heads[level]!++;
        else lane.splice(k, 1);
        this.count--;
        if (this.heads[level]! > 1024 && this.heads[level]! * 2 > lane.length) {
          lane.splice(0, this.heads[level]!);
          this.heads[level] = 0;
        }
        return incident;
      }
    }
    return -1;
  }

  waiting(): number[] {
    return this.lanes.flatMap((lane, level) => lane.slice(this.heads[level]!));
  }
}
