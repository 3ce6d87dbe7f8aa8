/**
 * Stations: the list, a station's vehicles and their shifts, moving a station (drag or coordinates; a
 * position in the sea or a lake is refused), adding a station, and adding a vehicle to a station.
 */
import { $, el, escapeHtml, input, newId, select } from "./dom.js";
import { t, vehicleTypeName } from "./i18n.js";
import { checkPlace } from "./land.js";
import { drawPoints, openPopup, showPoint } from "./map.js";
import { renderChanges } from "./overlay.js";
import { copyShifts, shiftEditor, shiftSummary } from "./shifts.js";
import { S, allStations, stationGroups, takenVehicleIds } from "./state.js";
import type { Group, LatLon, Shift } from "./types.js";

/** A list item with a toggle button for a station or standby point (data-station / data-standby for tests). */
export function placeButton(place: { id: string; name?: string | undefined }, kind: "station" | "standby", pressed: boolean, onSelect: () => void): HTMLLIElement {
  const button = el("button", { type: "button", text: place.name ?? place.id, "aria-pressed": String(pressed) });
  button.dataset[kind] = place.id;
  button.addEventListener("click", onSelect);
  return el("li", {}, button);
}

export function renderStations(): void {
  $("station-list").replaceChildren(...allStations().map((station) => placeButton(station, "station", station.id === S.selected, () => selectStation(station.id))));
  const station = allStations().find((s) => s.id === S.selected);
  $("station-detail").hidden = !station;
  if (!station || !S.view) return;
  $("station-name").textContent = station.name ?? station.id;
  $("station-owner").textContent = `${t("owner")}: ${station.owner} · ${station.id}`;
  input("station-lat").value = String(station.lat);
  input("station-lon").value = String(station.lon);
  const rows: HTMLTableRowElement[] = [];
  for (const group of stationGroups(station.id)) rows.push(...vehicleRows(group));
  $("vehicle-rows").replaceChildren(...rows);
}

const currentShifts = (group: Group): Shift[] => S.edits.shiftEdits.get(group.id) ?? group.shifts;
const isNew = (id: string): boolean => S.edits.newVehicles.some((v) => v.id === id);

function vehicleRows(group: Group): HTMLTableRowElement[] {
  const rows: HTMLTableRowElement[] = [];
  const row = document.createElement("tr");
  row.innerHTML = `<td>${escapeHtml(group.id)}${isNew(group.id) ? ` <span class="tag">${t("newVehicle")}</span>` : ""}</td><td>${escapeHtml(vehicleTypeName(group.type))}</td><td></td><td></td>`;
  const summary = el("span", { id: `shifts-${group.id}`, text: shiftSummary(currentShifts(group)) });
  const open = S.editingShifts === group.id;
  const edit = el("button", { type: "button", className: "small secondary", "data-edit-shifts": group.id, text: open ? t("closeShifts") : t("editShifts"), "aria-expanded": String(open), "aria-describedby": summary.id });
  edit.addEventListener("click", () => {
    S.editingShifts = S.editingShifts === group.id ? undefined : group.id;
    renderStations();
    document.getElementById(`shift-editor-${group.id}`)?.querySelector<HTMLElement>("select, input, button")?.focus();
  });
  row.children[2]!.append(summary, " ", edit);
  const count = el("input", { type: "number", min: 0, max: 50, "aria-label": `${t("count")} ${group.id}`, "data-group": group.id });
  count.value = String(S.edits.newVehicles.find((v) => v.id === group.id)?.count ?? S.edits.counts.get(group.id) ?? group.count);
  count.addEventListener("change", () => {
    const value = Math.max(0, Math.round(Number(count.value) || 0));
    const added = S.edits.newVehicles.find((v) => v.id === group.id);
    if (added && value === 0) {
      S.edits.newVehicles = S.edits.newVehicles.filter((v) => v !== added);
      S.edits.shiftEdits.delete(group.id);
      renderStations();
    } else if (added) added.count = value;
    else S.edits.counts.set(group.id, value);
    renderChanges();
  });
  row.lastElementChild!.append(count);
  rows.push(row);
  const issues = S.vehicleIssues.get(group.id) ?? [];
  if (issues.length > 0) {
    const cell = el("td", { colspan: 4, id: `issues-${group.id}`, text: issues.map((issue) => (issue.shift === null ? issue.text : `${t("shiftNo")} ${issue.shift + 1}: ${issue.text}`)).join(" ") });
    rows.push(el("tr", { className: "issue", "data-issues-for": group.id }, cell));
  }
  if (open) {
    const shifts = copyShifts(currentShifts(group));
    const editor = shiftEditor({
      id: group.id,
      legend: `${t("shiftsFor")} ${group.id}`,
      shifts,
      staffed: false,
      minShifts: 0,
      issues,
      newShift: () => ({ days: "all", start: "07:00", end: "19:00" }),
      onChange: (rerender) => {
        S.edits.shiftEdits.set(group.id, copyShifts(shifts));
        const hadIssues = S.vehicleIssues.delete(group.id);
        $(`shifts-${group.id}`).textContent = shiftSummary(shifts);
        renderChanges();
        if (rerender || hadIssues) renderStations();
      },
    });
    rows.push(el("tr", {}, el("td", { colspan: 4 }, editor)));
  }
  return rows;
}

export function selectStation(id: string, popup = true): void {
  S.selected = id;
  renderStations();
  drawPoints();
  const station = allStations().find((s) => s.id === id);
  if (popup && station) openPopup([station.lon, station.lat], `${station.name ?? station.id} (${station.owner})`);
}

/**
 * Moves a station after checking that the new position is on land (as the loader will on save);
 * resolves false, with a message on the map, when it is in the sea or a lake.
 */
export async function moveStation(id: string, at: LatLon): Promise<boolean> {
  const station = allStations().find((s) => s.id === id);
  if (!station) return false;
  const position = await checkPlace(station.name ?? station.id, at);
  if (!position) return false;
  if (position === "refused") {
    renderStations();
    drawPoints();
    return false;
  }
  const added = S.edits.addedStations.find((s) => s.id === id);
  if (added) Object.assign(added, position);
  else S.edits.moved.set(id, position);
  renderStations();
  drawPoints();
  renderChanges();
  return true;
}

export function wireStations(): void {
  $("move-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (!S.selected) return;
    const at = { lat: Number(input("station-lat").value), lon: Number(input("station-lon").value) };
    void moveStation(S.selected, at).then((moved) => moved && showPoint(at));
  });
  $("add-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void addStation();
  });
  $("add-vehicle-form").addEventListener("submit", (event) => {
    event.preventDefault();
    addVehicle();
  });
}

async function addStation(): Promise<void> {
  const name = input("new-name").value.trim();
  const at = await checkPlace(name, { lat: Number(input("new-lat").value), lon: Number(input("new-lon").value) });
  if (!at) return;
  $("add-station-error").textContent = at === "refused" ? t("inWater") : "";
  if (at === "refused") return;
  const id = newId("st", name, new Set(allStations().map((s) => s.id)));
  S.edits.addedStations.push({ id, name, ...at });
  const count = Math.max(0, Math.round(Number(input("new-count").value)));
  if (count > 0) S.edits.newVehicles.push({ id: `${id}-amb`, type: "ambulance", station: id, count });
  selectStation(id);
  renderChanges();
}

const SHIFT_PRESETS: Record<string, Shift[]> = {
  all: [],
  day: [{ days: "all", start: "07:00", end: "19:00" }],
  night: [{ days: "all", start: "19:00", end: "07:00" }],
  weekdays: [{ days: "weekdays", start: "08:00", end: "16:00" }],
};
const TYPE_SHORT: Record<string, string> = { ambulance: "amb", akuttbil: "akuttbil", "doctor-car": "legebil", "sick-transport": "syketransport" };

/** A new vehicle record at the selected station: `<station>-<type>-ny`, unique among records and their numbered vehicles. */
function addVehicle(): void {
  const station = S.selected;
  if (!station || !S.view) return;
  const type = select("new-vehicle-type").value;
  const count = Math.round(Number(input("new-vehicle-count").value));
  if (!Number.isInteger(count) || count < 1 || count > 20) {
    $("add-vehicle-error").textContent = t("errVehicleCount");
    return;
  }
  $("add-vehicle-error").textContent = "";
  const base = `${station.replace(/^st-/, "")}-${TYPE_SHORT[type] ?? type}-ny`;
  const taken = takenVehicleIds();
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  S.edits.newVehicles.push({ id, type, station, count });
  const shifts = SHIFT_PRESETS[select("new-vehicle-shift").value] ?? [];
  if (shifts.length > 0) S.edits.shiftEdits.set(id, copyShifts(shifts));
  renderStations();
  renderChanges();
  $("vehicle-rows").querySelector<HTMLInputElement>(`input[data-group="${CSS.escape(id)}"]`)?.focus();
  $("add-vehicle-status").textContent = `${t("vehicleAdded")} ${id}.`;
}
