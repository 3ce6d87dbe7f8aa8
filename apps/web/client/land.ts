/**
 * Is a point on land? Asks the server (POST /api/scenarios/:id/land-check, the same test the loader
 * applies on save); on a server without that endpoint it tests the background map's sea and lake
 * polygons in the page; with neither it cannot tell (null) and lets the move through.
 */
import { ApiError, isNotFound, post } from "./api.js";
import { $, round4 } from "./dom.js";
import { t } from "./i18n.js";
import { currentBasemap } from "./map.js";
import { S } from "./state.js";
import type { LatLon } from "./types.js";

let endpointMissing = false;

export async function onLand(scenarioId: string, at: LatLon): Promise<boolean | null> {
  if (!endpointMissing) {
    try {
      return (await post<{ onLand: boolean }>(`/scenarios/${encodeURIComponent(scenarioId)}/land-check`, { lat: at.lat, lon: at.lon })).onLand;
    } catch (error) {
      if (isNotFound(error)) endpointMissing = true;
      else if (!(error instanceof ApiError)) throw error;
    }
  }
  const water = (currentBasemap()?.features ?? []).filter((f) => f.properties.kind === "sea" || f.properties.kind === "lake");
  if (water.length === 0) return null;
  return !water.some((f) => containsPoint(f.geometry, at));
}

type Ring = Array<[number, number]>;
function containsPoint(geometry: { type: string; coordinates: unknown }, at: LatLon): boolean {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates as Ring[]] : geometry.type === "MultiPolygon" ? (geometry.coordinates as Ring[][]) : [];
  return polygons.some(([outer, ...holes]) => outer !== undefined && inRing(outer, at) && !holes.some((hole) => inRing(hole, at)));
}

/** Ray casting: crossings of a ray to the east. */
function inRing(ring: Ring, { lat, lon }: LatLon): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Checks a new position for a station or standby point (rounded to 4 decimals) in the scenario on
 * screen: the position when it is on land (or the check cannot tell), "refused" with the message on
 * the map when it is in the sea or a lake, undefined when no scenario is open or another was opened meanwhile.
 */
export async function checkPlace(name: string, at: LatLon): Promise<LatLon | "refused" | undefined> {
  const view = S.view;
  if (!view) return undefined;
  const position = { lat: round4(at.lat), lon: round4(at.lon) };
  const land = await onLand(view.id, position).catch(() => null);
  if (S.view !== view) return undefined;
  if (land === false) {
    showRefused(name);
    return "refused";
  }
  clearRefused();
  return position;
}

let hideTimer: ReturnType<typeof setTimeout> | undefined;
/** The message on the map that a move into the sea or a lake was refused. */
export function showRefused(name: string): void {
  const alert = $("map-alert");
  alert.textContent = `${name}: ${t("inWater")}`;
  alert.hidden = false;
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => (alert.hidden = true), 12_000);
}
export function clearRefused(): void {
  $("map-alert").hidden = true;
}
