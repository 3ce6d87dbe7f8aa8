import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AMK_ANSWER_HISTOGRAM_SEC } from "@akutt/engine";
import { computeReplicationKpis } from "./replication-kpis.js";
import { AMK_ANSWER_SLOTS, histogramQuantileSec } from "./amk-answer.js";
import { fakeCalendar, replicationResult, scenarioIndex } from "../testing/fixtures.js";

describe("AMK answer times", () => {
  it("takes quantiles from the 1-second histogram as the lower end of the bin that reaches the rank", () => {
    // 80 calls at 0 s, 12 at 5 s, 7 at 30 s, 1 never answered.
    const histogram = new Int32Array(AMK_ANSWER_HISTOGRAM_SEC + 1);
    histogram[0] = 80;
    histogram[5] = 12;
    histogram[30] = 7;
    histogram[AMK_ANSWER_HISTOGRAM_SEC] = 1;
    expect(histogramQuantileSec(histogram, 100, 0.5)).toBe(0);
    expect(histogramQuantileSec(histogram, 100, 0.8)).toBe(0);
    expect(histogramQuantileSec(histogram, 100, 0.9)).toBe(5);
    expect(histogramQuantileSec(histogram, 100, 0.95)).toBe(30);
    expect(histogramQuantileSec(histogram, 100, 1)).toBe(AMK_ANSWER_HISTOGRAM_SEC);
    expect(histogramQuantileSec(histogram, 0, 0.5)).toBeNull();
  });

  it("agrees with the sorted sample's quantile rounded down to whole seconds", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 899.999, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (delays, q) => {
        const histogram = new Int32Array(AMK_ANSWER_HISTOGRAM_SEC + 1);
        for (const delay of delays) histogram[Math.floor(delay)]!++;
        const sorted = [...delays].sort((a, b) => a - b);
        const rank = Math.max(1, Math.ceil(q * delays.length));
        expect(histogramQuantileSec(histogram, delays.length, q)).toBe(Math.floor(sorted[rank - 1]!));
      }),
    );
  });

  it("gives the whole day and each shift, per AMK and for all, with calls per year", () => {
    const result = replicationResult([{ ringSec: 3600 }], { horizonSec: 7 * 86400 });
    const kpis = computeReplicationKpis(result, scenarioIndex(), fakeCalendar());
    expect(kpis.amkAnswer).toHaveLength(2 * AMK_ANSWER_SLOTS.length);
    const whole = kpis.amkAnswer[0]!;
    expect(whole).toMatchObject({ calls: 100, shareAnsweredWithin10s: 0.92, medianAnswerSec: 0, p90AnswerSec: 5, operatorOccupancy: 0.25 });
    expect(whole.callsPerYear).toBeCloseTo((100 * 365.25) / 7, 9);
    // The fixture's calls all rang by day: the evening has none.
    expect(kpis.amkAnswer[2]!.calls).toBe(0);
    expect(kpis.amkAnswer[2]!.medianAnswerSec).toBeNull();
    // One AMK: "all" equals it.
    expect(kpis.amkAnswer[AMK_ANSWER_SLOTS.length]).toEqual(whole);
  });
});
