import type { Location } from "@akutt/model";
import { TravelInputError } from "./errors.js";

/**
 * A square travel-time table (`travel.format: square`): the header row names the destinations,
 * the first column the origins (its header cell is a label, e.g. "postal code"), every other cell
 * the time from the row's place to the column's place in `secondsPerUnit` units. Rows are the
 * origins (the reading of e.g. ELASPY, whose siren matrix is used as matrix[origin][destination]).
 * Ids that are not places of the scenario are skipped, so a region's full table can serve a
 * scenario on part of it; every ordered pair of the scenario's places must be present.
 */
export function parseSquareMatrixCsv(text: string, fileName: string, locations: readonly Location[], secondsPerUnit: number): Float64Array {
  const n = locations.length;
  const indexOf = new Map(locations.map((location) => [location.id, location.index]));
  const matrix = new Float64Array(n * n).fill(NaN);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 0;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((cell) => cell.trim());
  if (header.length < 2) throw new TravelInputError(`${fileName}:1: expected a header row of place ids after a first label cell`);
  const columnPlace = header.map((id, k) => (k === 0 ? undefined : indexOf.get(id)));
  for (let lineNumber = 2; lineNumber <= lines.length; lineNumber++) {
    const line = lines[lineNumber - 1]!.trim();
    if (line === "") continue;
    const cells = line.split(",");
    const from = indexOf.get(cells[0]!.trim());
    if (from === undefined) continue;
    if (cells.length !== header.length) throw new TravelInputError(`${fileName}:${lineNumber}: ${cells.length} cells, but the header has ${header.length}`);
    for (let k = 1; k < cells.length; k++) {
      const to = columnPlace[k];
      if (to === undefined) continue;
      const value = Number(cells[k]);
      if (!Number.isFinite(value) || value < 0 || cells[k]!.trim() === "") {
        throw new TravelInputError(`${fileName}:${lineNumber}: the time from "${cells[0]!.trim()}" to "${header[k]}" must be a non-negative number, got "${cells[k]!.trim()}"`);
      }
      matrix[from * n + to] = from === to ? 0 : value * secondsPerUnit;
    }
  }
  for (let from = 0; from < n; from++) {
    for (let to = 0; to < n; to++) {
      if (Number.isNaN(matrix[from * n + to]!)) {
        throw new TravelInputError(`${fileName}: no travel time from "${locations[from]!.id}" to "${locations[to]!.id}"; the table must have a row and a column for every place`);
      }
    }
  }
  return matrix;
}
