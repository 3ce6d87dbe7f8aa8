import type { ScenarioIndex } from "@akutt/engine";
import type { ReplicationKpis } from "../kpi/replication-kpis.js";
import { URGENCY_COUNT } from "../kpi/replication-kpis.js";

type Value = number | null;

/** Red median and share within 12 min of one area ("all": the whole scenario), per replication; null where the area is absent or had no reached incident. */
export function redAreaSeries(index: ScenarioIndex, kpis: ReplicationKpis[], areaCode: string): { median: Value[]; share: Value[] } {
  const a = index.areaCodes.indexOf(areaCode);
  const group = (k: ReplicationKpis) => (areaCode === "all" ? (k.overall[0] ?? null) : a < 0 ? null : (k.byArea[a * URGENCY_COUNT] ?? null));
  return { median: kpis.map((k) => group(k)?.responseMedianSec ?? null), share: kpis.map((k) => group(k)?.shareWithin12Min ?? null) };
}

/** The focus areas the index has, in focus order; every area of the index when it has none of them. */
export function areasInScope(index: ScenarioIndex, focus: string[]): string[] {
  const inIndex = focus.filter((code) => index.areaCodes.includes(code));
  return inIndex.length > 0 ? inIndex : [...index.areaCodes];
}

export function areaName(index: ScenarioIndex, areaCode: string): string {
  if (areaCode === "all") return "All areas";
  const a = index.areaCodes.indexOf(areaCode);
  return a < 0 ? areaCode : (index.areaNames[a] ?? areaCode);
}
