import { createRandomStreams, type RandomSource } from "@akutt/engine";
import type { ExtractRow } from "../export/exporter.js";
import { TIME_COLUMNS, QUARANTINE_REASONS, URGENCIES, type QuarantineReason } from "../schema/schema.js";
import { IMPORT_FLAGS, type ImportFlag } from "../import/importer.js";
import { dstIntervals } from "../import/dst.js";

/**
 * The damage real extracts carry, each made on its own rows (a row gets at most one):
 * - missing_time:      the call's ringing time is empty                → quarantined missing_time
 * - time_order:        departure and arrival at scene swapped          → quarantined time_order
 * - duplicate_row:     a row written twice                             → the copy quarantined duplicate_id
 * - dst_night:         times without offset in the repeated autumn hour (every offset is dropped,
 *                      as AMK systems export local clock time)         → quarantined dst_ambiguous
 * - urgency_changed:   the urgency changed later (urgency_final)       → stored, flagged
 * - unit_outside_area: a unit that is not in the scenario             → stored, flagged (with --scenario)
 * - misspelt_kommune:  kommune number empty, kommune name misspelt     → quarantined unknown_kommune
 */
export const DAMAGES = ["missing_time", "time_order", "duplicate_row", "dst_night", "urgency_changed", "unit_outside_area", "misspelt_kommune"] as const;
export type Damage = (typeof DAMAGES)[number];

/** Share of rows given each damage (dst_night follows from the calendar, not a rate). ASSUMPTION: of the order seen in registry work; no published rates found. */
export const DEFAULT_DAMAGE_RATES: Record<Exclude<Damage, "dst_night">, number> = {
  missing_time: 0.01,
  time_order: 0.01,
  duplicate_row: 0.01,
  urgency_changed: 0.03,
  unit_outside_area: 0.01,
  misspelt_kommune: 0.01,
};

/** What was done to the extract and what an import of it must therefore report (the JSON sidecar). */
export interface DamageSidecar {
  synthetic: true;
  note: string;
  seed: number;
  cleanRows: number;
  rows: number;
  damage: Record<Damage, number>;
  expectedImport: {
    stored: number;
    quarantined: Record<QuarantineReason, number>;
    flagged: Record<ImportFlag, number>;
    /** Source lines (CSV, header = line 1) expected in quarantine, by reason. */
    quarantinedLines: Record<QuarantineReason, number[]>;
  };
}

/** Local clock time without the offset: "2026-10-25T02:30:00.000000+01:00" → "2026-10-25 02:30:00.000000". */
function withoutOffset(time: string): string {
  return time === "" ? "" : time.replace("T", " ").replace(/(Z|[+-]\d{2}:\d{2})$/, "");
}

function misspell(name: string, known: ReadonlySet<string>, random: RandomSource): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const chars = [...name];
    const at = 1 + Math.floor(random.next() * Math.max(1, chars.length - 1));
    // Drop a letter, or swap it with the next one: the commonest typing errors.
    if (random.next() < 0.5 || at >= chars.length - 1) chars.splice(at, 1);
    else [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    const spelt = chars.join("");
    if (spelt !== name && !known.has(spelt.toLowerCase())) return spelt;
  }
  return `${name}x`;
}

const PURPOSE_PICK = 1;
const PURPOSE_EDIT = 2;

/**
 * Makes a clean synthetic extract messy, reproducibly from the seed, and says exactly what it did.
 * `knownKommuneNames` (lower case) keeps a misspelling from landing on another real kommune.
 */
export function makeMessy(clean: readonly ExtractRow[], options: { seed: number; timeZone: string; knownKommuneNames: ReadonlySet<string>; rates?: Partial<typeof DEFAULT_DAMAGE_RATES> }): { rows: ExtractRow[]; sidecar: DamageSidecar } {
  const rates = { ...DEFAULT_DAMAGE_RATES, ...options.rates };
  const streams = createRandomStreams(options.seed);
  const pick = streams.stream(PURPOSE_PICK, 0);
  const edit = streams.stream(PURPOSE_EDIT, 0);
  const rows = clean.map((row) => ({ ...row }));
  for (const row of rows) for (const column of TIME_COLUMNS) row[column] = withoutOffset(row[column]);

  // Rows with a time in a repeated hour are ambiguous once the offsets are gone: the DST damage.
  const years = rows.map((row) => Number(row.call_ringing_at.slice(0, 4))).filter(Number.isFinite);
  const { repeated } = years.length > 0 ? dstIntervals(options.timeZone, Math.min(...years), Math.max(...years) + 1) : { repeated: [] };
  const inRepeatedHour = (row: ExtractRow) => TIME_COLUMNS.some((column) => row[column] !== "" && repeated.some(([from, to]) => row[column].slice(0, 19) >= from && row[column].slice(0, 19) < to));
  const damageOf: Array<Damage | undefined> = rows.map((row) => (inRepeatedHour(row) ? "dst_night" : undefined));

  const eligible: Record<Exclude<Damage, "dst_night">, (row: ExtractRow) => boolean> = {
    missing_time: () => true,
    time_order: (row) => row.unit_departed_at !== "" && row.unit_at_scene_at !== "" && row.unit_at_scene_at > row.unit_departed_at,
    duplicate_row: () => true,
    urgency_changed: (row) => row.urgency !== "",
    unit_outside_area: (row) => row.unit_id !== "",
    misspelt_kommune: (row) => row.kommune_name !== "",
  };
  for (const damage of Object.keys(eligible) as Array<keyof typeof eligible>) {
    const wanted = Math.round(rates[damage] * clean.length);
    const candidates = rows.map((_, i) => i).filter((i) => damageOf[i] === undefined && eligible[damage](rows[i]!));
    for (let n = 0; n < wanted && candidates.length > 0; n++) {
      const at = Math.floor(pick.next() * candidates.length);
      const i = candidates[at]!;
      candidates[at] = candidates[candidates.length - 1]!;
      candidates.pop();
      damageOf[i] = damage;
    }
  }

  let outsideUnits = 0;
  const out: ExtractRow[] = [];
  const copies: ExtractRow[] = [];
  rows.forEach((row, i) => {
    switch (damageOf[i]) {
      case "missing_time":
        row.call_ringing_at = "";
        break;
      case "time_order":
        [row.unit_departed_at, row.unit_at_scene_at] = [row.unit_at_scene_at, row.unit_departed_at];
        break;
      case "duplicate_row":
        copies.push({ ...row });
        break;
      case "urgency_changed": {
        const others = URGENCIES.filter((urgency) => urgency !== row.urgency);
        row.urgency_final = others[Math.floor(edit.next() * others.length)]!;
        break;
      }
      case "unit_outside_area":
        row.unit_id = `ext-${++outsideUnits}`;
        row.station = "outside-area";
        break;
      case "misspelt_kommune":
        row.kommune_name = misspell(row.kommune_name, options.knownKommuneNames, edit);
        row.kommune_number = "";
        break;
      default:
        break;
    }
    out.push(row);
  });
  // The copies come at the end, as a second export run appended to the first would put them.
  out.push(...copies);

  const count = (damage: Damage) => damageOf.filter((d) => d === damage).length;
  const damage = Object.fromEntries(DAMAGES.map((d) => [d, count(d)])) as Record<Damage, number>;
  const quarantinedLines = Object.fromEntries(QUARANTINE_REASONS.map((reason) => [reason, [] as number[]])) as Record<QuarantineReason, number[]>;
  const reasonOf: Partial<Record<Damage, QuarantineReason>> = { missing_time: "missing_time", time_order: "time_order", dst_night: "dst_ambiguous", misspelt_kommune: "unknown_kommune" };
  damageOf.forEach((d, i) => {
    const reason = d === undefined ? undefined : reasonOf[d];
    if (reason) quarantinedLines[reason].push(i + 2);
  });
  copies.forEach((_, n) => quarantinedLines.duplicate_id.push(rows.length + n + 2));
  const quarantined = Object.fromEntries(QUARANTINE_REASONS.map((reason) => [reason, quarantinedLines[reason].length])) as Record<QuarantineReason, number>;
  const flagged = Object.fromEntries(IMPORT_FLAGS.map((flag) => [flag, 0])) as Record<ImportFlag, number>;
  flagged.urgency_changed = damage.urgency_changed;
  flagged.unit_outside_scenario = damage.unit_outside_area;
  const totalQuarantined = Object.values(quarantined).reduce((a, b) => a + b, 0);
  return {
    rows: out,
    sidecar: {
      synthetic: true,
      note: "SYNTHETIC extract made by Akutt's simulator and then damaged on purpose; not real missions (docs/data-warehouse.md)",
      seed: options.seed,
      cleanRows: clean.length,
      rows: out.length,
      damage,
      expectedImport: { stored: out.length - totalQuarantined, quarantined, flagged, quarantinedLines },
    },
  };
}
