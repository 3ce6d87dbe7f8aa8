/**
 * What the warehouse does not hold but the indicators need: each kommune's tettbygd/grisgrendt
 * class, which health trust serves an incident's place, readable names, and population. Classes,
 * trusts and names come from a scenario's areas (each area's class carries the scenario's source);
 * names and population from SSB's tables in the shared data folder.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

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

/** The reference for a scenario (or none), with kommune and bydel names from SSB's tables where the scenario has none. */
export function areaReference(scenario: ScenarioAreas | undefined, dataDir: string | undefined): AreaReference {
  const reference = scenario ? areaReferenceFromScenario(scenario) : { ...EMPTY_AREA_REFERENCE, names: new Map<string, string>() };
  if (dataDir) for (const [code, name] of populationNames(dataDir)) if (!reference.names.has(code)) reference.names.set(code, name);
  return reference;
}
