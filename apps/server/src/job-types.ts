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

/** What a worker is asked to do: one scenario ("run"), or a baseline and alternatives on common random numbers. */
export interface JobSpec {
  kind: "run" | "comparison";
  name: string;
  variants: JobVariant[];
  seed: number;
  replications: number;
  dataDir: string | undefined;
  /** Travel-time matrix cache (in the server's state folder). */
  cacheDir: string;
  /** Comparisons: also run every variant with its demand projected to these years (packages/runs/src/projection). */
  projections?: { years: number[]; growth?: string | undefined };
}

export type WorkerMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; result: string; htmlNb: string; htmlEn: string }
  | { type: "error"; message: string; issues?: ScenarioIssue[] };
