import { resolve } from "node:path";
import { loadScenarioFile } from "@akutt/model";
import { OUTCOME_LOST, runReplications, type ReplicationResult } from "@akutt/engine";
import { erlangB, meanConfidenceInterval, mmc, priorityMmc, type MeanInterval } from "@akutt/analysis";
import { findRepoRoot } from "@akutt/geo";
import { prepareRun } from "@akutt/runs";

/** One comparison of a simulated figure with its queueing-theory value. */
export interface ValidationFigure {
  scenario: string;
  figure: string;
  theory: number;
  simulated: MeanInterval;
  unit: string;
}

export const VALIDATION_DIR = resolve(findRepoRoot(), "scenarios/validation");

async function run(file: string, replications: number, seed: number): Promise<{ results: ReplicationResult[]; hours: number }> {
  const scenario = loadScenarioFile(resolve(VALIDATION_DIR, file));
  const prepared = await prepareRun(scenario);
  const results = runReplications(prepared.inputs, { seed, replications });
  return { results, hours: (scenario.metadata.durationDays - scenario.metadata.warmUpDays) * 24 };
}

/** Per replication: a statistic over incidents after warm-up. */
function perReplication(results: ReplicationResult[], statistic: (result: ReplicationResult, include: (i: number) => boolean) => number): MeanInterval {
  return meanConfidenceInterval(results.map((result) => statistic(result, (i) => result.incidents.inWarmUp[i] === 0)));
}

function averageOver(result: ReplicationResult, include: (i: number) => boolean, value: (i: number) => number | undefined): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < result.incidents.count; i++) {
    if (!include(i)) continue;
    const v = value(i);
    if (v === undefined) continue;
    sum += v;
    count++;
  }
  return sum / count;
}

const HOUR = 3600;

export async function runQueueingValidation(replications = 10, seed = 20251106): Promise<ValidationFigure[]> {
  const figures: ValidationFigure[] = [];

  {
    const { results } = await run("mmc.yaml", replications, seed);
    const theory = mmc(4, 1, 5);
    const waits = (r: ReplicationResult, i: number) => r.incidents.waitForUnitSec[i]!;
    figures.push({ scenario: "mmc.yaml", figure: "P(wait > 0)", unit: "", theory: theory.probabilityOfWaiting, simulated: perReplication(results, (r, inc) => averageOver(r, inc, (i) => (waits(r, i) > 0 ? 1 : 0))) });
    figures.push({ scenario: "mmc.yaml", figure: "mean wait Wq", unit: "min", theory: theory.meanWait * 60, simulated: perReplication(results, (r, inc) => averageOver(r, inc, (i) => waits(r, i) / 60)) });
  }
  {
    const { results } = await run("mmcc-loss.yaml", replications, seed);
    figures.push({ scenario: "mmcc-loss.yaml", figure: "lost share B(5, 4)", unit: "", theory: erlangB(5, 4), simulated: perReplication(results, (r, inc) => averageOver(r, inc, (i) => (r.incidents.outcome[i] === OUTCOME_LOST ? 1 : 0))) });
  }
  {
    const { results } = await run("priority-mmc.yaml", replications, seed);
    const theory = priorityMmc([1, 1.5, 1.5], 1, 5);
    ["red", "yellow", "green"].forEach((name, urgency) => {
      figures.push({
        scenario: "priority-mmc.yaml",
        figure: `mean wait, ${name}`,
        unit: "min",
        theory: theory.meanWait[urgency]! * 60,
        simulated: perReplication(results, (r, inc) => averageOver(r, inc, (i) => (r.incidents.urgency[i] === urgency ? r.incidents.waitForUnitSec[i]! / 60 : undefined))),
      });
    });
  }
  {
    const { results } = await run("amk-mmc.yaml", replications, seed);
    const theory = mmc(60, HOUR / 150, 3);
    // Calls still ringing when the run ends have no answer time and are left out.
    const answerDelay = (r: ReplicationResult, i: number) => {
      const delaySec = r.incidents.answeredSec[i]! - r.incidents.ringSec[i]!;
      return Number.isNaN(delaySec) ? undefined : delaySec;
    };
    figures.push({ scenario: "amk-mmc.yaml", figure: "P(answer delay > 0)", unit: "", theory: theory.probabilityOfWaiting, simulated: perReplication(results, (r, inc) => averageOver(r, inc, (i) => {
      const delaySec = answerDelay(r, i);
      return delaySec === undefined ? undefined : delaySec > 0 ? 1 : 0;
    })) });
    figures.push({ scenario: "amk-mmc.yaml", figure: "mean answer delay", unit: "s", theory: theory.meanWait * HOUR, simulated: perReplication(results, (r, inc) => averageOver(r, inc, (i) => answerDelay(r, i))) });
  }
  {
    // The same M/M/3 with a third of the calls from the study area's dispatch, the rest its advice
    // calls and the background: the AMK log counts every call, the incident log only dispatch calls.
    const { results } = await run("amk-background-mmc.yaml", replications, seed);
    const theory = mmc(60, HOUR / 150, 3);
    figures.push({
      scenario: "amk-background-mmc.yaml",
      figure: "P(answer delay > 0), dispatch calls",
      unit: "",
      theory: theory.probabilityOfWaiting,
      simulated: perReplication(results, (r, inc) => averageOver(r, inc, (i) => {
        const delaySec = r.incidents.answeredSec[i]! - r.incidents.ringSec[i]!;
        return Number.isNaN(delaySec) ? undefined : delaySec > 0 ? 1 : 0;
      })),
    });
    figures.push({
      scenario: "amk-background-mmc.yaml",
      figure: "answered within 10 s, all calls",
      unit: "",
      theory: 1 - theory.waitExceedance(10 / HOUR),
      simulated: meanConfidenceInterval(results.map((r) => r.amk.answeredWithin10s[0]! / r.amk.calls[0]!)),
    });
  }
  // After-call work holds the operator exactly as talk does; time away from the phone is fewer
  // servers. Both reduce to the M/M/3 above (see each file's description).
  for (const file of ["amk-after-call-mmc.yaml", "amk-offphone-mmc.yaml"]) {
    const { results } = await run(file, replications, seed);
    const theory = mmc(60, HOUR / 150, 3);
    figures.push({ scenario: file, figure: "answered within 10 s, all calls", unit: "", theory: 1 - theory.waitExceedance(10 / HOUR), simulated: meanConfidenceInterval(results.map((r) => r.amk.answeredWithin10s[0]! / r.amk.calls[0]!)) });
    figures.push({
      scenario: file,
      figure: "P(answer delay > 0), dispatch calls",
      unit: "",
      theory: theory.probabilityOfWaiting,
      simulated: perReplication(results, (r, inc) => averageOver(r, inc, (i) => {
        const delaySec = r.incidents.answeredSec[i]! - r.incidents.ringSec[i]!;
        return Number.isNaN(delaySec) ? undefined : delaySec > 0 ? 1 : 0;
      })),
    });
  }
  return figures;
}

export function validationMarkdownTable(figures: readonly ValidationFigure[]): string {
  const format = (value: number | null, unit: string) => (value === null ? "–" : unit === "" ? value.toFixed(4) : `${value.toFixed(2)} ${unit}`);
  const rows = figures.map((figure) => {
    const inside = figure.simulated.ciLow !== null && figure.simulated.ciHigh !== null && figure.theory >= figure.simulated.ciLow && figure.theory <= figure.simulated.ciHigh;
    return `| ${figure.scenario} | ${figure.figure} | ${format(figure.theory, figure.unit)} | ${format(figure.simulated.mean, figure.unit)} | ${format(figure.simulated.ciLow, figure.unit)} – ${format(figure.simulated.ciHigh, figure.unit)} | ${inside ? "yes" : "no"} |`;
  });
  return ["| scenario | figure | theory | simulated (mean of replications) | 95 % CI | theory inside CI |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
