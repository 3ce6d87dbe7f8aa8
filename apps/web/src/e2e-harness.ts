/**
 * Shared by the end-to-end tests (*.e2e.ts): a server in process on a free port with its own state
 * folder, Debian's Chromium driven by playwright-core, axe-core, and screenshots for docs/.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createApp, startServer, type AkuttApp } from "@akutt/server";

export const CHROMIUM = process.env.AKUTT_CHROMIUM ?? "/usr/bin/chromium";
export const REPO = resolve(import.meta.dirname, "../../..");
/** Set AKUTT_SCREENSHOTS=1 to refresh docs/screenshots. */
export const SHOTS = process.env.AKUTT_SCREENSHOTS === "1" ? join(REPO, "docs/screenshots") : undefined;
/** The first load of a scenario reads boundaries and zones and may start worker threads: allow for it. */
export const LOAD_TIMEOUT = 60_000;
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface Served {
  akutt: AkuttApp;
  url: string;
  stateDir: string;
  close(): Promise<void>;
}

/** `warehouse`: the mission warehouse file the quality-indicator page reads; `live`: live mode as akutt serve --live starts it. */
export async function serve(options: { token?: string; warehouse?: string; live?: { scenario: string; dir: string; tokensFile?: string } } = {}): Promise<Served> {
  const stateDir = mkdtempSync(join(tmpdir(), "akutt-e2e-"));
  let akutt: AkuttApp;
  let url: string;
  if (options.live) ({ akutt, url } = await startServer({ host: "127.0.0.1", port: 0, stateDir, token: options.token, warehouse: options.warehouse, live: options.live }));
  else {
    akutt = await createApp({ stateDir, ...(options.token ? { token: options.token } : {}), ...(options.warehouse ? { warehouse: options.warehouse } : {}) });
    url = await akutt.app.listen({ host: "127.0.0.1", port: 0 });
  }
  return {
    akutt,
    url,
    stateDir,
    async close() {
      await akutt.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A server (see serve) with Chromium and one page on it; close() closes the browser, then the server. */
export interface Session {
  served: Served;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The start-up every e2e file shares: serve, launch Chromium, open a page; the server is closed again if Chromium fails. */
export async function openSession(options: Parameters<typeof serve>[0] = {}): Promise<Session> {
  const served = await serve(options);
  try {
    const browser = await launchChromium();
    const page = await newPage(browser);
    return {
      served,
      browser,
      page,
      async close() {
        await browser.close();
        await served.close();
      },
    };
  } catch (error) {
    await served.close();
    throw error;
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/install-e2e-deps.sh (Debian package chromium) or set AKUTT_CHROMIUM`);
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      // Software rendering (SwiftShader), as on the project's machines; Playwright gives every launch a fresh user-data-dir.
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader", "--use-angle=swiftshader"],
    });
  } catch (error) {
    throw new Error(`Chromium at ${CHROMIUM} could not start: ${(error as Error).message}`);
  }
}

export async function newPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  page.on("pageerror", (error) => console.error("page error:", error.message));
  return page;
}

/** Waits until the scenario on screen has loaded (its stations listed, nothing loading). */
export async function waitForScenario(page: Page, id: string): Promise<void> {
  const ready = `document.querySelector("#scenario")?.value === ${JSON.stringify(id)} && document.querySelector("#panel")?.getAttribute("aria-busy") !== "true" && document.querySelectorAll("#station-list button").length > 0`;
  await page.waitForFunction(ready, undefined, { timeout: LOAD_TIMEOUT });
}

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }

/** Runs axe-core (from npm, injected into the page, offline) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>("typeof window.axe !== 'undefined'"))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate<AxeViolation[]>(`window.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)`);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(", ")}`);
}

/** A screenshot for docs/screenshots when AKUTT_SCREENSHOTS=1; `height` makes the window taller for it. */
export async function screenshot(page: Page, name: string, options: { scrollTo?: string; height?: number } = {}): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  if (options.height && size) await page.setViewportSize({ width: size.width, height: options.height });
  if (options.scrollTo) await page.locator(options.scrollTo).evaluate((element) => element.scrollIntoView());
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, name) });
  if (options.height && size) await page.setViewportSize(size);
}

/** The page's own measurement of drag moves (input event → next frame), in ms. */
export const dragMoves = (page: Page): Promise<number[]> => page.evaluate<number[]>("window.akutt?.perf?.dragMoves ?? []");

/** Screen position (page coordinates) of a map point, through the map the page exposes for tests. */
export async function mapPoint(page: Page, lat: number, lon: number): Promise<{ x: number; y: number }> {
  const inMap = await page.evaluate<{ x: number; y: number }>(`(() => { const p = window.akutt.map.project([${lon}, ${lat}]); return { x: p.x, y: p.y }; })()`);
  const box = (await page.locator("#map").boundingBox())!;
  return { x: box.x + inMap.x, y: box.y + inMap.y };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
export const quantile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
};
