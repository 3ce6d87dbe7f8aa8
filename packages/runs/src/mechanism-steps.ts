import { mechanismLabel, mechanismsOn, withoutMechanisms, type LoadedComparison, type WorkloadMechanism } from "@akutt/model";
import { loadScenarioFile } from "@akutt/model";
import { resolve } from "node:path";
import { runComparison, type CompareOptions, type ComparisonRuns } from "./compare-runs.js";

export interface MechanismStepRuns {
  /** The mechanism this step adds (null: the first step, none of them). */
  added: WorkloadMechanism | null;
  addedLabel: { nb: string; en: string } | null;
  runs: ComparisonRuns;
}

/**
 * The comparison run once without any of the workload mechanisms the baseline models, then once
 * more for each, adding them one at a time in WORKLOAD_MECHANISMS order, for every variant alike.
 * Same seeds throughout, so a row's change from the one before is that mechanism's doing.
 */
export async function runMechanismSteps(comparison: LoadedComparison, options: CompareOptions & { onStep?: (step: number, steps: number) => void }): Promise<MechanismStepRuns[]> {
  const baseline = loadScenarioFile(resolve(comparison.baseDir, comparison.baseline.file), { dataDir: options.dataDir });
  const modelled = mechanismsOn(baseline);
  const steps: MechanismStepRuns[] = [];
  for (let k = 0; k <= modelled.length; k++) {
    options.onStep?.(k + 1, modelled.length + 1);
    const off = modelled.slice(k);
    const added = k === 0 ? null : modelled[k - 1]!;
    const runs = await runComparison(comparison, { ...options, sensitivity: false, factors: false, fleetNeeded: false, projections: false, adjustScenario: (scenario) => withoutMechanisms(scenario, off) });
    steps.push({ added, addedLabel: added === null ? null : { nb: mechanismLabel(added, "nb"), en: mechanismLabel(added, "en") }, runs });
  }
  return steps;
}
