import { ColumnPool, FRESH_COLUMNS, simulateReplication, type ReplicationResult } from "@akutt/engine";
import { buildReport, computeReplicationKpis, incidentCsvChunks, type ReplicationKpis, type SimulationReport } from "@akutt/analysis";
import type { Scenario } from "@akutt/model";
import { populationSources } from "./population-sources.js";
import { prepareRun, type PreparedRun } from "./prepare.js";

export interface SimulateOptions {
  seed: number;
  replications: number;
  dataDir?: string | undefined;
  /** Folder of the travel-time matrix cache (default: resolveCacheDir()). */
  cacheDir?: string | undefined;
  onReplication?: (done: number, total: number) => void;
  /** Receives the incident log as CSV text, replication by replication. */
  onIncidentCsv?: (chunk: string) => void;
  /** Receives each replication's raw result before it is dropped (e.g. for per-zone figures). */
  onResult?: (result: ReplicationResult, prepared: PreparedRun) => void;
  /** Record every 113 call that sent no unit (ReplicationResult.amkCalls), for an extract; results are otherwise the same. */
  recordAmkCalls?: boolean;
}

export interface SimulationOutcome {
  prepared: PreparedRun;
  report: SimulationReport;
  kpis: ReplicationKpis[];
}

/**
 * Runs a scenario's replications and builds its report. Each replication's log is reduced to its
 * KPIs (and streamed to CSV) before the next starts, so memory does not grow with replications.
 */
export async function simulateScenario(scenario: Scenario, options: SimulateOptions): Promise<SimulationOutcome> {
  const prepared = await prepareRun(scenario, { dataDir: options.dataDir, cacheDir: options.cacheDir });
  const kpis: ReplicationKpis[] = [];
  const inputs = options.recordAmkCalls ? { ...prepared.inputs, recordAmkCalls: true } : prepared.inputs;
  // A receiver of raw results may keep them, so only without one does the next replication reuse the columns.
  const columns = options.onResult ? FRESH_COLUMNS : new ColumnPool();
  for (let r = 0; r < options.replications; r++) {
    const result = simulateReplication(inputs, options.seed, r, columns);
    kpis.push(computeReplicationKpis(result, prepared.inputs.compiled.index, prepared.calendar, scenario.report));
    if (options.onIncidentCsv) {
      for (const chunk of incidentCsvChunks(result, prepared.inputs.compiled.index, prepared.calendar, { header: r === 0 })) options.onIncidentCsv(chunk);
    }
    options.onResult?.(result, prepared);
    options.onReplication?.(r + 1, options.replications);
  }
  const report = buildReport(
    {
      scenarioName: scenario.metadata.name,
      seed: options.seed,
      index: prepared.inputs.compiled.index,
      // The engine's view of the model (it applies travel.normalSpeedFactor); the model itself when there is none.
      travelModel: { name: prepared.inputs.travel.name, limitations: [...prepared.inputs.travel.limitations], ...(prepared.inputs.travel.limitationsNb ? { limitationsNb: [...prepared.inputs.travel.limitationsNb] } : {}) },
      populationSources: populationSources(scenario),
      startIso: prepared.calendar.startIso,
      timeZone: prepared.calendar.timeZone,
      options: scenario.report,
    },
    kpis,
  );
  return { prepared, report, kpis };
}
