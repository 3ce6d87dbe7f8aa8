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
    .action(async (flags: ServeFlags) => {
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
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE") throw new UsageError(`port ${port} on ${flags.host} is already in use; choose another with --port`);
        if (code === "EADDRNOTAVAIL") throw new UsageError(`cannot listen on ${flags.host}: no such address on this machine`);
        throw error;
      }
      const { akutt, url } = started;
      process.stderr.write(`akutt: serving on ${url} (API ${url}/api, OpenAPI ${url}/api/openapi.json); Ctrl-C stops\n`);
      const stop = () => {
        process.stderr.write("akutt: stopping\n");
        void akutt.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
