/**
 * What the warehouse does not hold but the indicators need: each kommune's tettbygd/grisgrendt
 * class, which health trust serves an incident's place, readable names, and population. Classes,
 * trusts and names come from a scenario's areas (each area's class carries the scenario's source);
 * names and population from SSB's tables in the shared data folder.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { readRegularFile, RegularFileError } from "@akutt/model";
import { IndicatorInputError } from "./errors.js";

export type AreaClass = "tettbygd" | "grisgrendt";

export interface AreaReference {
  /** Kommune number (4 digits) → class by Helsedirektoratet's rule (tettbygd if any part is). */
  kommuneClass: Map<string, AreaClass>;
  /** Zone id, bydel code or kommune number → responsible health trust id. */
  trustOfZone: Map<string, string>;
  trustOfArea: Map<string, string>;
  /** Display names by code or id (kommuner, bydeler, trusts, AMKs, stations). */
  names: Map<string, string>;
  /** Where the classes and trusts came from (e.g. the scenario file), for the notes. */
  source: string;
  /** Said with the response indicators when the shared data holds no public kommune classification (KOMMUNE_CLASS_FILE). */
  classNote?: { nb: string; en: string };
}

/**
 * A public kommune classification (Helsedirektoratet's tettbygd/grisgrendt, from SSB's tettsteder)
 * in the shared data folder, used by default when present: CSV `code,class` (4-digit kommune,
 * tettbygd | grisgrendt). The shared data has none today (its README lists tettsted tables under
 * "Known gaps (not found)"); the classes then come from the scenario's areas, and the output says so.
 */
export const KOMMUNE_CLASS_FILE = "classification/kommune-class.csv";
/** A classification file holds one line per kommune: 357 today; this bounds what is read. */
const MAX_CLASS_FILE_BYTES = 1024 * 1024;

/**
 * The public classification of the data folder, or undefined when it has none; a malformed file is an IndicatorInputError naming its line and field.
 * The file must be a regular file inside the data folder (a symlink out of it, a FIFO or a device is
 * refused), and no more than MAX_CLASS_FILE_BYTES are read, whatever the size reported beforehand.
 */
export function readKommuneClasses(dataDir: string): Map<string, AreaClass> | undefined {
  const path = join(dataDir, KOMMUNE_CLASS_FILE);
  if (!existsSync(path)) return undefined;
  // One handle, checked and then read (RegularFile): a FIFO put there does not hang the open, and
  // the file read is the one whose place (inside the data folder) and kind were checked.
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, { maxBytes: MAX_CLASS_FILE_BYTES, allowedRoots: [realpathSync(dataDir)] });
  } catch (error) {
    if (!(error instanceof RegularFileError)) throw error;
    // A socket, a file without read permission, a link out of the folder: the user's to fix, not a crash.
    const why = error.problem === "not-allowed" ? "leads out of the data folder" : error.problem === "too-large" ? `larger than ${MAX_CLASS_FILE_BYTES} bytes` : error.reason;
    throw new IndicatorInputError(`${KOMMUNE_CLASS_FILE}: ${why}`);
  }
  const lines = bytes.toString("utf8").split(/\r?\n/);
  const refuse = (line: number, field: string, what: string) =>
    new IndicatorInputError(`${KOMMUNE_CLASS_FILE}, line ${line}, ${field === "header" ? "header" : `field ${field}`}: ${what}`, { file: KOMMUNE_CLASS_FILE, line, field, message: what });
  if (lines[0]?.trim() !== "code,class") throw refuse(1, "header", 'must be "code,class"');
  const classes = new Map<string, AreaClass>();
  const lineOf = new Map<string, number>();
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (text.trim() === "") return;
    const [code = "", areaClass, ...rest] = text.split(",");
    if (!/^\d{4}$/.test(code)) throw refuse(line, "code", "expected a 4-digit kommune number");
    if (areaClass !== "tettbygd" && areaClass !== "grisgrendt") throw refuse(line, "class", "expected tettbygd or grisgrendt");
    if (rest.length > 0) throw refuse(line, "3", "a line holds only code and class");
    const first = lineOf.get(code);
    // One kommune, one class: a second line would silently decide which of two classes counts.
    if (first !== undefined) throw refuse(line, "code", `kommune listed twice (first on line ${first})`);
    lineOf.set(code, line);
    classes.set(code, areaClass);
  });
  return classes;
}

/** The part of a scenario the reference is built from (structural, so tests need no YAML). */
export interface ScenarioAreas {
  name: string;
  areas: ReadonlyArray<{ code: string; name: string; class: AreaClass; responsibleOrganisation: string; partOf?: { code: string; name: string } | undefined }>;
  zones: ReadonlyArray<{ id: string; area: string }>;
  organisations: ReadonlyArray<{ id: string; name: string }>;
  amkCentres: ReadonlyArray<{ id: string; name: string }>;
  stations: ReadonlyArray<{ id: string; name: string }>;
}

/** The kommune an area code lies in: its whole's code, or the first four digits of a bydel code. */
export function kommuneOfArea(area: { code: string; partOf?: { code: string } | undefined }): string {
  if (area.partOf) return area.partOf.code.slice(0, 4);
  return area.code.slice(0, 4);
}

/**
 * Helsedirektoratet classifies per kommune: tettbygd if any part of it lies in an SSB tettsted
 * of more than 10,000 inhabitants (shared/reference/domain-facts.md § 1). A scenario classifies
 * its areas (parts of kommuner, bydeler); a kommune is tettbygd when any of its areas is.
 */
export function areaReferenceFromScenario(scenario: ScenarioAreas): AreaReference {
  const kommuneClass = new Map<string, AreaClass>();
  const trustOfArea = new Map<string, string>();
  const trustsOfKommune = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  for (const area of scenario.areas) {
    const kommune = kommuneOfArea(area);
    if (kommuneClass.get(kommune) !== "tettbygd") kommuneClass.set(kommune, area.class);
    trustOfArea.set(area.code, area.responsibleOrganisation);
    names.set(area.code, area.name);
    if (area.partOf) names.set(area.partOf.code, area.partOf.name);
    const trusts = trustsOfKommune.get(kommune) ?? new Set<string>();
    trusts.add(area.responsibleOrganisation);
    trustsOfKommune.set(kommune, trusts);
  }
  // A kommune served by one trust maps to it; one split between trusts (Asker) is resolved by zone.
  for (const [kommune, trusts] of trustsOfKommune) if (trusts.size === 1 && !trustOfArea.has(kommune)) trustOfArea.set(kommune, [...trusts][0]!);
  const trustOfZone = new Map<string, string>();
  for (const zone of scenario.zones) {
    const trust = trustOfArea.get(zone.area);
    if (trust !== undefined) trustOfZone.set(zone.id, trust);
  }
  for (const list of [scenario.organisations, scenario.amkCentres, scenario.stations]) for (const item of list) names.set(item.id, item.name);
  return { kommuneClass, trustOfZone, trustOfArea, names, source: scenario.name };
}

export const EMPTY_AREA_REFERENCE: AreaReference = { kommuneClass: new Map(), trustOfZone: new Map(), trustOfArea: new Map(), names: new Map(), source: "" };

/** SSB population on 1 January per kommune (2024 borders) and per Oslo bydel, 2005–2026, in the shared data folder. */
export const POPULATION_FILES = ["population/kommune-totals-2005-2026.csv", "population/oslo-bydel-totals-2005-2026.csv"] as const;

export function populationFiles(dataDir: string): string[] {
  return POPULATION_FILES.map((file) => join(dataDir, file));
}

const namesByDataDir = new Map<string, ReadonlyMap<string, string>>();

/**
 * Kommune and bydel names from the population tables (the latest year's spelling), for rows without
 * a scenario name. Read once per data folder: the server asks for them on every indicator request,
 * and the shipped tables do not change while it runs.
 */
export function populationNames(dataDir: string): ReadonlyMap<string, string> {
  const cached = namesByDataDir.get(dataDir);
  if (cached) return cached;
  const names = new Map<string, string>();
  for (const file of populationFiles(dataDir)) {
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, "utf8").split(/\r?\n/).slice(1);
    for (const line of lines) {
      const [code, name] = line.split(",");
      if (code && name) names.set(code, name);
    }
  }
  namesByDataDir.set(dataDir, names);
  return names;
}

const classesByDataDir = new Map<string, ReadonlyMap<string, AreaClass> | undefined>();

/**
 * readKommuneClasses once per data folder, as populationNames: the server builds an area reference
 * on every indicator request, and the data folder does not change while it runs. A refused file is
 * not remembered (it is refused again, with the same message).
 */
function kommuneClasses(dataDir: string): ReadonlyMap<string, AreaClass> | undefined {
  if (!classesByDataDir.has(dataDir)) classesByDataDir.set(dataDir, readKommuneClasses(dataDir));
  return classesByDataDir.get(dataDir);
}

/**
 * The reference for a scenario (or none), with kommune and bydel names from SSB's tables where the
 * scenario has none. Kommune classes: the data folder's public classification (KOMMUNE_CLASS_FILE)
 * by default, the scenario's areas for kommuner it does not list; without that file, the
 * scenario's alone, and classNote says so.
 */
export function areaReference(scenario: ScenarioAreas | undefined, dataDir: string | undefined): AreaReference {
  const reference: AreaReference = scenario ? areaReferenceFromScenario(scenario) : { ...EMPTY_AREA_REFERENCE, kommuneClass: new Map(), names: new Map<string, string>() };
  if (dataDir) for (const [code, name] of populationNames(dataDir)) if (!reference.names.has(code)) reference.names.set(code, name);
  const published = dataDir ? kommuneClasses(dataDir) : undefined;
  if (published) {
    for (const [code, areaClass] of published) reference.kommuneClass.set(code, areaClass);
    reference.source = reference.source ? `${KOMMUNE_CLASS_FILE} and ${reference.source}` : KOMMUNE_CLASS_FILE;
  } else {
    const from = scenario ? { nb: `kommuneklassene kommer fra scenarioet ${scenario.name}`, en: `the classes come from the scenario ${scenario.name}` } : { nb: "uten --scenario har ingen kommune en klasse, så andelen innen målet beregnes ikke", en: "without --scenario no kommune has a class, so the share within target is not computed" };
    reference.classNote = {
      nb: `Datamappen har ingen offentlig kommuneklassifisering (tettbygd/grisgrendt; ${KOMMUNE_CLASS_FILE} finnes ikke, SSBs tettstedstabell mangler i de delte dataene): ${from.nb}.`,
      en: `The data folder has no public kommune classification (tettbygd/grisgrendt; ${KOMMUNE_CLASS_FILE} is absent, SSB's tettsted table is missing from the shared data): ${from.en}.`,
    };
  }
  return reference;
}
