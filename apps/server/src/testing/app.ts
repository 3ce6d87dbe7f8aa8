import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { createApp, type AkuttApp } from "../app.js";

/**
 * For a describe block of route tests: an app (no web client, 64 KiB bodies) on a fresh state
 * folder, made before its tests and closed and removed after. Returns its `inject`.
 */
export function useTestApp(): (options: InjectOptions) => Promise<LightMyRequestResponse> {
  let akutt: AkuttApp | undefined;
  let stateDir: string | undefined;
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), "akutt-state-"));
    akutt = await createApp({ stateDir, web: false, bodyLimit: 64 * 1024 });
  }, 60_000);
  afterAll(async () => {
    await akutt?.close();
    if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
  });
  return (options) => akutt!.app.inject(options);
}
