import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/model";
import { busyFractionByHourOfDay, busySample, byHourOfWeek, type BusyInput } from "./busy-fraction.js";
import { evaluateUnit, type UnitResult } from "./units.js";

const H = 3600;
/** A calendar whose simulation hour 0 is Monday 00–01. */
const calendar = { hourOfWeekAt: (sec: number) => Math.floor(sec / H) % 168 };
const index = { vehicleTypes: ["ambulance", "ambulance", "doctor-car"] as Array<"ambulance" | "doctor-car"> };

/** Rows of an incident log: [vehicle, alerted, free, ready] in hours from the start (NaN: never). */
function log(rows: Array<[number, number, number, number]>, warmUpH: number, horizonH: number): BusyInput {
  return {
    warmUpSec: warmUpH * H,
    horizonSec: horizonH * H,
    incidents: { count: rows.length, vehicle: Int32Array.from(rows.map((row) => row[0])), alertedSec: Float64Array.from(rows.map((row) => row[1] * H)), freeSec: Float64Array.from(rows.map((row) => row[2] * H)) },
    availability: { readySec: Float64Array.from(rows.map((row) => row[3] * H)) },
  };
}

describe("the busy fraction measured in a simulation, by hour of the day", () => {
  it("counts each ambulance mission from its alert to ready (after cleaning), clipped to the run after warm-up, over the ambulances on duty", () => {
    // Two ambulances round the clock for two days; the first hour is warm-up.
    const onDuty = new Float64Array(168).fill(2);
    const sample = busySample(
      log(
        [
          [0, 10.5, 11.5, NaN], // 10:30–11:30 on day 1: half an hour in 10 and in 11
          [2, 10, 12, NaN], // the doctor car: not an ambulance
          [1, 47.5, NaN, NaN], // still on the job when the run ends: busy to the end
          [0, 34, 34.5, 35], // 10:00 on day 2, ready after cleaning at 11:00: the whole hour 10
          [1, 0.5, 1.5, NaN], // begun in the warm-up: only its part after it
          [0, NaN, NaN, NaN], // never alerted
        ],
        1,
        48,
      ),
      index,
      calendar,
      onDuty,
    );
    expect(sample.onDutySec[0]).toBe(2 * H); // hour 0 of day 1 is warm-up
    expect(sample.onDutySec[10]).toBe(2 * 2 * H);
    const q = busyFractionByHourOfDay([sample]);
    expect(q[10]).toBeCloseTo((0.5 * H + H) / (4 * H), 12);
    expect(q[11]).toBeCloseTo((0.5 * H) / (4 * H), 12);
    expect(q[23]).toBeCloseTo((0.5 * H) / (4 * H), 12);
    expect(q[1]).toBeCloseTo((0.5 * H) / (4 * H), 12);
    expect(q[0]).toBe(0);
  });

  it("pools replications and days as Σ busy ÷ Σ on duty, and repeats the day over the week", () => {
    const a = { busySec: new Array<number>(24).fill(0), onDutySec: new Array<number>(24).fill(4 * H) };
    const b = { busySec: new Array<number>(24).fill(H), onDutySec: new Array<number>(24).fill(H) };
    a.busySec[7] = 2 * H;
    a.onDutySec[3] = 0;
    b.onDutySec[3] = 0;
    const q = busyFractionByHourOfDay([a, b]);
    expect(q[7]).toBeCloseTo(3 / 5, 12);
    expect(q[3]).toBe(0); // no ambulance on duty
    const week = byHourOfWeek(q);
    expect(week).toHaveLength(168);
    expect(week[24 * 6 + 7]).toBe(q[7]);
  });

  it("measures the demo: every hour between 0 and 1, busier by day than at night", async () => {
    const demo = resolve(findRepoRoot(), "scenarios/demo/demo.yaml");
    const result = JSON.parse(await evaluateUnit({ base: demo, planId: "today", planFile: demo, overlay: null, seed: 3, fromReplication: 0, toReplication: 2, measureBusy: true })) as UnitResult;
    const q = busyFractionByHourOfDay(result.replications.map((rep) => rep.busy!));
    for (const value of q) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(1);
    }
    const mean = (hours: number[]) => hours.reduce((sum, h) => sum + q[h]!, 0) / hours.length;
    expect(mean([10, 11, 12, 13, 14, 15])).toBeGreaterThan(mean([2, 3, 4, 5]));
    // Without the flag the unit's result is as before.
    const plain = JSON.parse(await evaluateUnit({ base: demo, planId: "today", planFile: demo, overlay: null, seed: 3, fromReplication: 0, toReplication: 1 })) as UnitResult;
    expect(plain.replications[0]!.busy).toBeUndefined();
  }, 60_000);
});
