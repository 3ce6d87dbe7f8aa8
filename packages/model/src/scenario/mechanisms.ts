import type { Scenario } from "./load.js";

/**
 * The chain's workload beyond "one ambulance to each 113 emergency" (issue 9). Each is a set of
 * scenario fields; switching one off removes its fields, which the engine treats as "not modelled"
 * (results then equal a scenario written without them). Used to show what each mechanism does
 * to a result (`akutt compare --mechanism-steps`, `--without`).
 */
export const WORKLOAD_MECHANISMS = ["amk-workload", "unavailability", "transports", "multi-unit"] as const;
export type WorkloadMechanism = (typeof WORKLOAD_MECHANISMS)[number];

interface MechanismFields {
  label: { nb: string; en: string };
  /** Whether the scenario models it. */
  isOn(scenario: Scenario): boolean;
  /** Removes its fields from a copy the caller owns. */
  removeFrom(copy: Scenario): void;
}

const MECHANISMS: Record<WorkloadMechanism, MechanismFields> = {
  "amk-workload": {
    label: { nb: "AMKs hele arbeidsmengde (alle 113-samtaler, veiledning, etterarbeid, tid borte fra telefonen, ubesatte vakter, flere innringere til samme hendelse, bakgrunnslast, andre oppgaver)", en: "the AMK's whole workload (every 113 call, guidance, after-call work, time off the phone, unfilled shifts, several callers for one incident, background load, other work)" },
    isOn: (scenario) => scenario.amkCentres.some((amk) => amk.callTypes !== undefined || amk.telephoneGuidance !== undefined || amk.background !== undefined || amk.otherWork !== undefined || amk.afterCallWork !== undefined || amk.offPhone !== undefined || amk.absence !== undefined || amk.repeatCalls !== undefined),
    removeFrom: (copy) => {
      for (const amk of copy.amkCentres) {
        delete amk.callTypes;
        delete amk.telephoneGuidance;
        delete amk.background;
        delete amk.otherWork;
        delete amk.afterCallWork;
        delete amk.offPhone;
        delete amk.absence;
        delete amk.repeatCalls;
      }
    },
  },
  unavailability: {
    label: { nb: "tid en enhet ikke kan ta oppdrag (rengjøring, pauser, vaktslutt, ute av drift)", en: "time a unit cannot take a job (cleaning, breaks, end of shift, out of service)" },
    isOn: (scenario) => scenario.availability !== undefined,
    removeFrom: (copy) => {
      delete copy.availability;
    },
  },
  transports: {
    label: { nb: "overflyttinger mellom sykehus og bestilte transporter", en: "inter-hospital transfers and booked transports" },
    isOn: (scenario) => scenario.transports !== undefined,
    removeFrom: (copy) => {
      delete copy.transports;
    },
  },
  "multi-unit": {
    label: { nb: "flere ambulanser til samme hendelse, og felles innsats med politi og brann", en: "several ambulances to one incident, and joint operations with police and fire" },
    isOn: (scenario) => scenario.demand.multiUnit !== undefined || scenario.demand.jointOperations !== undefined,
    removeFrom: (copy) => {
      delete copy.demand.multiUnit;
      delete copy.demand.jointOperations;
    },
  },
};

export function mechanismLabel(mechanism: WorkloadMechanism, language: "nb" | "en"): string {
  return MECHANISMS[mechanism].label[language];
}

/** The mechanisms the scenario models, in WORKLOAD_MECHANISMS order. */
export function mechanismsOn(scenario: Scenario): WorkloadMechanism[] {
  return WORKLOAD_MECHANISMS.filter((mechanism) => MECHANISMS[mechanism].isOn(scenario));
}

/** A copy of the scenario without the given mechanisms; the original is left untouched. */
export function withoutMechanisms(scenario: Scenario, mechanisms: readonly WorkloadMechanism[]): Scenario {
  const copy = structuredClone(scenario);
  for (const mechanism of mechanisms) MECHANISMS[mechanism].removeFrom(copy);
  return copy;
}

/** Parses a comma-separated list of mechanism names; unknown names are reported, not ignored. */
export function parseMechanisms(list: string): { mechanisms: WorkloadMechanism[]; unknown: string[] } {
  const names = list.split(",").map((name) => name.trim()).filter((name) => name.length > 0);
  const known = new Set<string>(WORKLOAD_MECHANISMS);
  return {
    mechanisms: WORKLOAD_MECHANISMS.filter((mechanism) => names.includes(mechanism)),
    unknown: names.filter((name) => !known.has(name)),
  };
}
