import { resolve } from "node:path";
import { loadScenarioFile, textIn, type LocalText, type LoadedComparison, type Scenario } from "@akutt/model";
import { catchmentFigures, loadBoundaries, loadDistrictTotals, loadMunicipalityTotals, type CatchmentFigures } from "@akutt/geo";
import type { ReplicationKpis } from "@akutt/analysis";
import type { ScenarioIndex } from "@akutt/engine";
import { resolveDataDir } from "@akutt/geo";
import { simulateScenario } from "./simulate-scenario.js";

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

export interface ComparisonRuns {
  baseline: VariantRun;
  alternatives: VariantRun[];
  sensitivity: SensitivityRun[];
  catchments: CatchmentRow[];
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
  /** Called once the number of replications in all runs is known, then after each. */
  onPlan?: (totalReplications: number) => void;
  onReplication?: () => void;
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
  const load = (file: string) => loadScenarioFile(resolve(comparison.baseDir, file), { dataDir: options.dataDir });
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
  options.onPlan?.(replications * (1 + alternativeScenarios.length) + sensitivityPlan.length * 2 * sensitivityReplications);

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

  return { baseline, alternatives, sensitivity, catchments: computeCatchments(comparison, options.dataDir), replications, seed };
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
