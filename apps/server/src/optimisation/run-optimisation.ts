import { dirname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { loadScenarioFile } from "@akutt/model";
import { sitingOptionsSchema } from "@akutt/optimise";
import { evaluatePlans, inThreadRunner, rankingToJson, sitingCandidates, type PlanInput } from "@akutt/ranking";
import type { JobSpec, WorkerMessage } from "../job-types.js";

/**
 * An "optimisation" job in its worker thread: the siting MIP's best plans (@akutt/ranking sitingCandidates),
 * then today and each plan simulated on the same seeds and ranked (@akutt/ranking, in this thread:
 * the job already has a thread of its own). Progress counts replications; the MIP comes first.
 */
export async function runOptimisation(spec: JobSpec, post: (message: WorkerMessage) => void): Promise<void> {
  const request = spec.optimisation!;
  const variant = spec.variants[0]!;
  const scenario = loadScenarioFile(variant.file, { dataDir: spec.dataDir });
  const total = (request.plans + 1) * spec.replications;
  post({ type: "progress", done: 0, total });
  const trusts = Object.fromEntries(Object.entries(request.trusts).map(([owner, bounds]) => [owner, { min: bounds.min ?? 0, ...(bounds.max !== undefined ? { max: bounds.max } : {}) }]));
  const options = sitingOptionsSchema.parse({ model: request.model, vehicles: request.vehicles, fixed: request.fixed, trusts, candidates: { zones: request.zones } });
  const candidates = await sitingCandidates(scenario, options, request.vehicles, request.plans, { dataDir: spec.dataDir, cacheDir: spec.cacheDir });
  // Each plan's overlay as if saved beside the scenario (its `extends` is the scenario's file name).
  const plans: PlanInput[] = candidates.plans.map((plan) => ({ id: plan.id, label: plan.label, file: join(dirname(variant.file), `${plan.id}.yaml`), text: plan.overlay }));
  const ranking = await evaluatePlans(variant.file, plans, {
    seed: spec.seed,
    replications: spec.replications,
    dataDir: spec.dataDir,
    cacheDir: spec.cacheDir,
    runner: inThreadRunner(),
    // The ranking counts the plans the MIP found, which may be fewer than asked.
    onProgress: (done, planned) => post({ type: "progress", done: done + (total - planned), total }),
  });
  const overlayFields = (text: string) => {
    const { extends: _extends, ...fields } = parseYaml(text) as Record<string, unknown>;
    return fields;
  };
  const result = `{"siting":${JSON.stringify(candidates.siting)},"sites":${JSON.stringify(candidates.sites)},"plans":${JSON.stringify(candidates.plans.map((plan) => ({ id: plan.id, label: plan.label, overlay: overlayFields(plan.overlay) })))},"ranking":${rankingToJson(ranking)}}`;
  post({ type: "done", result, htmlNb: "", htmlEn: "" });
}
