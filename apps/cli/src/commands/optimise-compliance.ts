import { basename, dirname, extname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { writeFileAtomic } from "@akutt/geo";
import { prepareRun } from "@akutt/runs";
import { ComplianceError, complianceOptionsSchema, scenarioComplianceOverlay, scenarioComplianceTables, sitingOptionsSchema, type ComplianceTable, type ScenarioComplianceResult } from "@akutt/optimise";
import { UsageError } from "../io/user-error.js";
import { loadTarget, numberFlag, refuseSourceOverwrite } from "./optimise.js";
import { writeModelFiles } from "../io/model-files.js";

interface ComplianceFlags {
  vehicles?: string;
  busyFraction?: string;
  maxMoves?: string;
  borderRule?: string;
  timeLimit?: string;
  alternative?: string;
  out?: string;
  writeModel?: string;
  json?: boolean;
  dataDir?: string;
  byOwner?: boolean;
}

const FLAG_OF_FIELD: Record<string, string> = { vehicles: "--vehicles", busyFraction: "--busy-fraction", maxMoves: "--max-moves", timeLimitSec: "--time-limit" };

/** The flags as compliance options (vehicles left to the scenario when not given); a bad value is one line naming its flag. */
function complianceFlags(flags: ComplianceFlags): { vehicles: number | undefined; rest: Record<string, number> } {
  const raw: Record<string, number | undefined> = {
    busyFraction: numberFlag(flags.busyFraction, "--busy-fraction"),
    maxMoves: numberFlag(flags.maxMoves, "--max-moves"),
    timeLimitSec: numberFlag(flags.timeLimit, "--time-limit"),
  };
  const rest = Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, number] => entry[1] !== undefined));
  const vehicles = numberFlag(flags.vehicles, "--vehicles");
  const parsed = complianceOptionsSchema.safeParse({ vehicles: vehicles ?? 1, ...rest });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${FLAG_OF_FIELD[issue.path.join(".")] ?? issue.path.join(".")}: ${issue.message}`);
  }
  return { vehicles, rest };
}

function printTable(result: ComplianceTable): string {
  const lines = ["  k  moves  coverage  bases"];
  result.table.forEach((row, r) => {
    const moves = r === 0 ? "" : String(result.movesFromPreviousRow[r - 1]);
    lines.push(`${String(r + 1).padStart(3)}  ${moves.padStart(5)}  ${`${(result.expectedCoverageShare[r]! * 100).toFixed(1)} %`.padStart(8)}  ${row.join(", ")}`);
  });
  return `${lines.join("\n")}\n`;
}

/** `akutt optimise compliance`: a compliance table by MIP, written as an overlay that switches the scenario to it (docs/optimisation.md). */
export function registerOptimiseCompliance(optimise: Command): void {
  optimise
    .command("compliance")
    .description("compliance table: where k free ambulances should stand for k = 1 … N (MEXCLP per row), written as an overlay")
    .argument("<scenario>", "scenario YAML file, or a comparison folder with --alternative")
    .option("--vehicles <n>", "N, the number of rows (default: the scenario's ambulances)")
    .option("--busy-fraction <q>", "MEXCLP busy fraction (default 0.3)")
    .option("--max-moves <m>", "at most m moves between rows k and k + 1; 0 nests the rows (default: rows independent)")
    .option("--border-rule <rule>", "scenario | nearest | own-first | own-only: which bases count for a zone's coverage (default scenario)")
    .option("--time-limit <sec>", "solver time limit (default 60)")
    .option("--alternative <id>", "the comparison's variant to optimise (default: its baseline)")
    .option("--out <file>", "overlay file to write (default: beside the scenario, <name>-compliance.yaml)")
    .option("--write-model <dir>", "also write the MIP as .lp and .mps files into this folder")
    .option("--by-owner", "a table per owner (trust): each owner's ambulances placed for its own areas from its own bases (rows: its own ambulances)")
    .option("--json", "print the table as JSON")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (file: string, flags: ComplianceFlags) => {
      const { vehicles, rest } = complianceFlags(flags);
      if (flags.byOwner && vehicles !== undefined) throw new UsageError("--by-owner gives each owner as many rows as it has ambulances; leave out --vehicles");
      const coverageOptions = sitingOptionsSchema.safeParse(flags.borderRule === undefined ? {} : { borderRule: flags.borderRule });
      if (!coverageOptions.success) throw new UsageError(`--border-rule: ${coverageOptions.error.issues[0]!.message}`);
      const { scenario, label } = loadTarget(file, flags.alternative, flags.dataDir);
      const out = resolve(flags.out ?? join(dirname(scenario.file), `${basename(scenario.file, extname(scenario.file))}-compliance.yaml`));
      refuseSourceOverwrite(scenario, out, `--out ${flags.out ?? out}`);

      const prepared = await prepareRun(scenario, { dataDir: flags.dataDir });
      let made: ScenarioComplianceResult;
      try {
        made = await scenarioComplianceTables(prepared, { byOwner: flags.byOwner === true, vehicles, ...rest, borderRule: coverageOptions.data.borderRule });
      } catch (error) {
        // Not optimal within the time limit, or an owner without bases: the user's to change.
        if (error instanceof ComplianceError) throw new UsageError(error.message);
        throw error;
      }
      const { compliance, notes } = made;
      const rows = compliance.kind === "pooled" ? `${compliance.result.table.length} rows` : `a table per owner (${Object.entries(made.ambulancesByOwner).map(([owner, n]) => `${owner}: ${n} rows`).join(", ")})`;
      process.stderr.write(`${label}: ${made.demandZones} demand zones, ${made.candidateBases} candidate bases, ${rows}, travel model ${notes.travelModel}\n`);
      const tables = compliance.kind === "pooled" ? [{ owner: undefined, result: compliance.result }] : compliance.tables;
      if (flags.writeModel !== undefined) for (const { owner, result } of tables) process.stderr.write(`wrote ${writeModelFiles(flags.writeModel, result.model, owner === undefined ? result.model.name : `${result.model.name}_${owner.replace(/[^A-Za-z0-9_]/g, "_")}`).join(", ")}\n`);
      // Written aside and renamed, so a failed write leaves no half overlay.
      writeFileAtomic(out, scenarioComplianceOverlay(made, relative(dirname(out), scenario.file) || basename(scenario.file)));
      const shownOut = relative(process.cwd(), out) || out;
      const figures = (result: ComplianceTable) => ({ objective: result.objective, solveSec: result.solution.solveSec, table: result.table, expectedCoverageShare: result.expectedCoverageShare, movesFromPreviousRow: result.movesFromPreviousRow });
      const options = { busyFraction: notes.busyFraction, maxMoves: notes.maxMoves };
      if (flags.json) {
        const body = compliance.kind === "pooled" ? { options: { ...options, vehicles: compliance.result.table.length }, ...figures(compliance.result) } : { options, tables: compliance.tables.map(({ owner, result }) => ({ owner, ...figures(result) })) };
        process.stdout.write(`${JSON.stringify({ scenario: label, travelModel: notes.travelModel, ...body, overlay: shownOut }, null, 2)}\n`);
      } else {
        const nesting = notes.maxMoves === undefined ? "rows independent" : `at most ${notes.maxMoves} moves between rows`;
        for (const { owner, result } of tables) process.stdout.write(`Compliance table${owner === undefined ? "" : ` of ${owner} (its own areas and bases)`}, ${result.table.length} rows, q = ${notes.busyFraction}, ${nesting}: objective ${result.objective.toFixed(6)}; HiGHS ${result.solution.solveSec.toFixed(2)} s\n${printTable(result)}`);
      }
      process.stderr.write(`wrote ${shownOut}; run it with \`akutt simulate ${shownOut}\`\n`);
    });
}
