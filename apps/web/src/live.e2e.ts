import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOAD_TIMEOUT, REPO, openSession, screenshot, seriousViolations, waitForScenario, type Session } from "./e2e-harness.js";

/**
 * Situasjon in Chromium: a live server on the demo scenario (akutt serve --live with a tokens file),
 * `akutt live replay` streaming day 3 into it with a dispatcher's token, and the page opened with a
 * viewer's token: units on the map by status and owner, open incidents with their waiting time, the
 * ranked units of a chosen incident, coverage now, move-up advice and the next hour, in both languages.
 */
const dir = mkdtempSync(join(tmpdir(), "akutt-live-e2e-"));
const DISPATCHER = "replay-dispatcher-token";
const VIEWER = "screen-viewer-token";
const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

describe("web application in Chromium: Situasjon (live)", () => {
  let session: Session;
  let page: Page;
  let replay: ChildProcess | undefined;
  let replayOutput = "";

  beforeAll(async () => {
    const tokens = join(dir, "tokens.yaml");
    writeFileSync(tokens, `tokens:\n  - { name: replay, amk: "*", role: dispatcher, sha256: ${sha256(DISPATCHER)} }\n  - { name: screen, amk: amk-vv, role: viewer, sha256: ${sha256(VIEWER)} }\n`);
    chmodSync(tokens, 0o600);
    session = await openSession({ live: { scenario: join(REPO, "scenarios/demo/demo.yaml"), dir: join(dir, "live"), tokensFile: tokens } });
    page = session.page;
    // Day 3 at 60× (an hour a minute, so an incident stays open long enough to choose it): the state at midnight, then the night as it happens.
    replay = spawn(process.execPath, [join(REPO, "apps/cli/bin/akutt.js"), "live", "replay", "scenarios/demo/demo.yaml", "--server", session.served.url, "--token", DISPATCHER, "--speed", "60", "--day", "3", "--seed", "2"], { cwd: REPO });
    replay.stdout?.on("data", (chunk: Buffer) => (replayOutput += chunk.toString()));
    replay.stderr?.on("data", (chunk: Buffer) => (replayOutput += chunk.toString()));
  }, LOAD_TIMEOUT);

  afterAll(async () => {
    replay?.kill();
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows every unit by status and owner, the open incidents and coverage now, following the replay live", async () => {
    await page.goto(`${session.served.url}/#token=${VIEWER}`);
    await waitForScenario(page, "demo");
    await page.locator("#sit-body").waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
    // All ten units of the demo on the map, and the key names the statuses they are in.
    await page.waitForFunction(`document.getElementById("map")?.dataset.liveUnits === "10"`, undefined, { timeout: LOAD_TIMEOUT });
    expect(await page.locator("#sit-key").textContent()).toMatch(/ledig på stasjon: \d+/);
    expect(await page.locator("#sit-units").textContent()).toContain("amk-vv");
    // The replay moves the clock: the time shown advances.
    const first = await page.locator("#sit-as-of").textContent();
    await page.waitForFunction(`document.getElementById("sit-as-of")?.textContent !== ${JSON.stringify(first)}`, undefined, { timeout: LOAD_TIMEOUT });
    await page.locator("#sit-incident-table tbody tr").first().waitFor({ timeout: LOAD_TIMEOUT });
    const coverage = await page.locator("#sit-coverage-table tbody tr").evaluateAll((rows) => rows.map((row) => row.querySelector("th")?.textContent ?? ""));
    expect(coverage).toEqual(["Drammen (3301)", "Lier (3312)", "Alle områder"]);
    expect(await page.locator("#sit-stream").textContent()).toContain("følger hendelsene");
  });

  it("ranks the units for a chosen incident with ETA, owner, status and the inter-AMK step; move-up and the next hour", async () => {
    // An incident may close before its units are ranked: then the next one is chosen.
    let incidentId: string | null = null;
    for (let attempt = 0; attempt < 5 && incidentId === null; attempt++) {
      const button = page.locator("#sit-incident-table button[data-incident]").first();
      await button.waitFor({ timeout: LOAD_TIMEOUT });
      const chosen = await button.getAttribute("data-incident");
      await button.click();
      const shown = await page.locator("#sit-ranked").waitFor({ timeout: 15_000 }).then(() => true, () => false);
      if (shown) incidentId = chosen;
    }
    expect(incidentId).not.toBeNull();
    expect(await page.locator("#sit-ranked caption").textContent()).toContain(incidentId!);
    const ranked = await page.locator("#sit-ranked tbody tr").evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? "")));
    expect(ranked.length).toBeGreaterThan(0);
    for (const [rank, , eta, owner, status, step] of ranked) {
      expect(rank).toMatch(/^\d+$/);
      expect(eta).toMatch(/^\d+,\d min$/);
      expect(owner).toMatch(/^vv \((eget|annet) helseforetak\)$/);
      expect(status).toMatch(/^ledig/);
      expect(step).toBe("–"); // one AMK in the demo: no step between AMKs
    }
    await page.locator("#sit-move-up p").first().waitFor();
    expect(await page.locator("#sit-move-up").textContent()).toMatch(/Dekning nå \d+ %, etter flyttingene \d+ %/);
    expect(await page.locator("#sit-move-up").textContent()).toMatch(/Forventet dekning av røde oppdrag \(MEXCLP, hver enhet opptatt med sannsynlighet 0,30, innen 12 min\): nå \d+,\d %, etter flyttingene \d+,\d %/);
    await page.locator("#sit-forecast-table").waitFor({ timeout: LOAD_TIMEOUT });
    expect(await page.locator("#sit-forecast-table tbody tr").count()).toBe(2);
    // The forecast's limits in the page's language, not the API's English.
    expect(await page.locator("#sit-forecast").textContent()).toContain("Anrop besvares straks: 113-køen og AMK-operatørene simuleres ikke");
    expect(await page.locator("#sit-forecast").textContent()).not.toContain("Calls are answered at once");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "live-situation.png", { scrollTo: "#h-situation", height: 1300 });
    await screenshot(page, "live-recommendation.png", { scrollTo: "#sit-recommendation", height: 1300 });
  });

  it("speaks English too", async () => {
    await page.selectOption("#language", "en");
    expect(await page.locator("#h-situation").textContent()).toBe("Situation");
    expect(await page.locator("#sit-incident-table caption").textContent()).toMatch(/^Open incidents: \d+/);
    expect(await page.locator("#sit-coverage-table caption").textContent()).toBe("Share of the population a free ambulance reaches within 12 min");
    expect(await page.locator("#sit-forecast").textContent()).toContain("Calls are answered at once: the 113 queue");
    expect(await page.locator("#sit-move-up").textContent()).toMatch(/Expected coverage of red calls \(MEXCLP, each unit busy with probability 0\.30, within 12 min\)/);
    await page.selectOption("#language", "nb");
  });

  it("the replay was accepted by the server without refusals so far", () => {
    expect(replayOutput).toContain("akutt: day 3:");
    expect(replayOutput).not.toMatch(/refused [1-9]/);
  });
});
