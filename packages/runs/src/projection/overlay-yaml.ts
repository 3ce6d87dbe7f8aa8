import { URGENCIES, textIn } from "@akutt/model";
import type { ProjectionResult } from "./project-scenario.js";

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
  lines.push("#   growthFactor × per-head growth of the alternative, compounded from the base year.");
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
