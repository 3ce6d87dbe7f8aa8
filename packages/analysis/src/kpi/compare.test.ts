import { describe, expect, it } from "vitest";
import { computeReplicationKpis } from "./replication-kpis.js";
import { pairedFigure } from "./compare.js";
import { fakeCalendar, replicationResult, scenarioIndex } from "../testing/fixtures.js";

const index = scenarioIndex();
const calendar = fakeCalendar();
const run = (shiftSec: number) =>
  [0, 1, 2, 3].map((r) =>
    computeReplicationKpis(replicationResult([{ ringSec: 10, responseSec: 400 + 60 * r + shiftSec }, { ringSec: 20, responseSec: 500 + 60 * r + shiftSec }], { replication: r, seed: 100 + r }), index, calendar),
  );

describe("pairedFigure", () => {
  it("finds a constant improvement exactly, with a zero-width interval", () => {
    const paired = pairedFigure(run(-30), run(0), (k) => k.overall[0]!.responseMeanSec);
    expect(paired.difference.mean).toBe(-30);
    expect(paired.difference.ciLow).toBeCloseTo(-30, 9);
    expect(paired.difference.ciHigh).toBeCloseTo(-30, 9);
  });

  it("skips pairs without the figure and refuses unpaired replications", () => {
    const paired = pairedFigure(run(0), run(0), (k) => k.overall[1]!.responseMeanSec);
    expect(paired.difference.n).toBe(0);
    const shuffled = run(0).reverse();
    expect(() => pairedFigure(run(0), shuffled, (k) => k.overall[0]!.responseMeanSec)).toThrow(RangeError);
  });
});
