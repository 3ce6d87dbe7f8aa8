/**
 * Situasjon: the live picture of a server started with `akutt serve --live` (docs/live.md). Every unit
 * of every AMK on the map by status and owner, the open incidents with how long they have waited,
 * coverage now per area, the units ranked for a chosen incident (ETA, owner, status, the inter-AMK
 * step), move-up advice and the next hour's forecast. It follows the server's event stream
 * (GET /api/live/stream) and asks again for the picture when something happened. Only GET requests:
 * a viewer's token is enough. "Now" is the time of the latest event the server accepted (asOf), so a
 * replayed day reads as it happened.
 */
import { api, isAbort, isNotFound, withToken } from "./api.js";
import { $, el, escapeHtml, setStatus } from "./dom.js";
import { errorText } from "./errors.js";
import { has, lang, num, t, type Key } from "./i18n.js";
import { showLiveUnits, type LiveUnitMark } from "./map.js";

// ───────────── the live API's answers (docs/live.md) ─────────────

const UNIT_STATUSES = ["free-at-station", "free-on-road", "alerted", "en-route", "at-scene", "transporting", "at-destination", "out-of-service"] as const;
type UnitStatus = (typeof UNIT_STATUSES)[number];

interface LiveUnit {
  unitId: string;
  type: string;
  owner: string;
  amk: string;
  stationId: string;
  status: UnitStatus;
  incidentId: string | null;
  statusSince: string | null;
  lat: number;
  lon: number;
}

interface LiveIncident {
  incidentId: string;
  amk: string;
  urgency: "red" | "yellow" | "green";
  location: { zoneId: string } | { lat: number; lon: number };
  createdAt: string;
  units: string[];
  waitingSince: string | null;
  firstAtSceneAt: string | null;
}

interface LiveStateView {
  asOf: string | null;
  units: LiveUnit[];
  incidents: LiveIncident[];
  closedIncidents: number;
}

interface CoverageFigures {
  asOf: string;
  thresholdSec: number;
  weightedBy: "population" | "red-demand";
  total: number;
  areas: Array<{ areaCode: string; areaName: string; share: number }>;
}

interface Recommendation {
  incidentId: string;
  asOf: string;
  policy: string;
  units: Array<{ unitId: string; owner: string; amk: string; status: UnitStatus; etaSec: number; ownOrganisation: boolean; interAmk: { from: string; to: string; delaySec: number } | null }>;
}

interface MoveUpAdvice {
  asOf: string;
  policy: string;
  coverageNow: CoverageFigures;
  moves: Array<{ unitId: string; fromLocationId: string; toLocationId: string; coverageGain: number; expectedCoverageGain: number }>;
  coverageAfter: CoverageFigures;
  expectedCoverage: { busyFraction: number; thresholdSec: number; now: number; after: number };
}

interface Estimate {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

interface Forecast {
  asOf: string;
  minutes: number;
  replications: number;
  areas: Array<{ areaCode: string; areaName: string; redCalls: number; redWaitProbability: Estimate; coverage: Estimate }>;
  limitations: Array<{ code: string; text: string }>;
}

// ───────────── colours and texts ─────────────

/** Status colours on the map and in the key: green free, warm while on a mission, grey out of service. */
export const STATUS_COLOURS: Record<UnitStatus, string> = {
  "free-at-station": "#1a7a3a",
  "free-on-road": "#7fc97f",
  alerted: "#fdd868",
  "en-route": "#fc8d59",
  "at-scene": "#d73027",
  transporting: "#7b3294",
  "at-destination": "#2471a3",
  "out-of-service": "#9e9e9e",
};
/** Ring colours that tell the owners apart (in order of the owners' ids). */
const OWNER_COLOURS = ["#003b5c", "#ff8c00", "#00a6a6", "#8c510a", "#c51b7d", "#4d4d4d"];

const statusName = (status: string): string => (has(`sit-st-${status}`) ? t(`sit-st-${status}` as Key) : status);
const minutes = (seconds: number): string => `${num(seconds / 60)} ${t("min")}`;
const share = (value: number | null): string => (value === null ? "–" : `${num(value * 100, 0)} %`);
/** A change of a share in percentage points, signed, to a tenth (move-up gains are often small). */
const points = (gain: number): string => `${gain >= 0 ? "+" : "−"}${num(Math.abs(gain) * 100, 1)}`;
const shareTenths = (value: number): string => `${num(value * 100, 1)} %`;
const withInterval = (e: Estimate, format: (v: number | null) => string): string =>
  e.estimate === null ? "–" : `${format(e.estimate)}${e.ciLow !== null && e.ciHigh !== null ? ` [${format(e.ciLow)}–${format(e.ciHigh)}]` : ""}`;
const clock = (iso: string | null): string =>
  iso === null ? "–" : new Intl.DateTimeFormat(lang() === "nb" ? "nb-NO" : "en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/Oslo" }).format(new Date(iso));

// ───────────── state of the view ─────────────

let live: LiveStateView | undefined;
let coverage: CoverageFigures | undefined;
let moveUp: MoveUpAdvice | undefined;
let forecast: Forecast | undefined;
let recommendation: Recommendation | undefined;
let selected: string | undefined;
let stream: EventSource | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: AbortController | undefined;
let forecastPending: AbortController | undefined;
let forecastStarted = false;
/** Off: this server has no live mode (404); the section says how to start it. */
let available: boolean | undefined;

/** Refreshes at most this often while events stream in (a replay at speed 60 posts several a second). */
const REFRESH_MS = 1_000;

/** Starts the view: asks for the picture once and follows the stream when the server is live. */
export async function startSituation(): Promise<void> {
  await refresh();
  if (!available || stream) return;
  stream = new EventSource(withToken("/api/live/stream"));
  stream.addEventListener("open", () => setStatus("sit-stream", t("sitStreaming")));
  // The whole state when the stream opens, a delta after every post that changed something: either way the picture and the advice are asked for again.
  stream.onmessage = scheduleRefresh;
  for (const type of ["state", "delta"]) stream.addEventListener(type, scheduleRefresh);
  stream.addEventListener("error", () => setStatus("sit-stream", t("sitReconnecting"), "error"));
}

function scheduleRefresh(): void {
  if (refreshTimer !== undefined) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    void refresh();
  }, REFRESH_MS);
}

async function refresh(): Promise<void> {
  refreshing?.abort();
  const controller = new AbortController();
  refreshing = controller;
  const signal = controller.signal;
  try {
    live = await api<LiveStateView>("/live/state", { signal });
    available = true;
    // Advice needs a picture with a time; before the first event there is none.
    if (live.asOf !== null) {
      [coverage, moveUp] = await Promise.all([api<CoverageFigures>("/live/coverage", { signal }), api<MoveUpAdvice>("/live/move-up", { signal })]);
      if (selected !== undefined && live.incidents.some((incident) => incident.incidentId === selected)) recommendation = await api<Recommendation>(`/live/incidents/${encodeURIComponent(selected)}/recommendation`, { signal });
      else recommendation = undefined;
      // The forecast (short simulations, seconds) runs once by itself; after that on the button.
      if (!forecastStarted) void runForecast();
    }
    setStatus("sit-status", "");
  } catch (error) {
    if (isAbort(error)) return;
    if (isNotFound(error) && live === undefined) available = false;
    else setStatus("sit-status", errorText(error), "error");
  }
  renderSituation();
}

async function runForecast(): Promise<void> {
  forecastStarted = true;
  forecastPending?.abort();
  const controller = new AbortController();
  forecastPending = controller;
  setStatus("sit-forecast-status", t("sitForecasting"));
  try {
    forecast = await api<Forecast>("/live/forecast?minutes=60&replications=100", { signal: controller.signal });
    setStatus("sit-forecast-status", `${t("sitForecastAsOf")} ${clock(forecast.asOf)}`);
  } catch (error) {
    if (!isAbort(error)) setStatus("sit-forecast-status", errorText(error), "error");
  } finally {
    if (forecastPending === controller) forecastPending = undefined;
  }
  renderForecast();
}

async function choose(incidentId: string): Promise<void> {
  selected = incidentId;
  recommendation = undefined;
  renderSituation();
  try {
    recommendation = await api<Recommendation>(`/live/incidents/${encodeURIComponent(incidentId)}/recommendation`);
  } catch (error) {
    if (!isAbort(error)) setStatus("sit-status", errorText(error), "error");
  }
  renderRecommendation();
}

// ───────────── rendering ─────────────

/** Draws everything from the last answers, in the page's language (also after a language change). */
export function renderSituation(): void {
  if (available === false) {
    $("sit-body").hidden = true;
    $("sit-off").hidden = false;
    showLiveUnits([]);
    return;
  }
  $("sit-off").hidden = true;
  if (!live) return;
  $("sit-body").hidden = false;
  $("sit-as-of").textContent = live.asOf === null ? t("sitNoEvents") : `${t("sitAsOf")} ${clock(live.asOf)}`;
  renderUnits();
  renderIncidents();
  renderCoverage();
  renderRecommendation();
  renderMoveUp();
  renderForecast();
}

function ownerColours(): Map<string, string> {
  const owners = [...new Set((live?.units ?? []).map((unit) => unit.owner))].sort();
  return new Map(owners.map((owner, k) => [owner, OWNER_COLOURS[k % OWNER_COLOURS.length]!]));
}

function renderUnits(): void {
  const units = live!.units;
  const rings = ownerColours();
  const marks: LiveUnitMark[] = units.map((unit) => ({ id: unit.unitId, lat: unit.lat, lon: unit.lon, colour: STATUS_COLOURS[unit.status], ring: rings.get(unit.owner)!, label: `${unit.unitId} · ${statusName(unit.status)} · ${t("owner")}: ${unit.owner}` }));
  showLiveUnits(marks);
  const counts = new Map<UnitStatus, number>();
  for (const unit of units) counts.set(unit.status, (counts.get(unit.status) ?? 0) + 1);
  const key = $("sit-key");
  key.replaceChildren(
    ...UNIT_STATUSES.filter((status) => counts.has(status)).map((status) => swatch(STATUS_COLOURS[status], `${statusName(status)}: ${counts.get(status)}`, "status")),
    ...[...rings].map(([owner, colour]) => swatch(colour, `${t("owner")} ${owner}`, "owner")),
  );
  const byAmk = new Map<string, LiveUnit[]>();
  for (const unit of units) byAmk.set(unit.amk, [...(byAmk.get(unit.amk) ?? []), unit]);
  const rows = [...byAmk]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([amk, list]) => {
      const free = list.filter((unit) => unit.status === "free-at-station" || unit.status === "free-on-road").length;
      return `<tr><th scope="row">${escapeHtml(amk)}</th><td class="num">${list.length}</td><td class="num">${free}</td><td class="num">${list.filter((unit) => unit.status === "out-of-service").length}</td></tr>`;
    })
    .join("");
  $("sit-units").innerHTML = `<table><caption>${t("sitUnitsByAmk")}</caption><thead><tr><th scope="col">AMK</th><th scope="col" class="num">${t("sitUnits")}</th><th scope="col" class="num">${t("sitFree")}</th><th scope="col" class="num">${t("sitOut")}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function swatch(colour: string, text: string, kind: "status" | "owner"): HTMLSpanElement {
  const item = el("span", { text, className: kind });
  item.style.setProperty("--swatch", colour);
  return item;
}

function renderIncidents(): void {
  const now = live!.asOf === null ? NaN : Date.parse(live!.asOf);
  const incidents = [...live!.incidents].sort((a, b) => Number(b.waitingSince !== null) - Number(a.waitingSince !== null) || Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const target = $("sit-incidents");
  if (incidents.length === 0) {
    target.innerHTML = `<p class="muted">${t("sitNoIncidents")}</p>`;
    return;
  }
  const rows = incidents.map((incident) => {
    const where = "zoneId" in incident.location ? incident.location.zoneId : `${num(incident.location.lat, 4)}, ${num(incident.location.lon, 4)}`;
    const waited = incident.waitingSince === null ? "" : minutes((now - Date.parse(incident.waitingSince)) / 1000);
    const button = el("button", { type: "button", className: "link", "data-incident": incident.incidentId, "aria-pressed": String(incident.incidentId === selected), text: incident.incidentId });
    button.addEventListener("click", () => void choose(incident.incidentId));
    const row = el(
      "tr",
      { className: incident.waitingSince === null ? "" : "waiting" },
      el("th", { scope: "row" }, button),
      el("td", { className: `urgency ${incident.urgency}`, text: t(incident.urgency) }),
      el("td", { text: incident.amk }),
      el("td", { text: where }),
      el("td", { className: "num", text: waited }),
      el("td", { text: incident.units.join(", ") }),
    );
    return row;
  });
  const head = ["sitIncident", "sitUrgency", "sitAmk", "sitPlace", "sitWaited", "sitOnIt"] as const;
  const table = el(
    "table",
    { id: "sit-incident-table" },
    el("caption", { text: `${t("sitOpenIncidents")}: ${incidents.length} (${t("sitWaiting").toLowerCase()}: ${incidents.filter((incident) => incident.waitingSince !== null).length})` }),
    el("thead", {}, el("tr", {}, ...head.map((key, k) => el("th", { scope: "col", className: k === 4 ? "num" : "", text: t(key) })))),
    el("tbody", {}, ...rows),
  );
  target.replaceChildren(el("div", { className: "scroll", tabindex: 0, role: "region", "aria-label": t("sitOpenIncidents") }, table));
}

function renderCoverage(): void {
  const target = $("sit-coverage");
  if (!coverage) return void target.replaceChildren();
  const rows = coverage.areas.map((area) => `<tr><th scope="row">${escapeHtml(area.areaName)} (${escapeHtml(area.areaCode)})</th><td class="num">${share(area.share)}</td></tr>`).join("");
  target.innerHTML = `<table id="sit-coverage-table"><caption>${t("sitCoverageCaption").replace("{min}", num(coverage.thresholdSec / 60, 0))}</caption>
    <thead><tr><th scope="col">${t("sitArea")}</th><th scope="col" class="num">${t("sitCovered")}</th></tr></thead>
    <tbody>${rows}<tr class="total"><th scope="row">${t("sitAllAreas")}</th><td class="num">${share(coverage.total)}</td></tr></tbody></table>
    <p class="muted">${coverage.weightedBy === "population" ? t("sitWeightedPopulation") : t("sitWeightedDemand")}</p>`;
}

function renderRecommendation(): void {
  const target = $("sit-recommendation");
  if (selected === undefined) return void (target.innerHTML = `<p class="muted">${t("sitChooseIncident")}</p>`);
  if (!recommendation || recommendation.incidentId !== selected) return void (target.innerHTML = `<p class="muted">${t("sitRanking")} ${escapeHtml(selected)} …</p>`);
  if (recommendation.units.length === 0) return void (target.innerHTML = `<p>${t("sitNoneFree")}</p>`);
  const rows = recommendation.units
    .map((unit, k) => {
      const step = unit.interAmk === null ? "–" : `${t("sitAsk")} ${escapeHtml(unit.interAmk.to)} (${t("sitFrom")} ${escapeHtml(unit.interAmk.from)}, +${minutes(unit.interAmk.delaySec)})`;
      return `<tr${k === 0 ? ' class="first"' : ""}><td class="num">${k + 1}</td><th scope="row">${escapeHtml(unit.unitId)}</th><td class="num">${minutes(unit.etaSec)}</td><td>${escapeHtml(unit.owner)} ${unit.ownOrganisation ? `(${t("sitOwn")})` : `(${t("sitOther")})`}</td><td>${escapeHtml(statusName(unit.status))}</td><td>${step}</td></tr>`;
    })
    .join("");
  target.innerHTML = `<table id="sit-ranked"><caption>${t("sitRankedFor")} ${escapeHtml(recommendation.incidentId)}</caption>
    <thead><tr><th scope="col" class="num">#</th><th scope="col">${t("sitUnit")}</th><th scope="col" class="num">${t("sitEta")}</th><th scope="col">${t("owner")}</th><th scope="col">${t("sitStatus")}</th><th scope="col">${t("sitInterAmk")}</th></tr></thead>
    <tbody>${rows}</tbody></table><p class="muted">${t("sitPolicy")}: ${escapeHtml(recommendation.policy)}. ${t("sitRankNote")}</p>`;
}

function renderMoveUp(): void {
  const target = $("sit-move-up");
  if (!moveUp) return void target.replaceChildren();
  const moves = moveUp.moves
    .map((move) => `<li>${escapeHtml(move.unitId)}: ${escapeHtml(move.fromLocationId)} → ${escapeHtml(move.toLocationId)} (${t("sitExpectedGain").replace("{gain}", points(move.expectedCoverageGain))}; ${t("sitPlainGain").replace("{gain}", points(move.coverageGain))})</li>`)
    .join("");
  const expected = moveUp.expectedCoverage;
  target.innerHTML = `${moves === "" ? `<p>${t("sitNoMoves")}</p>` : `<ol id="sit-moves">${moves}</ol>`}
    <p class="muted">${t("sitExpectedNowAfter").replace("{now}", shareTenths(expected.now)).replace("{after}", shareTenths(expected.after)).replace("{q}", num(expected.busyFraction, 2)).replace("{min}", num(expected.thresholdSec / 60, 0))} ${t("sitCoverageNowAfter").replace("{now}", share(moveUp.coverageNow.total)).replace("{after}", share(moveUp.coverageAfter.total))} ${t("sitPolicy")}: ${escapeHtml(moveUp.policy)}.</p>`;
}

function renderForecast(): void {
  const target = $("sit-forecast");
  if (!forecast) return void target.replaceChildren();
  const rows = forecast.areas
    .map((area) => `<tr><th scope="row">${escapeHtml(area.areaName)} (${escapeHtml(area.areaCode)})</th><td class="num">${num(area.redCalls, 1)}</td><td class="num">${withInterval(area.redWaitProbability, share)}</td><td class="num">${withInterval(area.coverage, share)}</td></tr>`)
    .join("");
  target.innerHTML = `<table id="sit-forecast-table"><caption>${t("sitForecastCaption").replace("{min}", String(forecast.minutes)).replace("{n}", String(forecast.replications))}</caption>
    <thead><tr><th scope="col">${t("sitArea")}</th><th scope="col" class="num">${t("sitRedCalls")}</th><th scope="col" class="num">${t("sitRedWaits")}</th><th scope="col" class="num">${t("sitExpectedCoverage")}</th></tr></thead>
    <tbody>${rows}</tbody></table>
    <ul class="muted">${forecast.limitations.map((limit) => `<li>${has(`sitLimit-${limit.code}`) ? t(`sitLimit-${limit.code}` as Key) : escapeHtml(limit.text)}</li>`).join("")}</ul>`;
}

export function wireSituation(): void {
  $("sit-forecast-run").addEventListener("click", () => void runForecast());
  void startSituation();
}
