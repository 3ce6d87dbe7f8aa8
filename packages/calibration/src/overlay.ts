import { URGENCIES, type Scenario } from "@akutt/model";
import type { DistributionFit, Interval } from "./fit/fit.js";
import type { CalibrationResult, Share, TaskFit } from "./calibrate.js";
import { CLEANING_OUTCOMES, type TaskKey } from "./warehouse/read.js";

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const sig = (value: number) => Number(value.toPrecision(6));
const interval = (ci: Interval, digits: number) => `[${ci.low.toFixed(digits)}–${ci.high.toFixed(digits)}]`;

/** The scenario distribution of a fit, replacing the base one whole (its shift/min/max do not carry over). */
function distribution(fit: DistributionFit): string {
  return `{ replace: true, kind: ${fit.family}, mean: ${round(fit.meanSec, 1)}, sd: ${round(fit.sdSec, 1)}, unit: s }`;
}

function fitComment(fit: DistributionFit, task: TaskFit): string {
  const other = task.fits.find((candidate) => candidate !== fit);
  const versus = other ? `; ${other.family} AIC ${other.aic.toFixed(1)}` : "";
  const left = task.nonPositive > 0 ? `; ${task.nonPositive} zero or negative durations left out` : "";
  return `# n = ${fit.n}, ${fit.family} by maximum likelihood: mean ${fit.meanSec.toFixed(1)} s ${interval(fit.meanCi, 1)}, sd ${fit.sdSec.toFixed(1)} s ${interval(fit.sdCi, 1)} (95 % CI); AIC ${fit.aic.toFixed(1)}${versus}, KS D ${fit.ks.toFixed(4)}${left}`;
}

function shareComment(label: string, share: Share): string {
  return `${label} ${share.count}/${share.n} = ${share.value.toFixed(4)} ${interval(share.ci, 4)}`;
}

const written = (result: CalibrationResult, match: (key: TaskKey) => boolean) => result.tasks.filter((task) => task.written && match(task.key));

/**
 * The calibration as a scenario overlay (`extends:` the scenario), every fitted value preceded by
 * a comment with its n, 95 % CI and method (docs/calibration.md).
 */
export function calibrationOverlay(result: CalibrationResult, scenario: Scenario, extendsPath: string): string {
  const lines: string[] = [];
  const data = result.data;
  const synthetic = data.synthetic !== "no";
  if (synthetic) lines.push(`# SYNTHETIC: ${data.synthetic === "yes" ? "every" : "some"} incident this overlay is fitted from came from a generated (synthetic) extract, not from real missions.`);
  lines.push(`# Calibrated by \`akutt calibrate\` from the mission warehouse, incidents ${data.period.period.fromDate} … ${data.period.period.toDate} (local days, inclusive).`);
  lines.push("# Method: docs/calibration.md. Task times: maximum likelihood, lognormal or gamma by AIC, 95 % Wald CIs (delta method, log");
  lines.push("# scale). Demand: area rate × zone weight × hour-of-week profile per urgency, empirical-Bayes smoothed, recorded totals kept.");
  lines.push(`# Left out: ${data.incidentsOutsideScenario} incidents outside the scenario's zones, ${data.incidentsWithoutUrgency} without urgency.`);
  lines.push(`extends: ${JSON.stringify(extendsPath)}`);
  lines.push("metadata:");
  lines.push(`  name: ${JSON.stringify(`${scenario.metadata.name} (calibrated ${data.period.period.fromDate} … ${data.period.period.toDate}${synthetic ? ", SYNTHETIC data" : ""})`)}`);

  const demand = result.demand;
  lines.push("demand:");
  lines.push("  growthFactor: 1");
  lines.push("  # Sum over the areas (every area has its own rate below, so these apply to none; the schema requires them).");
  lines.push("  rates:");
  for (const urgency of URGENCIES) {
    const total = [...demand.areaPerYear.values()].reduce((sum, rates) => sum + rates[urgency], 0);
    lines.push(`    ${urgency}: { replace: true, perYear: ${round(total, 2)} }`);
  }
  lines.push(`  # Per area: recorded incidents over ${(demand.periodHours / 24).toFixed(0)} days, scaled to a year by the fitted hour-of-week profile (expected = recorded).`);
  lines.push("  areaRates:");
  for (const [area, rates] of demand.areaPerYear) {
    const counts = demand.areaCounts.get(area)!;
    lines.push(`    # ${area}: n = ${URGENCIES.map((urgency) => `${urgency} ${counts[urgency]}`).join(", ")}; zone shares smoothed with α = ${formatAlpha(demand.alpha.zonesByArea.get(area)!)}`);
    lines.push(`    ${JSON.stringify(area)}: { ${URGENCIES.map((urgency) => `${urgency}: { replace: true, perYear: ${round(rates[urgency], 2)} }`).join(", ")} }`);
  }
  lines.push("  # Hour of week (0 = Monday 00–01, local time), mean 1; each urgency's shares shrunk toward all urgencies'");
  lines.push(`  # (α: ${URGENCIES.map((urgency) => `${urgency} ${formatAlpha(demand.alpha.hoursByUrgency[urgency])}`).join(", ")}; all urgencies toward a flat rate, α = ${formatAlpha(demand.alpha.pooledHours)}).`);
  lines.push("  profileByUrgency:");
  for (const urgency of URGENCIES) lines.push(`    ${urgency}: { replace: true, hourOfWeek: [${[...demand.profileByUrgency[urgency]].map((value) => round(value, 4)).join(", ")}] }`);
  const multiUnitUrgencies = URGENCIES.filter((urgency) => result.multiUnit[urgency] !== undefined);
  if (scenario.demand.multiUnit || multiUnitUrgencies.some((urgency) => result.multiUnit[urgency]!.size > 0)) {
    lines.push("  multiUnit:");
    for (const urgency of multiUnitUrgencies) {
      const shares = result.multiUnit[urgency]!;
      lines.push(`    # ${urgency}: incidents reached by k ambulances, of those reached by at least one: ${shares.size === 0 ? "none by more than one" : [...shares].map(([k, share]) => shareComment(`k = ${k}`, share)).join("; ")}`);
      lines.push(`    ${urgency}: { units: { ${[...shares].map(([k, share]) => `"${k}": ${round(share.value, 5)}`).join(", ")} } }`);
    }
  }

  lines.push("# Zone weights: each area's smoothed zone shares × the area's population (or prior weight), so zones where the data agree with");
  lines.push("# the population keep about their population. The whole zone list is written: a zones file cannot be merged by id.");
  lines.push("zones:");
  scenario.zones.forEach((zone, z) => {
    const record: Record<string, unknown> = { id: zone.id, area: zone.area, lat: zone.lat, lon: zone.lon };
    if (zone.population !== undefined) record.population = zone.population;
    record.weight = sig(demand.zoneWeights[z]!);
    lines.push(`  - ${JSON.stringify(record)}`);
  });

  const activation = written(result, (key) => key.task === "activation");
  const onScene = written(result, (key) => key.task === "onScene");
  if (activation.length + onScene.length > 0) {
    lines.push("times:");
    for (const [name, tasks] of [["activation", activation], ["onScene", onScene]] as const) {
      if (tasks.length === 0) continue;
      lines.push(`  ${name}:`);
      for (const task of tasks) {
        lines.push(`    ${fitComment(task.written!, task)}`);
        lines.push(`    ${(task.key as { urgency: string }).urgency}: ${distribution(task.written!)}`);
      }
    }
  }

  const paths = URGENCIES.filter((urgency) => result.patientPaths[urgency]);
  if (paths.length > 0) {
    lines.push("patientPaths:");
    for (const urgency of paths) {
      const path = result.patientPaths[urgency]!;
      lines.push(`  # ${urgency}: ${shareComment("treated or left on scene", path.treatedOnScene)}; ${shareComment("to a legevakt", path.legevakt)} (Wilson 95 % CI)`);
      lines.push(`  ${urgency}: { treatedOnSceneProbability: ${round(path.treatedOnScene.value, 5)}, legevaktProbability: ${round(path.legevakt.value, 5)} }`);
    }
  }

  const callHandling = written(result, (key) => key.task === "callHandling");
  const centres = [...new Set(callHandling.map((task) => (task.key as { amk: string }).amk))];
  if (centres.length > 0) {
    lines.push("# Call handling: from answering the call to the AMK's decision (urgency set); waiting for a free unit comes after it.");
    lines.push("amkCentres:");
    for (const amk of centres) {
      lines.push(`  - id: ${JSON.stringify(amk)}`);
      lines.push("    callHandling:");
      for (const task of callHandling.filter((candidate) => (candidate.key as { amk: string }).amk === amk)) {
        lines.push(`      ${fitComment(task.written!, task)}`);
        lines.push(`      ${(task.key as { urgency: string }).urgency}: ${distribution(task.written!)}`);
      }
    }
  }

  const handover = written(result, (key) => key.task === "handover");
  if (handover.length > 0) {
    lines.push("# Handover: from arrival at the destination until the unit is free.");
    lines.push("destinations:");
    for (const task of handover) {
      lines.push(`  ${fitComment(task.written!, task)}`);
      lines.push(`  - { id: ${JSON.stringify((task.key as { destination: string }).destination)}, handover: ${distribution(task.written!)} }`);
    }
  }
  if (result.cleaningWritten) {
    lines.push("# Unavailable time after a mission (cleaning, restocking): the transporting ambulance's unit_free_at → unit_ready_at;");
    lines.push("# a mission counts as followed by cleaning when ready came after free. Wilson 95 % CI for the shares.");
    lines.push("availability:");
    lines.push("  cleaning:");
    for (const outcome of CLEANING_OUTCOMES) {
      const share = result.cleaning[outcome];
      const task = result.tasks.find((candidate) => candidate.key.task === "cleaning" && candidate.key.outcome === outcome);
      const fields: string[] = [];
      if (share) {
        lines.push(`    # ${outcome}: ${shareComment("cleaned after", share)}`);
        fields.push(`probability: ${round(share.value, 5)}`);
      }
      if (task?.written) {
        lines.push(`    ${fitComment(task.written, task).replace(/; \d+ zero or negative durations left out$/, "")}`);
        fields.push(`duration: ${distribution(task.written)}`);
      }
      if (fields.length > 0) lines.push(`    ${outcome}: { ${fields.join(", ")} }`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function formatAlpha(alpha: number): string {
  return alpha === Infinity ? "∞ (prior kept)" : alpha === 0 ? "0 (raw shares)" : alpha.toPrecision(3);
}
