import { openSnapshot, policyRegistry, type SimulationInputs } from "@akutt/engine";
import type { RelocationSpec } from "@akutt/model";
import type { AdviceContext } from "./context.js";
import { CoverageModel, freePositions, type CoverageFigures } from "./coverage.js";
import { pictureSnapshot, type AdvicePicture } from "./picture.js";

export interface MoveAdvice {
  unitId: string;
  fromLocationId: string;
  toLocationId: string;
  /** Change of the covered share (all areas together, 0–1) this move makes after the moves before it. */
  coverageGain: number;
  /** Change of MEXCLP's expected coverage of red demand (0–1) this move makes after the moves before it. */
  expectedCoverageGain: number;
}

/**
 * MEXCLP's expected coverage of red demand (Daskin 1983): a zone reached by k free ambulances within
 * the threshold counts its red rate × (1 − q^k). It is what dynamic MEXCLP maximises, so a move that
 * adds a second unit where one already reaches (no change in the plain covered share) still shows
 * its worth. The busy fraction and threshold are the scenario's dynamic MEXCLP's, else the
 * schema's defaults (0.3, 12 min).
 */
export interface ExpectedCoverage {
  readonly busyFraction: number;
  readonly thresholdSec: number;
  readonly model: CoverageModel;
}

export interface ExpectedCoverageFigures {
  busyFraction: number;
  thresholdSec: number;
  /** 0–1, red demand weighted. */
  now: number;
  after: number;
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
  /** MEXCLP's expected coverage now and with every move made. */
  expectedCoverage: ExpectedCoverageFigures;
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

/** How move-up advice scores moves: with the scenario's dynamic MEXCLP parameters, else the defaults advice uses. */
export function expectedCoverageOfAdvice(relocation: RelocationSpec, inputs: SimulationInputs, defaultThresholdSec: number): ExpectedCoverage {
  const busyFraction = relocation.name === "dynamic-mexclp" ? relocation.busyFraction : DEFAULT_BUSY_FRACTION;
  const thresholdSec = relocation.name === "dynamic-mexclp" ? relocation.coverageSec : defaultThresholdSec;
  // Red rates, as the policy weighs zones (compiled demand, urgency 0 = red).
  const redRate = Float64Array.from(inputs.compiled.demand.ratePerHourByZone[0]!);
  return { busyFraction, thresholdSec, model: new CoverageModel(inputs, redRate, "red-demand", thresholdSec) };
}

/**
 * Which idle ambulance should move where. With a compliance table in the scenario: the moves it asks
 * for now. Otherwise dynamic MEXCLP (the scenario's, or one with the schema's default busy fraction
 * and the 12-minute coverage): for each idle ambulance, the base the policy would send it to if it
 * had just become free, when that is not where it stands. Each move is made before the next unit
 * is asked and scored twice: by the plain covered share it adds (population reached by at least one
 * free unit), and by MEXCLP's expected coverage of red demand, the quantity dynamic MEXCLP
 * maximises. A move that puts a second unit where one already reaches adds nothing to the first and
 * something to the second; the policies value red demand, not population, so the first may even fall.
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
  const expected = context.expectedCoverage;
  const expectedShare = (positions: Int32Array) => expected.model.expectedShare(positions, expected.busyFraction);
  let view = openSnapshot(inputs, snapshot);
  const positionsBefore = freePositions(view.freeAmbulances());
  const before = coverage.figures(positionsBefore);
  const expectedBefore = expectedShare(positionsBefore);
  let current = snapshot;
  let figures = before;
  let expectedTotal = expectedBefore;
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
    const positions = freePositions(view.freeAmbulances());
    const after = coverage.figures(positions);
    const expectedAfter = expectedShare(positions);
    moves.push({ unitId: index.vehicleIds[vehicle]!, fromLocationId: locationId(from), toLocationId: locationId(to), coverageGain: after.total - figures.total, expectedCoverageGain: expectedAfter - expectedTotal });
    figures = after;
    expectedTotal = expectedAfter;
  }
  return {
    asOf: picture.asOf!,
    policy: inputs.policies.relocation.name,
    coverageNow: before,
    moves,
    coverageAfter: figures,
    expectedCoverage: { busyFraction: expected.busyFraction, thresholdSec: expected.thresholdSec, now: expectedBefore, after: expectedTotal },
  };
}
