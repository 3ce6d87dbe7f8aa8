import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWarehouse, type Warehouse } from "../warehouse.js";
import { DEFAULT_MAPPING, parseMapping } from "../mapping/mapping.js";
import { importExtract, type ImportContext } from "./importer.js";
import { ImportInputError } from "../errors.js";

const KOMMUNER = new Map([
  ["0301", "Oslo"],
  ["3201", "Bærum"],
  ["3203", "Asker"],
]);
const context = (extra: Partial<ImportContext> = {}): ImportContext => ({ mapping: DEFAULT_MAPPING, kommuner: KOMMUNER, ...extra });

const dirs: string[] = [];
const open: Warehouse[] = [];
afterEach(() => {
  for (const warehouse of open.splice(0)) warehouse.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function setup() {
  const dir = mkdtempSync(join(tmpdir(), "akutt-import-"));
  dirs.push(dir);
  const warehouse = await openWarehouse(join(dir, "w.duckdb"));
  open.push(warehouse);
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const count = async (table: string) => Number((await warehouse.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  return { dir, warehouse, write, count };
}

const HEADER = "amk,incident_id,urgency,call_ringing_at,call_answered_at,unit_alerted_at,unit_at_scene_at,kommune_number,unit_id";
const good = (id: number, extra = "") => `amk-oslo,${id},red,2026-03-02 08:00:00,2026-03-02 08:00:05,2026-03-02 08:01:00,2026-03-02 08:09:00,3201,ous-${id}${extra}`;

/** Valid fødselsnummer made for the test (check digits computed, not a real person's). */
function fodselsnummer(birth: string): string {
  const k = (weights: number[], digits: number[]) => {
    const r = 11 - (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11);
    return r === 11 ? 0 : r;
  };
  for (let individual = 100; ; individual++) {
    const d = [...`${birth}${individual}`].map(Number);
    const k1 = k([3, 7, 6, 1, 8, 9, 4, 5, 2], d);
    const k2 = k([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], [...d, k1]);
    if (k1 !== 10 && k2 !== 10) return `${birth}${individual}${k1}${k2}`;
  }
}

describe("importExtract refuses bad input before storing anything", () => {
  it("refuses a file type it cannot read, and a file that does not exist", async () => {
    const { warehouse, write } = await setup();
    await expect(importExtract(warehouse, write("x.xlsx", "a"), context())).rejects.toThrow(/unknown file type; expected \.csv, \.parquet or \.jsonl/);
    await expect(importExtract(warehouse, "/nonexistent/x.csv", context())).rejects.toThrow(/no such file/);
  });

  it("refuses a column of national identity numbers, naming the column and never the value", async () => {
    const { warehouse, write, count } = await setup();
    const fnr = fodselsnummer("010190");
    const file = write("fnr.csv", `${HEADER},caller\n${good(1, ",lege")}\n${good(2, `,${fnr}`)}\n`);
    const error = await importExtract(warehouse, file, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(/column "caller" holds 1 value\(s\) that are national identity numbers/);
    expect((error as Error).message).not.toContain(fnr);
    expect(await count("missions")).toBe(0);
    expect(await count("imports")).toBe(0);
    // The same digits with a wrong check digit are not an identity number.
    const notFnr = `${fnr.slice(0, 10)}${(Number(fnr[10]) + 1) % 10}`;
    const report = await importExtract(warehouse, write("ok.csv", `${HEADER},caller\n${good(3, `,${notFnr}`)}\n`), context());
    expect(report.rowsStored).toBe(1);
  });

  it("finds identity numbers that lost their leading zero in a number column (born on the 1st to the 9th), never echoing them", async () => {
    const { warehouse, write, dir, count } = await setup();
    const fnr = fodselsnummer("050387");
    const tenDigits = fnr.slice(1);
    const lostZero = /column "caller" holds 1 value\(s\) of 10 digits that are national identity numbers without their leading zero/;
    // As a spreadsheet writes a number column to CSV, as a JSON number, and as a Parquet integer and double.
    const csv = await importExtract(warehouse, write("lost.csv", `${HEADER},caller\n${good(1, `,${tenDigits}`)}\n`), context()).catch((e: unknown) => e);
    expect(csv).toBeInstanceOf(ImportInputError);
    expect((csv as Error).message).toMatch(lostZero);
    expect((csv as Error).message).not.toContain(tenDigits);
    const json = write("lost.jsonl", `{"amk":"amk-oslo","incident_id":"1","call_ringing_at":"2026-03-02 08:00:00","kommune_number":"3201","caller":${tenDigits}}\n`);
    await expect(importExtract(warehouse, json, context())).rejects.toThrow(lostZero);
    for (const type of ["BIGINT", "DOUBLE"]) {
      const parquet = join(dir, `lost-${type}.parquet`);
      await warehouse.run(`COPY (SELECT 'amk-oslo' AS amk, '1' AS incident_id, '2026-03-02 08:00:00' AS call_ringing_at, '3201' AS kommune_number, ${tenDigits}::${type} AS caller) TO '${parquet}' (FORMAT parquet)`);
      await expect(importExtract(warehouse, parquet, context())).rejects.toThrow(lostZero);
    }
    expect(await count("imports")).toBe(0);
    expect(await count("missions")).toBe(0);
  });

  it("takes a file with a column named like one the scan derives (y, v0, t0)", async () => {
    const { warehouse, write } = await setup();
    const mapping = parseMapping("ignore: [y, v0, t0]\n", "m.yaml");
    const report = await importExtract(warehouse, write("y.csv", `${HEADER},y,v0,t0\n${good(1, ",6650000,a,b")}\n`), context({ mapping }));
    expect(report.rowsStored).toBe(1);
  });

  it("takes a column of ten-digit reference numbers of which a few pass the identity-number test by chance", async () => {
    const { warehouse, write } = await setup();
    // About one in 250 ten-digit numbers passes with a 0 in front; a column of them is no column of identity numbers.
    const byChance = fodselsnummer("050387").slice(1);
    const references = [byChance, "2026030101", "2026030102"];
    const rows = references.map((reference, k) => good(k + 1, `,${reference}`)).join("\n");
    const report = await importExtract(warehouse, write("refs.csv", `${HEADER},caller\n${rows}\n`), context());
    expect(report.rowsStored).toBe(3);
  });

  it("finds an identity number written with a space inside any column, also an ignored one", async () => {
    const { warehouse, write } = await setup();
    const fnr = fodselsnummer("241299");
    const mapping = parseMapping("ignore: [løpenr]\n", "m.yaml");
    const file = write("spaced.csv", `${HEADER},løpenr\n${good(1, `,${fnr.slice(0, 6)} ${fnr.slice(6)}`)}\n`);
    await expect(importExtract(warehouse, file, context({ mapping }))).rejects.toThrow(/column "løpenr" holds 1 value\(s\) that are national identity numbers/);
  });

  it("finds identity numbers stored as floating-point numbers: a Parquet or JSON-lines column of doubles, scientific notation in a CSV", async () => {
    const { warehouse, write, dir, count } = await setup();
    const fnr = fodselsnummer("150765");
    // DuckDB reads a double as "15076510013.0": with the dot removed as a separator that was 12 digits, and not an identity number.
    const parquet = join(dir, "doubles.parquet");
    await warehouse.run(`COPY (SELECT 'amk-oslo' AS amk, '1' AS incident_id, '2026-03-02 08:00:00' AS call_ringing_at, '3201' AS kommune_number, ${fnr}::DOUBLE AS destination) TO '${parquet}' (FORMAT parquet)`);
    await expect(importExtract(warehouse, parquet, context())).rejects.toThrow(/column "destination" holds 1 value\(s\) that are national identity numbers/);
    const json = write("doubles.jsonl", `{"amk":"amk-oslo","incident_id":"1","call_ringing_at":"2026-03-02 08:00:00","kommune_number":"3201","destination":${fnr}.0}\n`);
    await expect(importExtract(warehouse, json, context())).rejects.toThrow(/column "destination" holds 1 value\(s\) that are national identity numbers/);
    const scientific = `${fnr[0]}.${fnr.slice(1)}E+10`;
    await expect(importExtract(warehouse, write("e.csv", `${HEADER},destination\n${good(1, `,${scientific}`)}\n`), context())).rejects.toThrow(/column "destination" holds 1 value\(s\) that are national identity numbers/);
    expect(await count("imports")).toBe(0);
    // A double that is no identity number is still taken.
    const other = `${fnr.slice(0, 10)}${(Number(fnr[10]) + 1) % 10}`;
    expect((await importExtract(warehouse, write("f.jsonl", `{"amk":"amk-oslo","incident_id":"2","call_ringing_at":"2026-03-02 08:00:00","kommune_number":"3201","destination":${other}.0}\n`), context())).rowsStored).toBe(1);
  });

  it("finds identity numbers written with separators as documented (a date with dots, groups of three, a no-break space), and takes a coordinate of the same digits", async () => {
    const { warehouse, write, count } = await setup();
    const fnr = fodselsnummer("010190");
    const [dd, mm, yy, individual, check] = [fnr.slice(0, 2), fnr.slice(2, 4), fnr.slice(4, 6), fnr.slice(6, 9), fnr.slice(9)];
    const grouped = fodselsnummer("150765");
    const written = [`${dd}.${mm}.${yy} ${individual}${check}`, `${dd}.${mm}.${yy}.${individual}.${check}`, `${dd}${mm}${yy} ${individual} ${check}`, `${dd}${mm}${yy}\u00a0${individual}${check}`, `${grouped.slice(0, 2)} ${grouped.slice(2, 5)} ${grouped.slice(5, 8)} ${grouped.slice(8)}`];
    for (const [k, value] of written.entries()) {
      await expect(importExtract(warehouse, write(`w${k}.csv`, `${HEADER},destination\n${good(k, `,"${value}"`)}\n`), context()), value).rejects.toThrow(/column "destination" holds 1 value\(s\) that are national identity numbers/);
    }
    expect(await count("imports")).toBe(0);
    // A latitude whose 11 digits, without the dot, would pass the check is a coordinate, not an identity number.
    const d = fodselsnummer("591265");
    const file = write("lat.csv", `amk,incident_id,call_ringing_at,kommune_number,latitude,longitude,unit_id\namk-oslo,1,2026-03-02 08:00,3201,${d.slice(0, 2)}.${d.slice(2)},10.69,u\n`);
    expect((await importExtract(warehouse, file, context())).rowsStored).toBe(1);
  });

  it("finds an identity number that follows another 11-digit number in the same value", async () => {
    const { warehouse, write, count } = await setup();
    const fnr = fodselsnummer("010190");
    // Only the first 11-digit run was checked: a reference number in front hid the identity number.
    const other = `${fnr.slice(0, 10)}${(Number(fnr[10]) + 1) % 10}`;
    for (const [k, value] of [`ref ${other}/${fnr}`, `${other};${fnr}`].entries()) {
      await expect(importExtract(warehouse, write(`two${k}.csv`, `${HEADER},destination\n${good(k, `,"${value}"`)}\n`), context()), value).rejects.toThrow(/column "destination" holds 1 value\(s\) that are national identity numbers/);
    }
    expect(await count("imports")).toBe(0);
  });

  it("finds an identity number whose birth date and digits stand apart by more than one separator", async () => {
    const { warehouse, write, count } = await setup();
    const fnr = fodselsnummer("010190");
    const dated = `${fnr.slice(0, 2)}. ${fnr.slice(2, 4)}. ${fnr.slice(4, 6)}`;
    for (const [k, value] of [`${fnr.slice(0, 6)} - ${fnr.slice(6)}`, `${fnr.slice(0, 6)}  ${fnr.slice(6)}`, `${fnr.slice(0, 6)} -  - ${fnr.slice(6)}`, `${dated} ${fnr.slice(6)}`].entries()) {
      await expect(importExtract(warehouse, write(`gap${k}.csv`, `${HEADER},destination\n${good(k, `,"${value}"`)}\n`), context()), value).rejects.toThrow(/column "destination" holds 1 value\(s\) that are national identity numbers/);
    }
    expect(await count("imports")).toBe(0);
  });

  it("refuses columns of names and free text, by header or by content", async () => {
    const { warehouse, write, count } = await setup();
    await expect(importExtract(warehouse, write("a.csv", `${HEADER},pasientnavn\n${good(1, ",x")}\n`), context())).rejects.toThrow(/column "pasientnavn" looks like names, contact details or free text/);
    const mapping = parseMapping("ignore: [ekstra]\n", "m.yaml");
    await expect(importExtract(warehouse, write("b.csv", `${HEADER},ekstra\n${good(1, ",Kari Nordmann")}\n`), context({ mapping }))).rejects.toThrow(/column "ekstra" holds 1 value\(s\) written like person names/);
    await expect(importExtract(warehouse, write("c.csv", `${HEADER}\n${good(1).replace("ous-1", "pasienten falt i trappa hjemme")}\n`), context())).rejects.toThrow(/column "unit_id" holds 1 value\(s\) of free text/);
    expect(await count("imports")).toBe(0);
  });

  it("refuses a value over more than one line (free text; the rows after it would get wrong source lines), and reads CRLF line ends", async () => {
    const { warehouse, write, count } = await setup();
    // The quoted value spans lines 2 and 3: the duplicate is on line 5, which a record count calls line 4.
    const file = write("multi.csv", `${HEADER},destination\n${good(1, ',"Ahus\nmottak"')}\n${good(2, ",x")}\n${good(2, ",x")}\n`);
    await expect(importExtract(warehouse, file, context())).rejects.toThrow(/column "destination" holds 1 value\(s\) of free text \(5 or more words, or a line break\)/);
    expect(await count("imports")).toBe(0);
    const crlf = await importExtract(warehouse, write("crlf.csv", `${HEADER}\r\n${good(1)}\r\n${good(2)}\r\n${good(2)}\r\n`), context());
    expect(crlf.quarantined.duplicate_id).toBe(1);
    expect(await warehouse.query(`SELECT source_line, detail FROM quarantine`)).toEqual([{ source_line: 4, detail: "amk/incident_id/unit_id also on line 3" }]);
  });

  it("refuses blank lines and lines before the header, which the reader skips (the rows after them would get wrong source lines); blank lines at the end are fine", async () => {
    const { warehouse, write, count } = await setup();
    const refused = /the file has \d+ lines up to its last record, not one per record and the header: blank lines or lines before the header/;
    await expect(importExtract(warehouse, write("blank.csv", `${HEADER}\n${good(1)}\n\n${good(2)}\n`), context())).rejects.toThrow(refused);
    await expect(importExtract(warehouse, write("title.csv", `Utdrag AMK Oslo mars 2026\n${HEADER}\n${good(1)}\n${good(2)}\n`), context())).rejects.toThrow(refused);
    const record = (id: number) => `{"amk":"amk-oslo","incident_id":"${id}","call_ringing_at":"2026-03-02 08:00:00","kommune_number":"3201"}`;
    await expect(importExtract(warehouse, write("blank.jsonl", `${record(1)}\n\n${record(2)}\n`), context())).rejects.toThrow(/the file has 3 lines up to its last record, not one per record: blank lines/);
    expect(await count("imports")).toBe(0);
    const trailing = await importExtract(warehouse, write("trailing.csv", `${HEADER}\r\n${good(1)}\r\n${good(1)}\r\n\r\n\r\n`), context());
    expect(trailing.rowsQuarantined).toBe(1);
    expect(await warehouse.query(`SELECT source_line FROM quarantine`)).toEqual([{ source_line: 3 }]);
    // Lines ended by a carriage return alone (Excel's "CSV (Macintosh)") are lines too.
    const mac = await importExtract(warehouse, write("mac.csv", `${HEADER}\r${good(7)}\r${good(7)}\r`), context());
    expect([mac.rowsStored, mac.rowsQuarantined]).toEqual([1, 1]);
    expect((await importExtract(warehouse, write("last.jsonl", `${record(5)}\n${record(6)}`), context())).rowsStored).toBe(2);
  });

  it("refuses unknown columns and missing required columns", async () => {
    const { warehouse, write } = await setup();
    await expect(importExtract(warehouse, write("u.csv", `${HEADER},hastegrad_x\n${good(1, ",1")}\n`), context())).rejects.toThrow(/unknown column "hastegrad_x"; map it .* or list it under "ignore"/);
    await expect(importExtract(warehouse, write("m.csv", `amk,incident_id\namk-oslo,1\n`), context())).rejects.toThrow(/no column for call_ringing_at, kommune_number/);
  });

  it("does not echo a first record read as headers, nor read a glob", async () => {
    const { warehouse, write } = await setup();
    const fnr = fodselsnummer("010190");
    const error = await importExtract(warehouse, write("h.csv", `${good(1, `,${fnr}`)}\n${good(2, `,${fnr}`)}\n`), context()).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).not.toContain(fnr);
    await expect(importExtract(warehouse, write("*.csv", `${HEADER}\n${good(1)}\n`), context())).rejects.toThrow(/glob|\*, \?/);
  });

  it("bounds file size, rows, columns and value length", async () => {
    const { warehouse, write } = await setup();
    const file = write("b.csv", `${HEADER}\n${good(1)}\n${good(2)}\n`);
    await expect(importExtract(warehouse, file, context({ limits: { maxFileBytes: 100 } }))).rejects.toThrow(/bytes; the limit is 100 bytes per file/);
    await expect(importExtract(warehouse, file, context({ limits: { maxRows: 1 } }))).rejects.toThrow(/2 rows; the limit is 1 per file/);
    await expect(importExtract(warehouse, file, context({ limits: { maxColumns: 5 } }))).rejects.toThrow(/9 columns; the limit is 5/);
    await expect(importExtract(warehouse, file, context({ limits: { maxValueChars: 10 } }))).rejects.toThrow(/column "call_ringing_at" has a value of 19 characters; the limit is 10/);
  });

  it("refuses a pipe or a device, which it would wait on or read without end", async () => {
    const { warehouse, dir } = await setup();
    const fifo = join(dir, "pipe.csv");
    execFileSync("mkfifo", [fifo]);
    symlinkSync("/dev/zero", join(dir, "zero.csv"));
    const within = <T>(promise: Promise<T>) => Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer within 10 s")), 10_000))]);
    await expect(within(importExtract(warehouse, fifo, context()))).rejects.toThrow(/pipe\.csv: not a regular file/);
    await expect(within(importExtract(warehouse, join(dir, "zero.csv"), context()))).rejects.toThrow(/zero\.csv: not a regular file/);
  }, 30_000);

  it("refuses a file replaced while it is read: the checks, the stored rows and the sha256 are of one content", async () => {
    const { warehouse, write, count } = await setup();
    const fnr = fodselsnummer("010190");
    const file = write("swap.csv", `${HEADER},destination\n${good(1, ",ahus")}\n`);
    // The same number of rows, with an identity number, put in its place (as an editor or a copy tool saves) after the checks read the file.
    const other = write("other.csv", `${HEADER},destination\n${good(1, `,${fnr}`)}\n`);
    const swapAt = (at: string) => (stage: string) => {
      if (stage === at) renameSync(other, file);
    };
    const error = await importExtract(warehouse, file, context({ onStage: swapAt("staging") })).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/swap\.csv: the file changed while it was read/);
    expect([await count("missions"), await count("imports")]).toEqual([0, 0]);
    // Replaced after the hashing began but before the checks: the sha256 would be of the first content and the rows of the second.
    write("swap.csv", `${HEADER}\n${good(1)}\n`);
    write("other.csv", `${HEADER}\n${good(2)}\n${good(3)}\n`);
    await expect(importExtract(warehouse, file, context({ onStage: swapAt("checking") }))).rejects.toThrow(/the file changed while it was read/);
    expect(await count("imports")).toBe(0);
    // Written to in place (the same file, one more row) after the checks read it.
    const grown = write("grown.csv", `${HEADER}\n${good(4)}\n`);
    const appendAt = (at: string) => (stage: string) => {
      if (stage === at) appendFileSync(grown, `${good(5)}\n`);
    };
    await expect(importExtract(warehouse, grown, context({ onStage: appendAt("staging") }))).rejects.toThrow(/grown\.csv: the file changed while it was read/);
    expect([await count("missions"), await count("imports")]).toEqual([0, 0]);
  });

  it("does not wait on a pipe put in the file's place after it was opened, and refuses the import", async () => {
    const { warehouse, dir, write, count } = await setup();
    const file = write("swapped.csv", `${HEADER}\n${good(1)}\n`);
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    // Before the hash and the checks open anything by name (they used to; a pipe without a writer blocked them for ever).
    const swapToPipe = (stage: string) => {
      if (stage === "hashing") renameSync(fifo, file);
    };
    const within = <T>(promise: Promise<T>) => Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer within 10 s")), 10_000))]);
    await expect(within(importExtract(warehouse, file, context({ onStage: swapToPipe })))).rejects.toThrow(/swapped\.csv: the file changed while it was read/);
    expect([await count("missions"), await count("imports")]).toEqual([0, 0]);
  }, 30_000);

  it("imports a gzip-compressed extract, read through the handle it opened", async () => {
    const { warehouse, dir, count } = await setup();
    const file = join(dir, "extract.csv.gz");
    writeFileSync(file, gzipSync(`${HEADER}\n${good(1)}\n${good(2)}\n`));
    const report = await importExtract(warehouse, file, context());
    expect([report.rowsRead, report.rowsStored, await count("missions")]).toEqual([2, 2, 2]);
  });

  it("says which line a malformed CSV breaks at without quoting it", async () => {
    const { warehouse, write } = await setup();
    const file = write("bad.csv", `${HEADER}\n${good(1)}\n"unterminated,secret-value\n`);
    const error = await importExtract(warehouse, file, context()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/bad\.csv: cannot be read as CSV/);
    expect((error as Error).message).not.toContain("secret-value");
  });
});

describe("importExtract stores or quarantines every row", () => {
  it("quarantines each damaged row with its line and reason, and counts them", async () => {
    const { warehouse, write } = await setup();
    const lines = [
      HEADER,
      good(1), // line 2: stored
      good(2).replace("2026-03-02 08:00:00,2026-03-02 08:00:05", ",2026-03-02 08:00:05"), // 3: missing_time
      good(3).replace("08:09:00", "07:59:00"), // 4: time_order (at scene before ringing)
      good(4).replace(",3201,", ",9999,"), // 5: unknown_kommune
      good(1), // 6: duplicate of line 2
      good(5).replaceAll("2026-03-02 08:0", "2026-10-25 02:0"), // 7: dst_ambiguous
      good(6).replace(",red,", ",orange,"), // 8: invalid_value
      good(7).replace("08:01:00", "8 o'clock"), // 9: invalid_value (not a date-time)
      good(8).replaceAll("2026-03-02 08:0", "2026-03-29 02:0"), // 10: invalid_value (spring gap)
      good(9).replace(",3201,", ",301,"), // 11: stored (leading zero restored → 0301)
    ];
    const report = await importExtract(warehouse, write("mixed.csv", `${lines.join("\n")}\n`), context());
    expect(report.rowsRead).toBe(10);
    expect(report.rowsStored).toBe(2);
    expect(report.quarantined).toEqual({ missing_time: 1, time_order: 1, unknown_kommune: 1, duplicate_id: 1, dst_ambiguous: 1, invalid_value: 3 });
    const rows = await warehouse.query(`SELECT source_line, reason, detail FROM quarantine ORDER BY source_line`);
    expect(rows.map((r) => [r.source_line, r.reason])).toEqual([
      [3, "missing_time"],
      [4, "time_order"],
      [5, "unknown_kommune"],
      [6, "duplicate_id"],
      [7, "dst_ambiguous"],
      [8, "invalid_value"],
      [9, "invalid_value"],
      [10, "invalid_value"],
    ]);
    expect(rows.find((r) => r.source_line === 4)?.detail).toBe("unit_at_scene_at is before call_ringing_at");
    expect(rows.find((r) => r.source_line === 6)?.detail).toBe("amk/incident_id/unit_id also on line 2");
    expect(rows.find((r) => r.source_line === 10)?.detail).toMatch(/skipped by the spring DST change/);
    const stored = await warehouse.query(`SELECT source_line, kommune_number, call_ringing_at, record_key FROM missions ORDER BY source_line`);
    expect(stored.map((r) => [r.source_line, r.kommune_number])).toEqual([
      [2, "3201"],
      [11, "0301"],
    ]);
    // 08:00 in Oslo on 2 March (winter time, UTC+1) is 07:00 UTC.
    expect((stored[0]!.call_ringing_at as Date).toISOString()).toBe("2026-03-02T07:00:00.000Z");
    expect(stored[0]!.record_key).toBe("amk-oslo/1/ous-1");
  });

  it("stores times with an offset in the repeated autumn hour, and flags a changed urgency", async () => {
    const { warehouse, write } = await setup();
    const file = write(
      "dst.csv",
      `amk,incident_id,urgency,urgency_final,call_ringing_at,kommune_name\n` +
        `amk-oslo,1,red,,2026-10-25T02:30:00+02:00,Bærum\n` +
        `amk-oslo,2,red,,2026-10-25T02:30:00.250000+01:00,bærum\n` +
        `amk-oslo,3,akutt,haster,2026-10-25 04:00:00,Asker\n`,
    );
    const report = await importExtract(warehouse, file, context());
    expect(report.rowsStored).toBe(3);
    expect(report.flagged.urgency_changed).toBe(1);
    const rows = await warehouse.query(`SELECT incident_id, call_ringing_at, urgency, urgency_changed, kommune_number, call_type FROM missions ORDER BY incident_id`);
    expect(rows.map((r) => (r.call_ringing_at as Date).toISOString())).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.250Z", "2026-10-25T03:00:00.000Z"]);
    expect(rows.map((r) => [r.urgency, r.urgency_changed, r.kommune_number, r.call_type])).toEqual([
      ["red", false, "3201", "advice"],
      ["red", false, "3201", "advice"],
      ["red", true, "3203", "advice"],
    ]);
  });

  it("stores a 113 call without a unit and without a known place with no kommune; a unit's row without one is quarantined; unit_ready_at follows unit_free_at", async () => {
    const { warehouse, write } = await setup();
    const file = write(
      "no-place.csv",
      `amk,incident_id,call_type,call_ringing_at,call_answered_at,unit_free_at,unit_ready_at,kommune_number,unit_id\n` +
        `amk-oslo,1,advice,2026-03-02T08:00:00+01:00,2026-03-02T08:00:04+01:00,,,,\n` +
        `amk-oslo,2,dispatch,2026-03-02T08:00:00+01:00,,,,,ous-1\n` +
        `amk-oslo,3,dispatch,2026-03-02T08:00:00+01:00,,2026-03-02T09:00:00+01:00,2026-03-02T09:20:00+01:00,3201,ous-1\n` +
        `amk-oslo,4,dispatch,2026-03-02T08:00:00+01:00,,2026-03-02T09:00:00+01:00,2026-03-02T08:59:00+01:00,3201,ous-1\n`,
    );
    const report = await importExtract(warehouse, file, context());
    expect(report.rowsStored).toBe(2);
    expect(report.quarantined.unknown_kommune).toBe(1);
    expect(report.quarantined.time_order).toBe(1);
    const rows = await warehouse.query(`SELECT incident_id, kommune_number, epoch(unit_ready_at) - epoch(unit_free_at) AS readySec FROM missions ORDER BY incident_id`);
    expect(rows.map((r) => [r.incident_id, r.kommune_number, r.readySec])).toEqual([
      ["1", null, null],
      ["3", "3201", 1200],
    ]);
    expect((await warehouse.query(`SELECT detail FROM quarantine WHERE reason = 'time_order'`))[0]!.detail).toBe("unit_ready_at is before unit_free_at");
  });

  it("adds nothing when the same file is imported again, and quarantines records already stored", async () => {
    const { warehouse, write, count } = await setup();
    const text = `${HEADER}\n${good(1)}\n${good(2)}\n`;
    const first = await importExtract(warehouse, write("a.csv", text), context());
    expect(first.rowsStored).toBe(2);
    const again = await importExtract(warehouse, write("a-copy.csv", text), context());
    expect(again.alreadyImported).toBe(true);
    expect(await count("missions")).toBe(2);
    expect(await count("imports")).toBe(1);
    const overlapping = await importExtract(warehouse, write("b.csv", `${HEADER}\n${good(2)}\n${good(3)}\n`), context());
    expect(overlapping.rowsStored).toBe(1);
    expect(overlapping.quarantined.duplicate_id).toBe(1);
    expect((await warehouse.query(`SELECT detail FROM quarantine`))[0]!.detail).toBe(`amk/incident_id/unit_id already stored by import ${first.importId}`);
    expect(await count("missions")).toBe(3);
  });

  it("keeps one incident row per incident, made again from all its rows when a later file adds units to it", async () => {
    const { warehouse, write, count } = await setup();
    const first = await importExtract(warehouse, write("a.csv", `${HEADER},unit_type\n${good(1)},ambulance\n${good(2)},ambulance\n`), context());
    // Incident 1 again, with an akuttbil and a second ambulance that arrived a minute before the first one; incident 3 is new.
    const later = [
      `amk-oslo,1,red,2026-03-02 08:00:00,2026-03-02 08:00:05,2026-03-02 08:00:30,2026-03-02 08:04:00,3201,ab-1,akuttbil`,
      `amk-oslo,1,red,2026-03-02 08:00:00,2026-03-02 08:00:05,2026-03-02 08:00:40,2026-03-02 08:08:00,3201,amb-9,ambulance`,
      `${good(3)},ambulance`,
    ];
    const second = await importExtract(warehouse, write("b.csv", `${HEADER},unit_type\n${later.join("\n")}\n`), context());
    expect([first.rowsStored, second.rowsStored]).toEqual([2, 3]);
    const incidents = async () =>
      (
        await warehouse.query(`SELECT incident_id, missions, ambulances_at_scene, first_responder, strftime(first_unit_alerted_at, '%H:%M:%S') AS alerted, strftime(first_ambulance_at_scene_at, '%H:%M:%S') AS ambulance FROM incidents ORDER BY incident_id`)
      ).map((row) => ({ ...row }));
    const expected = [
      { incident_id: "1", missions: 3, ambulances_at_scene: 2, first_responder: true, alerted: "07:00:30", ambulance: "07:08:00" },
      { incident_id: "2", missions: 1, ambulances_at_scene: 1, first_responder: false, alerted: "07:01:00", ambulance: "07:09:00" },
      { incident_id: "3", missions: 1, ambulances_at_scene: 1, first_responder: false, alerted: "07:01:00", ambulance: "07:09:00" },
    ];
    expect(await incidents()).toEqual(expected);
    // The same file again adds nothing, to the incidents either.
    expect((await importExtract(warehouse, write("b-copy.csv", `${HEADER},unit_type\n${later.join("\n")}\n`), context())).alreadyImported).toBe(true);
    expect(await incidents()).toEqual(expected);
    expect(await count("missions")).toBe(5);
  });

  it("reads a centre's own headers and codes through a mapping file", async () => {
    const { warehouse, write } = await setup();
    const mapping = parseMapping(
      [
        "columns:",
        "  amk: Sentral",
        "  incident_id: Hendelse",
        "  urgency: Hastegrad",
        "  call_ringing_at: Tid ringer",
        "  kommune_number: Kommunenr",
        "  unit_id: Ressurs",
        "  unit_type: Ressurstype",
        "ignore: [Løpenummer]",
        "codes:",
        "  urgency: { A: red, H: yellow, V: green }",
        "  unit_type: { AMB: ambulance, AKB: akuttbil }",
      ].join("\n"),
      "centre.yaml",
    );
    const file = write("centre.csv", "Sentral;Hendelse;Hastegrad;Tid ringer;Kommunenr;Ressurs;Ressurstype;Løpenummer\nAMK Oslo;17;A;02.03.2026 08:00;3201;B1;AMB;1\nAMK Oslo;18;h;2026-03-02 09:00;3201;B2;AKB;2\n");
    const report = await importExtract(warehouse, file, context({ mapping }));
    expect(report.quarantined.invalid_value).toBe(1); // 02.03.2026 is not an ISO date-time
    expect(report.rowsStored).toBe(1);
    const rows = await warehouse.query(`SELECT amk, incident_id, urgency, unit_type, source_line FROM missions`);
    expect(rows).toEqual([{ amk: "AMK Oslo", incident_id: "18", urgency: "yellow", unit_type: "akuttbil", source_line: 3 }]);
  });

  it("reads a centre's header with JOIN in it (the staged plan's join guard looks at its operators, not at the column names)", async () => {
    const { warehouse, write } = await setup();
    const mapping = parseMapping("columns: {station: RESSURS_JOIN}\nignore: [DISJOINT]\n", "m.yaml");
    const report = await importExtract(warehouse, write("j.csv", `${HEADER},RESSURS_JOIN,DISJOINT\n${good(1, ",drammen,x")}\n`), context({ mapping }));
    expect(report.rowsStored).toBe(1);
    expect(await warehouse.query(`SELECT station, source_line FROM missions`)).toEqual([{ station: "drammen", source_line: 2 }]);
  });

  it("gives every row of a file large enough to be read in parallel its own source line", async () => {
    const { warehouse, dir } = await setup();
    const file = join(dir, "large.csv");
    // Incident i on line i + 2; every 1000th an unknown kommune and every 997th an unknown unit type (quarantined).
    await warehouse.run(`COPY (SELECT 'amk-oslo' AS amk, i::VARCHAR AS incident_id, 'true' AS synthetic, 'dispatch' AS call_type, ['red', 'yellow', 'green'][1 + i % 3] AS urgency,
        strftime(TIMESTAMP '2026-01-05 00:00:00' + to_seconds(i * 20), '%Y-%m-%d %H:%M:%S') AS call_ringing_at,
        CASE WHEN i % 1000 = 999 THEN '9999' ELSE '3201' END AS kommune_number, 'u-' || (i % 50) AS unit_id, CASE WHEN i % 997 = 3 THEN 'ufo' ELSE 'ambulance' END AS unit_type
      FROM range(300000) r(i)) TO '${file}' (HEADER)`);
    const report = await importExtract(warehouse, file, context());
    expect([report.quarantined.unknown_kommune, report.quarantined.invalid_value]).toEqual([300, 301]);
    const stored = (await warehouse.query(`SELECT count(*) AS n, count_if(incident_id::BIGINT + 2 <> source_line) AS wrong FROM missions`))[0]!;
    expect([Number(stored.n), Number(stored.wrong)]).toEqual([300000 - 601, 0]);
    const quarantined = await warehouse.query(`SELECT source_line, reason FROM quarantine ORDER BY source_line`);
    const expected = Array.from({ length: 300000 }, (_, i) => i)
      .filter((i) => i % 997 === 3 || i % 1000 === 999)
      .map((i) => ({ source_line: i + 2, reason: i % 997 === 3 ? "invalid_value" : "unknown_kommune" }));
    expect(quarantined).toEqual(expected);
  }, 120_000);

  it("reads JSON lines and Parquet, numbering their records from 1", async () => {
    const { warehouse, write, dir } = await setup();
    const json = write("x.jsonl", `{"amk":"amk-oslo","incident_id":"1","call_ringing_at":"2026-03-02T08:00:00+01:00","kommune_number":"3201"}\n{"amk":"amk-oslo","incident_id":"2","call_ringing_at":"2026-03-02T07:59:00+01:00","unit_at_scene_at":"2026-03-02T07:00:00+01:00","kommune_number":"3201","unit_id":"u"}\n`);
    const fromJson = await importExtract(warehouse, json, context());
    expect([fromJson.rowsStored, fromJson.quarantined.time_order]).toEqual([1, 1]);
    expect((await warehouse.query(`SELECT source_line FROM quarantine`))[0]!.source_line).toBe(2);
    const parquet = join(dir, "x.parquet");
    await warehouse.run(`COPY (SELECT 'amk-oslo' AS amk, '9' AS incident_id, TIMESTAMPTZ '2026-03-02 07:00:00+00' AS call_ringing_at, TIMESTAMP '2026-03-02 08:10:00' AS unit_at_scene_at, '3203' AS kommune_number, 'u9' AS unit_id) TO '${parquet}' (FORMAT parquet)`);
    const fromParquet = await importExtract(warehouse, parquet, context());
    expect(fromParquet.rowsStored).toBe(1);
    const row = (await warehouse.query(`SELECT call_ringing_at, unit_at_scene_at FROM missions WHERE incident_id = '9'`))[0]!;
    expect([(row.call_ringing_at as Date).toISOString(), (row.unit_at_scene_at as Date).toISOString()]).toEqual(["2026-03-02T07:00:00.000Z", "2026-03-02T07:10:00.000Z"]);
  });

  it("turns coordinates into the scenario's zone ids, stores no coordinates, and counts units and places outside the scenario", async () => {
    const { warehouse, write } = await setup();
    const scenario = {
      zones: [
        { id: "z-west", lat: 59.9, lon: 10.5 },
        { id: "z-east", lat: 59.9, lon: 10.7 },
      ],
      unitIds: new Set(["ous-1"]),
    };
    const file = write(
      "geo.csv",
      `amk,incident_id,call_ringing_at,kommune_number,latitude,longitude,unit_id\namk-oslo,1,2026-03-02 08:00,3201,59.901,10.69,ous-1\namk-oslo,2,2026-03-02 08:00,3201,59.9,10.52,ous-77\namk-oslo,3,2026-03-02 08:00,3201,61.0,10.5,ous-1\n`,
    );
    const report = await importExtract(warehouse, file, context({ scenario }));
    expect(report.flagged).toEqual({ urgency_changed: 0, unit_outside_scenario: 1, place_outside_zones: 1 });
    expect((await warehouse.query(`SELECT zone_id FROM missions ORDER BY incident_id`)).map((r) => r.zone_id)).toEqual(["z-east", "z-west", null]);
    const columns = (await warehouse.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'missions'`)).map((r) => String(r.column_name));
    expect(columns.some((c) => /lat|lon/.test(c))).toBe(false);
  });
});
