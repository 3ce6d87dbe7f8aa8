/**
 * Comparisons: choose scenarios and variants (the one on screen is the baseline), run them on common
 * random numbers, show the paired differences with what was simulated, and link the exported report.
 */
import { api, post, withToken } from "./api.js";
import { $, el, escapeHtml, input, setStatus } from "./dom.js";
import { fmtDiff, fmtShare, runInfoText, urgencyName } from "./format.js";
import { lang, t } from "./i18n.js";
import { follow } from "./jobs.js";
import { drawResults } from "./map.js";
import { S } from "./state.js";
import type { ComparisonResult, Job } from "./types.js";
import { errorText } from "./errors.js";

export function renderCompareList(check?: string[]): void {
  const list = $("compare-list");
  const checked = new Set(check ?? [...list.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value));
  if (S.view && checked.size === 0) checked.add(S.view.id);
  list.replaceChildren(
    ...S.entries.map((entry) => {
      const box = el("input", { type: "checkbox", value: entry.id });
      box.checked = checked.has(entry.id);
      return el("label", {}, box, ` ${entry.kind === "variant" ? "★ " : ""}${entry.name} (${entry.id})`);
    }),
  );
}

export async function runComparisonJob(): Promise<void> {
  const ids = [...$("compare-list").querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value);
  // The scenario on screen is the baseline when it is among those chosen.
  const view = S.view;
  if (view && ids.includes(view.id)) ids.splice(ids.indexOf(view.id), 1), ids.unshift(view.id);
  if (ids.length < 2) return setStatus("compare-status", t("chooseTwo"), "error");
  const button = $<HTMLButtonElement>("compare");
  button.disabled = true;
  try {
    const yearsText = input("compare-years").value.trim();
    if (yearsText !== "" && !/^\d{4}(\s*,\s*\d{4}){0,4}$/.test(yearsText)) return setStatus("compare-status", t("badYears"), "error");
    const years = yearsText === "" ? undefined : yearsText.split(",").map((year) => Number(year.trim()));
    const job = await post<Job>("/comparisons", { scenarioIds: ids, replications: Number(input("compare-replications").value), seed: Number(input("compare-seed").value), ...(years ? { years } : {}) });
    document.dispatchEvent(new Event("akutt:jobs"));
    const final = await follow("comparisons", job.id, $("compare-progress"), "compare-status");
    if (final.status === "done") {
      S.lastComparison = { job: { ...job, ...final }, result: await api<ComparisonResult>(`/comparisons/${job.id}/results`) };
      renderComparison();
      drawResults();
    }
  } catch (error) {
    setStatus("compare-status", errorText(error), "error");
  } finally {
    button.disabled = false;
    document.dispatchEvent(new Event("akutt:jobs"));
  }
}

export function renderComparison(): void {
  const target = $("compare-results");
  const last = S.lastComparison;
  if (!last) return target.replaceChildren();
  const { job, result } = last;
  const alternatives = result.variants.filter((v) => !v.baseline);
  const baseline = result.variants.find((v) => v.baseline);
  const head = alternatives.map((a) => `<th>${escapeHtml(a.label)}: ${t("diffMedian")}</th><th>${t("diffShare")}</th>`).join("");
  const rows = result.areas
    .map((row) => `<tr><td>${escapeHtml(row.areaName)} (${escapeHtml(row.areaCode)})</td><td>${escapeHtml(urgencyName(row.urgency))}</td>${alternatives.map((a) => { const d = row.differences.find((x) => x.variantId === a.id)?.differences; return `<td class="num">${fmtDiff(d?.responseMedianSec, 1 / 60)}</td><td class="num">${fmtDiff(d?.shareWithin12Min, 100)}</td>`; }).join("")}</tr>`)
    .join("");
  const mapNote = baseline && S.view && baseline.id === S.view.id && alternatives[0] ? `<p class="muted">${t("diffMap")} ${escapeHtml(alternatives[0].label)} − ${escapeHtml(baseline.label)}.</p>` : "";
  const info = runInfoText(result.comparison?.startIso, result.run, result.comparison?.timeZone);
  const projections = projectionTable(result);
  const link = (lang: "nb" | "en", download: boolean) => withToken(`/api/comparisons/${encodeURIComponent(job.id)}/export.html?lang=${lang}${download ? "&download=true" : ""}`);
  target.innerHTML = `<p id="compare-info">${escapeHtml(result.comparison?.name ?? "")}${info ? `. ${info}` : ""}${result.travelModel ? ` · ${t("travelModel")}: ${escapeHtml(result.travelModel.name)}` : ""}.</p>
    <table id="diff-table"><caption>${t("diffTable")}; ${escapeHtml(baseline?.label ?? "")} (${t("min")}, ${t("points")}; * = ${t("ciExcludesZero")})</caption><thead><tr><th>${t("area")}</th><th>${t("urgency")}</th>${head}</tr></thead><tbody>${rows}</tbody></table>${mapNote}${projections}
    <p class="exports">${t("report")}: <a id="open-nb" href="${link("nb", false)}" target="_blank" rel="noopener">${t("openNb")}</a> · <a id="open-en" href="${link("en", false)}" target="_blank" rel="noopener">${t("openEn")}</a> · <a id="export-nb" href="${link("nb", true)}" download>${t("exportNb")}</a> · <a id="export-en" href="${link("en", true)}" download>${t("exportEn")}</a></p>`;
}

/** Each variant's red share within 12 min per area in each projected year, and the first year below 90 %. */
function projectionTable(result: ComparisonResult): string {
  const p = result.projections;
  if (!p || p.rows.length === 0) return "";
  const label = (id: string) => result.variants.find((v) => v.id === id)?.label ?? id;
  const body = p.firstMiss
    .flatMap((miss) =>
      miss.byArea.map((area) => {
        const cells = p.years.map((year) => `<td class="num">${fmtShare(p.rows.find((row) => row.growthId === miss.growthId && row.variantId === miss.variantId && row.year === year)?.areas.find((a) => a.areaCode === area.areaCode)?.shareWithinTarget)}</td>`).join("");
        const name = p.rows.flatMap((row) => row.areas).find((a) => a.areaCode === area.areaCode)?.areaName ?? area.areaCode;
        return `<tr><td>${escapeHtml(label(miss.variantId))}</td><td>${escapeHtml(name)} (${escapeHtml(area.areaCode)})</td>${cells}<td>${area.firstYearBelow ?? t("projNone")}</td></tr>`;
      }),
    )
    .join("");
  const notes = (lang() === "nb" ? p.notesNb : p.notes).map((note) => `<li>${escapeHtml(note)}</li>`).join("");
  return `<table id="projection-table"><caption>${t("projTable")}</caption><thead><tr><th>${t("projVariant")}</th><th>${t("area")}</th>${p.years.map((year) => `<th>${year}</th>`).join("")}<th>${t("projFirst")}</th></tr></thead><tbody>${body}</tbody></table><ul class="muted">${notes}</ul>`;
}
