import type { ComplianceTable } from "./compliance.js";

/** What the overlay's comments say about how the table was made. */
export interface ComplianceOverlayNotes {
  busyFraction: number;
  maxMoves: number | undefined;
  /** How coverage was judged, e.g. "response = AMK handling + activation + blue-light drive within 12/25 min". */
  coverage: string;
  travelModel: string;
}

/**
 * The table as an overlay on the scenario (`extends:`): the scenario with its relocation policy
 * replaced by `compliance-table`. Ids are written as JSON strings, which YAML reads as they are.
 */
export function complianceOverlay(result: TableFigures, extendsPath: string, notes: ComplianceOverlayNotes): string {
  return [...header(extendsPath, notes, "row k lists where k free ambulances stand", result.objective), "    table:", ...tableLines(result, "      ")].join("\n") + "\n";
}

/**
 * Tables per owner as an overlay: `policies.relocation.tables`, each owner's free ambulances playing
 * its own table (packages/optimise/src/compliance/by-owner.ts).
 */
export function complianceOverlayByOwner(results: ReadonlyArray<{ owner: string; result: TableFigures }>, extendsPath: string, notes: ComplianceOverlayNotes): string {
  const lines = header(extendsPath, notes, "a table per owner: row k lists where k of the owner's free ambulances stand, placed for the owner's own areas from its own bases");
  lines.push("    tables:");
  for (const { owner, result } of results) {
    lines.push(`      # ${owner}: objective ${result.objective.toFixed(6)}`, `      ${JSON.stringify(owner)}:`, ...tableLines(result, "        "));
  }
  return `${lines.join("\n")}\n`;
}

type TableFigures = Pick<ComplianceTable, "table" | "expectedCoverageShare" | "movesFromPreviousRow" | "objective">;

/** The comment lines and the policy's head; `objective` quoted when one table is written (per owner each table's own is quoted above it). */
function header(extendsPath: string, notes: ComplianceOverlayNotes, what: string, objective?: number): string[] {
  return [
    "# Compliance table by `akutt optimise compliance` (docs/optimisation.md, \"Standby and move-up\"):",
    `# ${what}; MEXCLP per row with busy fraction q = ${notes.busyFraction},`,
    `# ${notes.maxMoves === undefined ? "rows independent" : `at most ${notes.maxMoves} move${notes.maxMoves === 1 ? "" : "s"} between rows k and k + 1${notes.maxMoves === 0 ? " (nested)" : ""}`}; ${notes.coverage}.`,
    `# Travel model: ${notes.travelModel}.${objective === undefined ? "" : ` Objective (sum over rows of expected covered demand share): ${objective.toFixed(6)}.`}`,
    `extends: ${JSON.stringify(extendsPath)}`,
    "policies:",
    "  relocation:",
    "    replace: true",
    "    name: compliance-table",
  ];
}

function tableLines(result: TableFigures, indent: string): string[] {
  return result.table.flatMap((row, r) => {
    const moves = r === 0 ? "" : `, ${result.movesFromPreviousRow[r - 1]} move${result.movesFromPreviousRow[r - 1] === 1 ? "" : "s"} from row ${r}`;
    return [`${indent}# ${r + 1} free: expected coverage ${(result.expectedCoverageShare[r]! * 100).toFixed(1)} %${moves}`, `${indent}- [${row.map((id) => JSON.stringify(id)).join(", ")}]`];
  });
}
