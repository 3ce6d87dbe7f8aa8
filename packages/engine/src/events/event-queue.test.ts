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
});
