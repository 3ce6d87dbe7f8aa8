import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
// readScenarioChain gives the merged (un-expanded) scenario document, for vehicle groups with their `count`.
import { loadScenarioFile, parseScenario, readScenarioChain, ScenarioError, type Scenario, type ScenarioIssue, type ShiftSpec } from "@akutt/model";
import { findRepoRoot } from "@akutt/geo";
import { BadRequestError, NotFoundError } from "./errors.js";
import type { Store, VariantRecord } from "./store.js";

export const REPO_ROOT = findRepoRoot();

export interface ScenarioEntry {
  id: string;
  name: string;
  kind: "shipped" | "variant";
  /** Path relative to the repository (shipped) or the state directory (variants). */
  path: string;
  file: string;
  /** The scenario a variant extends. */
  parent: string | null;
  created: string | null;
}

export interface VehicleGroup {
  id: string;
  type: string;
  station: string;
  count: number;
  shifts: ShiftSpec[];
}

/**
 * Shipped scenarios (scenarios/<folder>/*.yaml: files with `version` or `extends`, not
 * comparison.yaml nor zones files) and variants saved in the state directory, each an overlay
 * file extending the scenario it was made from.
 */
export class Catalog {
  private shipped: ScenarioEntry[] | undefined;

  constructor(
    private readonly store: Store,
    private readonly stateDir: string,
    private readonly scenariosDir = join(REPO_ROOT, "scenarios"),
  ) {}

  private shippedEntries(): ScenarioEntry[] {
    if (this.shipped) return this.shipped;
    const entries: ScenarioEntry[] = [];
    for (const folder of readdirSync(this.scenariosDir, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      const dir = join(this.scenariosDir, folder.name);
      for (const name of readdirSync(dir).sort()) {
        if (!/\.ya?ml$/.test(name) || name === "comparison.yaml") continue;
        const file = join(dir, name);
        let document: unknown;
        try {
          document = parseYaml(readFileSync(file, "utf8"));
        } catch {
          continue;
        }
        if (!isRecord(document) || (document.metadata === undefined && document.extends === undefined)) continue; // zone files have neither
        const stem = name.replace(/\.ya?ml$/, "");
        const id = stem === folder.name ? stem : `${folder.name}-${stem}`;
        const metadata = isRecord(document.metadata) ? document.metadata : {};
        entries.push({ id, name: typeof metadata.name === "string" ? metadata.name : id, kind: "shipped", path: relative(REPO_ROOT, file), file, parent: null, created: null });
      }
    }
    this.shipped = entries;
    return entries;
  }

  async list(): Promise<ScenarioEntry[]> {
    const variants = await this.store.variants();
    return [...this.shippedEntries(), ...variants.map((variant) => this.variantEntry(variant))];
  }

  private variantEntry(variant: VariantRecord): ScenarioEntry {
    return { id: variant.id, name: variant.name, kind: "variant", path: relative(this.stateDir, variant.file), file: variant.file, parent: variant.parent, created: variant.created };
  }

  async entry(id: string): Promise<ScenarioEntry> {
    const found = (await this.list()).find((entry) => entry.id === id);
    if (!found) throw new NotFoundError("scenario", id);
    return found;
  }

  async load(id: string): Promise<{ entry: ScenarioEntry; scenario: Scenario }> {
    const entry = await this.entry(id);
    return { entry, scenario: loadScenarioFile(entry.file) };
  }

  /** Vehicle records as written (before `count` is expanded), with their resolved shifts. */
  vehicleGroups(entry: ScenarioEntry, scenario: Scenario): VehicleGroup[] {
    const merged = readScenarioChain(entry.file, entry.file).value as { vehicles?: Array<Record<string, unknown>> };
    return (merged.vehicles ?? []).map((raw) => {
      const id = String(raw.id);
      const unit = scenario.vehicles.find((candidate) => candidate.id === id || candidate.id === `${id}-1`);
      return { id, type: String(raw.type), station: String(raw.station), count: typeof raw.count === "number" ? raw.count : 1, shifts: unit?.shifts ?? [] };
    });
  }

  /** Checks scenario text; `baseId` sets the folder that `extends:` and zone files are read from. */
  async validate(text: string, baseId: string | undefined): Promise<Scenario> {
    const baseDir = baseId ? dirname((await this.entry(baseId)).file) : this.scenariosDir;
    return parseScenario(text, "posted.yaml", baseDir);
  }

  /**
   * Saves an overlay on `parentId` as a new variant named `name`. The overlay is checked by loading
   * it through the normal scenario loader before it is kept; a ScenarioError leaves nothing behind.
   */
  async createVariant(parentId: string, name: string, overlay: Record<string, unknown>): Promise<ScenarioEntry> {
    const parent = await this.entry(parentId);
    if ("extends" in overlay) throw new BadRequestError("the overlay must not set extends: the server sets it to the parent scenario", [{ field: "body.overlay.extends", message: "not allowed" }]);
    const existing = new Set((await this.list()).map((entry) => entry.id));
    const stem = slug(name) || "variant";
    let id = stem;
    for (let n = 2; existing.has(id); n++) id = `${stem}-${n}`;
    const dir = join(this.stateDir, "variants");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${id}.yaml`);
    const metadata = isRecord(overlay.metadata) ? overlay.metadata : {};
    const document = { extends: relative(dir, parent.file), ...overlay, metadata: { ...metadata, name } };
    const header = `# Variant "${name}" saved by akutt serve on ${new Date().toISOString()}: an overlay on ${parent.id} (${parent.path}).\n`;
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, header + stringifyYaml(document, { lineWidth: 0 }));
    try {
      parseScenario(readFileSync(temporary, "utf8"), `${id}.yaml`, dir, file);
    } catch (error) {
      if (error instanceof ScenarioError) error = withRecordIds(error, temporary);
      rmSync(temporary, { force: true });
      throw error;
    }
    renameSync(temporary, file);
    const record: VariantRecord = { id, name, parent: parent.id, file, created: new Date().toISOString() };
    await this.store.addVariant(record);
    return this.variantEntry(record);
  }

  variantFileExists(entry: ScenarioEntry): boolean {
    return existsSync(entry.file);
  }
}

/** A scenario issue with the id of the record its field points at (`vehicles[3].shifts[1]` → the vehicle record's id). */
export interface RecordIssue extends ScenarioIssue {
  record?: { list: string; id: string; index: number };
}

/**
 * Adds to each issue whose field starts with a list of records (`vehicles[3]…`) the id of that
 * record in the merged scenario, so the page can show the message next to the right vehicle,
 * station or standby point (indices count the merged list, not the overlay's).
 */
function withRecordIds(error: ScenarioError, file: string): ScenarioError {
  let merged: Record<string, unknown>;
  try {
    merged = readScenarioChain(file, file).value as Record<string, unknown>;
  } catch {
    return error;
  }
  const issues: RecordIssue[] = error.issues.map((issue) => {
    const match = /^(vehicles|stations|standbyPoints|destinations)\[(\d+)\]/.exec(issue.field);
    if (!match) return issue;
    const list = merged[match[1]!];
    const record = Array.isArray(list) ? (list[Number(match[2])] as Record<string, unknown> | undefined) : undefined;
    return typeof record?.id === "string" ? { ...issue, record: { list: match[1]!, id: record.id, index: Number(match[2]) } } : issue;
  });
  return new ScenarioError(issues);
}

export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[åÅ]/g, "a")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

