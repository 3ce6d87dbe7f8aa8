/**
 * The planner's workspace: earlier runs and comparisons (GET /api/runs, /api/comparisons), kept by the
 * server across reloads and restarts, each reopened with its scenario and its results.
 */
import { api } from "./api.js";
import { renderComparison } from "./compare.js";
import { $, el, setStatus } from "./dom.js";
import { dateTimeLocal } from "./format.js";
import { t, type Key } from "./i18n.js";
import { drawResults } from "./map.js";
import { renderResults } from "./runs.js";
import { openScenario } from "./scenario.js";
import { S } from "./state.js";
import type { ComparisonResult, Job, RunResult } from "./types.js";
import { errorText } from "./errors.js";

let jobs: { runs: Job[]; comparisons: Job[] } = { runs: [], comparisons: [] };
let reloading = false;

export async function loadJobs(): Promise<void> {
  if (reloading) return;
  reloading = true;
  try {
    const [runs, comparisons] = await Promise.all([api<{ jobs: Job[] }>("/runs"), api<{ jobs: Job[] }>("/comparisons")]);
    jobs = { runs: runs.jobs, comparisons: comparisons.jobs };
    renderJobs();
  } catch {
    // the connection banner says why; the lists keep what they had
  } finally {
    reloading = false;
  }
}

const scenarioName = (id: string) => S.entries.find((e) => e.id === id)?.name ?? id;

export function renderJobs(): void {
  for (const kind of ["runs", "comparisons"] as const) {
    const list = $(`${kind === "runs" ? "run" : "comparison"}-list`);
    const items = jobs[kind].slice(0, 30).map((job) => {
      const names = (job.scenarioIds ?? []).map(scenarioName).join(kind === "runs" ? ", " : " ↔ ");
      const details = [`${job.replications ?? "?"} ${t("replicationsLower")}`, `${t("seedLower")} ${job.seed ?? "?"}`, dateTimeLocal(job.created)].join(" · ");
      const status = el("span", { className: `job-status ${job.status}`, text: t(job.status as Key) });
      const item = el("li", { "data-job": job.id }, el("span", { className: "job-name", text: names }), " ", status, el("br"), el("span", { className: "muted", text: details }));
      if (job.status === "done") {
        const open = el("button", { type: "button", className: "small", text: t("show"), "aria-label": `${t("show")}: ${names}, ${dateTimeLocal(job.created)}` });
        open.addEventListener("click", () => void (kind === "runs" ? openRun(job) : openComparison(job)));
        item.append(" ", open);
      } else if (job.error) item.append(el("br"), el("span", { className: "muted", text: job.error }));
      return item;
    });
    list.replaceChildren(...(items.length > 0 ? items : [el("li", { className: "muted", text: t(kind === "runs" ? "noRuns" : "noComparisons") })]));
  }
}

/** Opens the run's scenario (when it still exists) and shows the run's results. */
export async function openRun(job: Job): Promise<void> {
  const scenarioId = job.scenarioIds?.[0] ?? "";
  if (scenarioId && S.view?.id !== scenarioId && S.entries.some((e) => e.id === scenarioId) && !(await openScenario(scenarioId))) return;
  try {
    const result = await api<RunResult>(`/runs/${job.id}/results`);
    S.lastRun = { job, scenarioId, result };
    S.lastComparison = undefined;
    renderComparison();
    renderResults();
    $("h-results").scrollIntoView({ block: "start" });
    $("results").focus({ preventScroll: true });
  } catch (error) {
    setStatus("workspace-status", `${t("openFailed")} ${errorText(error)}`, "error");
  }
}

/** Opens the comparison's baseline (when it still exists) and shows the comparison. */
export async function openComparison(job: Job): Promise<void> {
  const baseline = job.scenarioIds?.[0] ?? "";
  if (baseline && S.view?.id !== baseline && S.entries.some((e) => e.id === baseline) && !(await openScenario(baseline))) return;
  try {
    const result = await api<ComparisonResult>(`/comparisons/${job.id}/results`);
    S.lastComparison = { job, result };
    renderComparison();
    drawResults();
    $("h-compare").scrollIntoView({ block: "start" });
  } catch (error) {
    setStatus("workspace-status", `${t("openFailed")} ${errorText(error)}`, "error");
  }
}

export function wireWorkspace(): void {
  document.addEventListener("akutt:jobs", () => void loadJobs());
  $("refresh-jobs").addEventListener("click", () => void loadJobs());
}
