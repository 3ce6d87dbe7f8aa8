#!/usr/bin/env node
// The 2026/2035/2050 rows of docs/asker-baerum.md ("Demand to 2035 and 2050") from the
// projections.csv that `akutt compare scenarios/asker-baerum --out DIR` writes:
//   node scenarios/asker-baerum/tools/projection-rows.mjs DIR/projections.csv
// One Markdown row per growth alternative, variant and area: the red share within 12 min with its
// 95 % interval in each year, then the first year the area's mean is below 90 %.
import { readFileSync } from "node:fs";

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: projection-rows.mjs <projections.csv>\n");
  process.exit(2);
}
const [header, ...lines] = readFileSync(file, "utf8").trim().split("\n");
const columns = header.split(",");
// Area names have no commas in this scenario; a quoted field would need a CSV parser.
const rows = lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [columns[i], value])));
const years = [...new Set(rows.map((row) => Number(row.year)))].sort((a, b) => a - b);
const pct = (value) => (value === "" ? "–" : (Number(value) * 100).toFixed(1));
const groups = new Map();
for (const row of rows) {
  const key = `${row.growth_id}|${row.variant_id}|${row.area_code}`;
  if (!groups.has(key)) groups.set(key, { row, byYear: new Map() });
  groups.get(key).byYear.set(Number(row.year), row);
}
process.stdout.write(`| Growth | Variant | Area | ${years.join(" | ")} | First year below 90 % |\n|---|---|---|${years.map(() => "---:|").join("")}---|\n`);
for (const { row, byYear } of groups.values()) {
  const cells = years.map((year) => {
    const figure = byYear.get(year);
    return figure ? `${pct(figure.red_share_within_target)} [${pct(figure.ci_low)}; ${pct(figure.ci_high)}]` : "–";
  });
  const below = years.find((year) => byYear.has(year) && Number(byYear.get(year).red_share_within_target) < 0.9);
  process.stdout.write(`| ${row.growth_id} | ${row.variant_id} | ${row.area_name} (${row.area_code}) | ${cells.join(" | ")} | ${below ?? `none to ${years.at(-1)}`} |\n`);
}
