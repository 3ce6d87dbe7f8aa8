import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { writeFileAtomic } from "@akutt/geo";
import { loadComparisonFile, loadScenarioFile, type Scenario } from "@akutt/model";
import { prepareRun } from "@akutt/runs";
import {
  coverageData,
  fleetOptionsSchema,
  type CoverageData,
  loadOptimiseOptionsFile,
  solveFleet,
  sitingOptionsSchema,
  solveSiting,
  type FleetOptions,
  type FleetResult,
  type SitingOptions,
  type SitingResult,
} from "@akutt/optimise";
import { EXIT_USER_ERROR, UsageError } from "../io/user-error.js";
import { parsePositiveInteger, parseSeed } from "../io/options.js";
import { rankSitingPlans } from "./optimise-rank.js";
import { writeModelFiles } from "../io/model-files.js";

/** `--rank N`: the N best plans simulated and ranked (commands/optimise-rank.ts). */
async function rankSiting(scenario: Scenario, options: SitingOptions, flags: SitingFlags): Promise<string[]> {
  if (flags.language !== "nb" && flags.language !== "en") throw new UsageError(`--language must be nb or en, got "${flags.language}"`);
  if (flags.json) throw new UsageError("--rank prints the ranking and writes it with --out; leave out --json");
  const counts = vehicleCounts(flags.vehicles, scenario.vehicles.filter((vehicle) => vehicle.type === "ambulance").length);
  if (counts.length !== 1) throw new UsageError("--rank ranks the plans of one fleet size: give --vehicles N, not a range");
  // sitingCandidates bounds the number of plans itself (SITING_LIMITS), before any work.
  const plans = parsePositiveInteger("--rank", flags.rank!);
  return rankSitingPlans(scenario, options, counts[0]!, { plans, replications: parsePositiveInteger("--replications", flags.replications!), seed: parseSeed(flags.seed!), out: flags.out, json: false, language: flags.language, dataDir: flags.dataDir, writeModel: flags.writeModel });
}

/**
 * Refuses an output path that is one of the files the scenario is read from (compared after
 * following links: a link, or another spelling, of a source file is that file).
 */
export function refuseSourceOverwrite(scenario: Scenario, out: string, flag: string): void {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : path);
  if (existsSync(out) && scenario.sourceFiles.some((source) => real(source) === real(out))) throw new UsageError(`${flag}: would overwrite ${relative(process.cwd(), out) || out}, a file the scenario is read from`);
}

/**
 * `--out plan.yaml` without `--rank`: the MIP's plan as an overlay variant on the scenario
 * (`extends:` relative to the file), written aside and renamed so a failure leaves no partial file.
 */
async function writePlanOverlay(scenario: Scenario, data: CoverageData, result: SitingResult, out: string, flag: string): Promise<string> {
  const { movedOverlay, planOverlayText } = await import("@akutt/ranking");
  const id = `${result.model}-${result.vehicles}`;
  const text = planOverlayText(scenario, data, result.allocation.map((site) => site.vehicles));
  const header = `# Best ${result.model.toUpperCase()} plan for ${result.vehicles} ambulances by \`akutt optimise siting\` (docs/optimisation.md): objective ${result.objective.toFixed(6)}, ${result.objectiveLabel}.\n`;
  try {
    writeFileAtomic(out, header + movedOverlay({ id, file: join(dirname(scenario.file), `${id}.yaml`), text }, out));
  } catch (error) {
    // A folder that cannot be made or written (permissions, a full disk) is the user's to fix; nothing is left behind.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string") throw new UsageError(`${flag}: cannot write the plan (${code})`);
    throw error;
  }
  return relative(process.cwd(), out) || out;
}

/** Before any work: the output file's nearest existing folder must be a folder (not a file), and the path not a folder. */
function checkOutputFile(out: string, flag: string): void {
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`${flag}: is a folder; without --rank --out names the plan's overlay file (plan.yaml)`);
  let parent = dirname(out);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  if (!statSync(parent).isDirectory()) throw new UsageError(`${flag}: ${relative(process.cwd(), parent) || parent} is a file, not a folder`);
}

/**
 * `--compare`: the ranking's folder has comparison.yaml (today against the plan ranked first) unless
 * today ranked first; run `akutt compare` on it (the same command, so the same report), without the
 * sensitivity, factor, fleet-needed, projection and optimisation extras, writing DIR/report.
 */
async function compareChosen(program: Command, out: string, written: readonly string[], language: string, dataDir: string | undefined): Promise<void> {
  const comparison = join(resolve(out), "comparison.yaml");
  // This ranking's own files only: a comparison.yaml already in the folder (an earlier ranking's, or one of the project's) is not it.
  if (!written.includes(comparison)) {
    process.stderr.write("today ranks first: there is no better plan to compare with today\n");
    return;
  }
  process.stderr.write(`comparing today with the plan ranked first (akutt compare ${relative(process.cwd(), comparison) || comparison})\n`);
  const args = ["compare", comparison, "--out", join(resolve(out), "report"), "--no-sensitivity", "--no-factors", "--no-fleet-needed", "--no-projections", "--no-optimise", "--language", language, ...(dataDir === undefined ? [] : ["--data-dir", dataDir])];
  await program.parseAsync(args, { from: "user" });
}

/** Flags shared by the subcommands. */
interface CommonFlags {
  alternative?: string;
  options?: string;
  writeModel?: string;
  json?: boolean;
  dataDir?: string;
}

interface SitingFlags extends CommonFlags {
  model?: string;
  vehicles?: string;
  busyFraction?: string;
  reliability?: string;
  maxPerSite?: string;
  maxSites?: string;
  objective?: string;
  percentile?: string;
  zones?: string;
  fixed?: string;
  exclude?: string;
  borderRule?: string;
  driveDirection?: string;
  timeLimit?: string;
  rank?: string;
  replications?: string;
  seed?: string;
  out?: string;
  language?: string;
  areas?: string;
  compare?: boolean;
}

/** At most this many fleet sizes in one `--vehicles A..B` run. */
const MAX_VEHICLE_RANGE = 50;

/**
 * The scenario to optimise: a scenario file, or a comparison (its folder or comparison.yaml) with
 * `--alternative ID` choosing the variant (default: its baseline).
 */
export function loadTarget(path: string, alternative: string | undefined, dataDir: string | undefined): { scenario: Scenario; label: string } {
  const isComparison = (existsSync(path) && statSync(path).isDirectory()) || /(^|\/)comparison\.ya?ml$/.test(path);
  if (!isComparison) {
    if (alternative !== undefined) throw new UsageError(`--alternative needs a comparison (a folder with comparison.yaml), but ${path} is a scenario file`);
    return { scenario: loadScenarioFile(path, { dataDir }), label: path };
  }
  const comparison = loadComparisonFile(path);
  const variants = [comparison.baseline, ...comparison.alternatives];
  const variant = alternative === undefined ? comparison.baseline : variants.find((v) => v.id === alternative);
  if (variant === undefined) throw new UsageError(`--alternative: unknown id "${alternative}"; expected one of ${variants.map((v) => `"${v.id}"`).join(", ")}`);
  return { scenario: loadScenarioFile(resolve(comparison.baseDir, variant.file), { dataDir }), label: `${path} (${variant.id})` };
}

/** A number flag, or a one-line usage error naming it. */
export function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) throw new UsageError(`${flag}: expected a number, got "${value}"`);
  return parsed;
}

/** `--vehicles 20` or `--vehicles 20..24`. */
function vehicleCounts(value: string | undefined, fallback: number): number[] {
  if (value === undefined) return [fallback];
  const range = /^(\d+)\.\.(\d+)$/.exec(value);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (from < 1 || to < from || to - from + 1 > MAX_VEHICLE_RANGE) throw new UsageError(`--vehicles: a range A..B needs 1 ≤ A ≤ B and at most ${MAX_VEHICLE_RANGE} sizes, got "${value}"`);
    return Array.from({ length: to - from + 1 }, (_, k) => from + k);
  }
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--vehicles: expected a whole number ≥ 1 or a range A..B, got "${value}"`);
  return [Number(value)];
}

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(",").map((item) => item.trim()).filter((item) => item !== ""));

/** The options file's section with the flags that were given over it. */
function overFile(file: object, fromFlags: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...file };
  for (const [key, value] of Object.entries(fromFlags)) if (value !== undefined) merged[key] = value;
  return merged;
}

type OptionsSchema<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> } } };

/** Options validated; the first problem as one line naming its flag, else the options file's field. */
function parsedOptions<T>(schema: OptionsSchema<T>, merged: Record<string, unknown>, flagOf: Record<string, string>, optionsFile: string | undefined, section: string): T {
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    const flag = flagOf[field] ?? (optionsFile !== undefined ? `${optionsFile}: ${section}.${field}` : field);
    throw new UsageError(`${flag}: ${issue.message}`);
  }
  return parsed.data;
}

/** File options, then flags over them, validated together; a bad flag value is one line naming the flag. */
function sitingOptions(flags: SitingFlags): SitingOptions {
  const file: Partial<SitingOptions> = flags.options === undefined ? {} : (loadOptimiseOptionsFile(flags.options).siting ?? {});
  const fromFlags: Record<string, unknown> = {
    model: flags.model,
    busyFraction: numberFlag(flags.busyFraction, "--busy-fraction"),
    reliability: numberFlag(flags.reliability, "--reliability"),
    maxVehiclesPerSite: numberFlag(flags.maxPerSite, "--max-per-site"),
    pmedianObjective: flags.objective,
    percentile: numberFlag(flags.percentile, "--percentile"),
    borderRule: flags.borderRule,
    driveDirection: flags.driveDirection,
    timeLimitSec: numberFlag(flags.timeLimit, "--time-limit"),
    fixed: list(flags.fixed),
    excluded: list(flags.exclude),
    areas: list(flags.areas),
  };
  const merged = overFile(file, fromFlags);
  if (flags.zones !== undefined) {
    const zones = flags.zones === "all" || flags.zones === "none" ? flags.zones : list(flags.zones);
    merged.candidates = { ...(file.candidates ?? {}), zones };
  }
  if (flags.maxSites !== undefined) merged.budget = { ...(file.budget ?? {}), maxSites: numberFlag(flags.maxSites, "--max-sites") };
  return parsedOptions(sitingOptionsSchema, merged, FLAG_OF_FIELD, flags.options, "siting");
}

interface FleetFlags extends CommonFlags {
  target?: string;
  busyFraction?: string;
  costPerHour?: string;
  maxPerSite?: string;
  timeLimit?: string;
}

function fleetOptions(flags: FleetFlags): FleetOptions {
  const file: Partial<FleetOptions> = flags.options === undefined ? {} : (loadOptimiseOptionsFile(flags.options).fleet ?? {});
  const fromFlags: Record<string, unknown> = {
    target: numberFlag(flags.target, "--target"),
    busyFraction: numberFlag(flags.busyFraction, "--busy-fraction"),
    costPerAmbulanceHour: numberFlag(flags.costPerHour, "--cost-per-hour"),
    maxVehiclesPerSite: numberFlag(flags.maxPerSite, "--max-per-site"),
    timeLimitSec: numberFlag(flags.timeLimit, "--time-limit"),
  };
  return parsedOptions(fleetOptionsSchema, overFile(file, fromFlags), FLEET_FLAG_OF_FIELD, flags.options, "fleet");
}

const FLEET_FLAG_OF_FIELD: Record<string, string> = {
  target: "--target",
  busyFraction: "--busy-fraction",
  costPerAmbulanceHour: "--cost-per-hour",
  maxVehiclesPerSite: "--max-per-site",
  timeLimitSec: "--time-limit",
};

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function printFleet(result: FleetResult, options: FleetOptions): string {
  const lines = [`Fleet and shifts: ${result.status}${result.status === "optimal" || result.status === "time-limit" ? `, ${result.ambulanceHoursPerWeek} ambulance-hours a week, cost ${result.cost.toFixed(2)} (${options.costPerAmbulanceHour} per ambulance-hour)` : ""}; HiGHS ${result.solveSec.toFixed(2)} s`];
  if (result.status !== "optimal" && result.status !== "time-limit") {
    lines.push(`  no plan: ${result.status === "infeasible" ? "no fleet within the caps meets every area's target in every hour" : "the solver stopped without one"}`);
    for (const area of result.areas) if (area.attainable < area.target) lines.push(`  ${area.areaCode}: at most ${percent(area.attainable)} in its worst hour with ${options.maxVehiclesPerSite} ambulances at every station (target ${percent(area.target)}; some of its demand is out of reach within the threshold)`);
    return `${lines.join("\n")}\n`;
  }
  // Crews by station and shift start, the same every day or listed by day.
  const byStart = new Map<string, Map<number, number>>();
  for (const shift of result.shifts) {
    const key = `${shift.siteId}  ${shift.shiftId} ${String(shift.startHour).padStart(2, "0")}:00 (${shift.lengthH} h)`;
    const days = byStart.get(key) ?? new Map<number, number>();
    days.set(shift.day, shift.crews);
    byStart.set(key, days);
  }
  lines.push(`  station / shift                          ${DAYS.map((day) => day.padStart(4)).join("")}`);
  for (const [key, days] of [...byStart].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${key.padEnd(40)} ${DAYS.map((_, d) => String(days.get(d) ?? 0).padStart(4)).join("")}`);
  lines.push("  area: lowest expected coverage over the week's hours (hour of week) / target");
  for (const area of result.areas) lines.push(`  ${area.areaCode.padEnd(12)} ${percent(area.lowestCoverage).padStart(9)} (${DAYS[Math.floor(area.lowestHour / 24)]} ${String(area.lowestHour % 24).padStart(2, "0")}:00) / ${percent(area.target)}`);
  return `${lines.join("\n")}\n`;
}

const FLAG_OF_FIELD: Record<string, string> = {
  model: "--model",
  busyFraction: "--busy-fraction",
  reliability: "--reliability",
  maxVehiclesPerSite: "--max-per-site",
  pmedianObjective: "--objective",
  percentile: "--percentile",
  borderRule: "--border-rule",
  driveDirection: "--drive-direction",
  timeLimitSec: "--time-limit",
  "budget.maxSites": "--max-sites",
};


const percent = (share: number) => `${(share * 100).toFixed(2)} %`;
const minutes = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} min` : "unreachable");

function printSiting(result: SitingResult, options: SitingOptions): string {
  const lines: string[] = [];
  const objective = options.model === "pmedian" ? minutes(result.objective) : `${result.objective.toFixed(6)} (${percent(result.objective)})`;
  lines.push(`${options.model.toUpperCase()}, ${result.vehicles} vehicles: ${result.status}, objective ${objective} — ${result.objectiveLabel}; HiGHS ${result.solveSec.toFixed(2)} s${result.solves > 1 ? ` over ${result.solves} MIPs` : ""}`);
  if (result.plan === undefined) return `${lines.join("\n")}\n  no plan: ${result.status === "infeasible" ? "the constraints cannot all be met (fixed sites, per-trust bounds, caps, budget)" : "the solver stopped without one"}\n`;
  const used = result.allocation.filter((site) => site.vehicles > 0 || site.currentVehicles > 0);
  const width = Math.max(4, ...used.map((site) => site.siteId.length));
  lines.push(`  ${"site".padEnd(width)}  kind     owner         plan  today`);
  for (const site of used) lines.push(`  ${site.siteId.padEnd(width)}  ${site.kind.padEnd(7)}  ${site.owner.padEnd(12)}  ${String(site.vehicles).padStart(4)}  ${String(site.currentVehicles).padStart(5)}`);
  const row = (label: string, plan: string, today: string) => `  ${label.padEnd(44)} ${plan.padStart(12)}  ${today.padStart(12)}`;
  lines.push(row("", "plan", "today"));
  lines.push(row(`expected coverage (q = ${options.busyFraction})`, percent(result.plan.expectedCoverage), percent(result.today.expectedCoverage)));
  lines.push(row(`reliable coverage (α = ${options.reliability})`, percent(result.plan.reliableCoverage), percent(result.today.reliableCoverage)));
  lines.push(row("demand with a vehicle within the threshold", percent(result.plan.covered), percent(result.today.covered)));
  lines.push(row("mean response, nearest site with a vehicle", minutes(result.plan.meanResponseMin), minutes(result.today.meanResponseMin)));
  lines.push(row(`${options.percentile}th percentile of it`, minutes(result.plan.percentileResponseMin), minutes(result.today.percentileResponseMin)));
  return `${lines.join("\n")}\n`;
}

/** Registers `akutt optimise` with its MIP subcommands and returns it (the ranking adds `rank`). */
export function registerOptimise(program: Command): Command {
  const optimise = program.command("optimise").description("propose plans with exact MIPs (HiGHS) and rank plans by simulation (docs/optimisation.md)");
  optimise
    .command("siting")
    .description("where to place the vehicles: MEXCLP, MALP or p-median over the candidate sites")
    .argument("<scenario>", "scenario YAML file, or a comparison folder with --alternative")
    .option("--model <name>", "mexclp | malp | pmedian (default mexclp)")
    .option("--vehicles <n>", "vehicles to place, or a range A..B solved one by one (default: the scenario's ambulances)")
    .option("--alternative <id>", "the comparison's variant to optimise (default: its baseline)")
    .option("--options <file>", "YAML options file (section siting:), see docs/optimisation.md")
    .option("--busy-fraction <q>", "busy fraction for MEXCLP and MALP (default 0.3)")
    .option("--reliability <alpha>", "MALP reliability (default 0.9)")
    .option("--max-per-site <n>", "most vehicles at one site (default 4)")
    .option("--max-sites <n>", "most sites with a vehicle")
    .option("--objective <mean|percentile>", "p-median objective (default mean)")
    .option("--percentile <p>", "percentile for --objective percentile (default 90)")
    .option("--zones <all|none|ids>", "zones as candidate sites: all, none (default) or a comma-separated list")
    .option("--areas <codes>", "plan for these areas only (comma-separated area codes; default all): their demand, their zones as candidates")
    .option("--fixed <ids>", "sites kept open with at least one vehicle (comma-separated)")
    .option("--exclude <ids>", "sites left empty (comma-separated)")
    .option("--border-rule <rule>", "scenario | nearest | own-first | own-only (default scenario)")
    .option("--drive-direction <d>", "site-to-zone (default) | zone-to-site")
    .option("--time-limit <sec>", "solver time limit per MIP (default 60)")
    .option("--write-model <dir>", "write each MIP as .lp and .mps files into this folder (with --rank: each plan's MIP, its no-good cuts included)")
    .option("--json", "print the results as JSON")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .option("--rank <n>", "simulate the MIP's n best plans (no-good cuts) and today on common random numbers and rank them (docs/ranking.md)")
    .option("--replications <n>", "with --rank: replications per plan", "20")
    .option("--seed <s>", "with --rank: base random seed", "1")
    .option("--out <path>", "without --rank: write the best plan as an overlay variant to this file (one fleet size); with --rank: a folder for the ranking, the best plan as chosen.yaml and comparison.yaml for akutt compare")
    .option("--language <nb|en>", "with --rank: language of the terminal table", "nb")
    .option("--compare", "with --rank and --out: then compare today with the plan ranked first (akutt compare DIR) and write its report to DIR/report")
    .action(async (file: string, flags: SitingFlags) => {
      const options = sitingOptions(flags);
      const { scenario, label } = loadTarget(file, flags.alternative, flags.dataDir);
      if (flags.compare && (flags.rank === undefined || flags.out === undefined)) throw new UsageError("--compare compares today with the plan ranked first: give it with --rank N and --out DIR");
      if (flags.rank !== undefined) {
        const written = await rankSiting(scenario, options, flags);
        if (flags.compare) await compareChosen(program, flags.out!, written, flags.language!, flags.dataDir);
        return;
      }
      const out = flags.out === undefined ? undefined : resolve(flags.out);
      if (out !== undefined) {
        if (flags.vehicles !== undefined && vehicleCounts(flags.vehicles, 1).length !== 1) throw new UsageError("--out writes the plan of one fleet size: give --vehicles N, not a range");
        refuseSourceOverwrite(scenario, out, `--out ${flags.out}`);
        checkOutputFile(out, `--out ${flags.out}`);
      }
      const prepared = await prepareRun(scenario, { dataDir: flags.dataDir });
      const data = coverageData(prepared, options);
      const counts = vehicleCounts(flags.vehicles, data.ambulances);
      process.stderr.write(`${label}: ${data.demand.length} demand zones, ${data.sites.length} candidate sites, travel model ${data.travelModel}; response = AMK handling + activation + blue-light drive (${options.driveDirection})\n`);
      const results: SitingResult[] = [];
      for (const vehicles of counts) {
        const result = await solveSiting(data, options, vehicles);
        results.push(result);
        if (flags.writeModel !== undefined) process.stderr.write(`wrote ${writeModelFiles(flags.writeModel, result.mip, `${options.model}-${vehicles}`).join(", ")}\n`);
        if (!flags.json) process.stdout.write(printSiting(result, options));
      }
      const best = results[0];
      if (out !== undefined && best?.plan !== undefined) process.stderr.write(`wrote ${await writePlanOverlay(scenario, data, best, out, `--out ${flags.out}`)}; run it with \`akutt simulate\` or rank it with \`akutt optimise rank\`\n`);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ scenario: label, travelModel: data.travelModel, options, results: results.map(({ mip: _, ...rest }) => rest) }, null, 2)}\n`);
      }
      // Constraints that cannot all hold are the user's to change: exit 2, as for bad input.
      if (results.some((result) => result.status === "infeasible")) process.exitCode = EXIT_USER_ERROR;
      else if (results.some((result) => result.status !== "optimal" && result.status !== "time-limit")) process.exitCode = 1;
    });
  optimise
    .command("fleet")
    .description("ambulances per station per hour of the week from allowed shifts, meeting every area's coverage target in every hour at least cost")
    .argument("<scenario>", "scenario YAML file, or a comparison folder with --alternative")
    .option("--alternative <id>", "the comparison's variant (default: its baseline)")
    .option("--options <file>", "YAML options file (section fleet:), see docs/optimisation.md")
    .option("--target <share>", "expected coverage every area must reach in every hour (default 0.9)")
    .option("--busy-fraction <q>", "busy fraction at the mean demand (default 0.3)")
    .option("--cost-per-hour <c>", "cost of one ambulance-hour (default 1)")
    .option("--max-per-site <n>", "most ambulances at one station at once (default 4)")
    .option("--time-limit <sec>", "solver time limit (default 120)")
    .option("--write-model <dir>", "write the MIP as fleet.lp and fleet.mps into this folder")
    .option("--json", "print the result as JSON")
    .option("--data-dir <dir>", "folder with the shared data (default: $AKUTT_DATA_DIR or ../shared/data)")
    .action(async (file: string, flags: FleetFlags) => {
      const options = fleetOptions(flags);
      const { scenario, label } = loadTarget(file, flags.alternative, flags.dataDir);
      const prepared = await prepareRun(scenario, { dataDir: flags.dataDir });
      // Crews work from stations: standby points and zones are not candidates here.
      const data = coverageData(prepared, { ...options, candidates: { stations: true, standbyPoints: false, zones: "none" } });
      process.stderr.write(`${label}: ${data.demand.length} demand zones, ${data.sites.length} stations, ${options.shifts.length} shift patterns, travel model ${data.travelModel}\n`);
      const result = await solveFleet(data, options);
      if (flags.writeModel !== undefined) process.stderr.write(`wrote ${writeModelFiles(flags.writeModel, result.mip, "fleet").join(", ")}\n`);
      if (flags.json) {
        const { mip: _, ...rest } = result;
        process.stdout.write(`${JSON.stringify({ scenario: label, travelModel: data.travelModel, options, result: rest }, null, 2)}\n`);
      } else process.stdout.write(printFleet(result, options));
      if (result.status === "infeasible") process.exitCode = EXIT_USER_ERROR;
      else if (result.status !== "optimal" && result.status !== "time-limit") process.exitCode = 1;
    });
  return optimise;
}
