import { describe, expect, it } from "vitest";
import { EventQueue } from "../events/event-queue.js";
import { ArrivalStreams } from "./arrival-streams.js";

/** A source that returns the given numbers in turn. */
const fixed = (...values: number[]) => {
  let k = 0;
  return { next: () => values[k++ % values.length]! };
};

describe("ArrivalStreams", () => {
  // One hour of week at 3,600 per hour: one arrival per second of rate time, so the gap is −ln u seconds.
  const hours = new Uint8Array(2);
  const perSecond = new Float64Array([3600]);
  /** Streams over two such hours, each drawing the same gap every time. */
  const twoHours = (queue: EventQueue, streams: Array<{ kind: number; subject: number; gapSec: number; endSec: number }>) =>
    new ArrivalStreams(
      streams.map(({ gapSec, ...stream }) => ({ ...stream, perHour: perSecond, random: fixed(Math.exp(-gapSec)) })),
      queue,
      hours,
      7200,
    );

  it("offers the earliest stream's next arrival, under the sequence number taken when it was drawn, and nothing after a stream's end", () => {
    const queue = new EventQueue();
    const streams = twoHours(queue, [
      { kind: 21, subject: 4, gapSec: 5, endSec: 7200 },
      { kind: 23, subject: 0, gapSec: 3, endSec: 10 },
    ]);
    queue.push(1, 20, 0);
    streams.scheduleNext(0, 0);
    streams.scheduleNext(1, 0);
    expect([streams.earliest, streams.nextSec, streams.nextSequence]).toEqual([1, 3, 2]);
    expect([streams.kinds[1], streams.subjects[1]]).toEqual([23, 0]);
    // Its next arrival, at 6 s, is before its end (10 s); one drawn from 9 s, at 12 s, is not.
    streams.scheduleNext(1, 3);
    expect([streams.earliest, streams.nextSec, streams.nextSequence]).toEqual([0, 5, 1]);
    streams.scheduleNext(0, 5);
    expect([streams.earliest, streams.nextSec, streams.nextSequence]).toEqual([1, 6, 3]);
    streams.scheduleNext(1, 9);
    expect([streams.earliest, streams.nextSec]).toEqual([0, 10]);
    // Nothing was drawn for the stream past its end, so no sequence number was taken for it.
    expect(queue.reserveSequences(1)).toBe(5);
  });

  it("breaks equal times by sequence number, as the event queue would", () => {
    const queue = new EventQueue();
    const streams = twoHours(queue, [
      { kind: 21, subject: 0, gapSec: 2, endSec: 7200 },
      { kind: 22, subject: 0, gapSec: 2, endSec: 7200 },
    ]);
    streams.scheduleNext(1, 0);
    streams.scheduleNext(0, 0);
    expect([streams.earliest, streams.nextSec, streams.nextSequence]).toEqual([1, 2, 0]);
  });

  it("spends the exponential rate time hour by hour, skipping hours without arrivals", () => {
    const streams = new ArrivalStreams([{ kind: 23, subject: 0, perHour: new Float64Array([0, 1]), random: fixed(Math.exp(-0.5)), endSec: 3 * 3600 }], new EventQueue(), new Uint8Array([0, 1, 1]), 3 * 3600);
    streams.scheduleNext(0, 0);
    // Hour 0 has no arrivals; at 1 per hour, 0.5 of rate time is half of hour 1.
    expect(streams.nextSec).toBeCloseTo(3600 + 1800, 9);
  });
});
