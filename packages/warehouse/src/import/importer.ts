import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { RegularFile, RegularFileError } from "@akutt/model";
import { basename, resolve } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { EXTRACT_COLUMNS, REQUIRED_EXTRACT_COLUMNS, type ExtractColumn } from "../schema/extract.js";
import { CALL_TYPES, QUARANTINE_REASONS, TIME_COLUMNS, UNIT_TYPES, URGENCIES, type QuarantineReason } from "../schema/schema.js";
import type { Warehouse } from "../warehouse.js";
import { ImportInputError } from "../errors.js";
import type { Mapping } from "../mapping/mapping.js";
import { holdsFnrSql, ELEVEN_DIGITS_PATTERN, FNR_MACRO_SQL, FREE_TEXT_MIN_WORDS, IDENTIFYING_HEADER, lostZeroFnrSql, PERSON_NAME_SQL_PATTERN, tenDigitNumberSql } from "../privacy/identifiers.js";
import { dstIntervals, localOffsetSql } from "./dst.js";
import { ZoneLocator } from "./zones.js";
import { refreshIncidents } from "../incidents/incidents.js";

/** Bounds on one extract; a file beyond any of them is refused before anything is read or stored. */
export interface ImportLimits {
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
  /** Longest value in any cell, in characters. */
  maxValueChars: number;
}

/** About ten years of Helse Sør-Øst (5 million missions) fit with room to spare. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxFileBytes: 8 * 1024 ** 3, maxRows: 20_000_000, maxColumns: 200, maxValueChars: 500 };

export interface ImportContext {
  mapping: Mapping;
  /** Known kommuner: 4-digit number → name (the national list, or the scenario's). */
  kommuner: ReadonlyMap<string, string>;
  /** With a scenario: incident places become its zone ids, and units not in it are counted. */
  scenario?: { zones: ReadonlyArray<{ id: string; lat: number; lon: number }>; unitIds: ReadonlySet<string> } | undefined;
  limits?: Partial<ImportLimits> | undefined;
  /**
   * Called as the import moves on, and awaited; "staging" after the checks, before the file is read
   * again into the staged table; "storing" is inside the transaction, "committing" just before the
   * commit (a test stops the process there).
   */
  onStage?: ((stage: "hashing" | "reading" | "checking" | "staging" | "storing" | "committing") => void | Promise<void>) | undefined;
}

/** Rows stored but marked: the urgency was changed; the unit or place lies outside the scenario. */
export const IMPORT_FLAGS = ["urgency_changed", "unit_outside_scenario", "place_outside_zones"] as const;
export type ImportFlag = (typeof IMPORT_FLAGS)[number];

export interface ImportReport {
  file: string;
  sha256: string;
  /** The same file (by content) was imported before: nothing was added. */
  alreadyImported: boolean;
  importId: number | undefined;
  rowsRead: number;
  rowsStored: number;
  rowsQuarantined: number;
  quarantined: Record<QuarantineReason, number>;
  flagged: Record<ImportFlag, number>;
}

type Format = "csv" | "json" | "parquet";

function formatOf(file: string): Format {
  const name = file.toLowerCase();
  if (/\.(csv|tsv|txt)(\.gz)?$/.test(name)) return "csv";
  if (/\.(jsonl|ndjson)(\.gz)?$/.test(name)) return "json";
  if (/\.parquet$/.test(name)) return "parquet";
  throw new ImportInputError(`${basename(file)}: unknown file type; expected .csv, .parquet or .jsonl/.ndjson (optionally .gz)`);
}

/*
 * Whether a value is one of a few constants. Not `IN (…)`: DuckDB plans a list of constants as a
 * join, and a join may reorder rows, where the staged table's row order is the source line.
 */
const oneOf = (value: string, constants: readonly string[]) => `list_contains([${constants.join(", ")}], ${value})`;
const sql = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The file's sha256, and its lines up to the last one with content (blank lines at the end do not
 * count): the readers skip blank lines, and a CSV's lines before its header, so only a file with
 * one line per record (and the header) has each record's position as its line.
 */
async function sha256OfFile(file: RegularFile): Promise<{ sha256: string; contentLines: number }> {
  const hash = createHash("sha256");
  let lineEnds = 0;
  let contentLines = 0;
  let afterCarriageReturn = false;
  // The opened handle from its start, never past the size it had when opened (a file still growing
  // is caught by changedSince); the handle stays open for the other readers.
  const chunks = file.sizeBytes > 0 ? createReadStream("", { fd: file.fd, start: 0, end: file.sizeBytes - 1, autoClose: false, emitClose: false }) : [];
  for await (const chunk of chunks) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    const inChunk = lineEndsIn(bytes, 0) - (afterCarriageReturn && bytes[0] === 10 ? 1 : 0);
    // The last byte that is no line end: the lines up to and including its own.
    let last = bytes.length - 1;
    while (last >= 0 && (bytes[last] === 10 || bytes[last] === 13)) last--;
    if (last >= 0) contentLines = lineEnds + inChunk - lineEndsIn(bytes, last + 1) + 1;
    lineEnds += inChunk;
    afterCarriageReturn = bytes[bytes.length - 1] === 13;
  }
  return { sha256: hash.digest("hex"), contentLines };
}

/** Line ends in bytes[from..]: each LF, and each CR not followed by an LF (the readers take a lone CR as a line end too). */
function lineEndsIn(bytes: Buffer, from: number): number {
  let ends = 0;
  for (let at = bytes.indexOf(10, from); at !== -1; at = bytes.indexOf(10, at + 1)) ends++;
  for (let at = bytes.indexOf(13, from); at !== -1; at = bytes.indexOf(13, at + 1)) if (bytes[at + 1] !== 10) ends++;
  return ends;
}

/** Only a line number from DuckDB's reader errors: they may quote the file's content, which must not be echoed. */
function readError(file: string, format: Format, error: unknown): ImportInputError {
  const message = error instanceof Error ? error.message : String(error);
  const line = /line[: ]+(\d+)/i.exec(message)?.[1];
  return new ImportInputError(`${basename(file)}: cannot be read as ${format === "csv" ? "CSV" : format === "json" ? "JSON lines" : "Parquet"}${line ? ` (near line ${line})` : ""}`);
}

/**
 * A line break in a value: free text (a note over several lines), and in a CSV it would make the
 * source lines of the rows after it wrong (the row's position in the file is taken as its line).
 */
const LINE_BREAK_PATTERN = "[\\r\\n]";

/**
 * Matches every value that holds an 11-digit candidate (ELEVEN_DIGITS_PATTERN), at least
 * FREE_TEXT_MIN_WORDS - 1 spaces or a line break (the free-text test): one regular expression per
 * value instead of three functions, for the scan that lets clean files through. Ten-digit numbers
 * are counted and checked in that scan itself: a column of ten-digit ids is common, and clean.
 */
const SUSPECT_PATTERN = `${ELEVEN_DIGITS_PATTERN}|( [^ ]*){${FREE_TEXT_MIN_WORDS - 2}} |${LINE_BREAK_PATTERN}`;

/**
 * A column is refused for ten-digit numbers that are identity numbers without their leading zero
 * when at least this share of its ten-digit values are. A column of such numbers has them all; a
 * column of ten-digit ids or reference numbers has about one in 250 by chance (the two mod-11
 * check digits and a date), and must still be taken.
 */
const LOST_ZERO_MIN_SHARE = 0.5;

function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/**
 * Imports one extract file into the warehouse. Every row is either stored in `missions` or kept in
 * `quarantine` with its line and reason, in one transaction: a failure or a killed process leaves
 * the warehouse as it was. The same file (same sha256) imported again adds nothing; a record
 * already stored (same amk/incident/unit) is quarantined as duplicate_id. A column holding
 * national identity numbers, person names or free text refuses the whole file before anything is
 * stored. All row work runs inside DuckDB, off the event loop.
 */
export async function importExtract(warehouse: Warehouse, file: string, context: ImportContext): Promise<ImportReport> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...context.limits };
  const format = formatOf(file);
  // DuckDB's readers expand globs (*, ?, [..], {..}), a leading ~ and URL schemes: the file it read
  // could differ from the one checked and hashed here. An absolute path without glob characters is
  // exactly the file named. The check is on the absolute path: a folder on the way (the working
  // directory of a relative name included) is globbed as well.
  const path = resolve(file);
  if (/[*?[\]{}]/.test(path)) throw new ImportInputError(`${basename(file)}: a path with *, ?, [, ], { or } in a file or folder name cannot be imported; rename the file or its folder`);
  // Opened once, without blocking (a pipe is refused, not waited on), and checked on that handle:
  // every reader below reads the opened file (RegularFile), whatever is put in its name's place.
  let opened: RegularFile;
  try {
    opened = RegularFile.open(path, { maxBytes: Infinity });
  } catch (error) {
    if (!(error instanceof RegularFileError)) throw error;
    // A pipe is read once (the hash, the checks and the staging each need the file), a device may
    // have no end; both have no size to bound.
    if (error.problem === "not-regular") throw new ImportInputError(`${basename(file)}: not a regular file (a pipe, device or folder cannot be imported; copy it to a file first)`);
    throw new ImportInputError(error.problem === "missing" ? `${file}: no such file` : `${basename(file)}: ${error.reason}`);
  }
  try {
    return await importOpened(warehouse, file, format, path, opened, limits, context);
  } finally {
    opened.close();
  }
}

async function importOpened(warehouse: Warehouse, file: string, format: Format, path: string, opened: RegularFile, limits: ImportLimits, context: ImportContext): Promise<ImportReport> {
  const sizeBytes = opened.sizeBytes;
  // DuckDB reads the opened file through /proc/self/fd where there is one; elsewhere by its name,
  // which changedSince then watches. A compressed file's name no longer tells DuckDB it is gzip there.
  const readPath = opened.procPath ?? path;
  const gzip = /\.gz$/i.test(path);
  // The file is read three times (hash, checks, staged rows): the same file, unchanged, or the
  // rows stored could be of another content than the one checked for identifiers and hashed.
  // Another file put in the name's place counts as a change too: the user meant the file now there.
  const changedSince = () => {
    try {
      return opened.changedSinceOpened() || opened.pathMovedAway(path);
    } catch {
      return true;
    }
  };
  if (sizeBytes > limits.maxFileBytes) throw new ImportInputError(`${basename(file)}: ${sizeBytes} bytes; the limit is ${limits.maxFileBytes} bytes per file (split the extract)`);
  await context.onStage?.("hashing");
  // Hashed on this thread while DuckDB's threads read the file for the checks.
  const hashing = sha256OfFile(opened);
  hashing.catch(() => undefined); // awaited below; a failure is reported there
  const emptyReport = (sha256: string): ImportReport => ({ file, sha256, alreadyImported: false, importId: undefined, rowsRead: 0, rowsStored: 0, rowsQuarantined: 0, quarantined: emptyCounts(QUARANTINE_REASONS), flagged: emptyCounts(IMPORT_FLAGS) });
  const connection = warehouse.connection;
  const all = async (text: string) => (await connection.runAndReadAll(text)).getRowObjectsJS() as Array<Record<string, unknown>>;
  // The same file (by content) imported before adds nothing, whatever its checks would say now.
  const importedBefore = async (): Promise<ImportReport | undefined> => {
    const { sha256 } = await hashing;
    const seen = await all(`SELECT import_id FROM imports WHERE file_sha256 = ${sql(sha256)}`);
    return seen.length > 0 ? { ...emptyReport(sha256), alreadyImported: true, importId: Number(seen[0]!.import_id) } : undefined;
  };

  // The handle is closed when this returns: the hash must be done reading it by then (a number
  // closed too early could be another file's by the time it reads).
  try {
    return await warehouse.serial(async () => {
      await context.onStage?.("reading");
      // The file is read where it lies, once for the checks before anything is stored and once into
      // the typed `staged` table: copying every text value into a temporary table first cost more
      // than reading the file twice.
      const reader =
        format === "csv"
          ? `read_csv(${sql(readPath)}, header = true, all_varchar = true, auto_detect = true, strict_mode = true${gzip ? ", compression = 'gzip'" : ""})`
          : format === "json"
            ? `(SELECT COLUMNS(*)::VARCHAR FROM read_json(${sql(readPath)}, format = 'newline_delimited', records = true${gzip ? ", compression = 'gzip'" : ""}))`
            : `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${sql(readPath)}))`;
      try {
        let headers: string[];
        try {
          headers = (await all(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${reader})`)).map((row) => String(row.column_name));
        } catch (error) {
          throw readError(file, format, error);
        }
        return await importRead(file, format, reader, headers, importedBefore, async () => emptyReport((await hashing).sha256), changedSince, async () => (await hashing).contentLines, limits, context, all, warehouse);
      } catch (error) {
        const before = await importedBefore().catch(() => undefined);
        if (before) return before;
        throw error;
      } finally {
        await connection.run(`DROP VIEW IF EXISTS temp.checked; DROP VIEW IF EXISTS temp.parsed; DROP TABLE IF EXISTS temp.staged; DROP TABLE IF EXISTS temp.duplicates; DROP TABLE IF EXISTS temp.coord_zone`);
      }
    });
  } finally {
    await hashing.catch(() => undefined);
  }
}

async function importRead(
  file: string,
  format: Format,
  /** The file's records as text columns (a table function or subquery). */
  reader: string,
  headers: string[],
  /** The report of an earlier import of the same file, if any (waits for the file's hash). */
  importedBefore: () => Promise<ImportReport | undefined>,
  /** An empty report with the file's hash (waits for it). */
  newReport: () => Promise<ImportReport>,
  /** Whether the file is no longer the one hashed and checked (another file in its place, or written to). */
  changedSince: () => boolean,
  /** The file's lines up to its last line with content (waits for the hash). */
  contentLines: () => Promise<number>,
  limits: ImportLimits,
  context: ImportContext,
  all: (text: string) => Promise<Array<Record<string, unknown>>>,
  warehouse: Warehouse,
): Promise<ImportReport> {
  const connection = warehouse.connection;
  const name = basename(file);
  await context.onStage?.("checking");
  // A CSV whose dialect the reader could not make out comes back as one column named by the whole header line.
  if (format === "csv" && headers.length === 1 && /[,;\t|]/.test(headers[0]!)) throw readError(file, format, undefined);
  if (headers.length > limits.maxColumns) throw new ImportInputError(`${name}: ${headers.length} columns; the limit is ${limits.maxColumns}`);
  // Which source column feeds which canonical one.
  const mapped = new Map<string, ExtractColumn>();
  for (const [column, from] of Object.entries(context.mapping.columns) as Array<[ExtractColumn, string]>) mapped.set(from.toLowerCase(), column);
  const mappedTargets = new Set(mapped.values());
  const ignored = new Set(context.mapping.ignore.map((header) => header.toLowerCase()));
  const source = new Map<ExtractColumn, string>();
  const ignoredHeaders: string[] = [];
  const unknown: string[] = [];
  for (const header of headers) {
    const key = header.toLowerCase();
    const viaMapping = mapped.get(key);
    const canonical = EXTRACT_COLUMNS.find((column) => column === key);
    if (viaMapping) source.set(viaMapping, header);
    else if (canonical && !mappedTargets.has(canonical)) source.set(canonical, header);
    else if (ignored.has(key)) ignoredHeaders.push(header);
    else unknown.push(header);
  }
  // Privacy first: a column named like identifying data is refused whatever it holds.
  const identifying = [...unknown, ...ignoredHeaders].filter((header) => IDENTIFYING_HEADER.test(header));
  // A header is echoed only when it reads like a column name: a file without a header line has its
  // first record there (an identity number, a name), which must not be echoed.
  const label = (header: string) => (/^[\p{L}\p{N} _.()/-]{1,64}$/u.test(header) && !/[0-9]{6}/.test(header) ? `"${header}"` : `number ${headers.indexOf(header) + 1}`);
  if (identifying.length > 0) throw new ImportInputError(`${name}: column ${identifying.map(label).join(", ")} looks like names, contact details or free text by its header; remove it from the extract (the warehouse holds no direct identifiers)`);
  if (unknown.length > 0) throw new ImportInputError(`${name}: unknown column ${unknown.map(label).join(", ")}; map it to a canonical column or list it under "ignore" in a mapping file (--mapping)`);
  const missing = REQUIRED_EXTRACT_COLUMNS.filter((column) => !source.has(column));
  if (!source.has("kommune_number") && !source.has("kommune_name")) missing.push("kommune_number");
  if (missing.length > 0) throw new ImportInputError(`${name}: no column for ${missing.join(", ")} (required; map the centre's header to it with --mapping)`);

  // Every value of every column is scanned before anything is stored: one pass over the file for
  // the row count and the years the ringing times span (for the DST intervals below), with a
  // cheap test per value that passes every value the exact checks would pass — at most as many
  // bytes as the limit allows characters, and no 11-digit candidate nor four spaces in one regular
  // expression (the person-name test on ignored columns as it is). Only a file that fails it is
  // scanned again with the exact checks (lengths, free text, person names, 11-digit candidates,
  // then the mod-11 check on the candidates), for the message naming the column.
  await connection.run(FNR_MACRO_SQL);
  const ringing = source.get("call_ringing_at")!;
  const scanned = [...source.values(), ...ignoredHeaders];
  const nameTest = (header: string, column: string, i: number) => (ignoredHeaders.includes(header) ? `count_if(regexp_full_match(${column}, ${sql(PERSON_NAME_SQL_PATTERN)})) AS name_${i}` : `0 AS name_${i}`);
  // The quick scan reads the columns under names of its own (v0, v1, …; t0, … for a value's
  // ten-digit number): a file's own column named like a derived one (say "y") cannot clash.
  const quickColumns = scanned.flatMap((header, i) => [`${ident(header)} AS v${i}`, `${tenDigitNumberSql(ident(header))} AS t${i}`]);
  const quickScans = scanned.flatMap((header, i) => [
    `max(strlen(v${i})) AS bytes_${i}`,
    `count_if(regexp_matches(v${i}, ${sql(SUSPECT_PATTERN)})) AS suspect_${i}`,
    nameTest(header, `v${i}`, i),
    `count(t${i}) AS ten_${i}`,
    `count_if(${lostZeroFnrSql(`t${i}`)}) AS lost_${i}`,
  ]);
  // One row past the limit is enough to refuse: a compressed file is not inflated in full. The
  // scans are sums and maxima, so the rows need not come in order: without insertion order kept,
  // DuckDB's LIMIT streams instead of collecting every row of the file first.
  const bounded = `(SELECT * FROM ${reader} LIMIT ${limits.maxRows + 1})`;
  const unordered = async (text: string) => {
    await connection.run(`SET preserve_insertion_order = false`);
    try {
      return (await all(text))[0]!;
    } finally {
      await connection.run(`RESET preserve_insertion_order`);
    }
  };
  let scan: Record<string, unknown>;
  try {
    scan = await unordered(`SELECT count(*) AS rows_read, min(y) AS year_lo, max(y) AS year_hi, ${quickScans.join(", ")} FROM (SELECT ${quickColumns.join(", ")}, year(try_cast(left(trim(${ident(ringing)}), 10) AS DATE)) AS y FROM ${bounded})`);
  } catch (error) {
    throw readError(file, format, error);
  }
  const rowsRead = Number(scan.rows_read);
  if (rowsRead > limits.maxRows) throw new ImportInputError(`${name}: at least ${rowsRead} rows; the limit is ${limits.maxRows} per file (split the extract)`);
  const quick = (key: string, i: number) => Number(scan[`${key}_${i}`] ?? 0);
  if (scanned.some((_, i) => quick("suspect", i) > 0 || quick("name", i) > 0 || quick("bytes", i) > limits.maxValueChars)) {
    const scans = scanned.flatMap((header, i) => {
      const c = ident(header);
      return [
        `max(length(${c})) AS len_${i}`,
        `count_if(regexp_matches(${c}, ${sql(ELEVEN_DIGITS_PATTERN)})) AS digits_${i}`,
        `count_if(length(${c}) - length(replace(${c}, ' ', '')) >= ${FREE_TEXT_MIN_WORDS - 1} OR regexp_matches(${c}, ${sql(LINE_BREAK_PATTERN)})) AS text_${i}`,
        nameTest(header, ident(header), i),
      ];
    });
    const exact = await unordered(`SELECT ${scans.join(", ")} FROM ${bounded}`);
    const count = (key: string, i: number) => Number(exact[`${key}_${i}`] ?? 0);
    const candidates = [...scanned.entries()].filter(([i]) => count("digits", i) > 0);
    const fnrs = candidates.length === 0 ? {} : await unordered(`SELECT ${candidates.map(([i, header]) => `count_if(CASE WHEN regexp_matches(${ident(header)}, ${sql(ELEVEN_DIGITS_PATTERN)}) THEN ${holdsFnrSql(ident(header))} END) AS fnr_${i}`).join(", ")} FROM ${bounded}`);
    for (const [i, header] of scanned.entries()) {
      const fnr = Number(fnrs[`fnr_${i}`] ?? 0);
      if (fnr > 0) throw new ImportInputError(`${name}: column ${label(header)} holds ${fnr} value(s) that are national identity numbers (11 digits with valid mod-11 check digits); the warehouse holds no direct identifiers — remove the column or the numbers`);
      if (count("name", i) > 0) throw new ImportInputError(`${name}: column ${label(header)} holds ${count("name", i)} value(s) written like person names; remove the column (the warehouse holds no direct identifiers)`);
      if (count("text", i) > 0) throw new ImportInputError(`${name}: column ${label(header)} holds ${count("text", i)} value(s) of free text (${FREE_TEXT_MIN_WORDS} or more words, or a line break); remove the column (free text may identify people)`);
      if (count("len", i) > limits.maxValueChars) throw new ImportInputError(`${name}: column ${label(header)} has a value of ${count("len", i)} characters; the limit is ${limits.maxValueChars}`);
    }
  }
  for (const [i, header] of scanned.entries()) {
    const lost = quick("lost", i);
    if (lost > 0 && lost >= LOST_ZERO_MIN_SHARE * quick("ten", i)) {
      throw new ImportInputError(`${name}: column ${label(header)} holds ${lost} value(s) of 10 digits that are national identity numbers without their leading zero (as a spreadsheet or a number column writes them: with a 0 in front, valid mod-11 check digits); the warehouse holds no direct identifiers — remove the column or the numbers`);
    }
  }

  const before = await importedBefore();
  if (before) return before;
  const changed = () => new ImportInputError(`${name}: the file changed while it was read (replaced or written to); import it again`);
  // A record's line is taken from its position: lines the reader skipped (blank ones, a title above
  // the header) would make every later line wrong. A compressed file's lines are not counted.
  const header = format === "csv" ? 1 : 0;
  if (format !== "parquet" && !/\.gz$/i.test(file)) {
    const lines = await contentLines();
    if (lines !== rowsRead + header && changedSince()) throw changed();
    if (lines !== rowsRead + header) throw new ImportInputError(`${name}: the file has ${lines} lines up to its last record, not one per record${header ? " and the header" : ""}: blank lines${header ? " or lines before the header" : ""} would make the source lines wrong; remove them`);
  }
  const report = await newReport();
  const sha256 = report.sha256;

  // Kommuner are looked up without a join (a join may reorder the rows, and the row order is the
  // source line): by number in a list indexed by the number, by name in a CASE (rarely needed).
  const knownNumbers = [...context.kommuner.keys()].filter((number) => /^[0-9]{4}$/.test(number)).map(Number);
  const numberKnown = knownNumbers.length === 0 ? [0] : Array.from({ length: Math.max(...knownNumbers) + 1 }, () => 0);
  for (const number of knownNumbers) numberKnown[number] = 1;
  const numberOfName = new Map<string, string>();
  for (const [number, kommuneName] of context.kommuner) {
    const key = kommuneName.trim().toLowerCase();
    const least = numberOfName.get(key);
    if (least === undefined || number < least) numberOfName.set(key, number);
  }
  const zone = context.mapping.timeZone;
  // Rows whose ringing time is no date are quarantined whatever the span; any span serves them.
  const [fromYear, toYear] = scan.year_lo === null ? [2000, 2000] : [Number(scan.year_lo) - 1, Number(scan.year_hi) + 1];
  const dst = dstIntervals(zone, fromYear, toYear);
  // Whether a local time falls in one of the intervals. Europe/Oslo's are whole hours: then one
  // IN test on the hour is much cheaper than a pair of comparisons per interval.
  const wholeHour = (text: string) => text.endsWith(":00:00");
  const within = (intervals: Array<[string, string]>, local: string) => {
    if (intervals.length === 0) return "false";
    if (intervals.every(([a, b]) => wholeHour(a) && Date.parse(`${b}Z`) - Date.parse(`${a}Z`) === 3_600_000)) return oneOf(`date_trunc('hour', ${local})`, intervals.map(([a]) => `TIMESTAMP ${sql(a)}`));
    return intervals.map(([a, b]) => `(${local} >= TIMESTAMP ${sql(a)} AND ${local} < TIMESTAMP ${sql(b)})`).join(" OR ");
  };

  // Canonical text columns (trimmed, empty → NULL) with codes mapped.
  const text = (column: ExtractColumn) => (source.has(column) ? `nullif(trim(${ident(source.get(column)!)}), '')` : `NULL::VARCHAR`);
  // A coded column is trimmed and lower-cased once, in the innermost level (as <column>__lower), and
  // mapped one level up: a CASE repeats its operand in every WHEN, and DuckDB does not share it.
  const CODED_COLUMNS = ["call_type", "urgency", "urgency_final", "caller", "unit_type"] as const satisfies readonly ExtractColumn[];
  const coded = (column: (typeof CODED_COLUMNS)[number], codes: Record<string, string>, builtIn: Record<string, string>) => {
    const all = { ...builtIn, ...Object.fromEntries(Object.entries(codes).map(([from, to]) => [from.trim().toLowerCase(), to])) };
    const cases = Object.entries(all).map(([from, to]) => `WHEN ${sql(from)} THEN ${sql(to)}`);
    return cases.length === 0 ? `${column}__lower` : `CASE ${column}__lower ${cases.join(" ")} ELSE ${column}__lower END`;
  };
  const URGENCY_WORDS = { akutt: "red", "rød": "red", rod: "red", haster: "yellow", gul: "yellow", vanlig: "green", "grønn": "green", gronn: "green" };
  const lineOffset = format === "csv" ? 2 : 1;
  const codes = context.mapping.codes;
  // Three nested levels, so that each value is trimmed, tested for an offset and parsed once: an
  // alias used again in the same SELECT is expanded to its whole expression at every use.
  await connection.run(`CREATE OR REPLACE TEMP VIEW parsed AS
    SELECT l2.*,
      ${TIME_COLUMNS.map((c) => `CASE WHEN ${c}__offset THEN epoch_us(try_cast(${c}__text AS TIMESTAMPTZ)) ELSE epoch_us(${c}__local) - (${localOffsetSql(zone, fromYear, toYear, `${c}__local`)})::BIGINT * 60000000 END AS ${c}__us`).join(",\n      ")}
    FROM (
      SELECT l1.*,
        ${TIME_COLUMNS.map(
          (c) =>
            // An offset ends the text: "Z", "+01", "+0100" or "+01:00" (a date alone ends in "-02" too, hence the length);
            // at most six characters, so only they are matched.
            `length(${c}__text) > 16 AND regexp_matches(right(${c}__text, 6), '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') AS ${c}__offset, ` +
            // Read as local wall-clock time; a text with an offset is read by the level above instead.
            `try_cast(${c}__text AS TIMESTAMP) AS ${c}__local`,
        ).join(",\n        ")},
        try_cast(latitude__text AS DOUBLE) AS latitude,
        try_cast(longitude__text AS DOUBLE) AS longitude,
        ${coded("call_type", codes.call_type, {})} AS call_type__code,
        ${coded("urgency", codes.urgency, URGENCY_WORDS)} AS urgency,
        ${coded("urgency_final", codes.urgency, URGENCY_WORDS)} AS urgency_final,
        ${coded("caller", codes.caller, {})} AS caller,
        ${coded("unit_type", codes.unit_type, {})} AS unit_type
      FROM (
        SELECT
          ${text("amk")} AS amk,
          ${text("incident_id")} AS incident_id,
          lower(${text("synthetic")}) AS synthetic__text,
          ${CODED_COLUMNS.map((c) => `lower(${text(c)}) AS ${c}__lower`).join(", ")},
          ${text("nimn_criterion")} AS nimn_criterion,
          ${TIME_COLUMNS.map((c) => `${text(c)} AS ${c}__text`).join(", ")},
          ${text("kommune_number")} AS kommune__text,
          ${text("kommune_name")} AS kommune_name,
          ${text("bydel")} AS bydel,
          ${text("latitude")} AS latitude__text,
          ${text("longitude")} AS longitude__text,
          ${text("destination")} AS destination,
          ${text("unit_id")} AS unit_id,
          ${text("station")} AS station
        FROM ${reader}) l1) l2`);

  // One reason per row, the first that applies in this order. Each reason is one test over the
  // row (cheap); which field caused it is worked out afterwards for the quarantined rows alone.
  const invalid: Array<[string, string]> = [
    [`amk IS NULL`, `'amk is empty'`],
    [`incident_id IS NULL`, `'incident_id is empty'`],
    [`synthetic__text IS NOT NULL AND NOT ${oneOf("synthetic__text", ["'true'", "'false'", "'1'", "'0'", "'yes'", "'no'", "'ja'", "'nei'"])}`, `'synthetic: not true or false'`],
    [`call_type__code IS NOT NULL AND NOT ${oneOf("call_type__code", CALL_TYPES.map(sql))}`, `'call_type: unknown code (map it in the mapping file)'`],
    [`urgency IS NOT NULL AND NOT ${oneOf("urgency", URGENCIES.map(sql))}`, `'urgency: unknown code (map it in the mapping file)'`],
    [`urgency_final IS NOT NULL AND NOT ${oneOf("urgency_final", URGENCIES.map(sql))}`, `'urgency_final: unknown code (map it in the mapping file)'`],
    [`unit_type IS NOT NULL AND NOT ${oneOf("unit_type", UNIT_TYPES.map(sql))}`, `'unit_type: unknown code (map it in the mapping file)'`],
    [`unit_type IS NOT NULL AND unit_id IS NULL`, `'unit_type given without unit_id'`],
    [`(latitude__text IS NOT NULL AND (latitude IS NULL OR latitude NOT BETWEEN -90 AND 90)) OR (longitude__text IS NOT NULL AND (longitude IS NULL OR longitude NOT BETWEEN -180 AND 180))`, `'latitude/longitude: not a coordinate'`],
    ...TIME_COLUMNS.map((c): [string, string] => [`${c}__text IS NOT NULL AND ${c}__us IS NULL`, `'${c}: not a date-time'`]),
    ...TIME_COLUMNS.map((c): [string, string] => [`NOT ${c}__offset AND (${within(dst.skipped, `${c}__local`)})`, `'${c}: a local time skipped by the spring DST change'`]),
  ];
  const repeated = TIME_COLUMNS.map((c): [string, string] => [`NOT ${c}__offset AND (${within(dst.repeated, `${c}__local`)})`, `'${c}: local time in the repeated autumn hour without a UTC offset'`]);
  // A time point before any earlier one in the chain (greatest() skips empty points).
  const outOfOrder = TIME_COLUMNS.slice(1).map((later, j) => `${later}__us < greatest(${TIME_COLUMNS.slice(0, j + 1).map((c) => `${c}__us`).join(", ")})`);
  const orderDetail: Array<[string, string]> = [];
  TIME_COLUMNS.forEach((later, j) => {
    for (let i = 0; i < j; i++) orderDetail.push([`${later}__us < ${TIME_COLUMNS[i]}__us`, `'${later} is before ${TIME_COLUMNS[i]}'`]);
  });
  const any = (tests: Array<[string, string]>) => tests.map(([test]) => `(${test})`).join(" OR ");
  const which = (tests: Array<[string, string]>) => `CASE ${tests.map(([test, detail]) => `WHEN ${test} THEN ${detail}`).join(" ")} END`;
  const kommuneByName = numberOfName.size === 0 ? "NULL::VARCHAR" : `CASE lower(kommune_name) ${[...numberOfName].map(([key, number]) => `WHEN ${sql(key)} THEN ${sql(number)}`).join(" ")} END`;
  await connection.run(`CREATE OR REPLACE TEMP VIEW checked AS
    SELECT s.*,
      CASE
        WHEN ${any(invalid)} THEN 'invalid_value'
        WHEN call_ringing_at__text IS NULL THEN 'missing_time'
        WHEN ${any(repeated)} THEN 'dst_ambiguous'
        WHEN ${outOfOrder.join(" OR ")} THEN 'time_order'
        -- A 113 call that sent no unit may have no known place (advice by phone): stored without a kommune.
        WHEN kommune_number IS NULL AND NOT (unit_id IS NULL AND s.kommune__text IS NULL AND s.kommune_name IS NULL) THEN 'unknown_kommune'
      END AS reason,
      amk || '/' || incident_id || '/' || coalesce(unit_id, '') AS record_key
    FROM (
      SELECT n.*, coalesce(kommune__by_number, CASE WHEN kommune_name IS NOT NULL THEN ${kommuneByName} END) AS kommune_number
      FROM (
        SELECT p.*, CASE WHEN regexp_full_match(kommune__text, '[0-9]{3,4}') AND [${numberKnown.join(",")}][try_cast(kommune__text AS INTEGER) + 1] = 1 THEN lpad(kommune__text, 4, '0') END AS kommune__by_number
        FROM parsed p) n) s`);
  // No join, aggregate or ORDER BY from the file to here: DuckDB keeps the file's order, and rowid
  // is the record's position in the file. No LIMIT either (with the order kept, it collects every
  // row before passing them on): the scan above counted the rows, and a file that has changed
  // since is refused below.
  const stagedSelect = `SELECT r.record_key, r.amk, r.incident_id, r.synthetic__text, r.call_type__code, r.urgency, r.urgency_final, r.nimn_criterion, r.caller,
      ${TIME_COLUMNS.map((c) => `r.${c}__us`).join(", ")},
      r.kommune_number,
      r.bydel, r.latitude, r.longitude, r.destination, r.unit_id, r.unit_type, r.station,
      r.reason,
      CASE r.reason
        WHEN 'invalid_value' THEN ${which(invalid)}
        WHEN 'missing_time' THEN 'call_ringing_at is empty'
        WHEN 'dst_ambiguous' THEN ${which(repeated)}
        WHEN 'time_order' THEN ${which(orderDetail)}
        WHEN 'unknown_kommune' THEN
          CASE WHEN r.kommune__text IS NULL AND r.kommune_name IS NULL THEN 'no kommune_number or kommune_name'
               WHEN r.kommune__text IS NOT NULL THEN 'kommune_number not in the kommune list'
               ELSE 'kommune_name not in the kommune list' END
      END AS detail
    FROM checked r`;
  // The order is the source line: a plan with a join (DuckDB turns some expressions into joins) is a bug here.
  await context.onStage?.("staging");
  // The operators' names only: the plan's text also holds the column names, and a header such as
  // RESSURS_JOIN is no join.
  type PlanNode = { name?: unknown; children?: PlanNode[] };
  const operators = (nodes: readonly PlanNode[]): string[] => nodes.flatMap((node) => [String(node.name), ...operators(node.children ?? [])]);
  const plan = (await all(`EXPLAIN (FORMAT JSON) ${stagedSelect}`)).flatMap((row) => operators(JSON.parse(String(row.explain_value)) as PlanNode[]));
  if (plan.some((operator) => /JOIN|CROSS_PRODUCT/.test(operator))) throw new Error("importExtract: the staged table's plan has a join, which may reorder the rows (their order gives the source lines)");
  await connection.run(`CREATE OR REPLACE TEMP TABLE staged AS ${stagedSelect}`);
  const rowsStaged = Number((await all(`SELECT count(*) AS n FROM staged`))[0]!.n);
  if (rowsStaged !== rowsRead) throw new ImportInputError(`${name}: the file changed while it was read (${rowsRead} rows, then ${rowsStaged}); import it again`);
  // The hash is complete (newReport waited for it) and the staged rows are read.
  if (changedSince()) throw changed();

  // Records already stored, or earlier in this file: duplicate_id. Rows are compared by a hash of
  // their key first (integers group far faster than text); only keys whose hash repeats are
  // compared as text.
  const storedBefore = (await all(`SELECT 1 FROM missions LIMIT 1`)).length > 0;
  await connection.run(`CREATE OR REPLACE TEMP TABLE duplicates AS
    WITH keyed AS (SELECT rowid AS position, record_key FROM staged WHERE reason IS NULL),
    repeated AS (SELECT position, record_key FROM keyed WHERE hash(record_key) IN (SELECT hash(record_key) AS h FROM keyed GROUP BY h HAVING count(*) > 1)),
    firsts AS (SELECT record_key, min(position) AS first FROM repeated GROUP BY record_key),
    stored AS (${storedBefore ? `SELECT k.position, m.import_id FROM keyed k JOIN missions m USING (record_key)` : `SELECT NULL::BIGINT AS position, NULL::INTEGER AS import_id WHERE false`})
    SELECT position, 'amk/incident_id/unit_id already stored by import ' || import_id AS detail FROM stored
    UNION ALL
    SELECT r.position, 'amk/incident_id/unit_id also on line ' || (f.first + ${lineOffset}) AS detail
    FROM repeated r JOIN firsts f USING (record_key)
    WHERE r.position <> f.first AND r.position NOT IN (SELECT position FROM stored)`);
  if ((await all(`SELECT 1 FROM duplicates LIMIT 1`)).length > 0) {
    await connection.run(`UPDATE staged SET reason = 'duplicate_id', detail = d.detail FROM duplicates d WHERE staged.rowid = d.position`);
  }

  // Incident places → the scenario's zones; the coordinates go no further than this temp table.
  await connection.run(`CREATE OR REPLACE TEMP TABLE coord_zone (lat DOUBLE, lon DOUBLE, zone_id TEXT)`);
  if (context.scenario && source.has("latitude") && source.has("longitude")) {
    const locator = new ZoneLocator(context.scenario.zones);
    const points = await all(`SELECT DISTINCT latitude, longitude FROM staged WHERE latitude IS NOT NULL AND longitude IS NOT NULL`);
    const appender = await connection.createAppender("coord_zone", "main", "temp");
    for (let i = 0; i < points.length; i++) {
      const lat = Number(points[i]!.latitude);
      const lon = Number(points[i]!.longitude);
      const zoneId = locator.zoneAt(lat, lon);
      appender.appendDouble(lat);
      appender.appendDouble(lon);
      if (zoneId === undefined) appender.appendNull();
      else appender.appendVarchar(zoneId);
      appender.endRow();
      if (i % 20_000 === 19_999) await yieldToEventLoop(); // keep a server responsive during a large import
    }
    appender.closeSync();
  }

  // The zone join may reorder rows: the missions insert then orders them by file position again.
  const zoneJoin = context.scenario && source.has("latitude") && source.has("longitude") ? `LEFT JOIN coord_zone cz ON cz.lat = s.latitude AND cz.lon = s.longitude` : "";
  const zoneId = zoneJoin === "" ? "NULL::VARCHAR" : "cz.zone_id";
  const unitIds = context.scenario ? [...context.scenario.unitIds] : [];
  const counts = (await all(`SELECT
      count_if(reason IS NULL) AS stored,
      ${QUARANTINE_REASONS.map((reason) => `count_if(reason = ${sql(reason)}) AS ${reason}`).join(", ")},
      count_if(reason IS NULL AND urgency_final IS NOT NULL AND urgency_final <> urgency) AS urgency_changed,
      ${context.scenario ? `count_if(reason IS NULL AND unit_id IS NOT NULL AND unit_id NOT IN (${unitIds.length > 0 ? unitIds.map(sql).join(", ") : "NULL"}))` : "0"} AS unit_outside_scenario,
      ${context.scenario && source.has("latitude") ? `count_if(reason IS NULL AND latitude IS NOT NULL AND ${zoneId} IS NULL)` : "0"} AS place_outside_zones
    FROM staged s ${zoneJoin}`))[0]!;
  for (const reason of QUARANTINE_REASONS) report.quarantined[reason] = Number(counts[reason]);
  for (const flag of IMPORT_FLAGS) report.flagged[flag] = Number(counts[flag]);
  report.rowsRead = rowsRead;
  report.rowsStored = Number(counts.stored);
  report.rowsQuarantined = rowsRead - report.rowsStored;

  await context.onStage?.("storing");
  await connection.run("BEGIN TRANSACTION");
  try {
    // Another process may have imported the same file meanwhile.
    if ((await all(`SELECT 1 FROM imports WHERE file_sha256 = ${sql(sha256)}`)).length > 0) {
      await connection.run("ROLLBACK");
      return { ...report, alreadyImported: true, rowsStored: 0, rowsQuarantined: 0 };
    }
    const importId = Number((await all(`SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports`))[0]!.id);
    await connection.run(`INSERT INTO imports VALUES (${importId}, ${sql(name)}, ${sql(sha256)}, ${rowsRead}, ${report.rowsStored}, ${report.rowsQuarantined}, now())`);
    await connection.run(`INSERT INTO missions BY NAME SELECT
        record_key, amk, incident_id,
        coalesce(${oneOf("synthetic__text", ["'true'", "'1'", "'yes'", "'ja'"])}, false) AS synthetic,
        coalesce(call_type__code, CASE WHEN unit_id IS NULL THEN 'advice' ELSE 'dispatch' END) AS call_type,
        urgency,
        coalesce(urgency_final IS NOT NULL AND urgency_final <> urgency, false) AS urgency_changed,
        nimn_criterion, caller,
        ${TIME_COLUMNS.map((c) => `to_timestamp(${c}__us / 1e6) AS ${c}`).join(", ")},
        kommune_number,
        bydel, ${zoneId} AS zone_id, destination, unit_id, unit_type, station,
        ${importId} AS import_id, (s.rowid + ${lineOffset})::INTEGER AS source_line
      FROM staged s ${zoneJoin} WHERE s.reason IS NULL${zoneJoin === "" ? "" : " ORDER BY s.rowid"}`);
    await connection.run(`INSERT INTO quarantine SELECT ${importId}, (rowid + ${lineOffset})::INTEGER, reason, detail FROM staged WHERE reason IS NOT NULL ORDER BY rowid`);
    await refreshIncidents(connection, { importId });
    await context.onStage?.("committing");
    await connection.run("COMMIT");
    report.importId = importId;
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return report;
}
