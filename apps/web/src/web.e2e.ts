import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOAD_TIMEOUT, openSession, screenshot, seriousViolations, waitForScenario, type Served, type Session } from "./e2e-harness.js";

/**
 * The whole loop on the demo scenario in headless Chromium: the map with its background and key,
 * editing (shifts, standby points, relocation, demand growth, AMK staffing, hospitals, a new vehicle),
 * saving a variant and what it changes, running it (the share within target and the simulated period),
 * comparing and exporting, the workspace after a reload, renaming and deleting variants, drive times,
 * and English. Set AKUTT_SCREENSHOTS=1 to refresh docs/screenshots.
 */
describe("web application in Chromium: the demo loop", () => {
  let session: Session;
  let served: Served;
  let page: Page;

  beforeAll(async () => {
    session = await openSession();
    ({ served, page } = session);
  }, LOAD_TIMEOUT);

  afterAll(() => session?.close());

  it("shows the map with the demo scenario's stations and roads; Escape closes a popup", async () => {
    await page.goto(served.url);
    await page.locator("#map canvas.maplibregl-canvas").waitFor({ timeout: 15_000 });
    await waitForScenario(page, "demo");
    expect(await page.locator("#station-list button").count()).toBe(3);
    await expect.poll(() => page.evaluate<number>("document.querySelector('#map canvas')?.width ?? 0")).toBeGreaterThan(100);
    expect(await page.locator("#map-note").textContent()).not.toContain("WebGL");
    // Roads of the N1000 network are drawn under the stations, and can be switched off.
    await expect.poll(() => page.locator("#map").getAttribute("data-roads"), { timeout: LOAD_TIMEOUT }).toMatch(/^[1-9]\d+$/);
    expect(await page.locator("#map-note").textContent()).toContain("N1000");
    await page.uncheck("#layer-roads");
    expect(await page.locator("#map").getAttribute("data-roads-visible")).toBe("false");
    await page.check("#layer-roads");
    expect(await page.locator("#map").getAttribute("data-roads-visible")).toBe("true");
    // A station's popup closes with Escape.
    await page.locator("#station-list button", { hasText: "Lier" }).click();
    await expect.poll(() => page.locator("#vehicle-rows tr").count()).toBe(1);
    await page.locator(".maplibregl-popup").waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".maplibregl-popup").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("draws the background map (sea, lakes, built-up areas, place names) with a key of every symbol", async () => {
    expect(await page.locator("#symbols li").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("Ambulansestasjon"), expect.stringContaining("Sjø og innsjø"), expect.stringContaining("Tettbebyggelse"), expect.stringContaining("Beredskapspunkt"), expect.stringContaining("Kommune og tettsted")]));
    await expect.poll(() => page.locator("#map").getAttribute("data-basemap"), { timeout: LOAD_TIMEOUT }).toMatch(/^[1-9]\d*$/);
    await expect.poll(() => page.locator(".place-label").count()).toBeGreaterThan(0);
    expect(await page.locator(".place-label").allTextContents()).toEqual(expect.arrayContaining(["Drammen", "Lier"]));
    expect(await page.locator("#basemap-missing").isHidden()).toBe(true);
    expect(await page.locator("#map-note").textContent()).toContain("Bakgrunn:");
    await page.uncheck("#layer-basemap");
    expect(await page.locator(".place-label").first().isHidden()).toBe(true);
    await page.check("#layer-basemap");
    await expect.poll(() => page.locator("#map").getAttribute("data-drawn")).toBe("true");
    await screenshot(page, "map.png");
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
    await expect.poll(() => page.locator("#standby-list button").count(), { timeout: LOAD_TIMEOUT }).toBe(1); // after the server's land check
    await page.fill("#standby-lat", "59.8100");
    await page.fill("#standby-lon", "10.3100");
    await page.click("#move-standby");
    // Relocation to standby points, with its parameters.
    await page.selectOption("#relocation", "standby-points");
    await page.fill("#coverage-sec", "240");
    await page.locator("#coverage-sec").dispatchEvent("change");
    expect(await page.locator('#relocation-points input[type="checkbox"]').isChecked()).toBe(true);
    await expect.poll(() => page.locator("#changes").textContent(), { timeout: LOAD_TIMEOUT }).toContain("sb-lierskogen");
    expect(await seriousViolations(page)).toEqual([]);

    // The overlapping shift is refused by the scenario loader; the message comes back in bokmål next to the vehicle.
    await page.fill("#variant-name", "Overlapp");
    await page.click("#save");
    await page.locator('tr[data-issues-for="lier-amb"]').waitFor({ timeout: LOAD_TIMEOUT });
    expect(await page.locator('tr[data-issues-for="lier-amb"]').textContent()).toContain("overlapper vakt 1");
    expect(await page.locator('#shift-editor-lier-amb .shift-line[data-shift="1"] input[data-field="start"]').getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#save-status").getAttribute("class")).toBe("error");
    expect(existsSync(join(served.stateDir, "variants/overlapp.yaml"))).toBe(false);
    // Fixed: the night shift starts when the day shift ends.
    const fixed = page.locator('#shift-editor-lier-amb .shift-line[data-shift="1"] input[data-field="start"]');
    await fixed.fill("19:00");
    await fixed.dispatchEvent("change");
    await expect.poll(() => page.locator('tr[data-issues-for="lier-amb"]').count()).toBe(0);
  });

  it("edits demand growth, AMK staffing, hospitals' capabilities and adds an ambulance, with the page's own checks in bokmål", async () => {
    // Demand growth: a factor that makes no sense is refused beside the field, then worked out from 3.5 % a year over 5 years.
    await page.fill("#growth-factor", "0");
    await page.locator("#growth-factor").dispatchEvent("change");
    expect(await page.locator("#demand-issues").textContent()).toContain("Vekstfaktoren må være et tall større enn 0");
    expect(await page.locator("#growth-factor").getAttribute("aria-invalid")).toBe("true");
    await page.fill("#variant-name", "Ugyldig");
    await page.click("#save");
    expect(await page.locator("#save-status").textContent()).toContain("Vekstfaktoren");
    await page.fill("#growth-percent", "3.5");
    await page.fill("#growth-years", "5");
    await page.click("#growth-apply");
    expect(await page.inputValue("#growth-factor")).toBe("1.188");
    expect(await page.locator("#growth-note").textContent()).toContain("+18,8 %");
    expect(await page.locator("#demand-issues").textContent()).toBe("");

    // AMK staffing: three operators on the day shift.
    const amk = page.locator("#shift-editor-amk-amk-vv");
    await amk.locator('.shift-line[data-shift="0"] input[data-field="count"]').fill("0");
    await amk.locator('.shift-line[data-shift="0"] input[data-field="count"]').dispatchEvent("change");
    expect(await page.locator("#amk-issues").textContent()).toContain("Antall operatører må være et helt tall");
    await amk.locator('.shift-line[data-shift="0"] input[data-field="count"]').fill("3");
    await amk.locator('.shift-line[data-shift="0"] input[data-field="count"]').dispatchEvent("change");
    expect(await page.locator("#amk-issues").textContent()).toBe("");

    // Hospitals: PCI patients need somewhere to go; Drammen sykehus gets PCI.
    await page.locator('tr[data-hospital="rikshospitalet"] input[value="pci"]').uncheck();
    expect(await page.locator("#hospitals-issues").textContent()).toContain("Ingen sykehus tar imot pasienter som trenger PCI");
    await page.locator('tr[data-hospital="drammen-sykehus"] input[value="pci"]').check();
    await page.locator('tr[data-hospital="rikshospitalet"] input[value="pci"]').check();
    expect(await page.locator("#hospitals-issues").textContent()).toBe("");

    // A new day ambulance at Lier, beside the existing one.
    await page.locator("#station-list button", { hasText: "Lier" }).click();
    await page.click("#add-vehicle summary");
    await page.selectOption("#new-vehicle-type", "ambulance");
    await page.selectOption("#new-vehicle-shift", "day");
    await page.click("#add-vehicle-button");
    await page.locator('#vehicle-rows input[data-group="lier-amb-ny"]').waitFor();
    expect(await page.locator("#shifts-lier-amb-ny").textContent()).toBe("alle dager 07:00–19:00");
    const changes = await page.locator("#changes").textContent();
    expect(changes).toContain("vekstfaktor: 1,00 → 1,19");
    expect(changes).toContain("AMK Vestre Viken: bemanning alle dager 07:00–23:00: 3");
    expect(changes).toContain("Vestre Viken, Drammen sykehus: generelt, hjerneslag, traume, PCI");
    expect(changes).toContain("lier-amb-ny (ambulanse × 1, st-lier; alle dager 07:00–19:00) ny");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "edit.png", { height: 2200, scrollTo: "#h-stations" });
  });

  it("moves a station, changes the fleet and policy, saves a variant, and shows what the variant changes", async () => {
    await page.fill("#station-lat", "59.8000");
    await page.fill("#station-lon", "10.2600");
    await page.click("#move-station");
    await expect.poll(() => page.locator("#changes").textContent(), { timeout: LOAD_TIMEOUT }).toContain("st-lier flyttet");
    await page.fill('#vehicle-rows input[data-group="lier-amb"]', "2");
    await page.locator('#vehicle-rows input[data-group="lier-amb"]').dispatchEvent("change");
    await page.selectOption("#cross-border", "own-first");
    await page.fill("#inter-amk", "60");
    await page.locator("#inter-amk").dispatchEvent("change");
    await page.fill("#variant-name", "Lier nord");
    await page.click("#save");
    await page.locator("#save-status.ok").waitFor({ timeout: LOAD_TIMEOUT });
    expect(await page.inputValue("#scenario")).toBe("lier-nord");
    const variant = readFileSync(join(served.stateDir, "variants/lier-nord.yaml"), "utf8");
    expect(variant).toContain("id: st-lier");
    expect(variant).toContain("crossBorder: own-first");
    expect(variant).toMatch(/start: 19:00|start: "19:00"/);
    expect(variant).toContain("id: sb-lierskogen");
    expect(variant).toContain("lat: 59.81");
    expect(variant).toContain("name: standby-points");
    expect(variant).toContain("coverageSec: 240");
    expect(variant).toContain("growthFactor: 1.188");
    expect(variant).toMatch(/id: amk-vv[\s\S]*count: 3/);
    expect(variant).toMatch(/id: drammen-sykehus[\s\S]*- pci/);
    expect(variant).toMatch(/id: lier-amb-ny[\s\S]*station: st-lier/);
    // The saved variant, read back, has the new shifts, policy, growth, staffing, capabilities and vehicle.
    await waitForScenario(page, "lier-nord");
    expect(await page.locator("#shifts-lier-amb").textContent()).toBe("alle dager 07:00–19:00; man, lør 19:00–07:00");
    expect(await page.inputValue("#relocation")).toBe("standby-points");
    expect(await page.inputValue("#growth-factor")).toBe("1.188");
    expect(await page.locator("#changes").textContent()).toContain("Ingen endringer ennå");
    // What the variant changes, from the server, in bokmål.
    await page.locator("#variant-changes").waitFor({ timeout: LOAD_TIMEOUT });
    expect(await page.locator("#variant-changes-parent").textContent()).toContain("Demo: Drammen and Lier");
    expect(await page.locator("#variant-changes-list li").count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator("#variant-changes-list").textContent()).toMatch(/st-lier|Lier/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("runs the variant and shows the share within target and the simulated period with the results", async () => {
    await page.fill("#replications", "2");
    await page.click("#run");
    await page.locator("#area-table").waitFor({ timeout: LOAD_TIMEOUT });
    expect(await page.locator("#run-progress").getAttribute("value")).toBe("2");
    expect(await page.locator("#area-table tbody tr").count()).toBeGreaterThanOrEqual(6);
    // Regression: the column read a field the report does not have and always showed "–".
    expect(await page.locator("#area-table thead").textContent()).toContain("Innen mål");
    const red = page.locator("#area-table tbody tr", { hasText: "rød" });
    expect(await red.count()).toBe(2);
    for (const cell of await red.locator('td[data-figure="within-target"]').allTextContents()) expect(cell).toMatch(/^\d+,\d %( \[\d+,\d–\d+,\d\])?$/);
    expect(await red.first().locator("td").nth(5).textContent()).toBe("12 min");
    // What was simulated is shown with the result.
    const info = await page.locator("#run-info").textContent();
    expect(info).toContain("Simulert periode: 3. mars 2025, 00:00 – 31. mars 2025, 01:00");
    expect(info).toContain("(28 døgn; de første 2 døgnene er innsvingning og ikke med i tallene)");
    expect(info).toContain("2 replikasjoner · frø 1");
    expect(await page.locator("#charts svg").count()).toBe(2);
    expect(await page.locator("#util-owner-table tbody tr").count()).toBe(1);
    expect(await page.locator("#util-owner-table tbody").textContent()).toMatch(/\d+,\d %.*\[/);
    expect(await page.locator("#util-vehicle-table tbody tr").count()).toBe(12);
    expect(await page.locator("#util-vehicle-table tbody").textContent()).toContain("lier-amb-ny");
    expect(await page.locator("#amk-table tbody").textContent()).toContain("AMK Vestre Viken");
    expect(await page.locator("#legend-note").textContent()).toContain("uten konfidensintervall");
    expect(await page.locator("#map").getAttribute("data-coloured")).toBe("true");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "run.png", { height: 2000, scrollTo: "#h-results" });
  });

  it("compares the variant with the base, shows the period and the projection to 2035, and opens and downloads the report", async () => {
    await page.fill("#compare-replications", "2");
    await page.fill("#compare-years", "2035");
    const checked = await page.locator("#compare-list input:checked").evaluateAll((boxes) => boxes.map((box) => (box as unknown as { value: string }).value));
    expect(checked.sort()).toEqual(["demo", "lier-nord"]);
    await page.selectOption("#scenario", "demo");
    await waitForScenario(page, "demo");
    await page.click("#compare");
    await page.locator("#diff-table").waitFor({ timeout: LOAD_TIMEOUT });
    expect(await page.locator("#diff-table thead").textContent()).toContain("Lier nord");
    expect(await page.locator("#compare-info").textContent()).toContain("Simulert periode: 3. mars 2025, 00:00 –");
    expect(await page.locator("#compare-info").textContent()).toContain("2 replikasjoner · frø 1");
    const projection = await page.locator("#projection-table").textContent();
    expect(projection).toContain("2035");
    expect(projection).toContain("Lier (3312)");
    expect(await page.locator("#compare-results").textContent()).toContain("Alderssammensetningen holdes som i 2026");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "compare.png", { scrollTo: "#h-compare" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-nb")]);
    const html = readFileSync((await download.path())!, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("Lier nord");
    const [report] = await Promise.all([page.context().waitForEvent("page"), page.click("#open-nb")]);
    await report.waitForLoadState();
    expect(await report.locator("html").getAttribute("lang")).toBe("nb");
    expect(await report.content()).toContain("Lier nord");
    await report.close();
  });

  it("lists runs and comparisons after a reload and reopens them with their results", async () => {
    await page.reload();
    await waitForScenario(page, "demo");
    await expect.poll(() => page.locator("#run-list li[data-job]").count(), { timeout: LOAD_TIMEOUT }).toBe(1);
    expect(await page.locator("#run-list li").first().textContent()).toContain("Lier nord");
    expect(await page.locator("#run-list li").first().textContent()).toContain("2 replikasjoner · frø 1");
    expect(await page.locator("#comparison-list li[data-job]").count()).toBe(1);
    expect(await page.locator("#results").isHidden()).toBe(true);
    await page.locator("#run-list li button").first().click();
    await page.locator("#area-table").waitFor({ timeout: LOAD_TIMEOUT });
    expect(await page.inputValue("#scenario")).toBe("lier-nord");
    expect(await page.locator("#run-info").textContent()).toContain("Resultater for Lier nord. Simulert periode");
    expect(await page.locator("#map").getAttribute("data-coloured")).toBe("true");
    await page.locator("#comparison-list li button").first().click();
    await page.locator("#diff-table").waitFor({ timeout: LOAD_TIMEOUT });
    expect(await page.inputValue("#scenario")).toBe("demo");
    expect(await page.locator("#diff-table thead").textContent()).toContain("Lier nord");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "workspace.png", { height: 1600, scrollTo: "#h-workspace" });
    // Reopening the run puts its results on screen and takes the comparison away: one result at a time.
    await page.locator("#run-list li button").first().click();
    await expect.poll(() => page.locator("#diff-table").count(), { timeout: LOAD_TIMEOUT }).toBe(0);
    expect(await page.locator("#area-table").count()).toBe(1);
  });

  it("renames a variant, refuses to delete one another variant builds on, and deletes one", async () => {
    await page.selectOption("#scenario", "lier-nord");
    await waitForScenario(page, "lier-nord");
    await page.click("#rename-variant");
    await page.fill("#rename-name", "Lier nord, flyttet");
    await page.click("#rename-save");
    await expect.poll(() => page.locator("#variant-status").textContent(), { timeout: LOAD_TIMEOUT }).toContain("Nytt navn: «Lier nord, flyttet»");
    expect(await page.locator('#scenario option[value="lier-nord"]').textContent()).toBe("★ Lier nord, flyttet (lier-nord)");
    // A variant of the variant.
    await page.fill("#growth-factor", "1.3");
    await page.locator("#growth-factor").dispatchEvent("change");
    await page.fill("#variant-name", "Lier nord med vekst");
    await page.click("#save");
    await page.locator("#save-status.ok").waitFor({ timeout: LOAD_TIMEOUT });
    await waitForScenario(page, "lier-nord-med-vekst");
    expect(await page.locator("#variant-changes-parent").textContent()).toContain("Lier nord, flyttet");
    // The parent cannot go while the child builds on it.
    await page.selectOption("#scenario", "lier-nord");
    await waitForScenario(page, "lier-nord");
    await page.click("#delete-variant");
    expect(await page.locator("#delete-question").textContent()).toContain("Slette varianten «Lier nord, flyttet»?");
    await page.keyboard.press("Escape");
    expect(await page.locator("#delete-confirm").isHidden()).toBe(true);
    await page.click("#delete-variant");
    await page.click("#delete-yes");
    await expect.poll(() => page.locator("#variant-status").textContent(), { timeout: LOAD_TIMEOUT }).toContain("Varianten kan ikke slettes");
    expect(await page.locator('#scenario option[value="lier-nord"]').count()).toBe(1);
    // The child can.
    await page.selectOption("#scenario", "lier-nord-med-vekst");
    await waitForScenario(page, "lier-nord-med-vekst");
    await page.click("#delete-variant");
    await page.click("#delete-yes");
    await expect.poll(() => page.locator("#variant-status").textContent()).toContain("Slettet «Lier nord med vekst»");
    expect(await page.locator('#scenario option[value="lier-nord-med-vekst"]').count()).toBe(0);
    await waitForScenario(page, "lier-nord");
    // Shipped scenarios cannot be renamed or deleted from the page.
    await page.selectOption("#scenario", "demo");
    await waitForScenario(page, "demo");
    expect(await page.locator("#variant-actions").isHidden()).toBe(true);
  });

  it("colours the zones by drive time from a station, and Escape hides them", async () => {
    await page.locator("#station-list button", { hasText: "Lier" }).click();
    await page.keyboard.press("Escape"); // the station's popup
    await page.click("#drive-times");
    await expect.poll(() => page.locator("#map").getAttribute("data-drive-times"), { timeout: LOAD_TIMEOUT }).toBe("11");
    expect(await page.locator("#drive-title").textContent()).toBe("Kjøretid med blålys fra Lier ambulansestasjon");
    expect(await page.locator("#drive-classes li").allTextContents()).toEqual([expect.stringMatching(/^≤ 8 min \(\d+ soner\)$/), expect.stringMatching(/^≤ 12 min/), expect.stringMatching(/^≤ 25 min/), expect.stringMatching(/^> 25 min/), expect.stringMatching(/^ingen veg/)]);
    const counted = (await page.locator("#drive-classes li").allTextContents()).map((text) => Number(/\((\d+) soner\)/.exec(text)?.[1]));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(11);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "drivetime.png");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#drive-legend").isHidden()).toBe(true);
    expect(await page.locator("#map").getAttribute("data-drive-times")).toBe("0");
  });

  it("saves the demo projected to 2035 as a variant and says the age structure is held at 2026's", async () => {
    await page.selectOption("#scenario", "demo");
    await waitForScenario(page, "demo");
    await page.fill("#project-year", "2035");
    await page.click("#project");
    await expect.poll(() => page.locator("#project-status").textContent(), { timeout: LOAD_TIMEOUT }).toContain("Alderssammensetningen holdes som i 2026");
    expect(await page.locator("#scenario").inputValue()).toMatch(/2035/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("switches to English, messages included", async () => {
    await page.selectOption("#language", "en");
    expect(await page.locator("#h-run").textContent()).toBe("Run a simulation");
    expect(await page.evaluate<string>("document.documentElement.lang")).toBe("en");
    await page.fill("#growth-factor", "-1");
    await page.locator("#growth-factor").dispatchEvent("change");
    expect(await page.locator("#demand-issues").textContent()).toBe("The growth factor must be a number above 0 and at most 10 (1 = as today).");
    expect(await page.locator("#symbols li").first().textContent()).toContain("Ambulance station");
    expect(await seriousViolations(page)).toEqual([]);
    await page.selectOption("#language", "nb");
    expect(await page.locator("#demand-issues").textContent()).toContain("Vekstfaktoren må være");
  });
});
