/**
 * A simulation job (a run, a comparison or an optimisation) in a worker thread, so the API stays
 * responsive. Receives a JobSpec as workerData, posts progress messages, and finally one "done" message with the serialised
 * results (or "error"). The parent writes the results; a killed worker leaves nothing behind.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildComparison, comparisonToJson, renderComparisonHtml, reportToJson } from "@akutt/analysis";
import { loadScenarioFile, ScenarioError, type LoadedComparison } from "@akutt/model";
import { comparisonInput, MAP_ATTRIBUTION, mapShapes, runComparison, simulateScenario } from "@akutt/runs";
import { ExtrasCollector } from "./figures.js";
import type { JobSpec, WorkerMessage } from "./job-types.js";
import { runOptimisation } from "./optimisation/run-optimisation.js";

const spec = workerData as JobSpec;
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

async function main(): Promise<void> {
  if (spec.kind === "optimisation") return runOptimisation(spec, post);
  if (spec.kind === "run") {
    const variant = spec.variants[0]!;
    const scenario = loadScenarioFile(variant.file);
    post({ type: "progress", done: 0, total: spec.replications });
    let collector: ExtrasCollector | undefined;
    const { report } = await simulateScenario(scenario, {
      seed: spec.seed,
      replications: spec.replications,
      dataDir: spec.dataDir,
      cacheDir: spec.cacheDir,
      onResult: (result, prepared) => {
        collector ??= new ExtrasCollector(prepared.inputs.compiled.index, scenario.zones.map((zone) => zone.area));
        collector.add(result);
      },
      onReplication: (done, total) => post({ type: "progress", done, total }),
    });
    const result = `{"report":${reportToJson(report)},"extras":${JSON.stringify(collector?.result() ?? null)}}`;
    post({ type: "done", result, htmlNb: "", htmlEn: "" });
    return;
  }
  const [baseline, ...alternatives] = spec.variants;
  const comparison: LoadedComparison = {
    comparison: 1,
    name: spec.name,
    description: "",
    baseline: { ...baseline!, description: baseline!.description ?? "" },
    alternatives: alternatives.map((variant) => ({ ...variant, description: variant.description ?? "" })),
    replications: spec.replications,
    seed: spec.seed,
    focusAreas: [],
    relevantDifferenceSec: 60,
    catchments: {},
    sensitivity: { interAmkDelaySec: [], replications: 2 },
    file: "",
    baseDir: "/",
  };
  let done = 0;
  let total = spec.replications * spec.variants.length;
  post({ type: "progress", done, total });
  const runs = await runComparison(comparison, {
    dataDir: spec.dataDir,
    cacheDir: spec.cacheDir,
    sensitivity: false,
    projections: spec.projections ? { years: spec.projections.years, growth: spec.projections.growth ? [spec.projections.growth] : undefined } : false,
    onPlan: (planned) => (total = planned),
    onReplication: () => post({ type: "progress", done: ++done, total }),
  });
  const report = buildComparison(comparisonInput(comparison, runs));
  let boundaries: ReturnType<typeof mapShapes> | undefined;
  try {
    boundaries = mapShapes(runs, spec.dataDir);
  } catch {
    boundaries = undefined; // no boundary data: the report says "no map" rather than failing
  }
  const options = { boundaries, attribution: MAP_ATTRIBUTION };
  // Each language's report describes the variants in that language (a bokmål export has no English passages).
  const inLanguage = (language: "nb" | "en") => ({
    ...report,
    variants: report.variants.map((variant) => ({ ...variant, description: spec.variants.find((v) => v.id === variant.id)?.descriptions?.[language] ?? variant.description })),
  });
  post({ type: "done", result: comparisonToJson(report), htmlNb: renderComparisonHtml(inLanguage("nb"), { ...options, language: "nb" }), htmlEn: renderComparisonHtml(inLanguage("en"), { ...options, language: "en" }) });
}

main().catch((error: unknown) => {
  if (error instanceof ScenarioError) post({ type: "error", message: error.message, issues: [...error.issues] });
  else post({ type: "error", message: error instanceof Error ? error.message : String(error) });
});
