import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "./event-queue.js";

describe("EventQueue", () => {
  it("pops events by time, and by scheduling order among equal times", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const queue = new EventQueue(2);
        times.forEach((time, i) => queue.push(time, 0, i));
        const popped: Array<[number, number]> = [];
        while (queue.pop()) popped.push([queue.time, queue.subject]);
        const expected = times.map((time, i) => [time, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it("orders an event pushed later under a reserved sequence number as if it had been pushed when reserved", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 200 }), (events) => {
        const queue = new EventQueue(2);
        const late: Array<[number, number, number]> = [];
        events.forEach(([time, reserved], i) => {
          if (reserved) late.push([time, i, queue.reserveSequences(1)]);
          else queue.push(time, 0, i);
        });
        for (const [time, i, sequence] of late) queue.pushReserved(time, 0, i, 0, sequence);
        const popped: Array<[number, number]> = [];
        while (queue.pop()) popped.push([queue.time, queue.subject]);
        const expected = events.map(([time], i) => [time, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });
  it("keeps the order when pushes and pops interleave (slots are reused)", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { freq: 3 }), { maxLength: 300 }), (operations) => {
        const queue = new EventQueue(2);
        const pending: Array<[number, number]> = [];
        const popped: Array<[number, number]> = [];
        const expected: Array<[number, number]> = [];
        let now = 0;
        operations.forEach((offset, i) => {
          if (offset === null) {
            pending.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            const next = pending.shift();
            expect(queue.pop()).toBe(next !== undefined);
            if (next === undefined) return;
            expected.push(next);
            popped.push([queue.time, queue.subject]);
            now = queue.time;
          } else {
            queue.push(now + offset, i % 7, i, i * 3);
            pending.push([now + offset, i]);
          }
        });
        expect(popped).toEqual(expected);
        expect(queue.size).toBe(pending.length);
      }),
    );
  });
});
