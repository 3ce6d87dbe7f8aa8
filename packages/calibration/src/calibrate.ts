import { URGENCIES, type Scenario, type Urgency } from "@akutt/model";
import { fitDemand, type FittedDemand } from "./demand/fit-demand.js";
import { MIN_FIT_SAMPLES, Z_95, fitFamiliesFromSummary, type DistributionFit, type Interval } from "./fit/fit.js";
import { CLEANING_OUTCOMES, type CalibrationData, type CleaningOutcome, type TaskKey } from "./warehouse/read.js";

/** Fewer durations than this and a task keeps the scenario's distribution (the fit is shown, not written). */
export const MIN_TASK_SAMPLES = 30;
/** Fewer finished missions than this and an urgency's patient path keeps the scenario's shares. */
export const MIN_SHARE_SAMPLES = 30;

export interface TaskFit {
  key: TaskKey;
  /** Both families, best AIC first; empty when there were fewer than 2 durations with spread. */
  fits: DistributionFit[];
  n: number;
  nonPositive: number;
  /** Written to the overlay: the best fit, when n ≥ MIN_TASK_SAMPLES and the scenario has the field. */
  written: DistributionFit | undefined;
  /** Why it was not written, when it was not. drive-included: the scenario cleans at the station, and the recorded time holds the drive there. */
  skipped?: "too-few" | "not-in-scenario" | "drive-included";
}

/** A share with its n and Wilson 95 % interval. */
export interface Share {
  value: number;
  count: number;
  n: number;
  ci: Interval;
}

export interface CalibrationResult {
  data: CalibrationData;
  tasks: TaskFit[];
  demand: FittedDemand;
  /** Per urgency, when there were at least MIN_SHARE_SAMPLES finished missions. */
  patientPaths: Partial<Record<Urgency, { treatedOnScene: Share; legevakt: Share }>>;
  /** Per urgency, shares of incidents reached by k = 2 … 9 ambulances among those reached by at least one. */
  multiUnit: Partial<Record<Urgency, Map<number, Share>>>;
  /** Per urgency, share of incidents with a first-response unit among their units (reported; the scenario holds only on/off for red). */
  firstResponder: Record<Urgency, Share>;
  /** Transporting missions per destination (reported; the destination policy, not a share, picks the hospital). */
  destinations: Array<{ id: string; inScenario: boolean; share: Share }>;
  /**
   * Per outcome with at least MIN_SHARE_SAMPLES missions with both free and ready times: the share
   * followed by cleaning (ready after free). Written as availability.cleaning (see cleaningWritten).
   */
  cleaning: Partial<Record<CleaningOutcome, Share>>;
  /** Whether availability.cleaning is written: the scenario has it (then each part merges), or both outcomes have a share and a written duration. */
  cleaningWritten: boolean;
}

/** Wilson score interval (Wilson 1927), well-behaved at shares near 0 or 1. */
export function wilson(count: number, n: number): Share {
  if (n === 0) return { value: 0, count, n, ci: { low: 0, high: 1 } };
  const p = count / n;
  const z2 = Z_95 * Z_95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, count, n, ci: { low: Math.max(0, centre - half), high: Math.min(1, centre + half) } };
}

function taskInScenario(key: TaskKey, scenario: Scenario): boolean {
  if (key.task === "callHandling") return scenario.amkCentres.some((centre) => centre.id === key.amk);
  if (key.task === "handover") return scenario.destinations.some((destination) => destination.id === key.destination);
  return true;
}

/** Turns what was read from the warehouse into fitted scenario values (pure). */
export function calibrate(data: CalibrationData, scenario: Scenario): CalibrationResult {
  const tasks: TaskFit[] = data.tasks.map((sample) => {
    const n = sample.summary.n;
    let fits: DistributionFit[] = [];
    try {
      fits = n >= MIN_FIT_SAMPLES ? fitFamiliesFromSummary(sample.summary) : [];
    } catch (error) {
      // All durations equal: nothing to fit, reported as too few.
      if (!(error instanceof RangeError)) throw error;
    }
    const inScenario = taskInScenario(sample.key, scenario);
    const usable = fits.length > 0 && n >= MIN_TASK_SAMPLES;
    // Cleaning at the station: the engine adds the drive home to the cleaning, which the recorded time already holds.
    const driveIncluded = sample.key.task === "cleaning" && scenario.availability?.cleaning?.where === "station";
    const skipped = !inScenario ? ("not-in-scenario" as const) : !usable ? ("too-few" as const) : driveIncluded ? ("drive-included" as const) : undefined;
    return { key: sample.key, fits, n, nonPositive: sample.nonPositive, written: skipped === undefined ? fits[0] : undefined, ...(skipped ? { skipped } : {}) };
  });
  const cleaning: CalibrationResult["cleaning"] = {};
  for (const task of tasks) {
    if (task.key.task !== "cleaning") continue;
    const missions = task.n + task.nonPositive;
    if (missions >= MIN_SHARE_SAMPLES) cleaning[task.key.outcome] = wilson(task.n, missions);
  }
  const cleaningTask = (outcome: CleaningOutcome) => tasks.find((task) => task.key.task === "cleaning" && task.key.outcome === outcome);
  const cleaningWritten =
    scenario.availability?.cleaning !== undefined
      ? Object.keys(cleaning).length > 0 || tasks.some((task) => task.key.task === "cleaning" && task.written)
      : CLEANING_OUTCOMES.every((outcome) => cleaning[outcome] !== undefined && cleaningTask(outcome)?.written !== undefined);

  const patientPaths: CalibrationResult["patientPaths"] = {};
  const multiUnit: CalibrationResult["multiUnit"] = {};
  const firstResponder = {} as Record<Urgency, Share>;
  for (const urgency of URGENCIES) {
    const outcome = data.outcomes[urgency];
    if (outcome.completed >= MIN_SHARE_SAMPLES) patientPaths[urgency] = { treatedOnScene: wilson(outcome.treatedOnScene, outcome.completed), legevakt: wilson(outcome.toLegevakt, outcome.completed) };
    const reached = outcome.ambulancesPerIncident.slice(1).reduce((sum, count) => sum + count, 0);
    if (reached >= MIN_SHARE_SAMPLES) {
      const shares = new Map<number, Share>();
      for (let k = 2; k <= 9; k++) if (outcome.ambulancesPerIncident[k]! > 0) shares.set(k, wilson(outcome.ambulancesPerIncident[k]!, reached));
      multiUnit[urgency] = shares;
    }
    firstResponder[urgency] = wilson(outcome.withFirstResponder, outcome.incidents);
  }
  const transported = [...data.destinationCounts.values()].reduce((sum, count) => sum + count, 0);
  const destinations = [...data.destinationCounts].map(([id, count]) => ({ id, inScenario: scenario.destinations.some((destination) => destination.id === id), share: wilson(count, transported) }));
  return { data, tasks, demand: fitDemand(data.demand), patientPaths, multiUnit, firstResponder, destinations, cleaning, cleaningWritten };
}
