import { URGENCIES, textIn } from "@akutt/model";
import type { DemandPatch } from "./demand-factors.js";
import type { ProjectionResult } from "./project-scenario.js";

/**
 * The scenario fields a projection changes, as an overlay object (what `akutt project` writes and
 * the server saves as a variant): demand, the whole transports section (its transfer routes have no
 * id to merge by) and, per AMK by id, the scaled background calls and other-work tasks.
 */
export function projectionOverlayFields(patch: DemandPatch): { demand: Pick<DemandPatch, "growthFactor" | "areaRates">; transports?: Record<string, unknown>; amkCentres?: Array<Record<string, unknown>> } {
  const fields: ReturnType<typeof projectionOverlayFields> = { demand: { growthFactor: patch.growthFactor, areaRates: patch.areaRates } };
  const workload = patch.workload;
  if (workload?.transports) fields.transports = { replace: true, ...workload.transports };
  if (workload && workload.amkCentres.length > 0) {
    fields.amkCentres = workload.amkCentres.map((centre) => {
      const tasks = Object.entries(centre.taskPerYear).map(([id, perYear]) => ({ id, perYear }));
      return {
        id: centre.id,
        ...(centre.backgroundCallsPerYear !== undefined ? { background: { callsPerYear: centre.backgroundCallsPerYear } } : {}),
        ...(tasks.length > 0 ? { otherWork: { tasks } } : {}),
      };
    });
  }
  return fields;
}

/**
 * The projection as an overlay on the scenario (`extends:`), with every factor explained in a
 * comment so a planner can check each number against its source.
 */
export function projectionOverlay(result: ProjectionResult, extendsPath: string): string {
  const lines: string[] = [];
  lines.push(`# Demand projected to ${result.year} by \`akutt project\` (alternative "${result.alternative.id}": ${textIn(result.alternative.label, "en")}).`);
  lines.push("# Method: docs/scenario-reference.md, section \"projection\". Each area's rates = today's rates");
  lines.push("#   × population ratio (its municipality's projected population, target year ÷ base year)");
  lines.push("#   × age weight (its demand per head from its age structure, over the scenario's mean);");
  lines.push("#   growthFactor × per-head growth of the alternative, compounded from the base year;");
  lines.push("#   transports and AMK background work × the growth of the emergency demand they go with.");
  for (const note of result.notes.en) lines.push(...wrap(note));
  lines.push(`extends: ${JSON.stringify(extendsPath)}`);
  lines.push("demand:");
  lines.push(`  # ${result.perHeadMultiplier.toFixed(4)} = (1 + ${result.alternative.perHeadGrowthPerYear})^(${result.year} − ${result.baseYear}) per-head growth, times the scenario's own growthFactor`);
  lines.push(`  growthFactor: ${result.patch.growthFactor}`);
  lines.push("  areaRates:");
  for (const area of result.areas) {
    lines.push(
      `    # ${area.areaCode}: municipality ${area.municipality} ${area.populationTarget} / ${area.populationBase} = ${area.populationRatio.toFixed(4)} × age weight ${area.ageWeight.toFixed(4)} (${area.ageSource}) = × ${area.factor.toFixed(4)}`,
    );
    const rates = result.patch.areaRates[area.areaCode]!;
    const parts = URGENCIES.map((urgency) => {
      const rate = rates[urgency]!;
      return "per1000PerYear" in rate ? `${urgency}: { per1000PerYear: ${rate.per1000PerYear} }` : `${urgency}: { perYear: ${rate.perYear} }`;
    });
    lines.push(`    ${JSON.stringify(area.areaCode)}: { ${parts.join(", ")} }`);
  }
  const workload = result.patch.workload;
  const fields = projectionOverlayFields(result.patch);
  if (workload?.transports) {
    lines.push(
      ...wrap(
        `Transfers' perYear and booked.rate × ${workload.factors.transports.toFixed(4)} = the study area's projected 113 emergency incidents a year over today's (age weights and per-head growth included). The whole section is written (replace: true): transfer routes have no id to merge by.`,
      ),
    );
    lines.push(`transports: ${JSON.stringify(fields.transports)}`);
  }
  if (workload && fields.amkCentres) {
    lines.push("amkCentres:");
    workload.amkCentres.forEach((centre, k) => {
      lines.push(`  # ${centre.id}: background calls and other-work tasks × ${centre.factor.toFixed(4)} = population ratio of its areas' municipalities (weighted by`);
      lines.push("  # today's 113 emergency incidents) × per-head growth (APPROXIMATION for its whole catchment)");
      lines.push(`  - ${JSON.stringify(fields.amkCentres![k])}`);
    });
  }
  return `${lines.join("\n")}\n`;
}

function wrap(text: string): string[] {
  const out: string[] = [];
  let line = "#";
  for (const word of text.split(" ")) {
    if (line.length + word.length + 1 > 100 && line !== "#") {
      out.push(line);
      line = "#  ";
    }
    line += ` ${word}`;
  }
  out.push(line);
  return out;
}
