import { munkres } from "munkres";
import type { RelocationSpec } from "@akutt/model";
import type { Moves, RelocationContext, RelocationPolicy, RelocationView } from "./policies.js";

type ComplianceTableSpec = Extract<RelocationSpec, { name: "compliance-table" }>;

/**
 * Compliance-table relocation (the table itself comes from `akutt optimise compliance`, or by hand).
 * Row k of the table lists the bases k free ambulances should stand at. Whenever the number of free
 * ambulances changes, or one reaches its base, the free ambulances are matched to the places of the
 * row for their number so that the total (non-emergency) driving is least, and the idle ones not at
 * their place drive there; an ambulance that just became free is matched the same way. Ambulances
 * driving to a base count as being at it (their place is re-matched when they arrive), and held
 * ones (cleaning, on a break) stay where they are but take a place. More free ambulances than the
 * table has rows: the last row is filled and the rest go home. Units other than ambulances always go home.
 * With a table per owner (`tables`), each owner's free ambulances are matched to its own table's row
 * for their own number, independently of other owners' ambulances.
 *
 * The matching is an assignment problem, solved exactly by the Hungarian (Munkres) algorithm from the
 * `munkres` package: O(k³) for k free ambulances, a few thousand operations for a fleet of 20. A
 * greedy nearest-first match can pay a long drive for one unit to save a short one for another; the
 * exact one never does, and k is small.
 */
export function complianceTableRelocation(spec: ComplianceTableSpec, context: RelocationContext): RelocationPolicy {
  const { compiled } = context;
  const locationOfBase = new Map(compiled.baseIds.map((id, b) => [id, compiled.baseLocations[b]!]));
  const rowsOf = (table: string[][]) => table.map((row) => Int32Array.from(row, (id) => {
    const location = locationOfBase.get(id);
    if (location === undefined) throw new Error(`compliance table: unknown base "${id}"`);
    return location;
  }));
  // The table each ambulance plays, by its owner's index: one pooled table for all (`table`), or a
  // table per owner (`tables`); an owner without one has none (its ambulances go home). A vehicle is
  // matched only with the free ambulances of the same table.
  const pooled = spec.table === undefined ? undefined : rowsOf(spec.table);
  const tableOfOwner = compiled.index.organisationIds.map((owner) => pooled ?? (spec.tables?.[owner] === undefined ? undefined : rowsOf(spec.tables[owner])));
  const tableOf = (vehicle: number) => (pooled ? 0 : compiled.vehicles.owner[vehicle]!);
  const rowsFor = (group: number) => (pooled ?? tableOfOwner[group])!;

  // Unreachable pairs (Infinity) get a finite cost the solver can add up; any reachable match is cheaper.
  const UNREACHABLE_SEC = 1e9;
  // Among matches with equal driving, the one moving fewest units: without it two places a zero-second
  // drive apart (a station standing at a zone) could swap units back and forth at one instant.
  const MOVE_PENALTY_SEC = 1e-3;
  const driveSec = (view: RelocationView, from: number, to: number) => (from === to ? 0 : Math.min(view.travelSec(from, to), UNREACHABLE_SEC) + MOVE_PENALTY_SEC);

  /** Per free ambulance (at `positions`), the location it should stand at: the least-driving match to the row for their number. */
  const match = (view: RelocationView, rows: Int32Array[], vehicles: number[], positions: number[]): Int32Array => {
    const k = vehicles.length;
    const row = rows[Math.min(k, rows.length) - 1]!;
    // Columns: the row's places, then one "home" column per ambulance beyond the table.
    const cost = vehicles.map((vehicle, u) => {
      const from = positions[u]!;
      return Array.from({ length: k }, (_, j) => driveSec(view, from, j < row.length ? row[j]! : view.homeLocation(vehicle)));
    });
    const place = new Int32Array(k);
    for (const [u, j] of munkres(cost)) place[u] = j < row.length ? row[j]! : view.homeLocation(vehicles[u]!);
    return place;
  };

  /** The free ambulances (but `except`) playing table `group`, in the engine's order. */
  const freeNow = (view: RelocationView, except: number, group: number) => {
    const free = view.freeAmbulances();
    const vehicles: number[] = [];
    const positions: number[] = [];
    const movable: boolean[] = [];
    for (let k = 0; k < free.count; k++) {
      if (free.vehicle[k] === except || tableOf(free.vehicle[k]!) !== group) continue;
      vehicles.push(free.vehicle[k]!);
      positions.push(free.position[k]!);
      movable.push(free.movable[k] === 1);
    }
    return { vehicles, positions, movable };
  };

  return {
    name: "compliance-table",
    chooseBase(view: RelocationView, vehicle: number, currentLocation: number): number {
      const group = tableOf(vehicle);
      if (!view.isAmbulance(vehicle) || tableOfOwner[group] === undefined) return view.homeLocation(vehicle);
      const { vehicles, positions } = freeNow(view, vehicle, group);
      vehicles.push(vehicle);
      positions.push(currentLocation);
      return match(view, rowsFor(group), vehicles, positions)[vehicles.length - 1]!;
    },
    reposition(view: RelocationView): Moves {
      const moves: Array<[number, number]> = [];
      for (let group = 0; group < (pooled ? 1 : tableOfOwner.length); group++) {
        if (tableOfOwner[group] === undefined) continue;
        const { vehicles, positions, movable } = freeNow(view, -1, group);
        if (vehicles.length === 0) continue;
        const place = match(view, rowsFor(group), vehicles, positions);
        vehicles.forEach((vehicle, u) => {
          if (movable[u] && place[u] !== positions[u]) moves.push([vehicle, place[u]!]);
        });
      }
      return moves;
    },
  };
}
