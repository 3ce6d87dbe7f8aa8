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
 *
 * The matching is an assignment problem, solved exactly by the Hungarian (Munkres) algorithm from the
 * `munkres` package: O(k³) for k free ambulances, a few thousand operations for a fleet of 20. A
 * greedy nearest-first match can pay a long drive for one unit to save a short one for another; the
 * exact one never does, and k is small.
 */
export function complianceTableRelocation(spec: ComplianceTableSpec, context: RelocationContext): RelocationPolicy {
  const { compiled } = context;
  const locationOfBase = new Map(compiled.baseIds.map((id, b) => [id, compiled.baseLocations[b]!]));
  const rows = spec.table.map((row) => Int32Array.from(row, (id) => {
    const location = locationOfBase.get(id);
    if (location === undefined) throw new Error(`compliance table: unknown base "${id}"`);
    return location;
  }));

  // Unreachable pairs (Infinity) get a finite cost the solver can add up; any reachable match is cheaper.
  const UNREACHABLE_SEC = 1e9;
  // Among matches with equal driving, the one moving fewest units: without it two places a zero-second
  // drive apart (a station standing at a zone) could swap units back and forth at one instant.
  const MOVE_PENALTY_SEC = 1e-3;
  const driveSec = (view: RelocationView, from: number, to: number) => (from === to ? 0 : Math.min(view.travelSec(from, to), UNREACHABLE_SEC) + MOVE_PENALTY_SEC);

  /** Per free ambulance (at `positions`), the location it should stand at: the least-driving match to the row for their number. */
  const match = (view: RelocationView, vehicles: number[], positions: number[]): Int32Array => {
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

  const freeNow = (view: RelocationView, except: number) => {
    const free = view.freeAmbulances();
    const vehicles: number[] = [];
    const positions: number[] = [];
    const movable: boolean[] = [];
    for (let k = 0; k < free.count; k++) {
      if (free.vehicle[k] === except) continue;
      vehicles.push(free.vehicle[k]!);
      positions.push(free.position[k]!);
      movable.push(free.movable[k] === 1);
    }
    return { vehicles, positions, movable };
  };

  return {
    name: "compliance-table",
    chooseBase(view: RelocationView, vehicle: number, currentLocation: number): number {
      if (!view.isAmbulance(vehicle)) return view.homeLocation(vehicle);
      const { vehicles, positions } = freeNow(view, vehicle);
      vehicles.push(vehicle);
      positions.push(currentLocation);
      return match(view, vehicles, positions)[vehicles.length - 1]!;
    },
    reposition(view: RelocationView): Moves {
      const { vehicles, positions, movable } = freeNow(view, -1);
      if (vehicles.length === 0) return [];
      const place = match(view, vehicles, positions);
      const moves: Array<[number, number]> = [];
      vehicles.forEach((vehicle, u) => {
        if (movable[u] && place[u] !== positions[u]) moves.push([vehicle, place[u]!]);
      });
      return moves;
    },
  };
}
