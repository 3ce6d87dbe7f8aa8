/**
 * The server connection as the planner sees it: a banner when the server cannot be reached (an event
 * stream broke, a request failed, or the periodic /api/health check failed), polling until it answers
 * again, then the banner goes and whoever waits (a run's progress) carries on. A 401 gets its own
 * banner that says how to open the page with its token.
 */
import { apiEvents, authHeaders } from "./api.js";
import { $ } from "./dom.js";
import { t } from "./i18n.js";

const HEARTBEAT_MS = 10_000;
const RETRY_MS = 2_000;

let down = false;
let unauthorized = false;
let polling: ReturnType<typeof setTimeout> | undefined;
const waiting = new Set<() => void>();

export const isDown = (): boolean => down;

/** Calls `listener` once the server answers again after a loss; returns a function that cancels. */
export function onReconnect(listener: () => void): () => void {
  waiting.add(listener);
  return () => waiting.delete(listener);
}

async function healthy(): Promise<boolean> {
  try {
    const response = await fetch("/api/health", { headers: authHeaders(), cache: "no-store", signal: AbortSignal.timeout(4_000) });
    // Any answer but a gateway's means the server is there (a 401 is the token's problem, shown apart).
    return response.status < 502;
  } catch {
    return false;
  }
}

export function connectionLost(): void {
  if (down) return;
  down = true;
  render();
  schedulePoll();
}

function schedulePoll(): void {
  clearTimeout(polling);
  polling = setTimeout(() => void poll(), RETRY_MS);
}

async function poll(): Promise<void> {
  if (!down) return;
  if (await healthy()) restored();
  else schedulePoll();
}

function restored(): void {
  if (!down) return;
  down = false;
  clearTimeout(polling);
  render();
  const banner = $("connection-banner");
  banner.hidden = false;
  banner.className = "banner ok";
  banner.textContent = t("connBack");
  setTimeout(() => {
    if (!down) banner.hidden = true;
  }, 4_000);
  for (const listener of [...waiting]) {
    waiting.delete(listener);
    listener();
  }
}

function render(): void {
  const banner = $("connection-banner");
  if (down) {
    banner.className = "banner warn";
    banner.textContent = t("connLost");
    banner.hidden = false;
  }
  const auth = $("auth-banner");
  auth.hidden = !unauthorized;
  if (unauthorized) auth.textContent = t("authNeeded");
}

/** Re-renders the banners in the current language. */
export function renderConnection(): void {
  render();
  const banner = $("connection-banner");
  if (!down && !banner.hidden) banner.textContent = t("connBack");
}

export function initConnection(): void {
  apiEvents.addEventListener("offline", connectionLost);
  apiEvents.addEventListener("online", () => {
    if (down) restored();
  });
  apiEvents.addEventListener("unauthorized", () => {
    unauthorized = true;
    render();
  });
  window.addEventListener("offline", connectionLost);
  window.addEventListener("online", () => void poll());
  setInterval(() => {
    if (down || document.hidden) return;
    void healthy().then((ok) => {
      if (!ok) connectionLost();
    });
  }, HEARTBEAT_MS);
}
