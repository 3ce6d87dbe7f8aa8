/**
 * Saving the edits as a named variant of the scenario on screen. The page's own checks run first; the
 * loader's refusals come back beside the vehicle, shift, AMK or policy they concern.
 */
import { ApiError, post } from "./api.js";
import { $, input, setStatus } from "./dom.js";
import { fileIssues, issueLine, translateIssue } from "./issues.js";
import { lang, t } from "./i18n.js";
import { overlay, showProblems } from "./overlay.js";
import { renderPlanning } from "./planning.js";
import { isLoading, loadEntries, openScenario } from "./scenario.js";
import { selectStation, renderStations } from "./stations.js";
import { renderCompareList } from "./compare.js";
import { S } from "./state.js";
import type { Entry } from "./types.js";
import { errorText } from "./errors.js";

let saving = false;

export async function saveVariant(): Promise<void> {
  const view = S.view;
  if (!view || saving) return;
  if (isLoading() || view.id !== ($("scenario") as HTMLSelectElement).value) return setStatus("save-status", t("waitForScenario"), "error");
  const name = input("variant-name").value.trim();
  if (!name) return setStatus("save-status", t("errNameRequired"), "error");
  const own = showProblems();
  if (own.length > 0) return setStatus("save-status", `${t("invalid")} ${own.map((p) => p.text).join(" ")}`, "error");
  saving = true;
  $<HTMLButtonElement>("save").disabled = true;
  try {
    const entry = await post<Entry>(`/scenarios/${encodeURIComponent(view.id)}/variants`, { name, overlay: overlay() });
    await loadEntries(entry.id);
    await openScenario(entry.id);
    renderCompareList([view.id, entry.id]);
    setStatus("save-status", `${t("saved")} ${entry.name} (${entry.id}).`, "ok");
    document.dispatchEvent(new Event("akutt:jobs"));
  } catch (error) {
    const issues = error instanceof ApiError ? error.issues : [];
    if (error instanceof ApiError && error.status === 409) setStatus("save-status", t("nameTaken"), "error");
    else setStatus("save-status", `${t("invalid")} ${issues.map(issueLine).join("; ") || errorText(error)}`, "error");
    if (S.view === view) showIssues(issues);
  } finally {
    saving = false;
    $<HTMLButtonElement>("save").disabled = isLoading();
  }
}

/**
 * Saves the scenario on screen with its demand projected to a year as a new variant (the server
 * projects it as `akutt project` does) and shows the projection's notes: what it holds fixed.
 */
export async function saveProjection(): Promise<void> {
  const view = S.view;
  if (!view || saving) return;
  if (isLoading() || view.id !== ($("scenario") as HTMLSelectElement).value) return setStatus("project-status", t("waitForScenario"), "error");
  saving = true;
  $<HTMLButtonElement>("project").disabled = true;
  try {
    const { variant, projection } = await post<{ variant: Entry; projection: { notes: { nb: string[]; en: string[] } } }>(`/scenarios/${encodeURIComponent(view.id)}/projections`, { year: Number(input("project-year").value) });
    await loadEntries(variant.id);
    await openScenario(variant.id);
    renderCompareList([view.id, variant.id]);
    setStatus("project-status", `${t("projected")} ${variant.name} (${variant.id}). ${projection.notes[lang()].join(" ")}`, "ok");
    document.dispatchEvent(new Event("akutt:jobs"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) setStatus("project-status", t("nameTaken"), "error");
    else setStatus("project-status", error instanceof ApiError && error.issues.length > 0 ? error.issues.map((issue) => issue.message).join("; ") : errorText(error), "error");
  } finally {
    saving = false;
    $<HTMLButtonElement>("project").disabled = isLoading();
  }
}

/** Puts the loader's issues next to the vehicle (and shift), the relocation form or the AMK they belong to. */
function showIssues(issues: ApiError["issues"]): void {
  fileIssues(issues);
  $("relocation-issues").textContent = issues.filter((issue) => issue.field?.startsWith("policies.relocation")).map((issue) => `${issue.field}: ${translateIssue(issue.message)}`).join(" ");
  renderPlanning();
  const first = [...S.vehicleIssues.keys()][0];
  const station = first ? (S.view?.vehicleGroups.find((g) => g.id === first)?.station ?? S.edits.newVehicles.find((v) => v.id === first)?.station) : undefined;
  if (first && station) {
    S.editingShifts = first;
    selectStation(station, false);
  } else renderStations();
}
