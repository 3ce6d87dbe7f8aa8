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
  const span = startIso ? `${dateTime(Date.parse(startIso), timeZone ?? "Europe/Oslo")} – ${dateTime(Date.parse(startIso) + run.horizonSec * 1000, timeZone ?? "Europe/Oslo")} ` : "";
  const warmText = warm > 0 ? `; ${t("warmUpA")} ${num(warm, warm % 1 === 0 ? 0 : 1)} ${t("warmUpB")}` : "";
  return `${t("period")}: ${span}(${num(days, days % 1 === 0 ? 0 : 1)} ${t("daysUnit")}${warmText}) · ${run.replications} ${t("replicationsLower")} · ${t("seedLower")} ${run.seed}`;
}

export const dateTimeLocal = (iso: string | undefined | null): string => (iso ? dateTime(Date.parse(iso), "Europe/Oslo") : "");
