import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from "maplibre-gl";
import { histogram, hourly } from "./charts.js";
import { lang, num, setLang, t, type Key, type Lang } from "./i18n.js";

// ───────────── types of the API's answers (docs/web.md) ─────────────
interface Entry { id: string; name: string; kind: "shipped" | "variant"; path: string; parent: string | null }
type Days = "all" | "weekdays" | "weekend" | string[];
interface Shift { days: Days; start: string; end: string }
interface StandbyPoint { id: string; name?: string; lat: number; lon: number; owner: string }
interface Relocation { name: "return-home" | "standby-points"; points?: Array<{ id: string; hours?: [string, string] }>; coverageSec?: number; maxTravelSec?: number }
interface Issue { line?: number | null; field?: string; message: string; record?: { list: string; id: string; index: number } }
interface Group { id: string; type: string; station: string; count: number; shifts: Shift[] }
interface Station { id: string; name?: string; lat: number; lon: number; owner: string }
interface ScenarioView {
  id: string;
  name: string;
  scenario: { stations: Station[]; standbyPoints: StandbyPoint[]; areas: Array<{ code: string; name: string }>; policies: { dispatch: { crossBorder: string; interAmkDelaySec: number }; relocation: Relocation } };
  vehicleGroups: Group[];
}
interface RoadCollection extends Collection { network: string | null }
interface Feature { type: "Feature"; id?: number; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }
interface Collection { type: "FeatureCollection"; features: Feature[]; note?: string | null }
interface Estimate { mean: number | null; ciLow: number | null; ciHigh: number | null }
interface Job { id: string; status: string; done: number; total: number; error: string | null }
interface AreaGroup { areaCode: string; areaName: string; urgency: string; figures: Record<string, Estimate> }
type AmkFigures = Record<"calls" | "shareAnsweredWithin10s" | "lostCalls" | "operatorUtilisation", Estimate>;
interface RunResult {
  report: {
    responseTimes: { byArea: AreaGroup[]; byHourOfDay: Array<{ hour: number; urgency: string; figures: Record<string, Estimate> }> };
    vehicles?: {
      byOrganisation: Array<{ organisationId: string; organisationName: string; vehicles: number; figures: Record<string, Estimate> }>;
      byVehicle: Array<{ vehicleId: string; vehicleType: string; organisationId: string; station: string; figures: Record<string, Estimate> }>;
    };
    amk?: { total: AmkFigures; byAmk: Array<{ amkId: string; amkName: string; figures: AmkFigures }> };
  };
  extras: { zones: Array<{ zoneId: string; reached: number; redMedianSec: number | null; redShareWithin12Min: number | null }>; histogram: Record<string, number[]> } | null;
}
/** Zones with fewer pooled red incidents than this are left grey on the map. */
const ZONE_MIN_INCIDENTS = 10;
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
/** Edited shifts by vehicle record id ([] = around the clock). */
let shiftEdits = new Map<string, Shift[]>();
let editingShifts: string | undefined;
/** Loader messages from the last refused save, by vehicle record id; `shift` is the shift's index when known. */
let vehicleIssues = new Map<string, Array<{ shift: number | null; text: string }>>();
let standbyMoved = new Map<string, { lat: number; lon: number }>();
let standbyAdded: StandbyPoint[] = [];
let selectedStandby: string | undefined;
let relocation: { name: Relocation["name"]; coverageSec: number; maxTravelSec: number; points: Array<{ id: string; use: boolean; from: string; to: string }> } = { name: "return-home", coverageSec: 300, maxTravelSec: 1800, points: [] };
let roads: RoadCollection | undefined;
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
    // Roads of the travel model's network, under zones, stations and standby points.
    m.addSource("roads", { type: "geojson", data: (roads ?? { type: "FeatureCollection", features: [] }) as never });
    m.once("idle", () => ($("map").dataset.drawn = "true"));
    const major = ["in", ["get", "roadClass"], ["literal", ["E", "E-motorveg", "R-motorveg", "E-motortrafikkveg", "R-motortrafikkveg"]]];
    m.addLayer({ id: "roads", type: "line", source: "roads", filter: ["!", ["get", "ferry"]], layout: { "line-cap": "round", "line-join": "round" }, paint: { "line-color": ["case", major, "#6b4f1d", "#8a8a8a"] as never, "line-width": ["case", major, 2.2, ["==", ["get", "roadClass"], "R"], 1.6, ["==", ["get", "roadClass"], "F"], 1.1, 0.8] as never } });
    m.addLayer({ id: "ferries", type: "line", source: "roads", filter: ["get", "ferry"], paint: { "line-color": "#2471a3", "line-width": 1.4, "line-dasharray": [2, 2] } });
    m.addLayer({ id: "zones", type: "circle", source: "scenario", filter: ["==", ["get", "kind"], "zone"], paint: { "circle-radius": 5, "circle-color": colourExpression("median") as never, "circle-stroke-color": "#333", "circle-stroke-width": 0.8 } });
    m.addLayer({ id: "hospitals", type: "circle", source: "scenario", filter: ["==", ["get", "kind"], "hospital"], paint: { "circle-radius": 6, "circle-color": "#ffffff", "circle-stroke-color": "#a4000f", "circle-stroke-width": 3 } });
    m.addLayer({ id: "standby", type: "circle", source: "scenario", filter: ["==", ["get", "kind"], "standby"], paint: { "circle-radius": ["case", ["boolean", ["get", "selected"], false], 8, 6], "circle-color": "#7b3294", "circle-stroke-color": ["case", ["boolean", ["get", "edited"], false], "#ff8c00", "#fff"], "circle-stroke-width": ["case", ["boolean", ["get", "edited"], false], 3, 1.5] } });
    m.addLayer({ id: "stations", type: "circle", source: "scenario", filter: ["==", ["get", "kind"], "station"], paint: { "circle-radius": ["case", ["boolean", ["get", "selected"], false], 10, 8], "circle-color": ["case", ["boolean", ["get", "edited"], false], "#ff8c00", "#003b5c"], "circle-stroke-color": "#fff", "circle-stroke-width": 2 } });
    for (const layer of ["stations", "hospitals", "standby"]) {
      m.on("mouseenter", layer, () => (m.getCanvas().style.cursor = "pointer"));
      m.on("mouseleave", layer, () => (m.getCanvas().style.cursor = ""));
    }
    m.on("click", "stations", (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") selectStation(id);
    });
    m.on("click", "standby", (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") selectStandby(id);
    });
    m.on("click", (event) => {
      const feature = m.queryRenderedFeatures(event.point, { layers: ["hospitals", "zones"] })[0];
      if (!feature) return;
      const p = feature.properties as Record<string, unknown>;
      const label = p.kind === "hospital" ? t("hospital") : p.kind === "standby" ? t("standby") : t("zone");
      new maplibregl.Popup().setLngLat(event.lngLat).setText(`${label}: ${String(p.name ?? p.id)}`).addTo(m);
    });
    // Drag a station or a standby point to move it.
    let dragging: { kind: "station" | "standby"; id: string } | undefined;
    for (const [layer, kind] of [["stations", "station"], ["standby", "standby"]] as const) {
      m.on("mousedown", layer, (event) => {
        const id = event.features?.[0]?.properties?.id;
        if (typeof id !== "string") return;
        event.preventDefault();
        dragging = { kind, id };
        m.getCanvas().style.cursor = "grabbing";
      });
    }
    m.on("mousemove", (event) => {
      if (!dragging) return;
      if (dragging.kind === "station") moveStation(dragging.id, round(event.lngLat.lat), round(event.lngLat.lng), false);
      else moveStandby(dragging.id, round(event.lngLat.lat), round(event.lngLat.lng), false);
    });
    m.on("mouseup", () => {
      if (!dragging) return;
      const { kind, id } = dragging;
      dragging = undefined;
      m.getCanvas().style.cursor = "";
      if (kind === "station") selectStation(id);
      else selectStandby(id);
      renderChanges();
    });
    mapReady = true;
    applyLayerToggles();
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
    // Pooled over replications, no CI: only zones with enough red incidents get a colour.
    for (const zone of lastRun.extras?.zones ?? []) zoneValue.set(zone.zoneId, zone.reached < ZONE_MIN_INCIDENTS ? null : figure === "median" ? zone.redMedianSec : zone.redShareWithin12Min);
  }
  const features: Feature[] = geo.features.map((feature) => {
    const p = feature.properties;
    if (p.kind === "area") return { ...feature, properties: { ...p, value: areaValue.get(String(p.areaCode)) ?? null } };
    if (p.kind === "zone") return { ...feature, properties: { ...p, value: zoneValue.get(String(p.id)) ?? null } };
    if (p.kind === "station") {
      const at = moved.get(String(p.id));
      return { ...feature, geometry: at ? { type: "Point", coordinates: [at.lon, at.lat] } : feature.geometry, properties: { ...p, selected: p.id === selected, edited: at !== undefined } };
    }
    if (p.kind === "standby") {
      const at = standbyMoved.get(String(p.id));
      return { ...feature, geometry: at ? { type: "Point", coordinates: [at.lon, at.lat] } : feature.geometry, properties: { ...p, selected: p.id === selectedStandby, edited: at !== undefined } };
    }
    return feature;
  });
  for (const point of standbyAdded) features.push({ type: "Feature", properties: { kind: "standby", id: point.id, name: point.name ?? point.id, selected: point.id === selectedStandby, edited: true }, geometry: { type: "Point", coordinates: [point.lon, point.lat] } });
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

function applyLayerToggles(): void {
  if (!map || !mapReady) return;
  const show = (id: string) => (($(id) as HTMLInputElement).checked ? "visible" : "none");
  for (const layer of ["roads", "ferries"]) map.setLayoutProperty(layer, "visibility", show("layer-roads"));
  $("map").dataset.roadsVisible = String(show("layer-roads") === "visible");
  map.setLayoutProperty("zones", "visibility", show("layer-zones"));
  map.setLayoutProperty("standby", "visibility", show("layer-standby"));
}

function renderLegend(): void {
  const legend = $("legend");
  legend.replaceChildren();
  const note = $("legend-note");
  note.textContent = "";
  if (!lastRun && !lastComparison) return;
  const ramp: RampName = lastComparison && lastComparison.result.variants[0]?.id === view?.id ? "diff" : (($("figure") as HTMLSelectElement).value as RampName);
  note.textContent = ramp === "diff" ? t("legendDiff") : t("legendRun");
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
  shiftEdits = new Map();
  editingShifts = undefined;
  vehicleIssues = new Map();
  standbyMoved = new Map();
  standbyAdded = [];
  selectedStandby = undefined;
  const base = view.scenario.policies.relocation;
  const used = base.name === "standby-points" ? (base.points ?? []) : [];
  relocation = {
    name: base.name,
    coverageSec: base.coverageSec ?? 300,
    maxTravelSec: base.maxTravelSec ?? 1800,
    points: [
      ...used.map((point) => ({ id: point.id, use: true, from: point.hours?.[0] ?? "", to: point.hours?.[1] ?? "" })),
      ...view.scenario.standbyPoints.filter((sp) => !used.some((point) => point.id === sp.id)).map((sp) => ({ id: sp.id, use: false, from: "", to: "" })),
    ],
  };
  selected = undefined;
  lastRun = undefined;
  $("results").hidden = true;
  const entry = entries.find((e) => e.id === id);
  $("scenario-info").textContent = `${entry?.path ?? ""}${entry?.parent ? ` ← ${entry.parent}` : ""}`;
  $("relocation-issues").textContent = "";
  showMapNote();
  void loadRoads(id);
  ($("cross-border") as HTMLSelectElement).value = view.scenario.policies.dispatch.crossBorder;
  ($("inter-amk") as HTMLInputElement).value = String(view.scenario.policies.dispatch.interAmkDelaySec);
  renderStations();
  renderStandby();
  renderRelocation();
  renderChanges();
  renderCompareList();
  drawMap(true);
}

function showMapNote(): void {
  const parts = [geo?.note ? geo.note : t("boundaryNote")];
  if (roads?.network) parts.push(`${t("roadsNote")} ${roads.network} (© Kartverket)`);
  else if (roads?.note) parts.push(roads.note);
  $("map-note").textContent = parts.join(" · ");
}

/** Roads are fetched after the rest of the map, so a slow first load of the network does not hold the page up. */
async function loadRoads(id: string): Promise<void> {
  try {
    const answer = await api<RoadCollection>(`/scenarios/${encodeURIComponent(id)}/roads`);
    if (view?.id !== id) return;
    roads = answer;
  } catch {
    roads = undefined;
  }
  showMapNote();
  $("map").dataset.roads = String(roads?.features.length ?? 0);
  if (map && mapReady) (map.getSource("roads") as GeoJSONSource).setData((roads ?? { type: "FeatureCollection", features: [] }) as never);
}

function allStations(): Station[] {
  if (!view) return [];
  return [...view.scenario.stations.map((s) => ({ ...s, ...(moved.get(s.id) ?? {}) })), ...added.map((s) => ({ id: s.id, name: s.name, lat: s.lat, lon: s.lon, owner: view!.scenario.stations[0]?.owner ?? "" }))];
}

/** A list item with a toggle button for a station or standby point (data-station / data-standby for tests). */
function placeButton(place: { id: string; name?: string | undefined }, kind: "station" | "standby", pressed: boolean, onSelect: () => void): HTMLLIElement {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = place.name ?? place.id;
  button.dataset[kind] = place.id;
  button.setAttribute("aria-pressed", String(pressed));
  button.addEventListener("click", onSelect);
  item.append(button);
  return item;
}

function renderStations(): void {
  const list = $("station-list");
  list.replaceChildren(...allStations().map((station) => placeButton(station, "station", station.id === selected, () => selectStation(station.id))));
  const detail = $("station-detail");
  const station = allStations().find((s) => s.id === selected);
  detail.hidden = !station;
  if (!station || !view) return;
  $("station-name").textContent = station.name ?? station.id;
  $("station-owner").textContent = `${t("owner")}: ${station.owner} · ${station.id}`;
  ($("station-lat") as HTMLInputElement).value = String(station.lat);
  ($("station-lon") as HTMLInputElement).value = String(station.lon);
  const groups: Group[] = [...view.vehicleGroups.filter((g) => g.station === station.id), ...added.filter((s) => s.id === station.id).map((s) => ({ id: `${s.id}-amb`, type: "ambulance", station: s.id, count: s.count, shifts: [] }))];
  const rows: HTMLTableRowElement[] = [];
  for (const group of groups) {
    const row = document.createElement("tr");
    const shifts = currentShifts(group);
    row.innerHTML = `<td>${escapeHtml(group.id)}</td><td>${escapeHtml(group.type)}</td><td></td><td></td>`;
    const shiftCell = row.children[2]!;
    const summary = document.createElement("span");
    summary.textContent = shiftSummary(shifts);
    summary.id = `shifts-${group.id}`;
    const edit = document.createElement("button");
    edit.type = "button";
    edit.className = "small secondary";
    edit.dataset.editShifts = group.id;
    edit.textContent = editingShifts === group.id ? t("closeShifts") : t("editShifts");
    edit.setAttribute("aria-expanded", String(editingShifts === group.id));
    edit.setAttribute("aria-describedby", summary.id);
    edit.addEventListener("click", () => {
      editingShifts = editingShifts === group.id ? undefined : group.id;
      renderStations();
      $(`shift-editor-${group.id}`)?.querySelector<HTMLElement>("select, input, button")?.focus();
    });
    shiftCell.append(summary, " ", edit);
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
    rows.push(row);
    const issues = vehicleIssues.get(group.id) ?? [];
    if (issues.length > 0) {
      const issueRow = document.createElement("tr");
      issueRow.className = "issue";
      issueRow.dataset.issuesFor = group.id;
      const cell = document.createElement("td");
      cell.colSpan = 4;
      cell.id = `issues-${group.id}`;
      cell.textContent = issues.map((issue) => (issue.shift === null ? issue.text : `${t("shiftNo")} ${issue.shift + 1}: ${issue.text}`)).join(" ");
      issueRow.append(cell);
      rows.push(issueRow);
    }
    if (editingShifts === group.id) rows.push(shiftEditorRow(group));
  }
  $("vehicle-rows").replaceChildren(...rows);
}

const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const dayNames = () => t("dayNames").split(",");

function currentShifts(group: Group): Shift[] {
  return shiftEdits.get(group.id) ?? group.shifts;
}

function daysText(days: Days): string {
  if (Array.isArray(days)) return days.map((day) => dayNames()[DAY_KEYS.indexOf(day as (typeof DAY_KEYS)[number])] ?? day).join(", ");
  return t(`days-${days}` as Key);
}

function shiftSummary(shifts: Shift[]): string {
  return shifts.length === 0 ? t("shiftAll") : shifts.map((shift) => `${daysText(shift.days ?? "all")} ${shift.start}–${shift.end}`).join("; ");
}

/** The shift editor of one vehicle record: days, start and end per shift, add and remove, or none (around the clock). */
function shiftEditorRow(group: Group): HTMLTableRowElement {
  const row = document.createElement("tr");
  const cell = document.createElement("td");
  cell.colSpan = 4;
  row.append(cell);
  const box = document.createElement("fieldset");
  box.className = "shift-editor";
  box.id = `shift-editor-${group.id}`;
  const legend = document.createElement("legend");
  legend.textContent = `${t("shiftsFor")} ${group.id}`;
  box.append(legend);
  const shifts = currentShifts(group).map((shift) => ({ ...shift, days: Array.isArray(shift.days) ? [...shift.days] : (shift.days ?? "all") }));
  const commit = (rerender = false) => {
    shiftEdits.set(group.id, shifts.map((shift) => ({ ...shift })));
    const hadIssues = vehicleIssues.delete(group.id);
    $(`shifts-${group.id}`).textContent = shiftSummary(shifts);
    renderChanges();
    if (rerender || hadIssues) renderStations();
  };
  const issues = vehicleIssues.get(group.id) ?? [];
  shifts.forEach((shift, j) => {
    const line = document.createElement("div");
    line.className = "shift-line";
    line.dataset.shift = String(j);
    const label = `${t("shiftNo")} ${j + 1}, ${group.id}`;
    const days = document.createElement("select");
    days.setAttribute("aria-label", `${t("days")}, ${label}`);
    days.dataset.field = "days";
    for (const option of ["all", "weekdays", "weekend", "list"]) days.append(new Option(t(`days-${option}` as Key), option));
    days.value = Array.isArray(shift.days) ? "list" : shift.days;
    days.addEventListener("change", () => {
      shift.days = days.value === "list" ? ["mon"] : (days.value as Days);
      commit(true);
    });
    line.append(days);
    if (Array.isArray(shift.days)) {
      const chosen = document.createElement("span");
      chosen.className = "days";
      DAY_KEYS.forEach((day, d) => {
        const dayLabel = document.createElement("label");
        const check = document.createElement("input");
        check.type = "checkbox";
        check.value = day;
        check.checked = (shift.days as string[]).includes(day);
        check.addEventListener("change", () => {
          const list = DAY_KEYS.filter((key) => (key === day ? check.checked : (shift.days as string[]).includes(key)));
          shift.days = list.length > 0 ? [...list] : ["mon"];
          commit(list.length === 0);
        });
        dayLabel.append(check, ` ${dayNames()[d]}`);
        chosen.append(dayLabel);
      });
      line.append(chosen);
    }
    const lineIssues = issues.filter((issue) => issue.shift === j);
    for (const [field, text] of [["start", t("start")], ["end", t("end")]] as const) {
      const input = document.createElement("input");
      input.className = "time";
      input.dataset.field = field;
      input.inputMode = "numeric";
      input.pattern = field === "start" ? "([01][0-9]|2[0-3]):[0-5][0-9]" : "([01][0-9]|2[0-3]):[0-5][0-9]|24:00";
      input.placeholder = "TT:MM";
      input.value = shift[field];
      input.setAttribute("aria-label", `${text}, ${label}`);
      if (lineIssues.length > 0) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", `shift-issue-${group.id}-${j}`);
      }
      input.addEventListener("change", () => {
        shift[field] = input.value.trim();
        commit();
      });
      const wrap = document.createElement("label");
      wrap.append(`${text} `, input);
      line.append(wrap);
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "small secondary";
    remove.textContent = t("removeShift");
    remove.setAttribute("aria-label", `${t("removeShift")} ${label}`);
    remove.addEventListener("click", () => {
      shifts.splice(j, 1);
      commit(true);
    });
    line.append(remove);
    if (lineIssues.length > 0) {
      const message = document.createElement("p");
      message.className = "field-error";
      message.id = `shift-issue-${group.id}-${j}`;
      message.textContent = lineIssues.map((issue) => issue.text).join(" ");
      line.append(message);
    }
    box.append(line);
  });
  if (shifts.length === 0) {
    const none = document.createElement("p");
    none.className = "muted";
    none.textContent = t("shiftAll");
    box.append(none);
  }
  const addShift = document.createElement("button");
  addShift.type = "button";
  addShift.className = "small";
  addShift.dataset.addShift = group.id;
  addShift.textContent = t("addShift");
  addShift.addEventListener("click", () => {
    shifts.push({ days: "all", start: "07:00", end: "19:00" });
    commit(true);
  });
  const allDay = document.createElement("button");
  allDay.type = "button";
  allDay.className = "small secondary";
  allDay.textContent = t("allDay");
  allDay.addEventListener("click", () => {
    shifts.splice(0);
    commit(true);
  });
  box.append(addShift, " ", allDay);
  cell.append(box);
  return row;
}

/** The scenario loader's message in the page's language where it is one we know. */
function translateIssue(message: string): string {
  if (/empty shift/.test(message)) return t("errEmptyShift");
  const overlap = /shift overlaps shifts\[(\d+)\]/.exec(message);
  if (overlap) return `${t("errOverlap")} ${Number(overlap[1]) + 1}${t("errOverlapTail")}`;
  if (/overlaps itself/.test(message)) return t("errOverlapSelf");
  if (/HH:MM/.test(message)) return t("errClock");
  return message;
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

// ───────────── standby points and relocation ─────────────
function allStandby(): StandbyPoint[] {
  if (!view) return [];
  return [...view.scenario.standbyPoints.map((point) => ({ ...point, ...(standbyMoved.get(point.id) ?? {}) })), ...standbyAdded];
}

function renderStandby(): void {
  const points = allStandby();
  $("standby-empty").hidden = points.length > 0;
  $("standby-list").replaceChildren(...points.map((point) => placeButton(point, "standby", point.id === selectedStandby, () => selectStandby(point.id))));
  const point = points.find((candidate) => candidate.id === selectedStandby);
  $("standby-detail").hidden = !point;
  if (!point) return;
  $("standby-name").textContent = `${point.name ?? point.id} (${point.id})`;
  ($("standby-lat") as HTMLInputElement).value = String(point.lat);
  ($("standby-lon") as HTMLInputElement).value = String(point.lon);
}

function selectStandby(id: string): void {
  selectedStandby = id;
  renderStandby();
  drawMap();
}

function moveStandby(id: string, lat: number, lon: number, rerender = true): void {
  const added = standbyAdded.find((point) => point.id === id);
  if (added) Object.assign(added, { lat, lon });
  else standbyMoved.set(id, { lat, lon });
  drawMap();
  if (rerender) {
    renderStandby();
    renderChanges();
  }
}

function renderRelocation(): void {
  ($("relocation") as HTMLSelectElement).value = relocation.name;
  $("relocation-params").hidden = relocation.name !== "standby-points";
  ($("coverage-sec") as HTMLInputElement).value = String(relocation.coverageSec);
  ($("max-travel-sec") as HTMLInputElement).value = String(relocation.maxTravelSec);
  const names = new Map(allStandby().map((point) => [point.id, point.name ?? point.id]));
  $("relocation-points").replaceChildren(
    ...relocation.points.map((point, k) => {
      const item = document.createElement("li");
      item.dataset.point = point.id;
      const name = names.get(point.id) ?? point.id;
      const use = document.createElement("input");
      use.type = "checkbox";
      use.checked = point.use;
      use.id = `use-point-${point.id}`;
      use.addEventListener("change", () => {
        point.use = use.checked;
        renderChanges();
      });
      const useLabel = document.createElement("label");
      useLabel.htmlFor = use.id;
      useLabel.textContent = ` ${name} `;
      item.append(use, useLabel);
      for (const [direction, text, symbol] of [[-1, t("moveUp"), "↑"], [1, t("moveDown"), "↓"]] as const) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "small secondary";
        button.textContent = symbol;
        button.setAttribute("aria-label", `${text}: ${name}`);
        button.disabled = k + direction < 0 || k + direction >= relocation.points.length;
        button.addEventListener("click", () => {
          const [moved] = relocation.points.splice(k, 1);
          relocation.points.splice(k + direction, 0, moved!);
          renderRelocation();
          renderChanges();
          $("relocation-points").querySelector<HTMLButtonElement>(`li[data-point="${CSS.escape(point.id)}"] button[aria-label^="${direction < 0 ? t("moveUp") : t("moveDown")}"]`)?.focus();
        });
        item.append(" ", button);
      }
      for (const [field, text] of [["from", t("activeFrom")], ["to", t("activeTo")]] as const) {
        const input = document.createElement("input");
        input.className = "time";
        input.placeholder = "TT:MM";
        input.pattern = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00";
        input.value = point[field];
        input.setAttribute("aria-label", `${text}, ${name}`);
        input.addEventListener("change", () => {
          point[field] = input.value.trim();
          renderChanges();
        });
        item.append(` ${text} `, input);
      }
      return item;
    }),
  );
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
    const shifts = shiftEdits.get(group.id);
    const shiftsChanged = shifts !== undefined && JSON.stringify(shifts) !== JSON.stringify(group.shifts);
    if (count === 0) vehicles.push({ id: group.id, remove: true });
    else if (count !== group.count || shiftsChanged) vehicles.push({ id: group.id, ...(count !== group.count ? { count } : {}), ...(shiftsChanged ? { shifts } : {}) });
  }
  for (const station of added) {
    const shifts = shiftEdits.get(`${station.id}-amb`) ?? [];
    if (station.count > 0) vehicles.push({ id: `${station.id}-amb`, type: "ambulance", station: station.id, count: station.count, ...(shifts.length > 0 ? { shifts } : {}) });
  }
  if (vehicles.length > 0) result.vehicles = vehicles;
  const crossBorder = ($("cross-border") as HTMLSelectElement).value;
  const delay = Number(($("inter-amk") as HTMLInputElement).value);
  const dispatch: Record<string, unknown> = {};
  if (crossBorder !== view.scenario.policies.dispatch.crossBorder) dispatch.crossBorder = crossBorder;
  if (delay !== view.scenario.policies.dispatch.interAmkDelaySec) dispatch.interAmkDelaySec = delay;
  const standby = [...[...standbyMoved].map(([id, at]) => ({ id, lat: at.lat, lon: at.lon })), ...standbyAdded.map((point) => ({ id: point.id, name: point.name, lat: point.lat, lon: point.lon, owner: point.owner }))];
  if (standby.length > 0) result.standbyPoints = standby;
  const policies: Record<string, unknown> = {};
  if (Object.keys(dispatch).length > 0) policies.dispatch = dispatch;
  const current = currentRelocation();
  if (JSON.stringify(current) !== JSON.stringify(normaliseRelocation(view.scenario.policies.relocation))) policies.relocation = { replace: true, ...current };
  if (Object.keys(policies).length > 0) result.policies = policies;
  return result;
}

function normaliseRelocation(value: Relocation): Relocation {
  if (value.name === "return-home") return { name: "return-home" };
  return { name: "standby-points", points: (value.points ?? []).map((point) => (point.hours ? { id: point.id, hours: point.hours } : { id: point.id })), coverageSec: value.coverageSec ?? 300, maxTravelSec: value.maxTravelSec ?? 1800 };
}

/** The relocation policy as the form has it (`replace: true` in the overlay: a policy is swapped as a whole). */
function currentRelocation(): Relocation {
  if (relocation.name === "return-home") return { name: "return-home" };
  const points = relocation.points.filter((point) => point.use).map((point) => (point.from && point.to ? { id: point.id, hours: [point.from, point.to] as [string, string] } : { id: point.id }));
  return { name: "standby-points", points, coverageSec: relocation.coverageSec, maxTravelSec: relocation.maxTravelSec };
}

function renderChanges(): void {
  const o = overlay();
  const parts: string[] = [];
  for (const [id] of moved) parts.push(`${id} ${t("moved")}`);
  for (const s of added) parts.push(`${s.name} (${t("added")})`);
  for (const v of (o.vehicles as Array<{ id: string; count?: number; remove?: boolean; type?: string }> | undefined) ?? []) if (!v.type) parts.push(`${v.id}: ${t("fleet")} ${v.remove ? 0 : v.count}`);
  for (const v of (o.vehicles as Array<{ id: string; shifts?: Shift[]; type?: string }> | undefined) ?? []) if (!v.type && v.shifts) parts.push(`${v.id}: ${t("shiftsChanged")} ${shiftSummary(v.shifts)}`);
  for (const [id] of standbyMoved) parts.push(`${id} ${t("moved")}`);
  for (const point of standbyAdded) parts.push(`${point.name ?? point.id} (${t("added")})`);
  const dispatch = (o.policies as { dispatch?: Record<string, unknown> } | undefined)?.dispatch;
  if (dispatch) parts.push(Object.entries(dispatch).map(([k, v]) => `${k} = ${String(v)}`).join(", "));
  const changedRelocation = (o.policies as { relocation?: Relocation } | undefined)?.relocation;
  if (changedRelocation) parts.push(`${t("relocationChanged")}: ${changedRelocation.name}${changedRelocation.points ? ` (${changedRelocation.points.map((point) => point.id).join(" → ")})` : ""}`);
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
  renderUtilisation();
  drawMap();
}

const fmtCount = (e: Estimate | undefined, digits = 0) => (e?.mean == null ? "–" : `${num(e.mean, digits)}${e.ciLow != null && e.ciHigh != null ? ` [${num(e.ciLow, digits)}–${num(e.ciHigh, digits)}]` : ""}`);

/** Vehicle utilisation by owner and per vehicle, and the AMK figures, each with its 95 % CI. */
function renderUtilisation(): void {
  const target = $("util-tables");
  target.setAttribute("aria-label", t("utilisation"));
  target.removeAttribute("aria-labelledby");
  const report = lastRun?.report;
  if (!report?.vehicles || !view) {
    target.replaceChildren();
    return;
  }
  const owners = report.vehicles.byOrganisation
    .map((o) => `<tr><td>${escapeHtml(o.organisationName)}</td><td class="num">${o.vehicles}</td><td class="num">${fmtShare(o.figures.utilisation)}</td><td class="num">${fmtCount(o.figures.missions)}</td></tr>`)
    .join("");
  const vehicles = report.vehicles.byVehicle
    .map((v) => `<tr><td>${escapeHtml(v.vehicleId)}</td><td>${escapeHtml(v.vehicleType)}</td><td>${escapeHtml(v.station)}</td><td class="num">${fmtShare(v.figures.utilisation)}</td><td class="num">${fmtCount(v.figures.missions)}</td></tr>`)
    .join("");
  const amkRow = (name: string, f: AmkFigures) => `<tr><td>${escapeHtml(name)}</td><td class="num">${fmtCount(f.calls)}</td><td class="num">${fmtShare(f.shareAnsweredWithin10s)}</td><td class="num">${fmtCount(f.lostCalls, 1)}</td><td class="num">${fmtShare(f.operatorUtilisation)}</td></tr>`;
  const amk = report.amk ? [...report.amk.byAmk.map((a) => amkRow(a.amkName, a.figures)), ...(report.amk.byAmk.length > 1 ? [amkRow(t("total"), report.amk.total)] : [])].join("") : "";
  target.innerHTML = `<table id="util-owner-table"><caption>${t("utilByOwner")}</caption><thead><tr><th>${t("organisation")}</th><th>${t("vehicles")}</th><th>${t("utilisation")}</th><th>${t("missions")}</th></tr></thead><tbody>${owners}</tbody></table>
    <details id="util-vehicles" open><summary>${t("utilByVehicle")}</summary><table id="util-vehicle-table"><caption class="visually-hidden">${t("utilByVehicle")}</caption><thead><tr><th>${t("vehicle")}</th><th>${t("type")}</th><th>${t("station")}</th><th>${t("utilisation")}</th><th>${t("missions")}</th></tr></thead><tbody>${vehicles}</tbody></table></details>
    ${amk ? `<table id="amk-table"><caption>${t("amkTable")}</caption><thead><tr><th>${t("amk")}</th><th>${t("calls")}</th><th>${t("answered10")}</th><th>${t("lostCalls")}</th><th>${t("operatorUtil")}</th></tr></thead><tbody>${amk}</tbody></table>` : ""}`;
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
    renderStandby();
    renderRelocation();
    showMapNote();
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
  for (const id of ["layer-roads", "layer-zones", "layer-standby"]) $(id).addEventListener("change", applyLayerToggles);
  $("standby-move-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (selectedStandby) moveStandby(selectedStandby, Number(($("standby-lat") as HTMLInputElement).value), Number(($("standby-lon") as HTMLInputElement).value));
  });
  $("add-standby-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (!view) return;
    const name = ($("standby-new-name") as HTMLInputElement).value.trim();
    const base = `sb-${name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "new"}`;
    const taken = new Set([...allStations().map((s) => s.id), ...allStandby().map((p) => p.id)]);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    standbyAdded.push({ id, name, lat: Number(($("standby-new-lat") as HTMLInputElement).value), lon: Number(($("standby-new-lon") as HTMLInputElement).value), owner: view.scenario.stations[0]?.owner ?? "" });
    relocation.points.push({ id, use: relocation.name === "standby-points", from: "", to: "" });
    selectStandby(id);
    renderRelocation();
    renderChanges();
  });
  $("relocation").addEventListener("change", () => {
    relocation.name = ($("relocation") as HTMLSelectElement).value as Relocation["name"];
    if (relocation.name === "standby-points" && !relocation.points.some((point) => point.use)) relocation.points.forEach((point) => (point.use = true));
    $("relocation-issues").textContent = "";
    renderRelocation();
    renderChanges();
  });
  for (const [id, field] of [["coverage-sec", "coverageSec"], ["max-travel-sec", "maxTravelSec"]] as const) {
    $(id).addEventListener("change", () => {
      relocation[field] = Number(($(id) as HTMLInputElement).value);
      renderChanges();
    });
  }
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
    const issues = (error as Error & { issues?: Issue[] }).issues ?? [];
    status.className = "error";
    status.textContent = `${t("invalid")} ${issues.map((i) => `${i.record ? `${i.record.id}: ` : i.field ? `${i.field}: ` : ""}${translateIssue(i.message)}${i.line ? ` (${i.line})` : ""}`).join("; ") || (error as Error).message}`;
    showIssues(issues);
  }
}

/** Puts the loader's issues next to the vehicle (and shift) or the relocation form they belong to. */
function showIssues(issues: Issue[]): void {
  vehicleIssues = new Map();
  for (const issue of issues) {
    if (issue.record?.list !== "vehicles") continue;
    const shift = /\.shifts\[(\d+)\]/.exec(issue.field ?? "");
    const list = vehicleIssues.get(issue.record.id) ?? [];
    list.push({ shift: shift ? Number(shift[1]) : null, text: translateIssue(issue.message) });
    vehicleIssues.set(issue.record.id, list);
  }
  const relocationIssues = issues.filter((issue) => issue.field?.startsWith("policies.relocation"));
  $("relocation-issues").textContent = relocationIssues.map((issue) => `${issue.field}: ${translateIssue(issue.message)}`).join(" ");
  const first = [...vehicleIssues.keys()][0];
  const group = view?.vehicleGroups.find((g) => g.id === first) ?? (first ? { station: added.find((s) => `${s.id}-amb` === first)?.id } : undefined);
  if (first && group?.station) {
    editingShifts = first;
    selectStation(group.station);
  } else renderStations();
}

void start().catch((error: unknown) => {
  document.body.insertAdjacentHTML("afterbegin", `<p class="error" role="alert">${escapeHtml(String((error as Error).message ?? error))}</p>`);
});
