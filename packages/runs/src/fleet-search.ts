import type { FleetShift, Scenario } from "@akutt/model";
import type { FleetAddition } from "@akutt/analysis";

/** Ambulance-hours a year of one added ambulance on each shift the search may add. */
export const FLEET_SHIFT_HOURS_PER_YEAR: Readonly<Record<FleetShift, number>> = { day: 12 * 365, roundTheClock: 24 * 365 };

/** The day shift the search adds: 07–19 every day, the day shift of the Asker and Bærum scenario. */
const DAY_SHIFT = { days: "all", start: "07:00", end: "19:00" } as const;

/** One step's candidates: one ambulance on each shift at each station. */
export function fleetCandidates(scenario: Scenario, stationIds: readonly string[], shifts: readonly FleetShift[]): FleetAddition[] {
  return stationIds.flatMap((stationId) => {
    const station = scenario.stations.find((candidate) => candidate.id === stationId);
    if (!station) return [];
    return shifts.map((shift) => ({ stationId, stationName: station.name, shift, ambulanceHoursPerYear: FLEET_SHIFT_HOURS_PER_YEAR[shift] }));
  });
}

/**
 * The scenario with the added ambulances. Each is a copy of an ambulance of the same station (else
 * of the station's owner), so it has that unit's dispatching AMK and any other settings, with its own
 * id and the shift asked for. The original is left untouched.
 */
export function withAddedAmbulances(scenario: Scenario, added: readonly FleetAddition[]): Scenario {
  const copy = structuredClone(scenario);
  added.forEach((addition, i) => {
    const station = copy.stations.find((candidate) => candidate.id === addition.stationId);
    if (!station) throw new RangeError(`fleet search: no station "${addition.stationId}"`);
    const ambulances = copy.vehicles.filter((vehicle) => vehicle.type === "ambulance");
    const template = ambulances.find((vehicle) => vehicle.station === station.id) ?? ambulances.find((vehicle) => vehicle.owner === station.owner);
    const dispatchedBy = template?.dispatchedBy ?? copy.amkCentres.find((amk) => amk.organisation === station.owner)?.id ?? copy.amkCentres[0]!.id;
    const base = template ? structuredClone(template) : { type: "ambulance" as const, source: "assumption", dispatchedBy, shifts: [] };
    copy.vehicles.push({
      ...base,
      id: `fleet-needed-${i + 1}-${station.id}-${addition.shift}`,
      type: "ambulance",
      station: station.id,
      owner: station.owner,
      dispatchedBy,
      shifts: addition.shift === "day" ? [{ ...DAY_SHIFT }] : [],
    } as Scenario["vehicles"][number]);
  });
  return copy;
}

/** A trial's verdict: the fleet-needed rule met, and how far from it (fleetCheck's shortfall). */
export interface FleetTrial {
  met: boolean;
  shortfall: number;
}

export interface FleetSearchResult {
  added: FleetAddition[];
  /** The last accepted set meets the rule (on the search's replications). */
  met: boolean;
  /** Trials evaluated, the empty set included. */
  trials: number;
}

/**
 * Greedy search for the fewest added ambulance-hours that meet the rule: starting from nothing
 * added, each step tries every candidate on top of what is added so far. If some candidates meet
 * the rule, the one with the fewest hours is taken and the search ends; otherwise the one that
 * lowers the shortfall most per ambulance-hour is taken. It stops when the rule is met, after
 * `maxSteps` additions, or when no candidate lowers the shortfall. At most 1 + maxSteps ×
 * candidates trials. Coarse: the answer is sufficient, not proven minimal.
 */
export async function searchFleet(candidates: readonly FleetAddition[], maxSteps: number, evaluate: (added: FleetAddition[]) => Promise<FleetTrial>, onStep?: (added: FleetAddition[], trial: FleetTrial) => void): Promise<FleetSearchResult> {
  const added: FleetAddition[] = [];
  let current = await evaluate([]);
  let trials = 1;
  while (!current.met && added.length < maxSteps && candidates.length > 0) {
    const tried: Array<{ candidate: FleetAddition; trial: FleetTrial }> = [];
    for (const candidate of candidates) {
      tried.push({ candidate, trial: await evaluate([...added, candidate]) });
      trials++;
    }
    const meeting = tried.filter((entry) => entry.trial.met).sort((a, b) => a.candidate.ambulanceHoursPerYear - b.candidate.ambulanceHoursPerYear || a.trial.shortfall - b.trial.shortfall);
    const gain = (entry: { candidate: FleetAddition; trial: FleetTrial }) => (current.shortfall - entry.trial.shortfall) / entry.candidate.ambulanceHoursPerYear;
    const chosen = meeting[0] ?? tried.reduce((best, entry) => (gain(entry) > gain(best) ? entry : best));
    if (!chosen.trial.met && gain(chosen) <= 0) break;
    added.push(chosen.candidate);
    current = chosen.trial;
    onStep?.([...added], current);
  }
  return { added, met: current.met, trials };
}
