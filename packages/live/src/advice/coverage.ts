import { openSnapshot, type FreeAmbulances, type SimulationInputs } from "@akutt/engine";
import type { AdviceContext } from "./context.js";
import { pictureSnapshot, type AdvicePicture } from "./picture.js";

/** Share of each area's weight (population, or red demand when zones lack it) that some free ambulance reaches within the threshold. */
export interface AreaCoverage {
  areaCode: string;
  areaName: string;
  /** 0–1. */
  share: number;
}

export interface CoverageFigures {
  thresholdSec: number;
  weightedBy: "population" | "red-demand";
  /** Share over all areas together. */
  total: number;
  areas: AreaCoverage[];
}

/**
 * Which zones a free ambulance standing at a location reaches within the threshold: the engine's
 * travel model, blue-light, as the dynamic MEXCLP policy computes it (at simulation time 0:
 * ASSUMPTION, no time-of-day congestion). Drive time only: AMK handling and activation are not
 * counted. A unit driving back counts at the base it drives to (FreeAmbulances.position), as the
 * engine's move-up policies see it. Zones covered per location are computed once and kept.
 */
export class CoverageModel {
  private readonly covered: Array<Int32Array | undefined>;
  private readonly zoneArea: Int32Array;
  private readonly areaWeight: Float64Array;
  private readonly mark: Uint8Array;

  constructor(
    private readonly inputs: SimulationInputs,
    private readonly zoneWeight: Float64Array,
    readonly weightedBy: "population" | "red-demand",
    readonly thresholdSec: number,
  ) {
    const { compiled } = inputs;
    this.covered = new Array<Int32Array | undefined>(compiled.locationCount);
    this.zoneArea = compiled.zoneArea;
    this.areaWeight = new Float64Array(compiled.index.areaCodes.length);
    for (let z = 0; z < compiled.zoneCount; z++) this.areaWeight[this.zoneArea[z]!]! += zoneWeight[z]!;
    this.mark = new Uint8Array(compiled.zoneCount);
  }

  get areaCount(): number {
    return this.areaWeight.length;
  }

  /** Zones reached from a location within the threshold, ascending. */
  coveredFrom(location: number): Int32Array {
    let zones = this.covered[location];
    if (zones === undefined) {
      const list: number[] = [];
      for (let z = 0; z < this.inputs.compiled.zoneCount; z++) if (this.inputs.travel.travelTimeSec(location, z, true, 0) <= this.thresholdSec) list.push(z);
      zones = Int32Array.from(list);
      this.covered[location] = zones;
    }
    return zones;
  }

  /** Covered weight per area (written into `out`, one entry per area) and in total, for free units at `locations`. */
  coveredWeight(locations: ArrayLike<number>, out: Float64Array): number {
    out.fill(0);
    let total = 0;
    const touched: number[] = [];
    for (let k = 0; k < locations.length; k++) {
      for (const z of this.coveredFrom(locations[k]!)) {
        if (this.mark[z] === 1) continue;
        this.mark[z] = 1;
        touched.push(z);
        out[this.zoneArea[z]!]! += this.zoneWeight[z]!;
        total += this.zoneWeight[z]!;
      }
    }
    for (const z of touched) this.mark[z] = 0;
    return total;
  }

  /**
   * MEXCLP's expected coverage (Daskin 1983) of all weight together, 0–1: a zone that k free units
   * reach counts w·(1 − q^k), each unit busy with probability q independently. The quantity dynamic
   * MEXCLP maximises, so its moves show their worth here even when every zone is already reached once.
   */
  expectedShare(locations: ArrayLike<number>, busyFraction: number): number {
    const reachedBy = new Int32Array(this.inputs.compiled.zoneCount);
    for (let k = 0; k < locations.length; k++) for (const z of this.coveredFrom(locations[k]!)) reachedBy[z]!++;
    let expected = 0;
    let allWeight = 0;
    for (let z = 0; z < reachedBy.length; z++) {
      expected += this.zoneWeight[z]! * (1 - busyFraction ** reachedBy[z]!);
      allWeight += this.zoneWeight[z]!;
    }
    return allWeight > 0 ? expected / allWeight : 0;
  }

  /** Shares per area and overall for free units at `locations`. */
  figures(locations: ArrayLike<number>): CoverageFigures {
    const covered = new Float64Array(this.areaCount);
    const total = this.coveredWeight(locations, covered);
    const index = this.inputs.compiled.index;
    const allWeight = this.areaWeight.reduce((sum, weight) => sum + weight, 0);
    return {
      thresholdSec: this.thresholdSec,
      weightedBy: this.weightedBy,
      total: allWeight > 0 ? total / allWeight : 0,
      areas: index.areaCodes.flatMap((areaCode, a) => (this.areaWeight[a]! > 0 ? [{ areaCode, areaName: index.areaNames[a]!, share: covered[a]! / this.areaWeight[a]! }] : [])),
    };
  }

  /** Total weight of each area (the denominators of the shares). */
  weightOfArea(area: number): number {
    return this.areaWeight[area]!;
  }
}

/** Positions of the free ambulances, as a plain list. */
export function freePositions(free: FreeAmbulances): Int32Array {
  return free.position.slice(0, free.count);
}

/** Coverage now: the free ambulances of the live picture, where the engine sees them. */
export function coverageNow(context: AdviceContext, picture: AdvicePicture): CoverageFigures & { asOf: string } {
  const view = openSnapshot(context.inputs, pictureSnapshot(context, picture).snapshot);
  return { asOf: picture.asOf!, ...context.coverage.figures(freePositions(view.freeAmbulances())) };
}
