import { NearestLocations, type SimulationInputs } from "@akutt/engine";
import type { Scenario } from "@akutt/model";
import { CoverageModel } from "./coverage.js";
import { expectedCoverageOfAdvice, moveUpInputs, type ExpectedCoverage } from "./move-up.js";

/**
 * What every piece of advice reads about the scenario, computed once when the live server starts:
 * the engine's prepared inputs (compiled scenario, travel model, policies), ids to indices, and the
 * coverage model.
 */
export interface AdviceContext {
  readonly inputs: SimulationInputs;
  readonly vehicleIndex: ReadonlyMap<string, number>;
  readonly zoneIndex: ReadonlyMap<string, number>;
  readonly nearest: NearestLocations;
  /** Zones are the first locations (buildLocations): 0 … zoneCount − 1. */
  readonly zoneLocations: Int32Array;
  readonly baseLocations: Int32Array;
  readonly destinationLocations: Int32Array;
  /** UTC milliseconds of simulation second 0. */
  readonly startMs: number;
  readonly coverage: CoverageModel;
  /** The inputs with the relocation policy move-up advice asks (move-up.ts). */
  readonly moveUpInputs: SimulationInputs;
  /** What move-up advice scores its moves by: MEXCLP's expected coverage of red demand (move-up.ts). */
  readonly expectedCoverage: ExpectedCoverage;
}

/** Coverage: a free ambulance reaches a zone within 12 minutes, the Helsedirektoratet target for red calls in towns (scenarios cite it). */
export const COVERAGE_THRESHOLD_SEC = 720;

export function adviceContext(scenario: Pick<Scenario, "zones" | "policies">, inputs: SimulationInputs): AdviceContext {
  const { compiled } = inputs;
  const index = compiled.index;
  // Population where every zone has it; else the zones' red call rates (the demand the engine draws from).
  const withPopulation = scenario.zones.every((zone) => zone.population !== undefined);
  const zoneWeight = withPopulation ? Float64Array.from(scenario.zones, (zone) => zone.population!) : Float64Array.from(compiled.demand.ratePerHourByZone[0]!);
  return {
    inputs,
    vehicleIndex: new Map(index.vehicleIds.map((id, v) => [id, v])),
    zoneIndex: new Map(index.zoneIds.map((id, z) => [id, z])),
    nearest: new NearestLocations(compiled.locationPoints),
    zoneLocations: Int32Array.from({ length: compiled.zoneCount }, (_, z) => z),
    baseLocations: Int32Array.from(new Set(compiled.baseLocations)),
    destinationLocations: Int32Array.from(compiled.destinations, (destination) => destination.location),
    startMs: Date.parse(inputs.calendar.startIso),
    coverage: new CoverageModel(inputs, zoneWeight, withPopulation ? "population" : "red-demand", COVERAGE_THRESHOLD_SEC),
    moveUpInputs: moveUpInputs(inputs, COVERAGE_THRESHOLD_SEC),
    expectedCoverage: expectedCoverageOfAdvice(scenario.policies.relocation, inputs, COVERAGE_THRESHOLD_SEC),
  };
}
