#!/usr/bin/env node
/**
 * Compiles the command line and the server's worker threads to JavaScript in apps/cli/dist, so
 * nothing is transpiled at run time (`npm install` runs this as the root `prepare` script).
 *
 *   node scripts/build.mjs           build once (npm run build)
 *   node scripts/build.mjs --watch   rebuild on every change (npm run build:watch)
 *
 * apps/cli/bin/akutt.js calls ensureBuilt() before it loads the bundle: when any source file the
 * bundle was made from (or this script, or the installed packages) is newer than the build, it
 * rebuilds first (about a second), so a stale build never runs old code.
 *
 * Layout: one flat folder, ESM with code splitting.
 *   akutt.js        the CLI (apps/cli/src/main.ts); the server (`akutt serve`) is a chunk loaded
 *                   only by that command, so `akutt --help` does not load fastify or DuckDB.
 *   X-boot.js       every apps/server/src/**\/X-boot.js and packages/<name>/src/**\/X-boot.js worker entry, compiled with its tsx
 *                   registration removed. Worker URLs are written `new URL("./X-boot.js",
 *                   import.meta.url)` next to the module that starts the worker: from source that
 *                   is the tsx boot file; bundled, import.meta.url is a file in this folder, where
 *                   the compiled boot file of the same name sits.
 *   *-HASH.js       shared chunks.
 *   build-info.json the input files and the time the build started (for the staleness check).
 * Workspace code and the pure-JS packages on the CLI's path (BUNDLED) are bundled; DEFERRED ones
 * are loaded from node_modules on first use; every other package is left to Node at run time
 * (native code, worker files, large server-only deps).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const OUT_DIR = join(ROOT, "apps", "cli", "dist");
const INFO = join(OUT_DIR, "build-info.json");
const THIS_FILE = fileURLToPath(import.meta.url);
/** npm rewrites this on every install: a changed dependency means the bundled copies may be old. */
const INSTALLED = join(ROOT, "node_modules", ".package-lock.json");

/** Pure-JS packages on the CLI's start-up path: bundled, because loading them from node_modules costs ~0.2 s. */
const BUNDLED = new Set(["commander", "cli-progress", "yaml", "zod", "flatbush", "flatqueue", "pbf", "point-in-polygon-hao"]);
/** Modules the CLI loads only when a command needs them: importer (relative to the root) → module. */
const LAZY = [{ importer: "apps/cli/src/commands/serve.ts", module: "@akutt/server", exports: ["startServer"] }];
/**
 * Packages whose exports are all functions used after start-up: the bundle gets wrappers that
 * require() the package from node_modules on the first call (h3-js allocates 32 MB when loaded).
 */
const DEFERRED = ["h3-js"];
/** Output files of an earlier build are deleted once they are this old (a running process may still load them). */
const KEEP_OLD_MS = 60 * 60 * 1000;

const rel = (path) => relative(ROOT, path).split(sep).join("/");

/** Worker entry files: every *-boot.js under apps/server/src and packages/<name>/src. */
function bootFiles() {
  const packages = join(ROOT, "packages");
  const dirs = [join(ROOT, "apps", "server", "src"), ...readdirSync(packages).map((name) => join(packages, name, "src")).filter((dir) => existsSync(dir))];
  const files = dirs.flatMap((dir) =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith("-boot.js"))
      .map((file) => join(dir, file)),
  );
  const names = new Map();
  for (const file of files) {
    const name = basename(file, ".js");
    if (names.has(name)) throw new Error(`two worker entries named ${name}.js (${rel(names.get(name))}, ${rel(file)}): the compiled ones share one folder`);
    names.set(name, file);
  }
  return names;
}

function options() {
  const entryPoints = { akutt: join(ROOT, "apps", "cli", "src", "main.ts") };
  for (const [name, file] of bootFiles()) entryPoints[name] = file;
  return {
    entryPoints,
    outdir: OUT_DIR,
    entryNames: "[name]",
    chunkNames: "[name]-[hash]",
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked", // node --enable-source-maps shows TypeScript lines
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: "warning",
    // CommonJS code inside the bundle may call require() for Node's own modules.
    banner: { js: 'import { createRequire as __akuttCreateRequire } from "node:module"; const require = __akuttCreateRequire(import.meta.url);' },
    plugins: [noTsxInBootFiles(), lazyModules(), deferredPackages(), externalPackages()],
  };
}

/** The boot files register tsx for running from source; compiled, there is nothing to register. */
function noTsxInBootFiles() {
  return {
    name: "no-tsx",
    setup(build) {
      build.onResolve({ filter: /^tsx(\/|$)/ }, (args) => {
        if (!args.importer.endsWith("-boot.js")) return { errors: [{ text: `${rel(args.importer)} imports ${args.path}: only *-boot.js files may use tsx` }] };
        return { path: args.path, namespace: "no-tsx" };
      });
      build.onLoad({ filter: /.*/, namespace: "no-tsx" }, () => ({ contents: "export function register() {}", loader: "js" }));
    },
  };
}

/** Replaces a statically imported module by async wrappers that import it on first call (a separate chunk). */
function lazyModules() {
  return {
    name: "lazy-modules",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const lazy = LAZY.find((entry) => entry.module === args.path && args.importer === join(ROOT, entry.importer));
        return lazy ? { path: `${lazy.importer}:${lazy.module}`, namespace: "lazy", pluginData: lazy } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => {
        const { importer, module, exports } = args.pluginData;
        const contents = exports.map((name) => `export async function ${name}(...args) { return (await import(${JSON.stringify(module)})).${name}(...args); }`).join("\n");
        return { contents, loader: "js", resolveDir: dirname(join(ROOT, importer)) };
      });
    },
  };
}

/** DEFERRED packages: a wrapper per exported function; importing anything else fails the build. */
function deferredPackages() {
  return {
    name: "deferred-packages",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!DEFERRED.includes(args.path)) return undefined;
        if (args.namespace === "deferred") return { path: args.path, external: true }; // the wrappers' require()
        const fromImporter = createRequire(args.importer).resolve(args.path);
        const fromOut = createRequire(join(OUT_DIR, "akutt.js")).resolve(args.path);
        if (fromOut !== fromImporter) return { errors: [{ text: `${args.path} resolves to ${fromOut} from ${rel(OUT_DIR)} but to ${fromImporter} from ${rel(args.importer)}` }] };
        return { path: args.path, namespace: "deferred", pluginData: { resolved: fromOut } };
      });
      build.onLoad({ filter: /.*/, namespace: "deferred" }, (args) => {
        const module = createRequire(import.meta.url)(args.pluginData.resolved);
        const names = Object.keys(module).filter((name) => typeof module[name] === "function");
        const contents = [
          `let loaded;`,
          `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
          ...names.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
        ].join("\n");
        return { contents, loader: "js" };
      });
    },
  };
}

/**
 * Bare imports from the repository's own code: @akutt/* and BUNDLED packages are bundled (and whatever
 * they import); anything else stays external, checked to resolve to the same file from OUT_DIR.
 */
function externalPackages() {
  const skip = { externalCheck: true };
  return {
    name: "external-packages",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.externalCheck || args.path.startsWith("node:") || args.path.startsWith("@akutt/")) return undefined;
        if (args.importer.includes(`${sep}node_modules${sep}`) || args.namespace !== "file") return undefined;
        const parts = args.path.split("/");
        const name = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
        if (BUNDLED.has(name)) return undefined;
        const fromImporter = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: skip });
        const fromOut = await build.resolve(args.path, { kind: args.kind, resolveDir: OUT_DIR, pluginData: skip });
        if (fromImporter.errors.length > 0) return { errors: fromImporter.errors };
        if (fromImporter.external) return { path: args.path, external: true }; // Node's own modules
        if (fromOut.errors.length > 0 || fromOut.path !== fromImporter.path) {
          return { errors: [{ text: `${args.path} (imported by ${rel(args.importer)}) would load a different copy from ${rel(OUT_DIR)} than from its importer (${fromOut.path || "not found"} instead of ${fromImporter.path}); bundle it (BUNDLED in scripts/build.mjs) or let npm hoist it` }] };
        }
        return { path: args.path, external: true };
      });
    },
  };
}

async function loadEsbuild() {
  // esbuild is a dependency of apps/web; resolve it from there rather than relying on hoisting.
  const require = createRequire(join(ROOT, "apps", "web", "package.json"));
  return import(pathToFileURL(require.resolve("esbuild")).href);
}

/** Writes each file through a temporary name and a rename, so a running process never reads half a file. */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

function writeOutputs(result, startedAt) {
  mkdirSync(OUT_DIR, { recursive: true });
  const outputs = result.outputFiles.map((file) => file.path);
  const entryPaths = new Set(Object.entries(result.metafile.outputs).filter(([, output]) => output.entryPoint).map(([path]) => resolve(ROOT, path)));
  // Chunks first, entry files after them, build-info last: whoever reads an entry finds its chunks.
  const ordered = [...result.outputFiles].sort((a, b) => Number(entryPaths.has(a.path)) - Number(entryPaths.has(b.path)));
  for (const file of ordered) writeAtomically(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes(":") && !input.split("/").includes("node_modules"))
    .map((input) => rel(resolve(ROOT, input)))
    .sort();
  const info = { builtFrom: startedAt, inputs, outputs: outputs.map((path) => basename(path)).sort() };
  writeAtomically(INFO, `${JSON.stringify(info, null, 1)}\n`);
  // The build-info's time is when the build started: a file saved during the build makes it stale.
  utimesSync(INFO, new Date(), new Date(startedAt));
  const keep = new Set([...info.outputs, basename(INFO)]);
  for (const name of readdirSync(OUT_DIR)) {
    if (keep.has(name)) continue;
    const path = join(OUT_DIR, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { force: true });
    } catch {
      // removed by a concurrent build
    }
  }
  return info;
}

export class BuildError extends Error {}

/** Builds once; returns the seconds it took. */
export async function buildOnce() {
  const startedAt = Date.now();
  const esbuild = await loadEsbuild();
  mkdirSync(OUT_DIR, { recursive: true }); // the external-package check resolves from there
  let result;
  try {
    result = await esbuild.build(options());
  } catch {
    // esbuild has printed the errors with file, line and column
    throw new BuildError(`build of ${rel(OUT_DIR)} failed`);
  }
  writeOutputs(result, startedAt);
  return (Date.now() - startedAt) / 1000;
}

/**
 * Why the build in OUT_DIR is out of date, or undefined when it is current. Cheap (a few
 * milliseconds): one stat per source file, with plain string paths (path.join costs more here).
 */
export function staleReason() {
  let info;
  try {
    info = JSON.parse(readFileSync(INFO, "utf8"));
  } catch {
    return "no build yet";
  }
  for (const name of info.outputs) if (!existsSync(`${OUT_DIR}/${name}`)) return `${name} is missing`;
  const builtFrom = info.builtFrom;
  const installed = statSync(INSTALLED, { throwIfNoEntry: false });
  if (installed && installed.mtimeMs > builtFrom) return "the installed packages changed";
  for (const path of [THIS_FILE, ...info.inputs.map((input) => `${ROOT}/${input}`)]) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) return `${rel(path)} was removed`;
    if (stat.mtimeMs > builtFrom) return `${rel(path)} changed`;
  }
  return undefined;
}

/** Rebuilds when the build is missing or older than its sources; says so on a terminal. */
export async function ensureBuilt() {
  const reason = staleReason();
  if (reason === undefined) return;
  const seconds = await buildOnce();
  if (process.stderr.isTTY) process.stderr.write(`akutt: rebuilt ${rel(OUT_DIR)} in ${seconds.toFixed(1)} s (${reason})\n`);
}

async function watch() {
  const esbuild = await loadEsbuild();
  mkdirSync(OUT_DIR, { recursive: true });
  let startedAt = Date.now();
  const opts = options();
  opts.plugins.push({
    name: "write",
    setup(build) {
      build.onStart(() => {
        startedAt = Date.now();
      });
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        writeOutputs(result, startedAt);
        process.stderr.write(`built ${rel(OUT_DIR)} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; watching (Ctrl-C stops)\n`);
      });
    },
  });
  const context = await esbuild.context(opts);
  await context.watch();
}

if (process.argv[1] && resolve(process.argv[1]) === THIS_FILE) {
  if (process.argv.includes("--watch")) {
    await watch();
  } else {
    let seconds;
    try {
      seconds = await buildOnce();
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`built ${rel(OUT_DIR)} (akutt.js, ${[...bootFiles().keys()].map((name) => `${name}.js`).join(", ")}) in ${seconds.toFixed(1)} s\n`);
  }
}
