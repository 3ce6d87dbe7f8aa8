import type { Command } from "commander";
import { startServer } from "@akutt/server";
import { parsePositiveInteger } from "../io/options.js";
import { UsageError } from "../io/user-error.js";
import { DEFAULT_WAREHOUSE } from "./indicators.js";

interface ServeFlags {
  host: string;
  port: string;
  stateDir?: string;
  dataDir?: string;
  token?: string;
  allowHost?: string[];
  workers?: string;
  warehouse: string;
  live?: string;
  liveDir?: string;
  liveTokens?: string;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("start the web application and its HTTP API (docs/web.md)")
    .option("--host <host>", "address to listen on; anything but localhost needs --token", "127.0.0.1")
    .option("--port <n>", "port", "8080")
    .option("--state-dir <dir>", "folder for the database and saved variants (default: .akutt-state in the repository)")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .option("--token <token>", "access token required as Authorization: Bearer (default: $AKUTT_TOKEN)")
    .option("--allow-host <name...>", "further host names the server answers for (its DNS name behind a proxy); others get 421")
    .option("--workers <n>", "simulation runs at a time (default: one per core)")
    .option("--warehouse <file>", "the mission warehouse the quality-indicator page reads (akutt data import)", DEFAULT_WAREHOUSE)
    .option("--live <scenario>", "live mode (docs/live.md): take events of the scenario's units, zones and AMKs at /api/live")
    .option("--live-dir <dir>", "live mode: folder of the event log and the audit log (default: out/live)")
    .option("--live-tokens <file>", "live mode: tokens per AMK with roles (viewer, dispatcher), a private YAML file (docs/live.md)")
    .action(async (flags: ServeFlags) => {
      if (flags.live === undefined && (flags.liveDir !== undefined || flags.liveTokens !== undefined)) throw new UsageError("--live-dir and --live-tokens belong to live mode: give the scenario with --live SCENARIO");
      const port = flags.port === "0" ? 0 : parsePositiveInteger("--port", flags.port);
      let started: Awaited<ReturnType<typeof startServer>>;
      try {
        started = await startServer({
          host: flags.host,
          port,
          stateDir: flags.stateDir,
          dataDir: flags.dataDir,
          warehouse: flags.warehouse,
          token: flags.token ?? process.env.AKUTT_TOKEN,
          allowedHosts: flags.allowHost,
          workers: flags.workers === undefined ? undefined : parsePositiveInteger("--workers", flags.workers),
          live: flags.live === undefined ? undefined : { scenario: flags.live, dir: flags.liveDir, tokensFile: flags.liveTokens },
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE") throw new UsageError(`port ${port} on ${flags.host} is already in use; choose another with --port`);
        if (code === "EADDRNOTAVAIL") throw new UsageError(`cannot listen on ${flags.host}: no such address on this machine`);
        throw error;
      }
      const { akutt, url } = started;
      process.stderr.write(`akutt: serving on ${url} (API ${url}/api, OpenAPI ${url}/api/openapi.json); Ctrl-C stops\n`);
      if (akutt.live) process.stderr.write(`akutt: live mode in ${akutt.live.dir}: ${akutt.live.startNote}; post events to ${url}/api/live/events\n`);
      const stop = () => {
        process.stderr.write("akutt: stopping\n");
        void akutt.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
