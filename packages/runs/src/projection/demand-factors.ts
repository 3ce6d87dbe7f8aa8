import { URGENCIES, type RateSpec, type Scenario, type Urgency } from "@akutt/model";

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

/** The demand fields an overlay changes: every area's rates, and the growth factor. */
export interface DemandPatch {
  areaRates: Record<string, Partial<Record<Urgency, RateSpec>>>;
  growthFactor: number;
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

/** Rounds to `significant` significant digits (relative error below 1e-7), so the overlay's numbers and the in-memory run are the same. */
function round(value: number, significant: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(significant));
}

/** The scenario with the patch applied (what loading the overlay gives). */
export function withDemandPatch(scenario: Scenario, patch: DemandPatch): Scenario {
  const copy = structuredClone(scenario);
  copy.demand.areaRates = structuredClone(patch.areaRates);
  copy.demand.growthFactor = patch.growthFactor;
  return copy;
}
