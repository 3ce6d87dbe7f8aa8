import { DEFAULT_AGE_RATES, DEFAULT_PROJECTION_ALTERNATIVES, ScenarioError, textIn, type IssueLocator, type LocalText, type ProjectionSpec, type Scenario, type ScenarioIssue } from "@akutt/model";
import { loadMunicipalityProjection, populationByAge, resolveDataDir, type PopulationTotals } from "@akutt/geo";
import { areaFactors, perHeadMultiplier, projectDemand, projectWorkload, withDemandPatch, workloadFactors, type AreaFactor, type AreaProjectionInput, type DemandPatch, type WorkloadPatch } from "./demand-factors.js";

/** The only year with population by age for every municipality and Oslo city district in shared/data (besides 2022). */
export const AGE_STRUCTURE_YEAR = 2026;
const PROJECTION_FILE = "population/kommune-projection-2025-2050.csv";

/** A projection request the data cannot answer (year outside the file, unknown alternative). */
export class ProjectionInputError extends Error {
  readonly isUserError = true;
  constructor(
    message: string,
    /** The request field at fault: the target year, the alternative, or the scenario's projection.baseYear. */
    readonly subject: "year" | "alternative" | "baseYear",
  ) {
    super(message);
    this.name = "ProjectionInputError";
  }
}

export interface ProjectOptions {
  year: number;
  /** Id of one of the scenario's projection alternatives; absent: the first. */
  alternative?: string | undefined;
  dataDir?: string | undefined;
  /** Locates scenario fields for error messages (readScenarioChain of the scenario file); absent: messages name the field only. */
  locator?: IssueLocator | undefined;
  /** Data already read (a comparison projects many variants from the same files). */
  data?: ProjectionData | undefined;
}

/** The projection table and the age structures read so far, from one data folder. */
export class ProjectionData {
  private readonly ages = new Map<string, ReturnType<typeof populationByAge>>();
  private constructor(
    readonly dataDir: string,
    readonly table: PopulationTotals,
  ) {}

  static load(dataDirFlag: string | undefined): ProjectionData {
    const dataDir = resolveDataDir(dataDirFlag);
    return new ProjectionData(dataDir, loadMunicipalityProjection(dataDir));
  }

  byAge(code: string): ReturnType<typeof populationByAge> {
    if (!this.ages.has(code)) this.ages.set(code, populationByAge(this.dataDir, code, AGE_STRUCTURE_YEAR));
    return this.ages.get(code)!;
  }
}

export interface AreaProjection extends AreaFactor {
  municipality: string;
  populationBase: number;
  populationTarget: number;
  /** Where the area's age structure comes from (file and code). */
  ageSource: string;
}

export interface ProjectionResult {
  year: number;
  baseYear: number;
  alternative: { id: string; label: LocalText; perHeadGrowthPerYear: number; basis: LocalText };
  perHeadMultiplier: number;
  ageRates: ProjectionSpec["ageRates"];
  /** The age rates are all equal, so the age structure plays no part. */
  flatAgeRates: boolean;
  areas: AreaProjection[];
  patch: DemandPatch;
  /** The scenario with the projected demand (the same as loading the overlay). */
  scenario: Scenario;
  /** What the reader must know: sources, and what is held fixed. */
  notes: { nb: string[]; en: string[] };
}

/** The scenario's projection settings with the documented defaults filled in. */
export function projectionSettings(scenario: Scenario): ProjectionSpec & { baseYear: number } {
  const spec = scenario.projection;
  return {
    baseYear: spec?.baseYear ?? Number(scenario.metadata.start.slice(0, 4)),
    ageRates: spec?.ageRates ?? DEFAULT_AGE_RATES,
    alternatives: spec?.alternatives ?? DEFAULT_PROJECTION_ALTERNATIVES,
    areaMunicipality: spec?.areaMunicipality ?? {},
  };
}

/**
 * Demand projected to `year`: each area's rates follow its municipality's projected population,
 * weighted by its age structure (held at 2026's), times the alternative's per-head growth.
 */
export function projectScenario(scenario: Scenario, options: ProjectOptions): ProjectionResult {
  const settings = projectionSettings(scenario);
  const alternative = settings.alternatives.find((candidate) => candidate.id === (options.alternative ?? settings.alternatives[0]!.id));
  if (!alternative) throw new ProjectionInputError(`unknown projection alternative "${options.alternative}"; the scenario has ${settings.alternatives.map((candidate) => `"${candidate.id}"`).join(", ")}`, "alternative");
  const data = options.data ?? ProjectionData.load(options.dataDir);
  const table = data.table;
  const years = yearsOf(table);
  for (const [what, year] of [["year", options.year], ["projection.baseYear", settings.baseYear]] as const) {
    if (!Number.isInteger(year) || year < years.first || year > years.last) {
      const baseHint = what === "projection.baseYear" ? " (absent: the year of metadata.start); set projection.baseYear to the year of the scenario's population" : "";
      throw new ProjectionInputError(`${what} ${year}: the population projection covers ${years.first}–${years.last} (${PROJECTION_FILE})${baseHint}`, what === "year" ? "year" : "baseYear");
    }
  }

  const issues: ScenarioIssue[] = [];
  const locate = (path: PropertyKey[], field: string, message: string): ScenarioIssue =>
    options.locator ? options.locator.issue(path, field, message) : { file: scenario.file || "scenario", line: undefined, column: undefined, field, message };
  const populationOfArea = new Map<string, number>();
  for (const zone of scenario.zones) populationOfArea.set(zone.area, (populationOfArea.get(zone.area) ?? 0) + (zone.population ?? 0));

  const inputs: Array<AreaProjectionInput & { municipality: string; ageSource: string }> = [];
  scenario.areas.forEach((area, i) => {
    const mapped = settings.areaMunicipality[area.code];
    const municipality = mapped ?? municipalityOf(area.code, area.partOf?.code);
    const field = mapped ? { path: ["projection", "areaMunicipality", area.code], name: `projection.areaMunicipality.${area.code}` } : { path: ["areas", i, "code"], name: `areas[${i}].code` };
    const series = municipality ? table.byCode.get(municipality) : undefined;
    const populationBase = series?.get(settings.baseYear);
    const populationTarget = series?.get(options.year);
    if (!municipality || populationBase === undefined || populationTarget === undefined || populationBase <= 0) {
      issues.push(
        locate(
          field.path,
          field.name,
          municipality
            ? `no municipality "${municipality}" with ${settings.baseYear} and ${options.year} in the population projection (${PROJECTION_FILE}, 2024 municipality numbers)`
            : `area "${area.code}" is not a Norwegian municipality or part of one; map it with projection.areaMunicipality: { "${area.code}": "<4-digit kommune number>" }`,
        ),
      );
      return;
    }
    // A city district's own age structure where SSB has one (Oslo), else its municipality's.
    const own = area.code.length === 6 ? data.byAge(area.code) : null;
    const ages = own ?? data.byAge(municipality);
    if (!ages) {
      issues.push(locate(field.path, field.name, `no population by age ${AGE_STRUCTURE_YEAR} for "${municipality}" in shared/data`));
      return;
    }
    inputs.push({
      areaCode: area.code,
      municipality,
      byAge: ages.byAge,
      ageSource: `${ages.path} ${own ? area.code : municipality}`,
      populationBase,
      populationTarget,
      scenarioPopulation: populationOfArea.get(area.code) ?? area.population ?? 0,
    });
  });
  if (issues.length > 0) throw new ScenarioError(issues);

  const groups = settings.ageRates.groups;
  const factors = areaFactors(inputs, groups);
  const multiplier = perHeadMultiplier(alternative.perHeadGrowthPerYear, settings.baseYear, options.year);
  const factorByArea = new Map(factors.map((factor) => [factor.areaCode, factor.factor]));
  const workload = projectWorkload(scenario, workloadFactors(scenario, factors, multiplier));
  const patch: DemandPatch = { ...projectDemand(scenario, factorByArea, multiplier), workload };
  const flatAgeRates = groups.every((group) => group.relativeRate === groups[0]!.relativeRate);
  const areas: AreaProjection[] = factors.map((factor, i) => ({ ...factor, municipality: inputs[i]!.municipality, populationBase: inputs[i]!.populationBase, populationTarget: inputs[i]!.populationTarget, ageSource: inputs[i]!.ageSource }));
  return {
    year: options.year,
    baseYear: settings.baseYear,
    alternative,
    perHeadMultiplier: multiplier,
    ageRates: settings.ageRates,
    flatAgeRates,
    areas,
    patch,
    scenario: withDemandPatch(scenario, patch),
    notes: projectionNotes(settings.baseYear, options.year, alternative, flatAgeRates, settings.ageRates.basis, workload),
  };
}

/** A 4-digit code is a municipality; a 6-digit one (Oslo's 0301xx districts, Asker's 3203xx parts) lies in the municipality of its first four digits. */
export function municipalityOf(code: string, partOf: string | undefined): string | undefined {
  if (/^[0-9]{4}$/.test(code)) return code;
  if (partOf && /^[0-9]{4}$/.test(partOf)) return partOf;
  if (/^[0-9]{6}$/.test(code)) return code.slice(0, 4);
  return undefined;
}

function yearsOf(table: PopulationTotals): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const series of table.byCode.values()) {
    for (const year of series.keys()) {
      first = Math.min(first, year);
      last = Math.max(last, year);
    }
  }
  return { first, last };
}

function projectionNotes(baseYear: number, year: number, alternative: { id: string; label: LocalText; perHeadGrowthPerYear: number; basis: LocalText }, flat: boolean, ageBasis: LocalText, workload: WorkloadPatch): { nb: string[]; en: string[] } {
  const growth = (alternative.perHeadGrowthPerYear * 100).toFixed(1);
  const workloadNote = workloadNotes(workload);
  // The alternative's line stays last: a comparison lists one per growth alternative after the shared ones.
  return {
    en: [
      `Population: SSB's projection per municipality ${baseYear} → ${year} (table 14288, 2024 round, one alternative; ${PROJECTION_FILE}); a city district or part of a municipality grows with its municipality.`,
      flat
        ? "Age: the age rates are flat, so demand per head is the same at every age."
        : `Age structure held at ${AGE_STRUCTURE_YEAR}'s: no projection by age is available, so each area's age weight is the same in every year (age rates: ${textIn(ageBasis, "en")}).`,
      ...workloadNote.en,
      `Alternative "${alternative.id}" (${textIn(alternative.label, "en")}): ${growth} % a year per head on top of the population (${textIn(alternative.basis, "en")}).`,
    ],
    nb: [
      `Befolkning: SSBs framskriving per kommune ${baseYear} → ${year} (tabell 14288, 2024, ett alternativ; ${PROJECTION_FILE}); en bydel eller del av en kommune vokser med kommunen.`,
      flat
        ? "Alder: aldersratene er like, så etterspørselen per innbygger er den samme i alle aldre."
        : `Alderssammensetningen holdes som i ${AGE_STRUCTURE_YEAR}: det finnes ingen framskriving etter alder, så hvert områdes aldersvekt er den samme hvert år (aldersrater: ${textIn(ageBasis, "nb")}).`,
      ...workloadNote.nb,
      `Alternativ «${alternative.id}» (${textIn(alternative.label, "nb")}): ${growth.replace(".", ",")} % i året per innbygger i tillegg til befolkningen (${textIn(alternative.basis, "nb")}).`,
    ],
  };
}

/** What the workload outside 113 emergencies was multiplied by, and why (empty when the scenario has none). */
function workloadNotes(workload: WorkloadPatch): { nb: string[]; en: string[] } {
  const en: string[] = [];
  const nb: string[] = [];
  const nbNumber = (value: number) => value.toFixed(3).replace(".", ",");
  if (workload.transports) {
    const factor = workload.factors.transports;
    en.push(`Transfers and booked transports × ${factor.toFixed(3)}: they grow with the study area's 113 emergency demand (projected incidents a year over today's, age weights and per-head growth included).`);
    nb.push(`Overflyttinger og bestilte transporter × ${nbNumber(factor)}: de vokser med studieområdets akutte 113-etterspørsel (framskrevne hendelser i året over dagens, med aldersvekt og vekst per innbygger).`);
  }
  if (workload.amkCentres.length > 0) {
    const en1 = workload.amkCentres.map((centre) => `${centre.id} × ${centre.factor.toFixed(3)}`).join(", ");
    const nb1 = workload.amkCentres.map((centre) => `${centre.id} × ${nbNumber(centre.factor)}`).join(", ");
    en.push(`AMK background calls and other-work tasks: ${en1}: the population ratio of the municipalities of the AMK's own areas in the study area (weighted by their 113 emergency incidents today), times the per-head growth. APPROXIMATION: the background comes from the rest of the AMK's catchment, which the projection does not read; it is assumed to grow like those municipalities.`);
    nb.push(`AMK-bakgrunnsanrop og andre oppgaver: ${nb1}: befolkningsveksten i kommunene til AMK-ens egne områder i studieområdet (vektet med dagens akutte 113-hendelser), ganger veksten per innbygger. TILNÆRMING: bakgrunnen kommer fra resten av AMK-området, som framskrivingen ikke leser; den antas å vokse som disse kommunene.`);
  }
  return { nb, en };
}
