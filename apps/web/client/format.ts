/** Figures with their confidence intervals, and what a result covers (period, replications, seed). */
import { lang, num, t } from "./i18n.js";
import type { Estimate, PairedEstimate, RunInfo } from "./types.js";

const ci = (e: Estimate, scale: number, digits = 1, sep = "–") => (e.ciLow != null && e.ciHigh != null ? ` [${num(e.ciLow * scale, digits)}${sep}${num(e.ciHigh * scale, digits)}]` : "");
export const fmtMin = (e: Estimate | undefined): string => (e?.mean == null ? "–" : `${num(e.mean / 60)}${ci(e, 1 / 60)}`);
export const fmtShare = (e: Estimate | undefined): string => (e?.mean == null ? "–" : `${num(e.mean * 100)} %${ci(e, 100)}`);
export const fmtCount = (e: Estimate | undefined, digits = 0): string => (e?.mean == null ? "–" : `${num(e.mean, digits)}${ci(e, 1, digits)}`);
export const fmtDiff = (e: PairedEstimate | undefined, scale: number): string =>
  e?.mean == null ? "–" : `${e.mean > 0 ? "+" : ""}${num(e.mean * scale)}${ci(e, scale, 1, "; ")}${e.excludesZero ? " *" : ""}`;
export const urgencyName = (u: string): string => (u === "red" || u === "yellow" || u === "green" ? t(u) : u);

/** UTC offset of a time zone at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - ms;
}

/** An ISO date-time as an instant; one without an offset (a scenario's `start`) is wall-clock time in `timeZone`. */
export function instant(iso: string, timeZone: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(iso);
  if (!local) return Date.parse(iso);
  const [, y, mo, d, h, mi, sec] = local.map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, Number.isNaN(sec) ? 0 : sec!);
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

const dateTime = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat(lang() === "nb" ? "nb-NO" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(ms));

/**
 * "Simulated period: 2 Mar 2026, 00:00 – 30 Mar 2026, 00:00 (28 days; the first 2 are warm-up, not
 * counted) · 10 replications · seed 1" — shown with every run and comparison.
 */
export function runInfoText(startIso: string | null | undefined, run: RunInfo | undefined, timeZone: string | null | undefined): string {
  if (!run) return "";
  const days = run.horizonSec / 86_400;
  const warm = run.warmUpSec / 86_400;
  const zone = timeZone ?? "Europe/Oslo";
  const start = startIso ? instant(startIso, zone) : NaN;
  const span = Number.isFinite(start) ? `${dateTime(start, zone)} – ${dateTime(start + run.horizonSec * 1000, zone)} ` : "";
  const warmText = warm > 0 ? `; ${t("warmUpA")} ${num(warm, warm % 1 === 0 ? 0 : 1)} ${t("warmUpB")}` : "";
  return `${t("period")}: ${span}(${num(days, days % 1 === 0 ? 0 : 1)} ${t("daysUnit")}${warmText}) · ${run.replications} ${t("replicationsLower")} · ${t("seedLower")} ${run.seed}`;
}

export const dateTimeLocal = (iso: string | undefined | null): string => (iso ? dateTime(Date.parse(iso), "Europe/Oslo") : "");
