// Splits the Asker (3203) zones of a zones file written by `akutt zones build` into the two
// sub-areas this scenario set uses, and writes the result next to the scenarios:
//
//   320301  Asker, former Asker kommune (0220 before 2020)        — OUS ambulance area today
//   320302  Asker, former Røyken (0627) and Hurum (0628) kommuner — Vestre Viken ambulances today
//
// Convention: a 6-digit code = the 4-digit municipality code + a 2-digit sub-area number, as
// SSB does for Oslo's city districts (0301xx). SSB publishes no city districts for Asker, so
// "3203xx" collides with no official code. These codes are ours, not SSB's.
//
// The old municipal border is not in the shared data (2024 boundaries only), so it is drawn as
// a polyline (ASSUMPTION, see README.md "Asker split"): a zone whose demand point lies south of
// the line belongs to former Røyken/Hurum. The line runs south of Heggedal and Vollen (former
// Asker) and north of Slemmestad, Nærsnes, Hallenskog, Spikkestad and Røyken (former Røyken).
//
// Usage (from the repository root):
//   npm run akutt -- zones build --areas 3203,3201,030106,030107,030105,030108,030104,3312,3301 \
//       --h3 8 --out /tmp/zones-raw.yaml
//   node scenarios/asker-baerum/tools/split-asker.mjs /tmp/zones-raw.yaml scenarios/asker-baerum/zones.yaml
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { parse, stringify } from "yaml";

export const BORDER = [
  [10.25, 59.775],
  [10.4, 59.772],
  [10.46, 59.776],
  [10.475, 59.792],
  [10.6, 59.792],
];

export function southOfBorder(lon, lat) {
  for (let i = 0; i + 1 < BORDER.length; i++) {
    const [x1, y1] = BORDER[i];
    const [x2, y2] = BORDER[i + 1];
    if (lon >= x1 && lon <= x2) return lat < y1 + ((y2 - y1) * (lon - x1)) / (x2 - x1);
  }
  return lon < BORDER[0][0] ? lat < BORDER[0][1] : lat < BORDER[BORDER.length - 1][1];
}

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node split-asker.mjs <zones from akutt zones build> <output zones file>");
  process.exit(2);
}
const doc = parse(readFileSync(input, "utf8"));
const totals = { "320301": 0, "320302": 0 };
const counts = { "320301": 0, "320302": 0 };
for (const zone of doc.zones) {
  if (zone.area !== "3203") continue;
  zone.area = southOfBorder(zone.lon, zone.lat) ? "320302" : "320301";
  totals[zone.area] += zone.population ?? 0;
  counts[zone.area] += 1;
}
doc.provenance.askerSplit = {
  generatedBy: "scenarios/asker-baerum/tools/split-asker.mjs",
  rule: "Asker (3203) zones south of the polyline `border` (lon, lat) are former Røyken and Hurum (320302); the rest former Asker (320301). The zone's demand point decides. The old municipal border is not in the shared data: the line is an ASSUMPTION drawn from place positions.",
  border: BORDER,
  areas: {
    "320301": { name: "Asker (former Asker kommune)", zones: counts["320301"], population: totals["320301"], populationYear: 2026 },
    "320302": { name: "Asker (former Røyken and Hurum kommuner)", zones: counts["320302"], population: totals["320302"], populationYear: 2026 },
  },
};
const header = "# Demand zones written by `akutt zones build` (H3 resolution 8) and split by tools/split-asker.mjs;\n# see provenance for the population source of each area and for the Asker split.\n";
writeFileSync(`${output}.tmp`, header + stringify(doc, { lineWidth: 0 }));
renameSync(`${output}.tmp`, output);
console.log(`wrote ${doc.zones.length} zones to ${output}`);
console.log(`  320301 former Asker           ${counts["320301"]} zones ${totals["320301"]} persons (2026)`);
console.log(`  320302 former Røyken + Hurum  ${counts["320302"]} zones ${totals["320302"]} persons (2026)`);
