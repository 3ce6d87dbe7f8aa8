import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse as parseYaml, parseDocument, stringify as stringifyYaml } from "yaml";
import { POSTED_YAML_LIMITS, REFERENCED_FILE_YAML_LIMITS, type ScenarioReadOptions } from "@akutt/model";
import { findRepoRoot, writeFileAtomic } from "@akutt/geo";
import { BadRequestError, ConflictError, NotFoundError } from "../errors.js";
import type { Store, VariantRecord } from "../store.js";
import type { TaskPool } from "../tasks/pool.js";
import type { LoadedScenario, ProjectionSummary, ScenarioTask, TaskValue } from "../tasks/task-types.js";
import type { ScenarioChange } from "./changes.js";

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

/**
 * Shipped scenarios (scenarios/<folder>/*.yaml: files with `metadata` or `extends`, not
 * comparison.yaml nor zones files) and variants saved in the state directory, each an overlay
 * file extending the scenario it was made from. Every scenario the server reads goes through the
 * task pool (off the event loop) and reads files only inside the scenarios, variants and data
 * folders; a variant may extend only a shipped scenario or another variant.
 */
export class Catalog {
  private shipped: ScenarioEntry[] | undefined;
  /** Saves, renames and deletes run one at a time: a double-click cannot write one name twice. */
  private writes: Promise<unknown> = Promise.resolve();
  readonly variantsDir: string;

  constructor(
    private readonly store: Store,
    private readonly tasks: TaskPool,
    private readonly stateDir: string,
    private readonly dataDir: string,
    readonly scenariosDir = join(REPO_ROOT, "scenarios"),
  ) {
    this.variantsDir = join(stateDir, "variants");
  }

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

  /** How the server reads scenarios: inside its folders only, bounded, bases only known scenarios. */
  async readOptions(): Promise<ScenarioReadOptions> {
    return {
      allowedRoots: [this.scenariosDir, this.variantsDir, this.dataDir],
      allowedBases: (await this.list()).map((entry) => entry.file),
      textLimits: POSTED_YAML_LIMITS,
      fileLimits: REFERENCED_FILE_YAML_LIMITS,
    };
  }

  async load(id: string): Promise<{ entry: ScenarioEntry } & LoadedScenario> {
    const entry = await this.entry(id);
    const loaded = await this.tasks.run({ kind: "load", file: entry.file, read: await this.readOptions() });
    return { entry, ...loaded };
  }

  /** Checks scenario text; `baseId` sets the folder that `extends:` and zone files are read from. */
  async validate(text: string, baseId: string | undefined) {
    const baseDir = baseId ? dirname((await this.entry(baseId)).file) : this.scenariosDir;
    return this.tasks.run({ kind: "validate", text, displayName: "posted.yaml", baseDir, file: "", read: await this.readOptions() });
  }

  /** A map layer of a scenario, made in a worker. */
  async mapLayer<K extends "geojson" | "roads" | "basemap">(entry: ScenarioEntry, kind: K): Promise<TaskValue[K]> {
    return this.tasks.run<K>({ kind, file: entry.file, read: await this.readOptions(), dataDir: this.dataDir } as ScenarioTask & { kind: K });
  }

  /** Emergency-speed drive times from a point or one of the scenario's stations to every zone, by the scenario's own travel model. */
  async driveTimes(entry: ScenarioEntry, from: { lat: number; lon: number } | { station: string }, cacheDir: string): Promise<TaskValue["drive-times"]> {
    return this.tasks.run({ kind: "drive-times", file: entry.file, read: await this.readOptions(), dataDir: this.dataDir, cacheDir, from });
  }

  /** The scenario's compliance table (pooled or one per owner), solved in a task thread. */
  async complianceTable(entry: ScenarioEntry, request: { byOwner: boolean; busyFraction: number }, cacheDir: string): Promise<TaskValue["compliance-table"]> {
    return this.tasks.run({ kind: "compliance-table", file: entry.file, read: await this.readOptions(), dataDir: this.dataDir, cacheDir, ...request });
  }

  /** Whether a point is on land by the data's municipality boundaries (the sea and fjords are not). */
  async onLand(lat: number, lon: number): Promise<boolean> {
    return (await this.tasks.run({ kind: "land-check", dataDir: this.dataDir, lat, lon })).onLand;
  }

  /** What a variant changes relative to the scenario it extends (empty for shipped scenarios). */
  async changes(id: string): Promise<{ entry: ScenarioEntry; parent: ScenarioEntry | null; changes: ScenarioChange[] }> {
    const entry = await this.entry(id);
    if (entry.kind !== "variant" || !entry.parent) return { entry, parent: null, changes: [] };
    const parent = await this.entry(entry.parent);
    const changes = await this.tasks.run({ kind: "changes", parentFile: parent.file, file: entry.file, read: await this.readOptions() });
    return { entry, parent, changes };
  }

  /**
   * Saves an overlay on `parentId` as a new variant named `name`. The overlay is checked by the
   * normal scenario loader, as the file it will be, before anything is written; the file then
   * appears whole (written aside, linked in without replacing anything) or not at all.
   */
  createVariant(parentId: string, name: string, overlay: Record<string, unknown>): Promise<ScenarioEntry> {
    return this.serialised(async () => {
      const parent = await this.entry(parentId);
      if ("extends" in overlay) throw new BadRequestError("the overlay must not set extends: the server sets it to the parent scenario", [{ field: "body.overlay.extends", message: "not allowed" }]);
      const entries = await this.list();
      this.refuseTakenName(entries, name);
      const existing = new Set(entries.map((entry) => entry.id));
      const stem = slug(name) || "variant";
      let id = stem;
      for (let n = 2; existing.has(id); n++) id = `${stem}-${n}`;
      mkdirSync(this.variantsDir, { recursive: true });
      const file = join(this.variantsDir, `${id}.yaml`);
      const metadata = isRecord(overlay.metadata) ? overlay.metadata : {};
      const document = { extends: relative(this.variantsDir, parent.file), ...overlay, metadata: { ...metadata, name } };
      const header = `# Variant "${name.replace(/[\r\n]/g, " ")}" saved by akutt serve on ${new Date().toISOString()}: an overlay on ${parent.id} (${parent.path}).\n`;
      const text = header + stringifyYaml(document, { lineWidth: 0 });
      await this.tasks.run({ kind: "validate", text, displayName: `${id}.yaml`, baseDir: this.variantsDir, file, read: await this.readOptions(), recordIds: true, landDataDir: this.dataDir });
      writeNew(file, text);
      const record: VariantRecord = { id, name, parent: parent.id, file, created: new Date().toISOString() };
      try {
        await this.store.addVariant(record);
      } catch (error) {
        rmSync(file, { force: true });
        throw error;
      }
      return this.variantEntry(record);
    });
  }

  /**
   * Saves scenario `id` with its demand projected to `year` (packages/runs/src/projection) as a
   * new variant; the projection runs in the task pool, and its notes become the variant's description.
   */
  async project(id: string, year: number, alternative: string | undefined, name: string | undefined): Promise<{ variant: ScenarioEntry; projection: ProjectionSummary }> {
    const entry = await this.entry(id);
    const { overlay: fields, ...projection } = await this.tasks.run({ kind: "projection", file: entry.file, read: await this.readOptions(), dataDir: this.dataDir, year, alternative });
    // The same fields `akutt project` writes: demand, and the transports and AMK work that grow with it.
    const overlay = { metadata: { description: { nb: projection.notes.nb.join(" "), en: projection.notes.en.join(" ") } }, ...fields };
    const variant = await this.createVariant(id, name ?? `${entry.name} ${year}${alternative ? ` ${alternative}` : ""}`, overlay);
    return { variant, projection };
  }

  /**
   * Checks that scenario `id` can be projected to each year with the growth alternative (in the
   * task pool), so a comparison with projections fails with the request's field, not in its worker.
   */
  async checkProjections(id: string, years: readonly number[], growth: string | undefined): Promise<void> {
    const entry = await this.entry(id);
    for (const year of years) {
      try {
        await this.tasks.run({ kind: "projection", file: entry.file, read: await this.readOptions(), dataDir: this.dataDir, year, alternative: growth });
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error;
        const fieldOf = (field: string) => (field === "body.year" ? "body.years" : field === "body.alternative" ? "body.growth" : field);
        throw new BadRequestError(error.message, error.issues.map((issue) => ({ ...issue, field: fieldOf(issue.field) })));
      }
    }
  }

  /** Gives a variant a new name (its id, file and runs stay). */
  renameVariant(id: string, name: string): Promise<ScenarioEntry> {
    return this.serialised(async () => {
      const entry = await this.variantOnly(id, "renamed");
      this.refuseTakenName((await this.list()).filter((other) => other.id !== id), name);
      const document = parseDocument(readFileSync(entry.file, "utf8"));
      document.setIn(["metadata", "name"], name);
      writeFileAtomic(entry.file, document.toString({ lineWidth: 0 }));
      await this.store.renameVariant(id, name);
      return { ...entry, name };
    });
  }

  /** Deletes a variant that no other variant builds on; its finished runs keep their results. */
  deleteVariant(id: string): Promise<void> {
    return this.serialised(async () => {
      const entry = await this.variantOnly(id, "deleted");
      const children = (await this.list()).filter((other) => other.parent === id);
      if (children.length > 0) throw new ConflictError(`variant "${id}" cannot be deleted: ${children.map((child) => `"${child.name}" (${child.id})`).join(", ")} build${children.length === 1 ? "s" : ""} on it`);
      await this.store.deleteVariant(id);
      rmSync(entry.file, { force: true });
    });
  }

  private async variantOnly(id: string, what: string): Promise<ScenarioEntry> {
    const entry = await this.entry(id);
    if (entry.kind !== "variant") throw new ConflictError(`"${id}" is a shipped scenario and cannot be ${what}; save a variant of it instead`);
    return entry;
  }

  private refuseTakenName(entries: ScenarioEntry[], name: string): void {
    const wanted = name.trim().toLocaleLowerCase("nb");
    const taken = entries.find((entry) => entry.kind === "variant" && entry.name.trim().toLocaleLowerCase("nb") === wanted);
    if (taken) throw new ConflictError(`a variant named "${taken.name}" already exists (${taken.id}); choose another name`);
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

/** Writes a file that must not exist yet: aside first, then linked into place (fails if the name was taken meanwhile). */
function writeNew(file: string, text: string): void {
  const aside = `${file}.${randomUUID()}.tmp`;
  writeFileSync(aside, text, { flag: "wx" });
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new ConflictError(`a variant file ${relative(dirname(dirname(file)), file)} already exists`);
    throw error;
  } finally {
    rmSync(aside, { force: true });
  }
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
