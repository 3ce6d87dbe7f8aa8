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
export function complianceOverlay(result: Pick<ComplianceTable, "table" | "expectedCoverageShare" | "movesFromPreviousRow" | "objective">, extendsPath: string, notes: ComplianceOverlayNotes): string {
  const lines = [
    "# Compliance table by `akutt optimise compliance` (docs/optimisation.md, \"Standby and move-up\"):",
    `# row k lists where k free ambulances stand; MEXCLP per row with busy fraction q = ${notes.busyFraction},`,
    `# ${notes.maxMoves === undefined ? "rows independent" : `at most ${notes.maxMoves} move${notes.maxMoves === 1 ? "" : "s"} between rows k and k + 1${notes.maxMoves === 0 ? " (nested)" : ""}`}; ${notes.coverage}.`,
    `# Travel model: ${notes.travelModel}. Objective (sum over rows of expected covered demand share): ${result.objective.toFixed(6)}.`,
    `extends: ${JSON.stringify(extendsPath)}`,
    "policies:",
    "  relocation:",
    "    replace: true",
    "    name: compliance-table",
    "    table:",
  ];
  result.table.forEach((row, r) => {
    const moves = r === 0 ? "" : `, ${result.movesFromPreviousRow[r - 1]} move${result.movesFromPreviousRow[r - 1] === 1 ? "" : "s"} from row ${r}`;
    lines.push(`      # ${r + 1} free: expected coverage ${(result.expectedCoverageShare[r]! * 100).toFixed(1)} %${moves}`);
    lines.push(`      - [${row.map((id) => JSON.stringify(id)).join(", ")}]`);
  });
  return `${lines.join("\n")}\n`;
}
