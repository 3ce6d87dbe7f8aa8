import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
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
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }

/** Runs axe-core (from npm, injected into the page, offline) and returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>("typeof window.axe !== 'undefined'"))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate<AxeViolation[]>(`window.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)`);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(", ")}`);
}

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
    // Roads of the N1000 network are drawn under the stations, and can be switched off.
    await expect.poll(() => page.locator("#map").getAttribute("data-roads"), { timeout: 15_000 }).toMatch(/^[1-9]\d+$/);
    expect(await page.locator("#map-note").textContent()).toContain("N1000");
    await page.uncheck("#layer-roads");
    expect(await page.locator("#map").getAttribute("data-roads-visible")).toBe("false");
    await page.check("#layer-roads");
    expect(await page.locator("#map").getAttribute("data-roads-visible")).toBe("true");
    await page.locator("#station-list button", { hasText: "Lier" }).click();
    await expect.poll(() => page.locator("#vehicle-rows tr").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) {
      await expect.poll(() => page.locator("#map").getAttribute("data-drawn")).toBe("true");
      await page.screenshot({ path: join(SHOTS, "map.png") });
    }
  });

  it("edits shifts, shows the loader's errors next to the vehicle, adds and moves a standby point, and switches relocation", async () => {
    await page.click('[data-edit-shifts="lier-amb"]');
    const editor = page.locator("#shift-editor-lier-amb");
    await editor.waitFor();
    expect(await page.locator("#shifts-lier-amb").textContent()).toBe("hele døgnet");
    await editor.locator("[data-add-shift]").click();
    await editor.locator("[data-add-shift]").click();
    const second = editor.locator('.shift-line[data-shift="1"]');
    await second.locator('select[data-field="days"]').selectOption("list");
    await second.locator('input[type="checkbox"][value="sat"]').check();
    await second.locator('input[data-field="start"]').fill("18:00");
    await second.locator('input[data-field="start"]').dispatchEvent("change");
    await second.locator('input[data-field="end"]').fill("07:00");
    await second.locator('input[data-field="end"]').dispatchEvent("change");
    expect(await page.locator("#shifts-lier-amb").textContent()).toBe("alle dager 07:00–19:00; man, lør 18:00–07:00");
    expect(await seriousViolations(page)).toEqual([]);

    // A standby point: add one, then move it with the form.
    await page.click("#add-standby summary");
    await page.fill("#standby-new-name", "Lierskogen");
    await page.fill("#standby-new-lat", "59.8000");
    await page.fill("#standby-new-lon", "10.3000");
    await page.click("#add-standby-button");
    await expect.poll(() => page.locator("#standby-list button").count()).toBe(1);
    await page.fill("#standby-lat", "59.8100");
    await page.fill("#standby-lon", "10.3100");
    await page.click("#move-standby");
    // Relocation to standby points, with its parameters.
    await page.selectOption("#relocation", "standby-points");
    await page.fill("#coverage-sec", "240");
    await page.locator("#coverage-sec").dispatchEvent("change");
    expect(await page.locator('#relocation-points input[type="checkbox"]').isChecked()).toBe(true);
    await expect.poll(() => page.locator("#changes").textContent()).toContain("sb-lierskogen");
    expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) {
      // A tall window, so that the shift editor, the standby point and the relocation policy are all in view.
      await page.setViewportSize({ width: 1400, height: 1700 });
      await page.locator("#h-stations").evaluate((element) => element.scrollIntoView());
      await page.screenshot({ path: join(SHOTS, "edit.png") });
      await page.setViewportSize({ width: 1400, height: 900 });
    }

    // The overlapping shift is refused by the scenario loader; the message comes back in bokmål next to the vehicle.
    await page.fill("#variant-name", "Overlapp");
    await page.click("#save");
    await page.locator('tr[data-issues-for="lier-amb"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('tr[data-issues-for="lier-amb"]').textContent()).toContain("overlapper vakt 1");
    expect(await page.locator('#shift-editor-lier-amb .shift-line[data-shift="1"] input[data-field="start"]').getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#save-status").getAttribute("class")).toBe("error");
    expect(existsSync(join(stateDir, "variants/overlapp.yaml"))).toBe(false);
    // Fixed: the night shift starts when the day shift ends.
    const fixed = page.locator('#shift-editor-lier-amb .shift-line[data-shift="1"] input[data-field="start"]');
    await fixed.fill("19:00");
    await fixed.dispatchEvent("change");
    await expect.poll(() => page.locator('tr[data-issues-for="lier-amb"]').count()).toBe(0);
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
    expect(variant).toMatch(/start: 19:00|start: "19:00"/);
    expect(variant).toContain("id: sb-lierskogen");
    expect(variant).toContain("lat: 59.81");
    expect(variant).toContain("name: standby-points");
    expect(variant).toContain("coverageSec: 240");
    // the saved variant, read back, has the new shifts and policy
    expect(await page.locator("#shifts-lier-amb").textContent()).toBe("alle dager 07:00–19:00; man, lør 19:00–07:00");
    expect(await page.inputValue("#relocation")).toBe("standby-points");
  });

  it("runs the variant with a progress bar and shows tables and charts", async () => {
    await page.fill("#replications", "2");
    await page.click("#run");
    await page.locator("#area-table").waitFor({ timeout: 60_000 });
    expect(await page.locator("#run-progress").getAttribute("value")).toBe("2");
    expect(await page.locator("#area-table tbody tr").count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator("#charts svg").count()).toBe(2);
    // Utilisation by owner and per vehicle, and the AMK, with CIs.
    expect(await page.locator("#util-owner-table tbody tr").count()).toBe(1);
    expect(await page.locator("#util-owner-table tbody").textContent()).toMatch(/\d+,\d %.*\[/);
    expect(await page.locator("#util-vehicle-table tbody tr").count()).toBe(11);
    expect(await page.locator("#amk-table tbody").textContent()).toContain("AMK Vestre Viken");
    expect(await page.locator("#legend-note").textContent()).toContain("uten konfidensintervall");
    expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) {
      await page.setViewportSize({ width: 1400, height: 1900 });
      await page.locator("#h-results").evaluate((element) => element.scrollIntoView());
      await page.screenshot({ path: join(SHOTS, "run.png") });
      await page.setViewportSize({ width: 1400, height: 900 });
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
    expect(await seriousViolations(page)).toEqual([]);
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
    expect(await seriousViolations(page)).toEqual([]);
    await page.selectOption("#language", "nb");
  });
});
