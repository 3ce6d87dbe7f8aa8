import { resolve } from "node:path";
import { createApp, type AkuttApp } from "./app.js";
import { REPO_ROOT } from "./catalog.js";

export interface ServeOptions {
  host: string;
  port: number;
  stateDir?: string | undefined;
  dataDir?: string | undefined;
  token?: string | undefined;
}

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
  const akutt = await createApp({ stateDir: options.stateDir ? resolve(options.stateDir) : DEFAULT_STATE_DIR, dataDir: options.dataDir, token: options.token });
  const address = await akutt.app.listen({ host: options.host, port: options.port });
  return { akutt, url: address.replace("127.0.0.1", "localhost") };
}
