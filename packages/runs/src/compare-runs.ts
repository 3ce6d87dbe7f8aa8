import { resolve } from "node:path";
import { FACTORS, loadScenarioFile, readScenarioChain, textIn, type Factor, type LocalText, type LoadedComparison, type Scenario } from "@akutt/model";
import { catchmentFigures, loadBoundaries, loadDistrictTotals, loadMunicipalityTotals, type CatchmentFigures } from "@akutt/geo";
import { computeReplicationKpis, fleetCheck, type FleetAddition, type FleetNeededInput, type ReplicationKpis } from "@akutt/analysis";
import { ColumnPool, prepareSimulation, simulateReplication, type ScenarioIndex } from "@akutt/engine";
import { resolveDataDir } from "@akutt/geo";
import { simulateScenario } from "./simulate-scenario.js";
import { fleetCandidates, searchFleet, withAddedAmbulances } from "./fleet-search.js";
import { prepareRun, type PreparedRun } from "./prepare.js";
import { ProjectionData, ProjectionInputError, projectionSettings, projectScenario, type ProjectionResult } from "./projection/index.js";

/** One variant of a comparison, run on the comparison's seeds. */
export interface VariantRun {
  id: string;
  label: string;
  /** The label in bokmål, when comparison.yaml gives one that differs. */
  labelNb?: string;
  description: string;
  /** The description in bokmål, when comparison.yaml gives one that differs. */
  descriptionNb?: string;
  scenario: Scenario;
  index: ScenarioIndex;
  /** Only the travel model's description is kept: its matrices are dropped after the run. */
  travel: { name: string; limitations: string[]; limitationsNb?: string[] };
  kpis: ReplicationKpis[];
  stationsByOrganisation: Record<string, number>;
}

/** A sensitivity setting run for the baseline and one alternative with the same seeds. */
export interface SensitivityRun {
  group: "interAmkDelaySec" | "demandGrowth" | "stationSite";
  settingLabel: string;
  /** The label in bokmål, when it differs. */
  settingLabelNb?: string;
  /** The setting as a number where it is one (delay in s, annual growth rate); null for sites. */
  settingValue: number | null;
  variantId: string;
  baseline: VariantRun;
  variant: VariantRun;
}

export interface CatchmentRow extends CatchmentFigures {
  organisation: string;
  variant: string;
}

/**
 * One alternative split into factors: the baseline, the alternative and one control variant per
 * factor of the alternative, all on the same seeds and the same (first) replications.
 */
export interface FactorialRun {
  variantId: string;
  replications: number;
  baseline: VariantRun;
  alternative: VariantRun;
  factors: Array<{ factor: Factor; file: string; run: VariantRun }>;
}

/** Every variant run with its demand projected to each year, per growth alternative (same seeds throughout). */
export interface ProjectionRuns {
  baseYear: number;
  growth: Array<{ id: string; label: LocalText; perHeadGrowthPerYear: number }>;
  /** What is held fixed and the sources (from the baseline's projection), then one line per growth alternative. */
  notes: { nb: string[]; en: string[] };
  replications: number;
  runs: Array<{ year: number; growthId: string; variants: VariantRun[] }>;
}

export interface ComparisonRuns {
  baseline: VariantRun;
  alternatives: VariantRun[];
  sensitivity: SensitivityRun[];
  factorial: FactorialRun[];
  /** comparison.yaml `fleetNeeded`, when run. */
  fleetNeeded: FleetNeededInput[];
  catchments: CatchmentRow[];
  /** Absent when no projections were asked for. */
  projections?: ProjectionRuns;
  replications: number;
  seed: number;
}

export interface CompareOptions {
  dataDir?: string | undefined;
  /** Folder of the travel-time matrix cache (default: resolveCacheDir()). */
  cacheDir?: string | undefined;
  replications?: number | undefined;
  seed?: number | undefined;
  sensitivity: boolean;
  /** Run comparison.yaml's `factors` (default true when the section is there). */
  factors?: boolean | undefined;
  /** Run comparison.yaml's `fleetNeeded` search (default true when the section is there). */
  fleetNeeded?: boolean | undefined;
  /** A line of progress from the fleet search (it cannot know its total in advance). */
  onFleetProgress?: (message: string) => void;
  /**
   * Years and growth alternatives to project every variant to; each absent field comes from
   * comparison.yaml `projections`. `false`: no projections even if comparison.yaml has some.
   */
  projections?: { years?: number[] | undefined; growth?: string[] | undefined } | false;
  /** Called once the number of replications in all runs is known, then after each. */
  onPlan?: (totalReplications: number) => void;
  onReplication?: () => void;
  /** Applied to every variant's scenario as it is loaded (e.g. a mechanism switched off for all). */
  adjustScenario?: (scenario: Scenario) => Scenario;
}

/** A scenario changed for a sensitivity setting; the original is left untouched. */
export function withSetting(scenario: Scenario, change: (copy: Scenario) => void): Scenario {
  const copy = structuredClone(scenario);
  change(copy);
  return copy;
}

export function growthFactor(fromYear: number, toYear: number, annualRate: number): number {
  return Math.pow(1 + annualRate, toYear - fromYear);
}

/**
 * Runs the baseline and every alternative with the same seeds (common random numbers), then the
 * sensitivity settings, each for the baseline and the alternative, and the catchment figures.
 */
export async function runComparison(comparison: LoadedComparison, options: CompareOptions): Promise<ComparisonRuns> {
  const replications = options.replications ?? comparison.replications;
  const seed = options.seed ?? comparison.seed;
  const adjust = options.adjustScenario ?? ((scenario: Scenario) => scenario);
  const load = (file: string) => adjust(loadScenarioFile(resolve(comparison.baseDir, file), { dataDir: options.dataDir }));
  const baselineScenario = load(comparison.baseline.file);
  const alternativeScenarios = comparison.alternatives.map((variant) => ({ variant, scenario: load(variant.file) }));
  const knownAreas = new Set(baselineScenario.areas.flatMap((area) => [area.code, ...(area.partOf ? [area.partOf.code] : [])]));
  const unknownFocus = comparison.focusAreas.filter((code) => !knownAreas.has(code));
  if (unknownFocus.length > 0) throw new CompareInputError(`${comparison.file}: focusAreas ${unknownFocus.map((code) => `"${code}"`).join(", ")} not among the baseline's areas (${[...knownAreas].join(", ")})`);

  // Plan every run first, so bad input fails before any simulation and the progress bar knows the total.
  const sensitivityPlan: Array<{ group: SensitivityRun["group"]; settingLabel: string; settingLabelNb?: string; settingValue: number | null; variantId: string; baseline: Scenario; variant: Scenario }> = [];
  const spec = comparison.sensitivity;
  if (options.sensitivity) {
    for (const delaySec of spec.interAmkDelaySec) {
      const setDelay = (scenario: Scenario) => withSetting(scenario, (copy) => (copy.policies.dispatch.interAmkDelaySec = delaySec));
      // One baseline per setting, shared by every alternative (the runs below are cached by scenario).
      const baseline = setDelay(baselineScenario);
      for (const { variant, scenario } of alternativeScenarios) {
        sensitivityPlan.push({ group: "interAmkDelaySec", settingLabel: `${delaySec / 60} min`, settingValue: delaySec, variantId: variant.id, baseline, variant: setDelay(scenario) });
      }
    }
    if (spec.demandGrowth) {
      for (const rate of spec.demandGrowth.annualRates) {
        const factor = growthFactor(spec.demandGrowth.fromYear, spec.demandGrowth.toYear, rate);
        const grow = (scenario: Scenario) => withSetting(scenario, (copy) => (copy.demand.growthFactor *= factor));
        const baseline = grow(baselineScenario);
        for (const { variant, scenario } of alternativeScenarios) {
          sensitivityPlan.push({ group: "demandGrowth", settingLabel: `${(rate * 100).toFixed(1)} %/year to ${spec.demandGrowth.toYear} (×${factor.toFixed(3)})`, settingLabelNb: `${(rate * 100).toFixed(1).replace(".", ",")} %/år til ${spec.demandGrowth.toYear} (×${factor.toFixed(3).replace(".", ",")})`, settingValue: rate, variantId: variant.id, baseline, variant: grow(scenario) });
        }
      }
    }
    if (spec.stationSites) {
      const sites = spec.stationSites;
      for (const variantId of sites.variants) {
        const entry = alternativeScenarios.find(({ variant }) => variant.id === variantId);
        if (!entry) throw new CompareInputError(`sensitivity.stationSites.variants: unknown variant "${variantId}" in ${comparison.file}`);
        if (!entry.scenario.stations.some((station) => station.id === sites.station)) {
          throw new CompareInputError(`sensitivity.stationSites.station: variant "${variantId}" has no station "${sites.station}" (${comparison.file})`);
        }
        for (const site of sites.sites) {
          const moved = withSetting(entry.scenario, (copy) => {
            const station = copy.stations.find((candidate) => candidate.id === sites.station)!;
            station.lat = site.lat;
            station.lon = site.lon;
          });
          sensitivityPlan.push({ group: "stationSite", settingLabel: textIn(site.name, "en"), settingLabelNb: textIn(site.name, "nb"), settingValue: null, variantId, baseline: baselineScenario, variant: moved });
        }
      }
    }
  }
  const sensitivityReplications = spec.replications;

  // Factor controls: a file that is also a variant of the comparison reuses that variant's first
  // replications (same seeds), so only the other files are simulated, once each.
  const factorReplications = options.factors === false ? 0 : Math.min(comparison.factors?.replications ?? 0, replications);
  const variantFiles = new Map<string, number>([[resolve(comparison.baseDir, comparison.baseline.file), -1], ...comparison.alternatives.map((variant, i) => [resolve(comparison.baseDir, variant.file), i] as const)]);
  // In the comparison's order of alternatives (an object's numeric-looking keys such as "1" would otherwise come first).
  const factorFiles = options.factors === false ? {} : (comparison.factors?.alternatives ?? {});
  const factorPlan = comparison.alternatives.flatMap((variant) => (factorFiles[variant.id] === undefined ? [] : [[variant.id, factorFiles[variant.id]!] as const])).map(([variantId, files]) => ({
    variantId,
    factors: FACTORS.flatMap((factor) => (files[factor] === undefined ? [] : [{ factor, file: files[factor], path: resolve(comparison.baseDir, files[factor]) }])),
  }));
  const factorScenarios = new Map<string, Scenario>();
  for (const planned of factorPlan) for (const { path, file } of planned.factors) if (!variantFiles.has(path) && !factorScenarios.has(path)) factorScenarios.set(path, load(file));
  const projectionPlan = planProjections(comparison, options, baselineScenario, alternativeScenarios);
  const projectionReplications = comparison.projections?.replications ?? 10;
  const projectedRuns = projectionPlan ? projectionPlan.runs.reduce((sum, run) => sum + run.variants.length, 0) : 0;
  options.onPlan?.(replications * (1 + alternativeScenarios.length) + sensitivityPlan.length * 2 * sensitivityReplications + factorScenarios.size * factorReplications + projectedRuns * projectionReplications);

  const run = async (id: string, labelText: LocalText, text: LocalText, scenario: Scenario, reps: number): Promise<VariantRun> => {
    const outcome = await simulateScenario(scenario, { seed, replications: reps, dataDir: options.dataDir, cacheDir: options.cacheDir, onReplication: () => options.onReplication?.() });
    const stationsByOrganisation: Record<string, number> = {};
    for (const station of scenario.stations) stationsByOrganisation[station.owner] = (stationsByOrganisation[station.owner] ?? 0) + 1;
    const limitationsNb = outcome.prepared.travel.limitationsNb;
    const travel = { name: outcome.prepared.travel.name, limitations: [...outcome.prepared.travel.limitations], ...(limitationsNb ? { limitationsNb: [...limitationsNb] } : {}) };
    const label = textIn(labelText, "en");
    const labelNb = textIn(labelText, "nb");
    const description = textIn(text, "en");
    const descriptionNb = textIn(text, "nb");
    return { id, label, ...(labelNb !== label ? { labelNb } : {}), description, ...(descriptionNb !== description ? { descriptionNb } : {}), scenario, index: outcome.prepared.inputs.compiled.index, travel, kpis: outcome.kpis, stationsByOrganisation };
  };

  const baseline = await run(comparison.baseline.id, comparison.baseline.label, comparison.baseline.description, baselineScenario, replications);
  const alternatives: VariantRun[] = [];
  for (const { variant, scenario } of alternativeScenarios) alternatives.push(await run(variant.id, variant.label, variant.description, scenario, replications));

  const sensitivity: SensitivityRun[] = [];
  const baselineCache = new Map<Scenario, VariantRun>();
  // The unchanged baseline (station-site settings) is the main baseline run: its first replications
  // use the same seeds, so they are the sensitivity runs already done.
  if (replications >= sensitivityReplications) baselineCache.set(baselineScenario, { ...baseline, description: "", descriptionNb: "", kpis: baseline.kpis.slice(0, sensitivityReplications) });
  for (const planned of sensitivityPlan) {
    let baselineRun = baselineCache.get(planned.baseline);
    if (!baselineRun) {
      baselineRun = await run(comparison.baseline.id, comparison.baseline.label, "", planned.baseline, sensitivityReplications);
      baselineCache.set(planned.baseline, baselineRun);
    } else {
      for (let r = 0; r < sensitivityReplications; r++) options.onReplication?.();
    }
    const variant = alternativeScenarios.find(({ variant }) => variant.id === planned.variantId)!.variant;
    sensitivity.push({ group: planned.group, settingLabel: planned.settingLabel, ...(planned.settingLabelNb !== undefined ? { settingLabelNb: planned.settingLabelNb } : {}), settingValue: planned.settingValue, variantId: planned.variantId, baseline: baselineRun, variant: await run(variant.id, variant.label, "", planned.variant, sensitivityReplications) });
  }

  const firstReplications = (variantRun: VariantRun): VariantRun => ({ ...variantRun, kpis: variantRun.kpis.slice(0, factorReplications) });
  const factorRuns = new Map<string, VariantRun>();
  for (const [path, scenario] of factorScenarios) {
    const file = [...factorPlan.flatMap((planned) => planned.factors)].find((entry) => entry.path === path)!.file;
    factorRuns.set(path, await run(file, file, "", scenario, factorReplications));
  }
  const factorial: FactorialRun[] = factorPlan.map((planned) => ({
    variantId: planned.variantId,
    replications: factorReplications,
    baseline: firstReplications(baseline),
    alternative: firstReplications(alternatives.find((variantRun) => variantRun.id === planned.variantId)!),
    factors: planned.factors.map(({ factor, file, path }) => {
      const position = variantFiles.get(path);
      const reused = position === undefined ? factorRuns.get(path)! : position < 0 ? baseline : alternatives[position]!;
      return { factor, file, run: firstReplications(reused) };
    }),
  }));

  const fleetNeeded = options.fleetNeeded === false || !comparison.fleetNeeded ? [] : await runFleetNeeded(comparison, comparison.fleetNeeded, { baseline, alternatives, scenarios: alternativeScenarios, replications, seed, options });

  let projections: ProjectionRuns | undefined;
  if (projectionPlan) {
    const runs: ProjectionRuns["runs"] = [];
    for (const planned of projectionPlan.runs) {
      const variants: VariantRun[] = [];
      for (const { id, label, result } of planned.variants) variants.push(await run(id, label, "", result.scenario, projectionReplications));
      runs.push({ year: planned.year, growthId: planned.growthId, variants });
    }
    projections = { baseYear: projectionPlan.baseYear, growth: projectionPlan.growth, notes: projectionPlan.notes, replications: projectionReplications, runs };
  }

  return { baseline, alternatives, sensitivity, factorial, fleetNeeded, catchments: computeCatchments(comparison, options.dataDir), replications, seed, ...(projections ? { projections } : {}) };
}

/**
 * comparison.yaml `fleetNeeded`: per alternative, the greedy search of fleet-search.ts on
 * `searchReplications` (the first seeds of the comparison), then a confirming run of the alternative
 * with the additions on all replications. The alternative's travel model is reused: added ambulances
 * stand at existing stations, so the locations do not change.
 */
async function runFleetNeeded(
  comparison: LoadedComparison,
  spec: NonNullable<LoadedComparison["fleetNeeded"]>,
  context: { baseline: VariantRun; alternatives: VariantRun[]; scenarios: Array<{ variant: { id: string }; scenario: Scenario }>; replications: number; seed: number; options: CompareOptions },
): Promise<FleetNeededInput[]> {
  const { baseline, replications, seed, options } = context;
  const searchReplications = Math.min(spec.searchReplications, replications);
  const searchBaseline = baseline.kpis.slice(0, searchReplications);
  const focus = comparison.focusAreas;
  const out: FleetNeededInput[] = [];
  for (const variantId of spec.alternatives) {
    const scenario = context.scenarios.find((entry) => entry.variant.id === variantId)!.scenario;
    const alternativeRun = context.alternatives.find((run) => run.id === variantId)!;
    const stationIds = spec.stations[variantId] ?? defaultFleetStations(scenario, focus);
    const unknown = stationIds.filter((id) => !scenario.stations.some((station) => station.id === id));
    if (unknown.length > 0) throw new CompareInputError(`${comparison.file}: fleetNeeded.stations.${variantId}: no station ${unknown.map((id) => `"${id}"`).join(", ")} in alternative "${variantId}"`);
    const prepared = await prepareRun(scenario, { dataDir: options.dataDir, cacheDir: options.cacheDir });
    const runWith = (added: FleetAddition[], reps: number) => replicationKpis(prepared, withAddedAmbulances(scenario, added), seed, reps);
    const candidates = fleetCandidates(scenario, stationIds, spec.shifts);
    const hoursText = (added: FleetAddition[]) => `${added.reduce((sum, a) => sum + a.ambulanceHoursPerYear, 0)} ambulance-hours/year`;
    options.onFleetProgress?.(`fleet needed for ${variantId}: ${candidates.length} candidates (${stationIds.length} stations × ${spec.shifts.length} shifts), ${searchReplications} replications each, at most ${spec.maxSteps} steps`);
    // A trial runs the search replications and is judged with its intervals projected to all
    // replications; only one that passes is run on all replications, and that run decides. So the
    // search is cheap where it fails and its answer is always confirmed.
    const fullRuns = new Map<string, { index: ScenarioIndex; kpis: ReplicationKpis[] }>();
    const full = (added: FleetAddition[]) => {
      const key = JSON.stringify(added);
      let result = fullRuns.get(key);
      if (!result) {
        result = added.length === 0 ? { index: alternativeRun.index, kpis: alternativeRun.kpis } : runWith(added, replications);
        fullRuns.set(key, result);
      }
      return result;
    };
    const result = await searchFleet(
      candidates,
      spec.maxSteps,
      async (added) => {
        const quick = added.length === 0 ? { index: alternativeRun.index, kpis: alternativeRun.kpis.slice(0, searchReplications) } : runWith(added, searchReplications);
        const check = fleetCheck(baseline.index, searchBaseline, quick.index, quick.kpis, focus, 0.95, replications);
        if (!check.met) return { met: false, shortfall: check.shortfall };
        const confirmed = full(added);
        const fullCheck = fleetCheck(baseline.index, baseline.kpis, confirmed.index, confirmed.kpis, focus, 0.95);
        return { met: fullCheck.met, shortfall: fullCheck.shortfall };
      },
      (added, trial) => options.onFleetProgress?.(`fleet needed for ${variantId}: step ${added.length}: + ${added.at(-1)!.shift} at ${added.at(-1)!.stationId} (${hoursText(added)}), shortfall ${trial.shortfall.toFixed(2)}${trial.met ? ", rule met on all replications" : ""}`),
    );
    const confirm = full(result.added);
    options.onFleetProgress?.(`fleet needed for ${variantId}: ${result.trials} trials (${fullRuns.size} of them also on all ${replications} replications); ${result.added.length} added (${hoursText(result.added)})${result.met ? "" : "; the rule is not met"}`);
    out.push({ variantId, searchReplications, maxSteps: spec.maxSteps, trials: result.trials, added: result.added, searchMet: result.met, confirm: { baselineIndex: baseline.index, baselineKpis: baseline.kpis, variantIndex: confirm.index, variantKpis: confirm.kpis } });
  }
  return out;
}

/** The stations owned by a trust responsible, in the scenario, for a focus area (or for a part of one). */
function defaultFleetStations(scenario: Scenario, focus: string[]): string[] {
  const wanted = new Set(focus);
  const owners = new Set(scenario.areas.filter((area) => wanted.has(area.code) || (area.partOf !== undefined && wanted.has(area.partOf.code))).map((area) => area.responsibleOrganisation));
  return scenario.stations.filter((station) => owners.has(station.owner)).map((station) => station.id);
}

/** The replications of a changed scenario on an already prepared travel model and calendar (the locations must be the same). */
function replicationKpis(prepared: PreparedRun, scenario: Scenario, seed: number, replications: number): { index: ScenarioIndex; kpis: ReplicationKpis[] } {
  const inputs = prepareSimulation(scenario, prepared.travel, prepared.calendar);
  const kpis: ReplicationKpis[] = [];
  const columns = new ColumnPool();
  for (let r = 0; r < replications; r++) kpis.push(computeReplicationKpis(simulateReplication(inputs, seed, r, columns), inputs.compiled.index, prepared.calendar, scenario.report));
  return { index: inputs.compiled.index, kpis };
}

interface ProjectionPlan {
  baseYear: number;
  growth: ProjectionRuns["growth"];
  notes: ProjectionRuns["notes"];
  runs: Array<{ year: number; growthId: string; variants: Array<{ id: string; label: LocalText; result: ProjectionResult }> }>;
}

/**
 * Every variant projected to every year and growth alternative, before anything runs, so a year
 * outside the data, an unknown alternative or an area in no municipality stops the comparison at once.
 */
function planProjections(comparison: LoadedComparison, options: CompareOptions, baseline: Scenario, alternatives: Array<{ variant: LoadedComparison["alternatives"][number]; scenario: Scenario }>): ProjectionPlan | undefined {
  if (options.projections === false) return undefined;
  const years = options.projections?.years ?? comparison.projections?.years;
  if (!years || years.length === 0) return undefined;
  const settings = projectionSettings(baseline);
  const growthIds = options.projections?.growth ?? comparison.projections?.growth ?? [settings.alternatives[0]!.id];
  const data = ProjectionData.load(options.dataDir);
  // Blame the flags when they asked for the projection, else the comparison file.
  const where = options.projections?.years || options.projections?.growth ? "--years/--growth" : `${comparison.file}: projections`;
  const variants = [{ variant: comparison.baseline, scenario: baseline }, ...alternatives];
  const runs: ProjectionPlan["runs"] = [];
  for (const growthId of growthIds) {
    for (const year of [...years].sort((a, b) => a - b)) {
      const projected = variants.map(({ variant, scenario }) => {
        try {
          return { id: variant.id, label: variant.label, result: projectScenario(scenario, { year, alternative: growthId, data, locator: scenario.file ? readScenarioChain(scenario.file, resolve(comparison.baseDir, variant.file)) : undefined }) };
        } catch (error) {
          if (error instanceof ProjectionInputError) throw new CompareInputError(`${where} (variant "${variant.id}"): ${error.message}`);
          throw error;
        }
      });
      runs.push({ year, growthId, variants: projected });
    }
  }
  // The baseline's notes for the last year (population and age), then each growth alternative's line.
  const notes: ProjectionPlan["notes"] = { nb: [], en: [] };
  const last = (growthId: string) => runs.filter((run) => run.growthId === growthId).at(-1)!.variants[0]!.result.notes;
  notes.en.push(...last(growthIds[0]!).en.slice(0, -1));
  notes.nb.push(...last(growthIds[0]!).nb.slice(0, -1));
  for (const growthId of growthIds) {
    notes.en.push(last(growthId).en.at(-1)!);
    notes.nb.push(last(growthId).nb.at(-1)!);
  }
  const growth = growthIds.map((id) => {
    const alternative = settings.alternatives.find((candidate) => candidate.id === id)!;
    return { id, label: alternative.label, perHeadGrowthPerYear: alternative.perHeadGrowthPerYear };
  });
  return { baseYear: settings.baseYear, growth, notes, runs };
}

function computeCatchments(comparison: LoadedComparison, dataDirFlag: string | undefined): CatchmentRow[] {
  const entries = Object.entries(comparison.catchments);
  if (entries.length === 0) return [];
  const dataDir = resolveDataDir(dataDirFlag);
  const boundaries = loadBoundaries(dataDir);
  const municipalities = loadMunicipalityTotals(dataDir);
  const districts = loadDistrictTotals(dataDir);
  const rows: CatchmentRow[] = [];
  for (const [organisation, byVariant] of entries) {
    for (const [variant, codes] of Object.entries(byVariant)) {
      rows.push({ organisation, variant, ...catchmentFigures(codes, boundaries, municipalities, districts) });
    }
  }
  return rows;
}

/** A comparison file that refers to something that is not there. */
export class CompareInputError extends Error {
  readonly isUserError = true;
  constructor(message: string) {
    super(message);
    this.name = "CompareInputError";
  }
}
