import { createServer, connect, type Server, type Socket } from "node:net";
import type { Browser, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOAD_TIMEOUT, launchChromium, newPage, screenshot, serve, seriousViolations, waitForScenario, type Served } from "./e2e-harness.js";

/**
 * What goes wrong around the journey: quick scenario switches, a phone-sized window, a server that
 * goes away and comes back, and a page opened without its token.
 */

/** A TCP proxy in front of the server that can be cut (every connection dropped, the port closed) and restored. */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: number) {}
  async start(): Promise<string> {
    this.server = createServer((client) => {
      const upstream = connect(this.target, "127.0.0.1");
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}/`;
  }
  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe("web application in Chromium: robustness", () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    served = await serve();
    browser = await launchChromium();
  }, LOAD_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it("switching scenarios quickly shows only the latest choice, and a save goes to the scenario shown", async () => {
    const page = await newPage(browser);
    await page.goto(served.url);
    await waitForScenario(page, "demo");
    // The Asker and Bærum scenario answers slowly; the planner changes their mind before it arrives.
    let held = 0;
    const slow = async (route: Route) => {
      held++;
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await route.continue().catch(() => undefined); // the page may have aborted it
    };
    await page.route(/\/api\/scenarios\/asker-baerum-base(\/geojson)?$/, slow);
    await page.selectOption("#scenario", "asker-baerum-base");
    await expect.poll(() => held).toBeGreaterThan(0);
    await page.selectOption("#scenario", "validation-mmc");
    await page.selectOption("#scenario", "demo");
    await waitForScenario(page, "demo");
    await page.waitForTimeout(6_000); // the slow answers (one after the other, or together) have come or were aborted by now
    expect(await page.inputValue("#scenario")).toBe("demo");
    expect(await page.locator("#station-list button").allTextContents()).toEqual(["Drammen ambulansestasjon", "Lier ambulansestasjon", "Svelvik ambulansestasjon"]);
    expect(await page.locator("#scenario-info").textContent()).toContain("scenarios/demo/demo.yaml");
    // A save goes to the scenario on screen.
    await page.fill("#growth-factor", "1.1");
    await page.locator("#growth-factor").dispatchEvent("change");
    await page.fill("#variant-name", "Etter raskt bytte");
    const [request] = await Promise.all([page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/variants")), page.click("#save")]);
    expect(new URL(request.url()).pathname).toBe("/api/scenarios/demo/variants");
    await page.locator("#save-status.ok").waitFor({ timeout: LOAD_TIMEOUT });
    const entries = (await (await fetch(new URL("/api/scenarios", served.url))).json()) as { scenarios: Array<{ id: string; parent: string | null }> };
    expect(entries.scenarios.find((e) => e.id === "etter-raskt-bytte")?.parent).toBe("demo");
    await page.close();
  });

  it("fits a 390 px wide phone (no sideways scrolling, the header stays in view) and a wide screen", async () => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await page.goto(served.url);
    await waitForScenario(page, "demo");
    const overflow = () => page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    expect(await overflow()).toBe(0);
    const mapBox = (await page.locator("#map").boundingBox())!;
    expect(mapBox.width).toBeGreaterThan(350);
    expect(mapBox.height).toBeGreaterThan(250);
    await screenshot(page, "mobile.png");
    // Open what is widest: a station's vehicles and shift editor, the AMK staffing, the hospitals, a run's results.
    await page.locator("#station-list button", { hasText: "Drammen" }).click();
    await page.keyboard.press("Escape");
    await page.click('[data-edit-shifts="drm-day"]');
    await page.locator("#shift-editor-drm-day").waitFor();
    await page.fill("#replications", "2");
    await page.click("#run");
    await page.locator("#area-table").waitFor({ timeout: LOAD_TIMEOUT });
    expect(await overflow()).toBe(0);
    // Scrolled to the results, the header is still at the top of the window.
    await page.locator("#h-results").scrollIntoViewIfNeeded();
    await page.evaluate("window.scrollBy(0, 400)");
    expect(await page.evaluate<number>("window.scrollY")).toBeGreaterThan(800);
    const header = (await page.locator("header").boundingBox())!;
    expect(header.y).toBe(0);
    expect(await page.evaluate<boolean>("document.querySelector('header').contains(document.elementFromPoint(195, 12))")).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "mobile-results.png");
    // On a wide screen the window never scrolls: the panel scrolls in its column beside the map.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.evaluate("window.scrollTo(0, 0)");
    await expect.poll(() => page.evaluate<number[]>("[document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]")).toEqual([0, 0]);
    expect((await page.locator("#map").boundingBox())!.width).toBeGreaterThan(1300);
    await page.close();
  });

  it("shows a lost connection instead of a frozen progress bar, and carries on when the server is back", async () => {
    const proxy = new CuttableProxy(Number(new URL(served.url).port));
    const url = await proxy.start();
    const page = await newPage(browser);
    await page.goto(url);
    await waitForScenario(page, "demo");
    expect(await page.locator("#connection-banner").isHidden()).toBe(true);
    await page.fill("#replications", "60");
    await page.click("#run");
    await expect.poll(() => page.locator("#run-progress").evaluate((bar) => (bar as unknown as { value: number }).value), { timeout: LOAD_TIMEOUT }).toBeGreaterThan(0);
    await proxy.cut();
    const banner = page.locator("#connection-banner");
    await banner.waitFor({ state: "visible", timeout: 15_000 });
    expect(await banner.textContent()).toContain("Mistet forbindelsen med serveren");
    expect(await page.locator("#run-status").textContent()).toBe("Venter på serveren …");
    expect(await page.locator("#run-progress").getAttribute("data-stalled")).toBe("true");
    const atCut = await page.locator("#run-progress").evaluate((bar) => (bar as unknown as { value: number }).value);
    await page.waitForTimeout(3_000);
    await proxy.start(); // the same port again
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toBe("Forbindelsen med serveren er tilbake.");
    // Progress goes on from where the server is (or the run has finished meanwhile and its results show).
    await expect
      .poll(async () => (await page.locator("#area-table").count()) > 0 || (await page.locator("#run-progress").evaluate((bar) => (bar as unknown as { value: number }).value)) > atCut, { timeout: LOAD_TIMEOUT })
      .toBe(true);
    expect(await page.locator("#run-progress").getAttribute("data-stalled")).toBeNull();
    await page.evaluate("document.querySelector('#cancel-run:not([hidden])')?.click()"); // unless it has finished meanwhile
    await expect.poll(() => page.locator("#run-status").textContent(), { timeout: LOAD_TIMEOUT }).toMatch(/^(Avbrutt|Ferdig)/);
    await page.close();
    await proxy.cut();
  });

  it("says what a server error means in the page's language, not in the server's English", async () => {
    const page = await newPage(browser);
    await page.goto(served.url);
    await waitForScenario(page, "demo");
    // The server's queue is full: it answers 503 with its own (English) words.
    await page.route("**/api/runs", (route: Route) =>
      route.request().method() === "POST"
        ? route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "unavailable", message: "100 runs and comparisons are already waiting; try again" }) })
        : route.continue(),
    );
    await page.click("#run");
    await expect.poll(() => page.locator("#run-status").textContent(), { timeout: LOAD_TIMEOUT }).toBe("Serveren er opptatt; prøv igjen litt senere.");
    await page.selectOption("#language", "en");
    await page.click("#run");
    await expect.poll(() => page.locator("#run-status").textContent(), { timeout: LOAD_TIMEOUT }).toBe("The server is busy; try again a little later. (100 runs and comparisons are already waiting; try again)");
    await page.selectOption("#language", "nb");
    await page.close();
  });

  it("says how to open the page when the server wants a token it was not given", async () => {
    const guarded = await serve({ token: "e2e-secret" });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(guarded.url);
      const banner = page.locator("#auth-banner");
      await banner.waitFor({ state: "visible", timeout: LOAD_TIMEOUT });
      expect(await banner.textContent()).toContain("krever en tilgangsnøkkel");
      expect(await banner.textContent()).toContain("#token=");
      expect(await page.locator("#connection-banner").isHidden()).toBe(true);
      await page.selectOption("#language", "en");
      expect(await banner.textContent()).toContain("The server needs an access token");
      expect(await seriousViolations(page)).toEqual([]);
      await page.selectOption("#language", "nb");
      // With the token in the link, everything loads and the token leaves the address bar.
      await page.goto(`${guarded.url}#token=e2e-secret`);
      await page.reload();
      await waitForScenario(page, "demo");
      expect(await banner.isHidden()).toBe(true);
      expect(page.url()).not.toContain("e2e-secret");
      await context.close();
    } finally {
      await guarded.close();
    }
  });
});

