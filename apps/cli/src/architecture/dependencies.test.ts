import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "@akutt/model";

/**
 * The workspace's dependency rules (README, "Engineering standards"): one way, model ← engine ←
 * analysis ← apps, and every package lists the workspace packages it imports. npm links every
 * workspace into node_modules whether listed or not, so an unlisted import works here and breaks
 * wherever the package is used alone; this test is what notices.
 */
interface Workspace {
  name: string;
  dir: string;
  app: boolean;
  dependencies: string[];
}

const ROOT = findRepoRoot();

function workspaces(): Workspace[] {
  return ["packages", "apps"].flatMap((group) =>
    readdirSync(join(ROOT, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => {
        const dir = join(ROOT, group, entry.name);
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; dependencies?: Record<string, string> };
        return { name: manifest.name, dir, app: group === "apps", dependencies: Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith("@akutt/")) };
      }),
  );
}

/** Source files that ship: not tests, and not the end-to-end harness (it starts the server for the browser tests). */
function sourceFiles(dir: string): string[] {
  return (readdirSync(join(dir, "src"), { recursive: true }) as string[])
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith(".test.ts") && !file.endsWith("e2e-harness.ts"))
    .map((file) => join(dir, "src", file));
}

const WORKSPACE_IMPORT = /(?:\bfrom|\bimport\s*\(|\bimport)\s*["'](@akutt\/[a-z-]+)/g;

describe("workspace dependencies", () => {
  const all = workspaces();
  const byName = new Map(all.map((workspace) => [workspace.name, workspace]));

  it("finds every package and app, each with its sources", () => {
    for (const name of ["@akutt/model", "@akutt/engine", "@akutt/analysis", "@akutt/geo", "@akutt/cli", "@akutt/server", "@akutt/web"]) expect(byName.has(name), name).toBe(true);
    for (const workspace of all) expect(sourceFiles(workspace.dir).length, workspace.name).toBeGreaterThan(0);
  });

  it("lists in package.json every workspace package a shipped source file imports", () => {
    const unlisted: string[] = [];
    for (const workspace of all) {
      for (const file of sourceFiles(workspace.dir)) {
        for (const match of readFileSync(file, "utf8").matchAll(WORKSPACE_IMPORT)) {
          const imported = match[1]!;
          if (imported !== workspace.name && !workspace.dependencies.includes(imported)) unlisted.push(`${file.slice(ROOT.length + 1)} imports ${imported}`);
        }
      }
    }
    expect(unlisted).toEqual([]);
  });

  it("depends one way: no cycle, no package on an app, model on nothing, the engine on model alone", () => {
    expect(byName.get("@akutt/model")!.dependencies).toEqual([]);
    expect(byName.get("@akutt/engine")!.dependencies).toEqual(["@akutt/model"]);
    for (const workspace of all.filter((candidate) => !candidate.app)) {
      for (const dependency of workspace.dependencies) expect(byName.get(dependency)?.app, `${workspace.name} → ${dependency}`).toBe(false);
    }
    // Depth-first search over the listed dependencies: a workspace met again on the current path closes a cycle.
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === "done") return;
      if (state.get(name) === "visiting") {
        cycles.push([...path.slice(path.indexOf(name)), name].join(" → "));
        return;
      }
      state.set(name, "visiting");
      for (const dependency of byName.get(name)?.dependencies ?? []) visit(dependency, [...path, name]);
      state.set(name, "done");
    };
    for (const workspace of all) visit(workspace.name, []);
    expect(cycles).toEqual([]);
  });
});
