/**
 * Standby points (move, add; never into the sea or a lake) and the relocation policy between
 * missions: home, standby points, dynamic MEXCLP (busy fraction, coverage time) or a compliance
 * table (the scenario's own, or one made by the server's MIP: pooled or per trust).
 */
import { post } from "./api.js";
import { $, el, input, newId, select, setStatus } from "./dom.js";
import { errorText } from "./errors.js";
import { t } from "./i18n.js";
import { checkPlace } from "./land.js";
import { drawPoints, showPoint } from "./map.js";
import { renderChanges } from "./overlay.js";
import { placeButton } from "./stations.js";
import { S, allStandby, allStations, type RelocationForm } from "./state.js";
import type { ComplianceTableResult, LatLon } from "./types.js";

export function renderStandby(): void {
  const points = allStandby();
  $("standby-empty").hidden = points.length > 0;
  $("standby-list").replaceChildren(...points.map((point) => placeButton(point, "standby", point.id === S.selectedStandby, () => selectStandby(point.id))));
  const point = points.find((candidate) => candidate.id === S.selectedStandby);
  $("standby-detail").hidden = !point;
  if (!point) return;
  $("standby-name").textContent = `${point.name ?? point.id} (${point.id})`;
  input("standby-lat").value = String(point.lat);
  input("standby-lon").value = String(point.lon);
}

export function selectStandby(id: string): void {
  S.selectedStandby = id;
  renderStandby();
  drawPoints();
}

export async function moveStandby(id: string, at: LatLon): Promise<boolean> {
  const point = allStandby().find((p) => p.id === id);
  if (!point) return false;
  const position = await checkPlace(point.name ?? point.id, at);
  if (!position) return false;
  if (position === "refused") {
    renderStandby();
    drawPoints();
    return false;
  }
  const added = S.edits.standbyAdded.find((p) => p.id === id);
  if (added) Object.assign(added, position);
  else S.edits.standbyMoved.set(id, position);
  renderStandby();
  drawPoints();
  renderChanges();
  return true;
}

async function addStandby(): Promise<void> {
  const name = input("standby-new-name").value.trim();
  const at = await checkPlace(name, { lat: Number(input("standby-new-lat").value), lon: Number(input("standby-new-lon").value) });
  const view = S.view;
  if (!at || !view) return;
  $("add-standby-error").textContent = at === "refused" ? t("inWater") : "";
  if (at === "refused") return;
  const id = newId("sb", name, new Set([...allStations().map((s) => s.id), ...allStandby().map((p) => p.id)]));
  S.edits.standbyAdded.push({ id, name, ...at, owner: view.scenario.stations[0]?.owner ?? "" });
  S.edits.relocation.points.push({ id, use: S.edits.relocation.name === "standby-points", from: "", to: "" });
  selectStandby(id);
  renderRelocation();
  renderChanges();
}

export function renderRelocation(): void {
  const r = S.edits.relocation;
  select("relocation").value = r.name;
  $("relocation-params").hidden = r.name !== "standby-points";
  $("relocation-busy").hidden = r.name !== "dynamic-mexclp" && r.name !== "compliance-table";
  $("relocation-mexclp").hidden = r.name !== "dynamic-mexclp";
  $("relocation-compliance").hidden = r.name !== "compliance-table";
  input("coverage-sec").value = String(r.coverageSec);
  input("max-travel-sec").value = String(r.maxTravelSec);
  input("busy-fraction").value = String(r.busyFraction);
  input("mexclp-coverage-sec").value = String(r.mexclpCoverageSec);
  // The scenario's own table is a choice only when it has one.
  const own = S.view?.scenario.policies.relocation.name === "compliance-table";
  $("compliance-source").querySelector<HTMLOptionElement>('option[value="scenario"]')!.hidden = !own;
  select("compliance-source").value = r.complianceSource;
  $<HTMLButtonElement>("compute-compliance").hidden = r.complianceSource === "scenario";
  const names = new Map(allStandby().map((point) => [point.id, point.name ?? point.id]));
  $("relocation-points").replaceChildren(...r.points.map((point, k) => relocationItem(r, point, k, names.get(point.id) ?? point.id)));
}

function relocationItem(r: RelocationForm, point: RelocationForm["points"][number], k: number, name: string): HTMLLIElement {
  const item = el("li", { "data-point": point.id });
  const use = el("input", { type: "checkbox", id: `use-point-${point.id}` });
  use.checked = point.use;
  use.addEventListener("change", () => {
    point.use = use.checked;
    renderChanges();
  });
  const useLabel = el("label", { for: use.id, text: ` ${name} ` });
  item.append(use, useLabel);
  for (const [direction, text, symbol] of [[-1, t("moveUp"), "↑"], [1, t("moveDown"), "↓"]] as const) {
    const button = el("button", { type: "button", className: "small secondary", text: symbol, "aria-label": `${text}: ${name}` });
    button.disabled = k + direction < 0 || k + direction >= r.points.length;
    button.addEventListener("click", () => {
      const [moved] = r.points.splice(k, 1);
      r.points.splice(k + direction, 0, moved!);
      renderRelocation();
      renderChanges();
      $("relocation-points").querySelector<HTMLButtonElement>(`li[data-point="${CSS.escape(point.id)}"] button[aria-label^="${direction < 0 ? t("moveUp") : t("moveDown")}"]`)?.focus();
    });
    item.append(" ", button);
  }
  for (const [field, text] of [["from", t("activeFrom")], ["to", t("activeTo")]] as const) {
    const time = el("input", { className: "time", placeholder: t("hhmm"), pattern: "([01][0-9]|2[0-3]):[0-5][0-9]|24:00", "aria-label": `${text}, ${name}` });
    time.value = point[field];
    time.addEventListener("change", () => {
      point[field] = time.value.trim();
      renderChanges();
    });
    item.append(` ${text} `, time);
  }
  return item;
}

/** Asks the server for a compliance table (pooled or per trust) with the form's busy fraction; the result is what a save writes. */
async function computeCompliance(): Promise<void> {
  const view = S.view;
  const r = S.edits.relocation;
  if (!view || r.complianceSource === "scenario") return;
  if (!(r.busyFraction > 0 && r.busyFraction < 1)) return setStatus("compliance-status", t("errBusyFraction"), "error");
  const button = $<HTMLButtonElement>("compute-compliance");
  button.disabled = true;
  setStatus("compliance-status", t("computingTable"));
  try {
    const made = await post<ComplianceTableResult>(`/scenarios/${encodeURIComponent(view.id)}/compliance-table`, { byOwner: r.complianceSource === "by-owner", busyFraction: r.busyFraction });
    // The form may have moved on while the server worked: keep the table only if it still asks for it.
    if (S.view !== view || S.edits.relocation !== r || r.name !== "compliance-table") return;
    r.compliance = made.relocation.tables ? { tables: made.relocation.tables } : { table: made.relocation.table ?? [] };
    setStatus("compliance-status", `${t("tableReady")} ${made.tables.map((table) => `${table.owner ?? t("allOwners")}: ${table.rows} ${t("rowsWord")}`).join(", ")}.`, "ok");
    $("relocation-issues").textContent = "";
    renderChanges();
  } catch (error) {
    setStatus("compliance-status", errorText(error), "error");
  } finally {
    button.disabled = false;
  }
}

/** A change of the table's source or q makes a computed table stale: it must be computed again before saving. */
function forgetComputedTable(): void {
  const r = S.edits.relocation;
  const base = S.view?.scenario.policies.relocation;
  r.compliance = r.complianceSource === "scenario" && base?.name === "compliance-table" ? (base.tables ? { tables: base.tables } : { table: base.table ?? [] }) : undefined;
  setStatus("compliance-status", "");
}

export function wireStandby(): void {
  $("standby-move-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (!S.selectedStandby) return;
    const at = { lat: Number(input("standby-lat").value), lon: Number(input("standby-lon").value) };
    void moveStandby(S.selectedStandby, at).then((moved) => moved && showPoint(at));
  });
  $("add-standby-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void addStandby();
  });
  $("relocation").addEventListener("change", () => {
    const r = S.edits.relocation;
    r.name = select("relocation").value as RelocationForm["name"];
    if (r.name === "standby-points" && !r.points.some((point) => point.use)) r.points.forEach((point) => (point.use = true));
    $("relocation-issues").textContent = "";
    renderRelocation();
    renderChanges();
  });
  for (const [id, field] of [["coverage-sec", "coverageSec"], ["max-travel-sec", "maxTravelSec"], ["busy-fraction", "busyFraction"], ["mexclp-coverage-sec", "mexclpCoverageSec"]] as const) {
    $(id).addEventListener("change", () => {
      S.edits.relocation[field] = Number(input(id).value);
      if (field === "busyFraction" && S.edits.relocation.complianceSource !== "scenario") forgetComputedTable();
      renderChanges();
    });
  }
  $("compliance-source").addEventListener("change", () => {
    S.edits.relocation.complianceSource = select("compliance-source").value as "scenario" | "pooled" | "by-owner";
    forgetComputedTable();
    renderRelocation();
    renderChanges();
  });
  $("compute-compliance").addEventListener("click", () => void computeCompliance());
}
