import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from "maplibre-gl";
import { histogram, hourly } from "./charts.js";
import { lang, num, setLang, t, type Lang } from "./i18n.js";

// ───────────── types of the API's answers (docs/web.md) ─────────────
interface Entry { id: string; name: string; kind: "shipped" | "variant"; path: string; parent: string | null }
interface Shift { days: unknown; start: string; end: string }
interface Group { id: string; type: string; station: string; count: number; shifts: Shift[] }
interface Station { id: string; name?: string; lat: number; lon: number; owner: string }
interface ScenarioView { id: string; name: string; scenario: { stations: Station[]; areas: Array<{ code: string; name: string }>; policies: { dispatch: { crossBorder: string; interAmkDelaySec: number } } }; vehicleGroups: Group[] }
interface Feature { type: "Feature"; id?: number; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }
interface Collection { type: "FeatureCollection"; features: Feature[]; note?: string | null }
interface Estimate { mean: number | null; ciLow: number | null; ciHigh: number | null }
interface Job { id: string; status: string; done: number; total: number; error: string | null }
interface AreaGroup { areaCode: string; areaName: string; urgency: string; figures: Record<string, Estimate> }
interface RunResult {
  report: { responseTimes: { byArea: AreaGroup[]; byHourOfDay: Array<{ hour: number; urgency: string; figures: Record<string, Estimate> }> } };
  extras: { zones: Array<{ zoneId: string; redMedianSec: number | null; redShareWithin12Min: number | null }>; histogram: Record<string, number[]> } | null;
}
interface PairedEstimate { mean: number | null; ciLow: number | null; ciHigh: number | null; excludesZero: boolean | null }
interface ComparisonResult {
  variants: Array<{ id: string; label: string; baseline: boolean }>;
  areas: Array<{ areaCode: string; areaName: string; urgency: string; differences: Array<{ variantId: string; differences: Record<string, PairedEstimate> }> }>;
}

// ───────────── state ─────────────
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? sessionStorage.getItem("akutt-token") ?? "";
if (token) sessionStorage.setItem("akutt-token", token);

let entries: Entry[] = [];
let view: ScenarioView | undefined;
let geo: Collection | undefined;
let selected: string | undefined;
let moved = new Map<string, { lat: number; lon: number }>();
let added: Array<{ id: string; name: string; lat: number; lon: number; count: number }> = [];
let counts = new Map<string, number>();
let lastRun: RunResult | undefined;
let lastComparison: { id: string; result: ComparisonResult } | undefined;
let map: MapLibreMap | undefined;
let mapReady = false;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.body ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`/api${path}`, { ...init, headers });
  const body = (await response.json()) as T & { message?: string; issues?: Array<{ line?: number | null; field?: string; message: string }> };
  if (!response.ok) throw Object.assign(new Error(body.message ?? response.statusText), { issues: body.issues ?? [] });
  return body;
}
const withToken = (path: string) => (token ? `${path}${path.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(token)}` : path);

// ───────────── map ─────────────
const AREA_NONE = "#e6e6e6";
const ramps = {
  median: { stops: [[360, "#1a9850"], [540, "#91cf60"], [720, "#fee08b"], [900, "#fc8d59"], [1200, "#d73027"]] as Array<[number, string]>, format: (v: number) => `${num(v / 60)} ${t("min")}` },
  share: { stops: [[0.5, "#d73027"], [0.7, "#fc8d59"], [0.8, "#fee08b"], [0.9, "#91cf60"], [0.97, "#1a9850"]] as Array<[number, string]>, format: (v: number) => `${num(v * 100, 0)} %` },
  diff: { stops: [[-120, "#2166ac"], [-30, "#92c5de"], [0, "#f7f7f7"], [30, "#f4a582"], [120, "#b2182b"]] as Array<[number, string]>, format: (v: number) => `${v > 0 ? "+" : ""}${num(v / 60)} ${t("min")}` },
};
type RampName = keyof typeof ramps;

function colourExpression(ramp: RampName): unknown {
  return ["case", ["==", ["typeof", ["get", "value"]], "number"], ["interpolate", ["linear"], ["get", "value"], ...ramps[ramp].stops.flat()], AREA_NONE];
}

function initMap(): void {
  try {
    map = new maplibregl.Map({
      container: "map",
      style: { version: 8, sources: {}, layers: [{ id: "background", type: "background", paint: { "background-color": "#f3f6f8" } }] },
      center: [10.4, 59.8],
      zoom: 8,
      attributionControl: false,
    });
  } catch {
    $("map-note").textContent = t("mapUnavailable");
    return;
  }
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  map.on("load", () => {
    const m = map!;
    m.addSource("scenario", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    m.addLayer({ id: "areas", type: "fill", source: "scenario", filter: ["==", ["get", "kind"], "area"], paint: { "fill-color": colourExpression("median") as never, "fill-opacity": 0.55 } });
    m.addLayer({ id: "area-lines", type: "line", source: "scenario", filter: ["==", ["get", "kind"], "area"], paint: { "line-color": "#555", "line-width": 1 } });
    m.addLayer({ id: "zones", type: "circle", source: "scenario", filter: ["==", ["get", "kind"], "zone"], paint: { "circle-radius": 5, "circle-color": colourExpression("median") as never, "circle-stroke-color": "#333", "circle-stroke-width": 0.8 } });
    m.addLayer({ id: "hospitals", type: "circle", source: "scenario", filter: ["==", ["get", "kind"], "hospital"], paint: { "circle-radius": 6, "circle-color": "#ffffff", "circle-stroke-color": "#a4000f", "circle-stroke-width": 3 } });
    m.addLayer({ id: "standby", type: "circle", source: "scenario", filter: ["==", ["get", "kind"], "standby"], paint: { "circle-radius": 5, "circle-color": "#7b3294", "circle-stroke-color": "#fff", "circle-stroke-width": 1.5 } });
    m.addLayer({ id: "stations", type: "circle", source: "scenario", filter: ["==", ["get", "kind"], "station"], paint: { "circle-radius": ["case", ["boolean", ["get", "selected"], false], 10, 8], "circle-color": ["case", ["boolean", ["get", "edited"], false], "#ff8c00", "#003b5c"], "circle-stroke-color": "#fff", "circle-stroke-width": 2 } });
    for (const layer of ["stations", "hospitals", "standby"]) {
      m.on("mouseenter", layer, () => (m.getCanvas().style.cursor = "pointer"));
      m.on("mouseleave", layer, () => (m.getCanvas().style.cursor = ""));
    }
    m.on("click", "stations", (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") selectStation(id);
    });
    m.on("click", (event) => {
      const feature = m.queryRenderedFeatures(event.point, { layers: ["hospitals", "standby", "zones"] })[0];
      if (!feature) return;
      const p = feature.properties as Record<string, unknown>;
      const label = p.kind === "hospital" ? t("hospital") : p.kind === "standby" ? t("standby") : t("zone");
      new maplibregl.Popup().setLngLat(event.lngLat).setText(`${label}: ${String(p.name ?? p.id)}`).addTo(m);
    });
    // Drag a station to move it.
    let dragging: string | undefined;
    m.on("mousedown", "stations", (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id !== "string") return;
      event.preventDefault();
      dragging = id;
      m.getCanvas().style.cursor = "grabbing";
    });
    m.on("mousemove", (event) => {
      if (!dragging) return;
      moveStation(dragging, round(event.lngLat.lat), round(event.lngLat.lng), false);
    });
    m.on("mouseup", () => {
      if (!dragging) return;
      const id = dragging;
      dragging = undefined;
      m.getCanvas().style.cursor = "";
      selectStation(id);
      renderChanges();
    });
    mapReady = true;
    drawMap(true);
  });
}
const round = (value: number) => Math.round(value * 10000) / 10000;

/** Features with edits applied and `value` set from the latest run or comparison. */
function mapData(): Collection {
  if (!geo) return { type: "FeatureCollection", features: [] };
  const figure = ($("figure") as HTMLSelectElement).value as "median" | "share";
  const showComparison = lastComparison !== undefined && lastComparison.result.variants[0]?.id === view?.id;
  const areaValue = new Map<string, number | null>();
  const zoneValue = new Map<string, number | null>();
  if (showComparison) {
    const alternative = lastComparison!.result.variants.find((variant) => !variant.baseline)?.id;
    for (const row of lastComparison!.result.areas) if (row.urgency === "red") areaValue.set(row.areaCode, row.differences.find((d) => d.variantId === alternative)?.differences.responseMedianSec?.mean ?? null);
  } else if (lastRun) {
    for (const row of lastRun.report.responseTimes.byArea) if (row.urgency === "red") areaValue.set(row.areaCode, (figure === "median" ? row.figures.responseMedianSec : row.figures.shareWithin12Min ?? row.figures.shareWithinTarget)?.mean ?? null);
    for (const zone of lastRun.extras?.zones ?? []) zoneValue.set(zone.zoneId, figure === "median" ? zone.redMedianSec : zone.redShareWithin12Min);
  }
  const features: Feature[] = geo.features.map((feature) => {
    const p = feature.properties;
    if (p.kind === "area") return { ...feature, properties: { ...p, value: areaValue.get(String(p.areaCode)) ?? null } };
    if (p.kind === "zone") return { ...feature, properties: { ...p, value: zoneValue.get(String(p.id)) ?? null } };
    if (p.kind === "station") {
      const at = moved.get(String(p.id));
      return { ...feature, geometry: at ? { type: "Point", coordinates: [at.lon, at.lat] } : feature.geometry, properties: { ...p, selected: p.id === selected, edited: at !== undefined } };
    }
    return feature;
  });
  for (const station of added) features.push({ type: "Feature", properties: { kind: "station", id: station.id, name: station.name, selected: station.id === selected, edited: true }, geometry: { type: "Point", coordinates: [station.lon, station.lat] } });
  return { type: "FeatureCollection", features };
}

function drawMap(fit = false): void {
  renderLegend();
  if (!map || !mapReady) return;
  const ramp: RampName = lastComparison && lastComparison.result.variants[0]?.id === view?.id ? "diff" : (($("figure") as HTMLSelectElement).value as RampName);
  map.setPaintProperty("areas", "fill-color", colourExpression(ramp));
  map.setPaintProperty("zones", "circle-color", colourExpression(ramp === "diff" ? "median" : ramp));
  (map.getSource("scenario") as GeoJSONSource).setData(mapData() as never);
  if (fit && geo) {
    const points = geo.features.filter((f) => f.geometry.type === "Point").map((f) => f.geometry.coordinates as [number, number]);
    if (points.length > 0) {
      const bounds = points.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(points[0], points[0]));
      map.fitBounds(bounds, { padding: 40, duration: 0 });
    }
  }
}

function renderLegend(): void {
  const legend = $("legend");
  legend.replaceChildren();
  if (!lastRun && !lastComparison) return;
  const ramp: RampName = lastComparison && lastComparison.result.variants[0]?.id === view?.id ? "diff" : (($("figure") as HTMLSelectElement).value as RampName);
  for (const [value, colour] of ramps[ramp].stops) {
    const item = document.createElement("span");
    item.style.setProperty("--swatch", colour);
    item.textContent = ramps[ramp].format(value);
    legend.append(item);
  }
  const none = document.createElement("span");
  none.style.setProperty("--swatch", AREA_NONE);
  none.textContent = t("noData");
  legend.append(none);
}

// ───────────── scenario and editing ─────────────
async function loadEntries(select?: string): Promise<void> {
  entries = (await api<{ scenarios: Entry[] }>("/scenarios")).scenarios;
  const chooser = $("scenario") as HTMLSelectElement;
  const previous = chooser.value;
  chooser.replaceChildren(...entries.map((entry) => new Option(`${entry.kind === "variant" ? "★ " : ""}${entry.name} (${entry.id})`, entry.id)));
  chooser.value = select ?? (entries.some((e) => e.id === previous) ? previous : entries.find((e) => e.id === "demo")?.id ?? entries[0]?.id ?? "");
  renderCompareList();
}

async function openScenario(id: string): Promise<void> {
  view = await api<ScenarioView>(`/scenarios/${encodeURIComponent(id)}`);
  geo = await api<Collection>(`/scenarios/${encodeURIComponent(id)}/geojson`);
  moved = new Map();
  added = [];
  counts = new Map(view.vehicleGroups.map((group) => [group.id, group.count]));
  selected = undefined;
  lastRun = undefined;
  $("results").hidden = true;
  const entry = entries.find((e) => e.id === id);
  $("scenario-info").textContent = `${entry?.path ?? ""}${entry?.parent ? ` ← ${entry.parent}` : ""}`;
  $("map-note").textContent = geo.note ? geo.note : t("boundaryNote");
  ($("cross-border") as HTMLSelectElement).value = view.scenario.policies.dispatch.crossBorder;
  ($("inter-amk") as HTMLInputElement).value = String(view.scenario.policies.dispatch.interAmkDelaySec);
  renderStations();
  renderChanges();
  renderCompareList();
  drawMap(true);
}

function allStations(): Station[] {
  if (!view) return [];
  return [...view.scenario.stations.map((s) => ({ ...s, ...(moved.get(s.id) ?? {}) })), ...added.map((s) => ({ id: s.id, name: s.name, lat: s.lat, lon: s.lon, owner: view!.scenario.stations[0]?.owner ?? "" }))];
}

function renderStations(): void {
  const list = $("station-list");
  list.replaceChildren(
    ...allStations().map((station) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = station.name ?? station.id;
      button.dataset.station = station.id;
      button.setAttribute("aria-pressed", String(station.id === selected));
      button.addEventListener("click", () => selectStation(station.id));
      item.append(button);
      return item;
    }),
  );
  const detail = $("station-detail");
  const station = allStations().find((s) => s.id === selected);
  detail.hidden = !station;
  if (!station || !view) return;
  $("station-name").textContent = station.name ?? station.id;
  $("station-owner").textContent = `${t("owner")}: ${station.owner} · ${station.id}`;
  ($("station-lat") as HTMLInputElement).value = String(station.lat);
  ($("station-lon") as HTMLInputElement).value = String(station.lon);
  const groups: Group[] = [...view.vehicleGroups.filter((g) => g.station === station.id), ...added.filter((s) => s.id === station.id).map((s) => ({ id: `${s.id}-amb`, type: "ambulance", station: s.id, count: s.count, shifts: [] }))];
  $("vehicle-rows").replaceChildren(
    ...groups.map((group) => {
      const row = document.createElement("tr");
      const shifts = group.shifts.length === 0 ? t("shiftAll") : group.shifts.map((s) => `${typeof s.days === "string" ? s.days : JSON.stringify(s.days)} ${s.start}–${s.end}`).join("; ");
      row.innerHTML = `<td>${escapeHtml(group.id)}</td><td>${escapeHtml(group.type)}</td><td>${escapeHtml(shifts)}</td><td></td>`;
      const input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.max = "50";
      input.value = String(added.find((s) => `${s.id}-amb` === group.id)?.count ?? counts.get(group.id) ?? group.count);
      input.setAttribute("aria-label", `${t("count")} ${group.id}`);
      input.dataset.group = group.id;
      input.addEventListener("change", () => {
        const value = Math.max(0, Math.round(Number(input.value)));
        const newStation = added.find((s) => `${s.id}-amb` === group.id);
        if (newStation) newStation.count = value;
        else counts.set(group.id, value);
        renderChanges();
      });
      row.lastElementChild!.append(input);
      return row;
    }),
  );
}

function selectStation(id: string): void {
  selected = id;
  renderStations();
  drawMap();
  const station = allStations().find((s) => s.id === id);
  if (map && station) new maplibregl.Popup({ closeButton: true }).setLngLat([station.lon, station.lat]).setText(`${station.name ?? station.id} (${station.owner})`).addTo(map);
}

function moveStation(id: string, lat: number, lon: number, rerender = true): void {
  const newStation = added.find((s) => s.id === id);
  if (newStation) Object.assign(newStation, { lat, lon });
  else moved.set(id, { lat, lon });
  drawMap();
  if (rerender) {
    renderStations();
    renderChanges();
  }
}

function overlay(): Record<string, unknown> {
  if (!view) return {};
  const result: Record<string, unknown> = {};
  const owner = view.scenario.stations[0]?.owner ?? "";
  const stations = [...[...moved].map(([id, at]) => ({ id, lat: at.lat, lon: at.lon })), ...added.map((s) => ({ id: s.id, name: s.name, lat: s.lat, lon: s.lon, owner }))];
  if (stations.length > 0) result.stations = stations;
  const vehicles: Array<Record<string, unknown>> = [];
  for (const group of view.vehicleGroups) {
    const count = counts.get(group.id) ?? group.count;
    if (count === group.count) continue;
    vehicles.push(count === 0 ? { id: group.id, remove: true } : { id: group.id, count });
  }
  for (const station of added) if (station.count > 0) vehicles.push({ id: `${station.id}-amb`, type: "ambulance", station: station.id, count: station.count });
  if (vehicles.length > 0) result.vehicles = vehicles;
  const crossBorder = ($("cross-border") as HTMLSelectElement).value;
  const delay = Number(($("inter-amk") as HTMLInputElement).value);
  const dispatch: Record<string, unknown> = {};
  if (crossBorder !== view.scenario.policies.dispatch.crossBorder) dispatch.crossBorder = crossBorder;
  if (delay !== view.scenario.policies.dispatch.interAmkDelaySec) dispatch.interAmkDelaySec = delay;
  if (Object.keys(dispatch).length > 0) result.policies = { dispatch };
  return result;
}

function renderChanges(): void {
  const o = overlay();
  const parts: string[] = [];
  for (const [id] of moved) parts.push(`${id} ${t("moved")}`);
  for (const s of added) parts.push(`${s.name} (${t("added")})`);
  for (const v of (o.vehicles as Array<{ id: string; count?: number; remove?: boolean; type?: string }> | undefined) ?? []) if (!v.type) parts.push(`${v.id}: ${t("fleet")} ${v.remove ? 0 : v.count}`);
  const dispatch = (o.policies as { dispatch?: Record<string, unknown> } | undefined)?.dispatch;
  if (dispatch) parts.push(Object.entries(dispatch).map(([k, v]) => `${k} = ${String(v)}`).join(", "));
  $("changes").textContent = parts.length === 0 ? t("noChanges") : `${t("changes")}: ${parts.join(" · ")}. ${t("unsaved")}`;
}

// ───────────── jobs ─────────────
function follow(kind: "runs" | "comparisons", id: string, bar: HTMLProgressElement, status: HTMLElement): Promise<Job> {
  bar.hidden = false;
  bar.value = 0;
  return new Promise((resolve) => {
    const source = new EventSource(withToken(`/api/${kind}/${id}/events`));
    const show = (job: Job) => {
      bar.max = Math.max(1, job.total);
      bar.value = job.done;
      bar.setAttribute("aria-valuetext", `${job.done} ${t("of")} ${job.total}`);
      status.textContent = `${t(job.status as "running")}: ${job.done} ${t("of")} ${job.total}${job.error ? ` — ${job.error}` : ""}`;
      status.className = job.status === "failed" ? "error" : job.status === "done" ? "ok" : "";
    };
    for (const type of ["progress", "done", "failed", "cancelled"]) {
      source.addEventListener(type, (event) => {
        const job = JSON.parse((event as MessageEvent<string>).data) as Job;
        show(job);
        if (type !== "progress") {
          source.close();
          resolve(job);
        }
      });
    }
  });
}

let currentRun: string | undefined;
async function runSimulation(): Promise<void> {
  if (!view) return;
  const button = $("run") as HTMLButtonElement;
  button.disabled = true;
  $("cancel-run").hidden = false;
  try {
    const job = await api<Job>("/runs", { method: "POST", body: JSON.stringify({ scenarioId: view.id, replications: Number(($("replications") as HTMLInputElement).value), seed: Number(($("seed") as HTMLInputElement).value) }) });
    currentRun = job.id;
    const final = await follow("runs", job.id, $("run-progress"), $("run-status"));
    if (final.status === "done") {
      lastRun = await api<RunResult>(`/runs/${job.id}/results`);
      lastComparison = undefined;
      renderResults();
    }
  } catch (error) {
    $("run-status").textContent = (error as Error).message;
    $("run-status").className = "error";
  } finally {
    button.disabled = false;
    $("cancel-run").hidden = true;
    currentRun = undefined;
  }
}

const fmtMin = (e: Estimate | undefined) => (e?.mean == null ? "–" : `${num(e.mean / 60)}${e.ciLow != null && e.ciHigh != null ? ` [${num(e.ciLow / 60)}–${num(e.ciHigh / 60)}]` : ""}`);
const fmtShare = (e: Estimate | undefined) => (e?.mean == null ? "–" : `${num(e.mean * 100)} %${e.ciLow != null && e.ciHigh != null ? ` [${num(e.ciLow * 100)}–${num(e.ciHigh * 100)}]` : ""}`);
const urgencyName = (u: string) => (u === "red" || u === "yellow" || u === "green" ? t(u) : u);

function renderResults(): void {
  if (!lastRun || !view) return;
  $("results").hidden = false;
  const rows = lastRun.report.responseTimes.byArea
    .map((r) => `<tr><td>${escapeHtml(r.areaName)} (${escapeHtml(r.areaCode)})</td><td>${urgencyName(r.urgency)}</td><td class="num">${r.figures.incidents?.mean == null ? "–" : num(r.figures.incidents.mean, 0)}</td><td class="num">${fmtMin(r.figures.responseMedianSec)}</td><td class="num">${fmtMin(r.figures.responseP90Sec)}</td><td class="num">${fmtShare(r.figures.shareWithin12Min)}</td></tr>`)
    .join("");
  $("result-tables").innerHTML = `<table id="area-table"><caption>${t("runOf")} ${escapeHtml(view.name)} (95 % CI, ${t("min")})</caption><thead><tr><th>${t("area")}</th><th>${t("urgency")}</th><th>${t("incidents")}</th><th>${t("median")}</th><th>${t("p90")}</th><th>${t("within12")}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const charts = $("charts");
  charts.replaceChildren();
  if (lastRun.extras) {
    const h = lastRun.extras.histogram;
    charts.append(histogram(t("histogram"), [{ label: t("red"), colour: "#c0392b", values: h.red ?? [] }, { label: t("yellow"), colour: "#d4a017", values: h.yellow ?? [] }, { label: t("green"), colour: "#2e7d32", values: h.green ?? [] }], t("minutes")));
  }
  const hours = lastRun.report.responseTimes.byHourOfDay.filter((g) => g.urgency === "red").map((g) => ({ hour: g.hour, mean: div60(g.figures.responseMedianSec?.mean), low: div60(g.figures.responseMedianSec?.ciLow), high: div60(g.figures.responseMedianSec?.ciHigh) }));
  charts.append(hourly(t("hourly"), hours, t("hour"), t("min")));
  drawMap();
}
const div60 = (v: number | null | undefined) => (v == null ? null : v / 60);

function renderCompareList(): void {
  const list = $("compare-list");
  const checked = new Set([...list.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value));
  if (view && checked.size === 0) checked.add(view.id);
  list.replaceChildren(
    ...entries.map((entry) => {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = entry.id;
      box.checked = checked.has(entry.id);
      label.append(box, ` ${entry.name} (${entry.id})`);
      return label;
    }),
  );
}

async function runComparisonJob(): Promise<void> {
  const ids = [...$("compare-list").querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value);
  // The scenario on screen is the baseline when it is among those chosen.
  if (view && ids.includes(view.id)) ids.splice(ids.indexOf(view.id), 1), ids.unshift(view.id);
  const status = $("compare-status");
  if (ids.length < 2) {
    status.textContent = t("chooseTwo");
    status.className = "error";
    return;
  }
  const button = $("compare") as HTMLButtonElement;
  button.disabled = true;
  try {
    const job = await api<Job>("/comparisons", { method: "POST", body: JSON.stringify({ scenarioIds: ids, replications: Number(($("compare-replications") as HTMLInputElement).value) }) });
    const final = await follow("comparisons", job.id, $("compare-progress"), status);
    if (final.status === "done") {
      lastComparison = { id: job.id, result: await api<ComparisonResult>(`/comparisons/${job.id}/results`) };
      renderComparison();
      drawMap();
    }
  } catch (error) {
    status.textContent = (error as Error).message;
    status.className = "error";
  } finally {
    button.disabled = false;
  }
}

function renderComparison(): void {
  if (!lastComparison) return;
  const { id, result } = lastComparison;
  const alternatives = result.variants.filter((v) => !v.baseline);
  const baseline = result.variants.find((v) => v.baseline);
  const head = alternatives.map((a) => `<th>${escapeHtml(a.label)}: ${t("diffMedian")}</th><th>${t("diffShare")}</th>`).join("");
  const fmtDiff = (e: PairedEstimate | undefined, scale: number, unit: string) =>
    e?.mean == null ? "–" : `${e.mean > 0 ? "+" : ""}${num(e.mean * scale)}${unit}${e.ciLow != null && e.ciHigh != null ? ` [${num(e.ciLow * scale)}; ${num(e.ciHigh * scale)}]` : ""}${e.excludesZero ? " *" : ""}`;
  const rows = result.areas
    .map((row) => `<tr><td>${escapeHtml(row.areaName)} (${escapeHtml(row.areaCode)})</td><td>${urgencyName(row.urgency)}</td>${alternatives.map((a) => { const d = row.differences.find((x) => x.variantId === a.id)?.differences; return `<td class="num">${fmtDiff(d?.responseMedianSec, 1 / 60, "")}</td><td class="num">${fmtDiff(d?.shareWithin12Min, 100, "")}</td>`; }).join("")}</tr>`)
    .join("");
  const mapNote = baseline && view && baseline.id === view.id && alternatives[0] ? `<p class="muted">${t("diffMap")} ${escapeHtml(alternatives[0].label)} − ${escapeHtml(baseline.label)}.</p>` : "";
  $("compare-results").innerHTML = `<table id="diff-table"><caption>${t("diffTable")}; ${escapeHtml(baseline?.label ?? "")} (${t("min")}, %-points; * = CI excludes 0)</caption><thead><tr><th>${t("area")}</th><th>${t("urgency")}</th>${head}</tr></thead><tbody>${rows}</tbody></table>${mapNote}
    <p><a id="export-nb" href="${withToken(`/api/comparisons/${id}/export.html?lang=nb&download=true`)}" download>${t("exportNb")}</a> · <a id="export-en" href="${withToken(`/api/comparisons/${id}/export.html?lang=en&download=true`)}" download>${t("exportEn")}</a></p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

// ───────────── wiring ─────────────
async function start(): Promise<void> {
  const language = $("language") as HTMLSelectElement;
  language.value = lang();
  setLang(lang());
  language.addEventListener("change", () => {
    setLang(language.value as Lang);
    renderStations();
    renderChanges();
    renderResults();
    renderComparison();
    renderLegend();
  });
  initMap();
  ($("scenario") as HTMLSelectElement).addEventListener("change", (event) => void openScenario((event.target as HTMLSelectElement).value));
  $("move-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (selected) moveStation(selected, Number(($("station-lat") as HTMLInputElement).value), Number(($("station-lon") as HTMLInputElement).value));
  });
  $("add-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = ($("new-name") as HTMLInputElement).value.trim();
    const base = `st-${name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "new"}`;
    let id = base;
    for (let n = 2; allStations().some((s) => s.id === id); n++) id = `${base}-${n}`;
    added.push({ id, name, lat: Number(($("new-lat") as HTMLInputElement).value), lon: Number(($("new-lon") as HTMLInputElement).value), count: Number(($("new-count") as HTMLInputElement).value) });
    selectStation(id);
    renderChanges();
  });
  for (const id of ["cross-border", "inter-amk"]) $(id).addEventListener("change", renderChanges);
  $("save-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void saveVariant();
  });
  $("run-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void runSimulation();
  });
  $("cancel-run").addEventListener("click", () => {
    if (currentRun) void api(`/runs/${currentRun}`, { method: "DELETE" });
  });
  $("figure").addEventListener("change", () => drawMap());
  $("compare-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void runComparisonJob();
  });
  await loadEntries();
  await openScenario(($("scenario") as HTMLSelectElement).value);
}

async function saveVariant(): Promise<void> {
  if (!view) return;
  const status = $("save-status");
  try {
    const entry = await api<Entry>(`/scenarios/${encodeURIComponent(view.id)}/variants`, { method: "POST", body: JSON.stringify({ name: ($("variant-name") as HTMLInputElement).value, overlay: overlay() }) });
    const parent = view.id;
    await loadEntries(entry.id);
    await openScenario(entry.id);
    for (const box of $("compare-list").querySelectorAll<HTMLInputElement>("input")) box.checked = box.value === parent || box.value === entry.id;
    status.textContent = `${t("saved")} ${entry.name} (${entry.id}).`;
    status.className = "ok";
  } catch (error) {
    const issues = (error as Error & { issues?: Array<{ line?: number | null; field?: string; message: string }> }).issues ?? [];
    status.className = "error";
    status.textContent = `${t("invalid")} ${issues.map((i) => `${i.field ? `${i.field}: ` : ""}${i.message}${i.line ? ` (${i.line})` : ""}`).join("; ") || (error as Error).message}`;
  }
}

void start().catch((error: unknown) => {
  document.body.insertAdjacentHTML("afterbegin", `<p class="error" role="alert">${escapeHtml(String((error as Error).message ?? error))}</p>`);
});
