import { URGENCIES, type RateSpec, type Scenario, type TransportsSpec, type Urgency } from "@akutt/model";

/** One age group's demand per head relative to the others (scenario `projection.ageRates.groups`). */
export interface AgeGroupRate {
  fromAge: number;
  relativeRate: number;
}

/** What the projection knows about one area of the scenario. */
export interface AreaProjectionInput {
  areaCode: string;
  /** Population by single year of age, index = age (the last index holds that age and older). */
  byAge: readonly number[];
  /** The municipality's projected population in the base year and in the target year. */
  populationBase: number;
  populationTarget: number;
  /** The area's population in the scenario today (its zones'), which weights the age normalisation. */
  scenarioPopulation: number;
}

export interface AreaFactor {
  areaCode: string;
  /** Projected population of the municipality, target year ÷ base year. */
  populationRatio: number;
  /** The area's demand per head relative to the scenario's mean, from its age structure (1 with flat age rates). */
  ageWeight: number;
  /** populationRatio × ageWeight: what the area's rates are multiplied by (before per-head growth). */
  factor: number;
}

/** Mean relative rate per head of a population by age. */
export function meanRelativeRate(byAge: readonly number[], groups: readonly AgeGroupRate[]): number {
  let weighted = 0;
  let people = 0;
  byAge.forEach((count, age) => {
    weighted += count * rateAt(age, groups);
    people += count;
  });
  return people > 0 ? weighted / people : 0;
}

function rateAt(age: number, groups: readonly AgeGroupRate[]): number {
  let rate = groups[0]?.relativeRate ?? 1;
  for (const group of groups) if (age >= group.fromAge) rate = group.relativeRate;
  return rate;
}

/**
 * Each area's demand multiplier. The age weight is the area's mean rate per head over the
 * scenario's mean (weighted by today's population), so age rates move demand between areas and
 * leave the scenario's total in the base year as calibrated; the population ratio then grows each
 * area with its municipality. The age structure is the same in every year (none is projected).
 */
export function areaFactors(areas: readonly AreaProjectionInput[], groups: readonly AgeGroupRate[]): AreaFactor[] {
  const means = areas.map((area) => meanRelativeRate(area.byAge, groups));
  const totalPopulation = areas.reduce((sum, area) => sum + area.scenarioPopulation, 0);
  const scenarioMean = totalPopulation > 0 ? areas.reduce((sum, area, i) => sum + area.scenarioPopulation * means[i]!, 0) / totalPopulation : 0;
  return areas.map((area, i) => {
    const populationRatio = area.populationTarget / area.populationBase;
    const ageWeight = scenarioMean > 0 && means[i]! > 0 ? means[i]! / scenarioMean : 1;
    return { areaCode: area.areaCode, populationRatio, ageWeight, factor: populationRatio * ageWeight };
  });
}

/** Per-head growth compounded from the base year to the target year. */
export function perHeadMultiplier(perHeadGrowthPerYear: number, baseYear: number, year: number): number {
  return Math.pow(1 + perHeadGrowthPerYear, year - baseYear);
}

/** The demand fields an overlay changes: every area's rates, the growth factor, and the workload generated outside demand. */
export interface DemandPatch {
  areaRates: Record<string, Partial<Record<Urgency, RateSpec>>>;
  growthFactor: number;
  /** Absent: transports and AMK workload stay as they are. */
  workload?: WorkloadPatch | undefined;
}

/** What the workload that is not a 113 emergency is multiplied by (see workloadFactors). */
export interface WorkloadFactors {
  /** Transfers and booked transports. */
  transports: number;
  /** Per AMK id: its background calls and other-work tasks. */
  amk: Record<string, number>;
}

/** One AMK's scaled rates: the fields an overlay changes. */
export interface AmkWorkloadPatch {
  id: string;
  factor: number;
  backgroundCallsPerYear: number | undefined;
  /** Other-work task id → perYear. */
  taskPerYear: Record<string, number>;
}

export interface WorkloadPatch {
  factors: WorkloadFactors;
  /** The whole transports section with its rates scaled (absent: the scenario has none). */
  transports: TransportsSpec | undefined;
  /** Only the AMKs with background calls or other-work tasks. */
  amkCentres: AmkWorkloadPatch[];
}

/**
 * Today's demand with each area's rates multiplied by its factor, written as area rates (so the
 * overlay is plain scenario YAML and the engine is unchanged) and the per-head multiplier folded
 * into growthFactor. A rate given per 1,000 inhabitants stays per 1,000; a scenario-wide rate per
 * year becomes each area's share of it (its zones' weight over the weight of the zones it covers).
 */
export function projectDemand(scenario: Pick<Scenario, "demand" | "zones" | "areas">, factors: ReadonlyMap<string, number>, perHead: number): DemandPatch {
  const weightByArea = new Map<string, number>();
  for (const zone of scenario.zones) weightByArea.set(zone.area, (weightByArea.get(zone.area) ?? 0) + (zone.weight ?? zone.population ?? 1));
  const areaRates: DemandPatch["areaRates"] = {};
  for (const area of scenario.areas) {
    const factor = factors.get(area.code) ?? 1;
    const rates: Partial<Record<Urgency, RateSpec>> = {};
    for (const urgency of URGENCIES) {
      const own = scenario.demand.areaRates[area.code]?.[urgency];
      const global = scenario.demand.rates[urgency];
      const spec = own ?? global;
      if ("per1000PerYear" in spec) rates[urgency] = { per1000PerYear: round(spec.per1000PerYear * factor, 8) };
      else if (own) rates[urgency] = { perYear: round(spec.perYear * factor, 8) };
      else {
        // The share of the scenario-wide count that falls in this area today (compile.ts spreads it by zone weight).
        const coveredWeight = scenario.zones.reduce((sum, zone) => (scenario.demand.areaRates[zone.area]?.[urgency] ? sum : sum + (zone.weight ?? zone.population ?? 1)), 0);
        const share = coveredWeight > 0 ? (weightByArea.get(area.code) ?? 0) / coveredWeight : 0;
        rates[urgency] = { perYear: round(spec.perYear * share * factor, 8) };
      }
    }
    areaRates[area.code] = rates;
  }
  return { areaRates, growthFactor: round(scenario.demand.growthFactor * perHead, 8) };
}

/** Today's 113 emergency incidents a year in each area, all urgencies, before demand.growthFactor (spread as compile.ts spreads the rates). */
function emergencyPerYearByArea(scenario: Pick<Scenario, "demand" | "zones" | "areas">): Map<string, number> {
  const populationFromZones = new Map<string, number>();
  for (const zone of scenario.zones) populationFromZones.set(zone.area, (populationFromZones.get(zone.area) ?? 0) + (zone.population ?? 0));
  const today = projectDemand(scenario, new Map(), 1).areaRates;
  const perYear = new Map<string, number>();
  for (const area of scenario.areas) {
    const fromZones = populationFromZones.get(area.code) ?? 0;
    const population = fromZones > 0 ? fromZones : (area.population ?? 0);
    let count = 0;
    for (const urgency of URGENCIES) {
      const rate = today[area.code]?.[urgency];
      if (rate) count += "perYear" in rate ? rate.perYear : (rate.per1000PerYear * population) / 1000;
    }
    perYear.set(area.code, count);
  }
  return perYear;
}

/**
 * The projected emergency demand of the given areas over today's: their factors weighted by
 * today's emergency incidents, times the per-head growth. Undefined when the areas have none today.
 */
function demandWeightedFactor(perYearByArea: ReadonlyMap<string, number>, factors: ReadonlyMap<string, number>, perHead: number, areaCodes: readonly string[]): number | undefined {
  let today = 0;
  let projected = 0;
  for (const code of areaCodes) {
    const count = perYearByArea.get(code) ?? 0;
    today += count;
    projected += count * (factors.get(code) ?? 1);
  }
  return today > 0 ? (projected / today) * perHead : undefined;
}

/**
 * The factors for the workload generated outside demand. Transports (transfers, booked) grow with
 * the whole study area's emergency demand: the areas' factors weighted by today's emergency
 * incidents, times the per-head growth. An AMK's background calls come from its area outside the
 * study area, whose population the projection does not read; they and its other-work tasks grow
 * with the population ratios of the municipalities of the AMK's own areas here (weighted the same
 * way), times the per-head growth - an approximation of its whole catchment. The age weights are
 * left out there: they only share demand between the study area's areas. An AMK with no demand
 * here uses the study area's population ratio.
 */
export function workloadFactors(scenario: Pick<Scenario, "demand" | "zones" | "areas" | "amkCentres">, areas: readonly Pick<AreaFactor, "areaCode" | "factor" | "populationRatio">[], perHead: number): WorkloadFactors {
  const perYear = emergencyPerYearByArea(scenario);
  const factors = new Map(areas.map((area) => [area.areaCode, area.factor]));
  const populationRatios = new Map(areas.map((area) => [area.areaCode, area.populationRatio]));
  const allAreas = scenario.areas.map((area) => area.code);
  // No emergency demand at all: every area counts alike.
  const unweighted = (values: ReadonlyMap<string, number>) => (allAreas.reduce((sum, code) => sum + (values.get(code) ?? 1), 0) / Math.max(1, allAreas.length)) * perHead;
  const transports = demandWeightedFactor(perYear, factors, perHead, allAreas) ?? unweighted(factors);
  const studyAreaPopulation = demandWeightedFactor(perYear, populationRatios, perHead, allAreas) ?? unweighted(populationRatios);
  const amk: Record<string, number> = {};
  for (const centre of scenario.amkCentres) amk[centre.id] = demandWeightedFactor(perYear, populationRatios, perHead, centre.areas) ?? studyAreaPopulation;
  return { transports, amk };
}

/** Transfers, booked transports, and each AMK's background calls and other-work tasks multiplied by their factors. */
export function projectWorkload(scenario: Pick<Scenario, "transports" | "amkCentres">, factors: WorkloadFactors): WorkloadPatch {
  let transports: TransportsSpec | undefined;
  if (scenario.transports) {
    transports = structuredClone(scenario.transports);
    for (const route of transports.transfers) route.perYear = round(route.perYear * factors.transports, 8);
    if (transports.booked) {
      const rate = transports.booked.rate;
      transports.booked.rate = "perYear" in rate ? { perYear: round(rate.perYear * factors.transports, 8) } : { per1000PerYear: round(rate.per1000PerYear * factors.transports, 8) };
    }
  }
  const amkCentres: AmkWorkloadPatch[] = [];
  for (const centre of scenario.amkCentres) {
    const tasks = centre.otherWork?.tasks ?? [];
    if (!centre.background && tasks.length === 0) continue;
    const factor = factors.amk[centre.id] ?? factors.transports;
    amkCentres.push({
      id: centre.id,
      factor,
      backgroundCallsPerYear: centre.background ? round(centre.background.callsPerYear * factor, 8) : undefined,
      taskPerYear: Object.fromEntries(tasks.map((task) => [task.id, round(task.perYear * factor, 8)])),
    });
  }
  return { factors, transports, amkCentres };
}

/** Rounds to `significant` significant digits (relative error below 1e-7), so the overlay's numbers and the in-memory run are the same. */
function round(value: number, significant: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(significant));
}

/** The scenario with the patch applied (what loading the overlay gives). */
export function withDemandPatch(scenario: Scenario, patch: DemandPatch): Scenario {
  const copy = structuredClone(scenario);
  copy.demand.areaRates = structuredClone(patch.areaRates);
  copy.demand.growthFactor = patch.growthFactor;
  if (patch.workload) {
    if (patch.workload.transports) copy.transports = structuredClone(patch.workload.transports);
    for (const scaled of patch.workload.amkCentres) {
      const centre = copy.amkCentres.find((candidate) => candidate.id === scaled.id)!;
      if (centre.background && scaled.backgroundCallsPerYear !== undefined) centre.background.callsPerYear = scaled.backgroundCallsPerYear;
      for (const task of centre.otherWork?.tasks ?? []) task.perYear = scaled.taskPerYear[task.id] ?? task.perYear;
    }
  }
  return copy;
}
