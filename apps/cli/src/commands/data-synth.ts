import type { Command } from "commander";
import { basename, dirname, extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { loadScenarioFile, resolveDataDir, type Scenario } from "@akutt/model";
import { simulateScenario } from "@akutt/runs";
import { writeFileAtomic } from "@akutt/geo";
import type { ReplicationResult } from "@akutt/engine";
import type { ExtractRow } from "@akutt/warehouse";
import type { PreparedRun } from "@akutt/runs";
import { parsePositiveInteger, parseSeed } from "../io/options.js";
import { UsageError } from "../io/user-error.js";

interface SynthFlags {
  days: string;
  out: string;
  seed: string;
  start: string;
  clean: boolean;
  dataDir?: string;
}

/** Longest synthetic extract: a year of a region. */
const MAX_DAYS = 366;

/** A file name's stem and its extension, a ".gz" counted with the one before it: "x.csv.gz" → ["x", ".csv.gz"]. */
function splitExtension(name: string): [string, string] {
  const compressed = name.endsWith(".gz") ? ".gz" : "";
  const inner = name.slice(0, name.length - compressed.length);
  const extension = extname(inner);
  return [inner.slice(0, inner.length - extension.length), `${extension}${compressed}`];
}

/** The extract's file name always says SYNTHETIC: "extract.csv" → "extract.SYNTHETIC.csv", "x.csv.gz" → "x.SYNTHETIC.csv.gz". */
export function syntheticFileName(out: string): string {
  const name = basename(out);
  if (name.includes("SYNTHETIC")) return out;
  const [stem, extension] = splitExtension(name);
  return join(dirname(out), `${stem}.SYNTHETIC${extension === "" || extension === ".gz" ? `.csv${extension}` : extension}`);
}

/** The extract's bytes: gzip-compressed when the file name ends in .gz (as `akutt data import` reads it), else the CSV text. */
function extractBytes(out: string, rows: Iterable<ExtractRow>, extractCsvChunks: (rows: Iterable<ExtractRow>) => Iterable<string>): string | Uint8Array {
  const text = [...extractCsvChunks(rows)].join("");
  return out.endsWith(".gz") ? gzipSync(text) : text;
}

/** `akutt data synth SCENARIO`: a realistic, messy, clearly synthetic mission extract made by the simulator. */
export function registerDataSynth(program: Command): void {
  const data = program.commands.find((c) => c.name() === "data") ?? program.command("data").description("the shared public data and the mission warehouse");
  data
    .command("synth")
    .description("simulate a scenario and write its missions as a SYNTHETIC extract (CSV), made messy as real extracts are, with a JSON sidecar counting each damage")
    .argument("<scenario>", "scenario YAML file (e.g. scenarios/asker-baerum/base.yaml)")
    .requiredOption("--days <n>", "days of missions after the scenario's warm-up")
    .requiredOption("--out <file>", "extract file (.csv, or .csv.gz for gzip); SYNTHETIC is added to the name when missing; the sidecar is <name>.damage.json")
    .option("--seed <s>", "random seed of the simulation and of the damage", "1")
    .option("--start <date>", "first local day (YYYY-MM-DD; the default's week holds the autumn DST night of 25 October 2026)", "2026-10-19")
    .option("--clean", "write the simulator's extract without damage (times with UTC offsets; no sidecar)", false)
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (file: string, flags: SynthFlags) => {
      const days = parsePositiveInteger("--days", flags.days);
      if (days > MAX_DAYS) throw new UsageError(`--days: at most ${MAX_DAYS}`);
      const seed = parseSeed(flags.seed);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(flags.start) || Number.isNaN(Date.parse(flags.start))) throw new UsageError(`--start: a date such as 2026-10-19`);
      const loaded = loadScenarioFile(file, { dataDir: flags.dataDir });
      const scenario: Scenario = { ...loaded, metadata: { ...loaded.metadata, start: `${flags.start}T00:00`, durationDays: days + loaded.metadata.warmUpDays } };
      const { extractRows, extractCsvChunks, makeMessy, loadKommuneList, scenarioKommuner } = await import("@akutt/warehouse");
      let captured: { result: ReplicationResult; prepared: PreparedRun } | undefined;
      process.stderr.write(`simulating ${days} days of ${scenario.metadata.name} from ${flags.start} …\n`);
      await simulateScenario(scenario, { seed, replications: 1, dataDir: flags.dataDir, recordAmkCalls: true, onResult: (result, prepared) => (captured = { result, prepared }) });
      const { result, prepared } = captured!;
      const kommuneNames = loadKommuneList(resolveDataDir(flags.dataDir)) ?? scenarioKommuner(scenario);
      const clean = [
        ...extractRows({
          result,
          index: prepared.inputs.compiled.index,
          zoneCentroids: new Map(scenario.zones.map((zone) => [zone.id, { lat: zone.lat, lon: zone.lon }])),
          startIso: prepared.calendar.startIso,
          timeZone: prepared.calendar.timeZone,
          kommuneNames,
        }),
      ];
      const out = syntheticFileName(flags.out);
      if (flags.clean) {
        writeFileAtomic(out, extractBytes(out, clean, extractCsvChunks));
        process.stdout.write(`wrote ${out}: ${clean.length} rows (SYNTHETIC, clean)\n`);
        return;
      }
      const { rows, sidecar } = makeMessy(clean, { seed, timeZone: prepared.calendar.timeZone, knownKommuneNames: new Set([...kommuneNames.values()].map((name) => name.toLowerCase())) });
      const sidecarFile = join(dirname(out), `${splitExtension(basename(out))[0]}.damage.json`);
      const described = { ...sidecar, scenario: scenario.metadata.name, scenarioFile: basename(file), start: flags.start, days, extract: basename(out) };
      writeFileAtomic(out, extractBytes(out, rows, extractCsvChunks));
      writeFileAtomic(sidecarFile, `${JSON.stringify(described, null, 2)}\n`);
      const damage = Object.entries(sidecar.damage).map(([name, count]) => `${name} ${count}`).join(", ");
      process.stdout.write(`wrote ${out}: ${rows.length} rows (SYNTHETIC; ${clean.length} clean rows, damage: ${damage})\nwrote ${sidecarFile}\n`);
    });
}
