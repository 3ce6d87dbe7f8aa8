import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

/**
 * Synthetic OpenStreetMap fixtures for tests: written as OSM XML and converted to PBF with osmium-tool
 * (Debian package osmium-tool; scripts/install-geo-test-deps.sh installs it).
 */

export interface FixtureNode {
  id: number;
  lon: number;
  lat: number;
}
export interface FixtureWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

export interface OsmFixture {
  nodes: FixtureNode[];
  ways: FixtureWay[];
}

/**
 * A small town and its surroundings near 60° N 10° E:
 * - a 5 × 5 street grid (residential, ~220 m blocks); row 2 is one-way eastbound; column 4 is a primary road at 60 km/h;
 * - a fjord east of the town: a west-shore road and an east-shore road joined only round the fjord head in the north (no bridge);
 * - an island road that touches nothing (must be dropped), a footway and a private road (must be ignored).
 */
export function townFjordIslandFixture(): OsmFixture {
  const nodes: FixtureNode[] = [];
  const ways: FixtureWay[] = [];
  const grid = (r: number, c: number) => 1000 + r * 10 + c;
  for (let r = 0; r < 5; r++) for (let c = 0; c < 5; c++) nodes.push({ id: grid(r, c), lon: 10 + c * 0.004, lat: 60 + r * 0.002 });
  let wayId = 1;
  for (let r = 0; r < 5; r++) {
    ways.push({ id: wayId++, refs: [0, 1, 2, 3, 4].map((c) => grid(r, c)), tags: { highway: "residential", ...(r === 2 ? { oneway: "yes" } : {}) } });
  }
  for (let c = 0; c < 5; c++) {
    ways.push({ id: wayId++, refs: [0, 1, 2, 3, 4].map((r) => grid(r, c)), tags: c === 4 ? { highway: "primary", maxspeed: "60" } : { highway: "residential" } });
  }
  // Fjord: west shore x = 10.03, east shore x = 10.05, from 59.99 north to the head at 60.03.
  const west = [2000, 2001, 2002, 2003, 2004];
  const east = [3000, 3001, 3002, 3003, 3004];
  west.forEach((id, i) => nodes.push({ id, lon: 10.03, lat: 59.99 + i * 0.01 }));
  east.forEach((id, i) => nodes.push({ id, lon: 10.05, lat: 59.99 + i * 0.01 }));
  nodes.push({ id: 2500, lon: 10.04, lat: 60.035 }); // the road round the fjord head
  ways.push({ id: wayId++, refs: [grid(0, 4), 2001], tags: { highway: "secondary" } });
  ways.push({ id: wayId++, refs: west, tags: { highway: "secondary" } });
  ways.push({ id: wayId++, refs: east, tags: { highway: "secondary" } });
  ways.push({ id: wayId++, refs: [2004, 2500, 3004], tags: { highway: "tertiary" } });
  // Island far out, not joined to anything.
  nodes.push({ id: 4000, lon: 10.1, lat: 60.0 }, { id: 4001, lon: 10.11, lat: 60.0 }, { id: 4002, lon: 10.11, lat: 60.005 });
  ways.push({ id: wayId++, refs: [4000, 4001, 4002], tags: { highway: "unclassified" } });
  // Not for cars.
  nodes.push({ id: 5000, lon: 10.002, lat: 60.001 });
  ways.push({ id: wayId++, refs: [grid(0, 0), 5000, grid(1, 1)], tags: { highway: "footway" } });
  ways.push({ id: wayId++, refs: [grid(0, 0), grid(1, 1)], tags: { highway: "service", access: "private" } });
  return { nodes, ways };
}

export function fixtureToOsmXml(fixture: OsmFixture): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="akutt-tests">'];
  for (const n of [...fixture.nodes].sort((a, b) => a.id - b.id)) lines.push(`  <node id="${n.id}" version="1" lat="${n.lat.toFixed(7)}" lon="${n.lon.toFixed(7)}"/>`);
  for (const w of [...fixture.ways].sort((a, b) => a.id - b.id)) {
    lines.push(`  <way id="${w.id}" version="1">`);
    for (const r of w.refs) lines.push(`    <nd ref="${r}"/>`);
    for (const [k, v] of Object.entries(w.tags)) lines.push(`    <tag k="${esc(k)}" v="${esc(v)}"/>`);
    lines.push("  </way>");
  }
  lines.push("</osm>");
  return `${lines.join("\n")}\n`;
}

/** Writes the fixture as OSM XML and converts it to PBF with osmium; throws a clear error when osmium is missing. */
export function writeFixturePbf(fixture: OsmFixture, xmlPath: string, pbfPath: string): void {
  writeFileSync(xmlPath, fixtureToOsmXml(fixture));
  try {
    execFileSync("osmium", ["cat", xmlPath, "-o", pbfPath, "--overwrite"], { stdio: "pipe" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === "ENOENT"
        ? "osmium-tool is not installed: run scripts/install-geo-test-deps.sh (apt-get install osmium-tool)"
        : `osmium failed to convert ${xmlPath}: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`,
    );
  }
}
