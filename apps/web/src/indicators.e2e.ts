import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureWarehouse, type FixtureMission } from "@akutt/indicators/testing";
import { LOAD_TIMEOUT, newPage, openSession, screenshot, serve, seriousViolations, waitForScenario, type Served, type Session } from "./e2e-harness.js";

/**
 * Kvalitetsindikatorer in Chromium, on a small warehouse: Drammen with six red incidents in
 * March and six in April 2025 (shown), Lier with two (suppressed); the demo scenario on screen
 * gives the classes. Then the CSV download, English, and a server without a warehouse.
 */
const dir = mkdtempSync(join(tmpdir(), "akutt-indicators-e2e-"));

const MISSIONS: FixtureMission[] = [
  // Drammen (3301), March: responses 4 8 11 12 13 20 → median 11.5 min, 4 of 6 within 12
  ...[4, 8, 11, 12, 13, 20].map((response, i): FixtureMission => ({ incident: `M${i}`, kommune: "3301", ringMin: i * 600, alertedMin: i * 600 + 1, atSceneMin: i * 600 + response, unit: `d${i}` })),
  // Drammen, April (from 1 April 2025 00:00 UTC): 5 6 7 8 9 30 → median 7.5, 5 of 6 within
  ...[5, 6, 7, 8, 9, 30].map((response, i): FixtureMission => ({ incident: `A${i}`, kommune: "3301", ringMin: 31 * 1440 + i * 600, alertedMin: 31 * 1440 + i * 600 + 1, atSceneMin: 31 * 1440 + i * 600 + response, unit: `d${i}` })),
  // Lier (3312): two incidents, suppressed
  ...[7, 9].map((response, i): FixtureMission => ({ incident: `L${i}`, kommune: "3312", ringMin: i * 600 + 60, alertedMin: i * 600 + 61, atSceneMin: i * 600 + 60 + response, unit: `l${i}` })),
];

describe("web application in Chromium: Kvalitetsindikatorer", () => {
  let session: Session;
  let served: Served;
  let bare: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const warehouse = join(dir, "warehouse.duckdb");
    const { instance, connection } = await fixtureWarehouse(MISSIONS, undefined, warehouse);
    connection.closeSync();
    instance.closeSync();
    session = await openSession({ warehouse });
    ({ served, browser, page } = session);
    bare = await serve();
  }, LOAD_TIMEOUT);

  afterAll(async () => {
    await session?.close();
    await bare?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the red response time per kommune and month with its trend chart, Lier suppressed as <5", async () => {
    await page.goto(served.url);
    await waitForScenario(page, "demo");
    await page.selectOption("#ind-indicator", "red-response");
    await page.selectOption("#ind-by", "month");
    await page.selectOption("#ind-group", "kommune");
    await page.click("#ind-show");
    await page.locator("#ind-table").waitFor({ timeout: 30_000 });
    const rows = await page.locator("#ind-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? "")));
    expect(rows).toContainEqual(["2025-03", "Drammen (3301)", "tettbygd", "6", "11,5", "66,7 %", "0"]);
    expect(rows).toContainEqual(["2025-04", "Drammen (3301)", "tettbygd", "6", "7,5", "83,3 %", "0"]);
    expect(rows).toContainEqual(["2025-03", "Lier (3312)", "tettbygd", "<5", "", "", ""]);
    expect(await page.locator("#ind-result").textContent()).toContain("færre enn 5 hendelser er skjult");
    // one line over two months for Drammen; Lier's values are suppressed, so it has no points
    expect(await page.locator("#ind-chart svg circle").count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "indicators.png", { scrollTo: "#h-indicators", height: 1400 });
  });

  it("downloads the same table as CSV with the suppression said in the file", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#ind-csv")]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(download.suggestedFilename()).toBe("akutt-red-response-month-kommune.csv");
    expect(csv).toMatch(/^# .*færre enn 5 hendelser er skjult/m);
    expect(csv).toContain("red-response,2025-03,kommune,3301,Drammen,tettbygd,6,medianMin,min,11.5");
    expect(csv).toContain("red-response,2025-03,kommune,3312,Lier,tettbygd,<5,medianMin,min,\n");
  });

  it("offers only the groupings an indicator is defined for, and switches to English", async () => {
    await page.selectOption("#ind-indicator", "utilisation");
    expect(await page.locator("#ind-group option").evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).toEqual(["station", "unit"]);
    await page.selectOption("#ind-indicator", "red-response");
    await page.selectOption("#ind-group", "kommune");
    await page.selectOption("#language", "en");
    await expect.poll(() => page.locator("#h-indicators").textContent()).toBe("Quality indicators");
    await expect.poll(() => page.locator("#ind-result").textContent(), { timeout: 30_000 }).toContain("fewer than 5 events are suppressed");
    expect(await page.locator("#ind-table tbody").textContent()).toContain("66.7 %");
    await page.selectOption("#language", "nb");
  });

  it("says how to import when the server has no warehouse", async () => {
    const other = await newPage(browser);
    await other.goto(bare.url);
    await waitForScenario(other, "demo");
    await other.click("#ind-show");
    await other.locator("#ind-no-warehouse").waitFor({ timeout: 30_000 });
    expect(await other.locator("#ind-no-warehouse").textContent()).toContain("akutt data import");
    await other.close();
  });
});
