import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { loadScenarioFile, type Scenario } from "@akutt/model";
import { ColumnPool, simulateReplication } from "@akutt/engine";
import { findRepoRoot } from "@akutt/geo";

import { floorRun } from "./mmc-floor.js";
import { measureRanking } from "./ranking.js";
import { benchInputs, largeBenchRegion, largeBenchRegionWithoutMechanisms, syntheticRegion } from "./synthetic-region.js";
import { measureImport } from "./warehouse-import.js";
import { measureIndicators } from "./warehouse-indicators.js";
import { measureOptimise } from "./optimise.js";
import { measureCalibration } from "./calibration.js";
import { measureAdvice } from "./advice-forecast.js";
import { measureLive } from "./live.js";
import { InstructionCountUnavailable, countInstructions, type CountedRun } from "./instructions.js";

// `npm run bench` prints engine throughput; `npm run bench -- --json` prints the same as JSON.
// `npm run bench -- --ranking` instead ranks 20 plans × 20 replications by simulation (docs/ranking.md).
// `npm run bench -- --optimise` instead solves the siting MIPs: Utrecht MEXCLP 20–24 vehicles, Asker and Bærum with every zone a candidate (docs/optimisation.md).
// `npm run bench -- --warehouse` instead imports 5 million missions into the warehouse and times every quality indicator over
// 5 million missions, then calibrates over 5 million (--quick: 500,000 each; docs/data-warehouse.md, docs/indicators.md,
// docs/calibration.md).
// `npm run bench -- --advice` instead times live advice on an Asker and Bærum live picture: the next-hour forecast
// (100 replications × 60 min from a snapshot; target under 2 s), a recommendation, coverage now, move-up (docs/live.md).
// `npm run bench -- --instructions` instead counts the instructions, simulated cache misses and mispredicted branches of one 30-day replication of the large region under
// valgrind, per mission and beside the floor's per customer (repeatable to a few per cent at worst, where wall time on a shared machine is not; instructions.ts).
const { values } = parseArgs({
  options: {
    advice: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    ranking: { type: "boolean", default: false },
    warehouse: { type: "boolean", default: false },
    optimise: { type: "boolean", default: false },
    live: { type: "boolean", default: false },
    instructions: { type: "boolean", default: false },
  },
});

if (values.advice) {
  const f = await measureAdvice();
  if (values.json) process.stdout.write(`${JSON.stringify({ advice: f, node: process.version }, null, 2)}\n`);
  else {
    process.stdout.write(`live advice, ${f.scenario} (${f.travelModel}): ${f.units} units, ${f.openIncidents} open incidents at simulation second ${f.atSec}\n`);
    process.stdout.write(`  forecast ${f.replications} × ${f.minutes} min   ${f.forecastSec.toFixed(2)} s median of ${f.forecastRuns.map((sec) => sec.toFixed(2)).join(", ")} (target: under 2 s)\n`);
    process.stdout.write(`  recommendation        ${f.recommendationMs.toFixed(1)} ms median\n  coverage now          ${f.coverageMs.toFixed(1)} ms median\n  move-up advice        ${f.moveUpMs.toFixed(1)} ms median\n`);
  }
  process.exit(0);
}

// `npm run bench -- --live` instead posts 100 events a second for a minute to a live server while asking for recommendations (--quick: 15 s; docs/live.md).
if (values.live) {
  const figure = await measureLive({ seconds: values.quick ? 15 : 60 });
  if (values.json) process.stdout.write(`${JSON.stringify({ live: figure, node: process.version }, null, 2)}\n`);
  else {
    process.stdout.write(`live server, ${figure.scenario}: ${figure.events} replayed events at ${figure.targetPerSec}/s (achieved ${figure.achievedPerSec.toFixed(1)}/s over ${figure.wallSec.toFixed(1)} s; ${figure.refused} refused)\n`);
    process.stdout.write(`  post of 10 events, answered after fsync   median ${figure.ackMedianMs.toFixed(1)} ms, p99 ${figure.ackP99Ms.toFixed(1)} ms\n`);
    process.stdout.write(`  recommendation (${figure.recommendations} asked)          median ${figure.recommendationMedianMs.toFixed(1)} ms, p99 ${figure.recommendationP99Ms.toFixed(1)} ms (target: p99 under 50 ms)\n`);
  }
  process.exit(0);
}

if (values.optimise) {
  const figures = await measureOptimise();
  if (values.json) process.stdout.write(`${JSON.stringify({ optimise: figures, node: process.version }, null, 2)}\n`);
  else {
    process.stdout.write("optimise: siting MIPs, HiGHS (WebAssembly, one thread); build + solve per fleet size (targets: Utrecht under 1 s, Asker and Bærum under 10 s)\n");
    for (const f of figures) {
      process.stdout.write(`  ${f.name.padEnd(48)} ${String(f.demandPoints).padStart(5)} points ${String(f.candidateSites).padStart(5)} sites ${String(f.vehicles).padStart(3)} vehicles  ${f.status.padEnd(10)} objective ${f.objective.toFixed(6)}  ${f.solveSec.toFixed(2)} s wall, ${f.solveCpuSec.toFixed(2)} s CPU (coverage data ${f.coverageDataSec.toFixed(2)} s)\n`);
    }
  }
  process.exit(0);
}

if (values.warehouse) {
  const figure = await measureImport(values.quick ? 500_000 : 5_000_000);
  const indicators = await measureIndicators(values.quick ? 500_000 : 5_000_000);
  const calibration = await measureCalibration(values.quick ? 500_000 : 5_000_000);
  if (values.json) process.stdout.write(`${JSON.stringify({ warehouseImport: figure, indicators, calibration, node: process.version }, null, 2)}\n`);
  else {
    process.stdout.write(`warehouse import, ${figure.rows.toLocaleString("en")} missions (CSV ${figure.fileMB.toFixed(0)} MB, written in ${figure.generateSec.toFixed(1)} s)\n`);
    process.stdout.write(`  import wall time           ${figure.importSec.toFixed(1)} s (target: under 60 s for 5 million)\n`);
    process.stdout.write(`  rows per second            ${Math.round(figure.rowsPerSec).toLocaleString("en")}\n`);
    process.stdout.write(`  stored / quarantined       ${figure.report.rowsStored.toLocaleString("en")} / ${figure.report.rowsQuarantined.toLocaleString("en")} (${Object.entries(figure.report.quarantined).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${n}`).join(", ") || "none"})\n`);
    process.stdout.write(`quality indicators, ${indicators.missions.toLocaleString("en")} missions (${indicators.incidents.toLocaleString("en")} incidents, filled in ${indicators.generateSec.toFixed(1)} s, incidents table made in ${indicators.incidentsSec.toFixed(1)} s); median of ${indicators.repeats} runs (target: under 1 s each)\n`);
    for (const f of indicators.figures) process.stdout.write(`  ${`${f.indicator} by ${f.by} and ${f.group}`.padEnd(40)} ${f.medianSec.toFixed(2)} s (${f.rows} rows)\n`);
    process.stdout.write(`calibration (akutt calibrate's work), ${calibration.missions.toLocaleString("en")} missions in ${calibration.zones.toLocaleString("en")} zones (warehouse filled in ${calibration.generateSec.toFixed(1)} s)\n`);
    process.stdout.write(`  calibration wall time      ${calibration.calibrateSec.toFixed(1)} s (target: under 30 s for 5 million); ${calibration.tasksFitted} task times fitted\n`);
  }
  process.exit(0);
}

if (values.ranking) {
  const figure = await measureRanking(values.quick);
  if (values.json) process.stdout.write(`${JSON.stringify({ ranking: figure, node: process.version }, null, 2)}\n`);
  else {
    const [all, one] = figure.runs;
    process.stdout.write(`simulation ranking, ${figure.scenario}: ${figure.plans} plans (today included) × ${figure.replications} replications\n`);
    process.stdout.write(`  wall time, ${all.threads} threads        ${all.wallSec.toFixed(1)} s (target: under 120 s); CPU time, all threads ${all.cpuSec.toFixed(1)} s\n`);
    process.stdout.write(`  wall time, 1 thread         ${one.wallSec.toFixed(1)} s; CPU time ${one.cpuSec.toFixed(1)} s\n`);
    process.stdout.write(`  speed-up, 1 → ${all.threads} threads    ${figure.speedUp.toFixed(2)}× (${figure.method}; on a shared machine other work takes cores from the ${all.threads}-thread run, so the figure is a lower bound)\n`);
  }
  process.exit(0);
}

interface EngineFigure {
  name: string;
  vehicles: number;
  zones: number;
  simulatedDays: number;
  /** Emergency (113) incidents. */
  incidents: number;
  /** Transfers and booked transports (scenario `transports`), driven by the same vehicles. */
  transports: number;
  events: number;
  /** Replications timed; wallSec is the fastest. */
  runs: number;
  wallSec: number;
  incidentsPerSec: number;
  /** Wall time per mission: emergency incidents and transports together. */
  nsPerIncident: number;
  /** Wall time per emergency incident alone (the transports' cost charged to them). */
  nsPerEmergency: number;
  heapUsedMB: number;
  /**
   * With pairWithFloor: each replication's cost per mission over the cost of a floor run timed right
   * after it, sorted. The machine's speed drifts by tens of per cent over a minute here; a pair sees
   * the same speed, where the best of 5 of each, measured a minute apart, may not.
   */
  pairedRatios?: number[];
}

function measureScenario(name: string, scenario: Scenario, repeats: number, pairWithFloor = false): EngineFigure {
  const inputs = benchInputs(scenario);
  // One column pool for the scenario, as comparisons and rankings run their replications (engine/src/columns).
  const columns = new ColumnPool();
  simulateReplication(inputs, 1, 0, columns); // warm the JIT and the travel cache, and fill the pool
  let best = Infinity;
  let incidents = 0;
  let transports = 0;
  let events = 0;
  const pairedRatios: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const started = process.hrtime.bigint();
    const result = simulateReplication(inputs, 2, r, columns);
    const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
    if (wallSec < best) {
      best = wallSec;
      transports = result.transports?.count ?? 0;
      incidents = result.incidents.count - transports;
      events = result.eventCount;
    }
    if (pairWithFloor) pairedRatios.push(wallSec / result.incidents.count / (timeFloorOnce(r + 2).nsPerIncident / 1e9));
  }
  return {
    name,
    vehicles: scenario.vehicles.length,
    zones: scenario.zones.length,
    simulatedDays: scenario.metadata.durationDays,
    incidents,
    transports,
    events,
    runs: repeats,
    wallSec: best,
    incidentsPerSec: incidents / best,
    nsPerIncident: (best / (incidents + transports)) * 1e9,
    nsPerEmergency: (best / incidents) * 1e9,
    heapUsedMB: process.memoryUsage().heapUsed / 1e6,
    ...(pairWithFloor ? { pairedRatios: pairedRatios.sort((a, b) => a - b) } : {}),
  };
}

// Best of REPEATS, the engine's scenarios and the floor alike: other work on the machine only ever
// slows a run down, so the fastest run is the nearest to the code's own cost.
const REPEATS = 5;

/** One year of the floor (a minimal M/M/c loop): its customers and wall time. */
function timeFloorOnce(seed: number): { customers: number; wallSec: number; nsPerIncident: number } {
  const started = process.hrtime.bigint();
  const result = floorRun(365, seed);
  const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
  return { customers: result.customers, wallSec, nsPerIncident: (wallSec / result.customers) * 1e9 };
}

function measureFloor(): { incidents: number; wallSec: number; nsPerIncident: number } {
  let best = Infinity;
  let customers = 0;
  for (let r = 0; r < REPEATS; r++) {
    const run = timeFloorOnce(r + 2);
    if (run.wallSec < best) {
      best = run.wallSec;
      customers = run.customers;
    }
  }
  return { incidents: customers, wallSec: best, nsPerIncident: (best / customers) * 1e9 };
}

const days = values.quick ? 30 : 365;
if (values.instructions) {
  try {
    const figure = await countInstructions();
    if (values.json) process.stdout.write(`${JSON.stringify({ instructions: figure, node: process.version }, null, 2)}\n`);
    else {
      const per = figure.perReplication;
      const millions = (count: number) => `${(count / 1e6).toFixed(2)} M`;
      const [fewer, more] = figure.counts;
      process.stdout.write(`large region, 30 days, per replication (replications ${fewer!.replications + 1}–${more!.replications} of a run, after V8 has settled; ${Math.round(figure.missionsPerReplication).toLocaleString("en-GB")} missions): ${(per.instructions / 1e6).toFixed(1)} million instructions\n`);
      process.stdout.write(`  first-level data misses (32 KB)  ${millions(per.firstLevelMisses)}\n  last-level data misses (1 MB)    ${millions(per.lastLevelMisses)}\n  mispredicted branches            ${millions(per.mispredicts)}\n`);
      const row = (label: string, run: CountedRun) =>
        `  ${label.padEnd(33)}${Math.round(run.instructions).toLocaleString("en-GB").padStart(7)} instructions, ${run.firstLevelMisses.toFixed(1).padStart(5)} first-level and ${run.lastLevelMisses.toFixed(1).padStart(4)} last-level misses, ${run.mispredicts.toFixed(1).padStart(5)} mispredicts\n`;
      process.stdout.write(row("per mission", figure.perMission));
      process.stdout.write(row("floor (M/M/c loop), per customer", figure.floorPerCustomer));
      process.stdout.write(
        `  in instructions the large region is ${(figure.perMission.instructions / figure.floorPerCustomer.instructions).toFixed(1)}× the floor per mission; the 15× target is on wall time, where the engine's cache misses and mispredicts also count\n`,
      );
      process.stdout.write(`  (valgrind cachegrind, simulated caches and branch predictor; node --single-threaded, fixed V8 seeds: ${figure.counts.map((c) => `${c.replications} replications ${(c.instructions / 1e6).toFixed(1)} M instructions`).join(", ")}; the difference per replication)\n`);
    }
    process.exit(0);
  } catch (error) {
    if (!(error instanceof InstructionCountUnavailable)) throw error;
    process.stderr.write(`akutt bench: ${error.message}\n`);
    process.exit(2);
  }
}

const large = largeBenchRegion(days);
const largeWithout = largeBenchRegionWithoutMechanisms(days);
const small = syntheticRegion({ name: "synthetic small region", gridSide: 12, spacingDeg: 0.03, stationsSide: 3, vehiclesPerStation: 2, hospitals: 2, amkCentres: 1, incidentsPerYear: 25_000, durationDays: days });
// The floor's code is compiled before any figure is timed (the paired runs time it from the first replication on).
floorRun(30, 1);
const figures = [
  measureScenario("large region (300 ambulances, 400,000 incidents + 100,000 transports a year, AMK workload)", large, values.quick ? 1 : REPEATS, true),
  measureScenario("large region without the workload mechanisms (300 ambulances, 500,000 incidents a year; no AMK workload, transports, unavailable time or multi-unit incidents)", largeWithout, values.quick ? 1 : REPEATS),
  measureScenario("small region (18 vehicles, 25,000 incidents/year)", small, REPEATS),
  measureScenario("validation M/M/5 through the full engine", loadScenarioFile(resolve(findRepoRoot(), "scenarios/validation/mmc.yaml")), REPEATS),
];
const floor = measureFloor();
// The load average over the last minute when the bench ends: a figure measured beside other work is slower.
const loadAverage = loadavg()[0]!;
const ratios = figures.map((figure) => ({ name: figure.name, ratioToFloor: figure.nsPerIncident / floor.nsPerIncident, emergencyRatioToFloor: figure.nsPerEmergency / floor.nsPerIncident }));
const output = { engine: figures, floor: { name: "minimal M/M/c event loop", ...floor }, ratios, loadAverage, node: process.version };

if (values.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
else {
  const line = (label: string, value: string) => `  ${label.padEnd(26)}${value}`;
  for (const figure of figures) {
    process.stdout.write(`${figure.name}\n`);
    process.stdout.write(`${line("simulated", `${figure.simulatedDays} days, ${figure.incidents.toLocaleString("en")} incidents, ${figure.transports > 0 ? `${figure.transports.toLocaleString("en")} transports, ` : ""}${figure.events.toLocaleString("en")} events`)}\n`);
    process.stdout.write(`${line(`wall time (best of ${figure.runs})`, `${figure.wallSec.toFixed(3)} s`)}\n`);
    process.stdout.write(`${line("incidents per second", Math.round(figure.incidentsPerSec).toLocaleString("en"))}\n`);
    process.stdout.write(`${line(figure.transports > 0 ? "cost per mission" : "cost per incident", `${(figure.nsPerIncident / 1000).toFixed(2)} µs`)}\n`);
    if (figure.transports > 0) process.stdout.write(`${line("cost per emergency", `${(figure.nsPerEmergency / 1000).toFixed(2)} µs (transports charged to emergencies)`)}\n`);
    process.stdout.write(`${line("heap used", `${figure.heapUsedMB.toFixed(0)} MB`)}\n\n`);
  }
  process.stdout.write(`minimal M/M/c event loop (floor): ${(floor.nsPerIncident / 1000).toFixed(3)} µs per incident\n`);
  for (const ratio of ratios) {
    const perEmergency = ratio.emergencyRatioToFloor !== ratio.ratioToFloor ? ` per mission, ${ratio.emergencyRatioToFloor.toFixed(1)}× per emergency incident` : "";
    process.stdout.write(`  ${ratio.name}: ${ratio.ratioToFloor.toFixed(1)}× the floor${perEmergency}\n`);
  }
  const [withMechanisms, withoutMechanisms] = ratios;
  if (withMechanisms && withoutMechanisms) {
    process.stdout.write(`large region, workload mechanisms off → on: ${withoutMechanisms.ratioToFloor.toFixed(1)}× → ${withMechanisms.ratioToFloor.toFixed(1)}× the floor per mission (target: within 15×)\n`);
  }
  const paired = figures[0]?.pairedRatios;
  if (paired && paired.length > 0) {
    const median = paired[Math.floor(paired.length / 2)]!;
    process.stdout.write(`large region, each replication paired with a floor run timed right after it: median ${median.toFixed(1)}×, range ${paired[0]!.toFixed(1)}–${paired[paired.length - 1]!.toFixed(1)}× the floor per mission\n`);
  }
  process.stdout.write(`floor: best of ${REPEATS} runs; load average ${loadAverage.toFixed(2)} (other work on the machine slows every figure)\n`);
}
