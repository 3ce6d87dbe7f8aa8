import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DATASET_PATHS } from "../data/datasets.js";
import { resolveDataDir } from "../data/data-dir.js";
import { haversineM } from "../geometry/distance.js";
import { LINK_FLAG_NO_JOIN, LINK_FLAG_TUNNEL, type RoadNetwork } from "../network/road-network.js";
import { LocationRouter } from "../routing/location-router.js";
import { SnapIndex } from "../routing/snap.js";
import { importOsmPbf } from "./osm-import.js";

/**
 * The real OpenStreetMap extract of central and eastern Oslo (2019) through Akutt's own reader: what is kept and
 * dropped, and travel times between well-known places checked by hand against the map.
 */

const dataDir = resolveDataDir();
const osloPbf = join(dataDir, DATASET_PATHS.osmOsloEast);

/** Named places, [lat, lon]: entrances as one would give them to a driver. */
const PLACES = {
  osloS: [59.9111, 10.7528], // Jernbanetorget, in front of Oslo Central Station
  helsfyr: [59.9129, 10.8006], // Helsfyr, Innspurten by the metro station
  olafRyesPlass: [59.9225, 10.758], // Olaf Ryes plass, Grünerløkka
  ryen: [59.8965, 10.8055], // Ryen, by Ryenkrysset
} as const;
type Place = keyof typeof PLACES;

interface Drive {
  sec: number;
  roadM: number;
  crowM: number;
  links: Array<{ link: number; backward: boolean }>;
}

function drive(network: RoadNetwork, index: SnapIndex, from: Place, to: Place): Drive {
  const points = [PLACES[from], PLACES[to]].map(([lat, lon]) => {
    const position = index.nearest(lon, lat, 1, 200)[0];
    expect(position, `${from}/${to} near a road`).toBeDefined();
    return { position: position!, accessSec: 0 };
  });
  const route = new LocationRouter(network, points, { speedFactor: 1 }).route(0, 1);
  let roadM = 0;
  for (const { link } of route.links) roadM += network.linkLengthM[link]!;
  const [a, b] = [PLACES[from], PLACES[to]];
  return { sec: route.sec, roadM, crowM: haversineM(a[1], a[0], b[1], b[0]), links: route.links };
}

/** Whether the route runs through a tunnel link with a shape point inside the box [minLon, minLat, maxLon, maxLat]. */
function tunnelIn(network: RoadNetwork, links: Drive["links"], box: [number, number, number, number]): boolean {
  return links.some(({ link }) => {
    if ((network.linkFlags[link]! & LINK_FLAG_TUNNEL) === 0) return false;
    for (let s = network.shapeOffset[link]!; s < network.shapeOffset[link + 1]!; s++) {
      const lon = network.shapeLon[s]!;
      const lat = network.shapeLat[s]!;
      if (lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3]) return true;
    }
    return false;
  });
}

describe("OSM import of the real Oslo extract (central and eastern Oslo, 2019)", () => {
  let network: RoadNetwork;
  let index: SnapIndex;
  beforeAll(() => {
    network = importOsmPbf(osloPbf);
    index = new SnapIndex(network);
  });

  it("keeps the car roads and counts what it left out, by reason", () => {
    const build = network.meta.build;
    // 14,893 ways, 14,382 with a highway tag; 5,776 of them are roads a car may drive.
    expect(build.notes[0]).toMatch(/^5776 ways kept; maxspeed used on 2234,/);
    expect(build.skippedLinks).toEqual({
      "ways: highway=footway (not for cars)": 6468,
      "ways: highway=path (not for cars)": 515,
      "ways: highway=steps (not for cars)": 469,
      "ways: highway=cycleway (not for cars)": 368,
      "ways: highway=pedestrian (not for cars)": 211,
      "ways: highway=construction (not for cars)": 48,
      "ways: highway=track (not for cars)": 17,
      "ways: highway=trail (not for cars)": 5,
      "ways: highway=platform (not for cars)": 3,
      "ways: highway=bridleway (not for cars)": 2,
      "ways: highway=corridor (not for cars)": 2,
      "ways: highway=elevator (not for cars)": 2,
      "ways: highway=proposed (not for cars)": 1,
      "ways: highway=emergency_access (emergency vehicles or buses only)": 1,
      "ways: service=parking_aisle (inside car parks)": 212,
      "ways: service=drive-through (inside car parks)": 14,
      "ways: area=yes (a square or car park outline, not a road)": 6,
      "ways: no car access (private)": 113,
      "ways: no car access (no)": 55,
      "ways: no car access (delivery)": 5,
      "ways: no car access (no), bus or emergency only": 87,
      "ways: no car access (delivery), bus or emergency only": 2,
    });
    expect(build.notes[1]).toBe("1868 one-way ways (250 implied by roundabouts or motorways); 96 tunnels, 147 bridges");
    expect(build.notes[2]).toMatch(/^62 barrier nodes that stop cars/);
    expect(build.notes[3]).toMatch(/^226 traffic-signal nodes, 8 s each/);
    // Split at junctions: 9,286 links; the largest strongly connected component keeps 8,845 of them (552 km).
    // The 197 small components are mostly driveways behind private or bus-only ways and streets cut off at the
    // extract's edge (one-way streets whose continuation is outside the extract).
    expect(network.linkFrom.length).toBe(8845);
    expect(network.nodeLon.length).toBe(7470);
    expect(build.droppedComponents).toBe(197);
    expect(build.droppedLinks).toBe(441);
    expect(build.keptLengthM / 1000).toBeCloseTo(552.4, 1);
    // Closed ways are cut in two instead of being dropped as loops.
    expect(build.skippedLinks["loop (same start and end node)"]).toBeUndefined();
  });

  it("has the classes, speeds and flags of the tags", () => {
    const lengthKm = (cls: string) => {
      const c = network.meta.roadClasses.indexOf(cls);
      let m = 0;
      for (let l = 0; l < network.linkFrom.length; l++) if (network.linkClass[l] === c) m += network.linkLengthM[l]!;
      return m / 1000;
    };
    expect(lengthKm("residential")).toBeCloseTo(208, -1);
    expect(lengthKm("trunk")).toBeCloseTo(52, -1);
    let tunnelKm = 0;
    let noJoin = 0;
    let oneWay = 0;
    for (let l = 0; l < network.linkFrom.length; l++) {
      if (network.linkFlags[l]! & LINK_FLAG_TUNNEL) tunnelKm += network.linkLengthM[l]! / 1000;
      if (network.linkFlags[l]! & LINK_FLAG_NO_JOIN) noJoin++;
      if (!Number.isFinite(network.linkForwardSec[l]!) || !Number.isFinite(network.linkBackwardSec[l]!)) oneWay++;
    }
    // Vålerenga, Svartdal, Opera, Festning and Ekeberg tunnels and the Ring 1 tunnels, both bores.
    expect(tunnelKm).toBeGreaterThan(10);
    expect(noJoin).toBeGreaterThan(150); // ramps (no doors open onto them)
    expect(oneWay).toBeGreaterThan(1500);
  });

  it("drives Oslo S to Helsfyr through the Vålerenga tunnel in about 6 minutes", () => {
    // By hand on the map: from Jernbanetorget east along Schweigaards gate, through Gamlebyen (Oslo gate,
    // St. Halvards gate) to the E6 at Kværnerveien, through the Vålerenga tunnel (70 km/h) and off at Helsfyr:
    // 4.7 km of road for 2.7 km as the crow flies. At the speed limits (about 2 km of E6 at 70–80 km/h, the rest
    // 30–50 km/h streets) plus 8 s per traffic signal that is 6–7 minutes; route planners give 7–9 minutes
    // off-peak, the difference being turns and junctions, which the network does not model.
    const d = drive(network, index, "osloS", "helsfyr");
    expect(tunnelIn(network, d.links, [10.765, 59.905, 10.79, 59.915])).toBe(true);
    expect(d.roadM / 1000).toBeGreaterThan(4.2);
    expect(d.roadM / 1000).toBeLessThan(5.2);
    expect(d.sec / 60).toBeGreaterThan(5);
    expect(d.sec / 60).toBeLessThan(7.5);
  });

  it("drives Olaf Ryes plass to Oslo S through Grünerløkka in about 3 minutes", () => {
    // Thorvald Meyers gate south, Trondheimsveien, Heimdalsgata, Lakkegata, Nylandsveien and Ring 1 to the
    // station: 2.1 km of 30–50 km/h streets with several traffic signals, for 1.3 km as the crow flies.
    const d = drive(network, index, "olafRyesPlass", "osloS");
    expect(d.roadM / d.crowM).toBeGreaterThan(1.2);
    expect(d.roadM / d.crowM).toBeLessThan(2);
    expect(d.sec / 60).toBeGreaterThan(2.5);
    expect(d.sec / 60).toBeLessThan(4.5);
    // Average speed of a city drive: between 25 and 50 km/h.
    const kmh = d.roadM / d.sec * 3.6;
    expect(kmh).toBeGreaterThan(25);
    expect(kmh).toBeLessThan(50);
  });

  it("drives Ryen to Oslo S down the E6 through the Svartdal and Opera tunnels", () => {
    // Enebakkveien to Ryenkrysset, the E6 (Europaveien) north through the Svartdal tunnel and the Opera tunnel
    // ramp to Bispegata and Schweigaards gate: 5.2 km, 70 km/h in the tunnels, about 6.5 minutes.
    const d = drive(network, index, "ryen", "osloS");
    expect(tunnelIn(network, d.links, [10.77, 59.895, 10.79, 59.91])).toBe(true);
    expect(d.sec / 60).toBeGreaterThan(5.5);
    expect(d.sec / 60).toBeLessThan(8);
    // The other way round differs (one-way ramps and streets), but not by much.
    const back = drive(network, index, "osloS", "ryen");
    expect(back.sec).not.toBeCloseTo(d.sec, 0);
    expect(Math.abs(back.sec - d.sec) / d.sec).toBeLessThan(0.3);
  });

  it("keeps bus roads and emergency passages only when asked to (emergency routes)", () => {
    const emergency = importOsmPbf(osloPbf, { emergencyRoutes: true });
    expect(emergency.meta.build.skippedLinks["ways: no car access (no), bus or emergency only"]).toBeUndefined();
    expect(emergency.meta.build.skippedLinks["ways: highway=emergency_access (emergency vehicles or buses only)"]).toBeUndefined();
    expect(emergency.meta.build.keptLengthM).toBeGreaterThan(network.meta.build.keptLengthM);
    expect(emergency.meta.limitations.join(" ")).toMatch(/open to every trip/);
  });
});

describe("OSM import of the Skøyen extract (2017, unfiltered)", () => {
  it("reads an extract with relations and non-road ways, and drops the E18 cut by the extract's edge", () => {
    const network = importOsmPbf(join(dataDir, DATASET_PATHS.osmSkoyen));
    expect(network.meta.build.notes[0]).toMatch(/^99 ways kept;/);
    expect(network.linkFrom.length).toBe(103);
    expect(network.meta.build.droppedComponents).toBe(23);
    // The E18 (trunk, one-way carriageways) leaves the little box at both ends: no strongly connected piece of it stays.
    const keptClasses = new Set(Array.from(network.linkClass, (c) => network.meta.roadClasses[c]));
    expect(keptClasses.has("trunk")).toBe(false);
    expect(keptClasses.has("primary")).toBe(true);
    expect(network.meta.build.skippedLinks["ways: highway=footway (not for cars)"]).toBe(69);
  });
});
