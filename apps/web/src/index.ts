import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export interface WebAssets {
  "index.html": string;
  "app.js": string;
  "app.css": string;
}

const WEB_DIR = resolveWebDir();
/**
 * apps/web: the nearest folder at or above this module with client/main.ts, or apps/web below one.
 * From source this module is apps/web/src/index.ts; compiled into the CLI it is a file in
 * apps/cli/dist (scripts/build.mjs), and the repository root above it holds apps/web.
 */
function resolveWebDir(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "client", "main.ts"))) return dir;
    if (existsSync(join(dir, "apps", "web", "client", "main.ts"))) return join(dir, "apps", "web");
    if (dirname(dir) === dir) throw new Error(`apps/web/client not found above ${start}`);
  }
}

/**
 * Bundles the page (client/*.ts and maplibre-gl from npm) with esbuild, in memory, in well under a
 * second: no build step to forget, no CDN, nothing written to disk.
 */
export async function buildWebAssets(): Promise<WebAssets> {
  const result = await build({
    entryPoints: [join(WEB_DIR, "client", "main.ts")],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const js = result.outputFiles[0]!.text;
  const require = createRequire(import.meta.url);
  const maplibreCss = readFileSync(join(dirname(require.resolve("maplibre-gl/package.json")), "dist", "maplibre-gl.css"), "utf8");
  const ownCss = readFileSync(join(WEB_DIR, "client", "style.css"), "utf8");
  return { "index.html": readFileSync(join(WEB_DIR, "client", "index.html"), "utf8"), "app.js": js, "app.css": `${maplibreCss}\n${ownCss}` };
}
