/**
 * The page: wires the views together. Each view lives in its own module — map (map.ts), scenario and
 * variants (scenario.ts), stations (stations.ts), standby points and relocation (standby.ts), demand,
 * AMK and hospitals (planning.ts), saving (save.ts), runs (runs.ts), comparisons (compare.ts),
 * optimisation (optimise.ts), earlier jobs (workspace.ts), quality indicators (indicators.ts), the live
 * situation (situation.ts), drive
 * times (drivetimes.ts), the connection (connection.ts), texts (i18n.ts).
 */
import { ApiError } from "./api.js";
import { renderComparison } from "./compare.js";
import { initConnection, onReconnect, renderConnection } from "./connection.js";
import { $, select } from "./dom.js";
import { driveTimesFrom, hideDriveTimes, renderDriveTimesText, resetDriveTimes } from "./drivetimes.js";
import { lang, setLang, t, type Lang } from "./i18n.js";
import { applyLayerToggles, closePopups, drawResults, initMap } from "./map.js";
import { renderChanges } from "./overlay.js";
import { wirePlanning } from "./planning.js";
import { cancelRun, renderResults, runSimulation } from "./runs.js";
import { runComparisonJob } from "./compare.js";
import { renderOptimisation, runOptimisation } from "./optimise.js";
import { closeDelete, closeRename, loadEntries, openScenario, renderScenarioPanels, showMapNote, wireScenario } from "./scenario.js";
import { saveProjection, saveVariant } from "./save.js";
import { moveStandby, selectStandby, wireStandby } from "./standby.js";
import { moveStation, renderStations, selectStation, wireStations } from "./stations.js";
import { S } from "./state.js";
import { renderIndicatorForm, showIndicators, wireIndicators } from "./indicators.js";
import { renderSituation, wireSituation } from "./situation.js";
import { loadJobs, renderJobs, wireWorkspace } from "./workspace.js";

function rerenderAll(): void {
  renderConnection();
  renderScenarioPanels();
  showMapNote();
  renderChanges();
  renderResults();
  renderComparison();
  renderOptimisation();
  renderJobs();
  renderDriveTimesText();
  drawResults();
  renderIndicatorForm();
  renderSituation();
  if (document.getElementById("ind-table") || document.getElementById("ind-no-warehouse")) void showIndicators();
}

/** Escape closes what is open on top: a map popup, the drive-time colours, a shift editor, a rename or delete prompt. */
function onEscape(event: KeyboardEvent): void {
  if (event.key !== "Escape") return;
  // The prompt the focus is in goes first, then what lies on the map.
  const inPrompt = document.activeElement?.closest("#rename-form, #delete-confirm");
  if ((inPrompt && (closeRename() || closeDelete())) || closePopups() || closeRename() || closeDelete()) return event.preventDefault();
  if (S.editingShifts) {
    const id = S.editingShifts;
    S.editingShifts = undefined;
    renderStations();
    document.querySelector<HTMLElement>(`[data-edit-shifts="${CSS.escape(id)}"]`)?.focus();
    return event.preventDefault();
  }
  if (hideDriveTimes()) event.preventDefault();
}

function wire(): void {
  const language = select("language");
  language.value = lang();
  setLang(lang());
  language.addEventListener("change", () => {
    setLang(language.value as Lang);
    rerenderAll();
  });
  document.addEventListener("keydown", onEscape);
  initMap({
    select: (kind, id) => (kind === "station" ? selectStation(id) : selectStandby(id)),
    // The dropped place becomes the selected one; the move (or its refusal) redraws the list and the map once.
    dropped: async (kind, id, at) => {
      if (kind === "station") {
        S.selected = id;
        await moveStation(id, at);
      } else {
        S.selectedStandby = id;
        await moveStandby(id, at);
      }
    },
  });
  wireScenario();
  wireStations();
  wireStandby();
  wirePlanning();
  wireWorkspace();
  wireIndicators();
  wireSituation();
  for (const id of ["layer-roads", "layer-zones", "layer-standby", "layer-basemap"]) $(id).addEventListener("change", applyLayerToggles);
  $("save-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void saveVariant();
  });
  $("project-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void saveProjection();
  });
  $("run-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void runSimulation();
  });
  $("cancel-run").addEventListener("click", cancelRun);
  $("figure").addEventListener("change", () => drawResults());
  $("compare-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void runComparisonJob();
  });
  $("optimise-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void runOptimisation();
  });
  $("drive-times").addEventListener("click", () => {
    if (S.selected) void driveTimesFrom("station", S.selected);
  });
  $("standby-drive-times").addEventListener("click", () => {
    if (S.selectedStandby) void driveTimesFrom("standby", S.selectedStandby);
  });
  $("drive-hide").addEventListener("click", () => hideDriveTimes());
  select("scenario").addEventListener("change", resetDriveTimes);
  // Map boxes start folded on a narrow screen, so that the map stays visible.
  if (matchMedia("(max-width: 899px)").matches) for (const box of document.querySelectorAll<HTMLDetailsElement>("#map-wrap details")) box.open = false;
}

async function load(): Promise<void> {
  try {
    await loadEntries();
    await openScenario(select("scenario").value);
    await loadJobs();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return; // the banner says how to open the page with its token
    if (error instanceof ApiError && error.status === 0) return void onReconnect(() => void load()); // the banner says the server is away
    $("load-error").hidden = false;
    $("load-error").textContent = `${t("loadFailed")} ${String((error as Error).message ?? error)}`;
  }
}

initConnection();
wire();
void load();
