import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RoadNetwork } from "../network/road-network.js";

/**
 * A throw-away PostgreSQL server with pgRouting, for comparing our routing with an independent router.
 * It lives in a temporary folder, listens only on a Unix socket there and a free local port, and is
 * stopped and removed by stop(). Needs Debian's postgresql and postgresql-15-pgrouting
 * (scripts/install-geo-test-deps.sh). As root, the server runs as the `postgres` user.
 */
export class PgRoutingServer {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly binDir: string,
    private readonly runAs: string | null,
  ) {}

  static async start(): Promise<PgRoutingServer> {
    const binDir = findBinDir();
    const dir = mkdtempSync(join(tmpdir(), "akutt-pg-"));
    const isRoot = process.getuid?.() === 0;
    let runAs: string | null = null;
    if (isRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(dir, uid, gid);
      chmodSync(dir, 0o700);
      runAs = "postgres";
    }
    const port = await freePort();
    const server = new PgRoutingServer(dir, port, binDir, runAs);
    try {
      server.run("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
      server.run("pg_ctl", ["-D", join(dir, "data"), "-l", join(dir, "server.log"), "-w", "-t", "30", "-o", `-p ${port} -k ${dir} -c listen_addresses=localhost -c fsync=off`, "start"]);
      server.sql("CREATE EXTENSION pgrouting CASCADE;");
    } catch (error) {
      const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8").slice(-2000) : "(no server log)";
      server.stop();
      throw new Error(`could not start PostgreSQL with pgRouting: ${(error as Error).message}\n${log}`);
    }
    return server;
  }

  private command(tool: string, args: string[]): [string, string[]] {
    const path = join(this.binDir, tool);
    return this.runAs ? ["runuser", ["-u", this.runAs, "--", path, ...args]] : [path, args];
  }

  private run(tool: string, args: string[], input?: string): string {
    const [cmd, full] = this.command(tool, args);
    const result = spawnSync(cmd, full, { input, encoding: "utf8", maxBuffer: 1 << 30 });
    if (result.error) throw new Error(`${tool}: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`${tool} exited with ${result.status}: ${result.stderr.trim().slice(0, 2000)}`);
    return result.stdout;
  }

  /** Runs SQL through psql; returns unaligned, comma-separated rows. */
  sql(statements: string): string {
    return this.run("psql", ["-h", this.dir, "-p", String(this.port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt", "-F", ","], statements);
  }

  /** Loads a network as pgRouting's edge table `edges` (node ids = our node index + 1; -1 cost = closed direction). */
  loadNetwork(network: RoadNetwork): void {
    const rows: string[] = [];
    for (let l = 0; l < network.linkFrom.length; l++) {
      const forward = network.linkForwardSec[l]!;
      const backward = network.linkBackwardSec[l]!;
      const fixed = network.linkFixedSec[l]!;
      rows.push(`${l + 1},${network.linkFrom[l]! + 1},${network.linkTo[l]! + 1},${Number.isFinite(forward) ? forward + fixed : -1},${Number.isFinite(backward) ? backward + fixed : -1}`);
    }
    this.sql(`DROP TABLE IF EXISTS edges; CREATE TABLE edges (id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8);\nCOPY edges FROM STDIN WITH (FORMAT csv);\n${rows.join("\n")}\n\\.\nANALYZE edges;\n`);
  }

  /** pgr_dijkstraCost between our node indices; returns a map "from,to" → seconds (unreachable pairs absent), and the query time. */
  costMatrix(sources: readonly number[], targets: readonly number[]): { costs: Map<string, number>; elapsedSec: number } {
    const started = performance.now();
    const out = this.sql(
      `SELECT start_vid - 1, end_vid - 1, agg_cost FROM pgr_dijkstraCost('SELECT id, source, target, cost, reverse_cost FROM edges', ARRAY[${sources.map((s) => s + 1).join(",")}]::bigint[], ARRAY[${targets.map((t) => t + 1).join(",")}]::bigint[], directed => true);`,
    );
    const elapsedSec = (performance.now() - started) / 1000;
    const costs = new Map<string, number>();
    for (const line of out.split("\n")) {
      if (!line) continue;
      const [a, b, c] = line.split(",");
      costs.set(`${a},${b}`, Number(c));
    }
    return { costs, elapsedSec };
  }

  stop(): void {
    try {
      if (existsSync(join(this.dir, "data", "postmaster.pid"))) this.run("pg_ctl", ["-D", join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function findBinDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql: run scripts/install-geo-test-deps.sh (apt-get install postgresql postgresql-15-pgrouting)");
  }
  return join(base, versions[0]!, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
