import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOAD_TIMEOUT, openSession, screenshot, seriousViolations, waitForScenario, type Served, type Session } from "./e2e-harness.js";

/**
 * The "Optimise" view on the demo scenario in headless Chromium: choose the siting problem (model,
 * ambulances, a station kept, a trust's bound), run it with progress, see the ranked table and the
 * chosen sites on the map, save the best plan as a variant that appears in the scenario list, and
 * compare it with today; and the relocation form's engine policies (dynamic MEXCLP, compliance table).
 */
describe("web application in Chromium: optimise the demo's siting", () => {
  let session: Session;
  let served: Served;
  let page: Page;

  beforeAll(async () => {
    session = await openSession();
    ({ served, page } = session);
  }, LOAD_TIMEOUT);

  afterAll(() => session?.close());

  it("solves, simulates and ranks the best plans, draws their sites and saves one as a variant", async () => {
    await page.goto(served.url);
    await waitForScenario(page, "demo");
    // The problem's choices come from the scenario: its ambulances, stations and trusts.
    expect(Number(await page.inputValue("#optimise-vehicles"))).toBeGreaterThan(0);
    expect(await page.locator("#optimise-fixed input").count()).toBe(3);
    expect(await page.locator("#optimise-trusts input").count()).toBe(2);
    await page.selectOption("#optimise-model", "mexclp");
    await page.fill("#optimise-vehicles", "7");
    await page.check('#optimise-fixed input[value="st-svelvik"]');
    await page.fill('#optimise-trusts input[data-bound="max"]', "7");
    await page.fill("#optimise-plans", "2");
    await page.fill("#optimise-replications", "2");
    // A bad bound is refused on the page (the form does not submit), before anything is sent.
    await page.fill('#optimise-trusts input[data-bound="min"]', "-1");
    await page.click("#optimise");
    expect(await page.locator('#optimise-trusts input[data-bound="min"]:invalid').count()).toBe(1);
    expect(await page.locator("#optimise-progress").isVisible()).toBe(false);
    await page.fill('#optimise-trusts input[data-bound="min"]', "");

    await page.click("#optimise");
    await expect.poll(() => page.locator("#optimise-progress").isVisible()).toBe(true);
    await page.locator("#ranking-table tbody tr").first().waitFor({ timeout: 180_000 });
    // Today and the plans the MIP found (at most two), ranked 1, 2, …
    const ranks = await page.locator("#ranking-table tbody tr td:first-child").allTextContents();
    expect(ranks.length).toBeGreaterThanOrEqual(2);
    expect(ranks).toEqual(ranks.map((_, i) => String(i + 1)));
    expect(await page.locator("#ranking-table tbody tr", { hasText: "I dag" }).count()).toBe(1);
    await expect.poll(() => page.locator("#map").getAttribute("data-optimised")).toMatch(/^[1-9]\d*$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "optimise.png", { scrollTo: "#h-optimise" });

    await page.fill("#optimise-save-name", "Optimert demo (e2e)");
    await page.locator("#ranking-table button[data-save]").first().click();
    await expect.poll(() => page.locator("#optimise-save-status").textContent(), { timeout: LOAD_TIMEOUT }).toContain("Optimert demo (e2e)");
    expect(await page.locator("#scenario option", { hasText: "Optimert demo (e2e)" }).count()).toBe(1);

    // … and opens it in the comparison: today against the saved plan, on common random numbers.
    await page.fill("#compare-replications", "2");
    await page.click("#optimise-compare");
    await page.locator("#diff-table tbody tr").first().waitFor({ timeout: 180_000 });
    expect(await page.locator("#diff-table thead").textContent()).toContain("Optimert demo (e2e)");
  }, 400_000);

  it("chooses the engine's standby policies in the relocation form: dynamic MEXCLP and a compliance table per trust", async () => {
    await page.goto(served.url);
    await waitForScenario(page, "demo");
    await page.selectOption("#relocation", "dynamic-mexclp");
    expect(await page.locator("#relocation-busy").isVisible()).toBe(true);
    expect(await page.locator("#relocation-mexclp").isVisible()).toBe(true);
    expect(await page.inputValue("#busy-fraction")).toBe("0.3");
    expect(await page.inputValue("#mexclp-coverage-sec")).toBe("720");
    // A busy share of 1 is refused on the page, with nothing saved.
    await page.fill("#busy-fraction", "1");
    await page.dispatchEvent("#busy-fraction", "change");
    await page.fill("#variant-name", "Dynamisk MEXCLP (e2e)");
    await page.click("#save");
    await expect.poll(() => page.locator("#save-status").textContent()).toContain("Andelen opptatt må være over 0 og under 1");
    await page.fill("#busy-fraction", "0.4");
    await page.dispatchEvent("#busy-fraction", "change");
    await page.click("#save");
    await expect.poll(() => page.locator("#save-status").textContent(), { timeout: LOAD_TIMEOUT }).toContain("Dynamisk MEXCLP (e2e)");

    await page.goto(served.url);
    await waitForScenario(page, "demo");
    await page.selectOption("#relocation", "compliance-table");
    expect(await page.locator("#relocation-compliance").isVisible()).toBe(true);
    await page.selectOption("#compliance-source", "by-owner");
    // Saving before the table is computed is refused on the page.
    await page.fill("#variant-name", "Oppstillingstabell per foretak (e2e)");
    await page.click("#save");
    await expect.poll(() => page.locator("#save-status").textContent()).toContain("Beregn tabellen før du lagrer");
    await page.click("#compute-compliance");
    await expect.poll(() => page.locator("#compliance-status").textContent(), { timeout: 120_000 }).toContain("vv: 9 rader");
    await page.click("#save");
    await expect.poll(() => page.locator("#save-status").textContent(), { timeout: LOAD_TIMEOUT }).toContain("Oppstillingstabell per foretak (e2e)");
    // The saved variant opens with its own table as the source.
    await expect.poll(() => page.inputValue("#compliance-source"), { timeout: LOAD_TIMEOUT }).toBe("scenario");
    expect(await page.inputValue("#relocation")).toBe("compliance-table");
    expect(await seriousViolations(page)).toEqual([]);
  }, 300_000);
});
