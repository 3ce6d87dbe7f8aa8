/**
 * Runs: start one for the scenario on screen, follow its progress, and show its results — what was
 * simulated (period, replications, seed, travel model), response times per area against the target of
 * the area's class, charts, vehicle utilisation and the AMK, all with 95 % confidence intervals.
 */
import { api, post } from "./api.js";
import { histogram, hourly } from "./charts.js";
import { $, escapeHtml, input, setStatus } from "./dom.js";
import { fmtCount, fmtMin, fmtShare, runInfoText, urgencyName } from "./format.js";
import { num, t, vehicleTypeName } from "./i18n.js";
import { renderComparison } from "./compare.js";
import { follow } from "./jobs.js";
import { drawResults } from "./map.js";
import { S } from "./state.js";
import type { AmkFigures, Job, RunResult, TransportReport } from "./types.js";
import { errorText } from "./errors.js";

let currentRun: string | undefined;
export const isRunning = (): boolean => currentRun !== undefined;

export async function runSimulation(): Promise<void> {
  const view = S.view;
  if (!view || currentRun) return;
  const button = $<HTMLButtonElement>("run");
  button.disabled = true;
  $("cancel-run").hidden = false;
  try {
    const job = await post<Job>("/runs", { scenarioId: view.id, replications: Number(input("replications").value), seed: Number(input("seed").value) });
    currentRun = job.id;
    document.dispatchEvent(new Event("akutt:jobs"));
    const final = await follow("runs", job.id, $("run-progress"), "run-status");
    if (final.status === "done") {
      S.lastRun = { job: { ...job, ...final }, scenarioId: view.id, result: await api<RunResult>(`/runs/${job.id}/results`) };
      S.lastComparison = undefined;
      renderComparison();
      renderResults();
    }
  } catch (error) {
    setStatus("run-status", errorText(error), "error");
  } finally {
    button.disabled = false;
    $("cancel-run").hidden = true;
    currentRun = undefined;
    document.dispatchEvent(new Event("akutt:jobs"));
  }
}

export function cancelRun(): void {
  if (currentRun) void api(`/runs/${currentRun}`, { method: "DELETE" }).catch(() => undefined);
}

const div60 = (v: number | null | undefined) => (v == null ? null : v / 60);

/** Transfers and booked transports, when the scenario has them (never among the response times). */
function transportTable(transports: TransportReport | undefined): string {
  if (!transports) return "";
  const rows = transports.groups
    .map(({ group, figures: f }) => `<tr><td>${escapeHtml(t(`tg-${group}`))}</td><td class="num">${fmtCount(f.requests, 1)}</td><td class="num">${fmtCount(f.requestsPerYear)}</td><td class="num">${fmtShare(f.shareOnTime)}</td><td class="num">${fmtMin(f.meanLatenessSec)}</td><td class="num">${fmtShare(f.shareBySimpleVehicle)}</td><td class="num">${fmtCount(f.ambulanceHoursPerYear)}</td></tr>`)
    .join("");
  return `<table id="transport-table"><caption>${t("transports")} (${num(transports.countedDays, 0)} ${t("daysUnit")}; 95 % ${t("ci")})</caption><thead><tr><th></th><th>${t("requestsPeriod")}</th><th>${t("requestsYear")}</th><th>${t("onTime")}</th><th>${t("lateness")}</th><th>${t("simpleVehicle")}</th><th>${t("ambulanceHoursYear")}</th></tr></thead><tbody>${rows}</tbody></table><p class="muted">${t("transportsNote")}</p>`;
}

export function renderResults(): void {
  const last = S.lastRun;
  $("results").hidden = !last;
  if (!last) return;
  const { report, extras } = last.result;
  const name = S.entries.find((e) => e.id === last.scenarioId)?.name ?? report.scenario.name;
  $("run-info").textContent = `${t("runOf")} ${name}. ${runInfoText(report.scenario.startIso, report.run, report.scenario.timeZone)}${report.travelModel ? ` · ${t("travelModel")}: ${report.travelModel.name}` : ""}.`;
  const rows = report.responseTimes.byArea
    .map((r) => {
      const target = r.targetSec != null ? `${num(r.targetSec / 60, 0)} ${t("min")}` : "–";
      return `<tr><td>${escapeHtml(r.areaName)} (${escapeHtml(r.areaCode)})</td><td>${escapeHtml(urgencyName(r.urgency))}</td><td class="num">${fmtCount(r.figures.incidents)}</td><td class="num">${fmtMin(r.figures.responseMedianSec)}</td><td class="num">${fmtMin(r.figures.responseP90Sec)}</td><td class="num">${target}</td><td class="num" data-figure="within-target">${fmtShare(r.figures.shareWithinTarget)}</td></tr>`;
    })
    .join("");
  $("result-tables").innerHTML = `<table id="area-table"><caption>${t("responseByArea")} (95 % ${t("ci")}; ${t("min")})</caption><thead><tr><th>${t("area")}</th><th>${t("urgency")}</th><th>${t("incidents")}</th><th>${t("median")}</th><th>${t("p90")}</th><th>${t("target")}</th><th>${t("withinTarget")}</th></tr></thead><tbody>${rows}</tbody></table><p class="muted">${t("targetNote")}</p>${transportTable(report.transports)}`;
  const charts = $("charts");
  charts.replaceChildren();
  if (extras) {
    const h = extras.histogram;
    charts.append(histogram(t("histogram"), [{ label: t("red"), colour: "#c0392b", values: h.red ?? [] }, { label: t("yellow"), colour: "#d4a017", values: h.yellow ?? [] }, { label: t("green"), colour: "#2e7d32", values: h.green ?? [] }], t("minutes")));
  }
  const hours = report.responseTimes.byHourOfDay.filter((g) => g.urgency === "red").map((g) => ({ hour: g.hour, mean: div60(g.figures.responseMedianSec?.mean), low: div60(g.figures.responseMedianSec?.ciLow), high: div60(g.figures.responseMedianSec?.ciHigh) }));
  charts.append(hourly(t("hourly"), hours, t("hour"), t("min")));
  renderUtilisation(last.result);
  drawResults();
}

/** Multi-unit incidents and joint operations, counts over the simulated days and per year; empty when the scenario has neither. */
function multiUnitTable(section: RunResult["report"]["multiUnit"]): string {
  if (!section) return "";
  const days = num(section.countedDays, 1);
  const rows = section.byUrgency
    .map(({ urgency, figures: f }) => `<tr><td>${escapeHtml(urgency === "all" ? t("total") : urgencyName(urgency))}</td><td class="num">${fmtCount(f.incidents)}</td><td class="num">${fmtCount(f.multiUnit, 1)}</td><td class="num">${fmtCount(f.multiUnitPerYear)}</td><td class="num">${fmtShare(f.shareMultiUnit)}</td><td class="num">${fmtCount(f.joint, 1)}</td><td class="num">${fmtCount(f.jointPerYear)}</td><td class="num">${fmtShare(f.shareJoint)}</td><td class="num">${fmtCount(f.unitsPerIncident, 3)}</td><td class="num">${fmtMin(f.allAtSceneMeanSec)}</td><td class="num">${fmtCount(f.extraUnitHoursPerYear)}</td></tr>`)
    .join("");
  return `<table id="multi-unit-table"><caption>${t("muTable")}: ${days} ${t("muPeriod")}</caption><thead><tr><th>${t("urgency")}</th><th>${t("incidents")} (${days} d)</th><th>${t("muMulti")}</th><th>${t("perYear")}</th><th>${t("share")}</th><th>${t("muJoint")}</th><th>${t("perYear")}</th><th>${t("share")}</th><th>${t("muUnits")}</th><th>${t("muLastUnit")}</th><th>${t("muExtraHours")} ${t("perYear")}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Vehicle utilisation by owner and per vehicle, and the AMK figures, each with its 95 % CI. */
function renderUtilisation(result: RunResult): void {
  const target = $("util-tables");
  target.setAttribute("aria-label", t("utilisation"));
  const report = result.report;
  if (!report.vehicles) {
    target.replaceChildren();
    return;
  }
  const owners = report.vehicles.byOrganisation
    .map((o) => `<tr><td>${escapeHtml(o.organisationName)}</td><td class="num">${o.vehicles}</td><td class="num">${fmtShare(o.figures.utilisation)}</td><td class="num">${fmtCount(o.figures.missions)}</td></tr>`)
    .join("");
  const vehicles = report.vehicles.byVehicle
    .map((v) => `<tr><td>${escapeHtml(v.vehicleId)}</td><td>${escapeHtml(vehicleTypeName(v.vehicleType))}</td><td>${escapeHtml(v.station)}</td><td class="num">${fmtShare(v.figures.utilisation)}</td><td class="num">${fmtCount(v.figures.missions)}</td></tr>`)
    .join("");
  const amkRow = (name: string, f: AmkFigures) => `<tr><td>${escapeHtml(name)}</td><td class="num">${fmtCount(f.calls)}</td><td class="num">${fmtShare(f.shareAnsweredWithin10s)}</td><td class="num">${fmtCount(f.lostCalls, 1)}</td><td class="num">${fmtShare(f.operatorUtilisation)}</td></tr>`;
  const amk = report.amk ? [...report.amk.byAmk.map((a) => amkRow(a.amkName, a.figures)), ...(report.amk.byAmk.length > 1 ? [amkRow(t("total"), report.amk.total)] : [])].join("") : "";
  target.innerHTML = `<table id="util-owner-table"><caption>${t("utilByOwner")}</caption><thead><tr><th>${t("organisation")}</th><th>${t("vehicles")}</th><th>${t("utilisation")}</th><th>${t("missions")}</th></tr></thead><tbody>${owners}</tbody></table>
    <details id="util-vehicles" open><summary>${t("utilByVehicle")}</summary><table id="util-vehicle-table"><caption class="visually-hidden">${t("utilByVehicle")}</caption><thead><tr><th>${t("vehicle")}</th><th>${t("type")}</th><th>${t("station")}</th><th>${t("utilisation")}</th><th>${t("missions")}</th></tr></thead><tbody>${vehicles}</tbody></table></details>
    ${multiUnitTable(report.multiUnit)}
    ${amk ? `<table id="amk-table"><caption>${t("amkTable")}</caption><thead><tr><th>${t("amk")}</th><th>${t("calls")}</th><th>${t("answered10")}</th><th>${t("lostCalls")}</th><th>${t("operatorUtil")}</th></tr></thead><tbody>${amk}</tbody></table>` : ""}`;
}
