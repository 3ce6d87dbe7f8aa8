import { basename } from "node:path";
import { stringify } from "yaml";
import { readScenarioChain, type Scenario } from "@akutt/model";
import { coverageData, MAX_SITING_VEHICLES, solveSiting, solveWithHighs, type CoverageData, type MipModel, type SitingOptions } from "@akutt/optimise";
import { prepareRun } from "@akutt/runs";
/** The siting MIP's best plans: their objectives, their sites, and each plan as an overlay on the scenario. */
export interface SitingCandidates {
  siting: Array<{ id: string; label: string; objective: number; objectiveLabel: string; status: string }>;
  /** Every site a plan or today uses, with its ambulances in each plan (by plan id) and today. */
  sites: Array<{ id: string; kind: string; owner: string; lat: number; lon: number; today: number; vehicles: Record<string, number> }>;
  /** Overlay YAML on the scenario (`extends:` its file name, so it is saved beside it). */
  plans: Array<{ id: string; label: string; overlay: string }>;
  /** The MIP each plan is the optimum of (plan k: the first MIP with k − 1 no-good cuts), for writing as .lp/.mps and checking with a second solver. */
  models: MipModel[];
}

/** A siting problem that has no plan (the constraints cannot all hold), or asks for more than SITING_LIMITS: a user's problem to change, exit 2. */
export class SitingProblemError extends Error {
  readonly isUserError = true;
  override readonly name = "SitingProblemError";
}

/**
 * Bounds of `sitingCandidates`, checked by the function itself (not only by its callers): each plan
 * is one more MIP with a cut per earlier plan, so the plans are few; the ambulances placed match the
 * siting options' own bound.
 */
export const SITING_LIMITS = { maxPlans: 20, maxVehicles: MAX_SITING_VEHICLES } as const;

/**
 * The best `plans` allocations of the siting MIP (@akutt/optimise) for `vehicles` ambulances: the optimum, then each
 * next one by adding a no-good cut that excludes every allocation found so far, and re-solving.
 *
 * The cut: all P vehicles are placed (Σ x_s = P), so an allocation other than x* must have
 * x_s ≥ x*_s + 1 at some site s. With a binary u_s per site that has room for one more,
 * x_s − (x*_s + 1)·u_s ≥ 0 and Σ u_s ≥ 1 exclude exactly x* and nothing else. The objectives
 * found this way never improve (each MIP is the previous one with a cut).
 */
export async function sitingCandidates(scenario: Scenario, options: SitingOptions, vehicles: number, plans: number, paths: { dataDir?: string | undefined; cacheDir?: string | undefined }): Promise<SitingCandidates> {
  if (!Number.isInteger(plans) || plans < 1 || plans > SITING_LIMITS.maxPlans) throw new SitingProblemError(`plans: a whole number from 1 to ${SITING_LIMITS.maxPlans}, got ${plans}`);
  if (!Number.isInteger(vehicles) || vehicles < 1 || vehicles > SITING_LIMITS.maxVehicles) throw new SitingProblemError(`vehicles: a whole number from 1 to ${SITING_LIMITS.maxVehicles}, got ${vehicles}`);
  if (options.model === "pmedian" && options.pmedianObjective === "percentile") throw new SitingProblemError("the next-best plans need one MIP per plan; the percentile p-median is a search over many (use --objective mean)");
  const prepared = await prepareRun(scenario, paths);
  const data = coverageData(prepared, options);
  const first = await solveSiting(data, options, vehicles);
  if (first.plan === undefined) throw new SitingProblemError(`the siting MIP has no plan (${first.status}): the fixed sites, per-trust bounds and at most ${options.maxVehiclesPerSite} ambulances per site cannot all hold with ${vehicles} ambulances`);
  const allocations: Array<{ values: number[]; objective: number; status: string; mip: MipModel }> = [{ values: first.allocation.map((site) => site.vehicles), objective: first.objective, status: first.status, mip: first.mip }];
  while (allocations.length < plans) {
    const mip = withNoGoodCut(allocations.at(-1)!.mip, allocations.at(-1)!.values, allocations.length);
    const solution = await solveWithHighs(mip, { timeLimitSec: options.timeLimitSec });
    if (solution.status !== "optimal" && solution.status !== "time-limit") break; // no further plan
    if (solution.values.size === 0) break;
    allocations.push({ values: data.sites.map((_, s) => Math.round(solution.values.get(`x_${s}`) ?? 0)), objective: solution.objective, status: solution.status, mip });
  }
  const label = (k: number) => `${options.model.toUpperCase()} ${k + 1}`;
  const ids = allocations.map((_, k) => `plan-${k + 1}`);
  const places = placesOf(scenario);
  const used = data.sites.flatMap((site, s) => (site.currentVehicles > 0 || allocations.some((plan) => plan.values[s]! > 0) ? [s] : []));
  return {
    siting: allocations.map((plan, k) => ({ id: ids[k]!, label: label(k), objective: plan.objective, objectiveLabel: first.objectiveLabel, status: plan.status })),
    sites: used.map((s) => {
      const site = data.sites[s]!;
      const place = places.get(`${site.kind}:${site.id}`)!;
      return { id: site.id, kind: site.kind, owner: site.owner, lat: place.lat, lon: place.lon, today: site.currentVehicles, vehicles: Object.fromEntries(allocations.map((plan, k) => [ids[k]!, plan.values[s]!])) };
    }),
    plans: allocations.map((plan, k) => ({ id: ids[k]!, label: label(k), overlay: planOverlayText(scenario, data, plan.values, places) })),
    models: allocations.map((plan) => plan.mip),
  };
}

/**
 * An allocation (ambulances per candidate site of `data`) as overlay YAML on the scenario, with
 * `extends:` its file name (as if saved beside it; `movedOverlay` moves it elsewhere).
 */
export function planOverlayText(scenario: Scenario, data: CoverageData, values: number[], places: Map<string, Place> = placesOf(scenario)): string {
  return `extends: ${basename(scenario.file)}\n${stringify(allocationOverlay(scenario, data, values, places))}`;
}

function withNoGoodCut(mip: MipModel, values: number[], k: number): MipModel {
  const upper = new Map(mip.variables.map((variable) => [variable.name, variable.upper]));
  const room = values.flatMap((value, s) => (value + 1 <= (upper.get(`x_${s}`) ?? 0) ? [s] : []));
  const u = (s: number) => `ng${k}_${s}`;
  return {
    ...mip,
    variables: [...mip.variables, ...room.map((s) => ({ name: u(s), type: "binary" as const, lower: 0, upper: 1 }))],
    constraints: [
      ...mip.constraints,
      ...room.map((s) => ({ name: `ngx${k}_${s}`, sense: ">=" as const, rhs: 0, terms: [{ variable: `x_${s}`, coefficient: 1 }, { variable: u(s), coefficient: -(values[s]! + 1) }] })),
      // With no site that can take one more, the sum is empty and the cut is infeasible: there is no other plan.
      { name: `nogood${k}`, sense: ">=" as const, rhs: 1, terms: room.map((s) => ({ variable: u(s), coefficient: 1 })) },
    ],
  };
}

type Place = { lat: number; lon: number; name: string };

function placesOf(scenario: Scenario): Map<string, Place> {
  const places = new Map<string, Place>();
  for (const station of scenario.stations) places.set(`station:${station.id}`, { lat: station.lat, lon: station.lon, name: station.name });
  for (const point of scenario.standbyPoints) places.set(`standby:${point.id}`, { lat: point.lat, lon: point.lon, name: point.name ?? point.id });
  for (const zone of scenario.zones) places.set(`zone:${zone.id}`, { lat: zone.lat, lon: zone.lon, name: zone.id });
  return places;
}

type RawVehicle = Record<string, unknown> & { id: string; type: string; station: string; count?: number };

/**
 * An allocation (ambulances per candidate site) as scenario overlay fields. Ambulances leave a
 * station from its last vehicle record first; those that leave are moved, in that order, to the
 * sites that gain, keeping their record's shifts and other fields (so the plan has today's
 * ambulance-hours when it places today's number); more ambulances than today are added round the
 * clock. A zone or standby point that gains ambulances becomes a new station `opt-<site>` there,
 * owned as the MIP owned the site. Other vehicle types stay where they are.
 */
export function allocationOverlay(scenario: Scenario, data: CoverageData, values: number[], places: Map<string, Place>): Record<string, unknown> {
  const merged = readScenarioChain(scenario.file, scenario.file).value as { vehicles?: RawVehicle[] };
  const ambulanceRecords = (merged.vehicles ?? []).filter((record) => record.type === "ambulance");
  const takenIds = new Set((merged.vehicles ?? []).map((record) => record.id));
  const counts = new Map<string, number>();
  const pool: Array<{ record: RawVehicle; n: number }> = [];
  data.sites.forEach((site, s) => {
    if (site.kind !== "station") return;
    let surplus = site.currentVehicles - values[s]!;
    for (const record of ambulanceRecords.filter((candidate) => candidate.station === site.id).reverse()) {
      if (surplus <= 0) break;
      const count = record.count ?? 1;
      const take = Math.min(count, surplus);
      counts.set(record.id, count - take);
      pool.push({ record, n: take });
      surplus -= take;
    }
  });
  const stations: Array<Record<string, unknown>> = [];
  const added = new Map<string, RawVehicle>();
  const unique = (wanted: string) => {
    let id = wanted;
    for (let n = 2; takenIds.has(id); n++) id = `${wanted}-${n}`;
    takenIds.add(id);
    return id;
  };
  data.sites.forEach((site, s) => {
    let need = values[s]! - site.currentVehicles;
    if (need <= 0) return;
    let stationId = site.id;
    if (site.kind !== "station") {
      const place = places.get(`${site.kind}:${site.id}`)!;
      stationId = unique(`opt-${site.id}`);
      stations.push({ id: stationId, name: `Optimert plass (${place.name})`, lat: place.lat, lon: place.lon, owner: site.owner });
    }
    while (need > 0) {
      const from = pool[0];
      const take = from ? Math.min(from.n, need) : need;
      const key = `${stationId}/${from?.record.id ?? ""}`;
      const existing = added.get(key);
      if (existing) existing.count = (existing.count ?? 0) + take;
      else if (from) {
        const { id: _id, station: _station, count: _count, ...fields } = from.record;
        added.set(key, { ...fields, id: unique(`${stationId}-${from.record.id}`), type: "ambulance", station: stationId, count: take });
      } else added.set(key, { id: unique(`${stationId}-amb-opt`), type: "ambulance", station: stationId, count: take });
      if (from) {
        from.n -= take;
        if (from.n === 0) pool.shift();
      }
      need -= take;
    }
  });
  const vehicles = [...[...counts].map(([id, count]) => (count === 0 ? { id, remove: true } : { id, count })), ...added.values()];
  return { ...(stations.length > 0 ? { stations } : {}), ...(vehicles.length > 0 ? { vehicles } : {}) };
}
