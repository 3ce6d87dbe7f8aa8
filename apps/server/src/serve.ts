import { hostname, networkInterfaces } from "node:os";
import { resolve } from "node:path";
import { loadScenarioFile } from "@akutt/model";
import { LiveService, LiveTokens } from "@akutt/live";
import { createApp, type AkuttApp } from "./app.js";
import { REPO_ROOT } from "./scenarios/catalog.js";

export interface ServeOptions {
  host: string;
  port: number;
  stateDir?: string | undefined;
  dataDir?: string | undefined;
  /** The mission warehouse for the indicator page. */
  warehouse?: string | undefined;
  token?: string | undefined;
  /** Further host names the server answers for (e.g. its DNS name behind a proxy). */
  allowedHosts?: readonly string[] | undefined;
  /** Simulation workers at a time (default: one per core). */
  workers?: number | undefined;
  /** Live mode (docs/live.md): the scenario file, the live folder (default out/live) and the tokens file (absent: the server's own access rule). */
  live?: { scenario: string; dir?: string | undefined; tokensFile?: string | undefined } | undefined;
}

/** The live folder when --live-dir is not given, relative to the working folder. */
export const DEFAULT_LIVE_DIR = "out/live";

/** Thrown for a flag combination the server refuses (e.g. a non-local host without a token). */
export class ServeConfigError extends Error {
  readonly isUserError = true;
  constructor(message: string) {
    super(message);
    this.name = "ServeConfigError";
  }
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const DEFAULT_STATE_DIR = resolve(REPO_ROOT, ".akutt-state");

/** Starts the API and web page; with a host other than loopback it requires a token. */
export async function startServer(options: ServeOptions): Promise<{ akutt: AkuttApp; url: string }> {
  if (!isLoopback(options.host) && !options.token) {
    throw new ServeConfigError(`--host ${options.host} makes the server reachable from other machines: give an access token with --token or AKUTT_TOKEN`);
  }
  const live = options.live ? await openLive(options.live) : undefined;
  const akutt = await createApp({
    stateDir: options.stateDir ? resolve(options.stateDir) : DEFAULT_STATE_DIR,
    dataDir: options.dataDir,
    warehouse: options.warehouse ? resolve(options.warehouse) : undefined,
    token: options.token,
    allowedHosts: hostsFor(options.host, options.allowedHosts ?? []),
    maxWorkers: options.workers,
    live,
  }).catch(async (error: unknown) => {
    await live?.service.close();
    throw error;
  });
  const address = await akutt.app.listen({ host: options.host, port: options.port });
  return { akutt, url: address.replace("127.0.0.1", "localhost") };
}

/** Loads the live scenario and tokens (user errors: exit 2), then the live store, rebuilt from its event log. */
async function openLive(live: NonNullable<ServeOptions["live"]>): Promise<{ service: LiveService; tokens: LiveTokens | undefined }> {
  const scenario = loadScenarioFile(live.scenario);
  const amkIds = new Set(scenario.amkCentres.map((amk) => amk.id));
  const tokens = live.tokensFile ? await LiveTokens.load(resolve(live.tokensFile), amkIds) : undefined;
  const service = await LiveService.open({ scenario, dir: resolve(live.dir ?? DEFAULT_LIVE_DIR) });
  return { service, tokens };
}

/**
 * The Host header values a server bound to `host` answers for: the loopback names when it is
 * local (so a web page on another site cannot reach it by rebinding a DNS name to 127.0.0.1), and
 * also this machine's addresses and name when it listens on all interfaces; plus names given.
 */
export function hostsFor(host: string, extra: readonly string[]): string[] {
  const names = new Set(["localhost", "127.0.0.1", "::1", host.toLowerCase(), ...extra.map((name) => name.toLowerCase())]);
  if (host === "0.0.0.0" || host === "::") {
    names.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces())) for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  }
  return [...names];
}
