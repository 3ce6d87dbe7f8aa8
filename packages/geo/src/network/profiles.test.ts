import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Location } from "@akutt/model";
import { resolveDataDir } from "../data/data-dir.js";
import { DEFAULT_N1000_PROFILE, N1000_PROFILES, profileValidationLine } from "./profiles.js";
import { createNetworkTravelModel, parseNetworkOptions } from "./travel-model.js";

const dataDir = resolveDataDir();

const points: Location[] = [
  { index: 0, id: "gronland", kind: "zone", lat: 59.9125, lon: 10.7605, areaClass: "tettbygd" },
  { index: 1, id: "helsfyr", kind: "zone", lat: 59.9129, lon: 10.8006, areaClass: "tettbygd" },
  { index: 2, id: "sandvika", kind: "station", lat: 59.8899, lon: 10.5237, areaClass: "tettbygd" },
  { index: 3, id: "asker", kind: "destination", lat: 59.8339, lon: 10.4353, areaClass: "tettbygd" },
];

describe("travel-model profiles", () => {
  let cacheDir: string;
  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), "akutt-profiles-"));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("defaults to the calibrated profile and keeps the assumed one by name", () => {
    expect(DEFAULT_N1000_PROFILE).toBe("n1000-calibrated-osm-2019");
    const calibrated = parseNetworkOptions({});
    expect(calibrated.profile).toBe("n1000-calibrated-osm-2019");
    expect(calibrated.urbanSpeedCapKmh).toBe(45);
    expect(calibrated.accessSpeedKmh).toEqual({ tettbygd: 22, grisgrendt: 50 });
    expect(calibrated.accessCandidates).toBe(4);
    expect(calibrated.directMaxM).toBe(3000);
    const assumed = parseNetworkOptions({ profile: "n1000-2026-assumed" });
    expect(assumed.urbanSpeedCapKmh).toBe(50);
    expect(assumed.urbanMotorwaySpeedCapKmh).toBe(0);
    expect(assumed.accessSpeedKmh).toEqual({ tettbygd: 30, grisgrendt: 50 });
    expect(assumed.accessDetourFactor).toBe(1.3);
    expect(assumed.accessCandidates).toBe(1);
    expect(assumed.directMaxM).toBe(2000);
    // A value the scenario gives wins over the profile's.
    expect(parseNetworkOptions({ profile: "n1000-2026-assumed", accessCandidates: 3, urbanSpeedCapKmh: 40 })).toMatchObject({ accessCandidates: 3, urbanSpeedCapKmh: 40, directMaxM: 2000 });
    expect(() => parseNetworkOptions({ profile: "n1000-guess" })).toThrow(/travel\.options\.profile/);
  });

  it("prints how well the model matched detailed roads, and which profile it used", () => {
    for (const profile of ["n1000-calibrated-osm-2019", "n1000-2026-assumed"] as const) {
      const model = createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.2, options: { profile, cache: false } }, points, { baseDir: ".", dataDir, cacheDir });
      const text = model.limitations.join("\n");
      expect(text).toContain(profileValidationLine(N1000_PROFILES[profile]));
      expect(text).toContain(`Travel-model profile ${profile}:`);
      expect(text).not.toMatch(/overrides/);
    }
    const line = profileValidationLine(N1000_PROFILES["n1000-calibrated-osm-2019"]);
    expect(line).toMatch(/median 1\.03 \(middle half 0\.90–1\.17\), 66 % of drives within ±20 %/);
    expect(line).toMatch(/Only dense urban Oslo could be checked/);
    const changed = createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.2, options: { cache: false, accessCandidates: 1 } }, points, { baseDir: ".", dataDir, cacheDir });
    expect(changed.limitations.join("\n")).toMatch(/overrides accessCandidates, so the check below applies only in part/);
  });

  it("makes central Oslo slower on the calibrated profile and leaves rural speeds alone", () => {
    const calibrated = createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.2, options: { cache: false } }, points, { baseDir: ".", dataDir, cacheDir });
    const assumed = createNetworkTravelModel({ network: "n1000", emergencySpeedFactor: 1.2, options: { profile: "n1000-2026-assumed", cache: false } }, points, { baseDir: ".", dataDir, cacheDir });
    // Grønland to Helsfyr, 2.2 km: a direct drive at the access speed on both; 22 km/h is slower than 30 km/h.
    expect(calibrated.travelTimeSec(0, 1, false, 0)).toBeGreaterThan(assumed.travelTimeSec(0, 1, false, 0));
    // The rural class speeds are the same in both: only the urban cap, the access links and the direct-trip range differ.
    expect(calibrated.network.meta.speedsKmh).toEqual(assumed.network.meta.speedsKmh);
    expect(calibrated.network.meta.buildParameters["urbanSpeedCapKmh"]).toBe(45);
    expect(assumed.network.meta.buildParameters["urbanSpeedCapKmh"]).toBe(50);
  });
});
