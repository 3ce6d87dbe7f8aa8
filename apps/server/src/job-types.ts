import type { ScenarioIssue } from "@akutt/model";

export interface JobVariant {
  id: string;
  label: string;
  /** Absolute path of the scenario file. */
  file: string;
  description?: string;
  /** The description in each report language (a variant's changes); `description` is used where absent. */
  descriptions?: { nb: string; en: string };
}

/**
 * What a worker is asked to do: one scenario ("run"), a baseline and alternatives on common random
 * numbers ("comparison"), or a siting problem solved and its best plans ranked by simulation
 * ("optimisation", on the first variant's scenario).
 */
export interface JobSpec {
  kind: "run" | "comparison" | "optimisation";
  name: string;
  variants: JobVariant[];
  seed: number;
  replications: number;
  dataDir: string | undefined;
  /** Travel-time matrix cache (in the server's state folder). */
  cacheDir: string;
  /** Comparisons: also run every variant with its demand projected to these years (packages/runs/src/projection). */
  projections?: { years: number[]; growth?: string | undefined };
  /** Optimisations: the siting problem and how many of its best plans to rank. */
  optimisation?: OptimisationRequest;
}

/** The problem the web "Optimise" view sends (bounded by the route's schema). */
export interface OptimisationRequest {
  model: "mexclp" | "malp" | "pmedian";
  vehicles: number;
  /** Stations kept open with at least one vehicle. */
  fixed: string[];
  /** Per trust (station owner): at least / at most this many vehicles. */
  trusts: Record<string, { min?: number | undefined; max?: number | undefined }>;
  /** Candidate sites: the scenario's stations only, or every zone too. */
  zones: "none" | "all";
  /** How many of the MIP's best plans to simulate and rank (today is always ranked too). */
  plans: number;
}

export type WorkerMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; result: string; htmlNb: string; htmlEn: string }
  | { type: "error"; message: string; issues?: ScenarioIssue[] };
