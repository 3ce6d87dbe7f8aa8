import { GeoInputError } from "../errors/geo-errors.js";
import { haversineM } from "../geometry/distance.js";
import { shapeLengthM, type RawLink } from "./build-network.js";

/**
 * A car-ferry crossing whose time is known well enough to replace the N1000 build's global ferry
 * assumption (length at `ferrySpeedKmh` plus `ferryWaitSec`). The crossing then takes
 * `crossingSec + waitSec`, a fixed time that blue lights do not shorten. Sources and assumptions
 * are listed per crossing and in docs/geography.md ("Ferries").
 */
export interface KnownFerryCrossing {
  id: string;
  name: string;
  /** The N1000 road link (`link_id` in `network/n1000-roads-hso.geojson`) that carries the crossing. */
  n1000LinkId: number;
  /**
   * Only for a crossing that N1000 draws as an ordinary road over the water: the two quays, [lon, lat],
   * each a vertex of the link's shape. The link is cut there; the piece between them becomes the
   * ferry, the pieces outside stay road. Absent when N1000 has the link as a car ferry (`bilferje`).
   */
  quays?: readonly [readonly [number, number], readonly [number, number]];
  /**
   * Only for a strait narrower than the water an access link or direct trip may cross
   * (`maxAccessWaterM`): a line along the water between the banks, [lon, lat] vertices. No straight
   * access link or direct trip may cross it, so trips across the strait take the ferry.
   */
  strait?: ReadonlyArray<readonly [number, number]>;
  /** Quay to quay, from the timetable (s). */
  crossingSec: number;
  /** Expected wait for the next departure (s). */
  waitSec: number;
  sources: readonly string[];
  assumptions: readonly string[];
}

/**
 * Known crossings in the area of the N1000 data (Helse Sør-Øst). Others keep the global default.
 * The timetable facts are from public web pages (none are in shared/reference); the expected wait
 * is an ASSUMPTION throughout: half the daytime headway (an ambulance arrives at a random moment
 * and takes the next departure; no call-out, no priority boarding that would shorten it).
 */
export const KNOWN_FERRY_CROSSINGS: readonly KnownFerryCrossing[] = [
  {
    id: "svelvik-verket",
    name: "Svelvik–Verket (Svelvikstrømmen, Fv319/Fv289)",
    n1000LinkId: 13847,
    // The N1000 shape vertices either side of Svelvikstrømmen: Verket (east), then Svelvik (west), in
    // the link's from → to order (node 9574 near Verket → node 9575 Svelvik). The municipality
    // polygons put 118 m of water between them; the real crossing is about 184 m.
    quays: [
      [10.412483, 59.613984],
      [10.410411, 59.61414],
    ],
    // Along the middle of Svelvikstrømmen at 10.4120 E, from the open fjord south of the narrows
    // (59.6095 N) to the open fjord north of them (59.6220 N): water in the municipality polygons
    // the whole way (traced on the land mask; the narrows are 3–4 cells of 45 m wide), between the
    // Svelvik quay (10.4104 E, west) and the Verket quay (10.4125 E, east).
    strait: [
      [10.412, 59.6095],
      [10.412, 59.622],
    ],
    crossingSec: 300,
    waitSec: 600,
    sources: [
      "Veier24, 'Nytt rederi skal drive fergestrekningen Svelvik–Verket' (2021): 184 m, overfartstid fem minutter, 39–42 departures a weekday; Bastø Fosen 2022–2031 (https://www.veier24.no/artikler/nytt-rederi-skal-drive-fergestrekningen-svelvik-verket/467881)",
      "Buskerud fylkeskommune, 'Nattavganger for Svelvikferja' (11 Apr 2014): a departure every 20 minutes 06:00–22:30 (http://www.bfk.no/Nyheter/Samferdsel/Nattavganger-for-Svelvikferja/)",
    ],
    assumptions: [
      "wait 600 s = half of the 20-minute headway",
      "no departures 22:30–06:00 outside summer: not modelled (the network has no time-dependent links); the daytime wait applies around the clock",
      "N1000 draws the crossing as part of road link 13847 (F289); it is cut at the quays above",
    ],
  },
  {
    id: "moss-horten",
    name: "Moss–Horten (Rv19, Bastø Fosen)",
    n1000LinkId: 14305,
    crossingSec: 1800,
    waitSec: 900,
    sources: ["Wikipedia, 'Moss–Horten Ferry': crossing 30 min, headway 30 min (departures twice an hour) (https://en.wikipedia.org/wiki/Moss%E2%80%93Horten_Ferry)"],
    assumptions: ["wait 900 s = half of the 30-minute headway (the source's daytime figure; weekends and nights are sparser)"],
  },
  {
    id: "randsfjorden",
    name: "Randsfjorden, Horn–Tangen (Fv2336)",
    n1000LinkId: 14364,
    crossingSec: 480,
    waitSec: 1800,
    sources: [
      "Wikipedia (nb), 'Randsfjordferga': 1.1 km, overfartstid 8 min (https://no.wikipedia.org/wiki/Randsfjordferga)",
      "ferriesworldwide.de, 'Randsfjordferja Horn – Tangen': all year 06:15–21:15, at least one departure an hour",
    ],
    assumptions: ["wait 1800 s = half of an hourly headway (the source gives 'at least hourly'); a two-hour midday pause reported in 2021 is not modelled"],
  },
];

/** The table by N1000 link id; two crossings on one link are an error. */
export function knownFerriesByLink(crossings: readonly KnownFerryCrossing[]): Map<number, KnownFerryCrossing> {
  const byLink = new Map<number, KnownFerryCrossing>();
  for (const crossing of crossings) {
    if (!(crossing.crossingSec >= 0) || !(crossing.waitSec >= 0)) throw new GeoInputError(`ferry crossing '${crossing.id}': crossing and wait must be non-negative seconds`);
    if (byLink.has(crossing.n1000LinkId)) throw new GeoInputError(`ferry crossings '${byLink.get(crossing.n1000LinkId)!.id}' and '${crossing.id}' name the same N1000 link ${crossing.n1000LinkId}`);
    byLink.set(crossing.n1000LinkId, crossing);
  }
  return byLink;
}

/** The fixed time of a known crossing: quay to quay plus the expected wait (s). */
export function knownFerryFixedSec(crossing: KnownFerryCrossing): number {
  return crossing.crossingSec + crossing.waitSec;
}

/** A quay may lie this far from the nearest shape vertex (m); farther means the data changed. */
const QUAY_TOLERANCE_M = 50;

function nearestVertex(coords: ReadonlyArray<readonly [number, number]>, quay: readonly [number, number]): { index: number; distanceM: number } {
  let best = { index: -1, distanceM: Infinity };
  coords.forEach(([lon, lat], index) => {
    const distanceM = haversineM(lon, lat, quay[0], quay[1]);
    if (distanceM < best.distanceM) best = { index, distanceM };
  });
  return best;
}

/**
 * Cuts a road link that N1000 draws across the water at the crossing's quays: road up to the first
 * quay, a ferry link between the quays (`roadClass` "ferje", fixed time crossing + wait), road after
 * the second. Lengths are shared out in proportion to the shape. A road piece of no length (a quay
 * on an end node) is left out.
 */
export function cutAtQuays(link: RawLink, crossing: KnownFerryCrossing): RawLink[] {
  if (!crossing.quays) throw new GeoInputError(`ferry crossing '${crossing.id}' has no quays to cut its road link at`);
  const [a, b] = crossing.quays.map((quay) => {
    const near = nearestVertex(link.coords, quay);
    if (near.distanceM > QUAY_TOLERANCE_M) {
      throw new GeoInputError(`ferry crossing '${crossing.id}': quay ${quay[1]} N ${quay[0]} E is ${Math.round(near.distanceM)} m from N1000 link ${crossing.n1000LinkId}'s shape (at most ${QUAY_TOLERANCE_M} m); has the data changed?`);
    }
    return near.index;
  }) as [number, number];
  const [i, j] = a <= b ? [a, b] : [b, a];
  if (i === j) throw new GeoInputError(`ferry crossing '${crossing.id}': both quays are the same vertex of N1000 link ${crossing.n1000LinkId}`);
  const totalShapeM = shapeLengthM(link.coords);
  const totalM = link.lengthM ?? totalShapeM;
  const share = (coords: Array<[number, number]>) => (totalShapeM > 0 ? (totalM * shapeLengthM(coords)) / totalShapeM : 0);
  const nodeA = `${link.from}~${crossing.id}~quay1`;
  const nodeB = `${link.from}~${crossing.id}~quay2`;
  const pieces: RawLink[] = [];
  const before = link.coords.slice(0, i + 1);
  const water = link.coords.slice(i, j + 1);
  const after = link.coords.slice(j);
  const from = i === 0 ? link.from : nodeA;
  const to = j === link.coords.length - 1 ? link.to : nodeB;
  if (i > 0) pieces.push({ ...link, to: nodeA, coords: before, lengthM: share(before) });
  pieces.push({ from, to, coords: water, lengthM: share(water), roadClass: "ferje", oneway: "no", ferry: true, fixedSec: knownFerryFixedSec(crossing) });
  if (j < link.coords.length - 1) pieces.push({ ...link, from: nodeB, coords: after, lengthM: share(after) });
  return pieces;
}

/** What the build parameters record of the table, so that a changed table is a different network (cache keys). */
export function knownFerriesParameter(crossings: readonly KnownFerryCrossing[]): string[] {
  return crossings.map((c) => `${c.id}@${c.n1000LinkId}:${c.crossingSec}+${c.waitSec}${c.quays ? `|${c.quays.map((q) => q.join(",")).join(";")}` : ""}`);
}

/** The straits no straight access link or direct trip may cross (KnownFerryCrossing.strait). */
export function ferryStraits(crossings: readonly KnownFerryCrossing[] = KNOWN_FERRY_CROSSINGS): Array<ReadonlyArray<readonly [number, number]>> {
  return crossings.flatMap((crossing) => (crossing.strait ? [crossing.strait] : []));
}
