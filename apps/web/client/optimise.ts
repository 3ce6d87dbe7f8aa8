/**
 * Optimise: choose a siting problem on the scenario on screen (model, ambulances, fixed stations,
 * per-trust bounds, candidate sites), solve it on the server, simulate its best plans and today's
 * system on common random numbers, see them ranked with paired intervals and the chosen sites on
 * the map against today's stations, save a plan as a variant (POST /api/optimisations) and compare
 * it with today in the comparison view.
 */
import { api, post } from "./api.js";
import { $, el, escapeHtml, input, select, setStatus } from "./dom.js";
import { errorText } from "./errors.js";
import { lang, t } from "./i18n.js";
import { follow } from "./jobs.js";
import { showOptimisedSites } from "./map.js";
import { renderCompareList, runComparisonJob } from "./compare.js";
import { loadEntries } from "./scenario.js";
import { S } from "./state.js";
import type { Job, OptimisationResult, RankingEstimate, RankingPaired } from "./types.js";

let last: { scenarioId: string; result: OptimisationResult } | undefined;

/** Fills the problem's choices from the scenario on screen: its ambulances, stations and trusts. */
export function renderOptimisePanel(): void {
  const view = S.view;
  last = undefined;
  $("optimise-results").replaceChildren();
  showOptimisedSites(undefined);
  if (!view) return;
  const ambulances = view.vehicleGroups.filter((group) => group.type === "ambulance").reduce((sum, group) => sum + group.count, 0);
  input("optimise-vehicles").value = String(Math.max(1, ambulances));
  $("optimise-fixed").replaceChildren(
    ...view.scenario.stations.map((station) => el("label", {}, el("input", { type: "checkbox", value: station.id, name: "optimise-fixed" }), ` ${station.name} (${station.id})`)),
  );
  const owners = [...new Set(view.scenario.stations.map((station) => station.owner))];
  $("optimise-trusts").replaceChildren(
    ...owners.flatMap((owner) => [
      el("span", { text: owner }),
      el("input", { type: "number", min: 0, max: 200, placeholder: t("atLeast"), "aria-label": `${owner}: ${t("atLeast")}`, "data-owner": owner, "data-bound": "min" }),
      el("input", { type: "number", min: 0, max: 200, placeholder: t("atMost"), "aria-label": `${owner}: ${t("atMost")}`, "data-owner": owner, "data-bound": "max" }),
    ]),
  );
}

function trustBounds(): Record<string, { min?: number; max?: number }> | undefined {
  const trusts: Record<string, { min?: number; max?: number }> = {};
  for (const field of $("optimise-trusts").querySelectorAll<HTMLInputElement>("input")) {
    if (field.value.trim() === "") continue;
    const value = Number(field.value);
    if (!Number.isInteger(value) || value < 0 || value > 200) return undefined;
    const owner = field.dataset.owner!;
    trusts[owner] = { ...trusts[owner], [field.dataset.bound as "min" | "max"]: value };
  }
  return trusts;
}

export async function runOptimisation(): Promise<void> {
  const view = S.view;
  if (!view) return;
  const vehicles = Number(input("optimise-vehicles").value);
  const trusts = trustBounds();
  if (!Number.isInteger(vehicles) || vehicles < 1 || vehicles > 200) return setStatus("optimise-status", t("badVehicles"), "error");
  if (!trusts) return setStatus("optimise-status", t("badTrustBounds"), "error");
  const button = $<HTMLButtonElement>("optimise");
  button.disabled = true;
  try {
    const fixed = [...$("optimise-fixed").querySelectorAll<HTMLInputElement>("input:checked")].map((box) => box.value);
    const job = await post<Job>("/optimisations", {
      scenarioId: view.id,
      model: select("optimise-model").value,
      vehicles,
      fixed,
      trusts,
      zones: select("optimise-zones").value,
      plans: Number(input("optimise-plans").value),
      replications: Number(input("optimise-replications").value),
      seed: Number(input("optimise-seed").value),
    });
    const final = await follow("optimisations", job.id, $("optimise-progress"), "optimise-status");
    if (final.status === "done") {
      last = { scenarioId: view.id, result: await api<OptimisationResult>(`/optimisations/${job.id}/results`) };
      renderOptimisation();
    }
  } catch (error) {
    setStatus("optimise-status", errorText(error), "error");
  } finally {
    button.disabled = false;
  }
}

const num = (value: number, decimals = 1) => (lang() === "nb" ? value.toFixed(decimals).replace(".", ",") : value.toFixed(decimals));
const share = (e: RankingEstimate) => (e.mean === null ? "–" : `${num(e.mean * 100)} %${e.ciLow === null || e.ciHigh === null ? "" : ` [${num(e.ciLow * 100)}–${num(e.ciHigh * 100)}]`}`);
const minutes = (e: RankingEstimate) => (e.mean === null ? "–" : `${num(e.mean / 60)} ${t("min")}`);
const points = (p: RankingPaired | undefined) => (!p || p.mean === null ? "–" : `${p.mean > 0 ? "+" : ""}${num(p.mean * 100)}${p.ciLow === null || p.ciHigh === null ? "" : ` [${num(p.ciLow * 100)}–${num(p.ciHigh * 100)}]`}${p.excludesZero ? " *" : ""}`);

/** The ranked table, the chosen plan's sites on the map and a save button per plan. */
export function renderOptimisation(): void {
  const target = $("optimise-results");
  if (!last) return target.replaceChildren();
  const { result } = last;
  const { ranking } = result;
  const label = (id: string) => (id === ranking.today ? t("today") : (result.plans.find((plan) => plan.id === id)?.label ?? id));
  const verdict = (v: string | undefined) => (v === "better" ? t("better") : v === "worse" ? t("worse") : v ? t("notDistinguishable") : "–");
  const rows = ranking.plans
    .map(
      (plan) => `<tr data-plan="${escapeHtml(plan.id)}"><td>${plan.rank}</td><td>${escapeHtml(label(plan.id))}</td><td class="num">${share(plan.shareWithinTarget)}</td><td class="num">${minutes(plan.responseMedianSec)}</td><td class="num">${plan.vsBest ? points(plan.vsBest.shareWithinTarget) : t("best")}</td><td class="num">${points(plan.vsToday?.shareWithinTarget)}</td><td>${verdict(plan.vsToday?.verdict)}</td><td>${plan.id === ranking.today ? "" : `<button type="button" class="secondary" data-save="${escapeHtml(plan.id)}">${t("saveAsVariant")}</button>`}</td></tr>`,
    )
    .join("");
  const siting = result.siting.map((plan) => `${escapeHtml(plan.label)}: ${escapeHtml(plan.objectiveLabel)} ${num(plan.objective, 4)}`).join("; ");
  const comparisons = ranking.multipleComparisons.vsToday;
  target.innerHTML = `<p class="muted">${t("optimiseSiting")}: ${siting}.</p>
    <table id="ranking-table"><caption>${t("rankingCaption")} (${ranking.replications} ${t("replications").toLowerCase()}, ${t("seed").toLowerCase()} ${ranking.seed}; * = ${t("ciExcludesZero")}, Bonferroni ${num(comparisons.level * 100, 2)} %)</caption>
    <thead><tr><th>${t("rank")}</th><th>${t("plan")}</th><th>${t("fig-share")}</th><th>${t("fig-median")}</th><th>${t("vsBest")}</th><th>${t("vsToday")}</th><th>${t("verdict")}</th><th></th></tr></thead><tbody>${rows}</tbody></table>
    <p class="muted">${t("optimiseMapNote")}</p>
    <form id="optimise-save-form" class="grid"><label for="optimise-save-name">${t("name")}</label><input id="optimise-save-name" maxlength="100" required value="${escapeHtml(`${t("optimised")}: ${label(ranking.best)}`)}"></form>
    <div id="optimise-save-status" role="status" aria-live="polite"></div>`;
  for (const button of target.querySelectorAll<HTMLButtonElement>("button[data-save]")) button.addEventListener("click", () => void savePlan(button.dataset.save!));
  // The best plan's sites; when today ranks first, the MIP's best plan's (what the model proposed).
  const shown = ranking.best === ranking.today ? result.plans[0]?.id : ranking.best;
  showOptimisedSites(shown === undefined ? undefined : result.sites.flatMap((site) => ((site.vehicles[shown] ?? 0) > 0 ? [{ id: site.id, lat: site.lat, lon: site.lon, vehicles: site.vehicles[shown]! }] : [])));
}

/** Saves a ranked plan as a variant of the scenario it was optimised on (the existing variants route). */
async function savePlan(planId: string): Promise<void> {
  if (!last) return;
  const plan = last.result.plans.find((candidate) => candidate.id === planId);
  if (!plan) return;
  const name = input("optimise-save-name").value.trim();
  if (name === "") return setStatus("optimise-save-status", t("nameNeeded"), "error");
  try {
    const entry = await post<{ id: string; name: string }>(`/scenarios/${encodeURIComponent(last.scenarioId)}/variants`, { name, overlay: plan.overlay });
    await loadEntries();
    renderCompareList([last.scenarioId, entry.id]);
    setStatus("optimise-save-status", `${t("saved")}: ${entry.name}`, "ok");
    // The last step of the planner's path: today against the saved plan, in the comparison view.
    const compare = el("button", { type: "button", id: "optimise-compare", className: "secondary", text: t("compareWithToday") });
    compare.addEventListener("click", () => {
      renderCompareList([last!.scenarioId, entry.id]);
      $("h-compare").scrollIntoView();
      void runComparisonJob();
    });
    $("optimise-save-status").append(" ", compare);
  } catch (error) {
    setStatus("optimise-save-status", errorText(error), "error");
  }
}
