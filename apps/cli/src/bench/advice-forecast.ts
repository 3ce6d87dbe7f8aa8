import { resolve } from "node:path";
import { median } from "@akutt/analysis";
import { simulateReplication } from "@akutt/engine";
import { findRepoRoot, loadScenarioFile } from "@akutt/model";
import { adviceContext, ALL_AMKS, coverageNow, EventLedger, forecastNext, liveScenarioOf, moveUpAdvice, recommendUnits, replayEvents, type ReceivedEvent } from "@akutt/live";
import { prepareRun } from "@akutt/runs";

export interface AdviceFigure {
  scenario: string;
  travelModel: string;
  /** The live picture: the state of a simulated day at `atSec`, replayed as events and folded. */
  atSec: number;
  units: number;
  openIncidents: number;
  replications: number;
  minutes: number;
  /** Median wall time of one forecast (target: under 2 s for 100 × 60 min). */
  forecastSec: number;
  forecastRuns: number[];
  /** Wall time of the other advice, median over the open incidents / a few calls. */
  recommendationMs: number;
  coverageMs: number;
  moveUpMs: number;
}

/**
 * The next-hour forecast from a live picture of the Asker and Bærum base scenario (its own travel
 * model): a replication is run, its state at 10:00 on day 10 replayed as the live contract's events
 * and folded into the live state, then 100 replications × 60 minutes are simulated from it.
 */
export async function measureAdvice(): Promise<AdviceFigure> {
  const scenario = loadScenarioFile(resolve(findRepoRoot(), "scenarios/asker-baerum/base.yaml"));
  const prepared = await prepareRun(scenario);
  const { inputs, calendar } = prepared;
  const log = simulateReplication(inputs, 1, 0).incidents;
  const atSec = 10 * 86_400 + 10 * 3600;
  const events = replayEvents({ compiled: inputs.compiled, travel: inputs.travel, incidents: log, interAmkDelaySec: inputs.dispatch.interAmkDelaySec, startIso: calendar.startIso, seed: 1, window: { fromSec: atSec, toSec: atSec + 1 } });
  const ledger = EventLedger.empty(liveScenarioOf(scenario));
  ledger.commit(ledger.plan(events.map(({ event }, k): ReceivedEvent => ({ seq: k + 1, receivedAt: calendar.startIso, by: { name: "bench", amk: ALL_AMKS }, event: event as ReceivedEvent["event"] }))));
  const picture = ledger.state.view();
  const context = adviceContext(scenario, inputs);
  const options = { minutes: 60, replications: 100, seed: 1 };
  forecastNext(context, picture, { ...options, replications: 5 }); // warm-up: JIT and the coverage lists
  const forecastRuns: number[] = [];
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    forecastNext(context, picture, options);
    forecastRuns.push((performance.now() - start) / 1000);
  }
  const timeMs = (work: () => unknown, times: number) => {
    const runs: number[] = [];
    for (let k = 0; k < times; k++) {
      const start = performance.now();
      work();
      runs.push(performance.now() - start);
    }
    return median(runs);
  };
  const incidents = picture.incidents.map((incident) => incident.incidentId);
  let next = 0;
  return {
    scenario: scenario.metadata.name,
    travelModel: inputs.travel.name,
    atSec,
    units: picture.units.length,
    openIncidents: incidents.length,
    ...options,
    forecastSec: median(forecastRuns),
    forecastRuns,
    recommendationMs: incidents.length === 0 ? NaN : timeMs(() => recommendUnits(context, picture, incidents[next++ % incidents.length]!), Math.max(5, incidents.length)),
    coverageMs: timeMs(() => coverageNow(context, picture), 5),
    moveUpMs: timeMs(() => moveUpAdvice(context, picture), 5),
  };
}
