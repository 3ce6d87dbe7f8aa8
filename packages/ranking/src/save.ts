import { dirname, join, relative, resolve, sep } from "node:path";
import { parseDocument, stringify } from "yaml";
import { POSTED_YAML_LIMITS, checkYamlLimits } from "@akutt/model";
import { renderRankingMarkdown, renderRankingText } from "./render.js";
import type { PlanInput } from "./evaluate.js";
import { rankingToJson, type PlanRanking } from "./rank.js";

/** The overlay text moved to another file: its `extends` rewritten relative to the new place (a plan overlay names no other files). */
export function movedOverlay(plan: Pick<PlanInput, "id" | "file" | "text">, to: string): string {
  checkYamlLimits(`plan ${plan.id}`, plan.text, POSTED_YAML_LIMITS);
  const document = parseDocument(plan.text);
  const written = document.get("extends");
  if (typeof written !== "string") throw new RangeError(`plan ${plan.id}: the overlay has no extends`);
  const target = relative(dirname(resolve(to)), resolve(dirname(resolve(plan.file)), written)).split(sep).join("/");
  document.set("extends", target);
  return document.toString();
}

/**
 * The files of a ranking's output folder: ranking.json, ranking.md (bokmål), ranking.en.md,
 * ranking.txt, every plan's overlay as <id>.plan.yaml, and — unless today ranks first — the
 * chosen (best) plan as chosen.yaml, an overlay on the base a user can open or run, with
 * comparison.yaml (today against the chosen plan), so `akutt compare <folder>` compares them on
 * common random numbers.
 */
export function rankingFiles(folder: string, base: string, plans: PlanInput[], ranking: PlanRanking): Array<{ name: string; text: string }> {
  const out = resolve(folder);
  const files = [
    { name: "ranking.json", text: rankingToJson(ranking) },
    { name: "ranking.md", text: renderRankingMarkdown(ranking, "nb") },
    { name: "ranking.en.md", text: renderRankingMarkdown(ranking, "en") },
    { name: "ranking.txt", text: renderRankingText(ranking, "nb") },
  ];
  for (const plan of plans) files.push({ name: `${plan.id}.plan.yaml`, text: movedOverlay(plan, join(out, `${plan.id}.plan.yaml`)) });
  const chosen = plans.find((plan) => plan.id === ranking.best);
  if (chosen) {
    files.push({ name: "chosen.yaml", text: movedOverlay(chosen, join(out, "chosen.yaml")) });
    const comparison = {
      comparison: 1,
      name: { nb: `I dag mot den beste planen (${chosen.label || chosen.id})`, en: `Today against the best plan (${chosen.label || chosen.id})` },
      description: { nb: "Skrevet av akutt optimise rank: planen som ble rangert først.", en: "Written by akutt optimise rank: the plan ranked first." },
      replications: ranking.replications,
      seed: ranking.seed,
      baseline: { id: "today", label: { nb: "I dag", en: "Today" }, file: relative(out, resolve(base)).split(sep).join("/") },
      alternatives: [{ id: chosen.id, label: chosen.label || chosen.id, file: "chosen.yaml" }],
    };
    files.push({ name: "comparison.yaml", text: stringify(comparison) });
  }
  return files;
}
