import { openSnapshot, policyRegistry, type SimulationInputs } from "@akutt/engine";
import type { AdviceContext } from "./context.js";
import { freePositions, type CoverageFigures } from "./coverage.js";
import { pictureSnapshot, type AdvicePicture } from "./picture.js";

export interface MoveAdvice {
  unitId: string;
  fromLocationId: string;
  toLocationId: string;
  /** Change of the covered share (all areas together, 0–1) this move makes after the moves before it. */
  coverageGain: number;
}

export interface MoveUpAdvice {
  asOf: string;
  /** "compliance-table" (the scenario's own table) or "dynamic-mexclp" (the scenario's, or the default one for advice). */
  policy: string;
  coverageNow: CoverageFigures;
  /** Moves in the order they are made. */
  moves: MoveAdvice[];
  /** Coverage with every move made. */
  coverageAfter: CoverageFigures;
}

/**
 * The inputs move-up advice asks: the scenario's own when its relocation policy moves units (a
 * compliance table) or is dynamic MEXCLP, else with a dynamic MEXCLP of the schema's default busy
 * fraction and the coverage threshold (its precomputation done once, in adviceContext).
 */
export function moveUpInputs(inputs: SimulationInputs, coverageSec: number): SimulationInputs {
  const policy = inputs.policies.relocation;
  if (policy.reposition !== undefined || policy.name === "dynamic-mexclp") return inputs;
  const relocation = policyRegistry.relocation["dynamic-mexclp"]({ name: "dynamic-mexclp", busyFraction: DEFAULT_BUSY_FRACTION, coverageSec }, inputs);
  return { ...inputs, policies: { ...inputs.policies, relocation } };
}

/** Busy fraction of the advice's own dynamic MEXCLP when the scenario has none: the schema's default (policies.relocation.busyFraction). */
const DEFAULT_BUSY_FRACTION = 0.3;

/**
 * Which idle ambulance should move where. With a compliance table in the scenario: the moves it asks
 * for now. Otherwise dynamic MEXCLP (the scenario's, or one with the schema's default busy fraction
 * and the 12-minute coverage): for each idle ambulance, the base the policy would send it to if it
 * had just become free, when that is not where it stands. Each move is made before the next unit
 * is asked and scored by the coverage it adds (CoverageModel); the policies value red demand, not
 * population, so a move may score below zero.
 */
export function moveUpAdvice(context: AdviceContext, picture: AdvicePicture): MoveUpAdvice {
  const { snapshot } = pictureSnapshot(context, picture);
  const inputs = context.moveUpInputs;
  const tableMoves = inputs.policies.relocation.reposition !== undefined;
  const { compiled } = context.inputs;
  const index = compiled.index;
  // Zones come first among locations; stations and standby points are bases; hospitals destinations.
  const locationId = (location: number): string =>
    location < compiled.zoneCount ? index.zoneIds[location]! : (compiled.baseIds[compiled.baseLocations.indexOf(location)] ?? index.destinationIds[compiled.destinations.findIndex((d) => d.location === location)] ?? String(location));
  const coverage = context.coverage;
  let view = openSnapshot(inputs, snapshot);
  const before = coverage.figures(freePositions(view.freeAmbulances()));
  let current = snapshot;
  let total = before.total;
  const moves: MoveAdvice[] = [];
  // One move at a time, in the order of the policy's list (table) or of the vehicles (MEXCLP); each
  // is made before the next is asked for, so the moves work together, as units made free one by one.
  const asked = tableMoves ? view.repositionNow().map(([vehicle]) => vehicle) : Array.from(view.freeAmbulances().vehicle.subarray(0, view.freeAmbulances().count));
  const tableTarget = new Map(tableMoves ? view.repositionNow() : []);
  for (const vehicle of asked) {
    const free = view.freeAmbulances();
    const k = free.vehicle.subarray(0, free.count).indexOf(vehicle);
    if (k < 0 || free.movable[k] !== 1) continue;
    const from = free.position[k]!;
    const to = tableMoves ? tableTarget.get(vehicle)! : view.relocationTarget(vehicle);
    if (to === from) continue;
    // Counted at its new base at once, as the engine counts a unit driving to a base.
    current = { ...current, units: current.units.map((unit, v) => (v === vehicle ? { state: "idle", location: to, freeSinceSec: current.timeSec } : unit)) };
    view = openSnapshot(inputs, current);
    const after = coverage.figures(freePositions(view.freeAmbulances())).total;
    moves.push({ unitId: index.vehicleIds[vehicle]!, fromLocationId: locationId(from), toLocationId: locationId(to), coverageGain: after - total });
    total = after;
  }
  return { asOf: picture.asOf!, policy: inputs.policies.relocation.name, coverageNow: before, moves, coverageAfter: coverage.figures(freePositions(view.freeAmbulances())) };
}
