import fc from "fast-check";
import { expect } from "vitest";
import type { IncidentLog, ReplicationResult } from "../result/result.js";
import { simulateReplication, type SimulationInputs } from "../simulation/simulation.js";

/** Expects the named parts of a replication to be identical when the same seed and replication number are run twice. */
export function expectDeterministic(inputs: SimulationInputs, parts: readonly (keyof ReplicationResult)[], { maxReplication, numRuns }: { maxReplication: number; numRuns: number }): void {
  fc.assert(
    fc.property(fc.nat(1_000_000), fc.nat(maxReplication), (seed, replication) => {
      const a = simulateReplication(inputs, seed, replication);
      const b = simulateReplication(inputs, seed, replication);
      for (const part of parts) expect(a[part]).toEqual(b[part]);
    }),
    { numRuns },
  );
}

/**
 * Expects `other` to have drawn the same on-scene times as `reference` for every incident both served
 * (common random numbers), and more than 100 such incidents so the check means something.
 */
export function expectSameOnSceneTimes(reference: IncidentLog, other: IncidentLog): void {
  let compared = 0;
  for (let i = 0; i < reference.count; i++) {
    if (Number.isNaN(reference.leftSceneSec[i]!) || Number.isNaN(other.leftSceneSec[i]!)) continue;
    expect(other.leftSceneSec[i]! - other.atSceneSec[i]!).toBeCloseTo(reference.leftSceneSec[i]! - reference.atSceneSec[i]!, 6);
    compared++;
  }
  expect(compared).toBeGreaterThan(100);
}

/** Each incident that got a unit: the unit and when it was committed (the decision plus the wait for a free unit). */
export function* committedIncidents(log: IncidentLog): Generator<{ incident: number; vehicle: number; committedSec: number }> {
  for (let i = 0; i < log.count; i++) {
    const vehicle = log.vehicle[i]!;
    if (vehicle < 0) continue;
    yield { incident: i, vehicle, committedSec: log.decidedSec[i]! + log.waitForUnitSec[i]! };
  }
}

/** Expects no vehicle on two incidents at once: from commitment until free again (or the horizon, if never freed). */
export function expectNoVehicleOnTwoIncidents(result: ReplicationResult): void {
  const log = result.incidents;
  const busy = new Map<number, Array<[number, number]>>();
  for (const { incident, vehicle, committedSec } of committedIncidents(log)) {
    const end = Number.isNaN(log.freeSec[incident]!) ? result.horizonSec : log.freeSec[incident]!;
    busy.set(vehicle, [...(busy.get(vehicle) ?? []), [committedSec, end]]);
  }
  for (const intervals of busy.values()) {
    intervals.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < intervals.length; k++) expect(intervals[k]![0]).toBeGreaterThanOrEqual(intervals[k - 1]![1]);
  }
}
