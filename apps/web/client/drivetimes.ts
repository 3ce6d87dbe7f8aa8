/**
 * Drive-time areas: from the selected station or standby point (where it stands now, edits included) to the centre of
 * every zone at emergency speed, coloured up to 8, 12 and 25 minutes (POST /api/scenarios/:id/drive-times).
 */
import { isNotFound, post } from "./api.js";
import { $, el, setStatus } from "./dom.js";
import { num, t } from "./i18n.js";
import { DRIVE_CLASSES, showDriveTimes } from "./map.js";
import { S, allStandby, allStations } from "./state.js";
import type { DriveTimes } from "./types.js";
import { errorText } from "./errors.js";

let shown: { station: string; name: string; travelModel: string } | undefined;
let requests = 0;

export async function driveTimesFrom(kind: "station" | "standby", id: string): Promise<void> {
  const view = S.view;
  const place = (kind === "station" ? allStations() : allStandby()).find((p) => p.id === id);
  if (!view || !place) return;
  const mine = ++requests;
  // A station as the scenario has it goes by id; a moved or new one, or a standby point, by where it stands now.
  const byId = kind === "station" && !S.edits.moved.has(place.id) && !S.edits.addedStations.some((s) => s.id === place.id);
  const statusId = kind === "station" ? "drive-status" : "standby-drive-status";
  setStatus(statusId, t("driveLoading"));
  try {
    const answer = await post<DriveTimes>(`/scenarios/${encodeURIComponent(view.id)}/drive-times`, byId ? { station: place.id } : { lat: place.lat, lon: place.lon });
    if (mine !== requests || S.view !== view) return;
    shown = { station: place.id, name: place.name ?? place.id, travelModel: answer.travelModel };
    showDriveTimes(new Map(answer.zones));
    renderDriveLegend(answer.zones.map(([, seconds]) => seconds));
    setStatus(statusId, "");
  } catch (error) {
    if (mine !== requests) return;
    setStatus(statusId, isNotFound(error) ? t("driveUnavailable") : `${t("driveFailed")} ${errorText(error)}`, "error");
    if (isNotFound(error)) for (const button of ["drive-times", "standby-drive-times"]) $(button).hidden = true;
  }
}

export function hideDriveTimes(): boolean {
  if (!shown) return false;
  shown = undefined;
  requests++;
  showDriveTimes(undefined);
  return true;
}

/** Forgets the drive times when another scenario opens. */
export function resetDriveTimes(): void {
  shown = undefined;
  requests++;
}

function renderDriveLegend(seconds: Array<number | null>): void {
  if (!shown) return;
  const labels = [`≤ 8 ${t("min")}`, `≤ 12 ${t("min")}`, `≤ 25 ${t("min")}`, `> 25 ${t("min")}`, t("noRoute")];
  const counts = DRIVE_CLASSES.map((c, k) => seconds.filter((s) => (c.upToSec === null ? s === null : s !== null && s <= c.upToSec && (k === 0 || s > DRIVE_CLASSES[k - 1]!.upToSec!))).length);
  $("drive-title").textContent = `${t("driveFrom")} ${shown.name}`;
  $("drive-classes").replaceChildren(
    ...DRIVE_CLASSES.map((c, k) => {
      const item = el("li", { "data-class": k }, `${labels[k]} `, el("span", { className: "muted", text: `(${num(counts[k] ?? 0, 0)} ${t("zonesLower")})` }));
      item.style.setProperty("--swatch", c.colour);
      return item;
    }),
  );
  $("drive-note").textContent = `${t("driveNote")} ${shown.travelModel}.`;
}

export function renderDriveTimesText(): void {
  if (shown) $("drive-title").textContent = `${t("driveFrom")} ${shown.name}`;
}
