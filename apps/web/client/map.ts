/**
 * The map: MapLibre GL on a blank style with our own layers only (no tile server).
 *
 * Sources are split by how often they change, so that dragging stays cheap: `basemap` (sea, lakes,
 * built-up areas), `areas` and `zones` are set when a scenario opens or results arrive; `points`
 * (hospitals, stations, standby points, a few dozen features) when an edit is committed. While a station
 * or standby point is dragged, only an HTML marker moves; no source is rebuilt until it is dropped.
 */
import maplibregl, { type GeoJSONSource, type Map as MapLibreMap, type MapLayerMouseEvent, type MapLayerTouchEvent, type Marker, type Popup } from "maplibre-gl";
import { $, el, input } from "./dom.js";
import { num, t } from "./i18n.js";
import { S, allStandby, allStations } from "./state.js";
import type { BasemapCollection, Collection, Feature, LatLon, RoadCollection } from "./types.js";

export type PlaceKind = "station" | "standby";
export interface MapHandlers {
  select(kind: PlaceKind, id: string): void;
  /** A dragged station or standby point was dropped at `at`; the handler commits or refuses the move. */
  dropped(kind: PlaceKind, id: string, at: LatLon): Promise<void>;
}

const EMPTY: Collection = { type: "FeatureCollection", features: [] };
export const COLOURS = {
  land: "#f5f2ea",
  blank: "#f3f6f8",
  water: "#b3d3ea",
  builtup: "#e2dbcf",
  station: "#003b5c",
  edited: "#ff8c00",
  standby: "#7b3294",
  hospital: "#a4000f",
  zone: "#e6e6e6",
  majorRoad: "#6b4f1d",
  road: "#8a8a8a",
  ferry: "#2471a3",
  optimised: "#1a9850",
} as const;
/** Drive-time classes: up to 8, 12 and 25 minutes, longer, and no route. */
export const DRIVE_CLASSES: Array<{ upToSec: number | null; colour: string }> = [
  { upToSec: 480, colour: "#1a7a3a" },
  { upToSec: 720, colour: "#7fc97f" },
  { upToSec: 1500, colour: "#fdd868" },
  { upToSec: Infinity, colour: "#e3643f" },
  { upToSec: null, colour: "#9e9e9e" },
];

const AREA_NONE = COLOURS.zone;
export const ramps = {
  median: { stops: [[360, "#1a9850"], [540, "#91cf60"], [720, "#fee08b"], [900, "#fc8d59"], [1200, "#d73027"]] as Array<[number, string]>, format: (v: number) => `${num(v / 60)} ${t("min")}` },
  share: { stops: [[0.5, "#d73027"], [0.7, "#fc8d59"], [0.8, "#fee08b"], [0.9, "#91cf60"], [0.97, "#1a9850"]] as Array<[number, string]>, format: (v: number) => `${num(v * 100, 0)} %` },
  diff: { stops: [[-120, "#2166ac"], [-30, "#92c5de"], [0, "#f7f7f7"], [30, "#f4a582"], [120, "#b2182b"]] as Array<[number, string]>, format: (v: number) => `${v > 0 ? "+" : ""}${num(v / 60)} ${t("min")}` },
};
export type RampName = keyof typeof ramps;
/** Zones with fewer pooled red incidents than this are left grey on the map. */
const ZONE_MIN_INCIDENTS = 10;

let map: MapLibreMap | undefined;
let ready = false;
let handlers: MapHandlers | undefined;
const popups = new Set<Popup>();
let labels: Marker[] = [];
let basemap: BasemapCollection | undefined;
let roads: RoadCollection | undefined;
let driveZones: Map<string, number | null> | undefined;
let fitPending = false;

/** Test hook and measurement: time from each drag move's input event to the next frame, in ms. */
export const perf = { dragMoves: [] as number[] };

const colourExpression = (ramp: RampName): unknown => ["case", ["==", ["typeof", ["get", "value"]], "number"], ["interpolate", ["linear"], ["get", "value"], ...ramps[ramp].stops.flat()], AREA_NONE];
const driveExpression = (): unknown => {
  const dt = ["coalesce", ["feature-state", "dt"], -1];
  const cases: unknown[] = ["case", ["<", dt, 0], DRIVE_CLASSES[4]!.colour];
  for (const c of DRIVE_CLASSES.slice(0, 3)) cases.push(["<=", dt, c.upToSec], c.colour);
  cases.push(DRIVE_CLASSES[3]!.colour);
  return cases;
};
const placeFilter = (kind: PlaceKind, except?: string): unknown => (except === undefined ? ["==", ["get", "kind"], kind] : ["all", ["==", ["get", "kind"], kind], ["!=", ["get", "id"], except]]);

export function initMap(on: MapHandlers): void {
  handlers = on;
  try {
    map = new maplibregl.Map({
      container: "map",
      style: { version: 8, sources: {}, layers: [{ id: "background", type: "background", paint: { "background-color": COLOURS.blank } }] },
      center: [10.4, 59.8],
      zoom: 8,
      attributionControl: false,
    });
  } catch {
    $("map-note").textContent = t("mapUnavailable");
    return;
  }
  (window as unknown as { akutt?: unknown }).akutt = { map, perf };
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  map.on("load", () => {
    const m = map!;
    m.addSource("basemap", { type: "geojson", data: EMPTY as never });
    m.addSource("areas", { type: "geojson", data: EMPTY as never });
    m.addSource("zones", { type: "geojson", data: EMPTY as never, promoteId: "id" });
    m.addSource("points", { type: "geojson", data: EMPTY as never });
    m.addSource("roads", { type: "geojson", data: (roads ?? EMPTY) as never });
    m.addLayer({ id: "basemap-builtup", type: "fill", source: "basemap", filter: ["==", ["get", "kind"], "builtup"], paint: { "fill-color": COLOURS.builtup } });
    m.addLayer({ id: "areas", type: "fill", source: "areas", paint: { "fill-color": colourExpression("median") as never, "fill-opacity": 0 } });
    m.addLayer({ id: "basemap-water", type: "fill", source: "basemap", filter: ["in", ["get", "kind"], ["literal", ["sea", "lake"]]], paint: { "fill-color": COLOURS.water } });
    m.addLayer({ id: "area-lines", type: "line", source: "areas", paint: { "line-color": "#555", "line-width": 1 } });
    const major = ["in", ["get", "roadClass"], ["literal", ["E", "E-motorveg", "R-motorveg", "E-motortrafikkveg", "R-motortrafikkveg"]]];
    m.addLayer({ id: "roads", type: "line", source: "roads", filter: ["!", ["get", "ferry"]], layout: { "line-cap": "round", "line-join": "round" }, paint: { "line-color": ["case", major, COLOURS.majorRoad, COLOURS.road] as never, "line-width": ["case", major, 2.2, ["==", ["get", "roadClass"], "R"], 1.6, ["==", ["get", "roadClass"], "F"], 1.1, 0.8] as never } });
    m.addLayer({ id: "ferries", type: "line", source: "roads", filter: ["get", "ferry"], paint: { "line-color": COLOURS.ferry, "line-width": 1.4, "line-dasharray": [2, 2] } });
    // Drive-time classes on the zones, as discs that grow with the zoom to cover roughly a zone's cell.
    m.addLayer({ id: "drivetime", type: "circle", source: "zones", layout: { visibility: "none" }, paint: { "circle-radius": ["interpolate", ["exponential", 2], ["zoom"], 8, 1.6, 16, 400] as never, "circle-color": driveExpression() as never, "circle-opacity": 0.75 } });
    m.addLayer({ id: "zones", type: "circle", source: "zones", paint: { "circle-radius": 4, "circle-color": colourExpression("median") as never, "circle-stroke-color": "#333", "circle-stroke-width": 0.6 } });
    m.addLayer({ id: "hospitals", type: "circle", source: "points", filter: ["==", ["get", "kind"], "hospital"], paint: { "circle-radius": 6, "circle-color": "#ffffff", "circle-stroke-color": COLOURS.hospital, "circle-stroke-width": 3 } });
    m.addLayer({ id: "standby", type: "circle", source: "points", filter: placeFilter("standby") as never, paint: { "circle-radius": ["case", ["boolean", ["get", "selected"], false], 8, 6], "circle-color": COLOURS.standby, "circle-stroke-color": ["case", ["boolean", ["get", "edited"], false], COLOURS.edited, "#fff"], "circle-stroke-width": ["case", ["boolean", ["get", "edited"], false], 3, 1.5] } });
    m.addSource("optimised", { type: "geojson", data: optimisedData() as never });
    m.addLayer({ id: "optimised", type: "circle", source: "optimised", paint: { "circle-radius": ["+", 9, ["*", 3, ["get", "vehicles"]]] as never, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": COLOURS.optimised, "circle-stroke-width": 3 } });
    m.addLayer({ id: "stations", type: "circle", source: "points", filter: placeFilter("station") as never, paint: { "circle-radius": ["case", ["boolean", ["get", "selected"], false], 10, 8], "circle-color": ["case", ["boolean", ["get", "edited"], false], COLOURS.edited, COLOURS.station], "circle-stroke-color": "#fff", "circle-stroke-width": 2 } });
    m.once("idle", () => ($("map").dataset.drawn = "true"));
    for (const layer of ["stations", "hospitals", "standby"]) {
      m.on("mouseenter", layer, () => (m.getCanvas().style.cursor = "pointer"));
      m.on("mouseleave", layer, () => (m.getCanvas().style.cursor = ""));
    }
    m.on("click", "stations", (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") handlers?.select("station", id);
    });
    m.on("click", "standby", (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") handlers?.select("standby", id);
    });
    m.on("click", (event) => {
      const feature = m.queryRenderedFeatures(event.point, { layers: ["hospitals", "zones", "drivetime"].filter((id) => m.getLayoutProperty(id, "visibility") !== "none") })[0];
      if (!feature) return;
      const p = feature.properties as Record<string, unknown>;
      if (p.kind === "hospital") return openPopup(event.lngLat, `${t("hospital")}: ${String(p.name ?? p.id)}`);
      const seconds = driveZones?.get(String(p.id));
      const drive = driveZones ? ` · ${seconds == null ? t("noRoute") : `${num(seconds / 60)} ${t("min")}`}` : "";
      openPopup(event.lngLat, `${t("zone")}: ${String(p.id)}${drive}`);
    });
    installDragging(m);
    ready = true;
    applyLayerToggles();
    refreshAll();
  });
}

/** Dragging: mousedown or touchstart on a station or standby point starts it; only a marker follows the pointer. */
function installDragging(m: MapLibreMap): void {
  let drag: { kind: PlaceKind; id: string; marker: Marker; at: LatLon } | undefined;
  const start = (kind: PlaceKind) => (event: MapLayerMouseEvent | MapLayerTouchEvent) => {
    const id = event.features?.[0]?.properties?.id;
    if (typeof id !== "string" || drag) return;
    if ("points" in event && event.points.length !== 1) return;
    event.preventDefault();
    const element = el("div", { className: `drag-marker ${kind}`, "aria-hidden": "true" });
    const marker = new maplibregl.Marker({ element }).setLngLat(event.lngLat).addTo(m);
    drag = { kind, id, marker, at: { lat: event.lngLat.lat, lon: event.lngLat.lng } };
    m.setFilter(kind === "station" ? "stations" : "standby", placeFilter(kind, id) as never);
    m.getCanvas().style.cursor = "grabbing";
  };
  const move = (event: MapLayerMouseEvent | MapLayerTouchEvent | maplibregl.MapMouseEvent | maplibregl.MapTouchEvent) => {
    if (!drag) return;
    drag.at = { lat: event.lngLat.lat, lon: event.lngLat.lng };
    drag.marker.setLngLat(event.lngLat);
    const began = event.originalEvent.timeStamp;
    requestAnimationFrame(() => perf.dragMoves.push(performance.now() - began));
  };
  const end = () => {
    if (!drag) return;
    const { kind, id, marker, at } = drag;
    drag = undefined;
    m.getCanvas().style.cursor = "";
    const finish = () => {
      marker.remove();
      m.setFilter(kind === "station" ? "stations" : "standby", placeFilter(kind) as never);
    };
    void (handlers?.dropped(kind, id, at) ?? Promise.resolve()).finally(finish);
  };
  for (const [layer, kind] of [["stations", "station"], ["standby", "standby"]] as const) {
    m.on("mousedown", layer, start(kind));
    m.on("touchstart", layer, start(kind));
  }
  m.on("mousemove", move);
  m.on("touchmove", move);
  m.on("mouseup", end);
  m.on("touchend", end);
  window.addEventListener("mouseup", end);
}

export function openPopup(at: maplibregl.LngLatLike, text: string): void {
  if (!map) return;
  const popup = new maplibregl.Popup({ closeButton: true, focusAfterOpen: false }).setLngLat(at).setText(text).addTo(map);
  popup.getElement()?.querySelector(".maplibregl-popup-close-button")?.setAttribute("aria-label", t("closePopup"));
  popups.add(popup);
  popup.on("close", () => popups.delete(popup));
}

/** Closes every open popup; true when there was one. */
export function closePopups(): boolean {
  const any = popups.size > 0;
  for (const popup of [...popups]) popup.remove();
  return any;
}

// ───────────── data ─────────────

/** A scenario was opened: its areas, zones and hospitals, and fit the view to it. */
export function setScenarioLayers(): void {
  closePopups();
  driveZones = undefined;
  fitPending = true;
  refreshAll();
}

function refreshAll(): void {
  drawResults();
  drawPoints();
  setBasemap(basemap);
  showDriveTimes(driveZones);
  if (fitPending) fit();
}

function fit(): void {
  if (!map || !ready || !S.geo) return;
  fitPending = false;
  const points = S.geo.features.filter((f) => f.geometry.type === "Point").map((f) => f.geometry.coordinates as [number, number]);
  const first = points[0];
  if (!first) return;
  const bounds = points.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(first, first));
  map.fitBounds(bounds, { padding: 40, duration: 0 });
}

const featuresOf = (kind: string): Feature[] => (S.geo?.features ?? []).filter((f) => f.properties.kind === kind);

/** Hospitals, stations and standby points with the planner's edits: a few dozen features. */
export function drawPoints(): void {
  if (!map || !ready) return;
  const e = S.edits;
  const features: Feature[] = featuresOf("hospital");
  for (const station of allStations()) {
    const edited = e.moved.has(station.id) || e.addedStations.some((s) => s.id === station.id);
    features.push({ type: "Feature", properties: { kind: "station", id: station.id, name: station.name ?? station.id, selected: station.id === S.selected, edited }, geometry: { type: "Point", coordinates: [station.lon, station.lat] } });
  }
  for (const point of allStandby()) {
    const edited = e.standbyMoved.has(point.id) || e.standbyAdded.some((p) => p.id === point.id);
    features.push({ type: "Feature", properties: { kind: "standby", id: point.id, name: point.name ?? point.id, selected: point.id === S.selectedStandby, edited }, geometry: { type: "Point", coordinates: [point.lon, point.lat] } });
  }
  (map.getSource("points") as GeoJSONSource).setData({ type: "FeatureCollection", features } as never);
}

/** The ramp the map uses now: a comparison's difference when its baseline is on screen, else the chosen figure. */
export function currentRamp(): RampName {
  const comparison = S.lastComparison;
  if (comparison && comparison.result.variants[0]?.id === S.view?.id) return "diff";
  return ($("figure") as HTMLSelectElement).value as RampName;
}

/** Areas and zones coloured by the latest run or comparison of the scenario on screen. */
export function drawResults(): void {
  renderResultLegend();
  if (!map || !ready) return;
  const figure = ($("figure") as HTMLSelectElement).value as "median" | "share";
  const ramp = currentRamp();
  const areaValue = new Map<string, number | null>();
  const zoneValue = new Map<string, number | null>();
  const comparison = S.lastComparison;
  const run = S.lastRun?.scenarioId === S.view?.id ? S.lastRun?.result : undefined;
  if (ramp === "diff" && comparison) {
    const alternative = comparison.result.variants.find((variant) => !variant.baseline)?.id;
    for (const row of comparison.result.areas) if (row.urgency === "red") areaValue.set(row.areaCode, row.differences.find((d) => d.variantId === alternative)?.differences.responseMedianSec?.mean ?? null);
  } else if (run) {
    for (const row of run.report.responseTimes.byArea) if (row.urgency === "red") areaValue.set(row.areaCode, (figure === "median" ? row.figures.responseMedianSec : row.figures.shareWithinTarget)?.mean ?? null);
    // Pooled over replications, no CI: only zones with enough red incidents get a colour.
    for (const zone of run.extras?.zones ?? []) zoneValue.set(zone.zoneId, zone.reached < ZONE_MIN_INCIDENTS ? null : figure === "median" ? zone.redMedianSec : zone.redShareWithin12Min);
  }
  const coloured = areaValue.size > 0;
  map.setPaintProperty("areas", "fill-color", colourExpression(ramp) as never);
  map.setPaintProperty("areas", "fill-opacity", coloured ? 0.6 : 0);
  map.setPaintProperty("zones", "circle-color", colourExpression(ramp === "diff" ? "median" : ramp) as never);
  const areas = featuresOf("area").map((f) => ({ ...f, properties: { ...f.properties, value: areaValue.get(String(f.properties.areaCode)) ?? null } }));
  const zones = featuresOf("zone").map((f) => ({ ...f, properties: { ...f.properties, value: zoneValue.get(String(f.properties.id)) ?? null } }));
  (map.getSource("areas") as GeoJSONSource).setData({ type: "FeatureCollection", features: areas } as never);
  (map.getSource("zones") as GeoJSONSource).setData({ type: "FeatureCollection", features: zones } as never);
  $("map").dataset.coloured = String(coloured);
  if (driveZones) map.once("idle", () => showDriveTimes(driveZones));
}

function renderResultLegend(): void {
  const legend = $("legend");
  legend.replaceChildren();
  const note = $("legend-note");
  note.textContent = "";
  if (!S.lastRun && !S.lastComparison) return;
  const ramp = currentRamp();
  note.textContent = ramp === "diff" ? t("legendDiff") : t("legendRun");
  for (const [value, colour] of ramps[ramp].stops) legend.append(swatch(colour, ramps[ramp].format(value)));
  legend.append(swatch(AREA_NONE, t("noData")));
}

function swatch(colour: string, text: string): HTMLSpanElement {
  const item = el("span", { text });
  item.style.setProperty("--swatch", colour);
  return item;
}

export function setRoads(next: RoadCollection | undefined): void {
  roads = next;
  $("map").dataset.roads = String(roads?.features.length ?? 0);
  if (map && ready) (map.getSource("roads") as GeoJSONSource).setData((roads ?? EMPTY) as never);
}
export const currentRoads = (): RoadCollection | undefined => roads;

/** The background map: sea, lakes and built-up areas as fills, place names as labels. */
export function setBasemap(next: BasemapCollection | undefined): void {
  basemap = next;
  $("map").dataset.basemap = String(basemap?.features.length ?? 0);
  if (!map || !ready) return;
  (map.getSource("basemap") as GeoJSONSource).setData({ type: "FeatureCollection", features: (basemap?.features ?? []).filter((f) => f.properties.kind !== "place") } as never);
  map.setPaintProperty("background", "background-color", basemap ? COLOURS.land : COLOURS.blank);
  for (const label of labels) label.remove();
  labels = [];
  const show = input("layer-basemap").checked;
  for (const place of (basemap?.features ?? []).filter((f) => f.properties.kind === "place" && f.geometry.type === "Point")) {
    const rank = place.properties.rank === "municipality" ? "municipality" : "town";
    const element = el("div", { className: `place-label ${rank}`, "aria-hidden": "true", text: String(place.properties.name ?? "") });
    element.hidden = !show;
    labels.push(new maplibregl.Marker({ element, anchor: "center" }).setLngLat(place.geometry.coordinates as [number, number]).addTo(map));
  }
}
export const currentBasemap = (): BasemapCollection | undefined => basemap;

/** Colours the zones by drive time (seconds; null = no route); undefined hides the layer. */
export function showDriveTimes(zones: Map<string, number | null> | undefined): void {
  driveZones = zones;
  const legend = $("drive-legend");
  legend.hidden = !zones;
  if (!map || !ready) return;
  map.removeFeatureState({ source: "zones" });
  if (zones) for (const [id, seconds] of zones) map.setFeatureState({ source: "zones", id }, { dt: seconds ?? -1 });
  map.setLayoutProperty("drivetime", "visibility", zones ? "visible" : "none");
  applyLayerToggles();
  $("map").dataset.driveTimes = String(zones?.size ?? 0);
}

export function applyLayerToggles(): void {
  const checked = (id: string) => input(id).checked;
  $("map").dataset.roadsVisible = String(checked("layer-roads"));
  for (const label of labels) label.getElement().hidden = !checked("layer-basemap");
  if (!map || !ready) return;
  const show = (on: boolean) => (on ? "visible" : "none");
  for (const layer of ["roads", "ferries"]) map.setLayoutProperty(layer, "visibility", show(checked("layer-roads")));
  map.setLayoutProperty("zones", "visibility", show(checked("layer-zones") && !driveZones));
  map.setLayoutProperty("standby", "visibility", show(checked("layer-standby")));
  for (const layer of ["basemap-builtup", "basemap-water"]) map.setLayoutProperty(layer, "visibility", show(checked("layer-basemap")));
}

/** Centres the map on a point without changing the zoom (after typing coordinates). */
export function showPoint(at: LatLon): void {
  if (!map) return;
  const bounds = map.getBounds();
  if (!bounds.contains([at.lon, at.lat])) map.easeTo({ center: [at.lon, at.lat], duration: 0 });
}

/** Screen position of a point inside the map element (for tests and popups). */
export function project(at: LatLon): { x: number; y: number } | undefined {
  return map?.project([at.lon, at.lat]);
}

/** The sites of a ranked plan (web "Optimise" view), drawn as rings around today's stations; undefined clears them. */
let optimised: Array<{ lat: number; lon: number; vehicles: number; id: string }> = [];
function optimisedData(): Collection {
  return { type: "FeatureCollection", features: optimised.map((site) => ({ type: "Feature", geometry: { type: "Point", coordinates: [site.lon, site.lat] }, properties: { id: site.id, vehicles: site.vehicles } })) } as Collection;
}
export function showOptimisedSites(sites: Array<{ lat: number; lon: number; vehicles: number; id: string }> | undefined): void {
  optimised = sites ?? [];
  $("map").dataset.optimised = String(optimised.length);
  if (map && ready) (map.getSource("optimised") as GeoJSONSource).setData(optimisedData() as never);
}

/** A unit of the live picture (Situasjon view): filled by its status, ringed by its owner. */
export interface LiveUnitMark {
  id: string;
  lat: number;
  lon: number;
  colour: string;
  ring: string;
  /** What a click on it says. */
  label: string;
}
let liveUnits: LiveUnitMark[] = [];
let liveFitted = false;
function liveUnitData(): Collection {
  return { type: "FeatureCollection", features: liveUnits.map((unit) => ({ type: "Feature", geometry: { type: "Point", coordinates: [unit.lon, unit.lat] }, properties: { id: unit.id, colour: unit.colour, ring: unit.ring, label: unit.label } })) } as Collection;
}
/** Draws the live units over the planning layers (the first time also fits the view to them); [] clears them. */
export function showLiveUnits(units: LiveUnitMark[]): void {
  liveUnits = units;
  $("map").dataset.liveUnits = String(units.length);
  if (!map || !ready) return void map?.once("load", () => showLiveUnits(liveUnits));
  const source = map.getSource("live-units") as GeoJSONSource | undefined;
  if (source) source.setData(liveUnitData() as never);
  else {
    map.addSource("live-units", { type: "geojson", data: liveUnitData() as never });
    map.addLayer({ id: "live-units", type: "circle", source: "live-units", paint: { "circle-radius": 7, "circle-color": ["get", "colour"] as never, "circle-stroke-color": ["get", "ring"] as never, "circle-stroke-width": 3 } });
    map.on("click", "live-units", (event) => {
      const label = event.features?.[0]?.properties?.label;
      if (typeof label === "string") openPopup(event.lngLat, label);
    });
  }
  const first = units[0];
  if (!first || liveFitted) return;
  liveFitted = true;
  const bounds = units.reduce((b, unit) => b.extend([unit.lon, unit.lat]), new maplibregl.LngLatBounds([first.lon, first.lat], [first.lon, first.lat]));
  map.fitBounds(bounds, { padding: 60, duration: 0, maxZoom: 12 });
}
