import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type AkuttApp } from "@akutt/server";

/**
 * The whole loop in headless Chromium: look at the map, move a station, save a variant, run it,
 * compare it with the base and export the report. Set AKUTT_SCREENSHOTS=1 to refresh docs/screenshots.
 */
const CHROMIUM = process.env.AKUTT_CHROMIUM ?? "/usr/bin/chromium";
const REPO = resolve(import.meta.dirname, "../../..");
const SHOTS = process.env.AKUTT_SCREENSHOTS === "1" ? join(REPO, "docs/screenshots") : undefined;

describe("web application in Chromium", () => {
  let akutt: AkuttApp;
  let browser: Browser;
  let page: Page;
  let url: string;
  const stateDir = mkdtempSync(join(tmpdir(), "akutt-e2e-"));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/install-e2e-deps.sh (Debian package chromium) or set AKUTT_CHROMIUM`);
    akutt = await createApp({ stateDir });
    url = await akutt.app.listen({ host: "127.0.0.1", port: 0 });
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader", "--use-angle=swiftshader"],
        // Playwright gives every launch a fresh, empty user-data-dir of its own.
      });
    } catch (error) {
      throw new Error(`Chromium at ${CHROMIUM} could not start: ${(error as Error).message}`);
    }
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (error) => console.error("page error:", error.message));
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await akutt?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("shows the map with the demo scenario's stations", async () => {
    await page.goto(url);
    await page.locator("#map canvas.maplibregl-canvas").waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator("#station-list button").count()).toBe(3);
    await expect.poll(() => page.evaluate<number>("document.querySelector('#map canvas')?.width ?? 0")).toBeGreaterThan(100);
    expect(await page.locator("#map-note").textContent()).not.toContain("WebGL");
    await page.locator("#station-list button", { hasText: "Lier" }).click();
    await expect.poll(() => page.locator("#vehicle-rows tr").count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "map.png") });
  });

  it("moves a station, changes the fleet and policy, and saves a variant", async () => {
    await page.fill("#station-lat", "59.8000");
    await page.fill("#station-lon", "10.2600");
    await page.click("#move-station");
    await page.fill('#vehicle-rows input[data-group="lier-amb"]', "2");
    await page.locator('#vehicle-rows input[data-group="lier-amb"]').dispatchEvent("change");
    await page.selectOption("#cross-border", "own-first");
    await page.fill("#inter-amk", "60");
    await page.locator("#inter-amk").dispatchEvent("change");
    await expect.poll(() => page.locator("#changes").textContent()).toContain("st-lier");
    await page.fill("#variant-name", "Lier nord");
    await page.click("#save");
    await page.locator("#save-status.ok").waitFor({ timeout: 15_000 });
    expect(await page.inputValue("#scenario")).toBe("lier-nord");
    const variant = readFileSync(join(stateDir, "variants/lier-nord.yaml"), "utf8");
    expect(variant).toContain("id: st-lier");
    expect(variant).toContain("crossBorder: own-first");
  });

  it("runs the variant with a progress bar and shows tables and charts", async () => {
    await page.fill("#replications", "2");
    await page.click("#run");
    await page.locator("#area-table").waitFor({ timeout: 60_000 });
    expect(await page.locator("#run-progress").getAttribute("value")).toBe("2");
    expect(await page.locator("#area-table tbody tr").count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator("#charts svg").count()).toBe(2);
    if (SHOTS) {
      await page.locator("#results").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "run.png") });
    }
  });

  it("compares the variant with the base and exports the report", async () => {
    await page.fill("#compare-replications", "2");
    const checked = await page.locator("#compare-list input:checked").evaluateAll((boxes) => boxes.map((box) => (box as unknown as { value: string }).value));
    expect(checked.sort()).toEqual(["demo", "lier-nord"]);
    await page.selectOption("#scenario", "demo");
    await page.locator("#station-list button").first().waitFor();
    await page.click("#compare");
    await page.locator("#diff-table").waitFor({ timeout: 60_000 });
    expect(await page.locator("#diff-table thead").textContent()).toContain("Lier nord");
    if (SHOTS) {
      await page.locator("#compare-results").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "compare.png") });
    }
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-nb")]);
    const html = readFileSync((await download.path())!, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("Lier nord");
  });

  it("switches to English", async () => {
    await page.selectOption("#language", "en");
    expect(await page.locator("#h-run").textContent()).toBe("Run a simulation");
    expect(await page.evaluate<string>("document.documentElement.lang")).toBe("en");
    await page.selectOption("#language", "nb");
  });
});
