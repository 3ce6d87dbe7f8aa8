/**
 * Choosing a scenario, and what belongs to it: its map layers, background map and roads, what a
 * variant changes, and renaming and deleting variants.
 *
 * Every load is tied to the selection that asked for it (a ticket and an AbortController): when the
 * planner picks another scenario before the first has arrived, the first is aborted and, should it
 * still answer, ignored; only the latest selection is ever drawn, and while it loads the save and run
 * buttons are off, so a save always goes to the scenario on screen.
 */
import { ApiError, api, isAbort, isNotFound } from "./api.js";
import { renderCompareList } from "./compare.js";
import { renderOptimisePanel } from "./optimise.js";
import { $, el, input, select, setStatus } from "./dom.js";
import { lang, t } from "./i18n.js";
import { currentBasemap, currentRoads, setBasemap, setRoads, setScenarioLayers, showDriveTimes } from "./map.js";
import { renderChanges, showProblems } from "./overlay.js";
import { renderPlanning } from "./planning.js";
import { isRunning } from "./runs.js";
import { renderStandby, renderRelocation } from "./standby.js";
import { renderStations } from "./stations.js";
import { S, emptyEdits } from "./state.js";
import type { BasemapCollection, Changes, Collection, Entry, RoadCollection, ScenarioView } from "./types.js";
import { errorText } from "./errors.js";

let ticket = 0;
let controller: AbortController | undefined;
let loading = false;
let changes: { id: string; answer: Changes | "missing" } | undefined;

export const isLoading = (): boolean => loading;
const current = (mine: number, id: string) => mine === ticket && S.view?.id === id;

function setLoading(on: boolean): void {
  loading = on;
  $("panel").setAttribute("aria-busy", String(on));
  $<HTMLButtonElement>("save").disabled = on;
  $<HTMLButtonElement>("run").disabled = on || isRunning();
  $("scenario-loading").textContent = on ? t("loadingScenario") : "";
}

export async function loadEntries(choose?: string): Promise<void> {
  S.entries = (await api<{ scenarios: Entry[] }>("/scenarios")).scenarios;
  const chooser = select("scenario");
  const wanted = choose ?? S.view?.id ?? chooser.value;
  chooser.replaceChildren(...S.entries.map((entry) => new Option(`${entry.kind === "variant" ? "★ " : ""}${entry.name} (${entry.id})`, entry.id)));
  chooser.value = S.entries.some((e) => e.id === wanted) ? wanted : (S.entries.find((e) => e.id === "demo")?.id ?? S.entries[0]?.id ?? "");
  renderCompareList();
}

/** Opens a scenario; resolves true when it is the one on screen, false when a newer selection replaced it or it failed. */
export async function openScenario(id: string): Promise<boolean> {
  const mine = ++ticket;
  controller?.abort();
  const abort = (controller = new AbortController());
  select("scenario").value = id;
  setLoading(true);
  try {
    const path = `/scenarios/${encodeURIComponent(id)}`;
    const [view, geo] = await Promise.all([api<ScenarioView>(path, { signal: abort.signal }), api<Collection>(`${path}/geojson`, { signal: abort.signal })]);
    if (mine !== ticket) return false;
    S.view = view;
    S.geo = geo;
    S.edits = emptyEdits(view);
    S.selected = undefined;
    S.selectedStandby = undefined;
    S.editingShifts = undefined;
    S.vehicleIssues = new Map();
    S.otherIssues = [];
    S.lastRun = undefined;
    changes = undefined;
    setLoading(false);
    $("results").hidden = true;
    $("relocation-issues").textContent = "";
    setStatus("save-status", "");
    setStatus("variant-status", "");
    renderScenarioPanels();
    renderChanges();
    renderCompareList();
    renderOptimisePanel();
    setRoads(undefined);
    setBasemap(undefined);
    showDriveTimes(undefined);
    setScenarioLayers();
    showMapNote();
    void loadRoads(id, mine, abort.signal);
    void loadBasemap(id, mine, abort.signal);
    void loadChanges(id, mine, abort.signal);
    return true;
  } catch (error) {
    if (mine !== ticket || isAbort(error)) return false;
    setLoading(false);
    select("scenario").value = S.view?.id ?? "";
    setStatus("variant-status", `${t("openFailed")} ${errorText(error)}`, "error");
    return false;
  }
}

/** The panels that show the scenario on screen and its edits: info, stations, standby points, relocation, planning, problems. */
export function renderScenarioPanels(): void {
  renderScenarioInfo();
  renderStations();
  renderStandby();
  renderRelocation();
  renderPlanning();
  showProblems();
}

export function renderScenarioInfo(): void {
  const view = S.view;
  const entry = S.entries.find((e) => e.id === view?.id);
  const parent = entry?.parent ? (S.entries.find((e) => e.id === entry.parent)?.name ?? entry.parent) : undefined;
  $("scenario-info").textContent = entry ? `${entry.path}${parent ? ` · ${t("basedOn")} ${parent}` : ""}` : "";
  $("variant-actions").hidden = entry?.kind !== "variant";
  $("rename-form").hidden = true;
  $("delete-confirm").hidden = true;
  renderVariantChanges();
}

export function showMapNote(): void {
  const parts = [S.geo?.note ? S.geo.note : t("boundaryNote")];
  const roads = currentRoads();
  if (roads?.network) parts.push(`${t("roadsNote")} ${roads.network} (© Kartverket)`);
  else if (roads?.note) parts.push(roads.note);
  const basemap = currentBasemap();
  if (basemap?.attribution) parts.push(`${t("basemapNote")} ${basemap.attribution}`);
  $("map-note").textContent = parts.join(" · ");
}

/** Roads are fetched after the rest of the map, so a slow first load of the network does not hold the page up. */
async function loadRoads(id: string, mine: number, signal: AbortSignal): Promise<void> {
  let roads: RoadCollection | undefined;
  try {
    roads = await api<RoadCollection>(`/scenarios/${encodeURIComponent(id)}/roads`, { signal });
  } catch {
    roads = undefined;
  }
  if (!current(mine, id)) return;
  setRoads(roads);
  showMapNote();
}

async function loadBasemap(id: string, mine: number, signal: AbortSignal): Promise<void> {
  let basemap: BasemapCollection | undefined;
  try {
    basemap = await api<BasemapCollection>(`/scenarios/${encodeURIComponent(id)}/basemap`, { signal });
  } catch (error) {
    if (!isNotFound(error) && !isAbort(error)) console.warn("basemap", error);
  }
  if (!current(mine, id)) return;
  setBasemap(basemap);
  $("basemap-missing").hidden = basemap !== undefined;
  showMapNote();
}

// ───────────── what a variant changes ─────────────
async function loadChanges(id: string, mine: number, signal: AbortSignal): Promise<void> {
  let answer: Changes | "missing" | undefined;
  try {
    answer = await api<Changes>(`/scenarios/${encodeURIComponent(id)}/changes`, { signal });
  } catch (error) {
    answer = isNotFound(error) ? "missing" : undefined;
  }
  if (!current(mine, id) || !answer) return;
  changes = { id, answer };
  renderVariantChanges();
}

export function renderVariantChanges(): void {
  const box = $("variant-changes");
  const entry = S.entries.find((e) => e.id === S.view?.id);
  const answer = changes?.id === S.view?.id ? changes?.answer : undefined;
  if (!answer || (answer === "missing" && entry?.kind !== "variant") || (answer !== "missing" && !answer.parent)) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const list = $("variant-changes-list");
  if (answer === "missing") {
    $("variant-changes-parent").textContent = t("changesUnavailable");
    list.replaceChildren();
    return;
  }
  $("variant-changes-parent").textContent = `${t("comparedWith")} ${answer.parentName ?? answer.parent}:`;
  const sign = { added: "+", removed: "−", changed: "~" } as const;
  list.replaceChildren(
    ...(answer.changes.length === 0
      ? [el("li", { text: t("noDifferences") })]
      : answer.changes.map((change) => el("li", { "data-kind": change.kind, "data-path": change.path }, el("span", { className: `change-kind ${change.kind}`, "aria-label": t(`change-${change.kind}`), text: sign[change.kind] }), " ", change.summary[lang()] || change.summary.nb))),
  );
}

// ───────────── rename and delete ─────────────
export function wireScenario(): void {
  select("scenario").addEventListener("change", () => void openScenario(select("scenario").value));
  $("rename-variant").addEventListener("click", () => {
    $("rename-form").hidden = false;
    $("delete-confirm").hidden = true;
    input("rename-name").value = S.view?.name ?? "";
    input("rename-name").focus();
  });
  $("rename-cancel").addEventListener("click", closeRename);
  $("rename-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void rename();
  });
  $("delete-variant").addEventListener("click", () => {
    $("delete-confirm").hidden = false;
    $("rename-form").hidden = true;
    $("delete-question").textContent = `${t("deleteQuestion")} «${S.view?.name ?? ""}»? ${t("deleteIrreversible")}`;
    $("delete-no").focus();
  });
  $("delete-no").addEventListener("click", closeDelete);
  $("delete-yes").addEventListener("click", () => void remove());
}

export function closeRename(): boolean {
  if ($("rename-form").hidden) return false;
  $("rename-form").hidden = true;
  $("rename-variant").focus();
  return true;
}
export function closeDelete(): boolean {
  if ($("delete-confirm").hidden) return false;
  $("delete-confirm").hidden = true;
  $("delete-variant").focus();
  return true;
}

function problemText(error: unknown, conflict: string, missing: string): string {
  if (error instanceof ApiError && error.status === 409) return `${conflict} (${error.message})`;
  if (isNotFound(error)) return missing;
  if (error instanceof ApiError && error.issues.length > 0) return error.issues.map((issue) => issue.message).join("; ");
  return (error as Error).message;
}

async function rename(): Promise<void> {
  const view = S.view;
  const name = input("rename-name").value.trim();
  if (!view) return;
  if (!name) return setStatus("variant-status", t("errNameRequired"), "error");
  try {
    const entry = await api<Entry>(`/scenarios/${encodeURIComponent(view.id)}`, { method: "PATCH", body: JSON.stringify({ name }) });
    if (S.view === view) view.name = entry.name;
    await loadEntries(view.id);
    renderScenarioInfo();
    setStatus("variant-status", `${t("renamed")} «${entry.name}».`, "ok");
  } catch (error) {
    setStatus("variant-status", problemText(error, t("renameRefused"), t("renameUnavailable")), "error");
  }
}

async function remove(): Promise<void> {
  const view = S.view;
  if (!view) return;
  const entry = S.entries.find((e) => e.id === view.id);
  try {
    await api<void>(`/scenarios/${encodeURIComponent(view.id)}`, { method: "DELETE" });
    const next = entry?.parent && S.entries.some((e) => e.id === entry.parent) ? entry.parent : undefined;
    await loadEntries(next);
    await openScenario(select("scenario").value);
    setStatus("variant-status", `${t("deleted")} «${view.name}».`, "ok");
  } catch (error) {
    $("delete-confirm").hidden = true;
    setStatus("variant-status", problemText(error, t("deleteRefused"), t("deleteUnavailable")), "error");
  }
}
