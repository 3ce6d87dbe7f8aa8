import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBoundaries } from "../boundaries/boundaries.js";
import { resolveDataDir } from "../data/data-dir.js";
import { LandMask } from "../land/land-mask.js";
import { importN1000 } from "../network/n1000.js";
import { N1000_PROFILES, type N1000ProfileName } from "../network/profiles.js";
import { createNetworkTravelModel } from "../network/travel-model.js";
import { CALIBRATION_BANDS_KM, prepareCalibration, profileCheck, profileParameters, type PreparedCalibration } from "./n1000-calibration.js";
import { PairTimes } from "./pair-times.js";

const dataDir = resolveDataDir();

describe("N1000 calibration against OpenStreetMap (central and eastern Oslo, 2019)", () => {
  let prepared: PreparedCalibration;
  let cacheDir: string;
  beforeAll(() => {
    prepared = prepareCalibration({ dataDir });
    cacheDir = mkdtempSync(join(tmpdir(), "akutt-calibration-"));
  }, 60_000);
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("draws the documented sample: populated cells with OSM roads all round, pairs by half and distance band", () => {
    expect(prepared.area.cells.length).toBe(975);
    expect(prepared.area.splitLon).toBeCloseTo(10.7724, 4);
    expect(prepared.sample.points.length).toBe(600);
    expect(prepared.sample.from.length).toBe(1684);
    const count = (half: string, band: number) => prepared.sample.half.filter((h, k) => h === half && prepared.sample.band[k] === band).length;
    for (const half of ["west", "east", "across"]) for (let b = 0; b < 3; b++) expect(count(half, b)).toBe(150);
    // The western half is too narrow for many drives of 5–10 km.
    expect(count("west", 3)).toBe(34);
    // Every pair's distance is inside its band, and no point is far from an OSM street.
    for (let k = 0; k < prepared.sample.from.length; k++) {
      const a = prepared.sample.points[prepared.sample.from[k]!]!;
      const b = prepared.sample.points[prepared.sample.to[k]!]!;
      const km = Math.hypot((a.lat - b.lat) * 111.32, (a.lon - b.lon) * 111.32 * Math.cos((a.lat * Math.PI) / 180));
      const [lo, hi] = CALIBRATION_BANDS_KM[prepared.sample.band[k]!]!;
      expect(km).toBeGreaterThan(lo - 0.01);
      expect(km).toBeLessThan(hi + 0.01);
    }
    expect(Math.max(...prepared.osmSnapM)).toBeLessThan(150);
  });

  it("gives the figures the profiles print in every report", () => {
    for (const name of ["n1000-2026-assumed", "n1000-calibrated-osm-2019"] as N1000ProfileName[]) {
      const profile = N1000_PROFILES[name];
      const { all, medianByBand } = profileCheck(prepared, profile);
      const v = profile.validation;
      expect(all.pairs, name).toBe(v.pairs);
      expect(all.medianRatio, name).toBeCloseTo(v.medianRatio, 2);
      expect(all.q25, name).toBeCloseTo(v.q25, 2);
      expect(all.q75, name).toBeCloseTo(v.q75, 2);
      expect(all.within20, name).toBeCloseTo(v.within20, 2);
      medianByBand.forEach((m, b) => expect(m, `${name} band ${b}`).toBeCloseTo(v.medianByBand[b]!, 2));
    }
  });

  it("times pairs exactly as the network travel model does, for both profiles", () => {
    const points = prepared.sample.points.slice(0, 40);
    const land = LandMask.fromBoundaries(loadBoundaries(dataDir));
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < points.length; i++) for (let j = 0; j < points.length; j++) if (i !== j) from.push(i), to.push(j);
    for (const name of ["n1000-2026-assumed", "n1000-calibrated-osm-2019"] as N1000ProfileName[]) {
      const profile = N1000_PROFILES[name];
      const model = createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.2, options: { profile: name, cache: false } }, points, { baseDir: ".", dataDir, cacheDir });
      const p = profileParameters(profile);
      const network = importN1000(dataDir, { urbanSpeedCapKmh: p.urbanSpeedCapKmh, urbanMotorwaySpeedCapKmh: p.urbanMotorwaySpeedCapKmh });
      const times = new PairTimes(network, points, Int32Array.from(from), Int32Array.from(to), land, { maxSnapDistanceM: 20_000, maxAccessWaterM: 300, directMaxBoundM: 4000, accessCandidates: profile.accessCandidates }).times({
        network,
        accessSpeedKmh: profile.accessSpeedKmh,
        accessDetourFactor: profile.accessDetourFactor,
        directMaxM: profile.directMaxM,
      });
      from.forEach((i, k) => expect(Math.abs(times[k]! - model.travelTimeSec(i, to[k]!, false, 0)), `${name} ${i}→${to[k]}`).toBeLessThan(0.01));
    }
  }, 60_000);
});
