import { describe, expect, it } from "vitest";
import { VEHICLE_STATES, type ReplicationResult } from "../result/result.js";
import { simulateReplication } from "../simulation/simulation.js";
import { demoScenario, prepareTest } from "../testing/fixtures.js";
import { MISSION_BOOKED } from "./compile-transports.js";

const TRANSFERS = `
  transfers:
    - { from: drammen-sykehus, to: rikshospitalet, perYear: 4000, urgentShare: 0.2 }`;
const BOOKED = `
  booked:
    rate: { per1000PerYear: 40 }`;

/** The demo for a week, with a transports section (YAML text) or without one. */
const run = (transports: string | undefined, seed = 7, edit: (text: string) => string = (t) => t): ReplicationResult => {
  const scenario = demoScenario((text) => edit(text.replace("durationDays: 28", "durationDays: 14").replace("warmUpDays: 2", "warmUpDays: 1")) + (transports === undefined ? "" : `\ntransports:${transports}\n`));
  return simulateReplication(prepareTest(scenario), seed, 0);
};

const emergencyRows = (r: ReplicationResult) => r.incidents.kind.reduce((n, kind) => n + (kind === 0 ? 1 : 0), 0);
const meanOver = (r: ReplicationResult, pick: (i: number) => number | undefined) => {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < r.incidents.count; i++) {
    const value = pick(i);
    if (value === undefined || !Number.isFinite(value)) continue;
    sum += value;
    n++;
  }
  return sum / n;
};
const redResponse = (r: ReplicationResult) => meanOver(r, (i) => (r.incidents.kind[i] === 0 && r.incidents.urgency[i] === 0 ? r.incidents.atSceneSec[i]! - r.incidents.ringSec[i]! : undefined));
/** Booked transports done by vehicles of a type, with the vehicles' types of the scenario that ran. */
const bookedBy = (r: ReplicationResult, types: string[], type: string) => {
  const log = r.incidents;
  let n = 0;
  for (let i = 0; i < log.count; i++) if (log.kind[i] === 2 && log.vehicle[i]! >= 0 && types[log.vehicle[i]!] === type) n++;
  return n;
};
const typesOf = (edit: (text: string) => string = (t) => t) => demoScenario(edit).vehicles.map((vehicle) => vehicle.type as string);

describe("transports", () => {
  const without = run(undefined);

  it("leaves results exactly as before when there is nothing to transport", () => {
    const empty = run("\n  transfers: []");
    expect(empty.incidents).toEqual(without.incidents);
    expect(empty.vehicles).toEqual(without.vehicles);
    expect(without.transports).toBeUndefined();
    expect(without.incidents.kind.every((kind) => kind === 0)).toBe(true);
  });

  const withTransfers = run(TRANSFERS);

  it("keeps the emergency incidents' random numbers (common random numbers)", () => {
    expect(emergencyRows(withTransfers)).toBe(without.incidents.count);
    const n = without.incidents.count;
    expect(withTransfers.incidents.ringSec.subarray(0, n)).toEqual(without.incidents.ringSec);
    expect(withTransfers.incidents.zone.subarray(0, n)).toEqual(without.incidents.zone);
    expect(withTransfers.incidents.urgency.subarray(0, n)).toEqual(without.incidents.urgency);
  });

  it("is deterministic", () => {
    const again = run(TRANSFERS);
    expect(again.incidents).toEqual(withTransfers.incidents);
    expect(again.transports).toEqual(withTransfers.transports);
  });

  it("appends transfers after the emergencies, each from hospital to hospital in time order", () => {
    const log = withTransfers.incidents;
    const t = withTransfers.transports!;
    expect(t.firstRow).toBe(without.incidents.count);
    expect(t.count).toBeGreaterThan(100);
    for (let k = 0; k < t.count; k++) {
      const row = t.firstRow + k;
      expect(log.kind[row]).toBe(1);
      if (k > 0) expect(log.ringSec[row]).toBeGreaterThanOrEqual(log.ringSec[row - 1]!);
      if (Number.isFinite(log.freeSec[row]!)) {
        expect(log.alertedSec[row]).toBeGreaterThanOrEqual(log.ringSec[row]!);
        expect(log.atSceneSec[row]).toBeGreaterThan(log.alertedSec[row]!);
        expect(log.atDestinationSec[row]).toBeGreaterThan(log.leftSceneSec[row]!);
        expect(log.freeSec[row]).toBeGreaterThan(log.atDestinationSec[row]!);
        expect(log.destination[row]).toBe(1); // rikshospitalet
      }
    }
  });

  it("occupies ambulances, so emergencies wait longer and are reached later", () => {
    // Time in every state but off duty and idle.
    const free = [VEHICLE_STATES.indexOf("offDuty"), VEHICLE_STATES.indexOf("idle")];
    const busy = (r: ReplicationResult) => r.vehicles.stateSec.reduce((sum, sec, k) => (free.includes(k % VEHICLE_STATES.length) ? sum : sum + sec), 0);
    expect(busy(withTransfers)).toBeGreaterThan(busy(without));
    expect(redResponse(withTransfers)).toBeGreaterThan(redResponse(without));
    const waited = (r: ReplicationResult) => meanOver(r, (i) => (r.incidents.kind[i] === 0 ? r.incidents.waitForUnitSec[i]! : undefined));
    expect(waited(withTransfers)).toBeGreaterThan(waited(without));
  });

  it("gives booked work to a sick-transport vehicle before ambulances, which relieves them", () => {
    const addSimple = (text: string) => text.replace("  - { id: lier-amb, type: ambulance, station: st-lier }", "  - { id: lier-amb, type: ambulance, station: st-lier }\n  - { id: hvit-bil, type: sick-transport, station: st-drammen }");
    const ambulancesOnly = run(BOOKED);
    const withSimple = run(BOOKED, 7, addSimple);
    const simpleTypes = typesOf(addSimple);
    expect(bookedBy(withSimple, simpleTypes, "sick-transport")).toBeGreaterThan(bookedBy(withSimple, simpleTypes, "ambulance"));
    expect(bookedBy(withSimple, simpleTypes, "ambulance")).toBeLessThan(bookedBy(ambulancesOnly, typesOf(), "ambulance"));
    expect(redResponse(withSimple)).toBeLessThanOrEqual(redResponse(ambulancesOnly));
  });

  it("asks no ambulance about booked work that a free simple vehicle takes, so the end-of-shift rule passes none over then", () => {
    // Only red emergencies, and ambulances under the end-of-shift rule for the whole of every 4-hour crew
    // shift: only booked work is ever refused, and by ambulances alone.
    const edit = (text: string) =>
      text
        .replace("yellow: { per1000PerYear: 58 }", "yellow: { per1000PerYear: 0 }")
        .replace("green: { per1000PerYear: 43.5 }", "green: { per1000PerYear: 0 }")
        .replace("  - { id: lier-amb, type: ambulance, station: st-lier }", "  - { id: lier-amb, type: ambulance, station: st-lier }\n  - { id: hvit-bil, type: sick-transport, station: st-drammen }") +
      '\navailability:\n  crewChanges: ["00:00", "04:00", "08:00", "12:00", "16:00", "20:00"]\n  vehicleTypes:\n    ambulance: { endOfShift: { lastMinutes: 240 } }\n';
    const result = run(BOOKED, 7, edit);
    const log = result.incidents;
    const t = result.transports!;
    const types = typesOf(edit);
    let takenAtOnceBySimple = 0;
    let notTakenAtOnce = 0;
    for (let k = 0; k < t.count; k++) {
      const row = t.firstRow + k;
      if (log.inWarmUp[row] === 1) continue;
      const vehicle = log.vehicle[row]!;
      if (vehicle >= 0 && types[vehicle] === "sick-transport" && log.alertedSec[row] === log.decidedSec[row]) takenAtOnceBySimple++;
      else notTakenAtOnce++;
    }
    let refusals = 0;
    for (const count of result.availability!.endOfShiftRefusals) refusals += count;
    expect(takenAtOnceBySimple).toBeGreaterThan(10);
    expect(refusals).toBeGreaterThan(0);
    // Each refused transport counts once; one the simple vehicle took at once was never offered to an ambulance.
    expect(refusals).toBeLessThanOrEqual(notTakenAtOnce);
  });

  it("holds ambulances back for emergencies: with more to keep free than the fleet, no ambulance takes booked work", () => {
    const held = run(`${BOOKED}\n  minFreeAmbulances: 50`);
    const t = held.transports!;
    for (let k = 0; k < t.count; k++) {
      expect(t.mission[k]).toBe(MISSION_BOOKED);
      expect(held.incidents.vehicle[t.firstRow + k]).toBe(-1);
    }
    const free = run(`${BOOKED}\n  minFreeAmbulances: 0`);
    const taken = free.transports!.count - free.incidents.vehicle.subarray(free.transports!.firstRow).filter((v) => v < 0).length;
    expect(taken).toBeGreaterThan(0.9 * free.transports!.count);
    // A stricter rule delays booked pickups.
    const strict = run(`${BOOKED}\n  minFreeAmbulances: 6`);
    const pickupDelay = (r: ReplicationResult) => meanOver(r, (i) => (r.incidents.kind[i] === 2 ? r.incidents.waitForUnitSec[i]! : undefined));
    expect(pickupDelay(strict)).toBeGreaterThan(pickupDelay(free));
  });

  it("lets only allowed vehicle types take a mission (scenario rule)", () => {
    const none = run(`${BOOKED}\n  vehicleMissions: { ambulance: [urgent-transfer] }`);
    expect(none.incidents.vehicle.subarray(none.transports!.firstRow).every((v) => v < 0)).toBe(true);
  });

  it("marks booked work picked up after its window as late, and more so with a shorter window", () => {
    const lateShare = (r: ReplicationResult) => {
      const t = r.transports!;
      let late = 0;
      let picked = 0;
      for (let k = 0; k < t.count; k++) {
        const pickup = r.incidents.atSceneSec[t.firstRow + k]!;
        if (!Number.isFinite(pickup)) continue;
        picked++;
        if (pickup > t.windowEndSec[k]!) late++;
      }
      return late / picked;
    };
    const tight = run(`${BOOKED.replace("rate: { per1000PerYear: 40 }", "rate: { per1000PerYear: 40 }\n    windowMin: 5")}`);
    const wide = run(`${BOOKED.replace("rate: { per1000PerYear: 40 }", "rate: { per1000PerYear: 40 }\n    windowMin: 240")}`);
    expect(lateShare(tight)).toBeGreaterThan(0.5);
    expect(lateShare(wide)).toBeLessThan(lateShare(tight));
    // The window does not change when the work is released, only when it counts as late.
    expect(tight.incidents.atSceneSec).toEqual(wide.incidents.atSceneSec);
  });
});
