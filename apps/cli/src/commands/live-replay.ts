import { existsSync } from "node:fs";
import type { Command } from "commander";
import { loadScenarioFile } from "@akutt/model";
import { simulateReplication } from "@akutt/engine";
import { replayEvents } from "@akutt/live";
import { prepareRun } from "@akutt/runs";
import { parsePositiveInteger, parseSeed } from "../io/options.js";
import { UsageError } from "../io/user-error.js";
import { DEFAULT_POST_OPTIONS, paceEvents, postEvents } from "./live-client.js";

interface ReplayFlags {
  server: string;
  token?: string;
  speed: string;
  day?: string;
  seed: string;
  batch: string;
  dataDir?: string;
}

/** The live API takes at most this many events per POST (docs/live.md). */
const MAX_BATCH = 1000;
const MAX_SPEED = 1_000_000;

function parseSpeed(text: string): number {
  if (text === "max") return Infinity;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > MAX_SPEED) throw new UsageError(`--speed must be a number of simulated seconds per second above 0 and at most ${MAX_SPEED}, or max, got "${text.slice(0, 40)}"`);
  return value;
}

function parseServer(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server must be the live server's address such as http://127.0.0.1:8080, got "${text.slice(0, 80)}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--server must be an http or https address, got "${text.slice(0, 80)}"`);
  return url;
}

export function registerLive(program: Command): void {
  const live = program.command("live").description("live AMK decision support: feed the live API of akutt serve --live (docs/live.md)");
  live
    .command("replay <scenario>")
    .description("simulate the scenario and stream one day of it into the live API as events (incidents, unit statuses, positions) at the given speed, for demonstration and tests")
    .requiredOption("--server <url>", "the live server, e.g. http://127.0.0.1:8080")
    .option("--token <token>", "a dispatcher token of the live server (default: $AKUTT_LIVE_TOKEN; none for a local server started without tokens)")
    .option("--speed <n>", "simulated seconds per second (60: a day in 24 minutes), or max", "60")
    .option("--day <n>", "day of the scenario to replay, 1 = its first (default: the first day after warm-up)")
    .option("--seed <n>", "seed of the simulated run", "1")
    .option("--batch <n>", `most events per request (at most ${MAX_BATCH})`, "200")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (scenarioFile: string, flags: ReplayFlags) => {
      const server = parseServer(flags.server);
      const token = flags.token ?? process.env.AKUTT_LIVE_TOKEN;
      if (token === "") throw new UsageError("--token is empty: give a dispatcher token of the live server, or leave --token out for a local server started without tokens");
      const speed = parseSpeed(flags.speed);
      const seed = parseSeed(flags.seed);
      const maxBatch = parsePositiveInteger("--batch", flags.batch);
      if (maxBatch > MAX_BATCH) throw new UsageError(`--batch must be at most ${MAX_BATCH}, got ${maxBatch}`);
      if (!existsSync(scenarioFile)) throw new UsageError(`no scenario at ${scenarioFile}`);
      const scenario = loadScenarioFile(scenarioFile, { dataDir: flags.dataDir });
      const days = scenario.metadata.durationDays;
      const day = flags.day === undefined ? Math.min(days, Math.floor(scenario.metadata.warmUpDays) + 1) : parsePositiveInteger("--day", flags.day);
      if (day > days) throw new UsageError(`--day must be at most ${days}, the scenario's length in days, got ${day}`);

      const prepared = await prepareRun(scenario, { dataDir: flags.dataDir });
      process.stderr.write(`akutt: simulating ${scenario.metadata.name} (seed ${seed}, travel: ${prepared.travel.name})\n`);
      const result = simulateReplication(prepared.inputs, seed, 0);
      const fromSec = prepared.calendar.simSecAtLocal(day - 1, 0);
      const toSec = Math.min(prepared.inputs.compiled.horizonSec, prepared.calendar.simSecAtLocal(day, 0));
      const events = replayEvents({
        compiled: prepared.inputs.compiled,
        travel: prepared.inputs.travel,
        incidents: result.incidents,
        interAmkDelaySec: prepared.inputs.dispatch.interAmkDelaySec,
        startIso: prepared.calendar.startIso,
        seed,
        window: { fromSec, toSec },
      });
      const wallMin = Number.isFinite(speed) ? (toSec - fromSec) / speed / 60 : 0;
      process.stderr.write(`akutt: day ${day}: ${events.length} events to ${server.origin}${Number.isFinite(speed) ? ` at ${speed}× (about ${wallMin.toFixed(0)} min)` : " as fast as it acknowledges"}\n`);

      const interactive = process.stderr.isTTY === true;
      let lastLineMs = 0;
      const progress = await paceEvents(events, {
        fromSec,
        speed,
        maxBatch,
        clock: { now: () => performance.now(), sleep: DEFAULT_POST_OPTIONS.sleep },
        send: (batch) => postEvents(server, token, batch),
        onBatch: (sofar, simSec) => {
          // A line a few seconds apart at most; the simulated clock shows where the day is.
          if (performance.now() - lastLineMs < (interactive ? 1000 : 10_000)) return;
          lastLineMs = performance.now();
          const clock = new Date(Date.parse(prepared.calendar.startIso) + simSec * 1000).toISOString().slice(0, 16).replace("T", " ");
          process.stderr.write(`akutt: ${clock} UTC  sent ${sofar.sent}/${events.length}, accepted ${sofar.accepted}, duplicates ${sofar.duplicates}, refused ${sofar.refusedCount}\n`);
        },
      });
      process.stdout.write(`sent ${progress.sent} events: accepted ${progress.accepted}, duplicates ${progress.duplicates}, refused ${progress.refusedCount}\n`);
      if (progress.refusedCount === 0) return;
      const reasons = new Map<string, number>();
      for (const { reason } of progress.refused) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 10)) process.stdout.write(`  refused ${count}×: ${reason.slice(0, 200)}\n`);
      process.exitCode = 1;
    });
}
