import { describe, expect, it } from "vitest";
import { simulateReplication, type SimulationInputs } from "../simulation/simulation.js";
import { expectDeterministic } from "../testing/laws.js";
import { relocationFixture } from "../testing/relocation.js";
import { complianceTableRelocation } from "./compliance-table.js";
import type { Moves, RelocationPolicy, RelocationView } from "./policies.js";

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

/** Runs replication 0 (seed 5) with the scenario's relocation policy wrapped: `check` sees every reposition the engine asks for and the moves the policy makes. */
function simulateWatchingMoves(inputs: SimulationInputs, check: (view: RelocationView, moves: Moves) => void): void {
  const inner = inputs.policies.relocation;
  const watched: RelocationPolicy = {
    name: inner.name,
    chooseBase: (view, vehicle, current, simSec) => inner.chooseBase(view, vehicle, current, simSec),
    reposition: (view, simSec) => {
      const moves = inner.reposition!(view, simSec);
      check(view, moves);
      return moves;
    },
  };
  simulateReplication({ ...inputs, policies: { ...inputs.policies, relocation: watched } }, 5, 0);
}

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
    let checks = 0;
    simulateWatchingMoves(inputs, (view, moves) => {
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
    });
    expect(checks).toBeGreaterThan(100);
  });

  it("gives the same results for the same seed", () => {
    expectDeterministic(inputs, ["incidents", "vehicles"], { maxReplication: 0, numRuns: 3 });
  });
});

describe("compliance-table relocation with a table per owner", () => {
  // The demo with a second owner: Svelvik's ambulance belongs to "ous" (dispatched by the same AMK).
  const twoOwners = (text: string) =>
    text
      .replace('  - { id: vv, name: "Vestre Viken HF" }', '  - { id: vv, name: "Vestre Viken HF" }\n  - { id: ous, name: "Oslo universitetssykehus HF" }')
      .replace("  - { id: svelvik-amb, type: ambulance, station: st-svelvik }", "  - { id: svelvik-amb, type: ambulance, station: st-svelvik, owner: ous, dispatchedBy: amk-vv }");
  const owned = relocationFixture(twoOwners);
  const ownedCompiled = owned.inputs.compiled;
  const ous = ownedCompiled.index.organisationIds.indexOf("ous");
  const ousUnit = owned.ambulances.find((vehicle) => ownedCompiled.vehicles.owner[vehicle] === ous)!;
  const vvUnits = owned.ambulances.filter((vehicle) => vehicle !== ousUnit);
  const at = (id: string) => ownedCompiled.baseLocations[ownedCompiled.baseIds.indexOf(id)]!;
  const ownedBase = (location: number) => owned.baseLocations.indexOf(location);
  const VV_ORDER = ["st-drammen", "st-lier", "sb-mjondalen"];
  const tables = { vv: vvUnits.map((_, k) => Array.from({ length: k + 1 }, (_, j) => VV_ORDER[j % VV_ORDER.length]!)), ous: [["st-svelvik"]] };
  const policy = complianceTableRelocation({ name: "compliance-table", tables }, owned.context);
  const state = (idle: Map<number, string>) => owned.ambulances.map((vehicle) => (idle.has(vehicle) ? { state: "idle" as const, base: ownedBase(at(idle.get(vehicle)!)) } : { state: "busy" as const, base: 0 }));

  it("matches a freed ambulance with its own owner's free units only: another owner's idle unit does not change its row", () => {
    expect(ousUnit).toBeDefined();
    // The ous unit idles at Drammen; a freed vv unit still gets vv's row 1 (Drammen), not a row-2 place.
    const view = owned.relocationView(state(new Map([[ousUnit, "st-drammen"]])));
    expect(policy.chooseBase(view, vvUnits[0]!, ownedCompiled.destinations[0]!.location, 0)).toBe(at("st-drammen"));
  });

  it("moves each owner's idle units onto its own row: the ous unit at Drammen to Svelvik, the vv unit there stays", () => {
    const view = owned.relocationView(state(new Map([[ousUnit, "st-drammen"], [vvUnits[0]!, "st-drammen"]])));
    expect(policy.reposition!(view, 0)).toEqual([[ousUnit, at("st-svelvik")]]);
  });

  it("sends an owner's ambulances home when it has no table, and never moves them", () => {
    const vvOnly = complianceTableRelocation({ name: "compliance-table", tables: { vv: tables.vv } }, owned.context);
    const view = owned.relocationView(state(new Map([[ousUnit, "st-lier"]])));
    expect(vvOnly.chooseBase(view, ousUnit, ownedCompiled.destinations[0]!.location, 0)).toBe(ownedCompiled.vehicles.homeLocation[ousUnit]);
    expect(vvOnly.reposition!(view, 0)).toEqual([]);
  });

  it("in the simulation, every move goes to a place of the row of the unit's own table for its owner's free units", () => {
    const inputs = relocationFixture((text) => twoOwners(text).replace("relocation: { name: return-home }", `relocation: { name: compliance-table, tables: ${JSON.stringify(tables)} }`)).inputs;
    const rowsOf = (owner: number) => (owner === ous ? tables.ous : tables.vv).map((row) => row.map(at));
    let moved = 0;
    simulateWatchingMoves(inputs, (view, moves) => {
      const free = view.freeAmbulances();
      const freeOf = (owner: number) => Array.from(free.vehicle.subarray(0, free.count)).filter((vehicle) => inputs.compiled.vehicles.owner[vehicle] === owner).length;
      for (const [vehicle, to] of moves) {
        const owner = inputs.compiled.vehicles.owner[vehicle]!;
        const rows = rowsOf(owner);
        expect(rows[Math.min(freeOf(owner), rows.length) - 1]).toContain(to);
        moved++;
      }
    });
    expect(moved).toBeGreaterThan(10);
  });
});
