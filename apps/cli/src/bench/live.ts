import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { simulateReplication } from "@akutt/engine";
import { replayEvents } from "@akutt/live";
import { findRepoRoot, loadScenarioFile } from "@akutt/model";
import { prepareRun } from "@akutt/runs";
import { startServer } from "@akutt/server";
import { DEFAULT_POST_OPTIONS, postEvents } from "../commands/live-client.js";

export interface LiveFigure {
  scenario: string;
  /** Events posted and the rate asked for. */
  events: number;
  targetPerSec: number;
  /** Achieved rate over the whole run (events / wall seconds). */
  achievedPerSec: number;
  wallSec: number;
  /** Acknowledgement of a batch (posted, folded, fsynced, answered), ms. */
  ackMedianMs: number;
  ackP99Ms: number;
  recommendations: number;
  recommendationMedianMs: number;
  recommendationP99Ms: number;
  refused: number;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

/**
 * 100 events a second sustained against a live server in this process (`akutt serve --live` on the
 * demo scenario, its event log fsynced as in use): a replayed run posted in batches of 10 every
 * 100 ms, while a dispatcher's page asks for the ranked units of the newest open incident as fast as
 * it is answered. Client and server share this process, as its event loop serves both (a request
 * waits for the server's work either way). Times are wall-clock: on a busy machine they say little
 * (docs/live.md, "Speed").
 */
export async function measureLive(options: { seconds: number; perSec?: number }): Promise<LiveFigure> {
  const perSec = options.perSec ?? 100;
  const batch = 10;
  const scenarioFile = resolve(findRepoRoot(), "scenarios/demo/demo.yaml");
  const scenario = loadScenarioFile(scenarioFile);
  const prepared = await prepareRun(scenario);
  const result = simulateReplication(prepared.inputs, 1, 0);
  const all = replayEvents({ compiled: prepared.inputs.compiled, travel: prepared.inputs.travel, incidents: result.incidents, interAmkDelaySec: prepared.inputs.dispatch.interAmkDelaySec, startIso: prepared.calendar.startIso, seed: 1 });
  const events = all.slice(0, Math.min(all.length, Math.round(options.seconds * perSec)));

  const dir = mkdtempSync(join(tmpdir(), "akutt-live-bench-"));
  const { akutt, url } = await startServer({ host: "127.0.0.1", port: 0, stateDir: join(dir, "state"), live: { scenario: scenarioFile, dir: join(dir, "live") } });
  const server = new URL(url);
  const ackMs: number[] = [];
  const recommendationMs: number[] = [];
  const open: string[] = [];
  let refused = 0;
  let posting = true;
  try {
    // The dispatcher's page: the newest open incident's ranked units, one request at a time.
    const asking = (async () => {
      while (posting) {
        const incidentId = open[open.length - 1];
        if (incidentId === undefined) {
          await DEFAULT_POST_OPTIONS.sleep(20);
          continue;
        }
        const started = performance.now();
        const response = await fetch(new URL(`/api/live/incidents/${encodeURIComponent(incidentId)}/recommendation`, server));
        await response.arrayBuffer();
        if (response.ok) recommendationMs.push(performance.now() - started);
        else await DEFAULT_POST_OPTIONS.sleep(5);
      }
    })();
    const startMs = performance.now();
    for (let k = 0; k < events.length; k += batch) {
      const dueMs = startMs + (k / perSec) * 1000;
      const waitMs = dueMs - performance.now();
      if (waitMs > 0) await DEFAULT_POST_OPTIONS.sleep(waitMs);
      const slice = events.slice(k, k + batch).map(({ event }) => event);
      const started = performance.now();
      const ack = await postEvents(server, undefined, slice);
      ackMs.push(performance.now() - started);
      refused += ack.refused.length;
      for (const event of slice) {
        if (event.type === "incident.created") open.push(event.incidentId);
        else if (event.type === "incident.closed" && open.includes(event.incidentId)) open.splice(open.indexOf(event.incidentId), 1);
      }
    }
    const wallSec = (performance.now() - startMs) / 1000;
    posting = false;
    await asking;
    ackMs.sort((a, b) => a - b);
    recommendationMs.sort((a, b) => a - b);
    return {
      scenario: scenario.metadata.name,
      events: events.length,
      targetPerSec: perSec,
      achievedPerSec: events.length / wallSec,
      wallSec,
      ackMedianMs: quantile(ackMs, 0.5),
      ackP99Ms: quantile(ackMs, 0.99),
      recommendations: recommendationMs.length,
      recommendationMedianMs: quantile(recommendationMs, 0.5),
      recommendationP99Ms: quantile(recommendationMs, 0.99),
      refused,
    };
  } finally {
    posting = false;
    await akutt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
