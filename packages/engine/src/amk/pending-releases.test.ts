import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PendingReleases } from "./pending-releases.js";

describe("PendingReleases", () => {
  it("gives back the releases in the event queue's order (time, then sequence), only those before a bound", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 30 })), { maxLength: 80 }), fc.integer({ min: 0, max: 30 }), (releases, boundSec) => {
        const pendingByAmk = [new PendingReleases(), new PendingReleases(), new PendingReleases()];
        releases.forEach(([amk, timeSec], sequence) => pendingByAmk[amk]!.add(timeSec, sequence));
        const boundSequence = releases.length / 2;
        for (let amk = 0; amk < 3; amk++) {
          const pending = pendingByAmk[amk]!;
          const taken: Array<[number, number]> = [];
          while (pending.earliestBefore(boundSec, boundSequence)) {
            const sequence = pending.earliestSequence();
            taken.push([pending.takeEarliest(), sequence]);
          }
          const expected = releases
            .map(([a, timeSec], sequence) => [a, timeSec, sequence] as const)
            .filter(([a, timeSec, sequence]) => a === amk && (timeSec < boundSec || (timeSec === boundSec && sequence < boundSequence)))
            .map(([, timeSec, sequence]) => [timeSec, sequence] as [number, number])
            .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
          expect(taken).toEqual(expected);
          expect(pending.count).toBe(releases.filter(([a]) => a === amk).length - expected.length);
        }
      }),
    );
  });
});
