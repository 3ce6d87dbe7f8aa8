import { basename, resolve } from "node:path";
import { readRegularFileText, RegularFileError, type Location, type TravelSpec, type TravelTimeModel } from "@akutt/model";
import { TravelInputError } from "./errors.js";
import { parseSquareMatrixCsv } from "./matrix-square.js";

type MatrixSpec = Extract<TravelSpec, { model: "matrix" }>;

/** Largest matrix file read: a full pairs table of 4,000 locations is about 500 MB. */
const MAX_MATRIX_BYTES = 1024 * 1024 * 1024;

/**
 * An explicit travel-time matrix from CSV with header from,to,seconds. Ids are location ids
 * (zones, stations, standby points, destinations). Pairs not listed are an error, except a point
 * to itself (0 s). Blue-light trips are faster by emergencySpeedFactor.
 */
export function createMatrixTravelModel(spec: MatrixSpec, locations: readonly Location[], baseDir: string, readRoots?: readonly string[]): TravelTimeModel {
  const file = resolve(baseDir, spec.file);
  let text: string;
  try {
    // One checked handle (RegularFile): a regular file, bounded, inside readRoots for a posted scenario.
    text = readRegularFileText(file, { maxBytes: MAX_MATRIX_BYTES, allowedRoots: readRoots });
  } catch (error) {
    if (!(error instanceof RegularFileError)) throw error;
    throw new TravelInputError(`${spec.file}: cannot read the travel-time matrix (${error.reason}; looked in ${file})`);
  }
  // travel.format and travel.unit (issue 13): a square table and minutes or hours; absent, pairs in seconds as before.
  const secondsPerUnit = spec.unit === "min" ? 60 : spec.unit === "h" ? 3600 : 1;
  const matrix = spec.format === "square" ? parseSquareMatrixCsv(text, spec.file, locations, secondsPerUnit) : parseMatrixCsv(text, spec.file, locations);
  if (spec.format !== "square" && secondsPerUnit !== 1) for (let k = 0; k < matrix.length; k++) matrix[k]! *= secondsPerUnit;
  const n = locations.length;
  function travelTimeSec(from: number, to: number, emergency: boolean): number {
    const sec = matrix[from * n + to]!;
    return emergency ? sec / spec.emergencySpeedFactor : sec;
  }
  return {
    // The file's name only: the loader makes the path absolute, and a report (shown on the web too)
    // should not carry the server's folders, nor differ between two clones.
    name: `travel-time matrix ${basename(spec.file)}`,
    limitations: ["Travel times are as given in the matrix file; no time-of-day variation."],
    travelTimeSec,
    lowerBoundSec: travelTimeSec,
    timeInvariant: true,
  };
}

export function parseMatrixCsv(text: string, fileName: string, locations: readonly Location[]): Float64Array {
  const n = locations.length;
  const indexOf = new Map(locations.map((location) => [location.id, location.index]));
  const matrix = new Float64Array(n * n).fill(NaN);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 0;
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split(",").map((cell) => cell.trim());
  if (!header || header[0] !== "from" || header[1] !== "to" || header[2] !== "seconds") {
    throw new TravelInputError(`${fileName}:1: expected the header "from,to,seconds"`);
  }
  for (let lineNumber = 2; lineNumber <= lines.length; lineNumber++) {
    const line = lines[lineNumber - 1]!.trim();
    if (line === "") continue;
    const [fromId, toId, secondsText] = line.split(",").map((cell) => cell.trim());
    const from = indexOf.get(fromId ?? "");
    const to = indexOf.get(toId ?? "");
    if (from === undefined) throw new TravelInputError(`${fileName}:${lineNumber}: unknown location "${fromId}" in column from`);
    if (to === undefined) throw new TravelInputError(`${fileName}:${lineNumber}: unknown location "${toId}" in column to`);
    const seconds = Number(secondsText);
    if (!Number.isFinite(seconds) || seconds < 0) throw new TravelInputError(`${fileName}:${lineNumber}: seconds must be a non-negative number, got "${secondsText}"`);
    matrix[from * n + to] = seconds;
  }
  for (let from = 0; from < n; from++) {
    for (let to = 0; to < n; to++) {
      if (Number.isNaN(matrix[from * n + to]!)) {
        throw new TravelInputError(`${fileName}: no travel time from "${locations[from]!.id}" to "${locations[to]!.id}"; the matrix must cover every pair of locations`);
      }
    }
  }
  return matrix;
}
