import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DuckDBInstance } from "@duckdb/node-api";
import { FNR_MACRO_SQL, IDENTIFYING_HEADER, holdsFodselsnummer, isFodselsnummer } from "./identifiers.js";

describe("fødselsnummer check", () => {
  it("accepts numbers with both check digits right and a possible date, and nothing else", () => {
    // Skatteetaten's published example structure: 01019012345 has wrong check digits.
    expect(isFodselsnummer("01019012345")).toBe(false);
    expect(isFodselsnummer("0101901234")).toBe(false);
    // 010190124: k1 = 11 − (3·0+7·1+6·0+1·1+8·9+9·0+4·1+5·2+2·4 = 102 mod 11 = 3) = 8; k2 = 11 − (… = 99 mod 11 = 0) → 0.
    expect(isFodselsnummer("01019012480")).toBe(true);
    expect(isFodselsnummer("01019012481")).toBe(false);
    expect(isFodselsnummer("01139012480")).toBe(false); // month 13 is no date (and the check digits change)
  });

  it("agrees with the DuckDB macro on any 11 digits", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(FNR_MACRO_SQL);
    const samples = fc.sample(fc.stringMatching(/^[0-9]{11}$/), 3000);
    // Plus valid ones, which random digits hit rarely.
    for (let n = 1; samples.length < 3200 && n < 200_000; n++) {
      const candidate = `0101${String(n).padStart(7, "0")}`;
      if (isFodselsnummer(candidate)) samples.push(candidate);
    }
    const list = samples.map((s) => `'${s}'`).join(",");
    const rows = (await connection.runAndReadAll(`SELECT s, akutt_is_fnr(s) AS ok FROM (SELECT unnest([${list}]) AS s)`)).getRowObjectsJS();
    expect(rows.filter((row) => row.ok === true).length).toBeGreaterThan(150);
    for (const row of rows) expect(row.ok === true).toBe(isFodselsnummer(String(row.s)));
    connection.closeSync();
    instance.closeSync();
  });

  it("finds an identity number inside a text, written with or without separators, and no other 11 digits", () => {
    for (const text of ["01019012480", "pas 010190 12480", "010190-12480", "01.01.90.124.80", "x01019012480y", "010190\u00a012480"]) expect(holdsFodselsnummer(text)).toBe(true);
    // Wrong check digit, a 12-digit run, and an 11-digit run inside a longer number are not identity numbers.
    for (const text of ["01019012481", "010190124801", "1010190124800", "unit-12", ""]) expect(holdsFodselsnummer(text)).toBe(false);
  });

  it("recognises headers of identifying columns", () => {
    for (const header of ["Pasientnavn", "Fornavn", "fnr", "Fødselsnummer", "Kommentar", "Fritekst", "Telefon", "notes"]) expect(IDENTIFYING_HEADER.test(header)).toBe(true);
    for (const header of ["Hastegrad", "Tid ringer", "Ressurs", "Kommunenr"]) expect(IDENTIFYING_HEADER.test(header)).toBe(false);
  });
});
