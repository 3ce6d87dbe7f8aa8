import { readFileSync } from "node:fs";
import { GeoInputError } from "../errors/geo-errors.js";

export interface CsvTable {
  path: string;
  header: string[];
  rows: string[][];
  /** Column index by name; throws naming the file and the column when absent. */
  column(name: string): number;
  hasColumn(name: string): boolean;
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Reads a comma-separated UTF-8 file with a header row. */
export function readCsv(path: string, text: string = readFileSync(path, "utf8")): CsvTable {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.length > 0);
  const headerLine = lines[0];
  if (headerLine === undefined) throw new GeoInputError(`${path}: empty CSV file (expected a header row)`, path);
  const header = splitCsvLine(headerLine).map((h) => h.trim());
  const rows = lines.slice(1).map(splitCsvLine);
  const index = new Map(header.map((h, i) => [h, i]));
  return {
    path,
    header,
    rows,
    column(name: string): number {
      const i = index.get(name);
      if (i === undefined) throw new GeoInputError(`${path}: no column '${name}' (columns: ${header.join(", ")})`, path);
      return i;
    },
    hasColumn(name: string): boolean {
      return index.has(name);
    },
  };
}
