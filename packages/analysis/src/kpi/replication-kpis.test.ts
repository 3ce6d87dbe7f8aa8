import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeReplicationKpis } from "./replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex, type IncidentRow } from "../testing/fixtures.js";
import { quantile } from "../statistics/descriptive.js";
import { createCalendar } from "@akutt/model";

const index = scenarioIndex();
const calendar = fakeCalendar();
const kpis = (rows: IncidentRow[], options: Parameters<typeof replicationResult>[1] = {}) => computeReplicationKpis(replicationResult(rows, options), index, calendar);

describe("computeReplicationKpis", () => {
  it("response times 1..10 min give exact mean, median and p90", () => {
    const rows = [7, 1, 10, 3, 5, 2, 9, 4, 8, 6].map((min, i) => ({ ringSec: 1000 + i, responseSec: min * 60 }));
    const red = kpis(rows).overall[0]!;
    expect(red.incidents).toBe(10);
    expect(red.reached).toBe(10);
    expect(red.responseMeanSec).toBeCloseTo(5.5 * 60, 10);
    expect(red.responseMedianSec).toBeCloseTo(5.5 * 60, 10);
    expect(red.responseP90Sec).toBeCloseTo(9.1 * 60, 10);
    // Urban area: 12-minute target, all within.
    expect(red.shareWithinTarget).toBe(1);
  });

  it("excludes warm-up incidents, by flag and by ring time", () => {
    const rows: IncidentRow[] = [
      { ringSec: 100, responseSec: 60, inWarmUp: true },
      { ringSec: 3599, responseSec: 120 },
      { ringSec: 3600, responseSec: 600 },
      { ringSec: 5000, responseSec: 900 },
    ];
    const red = kpis(rows, { warmUpSec: 3600 }).overall[0]!;
    expect(red.incidents).toBe(2);
    expect(red.responseMeanSec).toBe(750);
  });

  it("share within target uses the area class: 12 min urban, 25 min rural, boundary inclusive", () => {
    const rows: IncidentRow[] = [
      { area: 0, ringSec: 0, responseSec: 720 }, // urban, exactly 12 min: within
      { area: 0, ringSec: 0, responseSec: 721 }, // urban: outside
      { area: 1, ringSec: 0, responseSec: 1400 }, // rural: within 25 min
      { area: 1, ringSec: 0, responseSec: 1600 }, // rural: outside
      { area: 1, ringSec: 0, responseSec: 700 }, // rural: within
    ];
    const result = kpis(rows);
    expect(result.byArea[0 * 3 + 0]!.shareWithinTarget).toBe(0.5);
    expect(result.byArea[1 * 3 + 0]!.shareWithinTarget).toBeCloseTo(2 / 3, 15);
    expect(result.overall[0]!.shareWithinTarget).toBe(0.6);
    // Per organisation: area 0 → ous, area 1 → vv.
    expect(result.byOrganisation[0]!.shareWithinTarget).toBe(0.5);
    expect(result.byOrganisation[3]!.incidents).toBe(3);
  });

  it("yellow has the St.meld. 43 target (30 min tettbygd, 40 min grisgrendt, boundary inclusive)", () => {
    const result = kpis([
      { urgency: 1, area: 0, ringSec: 0, responseSec: 1800 }, // urban, exactly 30 min: within
      { urgency: 1, area: 0, ringSec: 0, responseSec: 1801 }, // urban: outside
      { urgency: 1, area: 1, ringSec: 0, responseSec: 2400 }, // rural, exactly 40 min: within
      { urgency: 1, area: 1, ringSec: 0, responseSec: 2401 }, // rural: outside
      { urgency: 1, area: 1, ringSec: 0, responseSec: 1900 }, // rural: within (outside the urban target)
    ]);
    expect(result.byArea[0 * 3 + 1]!.shareWithinTarget).toBe(0.5);
    expect(result.byArea[1 * 3 + 1]!.shareWithinTarget).toBeCloseTo(2 / 3, 15);
    expect(result.overall[1]!.shareWithinTarget).toBe(0.6);
    expect(result.overall[0]!.shareWithinTarget).toBeNull();
  });

  it("reports no target for green, and none for the all-urgency group", () => {
    const result = kpis([
      { urgency: 1, ringSec: 0, responseSec: 3000 },
      { urgency: 2, ringSec: 0, responseSec: 5000 },
    ]);
    expect(result.overall[1]!.shareWithinTarget).toBe(0);
    expect(result.overall[2]!.shareWithinTarget).toBeNull();
    expect(result.overall[3]!.shareWithinTarget).toBeNull();
    expect(result.overall[3]!.incidents).toBe(2);
    expect(result.overall[0]!.incidents).toBe(0);
    expect(result.overall[0]!.responseMeanSec).toBeNull();
    expect(result.overall[0]!.shareWithinTarget).toBeNull();
  });

  it("keeps lost and pending incidents out of the time figures but counts them", () => {
    const result = kpis([
      { ringSec: 0, responseSec: 600 },
      { ringSec: 0, outcome: "lost" },
      { ringSec: 0, outcome: "pending", waitForUnitSec: 300 },
      { ringSec: 0, outcome: "pending", responseSec: 1000 },
    ]);
    const red = result.overall[0]!;
    expect(red).toMatchObject({ incidents: 4, reached: 2, lost: 1, pending: 2, waited: 1, meanWaitSec: 300 });
    expect(red.shareWithinTarget).toBe(0.5);
    expect(red.shareWaited).toBe(0.25);
  });

  it("groups by local hour of day of the ring", () => {
    const rows: IncidentRow[] = [
      { ringSec: 3600 * 7 + 10, responseSec: 600 }, // Monday 07
      { ringSec: 86400 + 3600 * 7 + 10, responseSec: 300, urgency: 1 }, // Tuesday 07, yellow
      { ringSec: 3600 * 23 + 1, responseSec: 900 }, // Monday 23
    ];
    const result = kpis(rows);
    expect(result.byHourOfDay[7 * 3 + 0]!.incidents).toBe(1);
    expect(result.byHourOfDay[7 * 3 + 1]!.responseMeanSec).toBe(300);
    expect(result.byHourOfDay[23 * 3 + 0]!.responseMedianSec).toBe(900);
    expect(result.byHourOfDay[0]!.incidents).toBe(0);
  });

  it("uses local time across the spring DST change", () => {
    // 30 March 2025, Europe/Oslo: clocks jump from 02:00 to 03:00, so 3 h after midnight is 04:00 local.
    const dst = createCalendar("2025-03-30T00:00");
    const result = computeReplicationKpis(replicationResult([{ ringSec: 3 * 3600 + 60, responseSec: 600 }]), index, dst);
    expect(result.byHourOfDay[4 * 3]!.incidents).toBe(1);
    expect(result.byHourOfDay[3 * 3]!.incidents).toBe(0);
  });

  it("rejects incidents whose area is not in the index", () => {
    expect(() => kpis([{ ringSec: 0, area: 5, responseSec: 60 }])).toThrow(RangeError);
  });

  it("first unit of any kind, waits and cross-border", () => {
    const result = kpis([
      { ringSec: 0, responseSec: 900, firstAnySec: 400, crossBorder: true },
      { ringSec: 0, responseSec: 600, waitForUnitSec: 120 },
      { ringSec: 0, firstAnySec: 500, outcome: "pending" },
    ]);
    const red = result.overall[0]!;
    expect(red.firstUnitReached).toBe(3);
    expect(red.firstUnitMeanSec).toBe(500);
    expect(red.firstUnitMedianSec).toBe(500);
    expect(red.crossBorder).toBe(1);
    expect(red.shareCrossBorder).toBe(0.5);
    expect(red.waited).toBe(1);
    expect(red.meanWaitSec).toBe(120);
  });

  it("vehicle utilisation and AMK figures", () => {
    const result = kpis([], {
      // offDuty, idle, alerted, toScene, atScene, toDestination, atDestination, returning
      vehicleStateSec: [
        [3600, 1800, 60, 540, 600, 300, 300, 0],
        [7200, 0, 0, 0, 0, 0, 0, 0],
      ],
      missions: [2, 0],
    });
    const a1 = result.byVehicle[0]!;
    expect(a1.onDutySec).toBe(3600);
    expect(a1.busySec).toBe(1800);
    expect(a1.utilisation).toBe(0.5);
    expect(a1.stateShare[0]).toBe(0.5);
    expect(a1.missions).toBe(2);
    expect(result.byVehicle[1]!.utilisation).toBeNull();
    expect(result.vehiclesByOrganisation[0]!.utilisation).toBe(0.5);
    expect(result.byAmk[0]).toEqual({ calls: 100, answeredWithin10s: 92, shareAnsweredWithin10s: 0.92, lostCalls: 1, operatorUtilisation: 0.25, operatorAvailableSec: 7200, operatorBusySec: 1800 });
    expect(result.amkTotal.operatorAvailableSec).toBe(7200);
    expect(result.amkTotal.shareAnsweredWithin10s).toBe(0.92);
  });

  it("share within 12 min for every urgency, boundary inclusive, whatever the area class", () => {
    const result = kpis([
      { area: 0, urgency: 0, ringSec: 0, responseSec: 720 },
      { area: 0, urgency: 0, ringSec: 0, responseSec: 721 },
      { area: 1, urgency: 0, ringSec: 0, responseSec: 1000 }, // rural: within target, not within 12 min
      { area: 0, urgency: 1, ringSec: 0, responseSec: 300 },
      { area: 0, urgency: 1, ringSec: 0, responseSec: 900 },
      { area: 0, urgency: 1, ringSec: 0, responseSec: 200 },
      { area: 0, urgency: 1, ringSec: 0 }, // pending: not in the share
      { area: 0, urgency: 2, ringSec: 0 },
    ]);
    expect(result.byArea[0]!.shareWithin12Min).toBe(0.5);
    expect(result.byArea[3]!.shareWithin12Min).toBe(0);
    expect(result.byArea[3]!.shareWithinTarget).toBe(1);
    expect(result.overall[1]!.shareWithin12Min).toBeCloseTo(2 / 3, 15);
    expect(result.overall[2]!.shareWithin12Min).toBeNull();
    expect(result.overall[3]!.shareWithin12Min).toBeCloseTo(3 / 6, 15);
  });

  it("counts missions by responsible organisation × vehicle owner × urgency", () => {
    // Area 0 → ous (0), area 1 → vv (1); vehicle 0 owned by ous, vehicle 1 by vv.
    const result = kpis([
      { area: 0, urgency: 0, ringSec: 0, responseSec: 600, vehicle: 0 },
      { area: 0, urgency: 0, ringSec: 0, responseSec: 600, vehicle: 1, crossBorder: true },
      { area: 0, urgency: 1, ringSec: 0, responseSec: 600, vehicle: 1, crossBorder: true },
      { area: 1, urgency: 2, ringSec: 0, responseSec: 600, vehicle: 0, crossBorder: true },
      { area: 1, urgency: 0, ringSec: 0 }, // no vehicle
      { area: 1, urgency: 0, ringSec: 10, responseSec: 60, vehicle: 1, inWarmUp: true },
    ]);
    const m = result.missionsByResponsibleAndOwner;
    const at = (responsible: number, owner: number, u: number) => m[(responsible * 2 + owner) * 3 + u];
    expect(m).toHaveLength(12);
    expect(at(0, 0, 0)).toBe(1);
    expect(at(0, 1, 0)).toBe(1);
    expect(at(0, 1, 1)).toBe(1);
    expect(at(1, 0, 2)).toBe(1);
    expect(at(1, 1, 0)).toBe(0);
    expect(m.reduce((s, x) => s + x, 0)).toBe(4);
  });

  it("group figures agree with a direct computation (property)", () => {
    const row = fc.record({
      area: fc.integer({ min: 0, max: 1 }),
      urgency: fc.integer({ min: 0, max: 2 }),
      ringSec: fc.integer({ min: 0, max: 7 * 86400 }),
      responseSec: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), (rows) => {
        const result = kpis(rows);
        for (let area = 0; area < 2; area++) {
          for (let u = 0; u < 3; u++) {
            const times = rows.filter((r) => r.area === area && r.urgency === u && r.responseSec !== undefined).map((r) => r.responseSec!);
            const group = result.byArea[area * 3 + u]!;
            expect(group.reached).toBe(times.length);
            if (times.length === 0) expect(group.responseP90Sec).toBeNull();
            else {
              expect(group.responseMedianSec).toBeCloseTo(quantile(times, 0.5), 9);
              expect(group.responseP90Sec).toBeCloseTo(quantile(times, 0.9), 9);
            }
          }
        }
        const total = result.overall[3]!;
        expect(total.incidents).toBe(rows.length);
        expect(result.overall.slice(0, 3).reduce((s, g) => s + g.incidents, 0)).toBe(rows.length);
      }),
    );
  });
});

describe("areas that are parts of a whole (partOf)", () => {
  it("adds a row for the whole that counts the incidents of all its parts", () => {
    const partsIndex = { ...scenarioIndex(), areaCodes: ["320301", "320302", "3203"], areaNames: ["Former Asker", "Former Røyken and Hurum", "Asker"], areaClasses: ["tettbygd", "grisgrendt", "tettbygd"] as Array<"tettbygd" | "grisgrendt">, areaOrganisation: Int32Array.from([0, 1, 0]), areaParent: Int32Array.from([2, 2, -1]) };
    const rows: IncidentRow[] = [
      { area: 0, ringSec: 10, responseSec: 300 },
      { area: 0, ringSec: 20, responseSec: 600 },
      { area: 1, ringSec: 30, responseSec: 1200 },
    ];
    const result = computeReplicationKpis(replicationResult(rows), partsIndex, calendar);
    const redOf = (area: number) => result.byArea[area * 3]!;
    expect(redOf(0).incidents).toBe(2);
    expect(redOf(1).incidents).toBe(1);
    expect(redOf(2).incidents).toBe(3);
    expect(redOf(2).responseMedianSec).toBe(600);
    // Each incident keeps the target of its own area: 300 and 600 s within 12 min, 1200 s within 25 min (rural).
    expect(redOf(2).shareWithinTarget).toBe(1);
    expect(result.overall[0]!.incidents).toBe(3);
  });
});
