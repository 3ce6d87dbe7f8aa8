/**
 * Drive-time areas: from the selected station (where it stands now, edits included) to the centre of
 * every zone at emergency speed, coloured up to 8, 12 and 25 minutes (POST /api/scenarios/:id/drive-times).
 */
import { isNotFound, post } from "./api.js";
import { $, el, setStatus } from "./dom.js";
import { num, t } from "./i18n.js";
import { DRIVE_CLASSES, showDriveTimes } from "./map.js";
import { S, allStations } from "./state.js";
import type { DriveTimes } from "./types.js";

let shown: { station: string; name: string; travelModel: string } | undefined;
let requests = 0;

export async function driveTimesFrom(stationId: string): Promise<void> {
  const view = S.view;
  const station = allStations().find((s) => s.id === stationId);
  if (!view || !station) return;
  const mine = ++requests;
  const edited = S.edits.moved.has(station.id) || S.edits.addedStations.some((s) => s.id === station.id);
  setStatus("drive-status", t("driveLoading"));
  try {
    const answer = await post<DriveTimes>(`/scenarios/${encodeURIComponent(view.id)}/drive-times`, edited ? { lat: station.lat, lon: station.lon } : { station: station.id });
    if (mine !== requests || S.view !== view) return;
    shown = { station: station.id, name: station.name ?? station.id, travelModel: answer.travelModel };
    showDriveTimes(new Map(answer.zones));
    renderDriveLegend(answer.zones.map(([, seconds]) => seconds));
    setStatus("drive-status", "");
  } catch (error) {
    if (mine !== requests) return;
    setStatus("drive-status", isNotFound(error) ? t("driveUnavailable") : `${t("driveFailed")} ${(error as Error).message}`, "error");
    if (isNotFound(error)) $("drive-times").hidden = true;
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
