import type { CoverageData } from "../coverage/coverage.js";
import { OptimiseInputError } from "../coverage/coverage.js";
import type { LinearTerm, MipConstraint, MipModel, MipVariable } from "../mip/model.js";
import type { SitingOptions } from "../options.js";
import { vehiclesForReliability } from "./plan.js";

/**
 * The siting MIPs (formulations in docs/optimisation.md). All share the placement part:
 *   x_s ∈ {0, …, cap_s}  vehicles at candidate site s (cap_s = maxVehiclesPerSite; 0 if excluded; ≥ 1 if fixed; = n if held at n by fixedVehicles)
 *   Σ_s x_s = P                                      all P vehicles are placed
 *   min_t ≤ Σ_{s owned by t} x_s ≤ max_t            per trust
 *   y_s ∈ {0, 1}, x_s ≤ cap_s·y_s, y_s ≤ x_s        site open (only when a site count or cost needs it)
 *   Σ_s y_s ≤ maxSites;  Σ_s c_s·y_s + c_v·P ≤ maxCost
 * Variables are named by index (x_3 = the fourth candidate); each file's comment lines say which is which.
 */

export type SitingParameters = Pick<SitingOptions, "model" | "maxVehiclesPerSite" | "busyFraction" | "reliability" | "fixed" | "excluded" | "trusts" | "budget"> & Partial<Pick<SitingOptions, "fixedVehicles">>;

interface Placement {
  variables: MipVariable[];
  constraints: MipConstraint[];
  /** x variable of each site. */
  x: string[];
  /** y variable of each site, when the model has them. */
  y: string[] | undefined;
}

const term = (variable: string, coefficient: number): LinearTerm => ({ variable, coefficient });

function placement(data: CoverageData, params: SitingParameters, vehicles: number, needOpen: boolean): Placement {
  const siteIndex = new Map(data.sites.map((site, s) => [site.id, s]));
  const known = (ids: readonly string[], field: string) => {
    for (const id of ids) if (!siteIndex.has(id)) throw new OptimiseInputError(`${field}: "${id}" is not a candidate site (candidates: ${data.sites.slice(0, 8).map((site) => site.id).join(", ")}${data.sites.length > 8 ? ", …" : ""})`);
  };
  known(params.fixed, "fixed");
  known(params.excluded, "excluded");
  known(Object.keys(params.budget.siteCosts), "budget.siteCosts");
  const owners = new Set(data.sites.map((site) => site.owner));
  for (const trust of Object.keys(params.trusts)) {
    if (!owners.has(trust)) throw new OptimiseInputError(`trusts: "${trust}" owns no candidate site (owners: ${[...owners].join(", ")})`);
  }
  const fixed = new Set(params.fixed);
  const excluded = new Set(params.excluded);
  for (const id of fixed) if (excluded.has(id)) throw new OptimiseInputError(`site "${id}" is both fixed and excluded`);
  const exact = new Map(Object.entries(params.fixedVehicles ?? {}));
  known([...exact.keys()], "fixedVehicles");
  for (const [id, n] of exact) {
    if (n > params.maxVehiclesPerSite) throw new OptimiseInputError(`fixedVehicles: "${id}" holds ${n} vehicles, more than maxVehiclesPerSite (${params.maxVehiclesPerSite})`);
    if (n > 0 && excluded.has(id)) throw new OptimiseInputError(`site "${id}" is both excluded and held at ${n} vehicles`);
    if (n === 0 && fixed.has(id)) throw new OptimiseInputError(`site "${id}" is both fixed and held at 0 vehicles`);
  }

  const cap = Math.min(params.maxVehiclesPerSite, vehicles);
  const x = data.sites.map((_, s) => `x_${s}`);
  const siteCost = data.sites.map((site) => params.budget.siteCosts[site.id] ?? params.budget.siteCost);
  const costLimited = params.budget.maxCost !== undefined && siteCost.some((c) => c > 0);
  const withOpen = needOpen || params.budget.maxSites !== undefined || costLimited;
  const y = withOpen ? data.sites.map((_, s) => `y_${s}`) : undefined;

  const variables: MipVariable[] = data.sites.map((site, s) => {
    const held = exact.get(site.id);
    return { name: x[s]!, type: "integer", lower: held ?? (fixed.has(site.id) ? 1 : 0), upper: held ?? (excluded.has(site.id) ? 0 : cap) };
  });
  const constraints: MipConstraint[] = [{ name: "fleet", sense: "=", rhs: vehicles, terms: x.map((name) => term(name, 1)) }];
  for (const [trust, bounds] of Object.entries(params.trusts)) {
    const terms = data.sites.flatMap((site, s) => (site.owner === trust ? [term(x[s]!, 1)] : []));
    const name = `trust_${data.sites.findIndex((site) => site.owner === trust)}`;
    if (bounds.min > 0) constraints.push({ name: `${name}_min`, sense: ">=", rhs: bounds.min, terms });
    if (bounds.max !== undefined) constraints.push({ name: `${name}_max`, sense: "<=", rhs: bounds.max, terms });
  }
  if (y) {
    data.sites.forEach((site, s) => {
      const held = exact.get(site.id);
      variables.push({ name: y[s]!, type: "binary", lower: fixed.has(site.id) || (held ?? 0) > 0 ? 1 : 0, upper: excluded.has(site.id) || held === 0 ? 0 : 1 });
      constraints.push({ name: `link_${s}`, sense: "<=", rhs: 0, terms: [term(x[s]!, 1), term(y[s]!, -cap)] });
      constraints.push({ name: `open_${s}`, sense: "<=", rhs: 0, terms: [term(y[s]!, 1), term(x[s]!, -1)] });
    });
    if (params.budget.maxSites !== undefined) constraints.push({ name: "sites_max", sense: "<=", rhs: params.budget.maxSites, terms: y.map((name) => term(name, 1)) });
  }
  if (params.budget.maxCost !== undefined) {
    const terms = data.sites.flatMap((_, s) => [...(y && siteCost[s]! > 0 ? [term(y[s]!, siteCost[s]!)] : []), ...(params.budget.vehicleCost > 0 ? [term(x[s]!, params.budget.vehicleCost)] : [])]);
    if (terms.length > 0) constraints.push({ name: "cost_max", sense: "<=", rhs: params.budget.maxCost, terms });
  }
  return { variables, constraints, x, y };
}

function legend(data: CoverageData, description: string): string[] {
  return [description, ...data.sites.map((site, s) => `x_${s} = vehicles at ${site.kind} ${site.id} (owner ${site.owner})`)];
}

/** Demand points with the same covering sites act as one (their weights add up): an exact reduction. */
function coverageGroups(data: CoverageData): Array<{ sites: Int32Array; weight: number }> {
  const groups = new Map<string, { sites: Int32Array; weight: number }>();
  data.demand.forEach((point, i) => {
    const sites = data.coveringSites[i]!;
    if (sites.length === 0) return; // covered by no site whatever the plan
    const key = sites.join(",");
    const group = groups.get(key);
    if (group) group.weight += point.weight;
    else groups.set(key, { sites, weight: point.weight });
  });
  return [...groups.values()];
}

/**
 * MEXCLP (Daskin 1983): maximise Σ_g w_g Σ_{k=1..K_g} (1−q) q^{k−1} z_gk subject to
 * Σ_k z_gk ≤ Σ_{s∈N_g} x_s, 0 ≤ z_gk ≤ 1. The z may be continuous: their objective weights fall
 * with k, so for integer x the best z fills the first Σx of them, and the optimum equals
 * Σ_g w_g (1 − q^{n_g}) exactly.
 */
export function buildMexclp(data: CoverageData, params: SitingParameters, vehicles: number): MipModel {
  const base = placement(data, params, vehicles, false);
  const q = params.busyFraction;
  const cap = Math.min(params.maxVehiclesPerSite, vehicles);
  const objective: LinearTerm[] = [];
  coverageGroups(data).forEach((group, g) => {
    const levels = Math.min(vehicles, group.sites.length * cap);
    const z: string[] = [];
    for (let k = 1; k <= levels; k++) {
      const name = `z_${g}_${k}`;
      z.push(name);
      base.variables.push({ name, type: "continuous", lower: 0, upper: 1 });
      objective.push(term(name, group.weight * (1 - q) * q ** (k - 1)));
    }
    base.constraints.push({ name: `cov_${g}`, sense: "<=", rhs: 0, terms: [...z.map((name) => term(name, 1)), ...Array.from(group.sites, (s) => term(base.x[s]!, -1))] });
  });
  return { name: "mexclp", sense: "maximize", objective, variables: base.variables, constraints: base.constraints, legend: legend(data, `MEXCLP, ${vehicles} vehicles, busy fraction ${q}: objective = expected share of demand covered`) };
}

/**
 * MALP I (ReVelle and Hogan 1989), with the system-wide busy fraction q: a group is α-reliably
 * covered when b = ⌈ln(1−α)/ln q⌉ vehicles stand within its threshold. Maximise Σ_g w_g c_g with
 * Σ_{s∈N_g} x_s ≥ b·c_g, c_g ∈ {0, 1}.
 */
export function buildMalp(data: CoverageData, params: SitingParameters, vehicles: number): MipModel {
  const base = placement(data, params, vehicles, false);
  const needed = vehiclesForReliability(params.busyFraction, params.reliability);
  const objective: LinearTerm[] = [];
  coverageGroups(data).forEach((group, g) => {
    const name = `c_${g}`;
    base.variables.push({ name, type: "binary", lower: 0, upper: 1 });
    objective.push(term(name, group.weight));
    base.constraints.push({ name: `rel_${g}`, sense: ">=", rhs: 0, terms: [...Array.from(group.sites, (s) => term(base.x[s]!, 1)), term(name, -needed)] });
  });
  return {
    name: "malp",
    sense: "maximize",
    objective,
    variables: base.variables,
    constraints: base.constraints,
    legend: legend(data, `MALP I, ${vehicles} vehicles, busy fraction ${params.busyFraction}, reliability ${params.reliability} (${needed} vehicles within reach): objective = share of demand reliably covered`),
  };
}

/**
 * p-median (Hakimi 1964; ReVelle and Swain 1970) with vehicles: minimise Σ_i w_i Σ_s t_is a_is
 * (minutes) with Σ_s a_is = 1, a_is ≤ y_s, y_s ≤ x_s (a site serves only if it has a vehicle).
 * a may be continuous: for fixed y each point takes its nearest open site.
 */
export function buildPMedian(data: CoverageData, params: SitingParameters, vehicles: number): MipModel {
  const base = placement(data, params, vehicles, true);
  const y = base.y!;
  const n = data.demand.length;
  const objective: LinearTerm[] = [];
  data.demand.forEach((point, i) => {
    const assign: LinearTerm[] = [];
    data.sites.forEach((_, s) => {
      const t = data.responseSec[s * n + i]!;
      if (!Number.isFinite(t)) return;
      const name = `a_${i}_${s}`;
      base.variables.push({ name, type: "continuous", lower: 0, upper: 1 });
      objective.push(term(name, (point.weight * t) / 60));
      assign.push(term(name, 1));
      base.constraints.push({ name: `serve_${i}_${s}`, sense: "<=", rhs: 0, terms: [term(name, 1), term(y[s]!, -1)] });
    });
    if (assign.length === 0) throw new OptimiseInputError(`zone ${point.zoneId} cannot be reached from any candidate site`);
    base.constraints.push({ name: `assign_${i}`, sense: "=", rhs: 1, terms: assign });
  });
  return { name: "pmedian", sense: "minimize", objective, variables: base.variables, constraints: base.constraints, legend: legend(data, `p-median, ${vehicles} vehicles: objective = weighted mean response time to the nearest site with a vehicle, minutes`) };
}

/**
 * Maximal covering at a given time T (Church and ReVelle 1974): maximise the share of demand
 * with a site with a vehicle within T. The percentile p-median solves this for a sequence of T.
 */
export function buildCoveringAt(data: CoverageData, params: SitingParameters, vehicles: number, withinSec: number): MipModel {
  const base = placement(data, params, vehicles, false);
  const n = data.demand.length;
  const groups = new Map<string, { sites: number[]; weight: number }>();
  data.demand.forEach((point, i) => {
    const sites = data.sites.flatMap((_, s) => (data.responseSec[s * n + i]! <= withinSec ? [s] : []));
    if (sites.length === 0) return;
    const key = sites.join(",");
    const group = groups.get(key);
    if (group) group.weight += point.weight;
    else groups.set(key, { sites, weight: point.weight });
  });
  const objective: LinearTerm[] = [];
  [...groups.values()].forEach((group, g) => {
    const name = `c_${g}`;
    base.variables.push({ name, type: "continuous", lower: 0, upper: 1 });
    objective.push(term(name, group.weight));
    base.constraints.push({ name: `within_${g}`, sense: "<=", rhs: 0, terms: [term(name, 1), ...group.sites.map((s) => term(base.x[s]!, -1))] });
  });
  return {
    name: "covering",
    sense: "maximize",
    objective,
    variables: base.variables,
    constraints: base.constraints,
    legend: legend(data, `Maximal covering within ${withinSec / 60} min, ${vehicles} vehicles: objective = share of demand with a vehicle within that time`),
  };
}
