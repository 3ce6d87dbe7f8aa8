import { RECORD_KEYS } from "@akutt/model";

/** One difference between a variant and the scenario it extends. */
export interface ScenarioChange {
  /** Where, with records named by id: `stations[st-lier].lat`, `vehicles[ny-amb]`. */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
  summary: { nb: string; en: string };
}

const LIST_NAMES: Record<string, { nb: string; en: string }> = {
  areas: { nb: "område", en: "area" },
  organisations: { nb: "organisasjon", en: "organisation" },
  amkCentres: { nb: "AMK", en: "AMK centre" },
  stations: { nb: "stasjon", en: "station" },
  standbyPoints: { nb: "beredskapspunkt", en: "standby point" },
  vehicles: { nb: "kjøretøy", en: "vehicle" },
  destinations: { nb: "sykehus/legevakt", en: "hospital/legevakt" },
  zones: { nb: "sone", en: "zone" },
};

const MAX_CHANGES = 500;

/**
 * What a variant changes relative to its parent, from the two merged (not yet expanded) scenario
 * documents: records in lists are matched by id (or code), so a moved station is one record
 * with changed coordinates, not a removed and an added one. Lists of plain values (an AMK's
 * areas) and the variant's own name and description are compared as wholes.
 */
export function scenarioChanges(parent: unknown, variant: unknown): ScenarioChange[] {
  const changes: ScenarioChange[] = [];
  const walk = (before: unknown, after: unknown, path: string, record: RecordContext | undefined) => {
    if (changes.length >= MAX_CHANGES) return;
    if (isRecord(before) && isRecord(after)) {
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (path === "" && key === "metadata") continue;
        walk(before[key], after[key], path ? `${path}.${key}` : key, record);
      }
      return;
    }
    if (Array.isArray(before) && Array.isArray(after) && isRecordList(before) && isRecordList(after)) {
      const keyName = RECORD_KEYS.find((key) => [...before, ...after].some((item) => key in item)) ?? "id";
      const list = path.split(".").pop() ?? path;
      const byKey = new Map(before.map((item) => [String(item[keyName]), item]));
      const seen = new Set<string>();
      for (const item of after) {
        const key = String(item[keyName]);
        seen.add(key);
        const context: RecordContext = { list, key, label: labelOf(item, key) };
        const old = byKey.get(key);
        if (old === undefined) push({ path: `${path}[${key}]`, kind: "added", after: item }, context);
        else walk(old, item, `${path}[${key}]`, context);
      }
      for (const [key, item] of byKey) if (!seen.has(key)) push({ path: `${path}[${key}]`, kind: "removed", before: item }, { list, key, label: labelOf(item, key) });
      return;
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const kind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    push({ path, kind, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }, record);
  };
  const push = (change: Omit<ScenarioChange, "summary">, record: RecordContext | undefined) => {
    changes.push({ ...change, summary: summarise(change, record) });
  };
  walk(parent, variant, "", undefined);
  return changes;
}

interface RecordContext {
  list: string;
  key: string;
  label: string;
}

function summarise(change: Omit<ScenarioChange, "summary">, record: RecordContext | undefined): { nb: string; en: string } {
  const field = record ? change.path.slice(change.path.indexOf(`[${record.key}]`) + record.key.length + 2).replace(/^\./, "") : change.path;
  const noun = record ? (LIST_NAMES[record.list] ?? { nb: record.list, en: record.list }) : undefined;
  const who = record && noun ? { nb: `${noun.nb} ${record.label}`, en: `${noun.en} ${record.label}` } : undefined;
  if (who && field === "") {
    if (change.kind === "added") return { nb: `Ny ${who.nb}`, en: `New ${who.en}` };
    if (change.kind === "removed") return { nb: `Fjernet ${who.nb}`, en: `Removed ${who.en}` };
  }
  const place = who ? `${who.nb}: ${field}` : field;
  const placeEn = who ? `${who.en}: ${field}` : field;
  if (change.kind === "added") return { nb: `${place} satt til ${show(change.after)}`, en: `${placeEn} set to ${show(change.after)}` };
  if (change.kind === "removed") return { nb: `${place} fjernet (var ${show(change.before)})`, en: `${placeEn} removed (was ${show(change.before)})` };
  const separator = who ? " " : ": ";
  return { nb: `${place}${separator}${show(change.before)} → ${show(change.after)}`, en: `${placeEn}${separator}${show(change.before)} → ${show(change.after)}` };
}

function labelOf(item: Record<string, unknown>, key: string): string {
  return typeof item.name === "string" && item.name !== key ? `«${item.name}» (${key})` : key;
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRecordList(list: unknown[]): list is Array<Record<string, unknown>> {
  return list.every(isRecord) && list.some((item) => RECORD_KEYS.some((key) => key in item));
}
