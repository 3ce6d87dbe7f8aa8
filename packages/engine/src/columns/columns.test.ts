import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../result/result.js";
import { simulateReplication, type SimulationInputs } from "../simulation/simulation.js";
import { ALL_AVAILABILITY, demoScenario, prepareTest } from "../testing/fixtures.js";
import { ColumnPool, FRESH_COLUMNS } from "./columns.js";

describe("ColumnPool", () => {
  it("hands out filled columns of the asked length and reuses their memory for the same key", () => {
    const pool = new ColumnPool();
    const first = pool.float64("a", 100, NaN);
    expect(first.length).toBe(100);
    expect(first.every(Number.isNaN)).toBe(true);
    first.fill(7);
    const again = pool.float64("a", 90, 0);
    expect(again.length).toBe(90);
    expect(again.buffer).toBe(first.buffer);
    expect(again.every((value) => value === 0)).toBe(true);
    const other = pool.int32("b", 10, -1);
    expect(other.buffer).not.toBe(first.buffer);
    expect([...other]).toEqual(Array(10).fill(-1));
  });

  it("takes new memory when a key needs more than it holds", () => {
    const pool = new ColumnPool();
    const small = pool.uint8("a", 10, 1);
    const large = pool.uint8("a", 10_000, 2);
    expect(large.length).toBe(10_000);
    expect(large.buffer).not.toBe(small.buffer);
    expect(large.every((value) => value === 2)).toBe(true);
    expect(pool.byteLength).toBeGreaterThanOrEqual(10_000);
  });

  it("grows a column keeping its values, also when it is a view of the key's own memory", () => {
    const pool = new ColumnPool();
    const column = pool.int32("a", 4, 0);
    column.set([1, 2, 3, 4]);
    const grown = pool.grown("a", column, 8);
    expect([...grown.subarray(0, 4)]).toEqual([1, 2, 3, 4]);
    expect(grown.length).toBe(8);
    expect(pool.int32("a", 8, 5).buffer).toBe(grown.buffer);
    const fresh = FRESH_COLUMNS.grown("x", Float64Array.of(1.5, 2.5), 3);
    expect([...fresh]).toEqual([1.5, 2.5, 0]);
  });

  it("refuses a key taken before with another element type", () => {
    const pool = new ColumnPool();
    pool.float64("a", 4, 0);
    expect(() => pool.int32("a", 4, 0)).toThrow(/column a was taken before as Float64Array/);
  });
});

/** The demo for a week with every per-incident mechanism on: AMK workload, transports, unavailable time, multi-unit incidents. */
function everyMechanism(busier: number): SimulationInputs {
  const scenario = demoScenario((text) => {
    const rates = text
      .replace("durationDays: 28", "durationDays: 7")
      .replace("warmUpDays: 2", "warmUpDays: 1")
      .replace("red: { per1000PerYear: 43.5 }", `red: { per1000PerYear: ${43.5 * busier} }`)
      .replace("    dayOfWeek: [1, 1, 1, 1, 1.05, 1.1, 1.1]\n", '    dayOfWeek: [1, 1, 1, 1, 1.05, 1.1, 1.1]\n  multiUnit:\n    red: { units: { "2": 0.3 } }\n    extraTransportProbability: 0.4\n')
      .replace(
        "      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n",
        "      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n    background: { callsPerYear: 60000 }\n    otherWork:\n      missionFollowUp: { kind: exponential, mean: 1, unit: min }\n",
      );
    return [
      rates,
      "transports:",
      "  transfers:",
      "    - { from: drammen-sykehus, to: rikshospitalet, perYear: 4000, urgentShare: 0.2 }",
      "  booked:",
      "    rate: { per1000PerYear: 40 }",
      "availability:",
      ALL_AVAILABILITY,
      "",
    ].join("\n");
  });
  return prepareTest(scenario);
}

describe("a replication on pooled columns", () => {
  it("gives the same result as on fresh ones, whatever the pool held before (law: same seed, same result)", () => {
    const inputs = everyMechanism(1);
    const result = (columns = FRESH_COLUMNS, seed = 11) => simulateReplication(inputs, seed, 0, columns);
    const parts = (r: ReplicationResult) => ({ incidents: r.incidents, vehicles: r.vehicles, amk: r.amk, transports: r.transports, availability: r.availability, multiUnit: r.multiUnit });
    const fresh = parts(result());
    expect(fresh.transports?.count).toBeGreaterThan(0);
    expect(fresh.availability?.cleanings.some((n) => n > 0)).toBe(true);
    expect(fresh.multiUnit).toBeDefined();

    const pool = new ColumnPool();
    // A busier scenario and another seed leave longer, different columns behind: every value must be written again.
    simulateReplication(everyMechanism(3), 99, 0, pool);
    const dirtied = pool.byteLength;
    expect(parts(result(pool))).toEqual(fresh);
    expect(pool.byteLength).toBe(dirtied);
    expect(parts(result(pool, 12))).toEqual(parts(result(FRESH_COLUMNS, 12)));
  });
});
