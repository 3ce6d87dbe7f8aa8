/**
 * Direct identifiers an extract must not carry. The warehouse holds missions, not patients: a
 * column with national identity numbers, person names or free text is refused before anything is
 * stored (docs/data-warehouse.md, "Privacy"). The checks are heuristics that err on refusing.
 */

const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/**
 * True for an 11-digit fødselsnummer (or D-/H-number) whose two mod-11 check digits are right
 * and whose first six digits can be a date (day +40 for D-numbers, month +40 for H-numbers,
 * +80 for Skatteetaten's synthetic test numbers). Source: Skatteetaten, "Fødselsnummer"
 * (https://www.skatteetaten.no/person/folkeregister/identitetsnummer/fodselsnummer/).
 */
export function isFodselsnummer(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const d = [...digits].map(Number);
  const check = (weights: number[]) => {
    const k = 11 - (weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11);
    return k === 11 ? 0 : k;
  };
  const k1 = check(WEIGHTS_1);
  const k2 = check(WEIGHTS_2);
  if (k1 === 10 || k2 === 10 || k1 !== d[9] || k2 !== d[10]) return false;
  const day = (d[0]! * 10 + d[1]!) % 40;
  const month = (d[2]! * 10 + d[3]!) % 40;
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/**
 * True when a text holds an identity number: an 11-digit run, after spaces (also no-break ones),
 * dots and dashes are removed (so "010190 12345" counts), that `isFodselsnummer` accepts. The same reading as
 * the macro akutt_fnr_in below, for values checked in JavaScript (the live event API).
 */
export function holdsFodselsnummer(text: string): boolean {
  const compact = text.replace(/[ .\u00a0\u202f-]/g, "");
  for (const match of compact.matchAll(/(?<!\d)\d{11}(?!\d)/g)) if (isFodselsnummer(match[0])) return true;
  return false;
}

/** What may stand between the digits of an identity number: a space (also a no-break one, as a spreadsheet groups digits), a dot or a dash. */
const SEPARATOR = "[ .\u00a0\u202f-]";

/**
 * The same check as DuckDB macros: akutt_is_fnr(text) for a text value that is exactly 11 digits;
 * akutt_fnr_in(text) for one that holds an identity number like `holdsFodselsnummer`: every digit
 * run once separators are removed, not only the first (a reference number in front would hide it).
 */
export const FNR_MACRO_SQL = `CREATE OR REPLACE TEMP MACRO akutt_digit(n, place) AS (n // place) % 10;
CREATE OR REPLACE TEMP MACRO akutt_fnr_number_ok(n) AS
  (11 - ((3*akutt_digit(n, 10000000000) + 7*akutt_digit(n, 1000000000) + 6*akutt_digit(n, 100000000) + 1*akutt_digit(n, 10000000) + 8*akutt_digit(n, 1000000)
    + 9*akutt_digit(n, 100000) + 4*akutt_digit(n, 10000) + 5*akutt_digit(n, 1000) + 2*akutt_digit(n, 100)) % 11)) % 11 = akutt_digit(n, 10)
  AND (11 - ((5*akutt_digit(n, 10000000000) + 4*akutt_digit(n, 1000000000) + 3*akutt_digit(n, 100000000) + 2*akutt_digit(n, 10000000) + 7*akutt_digit(n, 1000000)
    + 6*akutt_digit(n, 100000) + 5*akutt_digit(n, 10000) + 4*akutt_digit(n, 1000) + 3*akutt_digit(n, 100) + 2*akutt_digit(n, 10)) % 11)) % 11 = akutt_digit(n, 1)
  AND (n // 1000000000) % 40 BETWEEN 1 AND 31 AND ((n // 10000000) % 100) % 40 BETWEEN 1 AND 12;
CREATE OR REPLACE TEMP MACRO akutt_is_fnr(s) AS
  regexp_full_match(s, '[0-9]{11}') AND akutt_fnr_number_ok(TRY_CAST(s AS BIGINT));
CREATE OR REPLACE TEMP MACRO akutt_fnr_in(s) AS
  list_bool_or(list_transform(regexp_extract_all(regexp_replace(s, '${SEPARATOR}', '', 'g'), '[0-9]+'), r -> akutt_is_fnr(r)));
CREATE OR REPLACE TEMP MACRO akutt_whole_between(d, lo, hi) AS
  CASE WHEN d BETWEEN lo AND hi AND d = floor(d) THEN CAST(d AS BIGINT) END;
CREATE OR REPLACE TEMP MACRO akutt_float_digits(s) AS
  CAST(akutt_whole_between(TRY_CAST(s AS DOUBLE), 1e10, 99999999999) AS VARCHAR);
CREATE OR REPLACE TEMP MACRO akutt_ten_digit_number(s) AS
  CASE WHEN regexp_full_match(trim(s), '[0-9]{10}') THEN CAST(trim(s) AS BIGINT)
  ELSE akutt_whole_between(TRY_CAST(s AS DOUBLE), 1e9, 9999999999) END;`;

/**
 * SQL true when a value holds an identity number: an 11-digit run (`akutt_fnr_in`), or the
 * value is a floating-point number equal to an 11-digit integer. A Parquet or JSON-lines column of
 * doubles reads as "15076510013.0", where removing the dot as a separator leaves 12 digits; a
 * spreadsheet may write "1.5076510013E+10". Needs FNR_MACRO_SQL.
 */
export const holdsFnrSql = (value: string) => `(akutt_fnr_in(${value}) OR akutt_is_fnr(akutt_float_digits(${value})))`;

/**
 * A cheap first filter for akutt_ten_digit_number (a partial match, as the scan's other patterns):
 * ten digits alone in the value, perhaps with a decimal zero, or a number in scientific notation
 * times 10^9.
 */
const TEN_DIGITS_PATTERN = "^ *[0-9]{10}(\\.0+)? *$|^[0-9][.][0-9]+[eE][+]?0?9$";

/**
 * SQL for the value as a number when it is a whole number of exactly ten digits, written as text
 * ("1019012345") or as a floating-point number ("1019012345.0", "1.019012345E+9"); NULL otherwise.
 * An identity number of someone born on the 1st to the 9th of a month loses its leading zero in a
 * numeric column (a spreadsheet, a Parquet or JSON number) and reads like this. It runs on every
 * value of every column, so the length is tested first: most values are shorter. Needs FNR_MACRO_SQL.
 */
export const tenDigitNumberSql = (value: string) => `CASE WHEN strlen(${value}) >= 10 AND regexp_matches(${value}, '${TEN_DIGITS_PATTERN}') THEN akutt_ten_digit_number(${value}) END`;

/**
 * SQL true when a number from tenDigitNumberSql (give it a column, not the expression: the rule
 * names it many times) is an identity number once its lost leading zero is put back: the same
 * rule as akutt_is_fnr, on the digits of the number. Needs FNR_MACRO_SQL.
 */
export const lostZeroFnrSql = (number: string) => `akutt_fnr_number_ok(${number})`;

/**
 * Values that may hold an identity number (a cheap first filter): the birth date as six digits or
 * as DD.MM.YY, then the five digits, maybe split 3 + 2 ("010190 12345", "01.01.90.123.45"); 11
 * digits in groups of three ("15 076 510 013"); a number in scientific notation times 10^10. Where a
 * separator may stand, any number of them may ("010190 - 12345", "01. 01. 90"), as akutt_fnr_in
 * removes them all: a fixed count was a way past the check. Not separators anywhere: a coordinate
 * with nine decimals would then be a candidate.
 */
const SEPARATORS = `${SEPARATOR}*`;
export const ELEVEN_DIGITS_PATTERN = `([0-9]{6}|[0-9]{2}${SEPARATOR}${SEPARATORS}[0-9]{2}${SEPARATOR}${SEPARATORS}[0-9]{2})${SEPARATORS}[0-9]{3}${SEPARATORS}[0-9]{2}|[0-9]{2}(${SEPARATOR}${SEPARATORS}[0-9]{3}){3}|[0-9][.][0-9]+[eE][+]?10`;

/** Headers that say a column holds names, contact details or free text (Norwegian and English). */
export const IDENTIFYING_HEADER = /navn|name|pasient|patient|fnr|f(ø|o)dsels|personn|adresse|address|telefon|phone|mobil|e-?post|email|kommentar|comment|merknad|fritekst|free ?text|notat|notes?\b|beskrivelse|description|journal/i;

/** A value written like a person's name: two to four capitalised words. */
export const PERSON_NAME_SQL_PATTERN = "^[A-ZÆØÅ][a-zæøåéèü'-]+( [A-ZÆØÅ][a-zæøåéèü'-]+){1,3}$";

/** A value of free text: five or more words. */
export const FREE_TEXT_MIN_WORDS = 5;
