import type { Location } from "@akutt/model";
import { haversineM } from "../geometry/distance.js";
import type { LandMask } from "../land/land-mask.js";
import { joinLocation } from "../network/travel-model.js";
import type { RoadNetwork } from "../network/road-network.js";
import { LocationRouter, type JoinedPoint } from "../routing/location-router.js";
import { SnapIndex, type LinkPosition } from "../routing/snap.js";

/** The parameters of the network travel model that a calibration varies, for one trial. */
export interface PairTimeParameters {
  /** The network built with this trial's speeds; same links, in the same order, as the network the points were joined to. */
  network: RoadNetwork;
  accessSpeedKmh: { tettbygd: number; grisgrendt: number };
  accessDetourFactor: number;
  /** Points closer than this may drive straight to each other at access speed over land (0 = never). */
  directMaxM: number;
}

export interface PairTimesOptions {
  maxSnapDistanceM: number;
  maxAccessWaterM: number;
  /** Largest directMaxM any trial will use (water crossings are measured once, for pairs up to this far apart). */
  directMaxBoundM: number;
  /** Roads each point is joined to (the model's accessCandidates). */
  accessCandidates: number;
}

/**
 * Normal-driving times between given pairs of points on a network, by the network travel model's rules
 * (createNetworkTravelModel: land-aware access links, routing between link positions, direct trips between close
 * points), for many trials of its parameters: points are joined once and water crossings measured once, so a trial
 * costs one route search per origin. Tested to give the travel model's matrix.
 */
export class PairTimes {
  /** Each point's access positions, nearest first. */
  private readonly positions: LinkPosition[][];
  private readonly distanceM: Float64Array;
  private readonly waterM: Float64Array;
  private readonly byOrigin: Map<number, number[]>;

  constructor(
    private readonly base: RoadNetwork,
    private readonly points: readonly Location[],
    readonly from: Int32Array,
    readonly to: Int32Array,
    private readonly land: LandMask | null,
    private readonly options: PairTimesOptions,
  ) {
    const index = new SnapIndex(base);
    const access = { accessSpeedKmh: { tettbygd: 1, grisgrendt: 1 }, accessDetourFactor: 1, maxSnapDistanceM: options.maxSnapDistanceM, maxAccessWaterM: options.maxAccessWaterM, accessCandidates: options.accessCandidates };
    this.positions = points.map((p) => {
      const { point } = joinLocation(base, index, p, access, land);
      return [point.position, ...(point.more ?? []).map((m) => m.position)];
    });
    this.distanceM = new Float64Array(from.length);
    this.waterM = new Float64Array(from.length).fill(Infinity);
    this.byOrigin = new Map();
    for (let k = 0; k < from.length; k++) {
      const a = points[from[k]!]!;
      const b = points[to[k]!]!;
      const d = haversineM(a.lon, a.lat, b.lon, b.lat);
      this.distanceM[k] = d;
      if (d <= options.directMaxBoundM) this.waterM[k] = land ? land.waterLengthM(a.lon, a.lat, b.lon, b.lat) : 0;
      const list = this.byOrigin.get(from[k]!) ?? [];
      list.push(k);
      this.byOrigin.set(from[k]!, list);
    }
  }

  /** Straight-line distance of each pair (m). */
  pairDistanceM(): Float64Array {
    return this.distanceM;
  }

  /** How far each point is from the road it joins (m). */
  snapDistanceM(): number[] {
    return this.positions.map((p) => p[0]!.distanceM);
  }

  times(params: PairTimeParameters): Float64Array {
    const network = params.network;
    if (network.linkFrom.length !== this.base.linkFrom.length) throw new Error(`PairTimes: the trial network has ${network.linkFrom.length} links, the base ${this.base.linkFrom.length}`);
    const joined: JoinedPoint[] = this.points.map((p, i) => {
      const [position, ...others] = this.positions[i]!;
      const secOf = (at: LinkPosition) => (at.distanceM * params.accessDetourFactor) / (params.accessSpeedKmh[p.areaClass] / 3.6);
      return { position: position!, accessSec: secOf(position!), ...(others.length > 0 ? { more: others.map((o) => ({ position: o, accessSec: secOf(o) })) } : {}) };
    });
    const router = new LocationRouter(network, joined, { speedFactor: 1 });
    const row = new Float64Array(this.points.length);
    const out = new Float64Array(this.from.length);
    for (const [origin, pairs] of this.byOrigin) {
      router.row(origin, row);
      for (const k of pairs) {
        let sec = row[this.to[k]!]!;
        if (this.distanceM[k]! <= params.directMaxM && this.waterM[k]! <= this.options.maxAccessWaterM) {
          const a = this.points[this.from[k]!]!;
          const b = this.points[this.to[k]!]!;
          const speedKmh = Math.min(params.accessSpeedKmh[a.areaClass], params.accessSpeedKmh[b.areaClass]);
          sec = Math.min(sec, (this.distanceM[k]! * params.accessDetourFactor) / (speedKmh / 3.6));
        }
        out[k] = sec;
      }
    }
    return out;
  }
}
