// The process `npm run bench -- --instructions` runs under valgrind, bundled (instructions.ts):
// `node --single-threaded <bundle> engine N` runs N replications of the 30-day large region,
// `… floor N` N one-year runs of the floor; each prints the missions (customers) it simulated.
import { ColumnPool, simulateReplication } from "@akutt/engine";
import { childJob } from "./instructions.js";
import { floorRun } from "./mmc-floor.js";
import { benchInputs, largeBenchRegion } from "./synthetic-region.js";

const job = childJob(process.argv.slice(2));
let missions = 0;
if (job.kind === "engine") {
  const inputs = benchInputs(largeBenchRegion(30));
  const columns = new ColumnPool();
  for (let r = 0; r < job.runs; r++) missions += simulateReplication(inputs, 2, r, columns).incidents.count;
} else {
  for (let r = 0; r < job.runs; r++) missions += floorRun(365, r + 2).customers;
}
process.stdout.write(`${missions}\n`);
