import { dirname, resolve } from "node:path";
import { ScenarioError, type ScenarioIssue } from "../errors/scenario-error.js";
import { FileAccess, FileAccessError, type ScenarioReadOptions } from "./file-access.js";
import { YamlSource } from "./yaml-source.js";

/** Anything that can turn a field path of the scenario into a located issue. */
export interface IssueLocator {
  issue(path: readonly PropertyKey[], field: string, message: string, keyOf?: string): ScenarioIssue;
}

/**
 * An alternative is written as an overlay on another scenario (`extends: base.yaml`), holding only
 * what differs. Merge rules:
 * - mappings merge field by field;
 * - lists of records with an `id` (or `code`, for areas) merge by that key: a record with a known
 *   key changes the fields it names, a new key adds a record at the end, and `remove: true`
 *   removes the record;
 * - anything else (scalars, lists of values such as an AMK's areas) replaces the base value;
 * - a mapping with `replace: true` replaces the base mapping as a whole instead of merging
 *   (the marker itself is dropped), e.g. to switch a policy to one with other fields, or to give a
 *   record list in a new order.
 * The merged scenario remembers where each value came from, so errors point at the right file and line.
 */
export const RECORD_KEYS = ["id", "code"] as const;

interface Origin {
  source: YamlSource;
  /** Folder of the file the value came from: relative paths in it are relative to this. */
  dir: string;
  path: PropertyKey[];
  children: Map<PropertyKey, Origin>;
}

export interface MergedSource extends IssueLocator {
  value: unknown;
  /** Files in the chain, the extending file first. */
  files: string[];
  /** Absolute paths of the files in the chain that were read from disk, the extending file first. */
  paths: string[];
  /** Folder of the file that set the value at `path` (a path written in an overlay's base is relative to the base). */
  dirOf(path: readonly PropertyKey[]): string;
}

/** Reads a scenario file and every file it extends, and merges them; `text`, when given, is the first file's content. */
export function readScenarioChain(file: string, displayName: string, text?: string, options: ScenarioReadOptions | FileAccess = {}): MergedSource {
  const access = options instanceof FileAccess ? options : new FileAccess(options);
  return readChain(file, displayName, text, access, []);
}

function readChain(file: string, displayName: string, text: string | undefined, access: FileAccess, seen: string[]): MergedSource {
  const absolute = resolve(file);
  if (seen.includes(absolute)) {
    throw new ScenarioError([{ file: displayName, line: undefined, column: undefined, field: "extends", message: `extends forms a loop: ${[...seen, absolute].join(" → ")}` }]);
  }
  let content = text;
  if (content === undefined) {
    try {
      content = access.readText(absolute);
    } catch (error) {
      const reason = error instanceof FileAccessError ? error.reason : ((error as NodeJS.ErrnoException).code ?? "error");
      throw new ScenarioError([{ file: displayName, line: undefined, column: undefined, field: "", message: `cannot read the file (${reason})` }]);
    }
  }
  const limits = text === undefined ? access.options.fileLimits : access.options.textLimits;
  const source = YamlSource.parse(displayName, content, limits);
  const own = originOf(source, dirname(absolute), source.value, []);
  const value = source.value;
  const read = text === undefined ? [absolute] : [];
  if (!isRecord(value) || value.extends === undefined) return located(value, own, [displayName], read);
  if (typeof value.extends !== "string" || value.extends.length === 0) {
    throw new ScenarioError([source.issue(["extends"], "extends", "expected the path of the scenario this one builds on, relative to this file")]);
  }
  const basePath = resolve(dirname(absolute), value.extends);
  const baseCheck = access.checkBase(basePath);
  if (!baseCheck.ok) throw new ScenarioError([source.issue(["extends"], "extends", `cannot use ${value.extends}: ${baseCheck.reason}`)]);
  let base: MergedSource;
  try {
    base = readChain(basePath, resolve(dirname(displayName), value.extends), undefined, access, [...seen, absolute]);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const unreadable = error.issues.find((issue) => issue.message.startsWith("cannot read the file"));
    if (unreadable) throw new ScenarioError([source.issue(["extends"], "extends", `cannot read the base scenario ${value.extends}${unreadable.message.slice("cannot read the file".length)}`)]);
    // A restricted reader names the base's problems only by count: they could quote what the file holds.
    if (access.restricted) throw new ScenarioError([source.issue(["extends"], "extends", `the base scenario ${value.extends} is not a valid scenario (${error.issues.length} problem${error.issues.length === 1 ? "" : "s"})`)]);
    throw error;
  }
  const overlay = { ...value };
  delete overlay.extends;
  const baseOrigin = (base as LocatedSource).origin;
  const [merged, origin] = merge(base.value, baseOrigin, overlay, own, source, []);
  return located(merged, origin, [displayName, ...base.files], [...read, ...base.paths]);
}

interface LocatedSource extends MergedSource {
  origin: Origin;
}

function located(value: unknown, origin: Origin, files: string[], paths: string[]): LocatedSource {
  return {
    value,
    files,
    paths,
    origin,
    dirOf(path) {
      let node = origin;
      for (const key of path) {
        const next = node.children.get(key);
        if (!next) break;
        node = next;
      }
      return node.dir;
    },
    issue(path, field, message, keyOf) {
      // The deepest node whose origin is known; the rest of the path is looked up in its file.
      let node = origin;
      let consumed = 0;
      for (const key of path) {
        const next = node.children.get(key);
        if (!next) break;
        node = next;
        consumed++;
      }
      return node.source.issue([...node.path, ...path.slice(consumed)], field, message, keyOf);
    },
  };
}

function originOf(source: YamlSource, dir: string, value: unknown, path: PropertyKey[]): Origin {
  const children = new Map<PropertyKey, Origin>();
  if (Array.isArray(value)) value.forEach((item, i) => children.set(i, originOf(source, dir, item, [...path, i])));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) children.set(key, originOf(source, dir, item, [...path, key]));
  return { source, dir, path, children };
}

function merge(base: unknown, baseOrigin: Origin, overlay: unknown, overlayOrigin: Origin, source: YamlSource, path: PropertyKey[]): [unknown, Origin] {
  if (isRecord(overlay) && overlay.replace === true) return [withoutReplaceMarkers(overlay), overlayOrigin];
  if (isRecord(base) && isRecord(overlay)) {
    const value: Record<string, unknown> = { ...base };
    const children = new Map(baseOrigin.children);
    for (const [key, item] of Object.entries(overlay)) {
      const childOverlayOrigin = overlayOrigin.children.get(key)!;
      if (key in base) {
        const [mergedItem, mergedOrigin] = merge(base[key], baseOrigin.children.get(key)!, item, childOverlayOrigin, source, [...path, key]);
        value[key] = mergedItem;
        children.set(key, mergedOrigin);
      } else {
        value[key] = withoutReplaceMarkers(item);
        children.set(key, childOverlayOrigin);
      }
    }
    return [value, { source: overlayOrigin.source, dir: overlayOrigin.dir, path: overlayOrigin.path, children }];
  }
  if (Array.isArray(base) && Array.isArray(overlay) && isRecordList(base) && isRecordList(overlay)) {
    const keyName = RECORD_KEYS.find((key) => base.some((record) => key in record)) ?? "id";
    const value: unknown[] = [...base];
    const origins: Origin[] = base.map((_, i) => baseOrigin.children.get(i)!);
    const removed = new Set<number>();
    overlay.forEach((record, i) => {
      const recordOrigin = overlayOrigin.children.get(i)!;
      const key = record[keyName];
      if (key === undefined) {
        throw new ScenarioError([source.issue([...path, i], `${String(path.join("."))}[${i}]`, `a record in an overlay needs its "${keyName}" to say which record it changes or adds`)]);
      }
      const at = base.findIndex((existing) => existing[keyName] === key);
      if (record.remove === true) {
        if (at < 0) throw new ScenarioError([source.issue([...path, i, keyName], `${String(path.join("."))}[${i}].${keyName}`, `cannot remove "${String(key)}": the base has no such record`)]);
        removed.add(at);
        return;
      }
      if (at >= 0) {
        const [mergedRecord, mergedOrigin] = merge(base[at], origins[at]!, record, recordOrigin, source, [...path, i]);
        value[at] = mergedRecord;
        origins[at] = mergedOrigin;
      } else {
        value.push(withoutReplaceMarkers(record));
        origins.push(recordOrigin);
      }
    });
    const keptValues: unknown[] = [];
    const children = new Map<PropertyKey, Origin>();
    value.forEach((item, i) => {
      if (removed.has(i)) return;
      children.set(keptValues.length, origins[i]!);
      keptValues.push(item);
    });
    return [keptValues, { source: overlayOrigin.source, dir: overlayOrigin.dir, path: overlayOrigin.path, children }];
  }
  return [overlay, overlayOrigin];
}

function withoutReplace(record: Record<string, unknown>): Record<string, unknown> {
  const { replace: _replace, ...rest } = record;
  return rest;
}

/**
 * A value the base does not have, with every `replace: true` marker inside it dropped: with nothing
 * to replace, a marked mapping is just the mapping (e.g. `areaRates: { "3301": { red: { replace:
 * true, perYear: 10 } } }` over a base without areaRates).
 */
function withoutReplaceMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutReplaceMarkers);
  if (!isRecord(value)) return value;
  const record = value.replace === true ? withoutReplace(value) : value;
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, withoutReplaceMarkers(item)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRecordList(list: unknown[]): list is Array<Record<string, unknown>> {
  return list.every(isRecord) && list.some((record) => RECORD_KEYS.some((key) => key in record));
}
