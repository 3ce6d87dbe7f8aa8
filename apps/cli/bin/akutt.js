#!/usr/bin/env node
// Runs the compiled CLI (apps/cli/dist/akutt.js, built by scripts/build.mjs when npm installs).
// If a source file changed since that build, it rebuilds first (about a second), so an old build
// never runs in place of the current sources.
import { ensureBuilt } from "../../../scripts/build.mjs";

try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`akutt: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await import("../dist/akutt.js");
