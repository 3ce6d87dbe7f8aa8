import { basename, dirname, join, resolve } from "node:path";
import { loadScenarioFile, textIn, type LoadedComparison, type Scenario } from "@akutt/model";
import type { OptimisationInput, OptimisedAreaFigures, OptimisedSite, OptimisedSiting, SimulatedDifference, StandbyComparison, StandbyFactor } from "@akutt/analysis";
import { sitingOptionsSchema, type SitingOptions } from "@akutt/optimise";
import { evaluatePlans, simulatePlans, threadRunner, TODAY_ID, type PlanInput, type UnitRunner } from "./evaluate.js";
import { runFleetToKeepToday, type FleetPlanEntry, type FleetSpec } from "./comparison-fleet.js";
import { rankPlans, type PlanDifference, type PlanRanking, type RankedPlan } from "./rank.js";
import { sitingCandidates } from "./siting.js";

/**
 * The optimisation section of a comparison (comparison.yaml `optimisation`; docs/asker-baerum.md):
 *
 * - the best site of `sensitivity.stationSites.station` in each of its variants: the MEXCLP siting
 *   MIP over every zone of `siteAreas` that the station's owner is responsible for, every other
 *   station held at its ambulances, then its best N sites simulated with the hand-picked ones on
 *   common random numbers and ranked with Bonferroni-adjusted paired intervals (evaluatePlans);
 * - an optimised standby plan, the dynamic MEXCLP relocation rule, given to every variant and
 *   simulated with and without it, so no variant wins by a measure only it has;
 * - with `fleet`, the fleet each alternative needs to keep every area at today's level: the fleet
 *   MIP with today's hourly coverage as targets, its plan simulated against today (comparison-fleet.ts).
 */

/** The relocation rule given to every variant: it needs no per-variant table, and each trust's ambulances wait only at its own bases. */
export const STANDBY_POLICY = "dynamic-mexclp";

/** Confidence level of every family of intervals (Bonferroni-adjusted within it), as `akutt compare`'s. */
const LEVEL = 0.95;

/** The site MIP's model and busy fraction (MEXCLP's documented defaults, docs/optimisation.md). */
const SITING_MODEL = "mexclp";

/** comparison.yaml `optimisation` that cannot be run as given: a user's mistake, exit 2. */
export class ComparisonOptimisationError extends Error {
  readonly isUserError = true;
  override readonly name = "ComparisonOptimisationError";
}

interface SitingPlan {
  variantId: string;
  file: string;
  scenario: Scenario;
  stationId: string;
  owner: string;
  zoneIds: string[];
  options: SitingOptions;
  vehicles: number;
  handPicked: Array<{ label: string; labelNb: string; lat: number; lon: number }>;
}

export interface OptimisationPlan {
  seed: number;
  replications: number;
  sitingPlans: number;
  siteAreas: string[];
  siting: SitingPlan[];
  standby: Array<{ variantId: string; file: string; replacedPolicy: string }>;
  /** The fleet MIP per alternative (comparison.yaml `optimisation.fleet`); today first. */
  fleet?: { spec: FleetSpec; today: FleetPlanEntry; alternatives: FleetPlanEntry[]; focusAreas: string[] };
}

/**
 * Everything the section will do, checked before any simulation (an unknown area, a variant without
 * the station, no zone its owner may use): undefined when comparison.yaml has no `optimisation`.
 */
export function planComparisonOptimisation(comparison: LoadedComparison, options: { seed?: number | undefined; replications?: number | undefined; dataDir?: string | undefined }): OptimisationPlan | undefined {
  const spec = comparison.optimisation;
  if (!spec) return undefined;
  const where = `${comparison.file}: optimisation`;
  const variants = [comparison.baseline, ...comparison.alternatives];
  const fileOf = (variant: (typeof variants)[number]) => resolve(comparison.baseDir, variant.file);
  const loaded = new Map(variants.map((variant) => [variant.id, loadScenarioFile(fileOf(variant), { dataDir: options.dataDir })]));
  const stationSites = comparison.sensitivity.stationSites;
  const siting: SitingPlan[] = [];
  for (const variantId of stationSites?.variants ?? []) {
    const variant = variants.find((candidate) => candidate.id === variantId);
    if (!variant) throw new ComparisonOptimisationError(`${comparison.file}: sensitivity.stationSites.variants: unknown variant "${variantId}"`);
    const scenario = loaded.get(variantId)!;
    const station = scenario.stations.find((candidate) => candidate.id === stationSites!.station);
    if (!station) throw new ComparisonOptimisationError(`${comparison.file}: sensitivity.stationSites.station: variant "${variantId}" has no station "${stationSites!.station}"`);
    const inSiteAreas = areaFilter(scenario, spec.siteAreas, `${where}.siteAreas`);
    const responsible = new Map(scenario.areas.map((area) => [area.code, area.responsibleOrganisation]));
    // Ownership rule: the station may stand only where its owner is responsible for the area.
    const zoneIds = scenario.zones.filter((zone) => inSiteAreas(zone.area) && responsible.get(zone.area) === station.owner).map((zone) => zone.id);
    if (zoneIds.length === 0) throw new ComparisonOptimisationError(`${where}.siteAreas: no zone of ${spec.siteAreas.join(", ")} is in an area "${station.owner}" (the owner of ${station.id} in variant "${variantId}") is responsible for`);
    const ambulancesAt = new Map<string, number>();
    for (const vehicle of scenario.vehicles) if (vehicle.type === "ambulance") ambulancesAt.set(vehicle.station, (ambulancesAt.get(vehicle.station) ?? 0) + 1);
    const others = scenario.stations.filter((candidate) => candidate.id !== station.id);
    const vehicles = [...ambulancesAt.values()].reduce((sum, n) => sum + n, 0);
    if ((ambulancesAt.get(station.id) ?? 0) === 0) throw new ComparisonOptimisationError(`${comparison.file}: sensitivity.stationSites.station: "${station.id}" has no ambulance in variant "${variantId}", so there is nothing to site`);
    const siteOptions = sitingOptionsSchema.parse({
      model: SITING_MODEL,
      maxVehiclesPerSite: Math.max(4, ...ambulancesAt.values()),
      candidates: { stations: true, standbyPoints: false, zones: zoneIds },
      // Every other station keeps its ambulances; the station's own go to one zone (one site more than the other open stations).
      fixedVehicles: Object.fromEntries(others.map((other) => [other.id, ambulancesAt.get(other.id) ?? 0])),
      excluded: [station.id],
      budget: { maxSites: others.filter((other) => (ambulancesAt.get(other.id) ?? 0) > 0).length + 1 },
    });
    const handPicked = stationSites!.sites.map((site) => ({ label: textIn(site.name, "en"), labelNb: textIn(site.name, "nb"), lat: site.lat, lon: site.lon }));
    siting.push({ variantId, file: fileOf(variant), scenario, stationId: station.id, owner: station.owner, zoneIds, options: siteOptions, vehicles, handPicked });
  }
  const standby = variants.map((variant) => ({ variantId: variant.id, file: fileOf(variant), replacedPolicy: loaded.get(variant.id)!.policies.relocation.name }));
  const entry = (variant: (typeof variants)[number]): FleetPlanEntry => ({ variantId: variant.id, file: fileOf(variant), scenario: loaded.get(variant.id)! });
  const fleet = spec.fleet
    ? { spec: { ...spec.fleet, replications: Math.min(spec.fleet.replications, options.replications ?? spec.fleet.replications) }, today: entry(comparison.baseline), alternatives: comparison.alternatives.map(entry), focusAreas: comparison.focusAreas }
    : undefined;
  return { seed: options.seed ?? comparison.seed, replications: Math.min(spec.replications, options.replications ?? spec.replications), sitingPlans: spec.sitingPlans, siteAreas: spec.siteAreas, siting, standby, ...(fleet ? { fleet } : {}) };
}

/** Area codes of `codes` (a whole's code takes its parts), or an error naming the unknown ones. */
function areaFilter(scenario: Scenario, codes: string[], field: string): (areaCode: string) => boolean {
  const known = new Set(scenario.areas.flatMap((area) => [area.code, ...(area.partOf ? [area.partOf.code] : [])]));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0) throw new ComparisonOptimisationError(`${field}: ${unknown.map((code) => `"${code}"`).join(", ")} not among the scenario's areas`);
  const wanted = new Set(codes);
  const parentOf = new Map(scenario.areas.map((area) => [area.code, area.partOf?.code]));
  return (code) => wanted.has(code) || (parentOf.get(code) !== undefined && wanted.has(parentOf.get(code)!));
}

export interface RunOptimisationOptions {
  dataDir?: string | undefined;
  cacheDir?: string | undefined;
  /** Default: worker threads, one per core, shared by every ranking of the section. */
  runner?: UnitRunner | undefined;
  onProgress?: (message: string) => void;
}

/** Runs the planned section: the siting MIPs, then every simulation (in the runner's threads). */
export async function runComparisonOptimisation(plan: OptimisationPlan, options: RunOptimisationOptions = {}): Promise<OptimisationInput> {
  const runner = options.runner ?? threadRunner();
  const paths = { dataDir: options.dataDir, cacheDir: options.cacheDir };
  // One unit per plan: preparing a plan's travel model costs more than a few replications, so no plan is prepared in two threads.
  const rank = (file: string, plans: PlanInput[], what: string) =>
    evaluatePlans(file, plans, {
      seed: plan.seed,
      replications: plan.replications,
      level: LEVEL,
      runner,
      unitReplications: plan.replications,
      ...paths,
      onProgress: (done, total) => {
        if (done === total) options.onProgress?.(`${what}: ${total} replication runs done`);
      },
    });
  try {
    const siting: OptimisedSiting[] = [];
    for (const entry of plan.siting) {
      const started = Date.now();
      const candidates = await sitingCandidates(entry.scenario, entry.options, entry.vehicles, plan.sitingPlans, paths);
      const mipSec = (Date.now() - started) / 1000;
      options.onProgress?.(`siting ${entry.stationId} in ${entry.variantId}: ${candidates.siting.length} MIP plans over ${entry.zoneIds.length} zones in ${mipSec.toFixed(1)} s`);
      const station = entry.scenario.stations.find((candidate) => candidate.id === entry.stationId)!;
      const isDefault = (site: { lat: number; lon: number }) => Math.abs(site.lat - station.lat) < 1e-6 && Math.abs(site.lon - station.lon) < 1e-6;
      const defaultSite = entry.handPicked.find(isDefault);
      const moved = (id: string, lat: number, lon: number): PlanInput => ({
        id,
        label: id,
        file: join(dirname(entry.file), `optimise-${entry.variantId}-${id}.yaml`),
        text: `extends: ${JSON.stringify(basename(entry.file))}\nstations:\n  - { id: ${JSON.stringify(entry.stationId)}, lat: ${lat}, lon: ${lon} }\n`,
      });
      const described = new Map<string, Omit<OptimisedSite, "simulatedRank" | "shareWithinTarget" | "responseMedianSec" | "vsDefault" | "vsBest" | "areas">>();
      described.set(TODAY_ID, { id: TODAY_ID, label: defaultSite?.label ?? station.name, ...(defaultSite && defaultSite.labelNb !== defaultSite.label ? { labelNb: defaultSite.labelNb } : {}), source: "default", mipRank: null, mipObjective: null, zoneId: null, lat: station.lat, lon: station.lon });
      const plans: PlanInput[] = [];
      entry.handPicked.forEach((site, i) => {
        if (isDefault(site)) return;
        const id = `site-${i + 1}`;
        plans.push(moved(id, site.lat, site.lon));
        described.set(id, { id, label: site.label, ...(site.labelNb !== site.label ? { labelNb: site.labelNb } : {}), source: "hand-picked", mipRank: null, mipObjective: null, zoneId: null, lat: site.lat, lon: site.lon });
      });
      candidates.siting.forEach((mip, k) => {
        const zone = candidates.sites.find((site) => site.kind === "zone" && (site.vehicles[mip.id] ?? 0) > 0);
        if (!zone) throw new RangeError(`siting ${entry.stationId}: MIP plan ${mip.id} places no ambulance in a zone`);
        const id = `mip-${k + 1}`;
        plans.push(moved(id, zone.lat, zone.lon));
        described.set(id, { id, label: `MIP ${k + 1}`, source: "mip", mipRank: k + 1, mipObjective: mip.objective, zoneId: zone.id, lat: zone.lat, lon: zone.lon });
      });
      const ranking = await rank(entry.file, plans, `siting ${entry.stationId} in ${entry.variantId}`);
      siting.push({
        variantId: entry.variantId,
        stationId: entry.stationId,
        owner: entry.owner,
        siteAreas: plan.siteAreas,
        candidateZones: entry.zoneIds.length,
        demandZones: entry.scenario.zones.length,
        model: entry.options.model,
        busyFraction: entry.options.busyFraction,
        borderRule: entry.options.borderRule === "scenario" ? entry.scenario.policies.dispatch.crossBorder : entry.options.borderRule,
        solveSec: mipSec,
        replications: plan.replications,
        levels: { vsBest: ranking.multipleComparisons.vsBest.level, vsDefault: ranking.multipleComparisons.vsToday.level, areas: ranking.multipleComparisons.areas.level },
        sites: ranking.plans.map((ranked) => ({ ...described.get(ranked.id)!, ...simulated(ranked, ranking) })),
      });
    }
    // Every variant with and without the standby plan in one simulation on the baseline's seeds (each
    // variant extends the baseline), then ranked in pairs (with against without: the plan as a factor)
    // and all the variants with the plan against the baseline with it.
    const baseline = plan.standby[0]!;
    const withoutId = (i: number) => `variant-${i}`;
    const withId = (i: number) => `standby-${i}`;
    const overlay = (entry: OptimisationPlan["standby"][number], id: string, text: string): PlanInput => ({ id, label: `${entry.variantId} ${id}`, file: join(dirname(entry.file), `optimise-${id}.yaml`), text: `extends: ${JSON.stringify(basename(entry.file))}\n${text}` });
    const standbyText = `policies:\n  relocation: { replace: true, name: ${STANDBY_POLICY} }\n`;
    const standbyPlans = [
      ...plan.standby.slice(1).map((entry, i) => overlay(entry, withoutId(i + 1), "")),
      ...plan.standby.map((entry, i) => overlay(entry, withId(i), standbyText)),
    ];
    const series = await simulatePlans(baseline.file, standbyPlans, { seed: plan.seed, replications: plan.replications, runner, ...paths, unitReplications: plan.replications });
    options.onProgress?.(`standby plan: ${series.length * plan.replications} replication runs done`);
    const seriesOf = (id: string) => series.find((entry) => entry.id === id)!;
    const rankOptions = { objective: "share" as const, seed: plan.seed, replications: plan.replications, level: LEVEL };
    const standby: StandbyFactor[] = plan.standby.map((entry, i) => {
      const ranking = rankPlans([i === 0 ? seriesOf(TODAY_ID) : seriesOf(withoutId(i)), seriesOf(withId(i))], rankOptions);
      const without = ranking.plans.find((ranked) => ranked.id !== withId(i))!;
      const planned = ranking.plans.find((ranked) => ranked.id === withId(i))!;
      return {
        variantId: entry.variantId,
        policy: STANDBY_POLICY,
        replacedPolicy: entry.replacedPolicy,
        replications: plan.replications,
        levels: { overall: ranking.multipleComparisons.vsToday.level, areas: ranking.multipleComparisons.areas.level },
        without: { shareWithinTarget: without.shareWithinTarget, responseMedianSec: without.responseMedianSec },
        with: { shareWithinTarget: planned.shareWithinTarget, responseMedianSec: planned.responseMedianSec },
        difference: difference(planned.vsToday!),
        areas: simulated(planned, ranking).areas,
        areasWithout: simulated(without, ranking).areas,
      };
    });
    const together = rankPlans(plan.standby.map((_, i) => seriesOf(withId(i))), rankOptions);
    const standbyComparison: StandbyComparison = {
      policy: STANDBY_POLICY,
      replications: plan.replications,
      levels: { overall: together.multipleComparisons.vsToday.level, areas: together.multipleComparisons.areas.level },
      variants: plan.standby.map((entry, i) => {
        const ranked = together.plans.find((candidate) => candidate.id === withId(i))!;
        const figures = simulated(ranked, together);
        return { variantId: entry.variantId, shareWithinTarget: figures.shareWithinTarget, responseMedianSec: figures.responseMedianSec, vsBaseline: figures.vsDefault, areas: figures.areas };
      }),
    };
    const fleet = plan.fleet ? await runFleetToKeepToday(plan.fleet.today, plan.fleet.alternatives, plan.fleet.spec, { seed: plan.seed, level: LEVEL, focusAreas: plan.fleet.focusAreas, runner, ...paths, onProgress: options.onProgress }) : undefined;
    return { seed: plan.seed, siting, standby, standbyComparison, ...(fleet ? { fleet } : {}) };
  } finally {
    if (!options.runner) await runner.close();
  }
}

function difference(p: PlanDifference): SimulatedDifference {
  return { shareWithinTarget: p.shareWithinTarget, responseMedianSec: p.responseMedianSec, verdict: p.verdict };
}

function simulated(ranked: RankedPlan, ranking: PlanRanking): Pick<OptimisedSite, "simulatedRank" | "shareWithinTarget" | "responseMedianSec" | "vsDefault" | "vsBest" | "areas"> {
  const names = new Map(ranking.areas.map((area) => [area.areaCode, area.areaName]));
  const areas: OptimisedAreaFigures[] = ranked.areas.map((area) => ({
    areaCode: area.areaCode,
    areaName: names.get(area.areaCode) ?? area.areaCode,
    shareWithinTarget: area.shareWithinTarget,
    responseMedianSec: area.responseMedianSec,
    vsReference: area.vsToday,
  }));
  return {
    simulatedRank: ranked.rank,
    shareWithinTarget: ranked.shareWithinTarget,
    responseMedianSec: ranked.responseMedianSec,
    vsDefault: ranked.vsToday ? difference(ranked.vsToday) : null,
    vsBest: ranked.vsBest ? difference(ranked.vsBest) : null,
    areas,
  };
}
