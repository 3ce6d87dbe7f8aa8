/**
 * The planner's edits as an overlay (what POST /api/scenarios/:id/variants saves: records by id,
 * `remove: true`, `replace: true` for a policy swapped as a whole), the page's own checks before saving,
 * and the list of unsaved changes.
 */
import { $, el } from "./dom.js";
import { capabilityName, num, t, vehicleTypeName } from "./i18n.js";
import { shiftProblem, shiftSummary, staffSummary } from "./shifts.js";
import { S } from "./state.js";
import type { Relocation, StaffedShift } from "./types.js";

export function overlay(): Record<string, unknown> {
  const view = S.view;
  if (!view) return {};
  const e = S.edits;
  const result: Record<string, unknown> = {};
  const owner = view.scenario.stations[0]?.owner ?? "";
  const stations = [...[...e.moved].map(([id, at]) => ({ id, lat: at.lat, lon: at.lon })), ...e.addedStations.map((s) => ({ id: s.id, name: s.name, lat: s.lat, lon: s.lon, owner }))];
  if (stations.length > 0) result.stations = stations;
  const vehicles: Array<Record<string, unknown>> = [];
  for (const group of view.vehicleGroups) {
    const count = e.counts.get(group.id) ?? group.count;
    const shifts = e.shiftEdits.get(group.id);
    const shiftsChanged = shifts !== undefined && JSON.stringify(shifts) !== JSON.stringify(group.shifts);
    if (count === 0) vehicles.push({ id: group.id, remove: true });
    else if (count !== group.count || shiftsChanged) vehicles.push({ id: group.id, ...(count !== group.count ? { count } : {}), ...(shiftsChanged ? { shifts } : {}) });
  }
  for (const vehicle of e.newVehicles) {
    const shifts = e.shiftEdits.get(vehicle.id) ?? [];
    if (vehicle.count > 0) vehicles.push({ id: vehicle.id, type: vehicle.type, station: vehicle.station, count: vehicle.count, ...(shifts.length > 0 ? { shifts } : {}) });
  }
  if (vehicles.length > 0) result.vehicles = vehicles;
  const standby = [...[...e.standbyMoved].map(([id, at]) => ({ id, lat: at.lat, lon: at.lon })), ...e.standbyAdded.map((point) => ({ id: point.id, name: point.name, lat: point.lat, lon: point.lon, owner: point.owner }))];
  if (standby.length > 0) result.standbyPoints = standby;
  if (e.growthFactor !== (view.scenario.demand.growthFactor ?? 1)) result.demand = { growthFactor: e.growthFactor };
  const amk = view.scenario.amkCentres.filter((centre) => changedOperators(centre.id)).map((centre) => ({ id: centre.id, operators: e.operators.get(centre.id) }));
  if (amk.length > 0) result.amkCentres = amk;
  const destinations = view.scenario.destinations.filter((d) => changedCapabilities(d.id)).map((d) => ({ id: d.id, capabilities: e.capabilities.get(d.id) }));
  if (destinations.length > 0) result.destinations = destinations;
  const dispatch: Record<string, unknown> = {};
  if (e.dispatch.crossBorder !== view.scenario.policies.dispatch.crossBorder) dispatch.crossBorder = e.dispatch.crossBorder;
  if (e.dispatch.interAmkDelaySec !== view.scenario.policies.dispatch.interAmkDelaySec) dispatch.interAmkDelaySec = e.dispatch.interAmkDelaySec;
  const policies: Record<string, unknown> = {};
  if (Object.keys(dispatch).length > 0) policies.dispatch = dispatch;
  const relocation = currentRelocation();
  if (JSON.stringify(relocation) !== JSON.stringify(normaliseRelocation(view.scenario.policies.relocation))) policies.relocation = { replace: true, ...relocation };
  if (Object.keys(policies).length > 0) result.policies = policies;
  return result;
}

function changedOperators(id: string): boolean {
  const edited = S.edits.operators.get(id);
  const base = S.view?.scenario.amkCentres.find((c) => c.id === id)?.operators;
  return edited !== undefined && JSON.stringify(edited) !== JSON.stringify(base);
}
function changedCapabilities(id: string): boolean {
  const edited = S.edits.capabilities.get(id);
  const base = S.view?.scenario.destinations.find((d) => d.id === id)?.capabilities;
  return edited !== undefined && JSON.stringify([...edited].sort()) !== JSON.stringify([...(base ?? [])].sort());
}

function normaliseRelocation(value: Relocation): Relocation {
  if (value.name === "return-home") return { name: "return-home" };
  if (value.name === "dynamic-mexclp") return { name: "dynamic-mexclp", busyFraction: value.busyFraction ?? 0.3, coverageSec: value.coverageSec ?? 720, ...(value.bases ? { bases: value.bases } : {}) };
  if (value.name === "compliance-table") return value.tables ? { name: "compliance-table", tables: value.tables } : { name: "compliance-table", table: value.table ?? [] };
  return { name: "standby-points", points: (value.points ?? []).map((point) => (point.hours ? { id: point.id, hours: point.hours } : { id: point.id })), coverageSec: value.coverageSec ?? 300, maxTravelSec: value.maxTravelSec ?? 1800 };
}

/** The relocation policy as the form has it (`replace: true` in the overlay: a policy is swapped as a whole). */
function currentRelocation(): Relocation {
  const r = S.edits.relocation;
  if (r.name === "return-home") return { name: "return-home" };
  if (r.name === "dynamic-mexclp") {
    // Bases the scenario's own dynamic-mexclp lists are kept; the form does not edit them.
    const base = S.view?.scenario.policies.relocation;
    return { name: "dynamic-mexclp", busyFraction: r.busyFraction, coverageSec: r.mexclpCoverageSec, ...(base?.name === "dynamic-mexclp" && base.bases ? { bases: base.bases } : {}) };
  }
  if (r.name === "compliance-table") return { name: "compliance-table", ...(r.compliance ?? {}) };
  const points = r.points.filter((point) => point.use).map((point) => (point.from && point.to ? { id: point.id, hours: [point.from, point.to] as [string, string] } : { id: point.id }));
  return { name: "standby-points", points, coverageSec: r.coverageSec, maxTravelSec: r.maxTravelSec };
}

/** Capabilities patients need (a probability above 0 in any urgency's patient path), "general" first. */
export function neededCapabilities(): string[] {
  const needed = new Set<string>(["general"]);
  for (const path of Object.values(S.view?.scenario.patientPaths ?? {})) for (const [capability, p] of Object.entries(path.capabilityProbabilities ?? {})) if (p > 0) needed.add(capability);
  return [...needed];
}

export interface Problem {
  /** The section whose issue box shows it: demand, amk, hospitals, relocation. */
  section: "demand" | "amk" | "hospitals" | "relocation";
  text: string;
}

/** The page's own checks before anything is sent, in the page's language. */
export function problems(): Problem[] {
  const view = S.view;
  if (!view) return [];
  const e = S.edits;
  const found: Problem[] = [];
  if (!Number.isFinite(e.growthFactor) || e.growthFactor <= 0 || e.growthFactor > 10) found.push({ section: "demand", text: t("errGrowth") });
  for (const centre of view.scenario.amkCentres) {
    const operators = e.operators.get(centre.id);
    if (!operators) continue;
    if (operators.length === 0) found.push({ section: "amk", text: `${centre.name}: ${t("errNoOperatorShift")}` });
    operators.forEach((shift, j) => {
      const problem = shiftProblem(shift);
      if (problem) found.push({ section: "amk", text: `${centre.name}, ${t("shiftNo")} ${j + 1}: ${problem}` });
    });
  }
  const hospitals = view.scenario.destinations.filter((d) => d.kind !== "legevakt");
  for (const capability of neededCapabilities()) {
    if (!hospitals.some((d) => (e.capabilities.get(d.id) ?? d.capabilities).includes(capability))) found.push({ section: "hospitals", text: `${t("errNoHospitalFor")} ${capabilityName(capability)}.` });
  }
  if (e.relocation.name === "standby-points" && !e.relocation.points.some((point) => point.use)) found.push({ section: "relocation", text: t("noPointsUsed") });
  if (e.relocation.name === "dynamic-mexclp" || e.relocation.name === "compliance-table") {
    if (!(e.relocation.busyFraction > 0 && e.relocation.busyFraction < 1)) found.push({ section: "relocation", text: t("errBusyFraction") });
  }
  if (e.relocation.name === "dynamic-mexclp" && !(Number.isFinite(e.relocation.mexclpCoverageSec) && e.relocation.mexclpCoverageSec > 0)) found.push({ section: "relocation", text: t("errMexclpCoverage") });
  if (e.relocation.name === "compliance-table" && !e.relocation.compliance) found.push({ section: "relocation", text: t("errNoComplianceTable") });
  return found;
}

/** Shows the page's own problems beside their sections; returns them. */
export function showProblems(): Problem[] {
  const found = problems();
  for (const section of ["demand", "amk", "hospitals"] as const) $(`${section}-issues`).textContent = found.filter((p) => p.section === section).map((p) => p.text).join(" ");
  return found;
}

export function renderChanges(): void {
  const view = S.view;
  const o = overlay();
  const e = S.edits;
  const parts: string[] = [];
  for (const [id] of e.moved) parts.push(`${id} ${t("moved")}`);
  for (const s of e.addedStations) parts.push(`${s.name} (${t("added")})`);
  type V = { id: string; count?: number; remove?: boolean; type?: string; station?: string; shifts?: Parameters<typeof shiftSummary>[0] };
  const vehicles = (o.vehicles as V[] | undefined) ?? [];
  for (const v of vehicles) if (!v.type && (v.remove || v.count !== undefined)) parts.push(`${v.id}: ${t("fleet")} ${v.remove ? 0 : v.count}`);
  for (const v of vehicles) if (!v.type && v.shifts) parts.push(`${v.id}: ${t("shiftsChanged")} ${shiftSummary(v.shifts)}`);
  for (const v of vehicles) if (v.type) parts.push(`${v.id} (${vehicleTypeName(v.type)} × ${v.count}, ${v.station}; ${shiftSummary(v.shifts ?? [])}) ${t("added")}`);
  for (const [id] of e.standbyMoved) parts.push(`${id} ${t("moved")}`);
  for (const point of e.standbyAdded) parts.push(`${point.name ?? point.id} (${t("added")})`);
  if (o.demand) parts.push(`${t("growthFactor")}: ${num(view?.scenario.demand.growthFactor ?? 1, 2)} → ${num(e.growthFactor, 2)}`);
  for (const centre of (o.amkCentres as Array<{ id: string; operators: StaffedShift[] }> | undefined) ?? []) parts.push(`${view?.scenario.amkCentres.find((c) => c.id === centre.id)?.name ?? centre.id}: ${t("staffing")} ${staffSummary(centre.operators)}`);
  for (const d of (o.destinations as Array<{ id: string; capabilities: string[] }> | undefined) ?? []) parts.push(`${view?.scenario.destinations.find((x) => x.id === d.id)?.name ?? d.id}: ${d.capabilities.map(capabilityName).join(", ") || t("noCapabilities")}`);
  const dispatch = (o.policies as { dispatch?: Record<string, unknown> } | undefined)?.dispatch;
  if (dispatch) parts.push(Object.entries(dispatch).map(([k, v]) => `${k} = ${String(v)}`).join(", "));
  const changedRelocation = (o.policies as { relocation?: Relocation } | undefined)?.relocation;
  if (changedRelocation) parts.push(`${t("relocationChanged")}: ${changedRelocation.name}${changedRelocation.points ? ` (${changedRelocation.points.map((point) => point.id).join(" → ")})` : ""}`);
  const target = $("changes");
  if (parts.length === 0) {
    target.replaceChildren(el("p", { className: "muted", text: t("noChanges") }));
    return;
  }
  target.replaceChildren(el("p", { text: `${t("changes")}:` }), el("ul", {}, ...parts.map((part) => el("li", { text: part }))), el("p", { className: "muted", text: t("unsaved") }));
}

export const hasChanges = (): boolean => Object.keys(overlay()).length > 0;
