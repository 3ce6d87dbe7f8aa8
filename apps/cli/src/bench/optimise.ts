import { resolve } from "node:path";
import { findRepoRoot, loadScenarioFile, resolveDataDir } from "@akutt/model";
import { prepareRun } from "@akutt/runs";
import { coverageData, sitingOptionsSchema, solveSiting } from "@akutt/optimise";

/**
 * `npm run bench -- --optimise`: the siting MIPs on open and real data (docs/optimisation.md).
 * Times are wall-clock: building the MIP and solving it with HiGHS; preparing the scenario (travel
 * model) and the coverage data are timed apart. The first HiGHS call compiles the WebAssembly, so a
 * warm-up solve runs first.
 */
export interface OptimiseFigure {
  name: string;
  demandPoints: number;
  candidateSites: number;
  vehicles: number;
  status: string;
  objective: number;
  coverageDataSec: number;
  solveSec: number;
  /** CPU time of the process over the same span (user + system): less sensitive to other load on a shared machine. */
  solveCpuSec: number;
}

export async function measureOptimise(): Promise<OptimiseFigure[]> {
  const root = findRepoRoot();
  const dataDir = resolveDataDir();
  const figures: OptimiseFigure[] = [];
  const run = async (name: string, file: string, input: Record<string, unknown>, vehicleCounts: (ambulances: number) => number[]) => {
    const scenario = loadScenarioFile(resolve(root, file), { dataDir });
    const prepared = await prepareRun(scenario, { dataDir });
    const options = sitingOptionsSchema.parse(input);
    const started = performance.now();
    const data = coverageData(prepared, options);
    const coverageDataSec = (performance.now() - started) / 1000;
    if (figures.length === 0) await solveSiting(data, options, vehicleCounts(data.ambulances)[0]!); // warm-up: WebAssembly compile
    for (const vehicles of vehicleCounts(data.ambulances)) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const result = await solveSiting(data, options, vehicles);
      const cpu = process.cpuUsage(cpu0);
      figures.push({ name, demandPoints: data.demand.length, candidateSites: data.sites.length, vehicles, status: result.status, objective: result.objective, coverageDataSec, solveSec: (performance.now() - t0) / 1000, solveCpuSec: (cpu.user + cpu.system) / 1e6 });
    }
  };
  await run("Utrecht MEXCLP (21 bases)", "scenarios/utrecht/elaspy.yaml", { model: "mexclp" }, () => [20, 21, 22, 23, 24]);
  // Demand and candidate zones of Asker (3203, both parts) and Bærum (3201); every station stays a
  // candidate. 10 vehicles: the ambulances stationed in Asker and Bærum today (Bærum 5, Asker 3, Sætre 2; base.yaml).
  await run("Asker and Bærum MEXCLP, every zone a candidate", "scenarios/asker-baerum/base.yaml", { model: "mexclp", areas: ["3201", "3203"], candidates: { zones: "all" }, timeLimitSec: 120 }, () => [10]);
  return figures;
}
