/**
 * Kvalitetsindikatorer: the national quality indicators from the mission warehouse (GET
 * /api/indicators), as a trend chart, a table and a CSV download. The server suppresses rows with
 * fewer than 5 events before they reach the page; the page shows them as "<5". Kommune classes,
 * trusts and names come from the scenario on screen.
 */
import { GROUP_LABELS, GROUPS, INDICATOR_IDS, INDICATORS, MIN_EVENTS_SHOWN, PERIOD_LABELS, PERIODS, type GroupKind, type IndicatorId } from "@akutt/indicators/definitions";
import { api, isAbort, withToken } from "./api.js";
import { $, el, escapeHtml, select, setStatus } from "./dom.js";
import { errorText } from "./errors.js";
import { lang, num, t } from "./i18n.js";
import { S } from "./state.js";
import type { IndicatorAnswer } from "./types.js";

let last: IndicatorAnswer | undefined;
let pending: AbortController | undefined;

/** The options of the three choices, in the page's language; the groupings offered are the indicator's own. */
export function renderIndicatorForm(): void {
  const language = lang();
  const indicator = select("ind-indicator");
  const chosen = (indicator.value || "red-response") as IndicatorId;
  indicator.replaceChildren(...INDICATOR_IDS.map((id) => el("option", { value: id, text: INDICATORS[id][language] })));
  indicator.value = chosen;
  const by = select("ind-by");
  const period = by.value || "year";
  by.replaceChildren(...PERIODS.map((p) => el("option", { value: p, text: PERIOD_LABELS[p][language] })));
  by.value = period;
  renderGroups();
}

function renderGroups(): void {
  const group = select("ind-group");
  const allowed = INDICATORS[select("ind-indicator").value as IndicatorId].groups;
  const current = group.value as GroupKind;
  group.replaceChildren(...GROUPS.filter((g) => allowed.includes(g)).map((g) => el("option", { value: g, text: GROUP_LABELS[g][lang()] })));
  group.value = allowed.includes(current) ? current : allowed[0]!;
}

function queryString(): string {
  const params = new URLSearchParams({ indicator: select("ind-indicator").value, by: select("ind-by").value, group: select("ind-group").value, lang: lang() });
  if (S.view) params.set("scenario", S.view.id);
  return params.toString();
}

export async function showIndicators(): Promise<void> {
  pending?.abort();
  const controller = new AbortController();
  pending = controller;
  setStatus("ind-status", t("indLoading"));
  try {
    last = await api<IndicatorAnswer>(`/indicators?${queryString()}`, { signal: controller.signal });
    setStatus("ind-status", "");
    renderIndicators();
  } catch (error) {
    if (isAbort(error)) return;
    setStatus("ind-status", errorText(error), "error");
  }
}

const format = (value: number | null, unit: string): string => {
  if (value === null) return "–";
  if (unit === "share") return `${num(value * 100, 1)} %`;
  return num(value, unit === "s" || unit === "count" ? 0 : 1);
};

export function renderIndicators(): void {
  const target = $("ind-result");
  if (!last) return target.replaceChildren();
  const { warehouse, table } = last;
  if (!table) {
    target.innerHTML = `<p id="ind-no-warehouse" class="notice">${escapeHtml(warehouse.message ?? t("indNoWarehouse"))}</p>`;
    return;
  }
  const head = [t("indPeriod"), GROUP_LABELS[table.group as GroupKind]?.[lang()] ?? table.group, t("indClass"), t("indEvents"), ...table.columns.map((c) => c.label)];
  const rows = table.rows
    .map((row) => {
      const name = row.key === "" ? t("indUnknown") : row.name && row.name !== row.key ? `${row.name} (${row.key})` : row.key;
      const cells = row.suppressed ? [`<5`, ...table.columns.map(() => "")] : [format(row.events, "count"), ...table.columns.map((c) => format(row.values[c.key] ?? null, c.unit))];
      return `<tr${row.suppressed ? ' class="suppressed"' : ""}><th scope="row">${escapeHtml(row.period)}</th><td>${escapeHtml(name)}</td><td>${escapeHtml(row.areaClass ?? "")}</td>${cells.map((cell) => `<td class="num">${escapeHtml(cell)}</td>`).join("")}</tr>`;
    })
    .join("");
  const source = table.scenario ? `${t("indClassesFrom")} ${escapeHtml(table.scenario)}. ` : `${t("indNoScenario")} `;
  const csv = withToken(`/api/indicators/export.csv?${queryString()}`);
  target.innerHTML = `<p class="muted">${escapeHtml(warehouse.file)}: ${num(warehouse.missions ?? 0, 0)} ${t("missions").toLowerCase()}. ${source}</p>
    <p>${escapeHtml(table.definition)}</p>
    <figure id="ind-chart">${table.chartSvg}</figure>
    <div class="scroll" tabindex="0" role="region" aria-labelledby="ind-caption"><table id="ind-table"><caption id="ind-caption">${escapeHtml(table.title)} (${escapeHtml(table.event)})</caption>
    <thead><tr>${head.map((cell, i) => `<th scope="col"${i >= 3 ? ' class="num"' : ""}>${escapeHtml(cell)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table></div>
    ${table.rows.length === 0 ? `<p class="muted">${t("indNone")}</p>` : ""}
    <p class="muted">${t("indSuppressed").replace("5", String(table.minEvents ?? MIN_EVENTS_SHOWN))}</p>
    <ul class="muted">${table.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join("")}</ul>
    <p><a id="ind-csv" href="${csv}" download>${t("indCsv")}</a></p>`;
}

export function wireIndicators(): void {
  renderIndicatorForm();
  select("ind-indicator").addEventListener("change", renderGroups);
  $("ind-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void showIndicators();
  });
}
