import { describe, expect, it } from "vitest";
import { simulateReplication } from "../simulation/simulation.js";
import { expectDeterministic } from "../testing/laws.js";
import { relocationFixture } from "../testing/relocation.js";
import { complianceTableRelocation } from "./compliance-table.js";
import type { RelocationPolicy } from "./policies.js";

const fixture = relocationFixture();
const { compiled } = fixture.inputs;
const { ambulances } = fixture;
const location = (id: string) => compiled.baseLocations[compiled.baseIds.indexOf(id)]!;
const [DRAMMEN, LIER, SVELVIK, MJONDALEN] = ["st-drammen", "st-lier", "st-svelvik", "sb-mjondalen"].map(location) as [number, number, number, number];
const baseIndex = (at: number) => fixture.baseLocations.indexOf(at);

/** A table for the demo's nine ambulances: Drammen first, then Lier, Svelvik, Mjøndalen, then Drammen again. */
const ORDER = ["st-drammen", "st-lier", "st-svelvik", "sb-mjondalen", "st-drammen", "st-lier", "st-drammen", "st-svelvik", "st-drammen"];
const table = ambulances.map((_, k) => ORDER.slice(0, k + 1));
const sorted = (values: Iterable<number>) => [...values].sort((a, b) => a - b);

describe("compliance-table relocation, by hand", () => {
  const policy = complianceTableRelocation({ name: "compliance-table", table }, fixture.context);

  it("moves three idle ambulances at Drammen to Drammen, Lier and Svelvik, keeping one at Drammen", () => {
    const states = ambulances.map((_, k) => ({ state: k < 3 ? ("idle" as const) : ("busy" as const), base: baseIndex(DRAMMEN) }));
    const moves = policy.reposition!(fixture.relocationView(states), 0);
    expect(sorted(moves.map(([, to]) => to))).toEqual(sorted([LIER, SVELVIK]));
    expect(moves).toHaveLength(2);
  });

  it("moves the nearer ambulance: with units at Lier and Svelvik and row 2 = Drammen, Lier, the Svelvik one goes to Drammen", () => {
    const states = ambulances.map((_, k) => ({ state: k === 0 || k === 1 ? ("idle" as const) : ("busy" as const), base: baseIndex(k === 0 ? LIER : SVELVIK) }));
    expect(policy.reposition!(fixture.relocationView(states), 0)).toEqual([[ambulances[1]!, DRAMMEN]]);
  });

  it("sends a freed ambulance to the place the row for the new number leaves open", () => {
    // Two idle at Drammen and Lier; the third free one (at the hospital) takes row 3's Svelvik.
    const states = ambulances.map((_, k) => ({ state: k < 2 ? ("idle" as const) : ("busy" as const), base: baseIndex(k === 0 ? DRAMMEN : LIER) }));
    expect(policy.chooseBase(fixture.relocationView(states), ambulances[2]!, compiled.destinations[0]!.location, 0)).toBe(SVELVIK);
  });

  it("leaves ambulances that are driving where they go, counting them at their base", () => {
    const states = ambulances.map((_, k) => ({ state: k === 0 ? ("returning" as const) : k < 4 ? ("idle" as const) : ("busy" as const), base: baseIndex(k === 0 ? MJONDALEN : DRAMMEN) }));
    const moves = policy.reposition!(fixture.relocationView(states), 0);
    // Row 4 is Drammen, Lier, Svelvik, Mjøndalen: the returning unit fills Mjøndalen, two of the three at Drammen move.
    expect(sorted(moves.map(([, to]) => to))).toEqual(sorted([LIER, SVELVIK]));
    expect(moves.map(([vehicle]) => vehicle)).not.toContain(ambulances[0]);
  });
});

describe("compliance-table relocation in the simulation", () => {
  const tableYaml = `{ name: compliance-table, table: ${JSON.stringify(table)} }`;
  const inputs = relocationFixture((text) => text.replace("relocation: { name: return-home }", `relocation: ${tableYaml}`)).inputs;

  it("puts idle free ambulances exactly on the table's row whenever the engine asks, and moves units only onto the row", () => {
    // Wrap the policy to see every state the engine shows it and the moves it makes.
    const inner = inputs.policies.relocation;
    let checks = 0;
    const watched: RelocationPolicy = {
      name: inner.name,
      chooseBase: (view, vehicle, current, simSec) => inner.chooseBase(view, vehicle, current, simSec),
      reposition: (view, simSec) => {
        const moves = inner.reposition!(view, simSec);
        const free = view.freeAmbulances();
        const places = Array.from(free.position.subarray(0, free.count));
        for (const [vehicle, to] of moves) places[Array.from(free.vehicle.subarray(0, free.count)).indexOf(vehicle)] = to;
        const row = table[free.count - 1]?.map(location) ?? [];
        for (const [, to] of moves) expect(row).toContain(to);
        // With every free unit standing idle (none driving, whose place waits until it arrives), the row is filled exactly.
        if (free.count > 0 && free.movable.subarray(0, free.count).every((flag) => flag === 1)) {
          expect(sorted(places)).toEqual(sorted(row));
          checks++;
        }
        return moves;
      },
    };
    simulateReplication({ ...inputs, policies: { ...inputs.policies, relocation: watched } }, 5, 0);
    expect(checks).toBeGreaterThan(100);
  });

  it("gives the same results for the same seed", () => {
    expectDeterministic(inputs, ["incidents", "vehicles"], { maxReplication: 0, numRuns: 3 });
  });
});
